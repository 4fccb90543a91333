"""What the analysis knows: reading and validating data files, studies (study.yaml and
its files), the stance target record, and the knowledge bundle every measure takes.
"""
