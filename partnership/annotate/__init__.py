"""Stages 2 and 3, annotation: mentions of entities, dates, quantities, claims and hedges, each with its codebook loader."""
