"""Measuring the extractors: the evaluation set's reader, the scorer, and the hand review of the tables."""
