"""The batch dashboard and the report page header as a reviewer sees them, in Debian's Chromium.

Launching is shared with ``test_html_browser.py`` (Playwright driving ``/usr/bin/chromium``,
skipping with the reason when either is missing). Screenshots go under ``reports_out/``
(``ROLCHECK_SCREENSHOT_DIR`` to change) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT
from test_html_browser import browser  # noqa: F401  (the module-scoped Chromium fixture)

from checker.run.checklists import load
from checker.run.runner import Options, run

DRAFT = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"
FAILING = ROOT / "checklists" / "examples" / "national" / "fail" / "青溪县2025年度法治政府建设情况报告（无原因分析）.txt"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("dashboard")
    inputs = tmp_path_factory.mktemp("reports")
    for source in (EXAMPLE, DRAFT, FAILING):
        shutil.copy(source, inputs / source.name)
    options = Options(inputs=[str(inputs)], checklist=load("national"), formats=["html"], out_dir=out, quiet=True, jobs=1)
    run(options)
    return out


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def _shots() -> Path:
    folder = Path(os.environ.get("ROLCHECK_SCREENSHOT_DIR", ROOT / "reports_out"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_columns_are_short_chinese_names_grouped_by_kind(batch, page):
    national = load("national")
    page.goto((batch / "index.html").as_uri())
    headers = page.locator("thead th.el")
    required = [e for e in national.elements if e.required]
    recommended = [e for e in national.elements if not e.required]
    assert headers.all_inner_texts() == [e.short_name for e in required + recommended]
    assert "problem_causes" not in " ".join(headers.all_inner_texts())  # ids only in tooltips
    assert headers.nth(3).get_attribute("title") == "不足的原因（problem_causes）"
    groups = page.locator("thead th.group")
    assert groups.all_inner_texts() == ["必备要素", "建议要素"]
    assert [groups.nth(i).get_attribute("colspan") for i in range(2)] == [str(len(required)), str(len(recommended))]
    # A visible rule between the last required and the first recommended column.
    first_recommended = headers.nth(len(required))
    assert first_recommended.evaluate("node => getComputedStyle(node).borderLeftWidth") == "3px"
    assert headers.nth(len(required) - 1).evaluate("node => getComputedStyle(node).borderLeftWidth") != "3px"
    # The recipient, as the terminal shows it.
    assert "报送：云岭市人民政府" in page.locator("#dashboard tbody").inner_text()
    page.screenshot(path=str(_shots() / "dashboard.png"), full_page=True)


def test_every_cell_opens_that_element_in_that_report(batch, page):
    page.goto((batch / "index.html").as_uri())
    row = page.locator("#dashboard tbody tr", has_text="无原因分析")
    cells = row.locator("td.cell a")
    assert cells.count() == len(load("national").elements)
    cells.nth(3).click()
    page.wait_for_load_state()
    assert page.url.endswith("#el-problem_causes")
    assert "无原因分析" in Path(page.url.split("#")[0]).name or "%EF%BC%88" in page.url
    target = page.locator("#el-problem_causes")
    assert target.count() == 1 and "缺失" in target.locator(".badge").inner_text()


@pytest.mark.parametrize("width", [1200, 720, 420])
def test_the_report_header_never_breaks_a_label(batch, browser, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(next(batch.glob("*征求意见稿*.html")).as_uri())
    labels = page.locator("header dl.meta dt")
    assert labels.count() >= 5
    for index in range(labels.count()):
        height, line = labels.nth(index).evaluate("node => [node.getBoundingClientRect().height, parseFloat(getComputedStyle(node).lineHeight)]")
        assert height < 1.5 * line, (width, labels.nth(index).inner_text())  # one line: the label is not broken
    for header in page.locator("#elements thead th").all():
        height, line = header.evaluate("node => [node.getBoundingClientRect().height, parseFloat(getComputedStyle(node).lineHeight)]")
        assert height < 1.5 * line + 16, (width, header.inner_text())  # padding included
    if width == 720:
        page.screenshot(path=str(_shots() / "report-header.png"))
    context.close()
