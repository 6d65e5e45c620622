"""Stage 4, events: the hand-coded events and the automatic candidates."""
