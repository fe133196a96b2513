"""Traditional → simplified folding loads OpenCC only for a line holding a character or phrase its t2s tables
change, and folds every line exactly as OpenCC would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from conftest import EXAMPLE

from checker.common import chinese, t2s_keys

ROOT = Path(__file__).resolve().parent.parent
CONVERT = opencc.OpenCC("t2s").convert
# The ideograph blocks: CJK Unified (and extensions A–F), compatibility ideographs and their supplement.
IDEOGRAPHS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF), (0x2F800, 0x2FA1F)]


def test_the_listed_keys_are_those_of_the_installed_tables():
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    if not tool.exists():
        pytest.skip("this OpenCC wheel ships no opencc_dict to dump its tables")
    done = subprocess.run([sys.executable, "scripts/t2s_keys.py", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert chinese._t2s_index() is not None  # the digest matches: the shortcut is on


def test_opencc_leaves_every_other_ideograph_as_it_is():
    changed = frozenset(t2s_keys.CHANGED)
    others = [chr(code) for low, high in IDEOGRAPHS for code in range(low, high + 1) if chr(code) not in changed]
    assert len(others) > 80_000
    for start in range(0, len(others), 2000):  # one by one: a comma ends any phrase
        line = "——" + "，".join(others[start:start + 2000])
        assert CONVERT(line) == line
        assert chinese.fold_traditional(line) == line


def test_a_line_with_a_changed_character_or_a_phrase_goes_to_opencc():
    for key in (*t2s_keys.PHRASES, *t2s_keys.CHANGED):
        line = f"——青溪县{key}工作"
        assert not chinese._opencc_keeps(line)
        if len(CONVERT(line)) == len(line):
            assert chinese.fold_traditional(line) == CONVERT(line)


@pytest.mark.parametrize(
    "line",
    [
        "一、2025年法治政府建设主要举措——青溪县",  # outside GB2312 (the em dash), no key: left as it is
        "——深入推進依法行政，加強行政執法監督",  # traditional: converted
        "——乾燥天氣下的防火宣傳",  # 乾 is in GB2312, and OpenCC changes it
        "全面推進依法行政",  # no character outside GB2312 except keys
    ],
)
def test_a_line_folds_as_opencc_folds_it(line):
    expected = line if line.encode("gb2312", errors="ignore").decode("gb2312") == line else CONVERT(line)
    assert chinese.fold_traditional(line) == expected


def test_a_simplified_report_never_loads_opencc(tmp_path):
    probe = (
        "import sys\n"
        "from checker.common.chinese import fold_traditional\n"
        f"lines = open({str(EXAMPLE)!r}, encoding='utf-8').read().splitlines()\n"
        "assert any(not line.isascii() and fold_traditional(line) == line for line in lines)\n"
        "print('opencc' in sys.modules, fold_traditional('——依法行政'), 'opencc' in sys.modules, fold_traditional('——行政執法'), 'opencc' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False)
    assert done.stdout.split() == ["False", "——依法行政", "False", "——行政执法", "True"], done.stdout + done.stderr


def test_other_tables_send_every_line_outside_gb2312_to_opencc(monkeypatch):
    chinese._t2s_index.cache_clear()
    monkeypatch.setattr(t2s_keys, "DIGEST", "another OpenCC release")
    try:
        assert chinese._t2s_index() is None
        assert not chinese._opencc_keeps("——依法行政")
        assert chinese.fold_traditional("——行政執法") == "——行政执法"
    finally:
        chinese._t2s_index.cache_clear()
