"""Jinja2 templates and the shared stylesheet of the HTML outputs (gap report and dashboard)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load(name: str):
    """The autoescaping template ``name`` and the stylesheet, read once per process.

    Jinja2 is imported here, on first use, so runs without HTML output never import it.
    """
    from jinja2 import Environment

    folder = resources.files(__name__)
    environment = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return environment.from_string(folder.joinpath(name).read_text("utf-8")), folder.joinpath("style.css").read_text("utf-8")
