"""The run history: every run recorded in a SQLite database.

A run is its project, seed, start and end time, status, final metrics, history
(every logged row), weights file, and for a branch its parent and branch step;
runs of a sweep also carry the sweep and their key in it, so a sweep whose runs
were partly done resumes where it stopped.

The database is opened in WAL mode and every write is one transaction, so a
process killed mid-run leaves it readable (at worst without that run's end).
Its schema is versioned (``PRAGMA user_version``) and upgraded by
:data:`MIGRATIONS` in order.  A file that is not a database, is damaged, or was
written by a newer version raises :class:`RunStoreError` and is never replaced.

The default location is the platform's application-data folder, the folder Qt's
``QStandardPaths.AppDataLocation`` names for this app on Linux
(``$XDG_DATA_HOME/BackpropLab/Backprop Lab``); the window passes Qt's answer.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import sqlite3
import time
from dataclasses import dataclass

import numpy as np

from .project import atomic_write
from .registry import ConfigError
from .weights import save_arrays

DATABASE_NAME = "runs.sqlite"
SCHEMA_VERSION = 1


class RunStoreError(ConfigError):
    """The run history cannot be used (damaged, newer, not a database, cannot be written)."""


def _v1(db: sqlite3.Connection) -> None:
    _statements(
        db,
        """
        CREATE TABLE sweeps (
            id INTEGER PRIMARY KEY,
            created REAL NOT NULL,
            name TEXT,
            project TEXT NOT NULL,
            spec TEXT NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            name TEXT,
            project TEXT NOT NULL,
            seed INTEGER,
            started REAL NOT NULL,
            ended REAL,
            status TEXT NOT NULL,
            metrics TEXT,
            history BLOB,
            weights_path TEXT,
            parent_id INTEGER REFERENCES runs(id),
            branch_step INTEGER,
            sweep_id INTEGER REFERENCES sweeps(id),
            sweep_key TEXT,
            overrides TEXT
        );
        CREATE UNIQUE INDEX runs_in_sweep ON runs(sweep_id, sweep_key) WHERE sweep_id IS NOT NULL;
        CREATE INDEX runs_started ON runs(started);
        """,
    )


def _statements(db: sqlite3.Connection, script: str) -> None:
    """Each statement of ``script`` inside the caller's transaction (``executescript`` would commit it)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


#: MIGRATIONS[i] upgrades a database of schema version i to i + 1
MIGRATIONS = [_v1]
assert len(MIGRATIONS) == SCHEMA_VERSION

RUN_COLUMNS = (
    "id",
    "name",
    "project",
    "seed",
    "started",
    "ended",
    "status",
    "metrics",
    "weights_path",
    "parent_id",
    "branch_step",
    "sweep_id",
    "sweep_key",
    "overrides",
)
#: the metrics a table of runs shows (a report's keys)
METRICS = ("steps", "epochs", "train_loss", "val_loss", "train_accuracy", "val_accuracy")


@dataclass(frozen=True)
class RunRecord:
    id: int
    name: str | None
    project: dict
    seed: int | None
    started: float
    ended: float | None
    status: str
    metrics: dict
    weights_path: str | None
    parent_id: int | None
    branch_step: int | None
    sweep_id: int | None
    sweep_key: str | None
    overrides: list | None

    def metric(self, name: str) -> float | None:
        value = self.metrics.get(name)
        return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else None


def default_folder() -> str:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "BackpropLab", "Backprop Lab")


