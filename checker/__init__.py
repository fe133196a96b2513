"""rolcheck: checks an annual rule-of-law government report against a declarative checklist."""

__version__ = "0.1.0"
