"""A growing (x, y) series for plots over training time.

Snapshots carry only the rows since the previous one, so time plots keep their
own arrays.  Capacity doubles when full (amortised O(1) appends, as in
pyqtgraph's ``scrollingPlots`` example) and the plot gets views of the filled
part, never a fresh concatenation per frame.
"""

from __future__ import annotations

import numpy as np


class Series:
    def __init__(self, capacity: int = 256, max_points: int | None = None):
        self._x = np.empty(capacity)
        self._y = np.empty(capacity)
        self.n = 0
        #: when set, pairs of neighbouring points are averaged whenever the series
        #: grows past it, so a plot of millions of steps costs the same per frame
        self.max_points = max_points
        self.version = 0  # bumped on every change, so a plot can skip an unchanged series

    def __len__(self) -> int:
        return self.n

    @property
    def x(self) -> np.ndarray:
        return self._x[: self.n]

    @property
    def y(self) -> np.ndarray:
        return self._y[: self.n]

    def clear(self) -> None:
        self.n = 0
        self.version += 1

    def append(self, x, y) -> None:
        x = np.atleast_1d(x)
        y = np.atleast_1d(y)
        end = self.n + len(x)
        if end > len(self._x):
            size = max(end, 2 * len(self._x))
            for name in ("_x", "_y"):
                old = getattr(self, name)
                new = np.empty(size)
                new[: self.n] = old[: self.n]
                setattr(self, name, new)
        if end == self.n:
            return
        self._x[self.n : end] = x
        self._y[self.n : end] = y
        self.n = end
        self.version += 1
        while self.max_points is not None and self.n > self.max_points:
            self._halve()

    def _halve(self) -> None:
        """Average neighbouring pairs (an odd last point stays as it is); a pair with
        one missing (NaN) value keeps the other, so gaps do not spread."""
        pairs = self.n // 2
        for name in ("_x", "_y"):
            a = getattr(self, name)
            first, second = a[0 : 2 * pairs : 2], a[1 : 2 * pairs : 2]
            with np.errstate(invalid="ignore", over="ignore"):
                merged = 0.5 * first + 0.5 * second  # halves first: no overflow near the float limit
            merged = np.where(np.isnan(first), second, np.where(np.isnan(second), first, merged))
            last = a[self.n - 1] if self.n % 2 else None
            a[:pairs] = merged
            if last is not None:
                a[pairs] = last
        self.n = pairs + self.n % 2

    def append_finite(self, x, y) -> None:
        """Append only the points whose y is finite (evaluation rows, known ratios)."""
        y = np.atleast_1d(y)
        keep = np.isfinite(y)
        self.append(np.atleast_1d(x)[keep], y[keep])

    def drop_from(self, x0: float) -> None:
        """Forget the points at x >= ``x0`` (a rewound or re-sent run)."""
        if self.n and self._x[self.n - 1] >= x0:
            self.n = int(np.searchsorted(self._x[: self.n], x0, side="left"))
            self.version += 1
