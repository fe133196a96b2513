"""A batch's per-report bookkeeping on disk, so the main process's memory stays flat however many reports it checks.

A batch of thousands of reports would otherwise keep, in the main process, one dashboard row
per report (sorted by score at the end), every output name handed out (to keep them unique)
and every input's resolved path (so no output replaces one): about 3 KB a report, 20 MB for a
province's 6,400 (docs/performance.md, "Flat memory in batch size"). The ledger keeps them in a
private SQLite database (the standard library's ``sqlite3``) that lives in a temporary file the
operating system forgets as soon as it is opened — nothing is left behind if the run is killed
— with a small page cache, so memory stays the same from 100 reports to 10,000; the dashboard's
score order and the summary's input order come from indexes, never from a sort in memory.

Only batches use it: a single report's run keeps its row in ``OneRow`` and never imports
sqlite3. ``Rows`` is the row store; ``Table`` and ``Names`` give ``checker.run.outputs.Plan``
the dict and set it needs. Everything here is written and read by this process alone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from checker.common.errors import InputError
from checker.result import SummaryRow

if TYPE_CHECKING:
    import sqlite3

CACHE_KIB = 256  # SQLite's page cache (default 2 MB): the only memory the database's size can claim

_SCHEMA = """
CREATE TABLE rows (seq INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, ok INTEGER NOT NULL, score INTEGER NOT NULL,
                   link TEXT, data BLOB NOT NULL);
CREATE INDEX ranked ON rows (ok, score, seq);
CREATE TABLE files (seq INTEGER PRIMARY KEY, path TEXT NOT NULL);
CREATE TABLE tables (name TEXT NOT NULL, key TEXT NOT NULL, value TEXT, PRIMARY KEY (name, key)) WITHOUT ROWID;
"""


def temporary_database(schema: str) -> sqlite3.Connection:
    """A private SQLite database with the tables of ``schema`` and one transaction open: the ledger's, and the batch comparison's index.

    "" makes SQLite create it in a temporary file (in ``TMPDIR``) that it deletes as soon as it has
    opened it, so no other process can open it and nothing is left behind if the run is killed. Its page
    cache is ``CACHE_KIB``, the only memory its size can claim; it is never rolled back, so it has no
    journal, and the one transaction lets pages reach the file only when the cache is full.
    """
    import sqlite3  # only batches pay for it

    try:
        db = sqlite3.connect("", isolation_level=None)
        db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        db.execute("PRAGMA journal_mode = OFF")
        db.executescript(schema)  # before BEGIN: executescript commits a transaction it finds open
        db.execute("BEGIN")
    except sqlite3.Error as error:
        raise InputError(f"无法创建批量检查的临时文件（{error}）：请检查临时目录（TMPDIR）是否可写") from error
    return db


@contextmanager
def writing() -> Iterator[None]:
    """SQLite's errors as one clear line: the temporary folder filled up (or went away) while the batch ran."""
    import sqlite3

    try:
        yield
    except sqlite3.Error as error:
        raise InputError(f"批量检查的临时文件无法写入（{error}）：请检查临时目录（TMPDIR）的空间") from error


class Ledger:
    """One run's database: opened when a batch starts, gone with the process."""

    def __init__(self) -> None:
        self.db = temporary_database(_SCHEMA)

    def names(self, name: str) -> Names:
        return Names(self, name)

    def table(self, name: str) -> Table:
        return Table(self, name)

    def execute(self, sql: str, parameters: tuple[object, ...] = ()) -> sqlite3.Cursor:
        with writing():  # the temporary folder filled up while the batch ran
            return self.db.execute(sql, parameters)


