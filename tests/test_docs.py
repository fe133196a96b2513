"""Docs that are generated must be current: the checklist catalogues and the output-format examples."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def test_generated_docs_are_current(capsys):
    spec = importlib.util.spec_from_file_location("generate_docs", ROOT / "scripts" / "generate_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    code = module.main(["--check"])
    assert code == 0, capsys.readouterr().out


def test_every_registered_format_has_a_docs_page():
    from checker.output import renderers

    for name in renderers.names():
        assert (ROOT / "docs" / "formats" / f"{name}.md").exists(), name
