"""ZIP packages (Word .docx, OFD) opened with decompression bounded by the bytes actually inflated.

A ZIP entry declares its unpacked size, but the declaration is only a claim: a 1 MB .docx can
declare 100 bytes for an XML part that really inflates to a gigabyte. ``zipfile`` asked for a
whole member decompresses it in one call, so trusting the declaration costs all that memory
before the lie is noticed. Here every member is inflated in small chunks and the bytes really
produced are counted against a budget for the member and for the whole package, so a bomb
stops after at most the budget, with one line, in constant memory.

Formats read through a library that opens the ZIP itself (python-docx) are first walked once
with ``verify``: after it, every member is known to inflate to exactly what it declares, and
the declared total is within the budget, so the library's own reads are bounded too.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from checker.common.errors import InputError

# A package bigger than this unpacked is refused: reports are a few MB of XML at most.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# More members than this is not a document (an OFD of a long report has a few hundred).
MAX_MEMBERS = 20_000
_CHUNK = 64 * 1024
_LOCAL_HEADER = 30


class Package:
    """An opened ZIP package whose members are read with the inflated bytes counted."""

    def __init__(self, data: bytes, path: Path, what: str, max_unpacked: int | None = None) -> None:
        """Open ``data``; ``what`` names the format in messages ("Word 文档", "OFD 文件")."""
        self.path, self.what = path, what
        self.limit = MAX_UNPACKED_BYTES if max_unpacked is None else max_unpacked
        self.inflated = 0
        self._counted: set[str] = set()
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.infos = {info.filename: info for info in self.zip.infolist()}
        except (zipfile.BadZipFile, ValueError, EOFError, OSError, zlib.error, NotImplementedError):
            raise self.damaged() from None
        if len(self.infos) > MAX_MEMBERS:
            raise InputError(f"{path}: {what}包含 {len(self.infos)} 个部件，不像一份报告，拒绝读取")
        declared = sum(info.file_size for info in self.infos.values())
        if declared > self.limit:
            raise self.too_big(declared)

    def names(self) -> list[str]:
        return list(self.infos)

    def damaged(self) -> InputError:
        return InputError(f"{self.path}: {self.what}已损坏或不完整（ZIP 结构无法读取），可能下载中断；请重新导出或下载后再检查")

    def too_big(self, size: int) -> InputError:
        return InputError(f"{self.path}: {self.what}解压后过大（超过 {self.limit / 1048576:.0f} MB，实际至少 {size / 1048576:.0f} MB），拒绝读取")

    def read(self, name: str) -> bytes:
        """The member ``name`` inflated, refused once it passes its declared size or the package's budget."""
        out = bytearray()
        self._inflate(self._info(name), out.extend)
        return bytes(out)

    def scan(self, name: str, sink: Callable[[bytes], None]) -> None:
        """Inflate the member ``name`` under the same bounds as ``read``, handing each chunk to ``sink`` and keeping none."""
        self._inflate(self._info(name), sink)

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = self.infos.get(name)
        if info is None:
            raise InputError(f"{self.path}: {self.what}缺少部件 {name}，文件不完整或不是该格式")
        return info

    def verify(self) -> None:
        """Inflate every member not read yet once, discarding the output: each must produce exactly what it declares.

        A member already read or scanned was checked the same way as it was inflated, so it is not inflated again.
        """
        for name, info in self.infos.items():
            if name not in self._counted:
                self._inflate(info, None)

    def _inflate(self, info: zipfile.ZipInfo, sink: Callable[[bytes], None] | None) -> None:
        """Inflate one member ourselves, from its raw bytes, at most ``_CHUNK`` bytes of output per call.

        ``zipfile`` trims its output to the declared size, so a member with a forged CRC passes its
        reads while the rest of its stream is never looked at, and a library reading it whole inflates
        all of it at once; here the stream must end exactly where the declaration says.
        """
        if info.flag_bits & 0x1:
            raise InputError(f"{self.path}: {self.what}的部件 {info.filename} 已加密，无法读取")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(f"{self.path}: {self.what}的部件 {info.filename} 使用了不支持的压缩方式（{info.compress_type}）")
        raw = self._raw(info)
        produced, crc = 0, 0
        inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
        pending = raw
        while pending:
            try:
                if inflater is None:
                    chunk, pending = pending[:_CHUNK], pending[_CHUNK:]
                else:
                    chunk = inflater.decompress(pending, _CHUNK)
                    pending = inflater.unconsumed_tail
            except zlib.error:
                raise self._lies(info) from None
            if not chunk and inflater is not None and (inflater.eof or not pending):
                break
            produced += len(chunk)
            if produced > info.file_size:
                raise self._lies(info)
            if self.inflated + produced > self.limit:
                raise self.too_big(self.inflated + produced)
            crc = zlib.crc32(chunk, crc)
            if sink is not None:
                sink(chunk)
        if inflater is not None and not inflater.eof:
            raise self._lies(info)  # the stream breaks off: a truncated download
        if produced != info.file_size or crc != info.CRC:
            raise self._lies(info)
        if info.filename not in self._counted:  # a member read twice counts once
            self._counted.add(info.filename)
            self.inflated += produced

    def _raw(self, info: zipfile.ZipInfo) -> bytes:
        """The member's stored (compressed) bytes, found through its local header."""
        fp = self.zip.fp
        assert fp is not None
        fp.seek(info.header_offset)
        header = fp.read(_LOCAL_HEADER)
        if len(header) != _LOCAL_HEADER or header[:4] != b"PK\x03\x04":
            raise self.damaged()
        name_length, extra_length = struct.unpack_from("<HH", header, 26)  # APPNOTE 4.3.7
        fp.seek(name_length + extra_length, 1)
        raw = fp.read(info.compress_size)
        if len(raw) != info.compress_size:
            raise self.damaged()
        return raw

    def _lies(self, info: zipfile.ZipInfo) -> InputError:
        return InputError(
            f"{self.path}: {self.what}的部件 {info.filename} 解压后的内容与声明的大小（{info.file_size} 字节）不符或校验失败，"
            "文件已损坏或被篡改，拒绝读取"
        )
