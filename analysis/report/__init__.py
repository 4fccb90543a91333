"""Step 4: the report: executing the notebooks, rendering the site, and the tables and
figures the notebooks show.
"""
