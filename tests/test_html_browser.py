"""The HTML gap report in a real browser: rows, badges, evidence anchors both ways, no script runs.

Uses Debian's Chromium through Playwright (``executable_path=/usr/bin/chromium``); `.ci/run`
installs both. Skips with the reason when either is missing (a user's machine without them).
The screenshot is saved under ``reports_out/`` (``ROLCHECK_SCREENSHOT_DIR`` to change) for a
person to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from checker.output.renderers.html_report import render
from checker.run.pipeline import check

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    with playwright_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        except Exception as error:  # the browser exists but cannot start here
            pytest.skip(f"Chromium did not start: {str(error).splitlines()[0]}")
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def write_report(tmp_path: Path, source: Path, national, lang: str = "zh") -> Path:
    target = tmp_path / f"{source.stem}.html"
    target.write_text("".join(render(check(source, national), lang)), "utf-8")
    return target


def test_rows_badges_and_evidence_anchors_work(tmp_path, page, national):
    result = check(SAMPLES / "aside_only.txt", national)
    html = write_report(tmp_path, SAMPLES / "aside_only.txt", national)
    page.goto(html.as_uri())
    rows = page.locator("#elements tbody tr.element")
    assert rows.count() == len(result.elements)
    badges = {row.get_attribute("id"): row.locator(".badge").inner_text() for row in rows.all()}
    expected = {f"el-{e.element.id}": {"present": "具备", "weak": "薄弱", "missing": "缺失"}[e.status] for e in result.elements}
    assert badges == expected

    problems = next(e for e in result.elements if e.element.id == "problems")
    line = problems.evidence[0].line
    page.locator("#el-problems a.evidence-link").first.click()
    assert page.evaluate("location.hash") == f"#L{line}"
    target = page.locator(f"#L{line}")
    assert "hit" in target.get_attribute("class")
    assert target.is_visible() and target.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")
    assert problems.evidence[0].quote[:10] in target.inner_text().replace(" ", "")

    target.locator("a.back-link[href='#el-problems']").click()
    assert page.evaluate("location.hash") == "#el-problems"

    page.goto(html.as_uri())
    page.locator("#el-problem_causes a").first.click()
    card = page.locator("#gap-problem_causes")
    assert "督察规定" in card.inner_text() and "究其原因" in card.inner_text()

    shots = Path(os.environ.get("ROLCHECK_SCREENSHOT_DIR", ROOT / "reports_out"))
    shots.mkdir(parents=True, exist_ok=True)
    page.goto(html.as_uri())
    page.screenshot(path=str(shots / "html-report.png"), full_page=True)
    assert (shots / "html-report.png").stat().st_size > 10_000


def test_report_text_with_markup_is_shown_not_run(tmp_path, page, national):
    hostile = tmp_path / "hostile.txt"
    text = (SAMPLES / "complete.txt").read_text("utf-8")
    text = text.replace("一、", "一、<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">", 1)
    hostile.write_text(text, "utf-8")
    html = write_report(tmp_path, hostile, national)
    page.goto(html.as_uri())
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0
    assert "<script>window.pwned = 1</script>" in page.locator("ol.source").inner_text()


def test_english_interface(tmp_path, page, national):
    html = write_report(tmp_path, SAMPLES / "hollow_problems.txt", national, lang="en")
    page.goto(html.as_uri())
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#el-problems .badge").inner_text() == "weak"
    assert "Legal basis" in page.locator("#gap-problems").inner_text()