class RunStore:
    """The run history in one SQLite file (``path``); weights files beside it in ``weights/``."""

    def __init__(self, path: str | None = None):
        self.path = path or os.path.join(default_folder(), DATABASE_NAME)
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise self._error("cannot_write", f"cannot create the folder {folder!r}: {exc.strerror or exc}") from None
        self.weights_folder = os.path.join(folder, "weights")
        existed = os.path.exists(self.path)
        try:
            self.db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._error("cannot_open", f"cannot open it: {exc}") from None
        try:
            self._prepare(existed)
        except BaseException:
            self.db.close()
            raise

    def _error(self, code: str, text: str) -> RunStoreError:
        return RunStoreError(f"run history {self.path!r}: {text}", code, path=self.path)

    def _prepare(self, existed: bool) -> None:
        try:
            if existed:
                check = self.db.execute("PRAGMA quick_check").fetchone()
                if check is None or check[0] != "ok":
                    raise self._error(
                        "corrupt_database",
                        f"the database is damaged ({check and check[0]}); "
                        "it was left as it is: move it away to start a new history",
                    )
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise self._error(
                "corrupt_database",
                f"not a run history database or damaged ({exc}); "
                "it was left as it is: move it away to start a new history",
            ) from None
        if version > SCHEMA_VERSION:
            raise self._error(
                "newer_database",
                f"written by a newer Backprop Lab (schema {version}; this one "
                f"reads up to {SCHEMA_VERSION}); it was left as it is",
            )
        if existed and version == 0 and self._has_tables():
            raise self._error("corrupt_database", "a SQLite database that is not a run history; it was left as it is")
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            for v in range(version, SCHEMA_VERSION):
                with self.transaction():
                    MIGRATIONS[v](self.db)
                    self.db.execute(f"PRAGMA user_version={v + 1}")
        except sqlite3.Error as exc:
            raise self._error("cannot_write", f"cannot prepare it: {exc}") from None

    def _has_tables(self) -> bool:
        return self.db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0

    def transaction(self):
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # ---- writing
    def start_run(
        self,
        project: dict,
        seed: int | None = None,
        name: str | None = None,
        parent_id: int | None = None,
        branch_step: int | None = None,
        sweep_id: int | None = None,
        sweep_key: str | None = None,
        overrides=None,
        started: float | None = None,
    ) -> int:
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO runs (name, project, seed, started, status, parent_id, branch_step, sweep_id, "
                "sweep_key, overrides) VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)",
                (
                    name,
                    json.dumps(project),
                    seed,
                    time.time() if started is None else started,
                    parent_id,
                    branch_step,
                    sweep_id,
                    sweep_key,
                    None if overrides is None else json.dumps(_plain(overrides)),
                ),
            )
            return cur.lastrowid

    def finish_run(
        self,
        run_id: int,
        status: str,
        metrics: dict | None = None,
        history: dict[str, np.ndarray] | None = None,
        weights: dict[str, np.ndarray] | None = None,
        ended: float | None = None,
    ) -> None:
        """Record a run's end; its weights are written to a file first (atomically)."""
        weights_path = None
        if weights:
            os.makedirs(self.weights_folder, exist_ok=True)
            weights_path = os.path.join(self.weights_folder, f"run-{run_id}.npz")
            save_arrays(weights, weights_path)
        with self.transaction():
            self.db.execute(
                "UPDATE runs SET ended=?, status=?, metrics=?, history=?, weights_path=? WHERE id=?",
                (
                    time.time() if ended is None else ended,
                    status,
                    json.dumps(_plain(metrics or {})),
                    None if history is None else _pack_history(history),
                    weights_path,
                    run_id,
                ),
            )

    def record_result(self, result, project: dict, sweep_id: int | None = None) -> int:
        """Record a finished :class:`core.sweep.SweepResult` as one run."""
        run_id = self.start_run(
            project,
            result.seed,
            result.label,
            sweep_id=sweep_id,
            sweep_key=result.key,
            overrides=[list(o) for o in result.overrides],
            started=result.started,
        )
        self.finish_run(
            run_id,
            result.status,
            {**result.report, "seconds": result.seconds, **({"error": result.error} if result.error else {})},
            result.history,
            result.weights,
        )
        return run_id

    def start_sweep(self, project: dict, spec: dict, name: str | None = None) -> int:
        with self.transaction():
            return self.db.execute(
                "INSERT INTO sweeps (created, name, project, spec) VALUES (?, ?, ?, ?)",
                (time.time(), name, json.dumps(project), json.dumps(_plain(spec))),
            ).lastrowid

    def find_sweep(self, project: dict, spec: dict) -> int | None:
        """The newest sweep of the same project and settings (to resume it), if any."""
        row = self.db.execute(
            "SELECT id FROM sweeps WHERE project=? AND spec=? ORDER BY id DESC LIMIT 1",
            (json.dumps(project), json.dumps(_plain(spec))),
        ).fetchone()
        return None if row is None else row[0]

    def done_keys(self, sweep_id: int) -> set[str]:
        """Keys of the sweep's runs that ended (finished, diverged or failed)."""
        rows = self.db.execute("SELECT sweep_key FROM runs WHERE sweep_id=? AND ended IS NOT NULL", (sweep_id,))
        return {r[0] for r in rows}

    def forget_unfinished(self, sweep_id: int) -> None:
        """Drop the sweep's runs that never ended (the process was killed), so they run again."""
        with self.transaction():
            self.db.execute("DELETE FROM runs WHERE sweep_id=? AND ended IS NULL", (sweep_id,))

    def delete_run(self, run_id: int) -> None:
        with self.transaction():
            self.db.execute("UPDATE runs SET parent_id=NULL WHERE parent_id=?", (run_id,))
            self.db.execute("DELETE FROM runs WHERE id=?", (run_id,))

    # ---- reading
    def runs(
        self,
        sweep_id: int | None = None,
        status: str | None = None,
        text: str | None = None,
        order: str = "started",
        descending: bool = True,
    ) -> list[RunRecord]:
        where, args = [], []
        if sweep_id is not None:
            where.append("sweep_id=?")
            args.append(sweep_id)
        if status is not None:
            where.append("status=?")
            args.append(status)
        if text:
            where.append("(name LIKE ? OR project LIKE ?)")
            args += [f"%{text}%", f"%{text}%"]
        column = order if order in ("id", "started", "ended", "status", "name", "seed") else "started"
        sql = f"SELECT {', '.join(RUN_COLUMNS)} FROM runs"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {column} {'DESC' if descending else 'ASC'}, id {'DESC' if descending else 'ASC'}"
        return [_record(row) for row in self.db.execute(sql, args)]

    def run(self, run_id: int) -> RunRecord:
        row = self.db.execute(f"SELECT {', '.join(RUN_COLUMNS)} FROM runs WHERE id=?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return _record(row)

    def history(self, run_id: int) -> dict[str, np.ndarray]:
        row = self.db.execute("SELECT history FROM runs WHERE id=?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return {} if row[0] is None else _unpack_history(row[0])

    def export_csv(self, path: str, runs: list[RunRecord] | None = None) -> None:
        """The table of runs (one row each: id, name, seed, times, status, metrics) as CSV, atomically."""
        runs = self.runs() if runs is None else runs
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "id",
                "name",
                "seed",
                "started",
                "ended",
                "status",
                *METRICS,
                "parent_id",
                "branch_step",
                "sweep_id",
                "weights_path",
            ]
        )
        for r in runs:
            writer.writerow(
                [
                    r.id,
                    r.name or "",
                    r.seed,
                    _iso(r.started),
                    _iso(r.ended),
                    r.status,
                    *["" if r.metric(m) is None else repr(r.metric(m)) for m in METRICS],
                    r.parent_id or "",
                    r.branch_step if r.branch_step is not None else "",
                    r.sweep_id or "",
                    r.weights_path or "",
                ]
            )
        text = out.getvalue()
        atomic_write(path, lambda fh: fh.write(text))


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on an exception)."""

    def __init__(self, db):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, exc, tb):
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        return False


def _iso(t: float | None) -> str:
    return "" if t is None else time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(t))


def _plain(value):
    """JSON-ready: NumPy numbers and arrays as Python ones, non-finite floats as None."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _pack_history(history: dict[str, np.ndarray]) -> bytes:
    out = io.BytesIO()
    np.savez_compressed(out, **{k: np.asarray(v, dtype=np.float64) for k, v in history.items()})
    return out.getvalue()


def _unpack_history(blob: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        return {k: z[k] for k in z.files}


def _record(row) -> RunRecord:
    d = dict(zip(RUN_COLUMNS, row))
    return RunRecord(
        d["id"],
        d["name"],
        json.loads(d["project"]),
        d["seed"],
        d["started"],
        d["ended"],
        d["status"],
        json.loads(d["metrics"]) if d["metrics"] else {},
        d["weights_path"],
        d["parent_id"],
        d["branch_step"],
        d["sweep_id"],
        d["sweep_key"],
        json.loads(d["overrides"]) if d["overrides"] else None,
    )
