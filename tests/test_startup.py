"""Start-up: a command fills in its parser only when it runs, with the help and errors of a parser built up front,
and a single check imports only what it needs."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest
from conftest import EXAMPLE

from checker import cli
from checker.common import patterns
from checker.common.errors import UsageError

# A command, its help (and a nested command's), and lines argparse refuses.
HELPS = [[name, "--help"] for name in cli.COMMANDS] + [["checklist", action, "--help"] for action in ("list", "show", "validate", "init")]
REFUSED = [
    ["chek", "报告.txt"],
    ["check"],
    ["check", "报告.txt", "--fail-on", "weakk"],
    ["check", "报告.txt", "--jobs", "0"],
    ["check", "报告.txt", "--quiet", "--verbose"],
    ["check", "报告.txt", "--bogus"],
    ["diff", "上年.txt"],
    ["checklist"],
    ["checklist", "shw"],
    ["serve", "--port", "70000"],
    ["explain"],
]


def _built_up_front() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser with every command's (and every nested command's) arguments added before anything is parsed."""
    parser = cli.build_parser()
    action = next(action for action in parser._actions if isinstance(action, cli._Commands))
    commands = {name: action.fill(name) for name in cli.COMMANDS}
    nested = next(a for a in commands["checklist"]._actions if isinstance(a, argparse._SubParsersAction))
    commands.update({f"checklist {name}": sub for name, sub in nested.choices.items()})
    return parser, commands


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps help to the terminal: the same width for both parsers


def test_the_command_list_is_the_help_of_a_parser_with_every_command_built(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    parser, _ = _built_up_front()
    assert shown == parser.format_help()
    for name, (_, summary) in cli.COMMANDS.items():
        assert name in shown and summary in shown


@pytest.mark.parametrize("argv", HELPS, ids=" ".join)
def test_a_command_help_is_the_help_its_parser_has_when_built_up_front(argv, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(argv)
    assert done.value.code == 0
    shown = capsys.readouterr().out
    _, commands = _built_up_front()
    expected = commands[" ".join(argv[:-1])].format_help()
    assert shown == expected
    assert "--help" in shown and len(shown.splitlines()) > 4  # a real help page, description and options


@pytest.mark.parametrize("argv", REFUSED, ids=" ".join)
def test_a_refused_line_gets_the_error_of_a_parser_built_up_front(argv, capsys):
    assert cli.main(argv) == cli.EXIT_ERROR
    shown = capsys.readouterr().err
    parser, _ = _built_up_front()
    with pytest.raises(UsageError) as refused:
        parser.parse_args(argv)
    assert shown == f"rolcheck: 错误：{refused.value}\n"
    assert len(shown.splitlines()) == 1 and "Traceback" not in shown


def test_a_mistyped_command_is_suggested_among_all_commands(capsys):
    assert cli.main(["chek", "报告.txt"]) == cli.EXIT_ERROR
    error = capsys.readouterr().err
    assert "（是不是 'check'？）" in error
    assert all(f"'{name}'" in error for name in cli.COMMANDS)


def test_a_command_imports_its_own_module_only():
    probe = (
        "import sys, io, contextlib\n"
        "from checker import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        cli.main(['config', '--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('checker.commands.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
    # config reads the check command's settings, so it brings check's module along; nothing else comes.
    assert done.stdout.split() == ["['checker.commands.argparse_zh',", "'checker.commands.check',", "'checker.commands.config']"], done.stderr


# What a single check of a text report must not import: other commands, the batch's machinery, readers
# and formats it does not use, and libraries only a folder search, a settings file or a typo needs.
NOT_IMPORTED = (
    "yaml", "jsonschema", "multiprocessing", "concurrent.futures.process",
    "checker.commands.serve", "checker.commands.checklist", "checker.commands.eval", "checker.commands.diff",
    "checker.commands.explain", "checker.commands.baseline", "checker.commands.config", "socket",
    "pathspec", "ctypes", "tomllib", "difflib", "secrets", "tempfile", "zipfile", "importlib.resources",
    "checker.analysis.similarity", "checker.reading.readers.docx", "checker.reading.readers.pdf",
    "checker.output.renderers.html_report", "jinja2", "rich", "opencc", "glob", "pickle",
    "regex",  # its patterns run on `re` on sentences; only a guarded search of a longer text needs it
)


@pytest.mark.parametrize("choice", [["--checklist", "national"], []], ids=["named checklist", "automatic choice"])
def test_a_single_check_imports_only_what_it_needs(choice, tmp_path):
    # Run in a folder without settings: with a rolcheck.toml or pyproject.toml the settings reader needs tomllib.
    probe = (
        "import sys, io, contextlib\n"
        "from checker import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = cli.main(['check', {str(EXAMPLE)!r}, *{choice!r}, '--output', '-'])\n"
        f"print(code, sorted(m for m in {NOT_IMPORTED!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False)
    assert done.stdout.split(maxsplit=1) == ["0", "[]\n"], done.stdout + done.stderr


def test_a_proven_linear_pattern_runs_on_re_and_never_builds_its_regex_form():
    text = "全面推进依法行政工作，全年办理行政复议案件12件。"
    linear = patterns.compile("依法行政[^。]{0,20}?工作")
    assert linear.search(text).group() == "依法行政工作"
    assert isinstance(linear._compiled, patterns._OnFirstUse) and linear._compiled._compiled is None
    # An unbounded repeat: on a sentence it runs on `re`; its `regex` form waits for a text past its short limit.
    guarded = patterns.compile(r"(\d+)件")
    assert guarded.search(text).group(1) == "12"
    assert isinstance(guarded._compiled, patterns._OnFirstUse) and guarded._compiled._compiled is None
    assert guarded.search("。" * (guarded._short + 1) + text).group(1) == "12"
    assert guarded._compiled._compiled is not None
    # A pattern with no such limit (a run that gives back digits to the next) is searched under the timeout from the first text on.
    always = patterns.compile(r"\d+\d+件")
    assert always.search(text).group() == "12件" and always._compiled._compiled is not None
    # A remembered figures pattern still has every guarded method: the regex form is built when first asked.
    remembered = patterns.Remembered(patterns.compile("复议案件[^。]{0,4}?件"))
    assert [found.group() for found in remembered.finditer(text)] == ["复议案件12件"]
    assert remembered.search(text).group() == "复议案件12件"
