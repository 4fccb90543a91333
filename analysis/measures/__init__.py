"""Step 3: one module per framing measure (loaded language, evaluative rate, prominence,
stance by cue lists and by the general coder, tone, readability, agency, sources, frames,
Entman's functions) and ``metrics``, the one analysis of an article that combines them.
"""
