"""Pretty-printed JSON, written fast: the one way every JSON output format turns data into text.

The standard library's encoder falls back to pure Python as soon as ``indent`` is set, which made
writing the JSON report about a tenth of a whole check. orjson (a compiled encoder) with
``OPT_INDENT_2`` writes the very same bytes — two-space indent, ``": "`` after keys, Chinese
kept as UTF-8, the same float and escape forms; the snapshot guard in
benchmarks/snapshot_outputs.py compares them byte for byte — so files stay readable and diffable.
Data orjson refuses (an integer beyond 64 bits) goes through the standard encoder instead.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def pretty(data: Any) -> str:
    """``data`` as JSON text with a two-space indent and non-ASCII kept, ending in a newline."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    except TypeError:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
