"""Every URL an HTML output writes: a fragment of the same page, or a file beside it, never a scheme.

A report may be called ``javascript:alert(1).txt``; written as ``href="javascript:alert(1).html"``
its dashboard link would run script when clicked. File links are therefore always built here, as
``./`` followed by the percent-encoded name: the browser can only read that as a relative path,
whatever the name holds (``:``, ``#``, ``?``, spaces, quotes). In-page links are ``#`` fragments.
"""

from __future__ import annotations

from urllib.parse import quote


def file_href(name: str) -> str:
    """The href of the output file ``name`` in the same folder (a bare file name, no folders)."""
    return "./" + quote(name, safe="")


def fragment_href(anchor: str) -> str:
    """The href of ``id="anchor"`` on this page."""
    return "#" + quote(anchor, safe="-_.~")
