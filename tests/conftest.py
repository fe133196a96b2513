"""Shared fixtures: our own sample reports, and the real reports in ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.run.checklists import load

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "samples"
EXAMPLE = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告.txt"
SHARED_REPORTS = ROOT.parent / "shared" / "reports"


@pytest.fixture(scope="session")
def national():
    return load("national")


@pytest.fixture
def shared_reports() -> Path:
    """The real published reports beside the checkout; tests using them skip in a user's clone."""
    if not SHARED_REPORTS.is_dir():
        pytest.skip("../shared/reports is not beside this checkout")
    return SHARED_REPORTS
