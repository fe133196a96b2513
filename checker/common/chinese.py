"""What rolcheck knows about how Chinese official documents are written, in one place.

Every stage that needs to recognise numbering, a date line, an issuer, a heading or a year
placeholder imports it from here, so a new numbering style or issuer ending is taught once and
the reader, the normaliser, the outline, the metadata extractor and the rules agree on it.
None of it names a checklist element: this is knowledge of the script and of 公文 conventions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from checker.common import re_cache

# ---------------------------------------------------------------- file names
# A file name that looks like an annual report (法治政府建设年度报告, 2025年工作报告, 依法行政工作总结 …):
# what the pre-commit hook checks by default, so README.md in the same commit is left alone.
REPORT_NAME = re_cache.compile(r"法治|依法行政|年度报告|工作报告|情况报告|工作总结")

# ---------------------------------------------------------------- numbering and headings
CN_NUMERALS = "一二三四五六七八九十"
# (rank, pattern) in the conventional order of 公文 numbering (GB/T 9704): 一、 > （一） > 1. > （1）;
# lower rank = higher level. Markdown heading levels use ranks 1–6, so a plain "1." under a
# "### （一）" still nests below it.
NUMBERING = (
    (10, re_cache.compile(rf"^[{CN_NUMERALS}]+[、．.]")),
    # "第一部分　…" (some reports number their top-level parts so); the separator after it is optional.
    (10, re_cache.compile(rf"^第[{CN_NUMERALS}]+部分[、．.：]?")),
    (20, re_cache.compile(rf"^（[{CN_NUMERALS}]+）")),
    (30, re_cache.compile(r"^\d{1,2}[、．.](?!\d)")),
    (40, re_cache.compile(r"^（\d{1,2}）")),
)
# The same four styles as one alternation, for "does this line start with heading numbering".
HEADING_NUMBER = rf"[{CN_NUMERALS}]+[、．.]|第[{CN_NUMERALS}]+部分|（[{CN_NUMERALS}]+）|\d{{1,2}}[、．.](?!\d)|（\d{{1,2}}）"
HEADING_START = re_cache.compile(rf"^(?:{HEADING_NUMBER})")
BULLETS = "•●▪◆"  # Markdown list items arrive as "•"
# A line starting like this begins something new (a heading or a 一是 item).
OUTLINE_START = re_cache.compile(rf"^(?:{HEADING_NUMBER}|[{CN_NUMERALS}]+是|[{BULLETS}])")
# An item marker: 一是 / 二是 … at a paragraph start or after punctuation (so 统一是 is not one), or a
# bullet at a paragraph start.
ITEM = re_cache.compile(rf"(?:^|(?<=[。；：，、！？]))([{CN_NUMERALS}]{{1,3}}是)(?=[^，。；]{{2}})|^([{BULLETS}])")
# The numbering at the start of a listed item's text, left out when items are compared.
ITEM_MARKER = re_cache.compile(rf"^(?:[{CN_NUMERALS}]+是|[{CN_NUMERALS}]+、|（[{CN_NUMERALS}\d]+）|\d{{1,2}}[、．.])[，：]?")

SENTENCE_PUNCTUATION = "。；！？"
# Where a quote may be cut without breaking a phrase: after these marks (and spaces).
QUOTE_BREAKS = "。；！？，、：,.;:!?）)」』”’　 "


def shorten(text: str, limit: int) -> str:
    """``text`` cut to about ``limit`` characters after a punctuation mark (else at the limit), "…" marking the cut."""
    if len(text) <= limit:
        return text
    cut = max((at for at in range(limit // 2, limit + 1) if text[at - 1] in QUOTE_BREAKS), default=limit)
    return text[:cut].rstrip("，、：,:;； ") + "…"
# A heading line has at most this many characters and no sentence punctuation inside.
HEADING_MAX_CHARS = 40


def numbering_rank(text: str) -> tuple[int, str] | None:
    """The rank and marker of a numbered heading or item line, or None."""
    for rank, pattern in NUMBERING:
        found = pattern.match(text)
        if found:
            return rank, found.group(0)
    return None


# ---------------------------------------------------------------- dates, issuers, years
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE = re_cache.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DATE = re_cache.compile(r"^([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$")
_ISO_LIKE = re_cache.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
# A signature date on a line of its own: 2024年1月5日 or 二〇二四年一月五日.
DATE_LINE = re_cache.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$|^[〇零一二三四五六七八九十○]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")
# How the name of an issuing body ends (人民政府, …局, …委员会): a line ending so is a signature or issuer line.
ISSUER_END = re_cache.compile(r"(?:人民政府|政府|委员会|局|厅|委|办公室|办|中心|管委会|县委|市委)$")
YEAR = re_cache.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
# Keys of the metadata block that government web pages put above an article.
PAGE_META_KEYS = ("索引号", "发布机构", "文号", "发布日期", "成文日期", "主题分类", "有效性", "信息来源")
# Other spellings of those keys on real pages, mapped to the names above; the keys after them only
# end a value ("来源：县司法局" names the drafting office, not the issuer).
PAGE_META_ALIASES = {"发文机关": "发布机构", "发文机构": "发布机构", "制发机构": "发布机构", "发文字号": "文号", "发布时间": "发布日期"}
PAGE_META_STOPS = ("文章来源", "来源", "更新时间", "浏览次数", "标题", "字号")
# A date line that says the weekday ("2019年12月3日星期二", "今天是：…") is a web page's masthead:
# a report's own dates never name the weekday.
MASTHEAD_DATE = re_cache.compile(r"^(?:今天是[：:]?)?.{0,30}?\d{4}年\d{1,2}月\d{1,2}日\s*(?:星期|周)[一二三四五六日天]")


def _cn_number(text: str) -> int:
    """二十八 → 28, 十二 → 12, 十 → 10."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[char]) for char in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """A signature or publication date as ISO ``YYYY-MM-DD``, or None if ``text`` is not one."""
    text = text.strip()
    if found := _DATE.match(text):
        return _iso(*map(int, found.groups()))
    if found := _CN_DATE.match(text):
        return _iso(int("".join(str(_CN_DIGITS[c]) for c in found.group(1))), _cn_number(found.group(2)), _cn_number(found.group(3)))
    if found := _ISO_LIKE.match(text):
        return _iso(*map(int, found.groups()))
    return None


# Checklist phrases and patterns may say {year} (the reported year) and {next_year}.
YEAR_PLACEHOLDERS = ("year", "next_year")


def fill_years(text: str, year: int) -> str:
    """Replace the ``{year}`` and ``{next_year}`` placeholders of a checklist phrase or pattern."""
    return text.replace("{next_year}", str(year + 1)).replace("{year}", str(year))


def sample_years(pattern: str) -> str:
    """``pattern`` with its placeholders filled by sample years, to compile it when a checklist loads."""
    return fill_years(pattern, 2000)


# ---------------------------------------------------------------- traditional → simplified
# Mirror sites and some portals serve reports converted to traditional script, while every
# heading phrase and evidence term of a checklist is simplified. OpenCC's t2s tables (the
# ``opencc`` package, its C++ library: measured 5–25× faster than the pure-Python
# reimplementation on our reports, docs/input-formats.md) fold them. GB2312 holds simplified
# characters only, so a line that encodes in it needs no conversion. Nearly every report still
# has lines outside it (an em dash "——" is), and OpenCC copies unchanged every character its tables
# map to itself or do not hold: so a line with none of the characters they change and none of their
# phrases (``t2s_keys``, listed from the installed tables by scripts/t2s_keys.py) is left as it is,
# and the converter (16 ms of CPU to import and load, about a tenth of a single check) is loaded
# only for a line that has one. Should the installed tables differ from the listed ones (another
# OpenCC release), every such line goes to OpenCC.
_t2s: Callable[[str], str] | None = None


def _converter() -> Callable[[str], str]:
    global _t2s
    if _t2s is None:
        import opencc  # lazily: most reports never need it

        _t2s = opencc.OpenCC("t2s").convert
    return _t2s


def t2s_tables() -> list[Path] | None:
    """OpenCC's t2s configuration and every dictionary it names, found without importing OpenCC (None: not found)."""
    import importlib.util
    import json

    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return None
    share = Path(list(spec.submodule_search_locations)[0]) / "clib" / "share" / "opencc"
    try:
        config = json.loads((share / "t2s.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    names: list[str] = []

    def named(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                names.append(node["file"])
            for value in node.values():
                named(value)
        elif isinstance(node, list):
            for value in node:
                named(value)

    named(config)
    return [share / "t2s.json", *(share / name for name in sorted(set(names)))]


def t2s_digest(tables: list[Path] | None) -> str | None:
    """A digest of the tables' names and bytes: what ``t2s_keys.KEYS`` was listed from (None: unreadable)."""
    import hashlib

    if tables is None:
        return None
    digest = hashlib.sha256()
    try:
        for table in tables:
            digest.update(table.name.encode("utf-8") + b"\0" + table.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


@cache
def _t2s_index() -> tuple[frozenset[str], dict[str, tuple[str, ...]]] | None:
    """The characters the installed t2s tables change and their phrases by first character (None: not the tables listed)."""
    from checker.common import t2s_keys

    if t2s_digest(t2s_tables()) != t2s_keys.DIGEST:
        return None
    phrases: dict[str, list[str]] = {}
    for phrase in t2s_keys.PHRASES:
        phrases.setdefault(phrase[0], []).append(phrase)
    return frozenset(t2s_keys.CHANGED), {first: tuple(found) for first, found in phrases.items()}


def _opencc_keeps(text: str) -> bool:
    """Whether OpenCC's t2s would return ``text`` as it is (False when that is not known)."""
    index = _t2s_index()
    if index is None:
        return False
    changed, phrases = index
    if not changed.isdisjoint(text):
        return False
    return not any(phrase in text for first in phrases.keys() & set(text) for phrase in phrases[first])


def fold_traditional(text: str) -> str:
    """Traditional characters as simplified, one character out per character in.

    OpenCC converts phrase by phrase and a phrase may change length (rarely, for idioms); then
    the line is converted character by character instead, so the normaliser's map from each
    character back to its line stays exact.
    """
    try:
        text.encode("gb2312")
        return text
    except UnicodeEncodeError:
        pass
    if _opencc_keeps(text):
        return text
    convert = _converter()
    folded = convert(text)
    if len(folded) == len(text):
        return folded
    return "".join(single if len(single := convert(char)) == 1 else char for char in text)


# ---------------------------------------------------------------- full/half-width folding
# Full-width ASCII letters, digits and signs become half-width; the sentence punctuation that
# Chinese writes full-width becomes full-width, so "(一)" and "（一）" compare equal.
_TO_FULLWIDTH = {"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_KEEP_FULLWIDTH = set("（），；：！？")
# Figure, en and horizontal-bar dashes (Word's auto-format) become the Chinese range dash "—".
_DASHES = {"\u2012": "—", "\u2013": "—", "\u2015": "—"}


def is_cjk(char: str) -> bool:
    """A Chinese character, CJK punctuation or a full-width form: no space is kept beside one."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F  # CJK punctuation 、。〔〕「」
        or 0xFF00 <= code <= 0xFFEF  # full-width forms （），：；
        or code in (0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026)  # “ ” ‘ ’ — …
    )


def _width_table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP_FULLWIDTH}
    table.update({ord(blank): " " for blank in "\u3000\t\xa0"})
    table.update({ord(dash): folded for dash, folded in _DASHES.items()})
    table.update({ord(half): full for half, full in _TO_FULLWIDTH.items() if half != ","})
    # A full-width form that folds to a half-width sign Chinese writes full-width folds back to it.
    for code, folded in list(table.items()):
        if folded in _TO_FULLWIDTH and folded != ",":
            table[code] = _TO_FULLWIDTH[folded]
    return table


_WIDTH_TABLE = _width_table()
_COMMA = re_cache.compile(",")


def fold_width(text: str) -> str:
    """Canonical width for one string; one character out per character in, so offsets stay put.

    One ``str.translate`` (in C) does all but the comma, which stays half-width between digits
    ("1,200") of the original text and becomes "，" elsewhere.
    """
    folded = text.translate(_WIDTH_TABLE)
    if folded == text and "," not in text:
        return text  # the line itself, not an equal copy: a long report's text is held once
    if "," not in folded:
        return folded

    def comma(found: re.Match[str]) -> str:
        index = found.start()
        between_digits = 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
        return "," if between_digits else "，"

    return _COMMA.sub(comma, folded)


# ---------------------------------------------------------------- kinds of issuing body
# The kind of body a report comes from, as its name says it; tried in this order, because a
# township's name also ends in 人民政府 and a joint report's name contains both a 委 and a 政府.
ISSUER_KINDS = ("joint", "township", "department", "government")
ISSUER_KIND_LABELS = {"joint": "党委和政府联合", "township": "乡镇（街道）", "department": "政府部门", "government": "人民政府"}
_ISSUER_KIND_PATTERNS = (
    # 中共青溪县委、青溪县人民政府 / 县委 县政府 / 中共青溪县委员会 青溪县人民政府
    ("joint", re_cache.compile(r"(?:中共.{1,20}?委(?:员会)?|[省市州盟县区旗]委)[、，,\s和与及]*.{0,20}?(?:人民)?政府")),
    ("township", re_cache.compile(r"(?:[^省市县区]{1,8}(?:乡|镇)(?:人民政府)?|.{1,12}街道(?:办事处|党工委|工委)?)$")),
    # 局、委、办 and their long forms; 政府办公室 is a department of the government, not the government.
    ("department", re_cache.compile(r"(?:局|委员会|委|办公室|办|厅|中心|支队|大队)$")),
    ("government", re_cache.compile(r"(?:人民政府|政府|[省市州盟县区旗])$")),
)


_WHITESPACE = re_cache.compile(r"\s+")


def issuer_kind(name: str) -> str | None:
    """The kind of issuing body ``name`` is (joint, township, department, government), or None.

    ``name`` is an issuer line or a title's prefix ("青溪县市场监督管理局", "中共青溪县委、青溪县人民政府").
    """
    name = _WHITESPACE.sub("", name).rstrip("：:")
    for kind, pattern in _ISSUER_KIND_PATTERNS:
        if pattern.search(name):
            return kind
    return None