class Rows(Collection[SummaryRow]):
    """The dashboard rows of a batch, one per report path (a report checked again replaces its row in place).

    Iterating gives the rows in input order (summary.csv, the step outputs); ``ranked()`` in the
    dashboard's order; ``links`` maps report paths to their gap reports (the pairs page).
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.count = 0
        self.links = Links(ledger)

    def put(self, row: SummaryRow) -> None:
        """Add ``row``, or replace the row of the same report where it stands."""
        import pickle  # here, as sqlite3: only batches need it

        data = pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL)
        values = (row.path, row.error is None, row.score if row.score is not None else -1, row.link, data)
        replaced = self.ledger.execute("UPDATE rows SET ok = ?2, score = ?3, link = ?4, data = ?5 WHERE path = ?1", values).rowcount
        if not replaced:
            self.ledger.execute("INSERT INTO rows (path, ok, score, link, data) VALUES (?, ?, ?, ?, ?)", values)
            self.count += 1

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[SummaryRow]:
        """The rows in input order."""
        return self._load("SELECT data FROM rows ORDER BY seq")

    def __contains__(self, row: object) -> bool:
        if not isinstance(row, SummaryRow):
            return False
        found = self.ledger.execute("SELECT data FROM rows WHERE path = ?", (row.path,)).fetchone()
        return found is not None and _unpickle(found[0]) == row

    def ranked(self) -> Iterator[SummaryRow]:
        """The rows as the dashboard lists them (``checker.result.dashboard_order``): unreadable reports first,
        then by score, lowest first, in input order within a score — read off an index, never sorted in memory."""
        return self._load("SELECT data FROM rows ORDER BY ok, score, seq")

    def _load(self, query: str) -> Iterator[SummaryRow]:
        for (data,) in self.ledger.execute(query):
            yield _unpickle(data)


def _unpickle(data: bytes) -> SummaryRow:
    import pickle

    row: SummaryRow = pickle.loads(data)
    return row


class OneRow(Collection[SummaryRow]):
    """The row of a run of one report (its error row, or its row replaced when it is checked again), in memory."""

    def __init__(self) -> None:
        self.row: SummaryRow | None = None

    def put(self, row: SummaryRow) -> None:
        self.row = row

    def __len__(self) -> int:
        return int(self.row is not None)

    def __iter__(self) -> Iterator[SummaryRow]:
        return iter([self.row] if self.row is not None else [])

    def __contains__(self, row: object) -> bool:
        return row is not None and row == self.row

    @property
    def links(self) -> dict[str, str]:
        return {self.row.path: self.row.link} if self.row is not None and self.row.link else {}


class Links(Mapping[str, str]):
    """Report path → the file name of its gap report, for the reports that have one."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def __getitem__(self, path: str) -> str:
        found = self.ledger.execute("SELECT link FROM rows WHERE path = ? AND link IS NOT NULL", (path,)).fetchone()
        if found is None:
            raise KeyError(path)
        return str(found[0])

    def __iter__(self) -> Iterator[str]:
        for (path,) in self.ledger.execute("SELECT path FROM rows WHERE link IS NOT NULL ORDER BY seq"):
            yield str(path)

    def __len__(self) -> int:
        return int(self.ledger.execute("SELECT count(*) FROM rows WHERE link IS NOT NULL").fetchone()[0])


class Files:
    """The report outputs written, in the order they were written (for the step outputs)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def extend(self, paths: tuple[Path, ...] | list[Path]) -> None:
        for path in paths:
            self.ledger.execute("INSERT INTO files (path) VALUES (?)", (str(path),))

    def __iter__(self) -> Iterator[Path]:
        for (path,) in self.ledger.execute("SELECT path FROM files ORDER BY seq"):
            yield Path(path)


class Table:
    """A str → str dict kept in the ledger under ``name`` (the output plan's stems and names given)."""

    def __init__(self, ledger: Ledger, name: str) -> None:
        self.ledger, self.name = ledger, name

    def get(self, key: str) -> str | None:
        found = self.ledger.execute("SELECT value FROM tables WHERE name = ? AND key = ?", (self.name, key)).fetchone()
        return None if found is None else str(found[0])

    def __setitem__(self, key: str, value: str) -> None:
        self.ledger.execute("INSERT OR REPLACE INTO tables (name, key, value) VALUES (?, ?, ?)", (self.name, key, value))


class Names:
    """A set of strings kept in the ledger under ``name`` (names taken, stems used, resolved inputs)."""

    def __init__(self, ledger: Ledger, name: str) -> None:
        self.ledger, self.name = ledger, name

    def __contains__(self, key: object) -> bool:
        return self.ledger.execute("SELECT 1 FROM tables WHERE name = ? AND key = ?", (self.name, str(key))).fetchone() is not None

    def add(self, key: str) -> None:
        self.ledger.execute("INSERT OR IGNORE INTO tables (name, key) VALUES (?, ?)", (self.name, key))
