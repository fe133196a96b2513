"""Stage 2, text structure: the section tree from Chinese numbering (outline) and what the report says about itself (metadata)."""
