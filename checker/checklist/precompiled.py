"""The bundled checklists, resolved ahead of time, so a single check neither imports PyYAML nor merges ``extends``.

``checklists/compiled.json`` holds, for every bundled id, the resolved document and its lineage,
with a digest of each YAML file it came from. ``scripts/generate_docs.py`` writes it and the docs
test fails when it lags behind the YAML; at run time a digest that no longer matches (a bundled
file edited in place) makes the loader fall back to the YAML, so an edit is never silently ignored.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from checker.checklist.inheritance import Layer, Resolved, resolve
from checker.checklist.loading import bundled_folder, bundled_ids

COMPILED = "compiled.json"


def _digest(name: str) -> str:
    text = (bundled_folder() / f"{name}.yaml").read_bytes()
    return hashlib.sha256(text).hexdigest()


def render() -> str:
    """The text of ``compiled.json`` for the bundled checklists as they now are."""
    compiled: dict[str, Any] = {}
    for name in bundled_ids():
        resolved = resolve(name)
        compiled[name] = {
            "digests": {layer.name: _digest(layer.name) for layer in resolved.layers},
            "origin": resolved.origin,
            "layers": [layer._asdict() for layer in resolved.layers],
            "document": resolved.document,
        }
    return json.dumps(compiled, ensure_ascii=False, indent=1) + "\n"


@cache
def _compiled() -> dict[str, Any]:
    try:
        data = json.loads((bundled_folder() / COMPILED).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def lookup(name: str) -> Resolved | None:
    """The precompiled form of bundled checklist ``name``, or None (not bundled, or its YAML changed since)."""
    entry = _compiled().get(name)
    if entry is None:
        return None
    try:
        if any(_digest(layer) != digest for layer, digest in entry["digests"].items()):
            return None
    except OSError:
        return None
    layers = tuple(_layer(layer) for layer in entry["layers"])
    return Resolved(entry["document"], entry["origin"], layers, bundled=True)


def _layer(raw: dict[str, Any]) -> Layer:
    """A lineage entry back from JSON (its lists were tuples)."""
    fields: dict[str, Any] = {key: tuple(value) if isinstance(value, list) else value for key, value in raw.items()}
    return Layer(**fields)
