"""Shared text utilities: word keys that pre-filter patterns (read from literal phrases, or
from a regular expression's parse tree by ``regexkeys``), and the safety check of regular
expressions that come from users' data files.
"""
