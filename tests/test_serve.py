"""``rolcheck serve`` as its users meet it: the real command on a free port, a real Chromium, real uploads.

The server runs as a subprocess (``python -m checker serve --port 0``) with its own TMPDIR, so
the tests can see that uploads live only in a per-request temporary folder that is gone after the
answer. The page is driven with Playwright on Debian's Chromium (as tests/test_html_browser.py);
the bad cases go over plain HTTP with httpx. Skips without the ``serve`` extra or Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import docx
import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed (pip install '.[serve]')")
pytest.importorskip("uvicorn", reason="the serve extra is not installed (pip install '.[serve]')")
httpx = pytest.importorskip("httpx", reason="httpx is not installed (pip install '.[test]')")

from checker.commands.serve import is_loopback  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "青溪县2025年度法治政府建设情况报告（征求意见稿）.txt"
DEPARTMENT = ROOT / "tests" / "data" / "issuers" / "department_2023.txt"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def _start(tmp: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """Start ``rolcheck serve`` and return it with the address it printed."""
    env = {**os.environ, "TMPDIR": str(tmp / "tmp"), "PYTHONUNBUFFERED": "1"}
    (tmp / "tmp").mkdir(exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "serve", "--port", "0", *args], cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    line = process.stdout.readline() if process.stdout else ""
    if "http://" not in line:
        process.kill()
        raise AssertionError(f"serve did not start: {line!r} {process.stderr.read() if process.stderr else ''}")
    return process, line.split("http://", 1)[1].split()[0].rstrip("/")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The page on a free port with a 1 MB limit per file: (base URL, the server's TMPDIR, its working folder)."""
    folder = tmp_path_factory.mktemp("serve")
    process, address = _start(folder, "--max-size", "1")
    yield f"http://{address}", folder / "tmp", folder
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def draft_docx(tmp_path_factory) -> Path:
    """The draft example as a drafting team's .docx."""
    path = tmp_path_factory.mktemp("upload") / "青溪县2025年度报告（征求意见稿）.docx"
    document = docx.Document()
    for line in DRAFT.read_text("utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip(), style="Heading 1" if line[:2] in ("一、", "二、") else None)
    document.save(path)
    return path


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    with playwright_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        except Exception as error:
            pytest.skip(f"Chromium did not start: {str(error).splitlines()[0]}")
        yield launched
        launched.close()


def _leftovers(tmp: Path) -> list[str]:
    return sorted(path.name for path in tmp.iterdir())


def test_drop_a_docx_read_the_gaps_and_download_the_comments(server, browser, draft_docx, tmp_path):
    url, tmp, _ = server
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(url + "/")
    page.set_input_files("#reports", str(draft_docx))
    page.click("#submit")
    page.wait_for_selector(".verdict")
    assert "不合格" in page.inner_text(".verdict")
    assert "按发文机关" in page.inner_text(".chosen")
    gaps = page.locator(".gaps li").all_inner_texts()
    assert "缺失（必备）：不足的原因" in gaps and "薄弱（必备）：存在的不足" in gaps
    frame = page.frame_locator("iframe.gap-report")
    assert "不足的原因" in frame.locator("#elements").inner_text()
    with page.expect_download() as download:
        page.click(".download-docx")
    assert download.value.suggested_filename == f"{draft_docx.stem}.rolcheck.docx"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    comments = list(docx.Document(saved).comments)
    assert comments and all(comment.author == "rolcheck" for comment in comments)
    assert any(comment.text.startswith("【缺失·必备要素】不足的原因") for comment in comments)
    context.close()
    assert _leftovers(tmp) == []  # the request's folder is gone with the answer


def test_a_file_dropped_on_the_page_is_uploaded(server, browser):
    url, tmp, _ = server
    page = browser.new_page()
    page.goto(url + "/")
    text = DEPARTMENT.read_text("utf-8")
    # Drag and drop as a file manager does it: a DataTransfer with the file, dropped on the zone.
    dropped = page.evaluate_handle(
        "(text) => { const data = new DataTransfer(); data.items.add(new File([text], 'department_2023.txt', {type: 'text/plain'})); return data; }",
        text,
    )
    page.dispatch_event("#drop", "dragover", {"dataTransfer": dropped})
    assert "over" in (page.get_attribute("#drop", "class") or "")
    page.dispatch_event("#drop", "drop", {"dataTransfer": dropped})
    assert page.evaluate("document.getElementById('reports').files[0].name") == "department_2023.txt"
    page.click("#submit")
    page.wait_for_selector(".verdict")
    assert page.inner_text("h2.name") == "department_2023.txt"
    assert "department" in page.inner_text(".chosen")
    page.close()
    assert _leftovers(tmp) == []


def test_several_files_get_the_dashboard_and_a_section_each(server, browser, draft_docx):
    url, tmp, _ = server
    page = browser.new_page()
    page.goto(url + "/")
    page.set_input_files("#reports", [str(draft_docx), str(DEPARTMENT)])
    page.click("#submit")
    page.wait_for_selector("#dashboard")
    assert page.locator("section.report").count() == 2
    chosen = page.locator(".chosen").all_inner_texts()
    assert "department" in chosen[1] and "政府部门" in chosen[1]
    assert "department_2023.txt" in page.frame_locator("#dashboard").locator("body").inner_text()
    page.close()
    assert _leftovers(tmp) == []


def test_too_large_is_refused_with_413(server):
    url, tmp, _ = server
    big = ("2025年，青溪县持续推进依法行政。" * 40000).encode("utf-8")  # about 1.4 MB, over the 1 MB limit
    response = httpx.post(url + "/check", files={"reports": ("big.txt", big, "text/plain")}, timeout=120)
    assert response.status_code == 413
    assert "文件过大" in response.text and "1 MB" in response.text
    assert _leftovers(tmp) == []


def test_a_request_over_the_total_limit_is_refused_before_it_is_read(server):
    url, tmp, _ = server
    small = DRAFT.read_bytes()
    files = [("reports", (f"{index}.txt", small * 200, "text/plain")) for index in range(5)]  # each 0.87 MB, under 1 MB; 4.3 MB in all
    response = httpx.post(url + "/check", files=files, timeout=120)
    assert response.status_code == 413 and "合计上限 4 MB" in response.text
    assert _leftovers(tmp) == []


def test_not_a_report_is_one_clear_line_without_server_paths(server):
    url, tmp, _ = server
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = httpx.post(url + "/check", files={"reports": ("报告.docx", png, "application/octet-stream")}, timeout=120)
    assert response.status_code == 400
    assert "报告.docx: 扩展名是 .docx，但内容不是 Word 文档" in response.text
    assert "rolcheck-serve-" not in response.text and str(tmp) not in response.text
    assert _leftovers(tmp) == []


def test_a_hostile_file_name_is_shown_harmlessly_and_never_used_as_a_path(server):
    url, tmp, folder = server
    # Built by hand, as a browser sends it: the name raw in UTF-8, with Windows folders and a control character.
    boundary = "rolcheckHostileName"
    name = "..\\..\\青溪/../evil<img src=x onerror=alert(1)>\x07.txt".encode("utf-8")
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="reports"; filename="'.encode()
    body = head + name + b'"\r\nContent-Type: text/plain\r\n\r\n' + DRAFT.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    response = httpx.post(url + "/check", content=body, headers={"content-type": f"multipart/form-data; boundary={boundary}"}, timeout=120)
    assert response.status_code == 200
    assert "<img src=x" not in response.text and "\x07" not in response.text
    assert '<h2 class="name">evil_img src=x onerror=alert(1)__.txt</h2>' in response.text
    assert list(folder.rglob("*evil*")) == [] and list(folder.parent.glob("*evil*")) == []
    assert _leftovers(tmp) == []


def test_a_form_without_files_or_with_an_unknown_checklist_is_400(server):
    url, _, _ = server
    assert httpx.post(url + "/check", data={"checklist": "auto"}, files={"reports": ("", b"", "application/octet-stream")}, timeout=60).status_code == 400
    response = httpx.post(url + "/check", data={"checklist": "../../etc/passwd"}, files={"reports": ("a.txt", DRAFT.read_bytes())}, timeout=60)
    assert response.status_code == 400 and "没有名为" in response.text
    assert httpx.post(url + "/check", content=b"not a form", headers={"content-type": "text/plain"}, timeout=60).status_code == 400


def test_another_host_name_is_refused(server):
    url, _, _ = server
    assert httpx.get(url + "/", headers={"host": "rebind.example"}, timeout=60).status_code == 400


def test_several_users_at_once(server):
    url, tmp, _ = server
    answers: list[int] = []

    def post(path: Path) -> None:
        answers.append(httpx.post(url + "/check", files={"reports": (path.name, path.read_bytes())}, timeout=120).status_code)

    threads = [threading.Thread(target=post, args=(path,)) for path in (DRAFT, DEPARTMENT, DRAFT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert answers == [200, 200, 200]
    assert _leftovers(tmp) == []


def test_loopback_by_default_and_a_warning_for_any_other_address(tmp_path):
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")
    process, address = _start(tmp_path, "--host", "0.0.0.0")
    process.terminate()
    _, err = process.communicate(timeout=30)
    assert address.startswith("0.0.0.0:")
    assert "警告" in err and "所有人开放" in err
