"""Validation against hand coding: quote matching, agreement statistics (percent, kappa,
alpha) and coding sheets for a researcher's own corpus.
"""
