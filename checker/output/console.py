"""Writing to the user's console: never crash on its encoding, colour only where it helps.

A Chinese Windows console, or a pipe there, encodes in GBK (``PYTHONIOENCODING=gbk``, code
page 936), which has 具备/缺失 but not ✓ or ✗: printing the summary ended in
``UnicodeEncodeError``. ``make_safe`` makes a stream degrade instead: the marks GBK lacks become
their nearest GBK look-alikes (✓→√, ✗→×, ☑→√), anything else unencodable becomes "?".

Colour comes from rich, which decides as users expect: colour on a terminal, none in a pipe or
a file, ``NO_COLOR`` turns it off and ``FORCE_COLOR`` on (https://no-color.org, https://force-color.org).
The plain text stays the ``text`` file format; colour is added line by line from the marks.
"""

from __future__ import annotations

import codecs
import io
from typing import TextIO

ERRORS = "rolcheck-fallback"
# Marks of the summary and the dashboard, and a look-alike every Chinese code page has.
FALLBACKS = {"✓": "√", "✗": "×", "☑": "√", "△": "△", "…": "…", "↕": "|", "·": "·", "“": '"', "”": '"', "—": "-", "　": "  "}


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    encoding = error.encoding or "ascii"
    replaced = []
    for char in error.object[error.start : error.end]:
        candidate = FALLBACKS.get(char, "?")
        try:
            candidate.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            candidate = "?"
        replaced.append(candidate)
    return "".join(replaced), error.end


codecs.register_error(ERRORS, _fallback)


def make_safe(stream: TextIO) -> None:
    """Let ``stream`` (stdout or stderr) replace what its encoding cannot write instead of raising."""
    if isinstance(stream, io.TextIOWrapper):
        try:
            stream.reconfigure(errors=ERRORS)
        except (ValueError, io.UnsupportedOperation):  # a closed or detached stream: nothing to protect
            pass


# Style of a summary line by the mark it starts with (after indentation).
LINE_STYLES = {"✓": "green", "△": "yellow", "✗": "bold red", "☑": "cyan", "!": "yellow"}
VERDICT_STYLES = {"pass": "bold green", "weak": "bold yellow", "fail": "bold red"}


def write_summary(text: str, out: TextIO, verdict: str | None = None, colour: bool | None = None) -> None:
    """Write the plain summary ``text`` to ``out``, coloured by rich when ``out`` is a terminal (or FORCE_COLOR)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True, no_color=None if colour is None else not colour, force_terminal=colour or None)
    if not console.is_terminal or console.no_color:
        out.write(text)
        return
    for line in text.splitlines():
        stripped = line.lstrip()
        style = LINE_STYLES.get(stripped[:1], "")
        if stripped.startswith("结论：") and verdict:
            style = VERDICT_STYLES.get(verdict, "")
        console.print(Text(line, style=style))
