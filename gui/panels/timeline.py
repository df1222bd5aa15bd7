"""The timeline strip under the loss curve: the run's checkpoints, the current step, the memory.

A thin plot sharing the loss plot's step axis: a tick for every checkpoint the training
process keeps (``core.checkpoints``), a red line at the current step and, at its right,
"12 checkpoints · 3.1 MB of 256 MB".  The checkpoints are asked for (query
``checkpoints``) at most once a second while the strip is shown, never every frame; the
current step follows the snapshots.

A click goes back to that step (a rewind: the nearest checkpoint, then replay; a click
within a few pixels of a tick takes the tick's step).  A rewind drops the steps after it
and cannot be undone, so a click that would drop more than :data:`CONFIRM_STEPS` steps
asks once first.  The right button offers Rewind and Branch from Step N.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QVBoxLayout, QWidget

from . import style

#: the checkpoints are asked for at most this often (milliseconds)
REFRESH_MS = 1000
#: a click that would drop more steps than this asks first
CONFIRM_STEPS = 1000
#: a click this close to a tick (pixels) takes the tick's step
SNAP_PIXELS = 5
#: an answer not back after this many seconds (the process restarted) is given up on
STALE_SECONDS = 5.0
HEIGHT = 34
#: the ticks sit in the upper part of the strip, the memory text in the lower right
TICK_Y = 0.68
TICK_COLOR = "#37474f"
CURRENT_COLOR = "#d32f2f"


MB = 1024 * 1024


def _number(n: float) -> str:
    return f"{n:.0f}" if n >= 100 or float(n).is_integer() else f"{n:.1f}"


class TimelineStrip(QWidget):
    """Checkpoints as ticks on the step axis; click = rewind, right-click = rewind or branch."""

    rewind_requested = Signal(int)
    branch_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self._ask = None  # callable(name, *args, on_done, on_error): the training process's queries
        self._asking = False
        self._asked_at = 0.0
        self.checkpoints: list[int] = []
        self.step = 0
        self.memory = self.budget = self.every = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.widget = pg.PlotWidget(background=style.BACKGROUND)
        self.widget.setFixedHeight(HEIGHT)
        self.plot = self.widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideAxis("bottom")
        left = self.plot.getAxis("left")
        left.setWidth(60)  # as the loss plot's: the steps line up
        left.setStyle(showValues=False, tickLength=0)
        left.setPen(pg.mkPen(None))
        self.plot.setYRange(0, 1, padding=0)
        self.plot.getViewBox().setDefaultPadding(0)
        self.plot.layout.setContentsMargins(0, 0, 0, 0)
        self.ticks = pg.ScatterPlotItem(symbol="|", size=12, pen=pg.mkPen(TICK_COLOR, width=1), brush=TICK_COLOR)
        self.plot.addItem(self.ticks)
        self.current = pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen(CURRENT_COLOR, width=2), movable=False)
        self.plot.addItem(self.current, ignoreBounds=True)
        self.axis_line = pg.InfiniteLine(pos=TICK_Y, angle=0, pen=pg.mkPen("#b0bec5", width=1), movable=False)
        self.plot.addItem(self.axis_line, ignoreBounds=True)
        self.label = QLabel(self.widget)
        self.label.setObjectName("timeline_memory")
        self.label.setStyleSheet("color: #37474f; background: rgba(255,255,255,210); padding: 0 3px; font-size: 8pt;")
        self.label.setAttribute(Qt.WA_TransparentForMouseEvents)
        layout.addWidget(self.widget)
        self.widget.setToolTip(self._hint())
        scene = self.widget.scene()
        scene.sigMouseClicked.connect(self._on_clicked)
        scene.sigMouseMoved.connect(self._on_moved)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self._show_text()

    # ---- wiring
    def set_source(self, ask) -> None:
        """``ask(name, *args, on_done=..., on_error=...)``: how to query the training process."""
        self._ask = ask
        self.timer.start()

    def link(self, plot: pg.PlotItem) -> None:
        """Share ``plot``'s step axis."""
        self.plot.setXLink(plot)

    def stop(self) -> None:
        self.timer.stop()

    # ---- what is shown
    def refresh(self) -> None:
        """Ask the training process for its checkpoints (not while hidden or already asking)."""
        now = time.monotonic()
        if self._ask is None or not self.isVisible() or (self._asking and now - self._asked_at < STALE_SECONDS):
            return
        self._asking, self._asked_at = True, now
        self._ask("checkpoints", on_done=self.set_checkpoints, on_error=self._failed)

    def _failed(self, _exc) -> None:
        self._asking = False

    def set_checkpoints(self, cps: dict) -> None:
        """The ``checkpoints`` query's answer: ``{"steps", "memory", "budget", "every", "step"}``."""
        self._asking = False
        steps = [int(s) for s in cps.get("steps", [])]
        self.memory, self.budget, self.every = (int(cps.get(k, 0) or 0) for k in ("memory", "budget", "every"))
        if steps != self.checkpoints:
            self.checkpoints = steps
            self.ticks.setData(np.asarray(steps, dtype=float), np.full(len(steps), TICK_Y))
        self.set_step(int(cps.get("step", self.step)))
        self._show_text()

    def set_step(self, step: int) -> None:
        """The run's current step (from the snapshots: no query)."""
        if step != self.step:
            self.step = step
            self.current.setValue(step)

    def clear(self) -> None:
        self.checkpoints = []
        self.ticks.setData([], [])
        self.memory = 0
        self.set_step(0)
        self._show_text()

    def text(self) -> str:
        """"12 checkpoints · 3.1 MB of 256 MB" (one sentence to translate: the units are in it)."""
        if not self.budget:
            return self.tr("No checkpoints yet")
        n = len(self.checkpoints)
        if self.memory >= MB // 10:
            text = self.tr("1 checkpoint · {memory} MB of {budget} MB") if n == 1 else None
            text = text or self.tr("{n} checkpoints · {memory} MB of {budget} MB")
            memory = _number(self.memory / MB)
        else:
            text = self.tr("1 checkpoint · {memory} KB of {budget} MB") if n == 1 else None
            text = text or self.tr("{n} checkpoints · {memory} KB of {budget} MB")
            memory = f"{self.memory / 1024:.0f}"
        return text.format(n=n, memory=memory, budget=_number(self.budget / MB))

    def _show_text(self) -> None:
        self.label.setText(self.text())
        self.label.adjustSize()
        self._place_label()

    def _place_label(self) -> None:
        self.label.move(max(0, self.widget.width() - self.label.width() - 2), HEIGHT - self.label.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_label()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # the text is put together: again in the new language
            self._show_text()
            self.widget.setToolTip(self._hint())
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def _hint(self) -> str:
        return self.tr(
            "The run's checkpoints (ticks) and its current step (red). Click a step to go back there; "
            "right-click to branch from it"
        )

    # ---- the mouse
    def step_at(self, scene_x: float) -> int | None:
        """The step a click at ``scene_x`` means: a tick within a few pixels, else the nearest
        step, within 0 .. the current step (None outside the plot or before any step)."""
        vb = self.plot.getViewBox()
        x = vb.mapSceneToView(QPointF(scene_x, 0)).x()
        if not np.isfinite(x) or self.step < 1:
            return None
        if self.checkpoints:
            px = vb.viewPixelSize()[0] or 1.0
            near = min(self.checkpoints, key=lambda s: abs(s - x))
            if abs(near - x) <= SNAP_PIXELS * px and near <= self.step:
                return near
        return int(min(max(round(x), 0), self.step))

    def describe(self, step: int) -> str:
        if step in self.checkpoints:
            return self.tr("step {n} (checkpoint)").format(n=f"{step:,}")
        base = max((s for s in self.checkpoints if s <= step), default=None)
        if base is None:
            return self.tr("step {n}").format(n=f"{step:,}")
        return self.tr("step {n} (replayed from the checkpoint at step {base})").format(n=f"{step:,}", base=f"{base:,}")

    def _on_moved(self, pos) -> None:
        if not self.plot.getViewBox().sceneBoundingRect().contains(pos):
            return
        step = self.step_at(pos.x())
        self.widget.setToolTip(self._hint() if step is None else self.describe(step) + "\n" + self._hint())

    def _on_clicked(self, event) -> None:
        if not self.plot.getViewBox().sceneBoundingRect().contains(event.scenePos()):
            return
        step = self.step_at(event.scenePos().x())
        if step is None:
            return
        if event.button() == Qt.LeftButton:
            event.accept()
            self.request_rewind(step)
        elif event.button() == Qt.RightButton:
            event.accept()
            self.context_menu(step).popup(event.screenPos().toPoint())

    def context_menu(self, step: int) -> QMenu:
        menu = QMenu(self)
        rewind = menu.addAction(self.tr("Rewind to Step {n}").format(n=f"{step:,}"))
        rewind.setToolTip(self.tr("Go back to this step and continue from there"))
        rewind.triggered.connect(lambda: self.request_rewind(step))
        branch = menu.addAction(self.tr("Branch from Step {n}…").format(n=f"{step:,}"))
        branch.setToolTip(self.tr("Keep this run in the run history and continue from this step as a new run"))
        branch.triggered.connect(lambda: self.branch_requested.emit(step))
        menu.setToolTipsVisible(True)
        return menu

    def request_rewind(self, step: int) -> bool:
        """Rewind to ``step``; asks first if that drops more than :data:`CONFIRM_STEPS` steps."""
        dropped = self.step - step
        if dropped > CONFIRM_STEPS:
            answer = QMessageBox.question(
                self,
                self.tr("Rewind"),
                self.tr(
                    "Go back to step {step}? The {dropped} steps after it are dropped (Branch from Step keeps "
                    "them in the run history instead)."
                ).format(step=f"{step:,}", dropped=f"{dropped:,}"),
                QMessageBox.Yes | QMessageBox.Cancel,
                QMessageBox.Cancel,
            )
            if answer != QMessageBox.Yes:
                return False
        self.rewind_requested.emit(step)
        return True
