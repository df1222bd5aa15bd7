"""Play / pause, step one batch, step one epoch, reset, speed and the live read-out.

The read-out wraps onto a second line when the row is narrow (it was cut off
at 1600 px); :meth:`Controls.take_readout` hands it to the window, e.g. to
put it in the status bar.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from gui.forms import ComboBox
from gui.worker import SPEEDS


class Controls(QWidget):
    """A tool-bar-like row; the actions themselves live in the main window."""

    speed_changed = Signal(str)

    def __init__(self, actions: dict, parent=None):
        super().__init__(parent)
        self._last: dict = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        for name in ("play", "step", "step_epoch", "reset"):
            button = QToolButton()
            button.setDefaultAction(actions[name])
            button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
            button.setObjectName(f"button_{name}")
            if name == "play":
                button.setMinimumWidth(90)
                # the one thing to press first: make it stand out
                button.setStyleSheet(
                    "QToolButton { background: #2e7d32; color: white; font-weight: bold; "
                    "border-radius: 4px; padding: 3px 10px; }"
                    "QToolButton:hover { background: #388e3c; }"
                )
            row.addWidget(button)
        row.addWidget(QLabel(self.tr("Speed")))
        self.speed = ComboBox()
        self.speed.setObjectName("speed")
        names = {
            "max": self.tr("max"),
            "fast": self.tr("fast"),
            "medium": self.tr("medium"),
            "slow": self.tr("slow"),
            "very slow": self.tr("very slow"),
        }
        for name in SPEEDS:  # the worker's name as item data, the words in the window's language
            self.speed.addItem(names.get(name, name), name)
        self.speed.setToolTip(
            self.tr(
                "Training steps per second while playing: slow to watch each step, max trains as fast as the machine "
                "can"
            )
        )
        self.speed.activated.connect(lambda _i: self.speed_changed.emit(self.speed.currentData()))
        row.addWidget(self.speed)
        row.addSpacing(12)
        self.readout = Readout(self.tr("Press Play (Space) to train"))
        self.readout.setObjectName("readout")
        row.addWidget(self.readout, 1)

    def take_readout(self) -> Readout:
        """Remove the read-out from this row and return it (to put it elsewhere, e.g. the status bar)."""
        self.layout().removeWidget(self.readout)
        self.readout.setParent(None)
        return self.readout

    def show_progress(self, snap, steps_per_second: float | None, task: str) -> None:
        hist = snap.history
        for key in ("train_loss", "val_loss", "train_accuracy", "val_accuracy"):
            value = _last(hist.get(key))
            if value is not None:
                self._last[key] = value
        parts = [self.tr("epoch <b>{n}</b>").format(n=snap.epoch), self.tr("step <b>{n}</b>").format(n=snap.step)]
        scale = getattr(self, "loss_scale", None) or 1.0  # a standardised target: its own units
        losses = [_number(self._last[k] * scale, ".4g") for k in ("train_loss", "val_loss") if k in self._last]
        if losses:
            parts.append(self.tr("loss <b>{values}</b>").format(values=" / ".join(losses)))
        if task == "classification":
            accs = [
                _number(100 * self._last[k], ".1f") + "%" for k in ("train_accuracy", "val_accuracy") if k in self._last
            ]
            if accs:
                parts.append(self.tr("accuracy <b>{values}</b>").format(values=" / ".join(accs)))
        if len(losses) == 2:
            parts.append("<span style='color:#777'>" + self.tr("(train / validation)") + "</span>")
        failed = getattr(snap, "failed_step", None)
        if failed is not None:  # the banner names this step: the read-out says the same
            failed_text = self.tr("step {n} failed").format(n=failed)
            parts.append("<span style='color:#b3261e'><b>" + failed_text + "</b></span>")
        if steps_per_second and math.isfinite(steps_per_second):
            parts.append(self.tr("<b>{n}</b> steps/s").format(n=f"{steps_per_second:,.0f}"))
        if snap.step == 0 and failed is None:
            parts.insert(0, "<span style='color:#2e7d32'><b>" + self.tr("Press Play or Space to train") + "</b></span>")
        self.readout.setText(" · ".join(parts))

    def clear(self):
        self._last = {}
        self.readout.setText(self.tr("Press Play (Space) to train"))


class Readout(QWidget):
    """A rich-text read-out of up to two lines: the text wraps when the row is
    narrow, and its whole text is its tooltip.  Unlike a QLabel, changing its
    text (many times a second) only repaints it: a QLabel asks its parents to
    re-lay out, and the whole window would be re-laid out and repainted on
    every snapshot."""

    LINES = 2

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(0)
        self._doc.setDefaultFont(self.font())
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMinimumWidth(120)
        self.set_lines(self.LINES)
        self.setText(text)

    def set_lines(self, lines: int) -> None:
        """Room for this many lines of text (e.g. 1 in a status bar)."""
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + 4)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        self._text = text
        self._doc.setHtml(text)
        self.setToolTip(self._doc.toPlainText())
        self.update()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._doc.setTextWidth(self.width())

    def paintEvent(self, event):
        painter = QPainter(self)
        self._doc.setTextWidth(self.width())
        painter.translate(0, max(0.0, (self.height() - self._doc.size().height()) / 2))
        self._doc.drawContents(painter, QRectF(0, 0, self.width(), self.height()))


def _number(value: float, fmt: str) -> str:
    return format(value, fmt) if math.isfinite(value) else str(value).replace("inf", "\u221e")


def _last(values):
    if values is None or len(values) == 0:
        return None
    for v in values[::-1]:
        if not math.isnan(v):
            return float(v)
    return None
