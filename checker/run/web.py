"""The local page of ``rolcheck serve``: drop reports, read each gap report, download the annotated Word file.

A Starlette app (the ``serve`` extra). One request checks the files it uploads and answers with one
self-contained page: per report its verdict, the checklist chosen and why, its gaps, the HTML gap
report in a sandboxed frame and download links for the JSON and the annotated .docx (as data
URLs, so nothing is kept on the server after the answer); several files also get the dashboard.

Uploads are streamed into a temporary folder made for the request and removed when it ends
(``checker.run.uploads``); checking runs in Starlette's thread pool, so several people on one
machine can use the page at once. On a loopback address only requests naming that address are
answered (a web page elsewhere cannot reach the tool through DNS rebinding).
"""

from __future__ import annotations

import base64
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from checker import __version__
from checker.checklist.model import bundled_ids
from checker.common.errors import InputError, RolcheckError
from checker.output import renderers, templates
from checker.reading.readers import REPORT_SUFFIXES as ACCEPTED
from checker.result import STATUS_LABELS, VERDICT_LABELS, BatchResult, ReportResult, SummaryRow, summarise
from checker.run import checklists, choice, uploads

REPORT_SUFFIXES = tuple(sorted(ACCEPTED))  # every suffix a reader accepts, in a stable order for the page
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class Config:
    """What the page allows: the size of each file, the interface language, the host names it answers to."""

    max_bytes: int
    lang: str = "zh"
    allowed_hosts: tuple[str, ...] = LOOPBACK_NAMES


@dataclass
class Checked:
    """One uploaded report as the page shows it."""

    name: str
    result: ReportResult | None = None
    error: str = ""
    html: str = ""
    docx_url: str = ""
    json_url: str = ""
    gaps: tuple[str, ...] = ()

    @property
    def stem(self) -> str:
        return Path(self.name).stem or "report"


def create_app(config: Config) -> Starlette:
    """The app: ``GET /`` the upload page, ``POST /check`` the checked reports."""

    async def index(request: Request) -> HTMLResponse:
        return _page(config)

    async def check(request: Request) -> HTMLResponse:
        declared = request.headers.get("content-length", "")
        limit = uploads.total_limit(config.max_bytes)
        if declared.isdigit() and int(declared) > limit:
            return _page(config, error=f"一次上传的内容过大（合计上限 {limit / 1048576:.0f} MB），请分几次上传", status=413)
        with tempfile.TemporaryDirectory(prefix="rolcheck-serve-") as folder:
            try:
                form = await uploads.receive(request.headers.get("content-type", ""), request.stream(), Path(folder), config.max_bytes, REPORT_SUFFIXES)
                selection = _selection(form.fields.get("checklist", "auto"))
            except uploads.UploadTooLarge as error:
                return _page(config, error=str(error), status=413)
            except InputError as error:
                return _page(config, error=str(error), status=400)
            if not form.files:
                return _page(config, error="请选择至少一个报告文件", status=400)
            reports = [await run_in_threadpool(_check_one, upload, selection, config) for upload in form.files]
        status = 400 if all(report.error for report in reports) else 200
        return _page(config, reports=reports, dashboard=_dashboard(reports, config) if len(reports) > 1 else "", status=status)

    routes = [Route("/", index, methods=["GET"]), Route("/check", check, methods=["POST"])]
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts))])


def _selection(name: str) -> choice.Selection:
    """``auto`` or a bundled checklist id; the page never loads a checklist from a path."""
    if name in ("", "auto"):
        return choice.Selection()
    if name not in bundled_ids():
        raise InputError(f"没有名为 '{name}' 的内置清单")
    return choice.fixed(checklists.load(name), "按页面上的选择")


def _check_one(upload: uploads.Upload, selection: choice.Selection, config: Config) -> Checked:
    """Check one saved upload and render what the page offers; the temporary path never shows."""
    from checker.run.pipeline import check

    try:
        result = check(upload.path, selection, config.max_bytes)
        annotated = renderers.get("docx").render_bytes(result, config.lang)  # reads the upload: before the path is replaced
    except RolcheckError as error:
        return Checked(upload.name, error=str(error).replace(str(upload.path), upload.name))
    shown = replace(result, path=upload.name)
    gaps = tuple(
        f"{STATUS_LABELS[element.status]}（{'必备' if element.element.required else '建议'}）：{element.element.title}"
        for element in shown.elements
        if element.is_gap
    )
    return Checked(
        upload.name,
        shown,
        html=renderers.get("html").render(shown, config.lang),
        docx_url=_data_url(DOCX_TYPE, annotated),
        json_url=_data_url("application/json;charset=utf-8", renderers.get("json").render_bytes(shown, config.lang)),
        gaps=gaps,
    )


def _data_url(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _dashboard(reports: list[Checked], config: Config) -> str:
    rows = [summarise(report.result, None) if report.result else SummaryRow(report.name, error=report.error) for report in reports]
    used = Counter(report.result.checklist.id for report in reports if report.result)
    if not used:
        return ""
    checklist = next(report.result.checklist for report in reports if report.result and report.result.checklist.id == used.most_common(1)[0][0])
    return renderers.get("index", renderers.BATCH).render(BatchResult(rows, checklist), config.lang)


def _page(config: Config, reports: list[Checked] | None = None, dashboard: str = "", error: str = "", status: int = 200) -> HTMLResponse:
    template, css = templates.load("serve.html.j2")
    context: dict[str, Any] = {
        "css": css,
        "reports": reports or [],
        "dashboard": dashboard,
        "error": error,
        "checklists": bundled_ids(),
        "max_mb": f"{config.max_bytes / 1048576:g}",
        "verdicts": VERDICT_LABELS,
        "version": __version__,
        "suffixes": ",".join(REPORT_SUFFIXES),
    }
    return HTMLResponse(template.render(**context), status_code=status)
