"""Markers of settings changed while training, on every plot with a step axis.

Each change (``core.history.ChangeMark``: a step, a setting, its old and new
value) is a dashed vertical line at its step; the first plot given also writes
what changed ("lr 0.01 → 0.1"), so cause and effect line up across the plots.
Several changes at one step share a line.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt

MARKER_COLOR = "#6a3d9a"


def change_text(marks) -> str:
    return ", ".join(f"{m.key} {_value(m.old)} \u2192 {_value(m.new)}" for m in marks)


def _value(v) -> str:
    if isinstance(v, bool) or v is None:
        return str(v).lower() if isinstance(v, bool) else "null"
    if isinstance(v, float):
        return f"{v:g}" if math.isfinite(v) else str(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return str(v)


class ChangeMarkers:
    """Draws change marks on ``plots`` (the first one labelled)."""

    def __init__(self, plots: list[pg.PlotItem]):
        self.plots = plots
        self.lines: list[tuple[pg.PlotItem, pg.InfiniteLine]] = []
        self._drawn: dict[tuple, list[tuple[pg.PlotItem, pg.InfiniteLine]]] = {}  # (step, text, height) -> lines
        self._shown: tuple = ()

    def reset(self) -> None:
        for plot, line in self.lines:
            plot.removeItem(line)
        self.lines = []
        self._drawn = {}
        self._shown = ()

    def update(self, changes) -> None:
        """Show ``changes`` (a snapshot's full tuple).  Only the marks that are new or changed
        are drawn again (a slider dragged while training changes its mark several times a
        second; redrawing every line each time held up the window)."""
        changes = tuple(changes or ())
        if changes == self._shown:
            return
        self._shown = changes
        by_step: dict[int, list] = {}
        for mark in changes:
            by_step.setdefault(mark.step, []).append(mark)
        # the label hangs below its point (never cut off at the top of a short plot);
        # neighbouring labels at different heights: no overlap
        wanted = [
            (step, change_text(marks), 0.95 - 0.13 * (k % 4)) for k, (step, marks) in enumerate(sorted(by_step.items()))
        ]
        drawn = {}
        for key, lines in self._drawn.items():
            if key in wanted:
                drawn[key] = lines
            else:
                for plot, line in lines:
                    plot.removeItem(line)
        for key in wanted:
            if key not in drawn:
                drawn[key] = self._draw(*key)
        self._drawn = drawn
        self.lines = [pair for key in wanted for pair in drawn[key]]

    def _draw(self, step: int, text: str, height: float) -> list[tuple[pg.PlotItem, pg.InfiniteLine]]:
        pen = pg.mkPen(MARKER_COLOR, width=1.5, style=Qt.DashLine)
        lines = []
        for i, plot in enumerate(self.plots):
            line = pg.InfiniteLine(
                pos=step,
                angle=90,
                pen=pen,
                movable=False,
                label=text if i == 0 else None,
                labelOpts={"position": height, "color": MARKER_COLOR, "anchors": [(0, 0), (0, 0)]},
            )
            line.setToolTip(text)
            line.setZValue(5)
            plot.addItem(line, ignoreBounds=True)
            lines.append((plot, line))
        return lines
