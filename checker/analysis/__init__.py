"""Stage 4, analysis: which year each sentence is about (timescope), fuzzy phrase search (fuzzy), per-element matching, the present/weak/missing score, and evidence quotes."""
