"""The training history: one row per optimizer step, stored compactly and bounded.

Rows are numbered from 0 in the order they are logged (``len(history)`` is the
number of rows ever logged, so a reader can ask for the rows *since* a number
it saw before).  The last rows sit in a short Python list of tuples (appending
one is the cheapest thing a step can do; the few evaluated rows keep their
evaluation columns in a dict); every :data:`CHUNK` rows they are sealed into a
NumPy array, one float64 row per step.

With ``max_rows`` set (the default), memory stays bounded however long a run
lasts: whenever more than ``max_rows`` rows are held, every other row of the
older half is dropped, evaluation rows (with a validation or training loss)
first kept, so old stretches of a long run are thinned while the recent ones
keep every step.  ``max_rows=None`` keeps every row (the command line's
``--history`` file gets every row that way).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

HISTORY_COLUMNS = ("step", "epoch", "lr", "batch_loss", "train_loss", "val_loss", "train_accuracy", "val_accuracy")
EVAL_COLUMNS = HISTORY_COLUMNS[4:]
NAN = float("nan")
#: rows kept when a history is bounded (8 columns of float64: about 7 MB)
DEFAULT_MAX_ROWS = 100_000
CHUNK = 4096

# column positions in the stored rows: the row number, then HISTORY_COLUMNS
_ROW = 0
_COL = {name: i + 1 for i, name in enumerate(HISTORY_COLUMNS)}
_WIDTH = len(HISTORY_COLUMNS) + 1
_EVAL = slice(_COL["train_loss"], _WIDTH)


@dataclass(frozen=True)
class ChangeMark:
    """A setting changed while training: from step ``step + 1`` on, ``key`` is ``new``
    instead of ``old`` (drawn on every plot with a step axis at ``step``)."""

    step: int
    key: str  # the project's name: "lr", "momentum", "batch_size", "grad_clip", ...
    old: Any
    new: Any


class History:
    """One row per optimizer step; the evaluation columns are filled on the rows
    where the model was evaluated (each epoch's end and the end of a run)."""

    def __init__(self, max_rows: int | None = DEFAULT_MAX_ROWS):
        if max_rows is not None and max_rows < 16:
            raise ValueError(f"max_rows must be None or at least 16, got {max_rows}")
        self.max_rows = max_rows
        self._count = 0  # rows ever logged
        self._sealed: list[np.ndarray] = []  # (k, _WIDTH) float64 arrays, oldest first
        self._sealed_rows = 0
        # the newest rows: (step, epoch, lr, batch_loss) tuples numbered from _open_start,
        # and the evaluation columns of those that have them, by row number
        self._open: list[tuple] = []
        self._open_start = 0
        self._open_evals: dict[int, dict] = {}
        self._seal_at = CHUNK

    def __len__(self) -> int:
        """The number of rows ever logged (also the number of the next row)."""
        return self._count

    @property
    def held(self) -> int:
        """The number of rows held in memory (fewer than ``len`` once thinned)."""
        return self._sealed_rows + len(self._open)

    # ---- writing
    def log_step(self, step, epoch, lr, batch_loss) -> None:
        self._open.append((step, epoch, lr, batch_loss))
        self._count += 1
        if self._count >= self._seal_at:
            self._seal()

    def set_last(self, **values) -> None:
        """Set columns of the last row (the evaluation after a step)."""
        if self._open and all(name in EVAL_COLUMNS for name in values):
            self._open_evals.setdefault(self._count - 1, {}).update(values)
            return
        self._seal()  # (a rare edit of a logged column is made in the array)
        if self._sealed:
            last = self._sealed[-1]
            for name, value in values.items():
                last[-1, _COL[name]] = value
        else:
            raise IndexError("set_last on an empty history")

    def _open_block(self, start: int = 0) -> np.ndarray:
        """The open rows numbered ``start`` or later as a (k, _WIDTH) array."""
        first = max(start, self._open_start)
        rows = self._open[first - self._open_start :]
        n = len(rows)
        block = np.empty((n, _WIDTH))
        block[:, _ROW] = np.arange(first, first + n)
        if n:
            block[:, 1:5] = np.array(rows, dtype=np.float64)
        block[:, _EVAL] = NAN
        for row, values in self._open_evals.items():
            if row >= first:
                for name, value in values.items():
                    block[row - first, _COL[name]] = value
        return block

    def _reset_open(self) -> None:
        self._open, self._open_evals = [], {}
        self._open_start = self._count
        self._seal_at = self._count + CHUNK

    def _seal(self) -> None:
        if not self._open:
            self._reset_open()
            return
        block = self._open_block()
        self._reset_open()
        self._sealed.append(block)
        self._sealed_rows += len(block)
        if self.max_rows is not None and self.held > self.max_rows:
            self._thin()

    def _thin(self) -> None:
        """Drop every other row of the older half, evaluation rows kept when they are few."""
        rows = np.concatenate(self._sealed) if len(self._sealed) > 1 else self._sealed[0]
        recent = self.max_rows // 2
        old, new = rows[:-recent], rows[-recent:]
        keep = np.zeros(len(old), bool)
        keep[len(old) - 1 :: -2] = True  # every other row, counted back from the newest old one
        is_eval = ~np.all(np.isnan(old[:, _EVAL]), axis=1)
        if np.count_nonzero(is_eval) <= len(old) // 4:
            keep |= is_eval
        rows = np.concatenate([old[keep], new])
        self._sealed = [rows]
        self._sealed_rows = len(rows)

    def truncate(self, n: int) -> None:
        """Forget the rows numbered ``n`` and after."""
        self._seal_all_for_edit()
        if self._sealed:
            rows = self._sealed[0]
            self._sealed = [rows[rows[:, _ROW] < n]]
            self._sealed_rows = len(self._sealed[0])
        self._count = min(self._count, n)
        self._reset_open()

    def _seal_all_for_edit(self) -> None:
        rows = self._block(0)
        self._sealed = [rows] if len(rows) else []
        self._sealed_rows = len(rows)
        self._reset_open()

    # ---- reading
    def _block(self, start: int) -> np.ndarray:
        """Held rows numbered ``start`` or later, as one (k, _WIDTH) array."""
        parts = []
        for block in reversed(self._sealed):
            if block[-1, _ROW] < start:
                break
            parts.append(block)
        parts.reverse()
        if parts and parts[0][0, _ROW] < start:
            first = parts[0]
            parts[0] = first[np.searchsorted(first[:, _ROW], start) :]
        if self._open and self._count > start:
            parts.append(self._open_block(start))
        if not parts:
            return np.empty((0, _WIDTH))
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def rows(self, start: int = 0) -> dict[str, np.ndarray]:
        """Each column (float arrays) over the held rows numbered ``start`` or later."""
        if start >= self._open_start:  # only open rows (a snapshot's usual question): no block
            return self._open_columns(start)
        block = self._block(start)
        return {name: block[:, _COL[name]].copy() for name in HISTORY_COLUMNS}

    def _open_columns(self, start: int) -> dict[str, np.ndarray]:
        rows = self._open[start - self._open_start :]
        logged = np.array(rows, dtype=np.float64).reshape(-1, 4).T.copy()  # one row per column
        evals = np.full((len(EVAL_COLUMNS), len(rows)), NAN)
        out = dict(zip(HISTORY_COLUMNS, [*logged, *evals]))
        for row, values in self._open_evals.items():
            if row >= start:
                for name, value in values.items():
                    out[name][row - start] = value
        return out

    @property
    def columns(self) -> dict[str, np.ndarray]:
        """Every held row, by column."""
        return self.rows(0)

    def row_numbers(self, start: int = 0) -> np.ndarray:
        """The numbers of the held rows from ``start`` (gaps where rows were thinned)."""
        return self._block(start)[:, _ROW].astype(np.int64)

    def last(self, name: str) -> float:
        """The latest non-NaN value of a column (NaN if none)."""
        col = _COL[name]
        for block in reversed(self._sealed + ([self._open_block()] if self._open else [])):
            values = block[:, col]
            found = np.flatnonzero(~np.isnan(values))
            if found.size:
                return float(values[found[-1]])
        return NAN

    def last_row(self) -> dict[str, float] | None:
        """The newest row by column name (None if empty)."""
        if self._open:
            row = self._open_block(self._count - 1)[-1].tolist()
        elif self._sealed:
            row = self._sealed[-1][-1].tolist()
        else:
            return None
        return {name: row[_COL[name]] for name in HISTORY_COLUMNS}

    def copy(self) -> History:
        other = History(self.max_rows)
        other._count = self._count
        other._sealed = [b.copy() for b in self._sealed]
        other._sealed_rows = self._sealed_rows
        other._open = list(self._open)
        other._open_start = self._open_start
        other._open_evals = {k: dict(v) for k, v in self._open_evals.items()}
        other._seal_at = self._seal_at
        return other

    def write_csv(self, fh) -> None:
        fh.write(",".join(HISTORY_COLUMNS) + "\n")
        for block in self._sealed + ([self._open_block()] if self._open else []):
            for row in block.tolist():
                fh.write(_format_row(row) + "\n")


def _format_row(row: list) -> str:
    out = [str(int(row[1]))]
    for value in row[2:]:
        out.append("" if math.isnan(value) else repr(value))
    return ",".join(out)
