"""Stages 5 and 6, the report: chart data and drawing, findings, and the rendered site."""
