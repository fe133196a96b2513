"""Stage 1, reading: bytes of any accepted file to numbered source lines (readers), then one canonical text for matching that keeps a map back to those lines (normalise)."""
