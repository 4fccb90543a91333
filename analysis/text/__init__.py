"""Shared text utilities: word keys that pre-filter patterns, and the safety check of
regular expressions that come from users' data files.
"""
