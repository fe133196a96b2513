"""Uploaded files of one request, streamed by python-multipart into that request's temporary folder.

Every byte of an upload goes to one place only: a file named by its position (``001.docx``) in
a folder made for the request and removed with it, never under the name the browser sent. The
limits hold while the body streams in, before anything is checked: each file at most
``max_bytes``, at most ``MAX_FILES`` files, and the whole body at most ``TOTAL_FACTOR`` times
``max_bytes`` (the answer page carries every download, so it must stay bounded too). The
name the user gave is kept only for display, stripped of folders and control characters.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from checker.common.errors import InputError

MAX_FILES = 50
TOTAL_FACTOR = 4  # one request: at most four files' worth of bytes (80 MB with the default 20 MB limit)
MAX_NAME_CHARS = 120
FORM_OVERHEAD = 64 * 1024  # boundaries, part headers and the small form fields
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


class UploadTooLarge(InputError):
    """An upload over the size limit (HTTP 413)."""


@dataclass
class Upload:
    """One uploaded file: the name the user gave (for display) and where it was saved."""

    name: str
    path: Path


@dataclass
class Form:
    """What a request carried: the files, and the text fields by name."""

    files: list[Upload] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


def total_limit(max_bytes: int) -> int:
    """The most a whole request body may carry."""
    return max_bytes * TOTAL_FACTOR + FORM_OVERHEAD


def display_name(raw: bytes, index: int) -> str:
    """The browser's file name, safe to show and to use as a report's path in outputs: no folders, no control characters."""
    text = raw.decode("utf-8", errors="replace")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = _UNSAFE_NAME.sub("_", text).strip(" .")
    return text[:MAX_NAME_CHARS] or f"上传文件{index}"


async def receive(content_type: str, chunks: AsyncIterator[bytes], folder: Path, max_bytes: int, suffixes: tuple[str, ...]) -> Form:
    """Parse a ``multipart/form-data`` body into ``folder``; raises ``InputError`` (``UploadTooLarge`` for limits)."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise InputError("请求不是文件上传表单（multipart/form-data）")
    state = _Parts(folder, max_bytes, suffixes)
    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": state.begin,
            "on_header_field": state.header_field,
            "on_header_value": state.header_value,
            "on_header_end": state.header_end,
            "on_headers_finished": state.headers_finished,
            "on_part_data": state.data,
            "on_part_end": state.end,
        },
    )
    total, limit = 0, total_limit(max_bytes)
    try:
        async for chunk in chunks:
            total += len(chunk)
            if total > limit:
                raise UploadTooLarge(f"一次上传的内容过大（合计上限 {limit / 1048576:.0f} MB），请分几次上传")
            parser.write(chunk)
        parser.finalize()
    except InputError:
        raise
    except Exception as error:  # python-multipart raises its own errors for malformed bodies
        raise InputError(f"上传表单格式错误（{type(error).__name__}）") from None
    finally:
        state.close()
    return state.form


class _Parts:
    """python-multipart callbacks: headers of the current part, then its data to a file or a field."""

    def __init__(self, folder: Path, max_bytes: int, suffixes: tuple[str, ...]) -> None:
        self.folder, self.max_bytes, self.suffixes = folder, max_bytes, suffixes
        self.form = Form()
        self.headers: dict[bytes, bytes] = {}
        self.field, self.value = b"", b""
        self.stream: IO[bytes] | None = None
        self.name = ""
        self.size = 0
        self.text: bytearray | None = None

    def begin(self) -> None:
        self.headers, self.field, self.value = {}, b"", b""

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self.field += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self.value += data[start:end]

    def header_end(self) -> None:
        self.headers[self.field.lower()] = self.value
        self.field, self.value = b"", b""

    def headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, options = parse_options_header(self.headers.get(b"content-disposition", b""))
        field = options.get(b"name", b"").decode("utf-8", errors="replace")
        self.size = 0
        if options.get(b"filename") == b"":  # a file input left empty: its (empty) data is ignored
            self.stream, self.text = None, None
        elif b"filename" in options:
            if len(self.form.files) >= MAX_FILES:
                raise UploadTooLarge(f"一次最多上传 {MAX_FILES} 个文件")
            index = len(self.form.files) + 1
            self.name = display_name(options[b"filename"], index)
            suffix = Path(self.name).suffix.lower()
            path = self.folder / f"{index:03d}{suffix if suffix in self.suffixes else ''}"
            self.stream = path.open("xb")
            self.form.files.append(Upload(self.name, path))
            self.text = None
        else:
            self.text = bytearray()
            self.name = field

    def data(self, data: bytes, start: int, end: int) -> None:
        self.size += end - start
        if self.stream is not None:
            if self.size > self.max_bytes:
                raise UploadTooLarge(f"{self.name}: 文件过大（上限 {self.max_bytes / 1048576:.0f} MB）")
            self.stream.write(data[start:end])
        elif self.text is not None:
            if self.size > FORM_OVERHEAD:
                raise UploadTooLarge("表单字段过长")
            self.text += data[start:end]

    def end(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        elif self.text is not None:
            self.form.fields[self.name] = self.text.decode("utf-8", errors="replace")
            self.text = None

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
