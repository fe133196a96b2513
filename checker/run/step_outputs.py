"""Step outputs for GitHub Actions: what a later step of the workflow needs from the run.

With ``--github-output FILE`` (the action passes ``$GITHUB_OUTPUT``), the run appends, in
GitHub's ``name<<DELIMITER`` form so paths with spaces or several lines stay intact:
``verdict`` (the worst: fail, weak, pass; error when a report could not be read),
``lowest-score``, ``json`` and ``sarif`` (the files written, one per line), ``sarif-dir``
(the output folder when SARIF was written, for upload-sarif) and ``summary`` (summary.csv of a batch).
"""

from __future__ import annotations

from pathlib import Path

from checker.result import SummaryRow

VERDICT_ORDER = ("pass", "weak", "fail", "error")


def outputs(rows: list[SummaryRow], written: list[Path], out_dir: Path, summary: Path | None) -> dict[str, str]:
    """The step outputs of a run, by name."""
    verdicts = ["error" if row.error else row.verdict for row in rows]
    scores = [row.score for row in rows if row.score is not None]
    sarif = [str(path) for path in written if path.name.endswith(".sarif")]
    return {
        "verdict": max(verdicts, key=VERDICT_ORDER.index) if verdicts else "",
        "lowest-score": str(min(scores)) if scores else "",
        "json": "\n".join(str(path) for path in written if path.suffix == ".json" and not path.name.endswith(".codequality.json")),
        "sarif": "\n".join(sarif),
        "sarif-dir": str(out_dir) if sarif else "",
        "summary": str(summary) if summary else "",
    }


def append(target: Path, values: dict[str, str]) -> None:
    """Append ``values`` to the ``$GITHUB_OUTPUT`` file, each under a delimiter that cannot occur in it."""
    import secrets  # imported here: only a run with --github-output needs it

    with open(target, "a", encoding="utf-8") as stream:
        for name, value in values.items():
            delimiter = f"ROLCHECK_{secrets.token_hex(8)}"
            stream.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")
