"""Generated documentation (checklist catalogues, docs/checks.md): used by scripts/generate_docs.py and its test, never by a check."""
