"""Experiments → Race Variants in Lock Step…: two to four variants of the project, side by side.

Each column is one variant: the project as it is, or with another optimizer,
initialisation, activation, width, batch size or any setting (a kind and a value,
:func:`core.lockstep.make_variant`).  Play trains every variant step for step in a
background thread (:class:`core.lockstep.LockstepRace`: the same initial weights where
the shapes allow, the same shuffle stream); one shared plot shows every variant's loss,
and each column its own decision boundary and per-layer gradient histograms.  A
variant that diverges stops and its column says why; the others go on.  The current
run is not touched.

The thread owns the race; the window only sends it play / pause / step requests and
draws the frames it sends back (the thread waits until a frame is drawn before it
makes the next, so the window is never flooded).  Closing the window, or the main
window, stops and joins the thread.
"""

from __future__ import annotations

import copy
import html
import threading
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.lockstep import GRID, KINDS, MAX_VARIANTS, MIN_VARIANTS, LockstepRace, hidden_layers, make_variant
from core.registry import ConfigError
from core.stats import LOG_GRAD_EDGES
from gui.controller import coded_message, plain_message
from gui.panels import style
from gui.tool_windows import StoppingToolWindow, opener

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
LETTERS = "ABCD"
#: the thread makes at most this many frames a second
FRAME_SECONDS = 0.04
#: how long closing the window waits for the thread (a step of four small networks takes milliseconds)
JOIN_MS = 10_000
#: characters of a variant's name in the loss plot's title at most
LABEL_CHARS = 42
#: training points drawn on a boundary at most
POINTS = 300

KIND_NAMES = {
    "baseline": QT_TRANSLATE_NOOP("LockstepWindow", "the project as is"),
    "optimizer": QT_TRANSLATE_NOOP("LockstepWindow", "optimizer"),
    "init": QT_TRANSLATE_NOOP("LockstepWindow", "initialisation"),
    "activation": QT_TRANSLATE_NOOP("LockstepWindow", "activation"),
    "width": QT_TRANSLATE_NOOP("LockstepWindow", "width"),
    "batch_size": QT_TRANSLATE_NOOP("LockstepWindow", "batch size"),
    "custom": QT_TRANSLATE_NOOP("LockstepWindow", "any setting"),
}
KIND_TIPS = {
    "baseline": QT_TRANSLATE_NOOP("LockstepWindow", "The current project, unchanged"),
    "optimizer": QT_TRANSLATE_NOOP(
        "LockstepWindow",
        "Another optimizer: a name and settings, e.g. \u201cadam lr=0.01\u201d or \u201csgd momentum=0.9\u201d "
        "(the project's learning rate unless given)",
    ),
    "init": QT_TRANSLATE_NOOP(
        "LockstepWindow",
        "Another weight initialisation, e.g. \u201che_normal\u201d or \u201cnormal std=1\u201d: this variant "
        "draws its own initial weights with the same seed",
    ),
    "activation": QT_TRANSLATE_NOOP(
        "LockstepWindow", "Another activation of every hidden layer or of one, e.g. \u201crelu\u201d"
    ),
    "width": QT_TRANSLATE_NOOP(
        "LockstepWindow",
        "Another number of units in one hidden layer: its weights have other shapes, so it draws its own "
        "with the same seed",
    ),
    "batch_size": QT_TRANSLATE_NOOP(
        "LockstepWindow", "Another batch size: a number of rows, or \u201cfull\u201d for the whole training set"
    ),
    "custom": QT_TRANSLATE_NOOP(
        "LockstepWindow",
        "Any setting of the project file as KEY=VALUE, several separated by \u201c;\u201d, e.g. "
        "\u201coptimizer.weight_decay=0.001; training.grad_clip=1\u201d",
    ),
}
SUGGESTIONS = {
    "baseline": [],
    "optimizer": [
        "sgd",
        "sgd momentum=0.9",
        "sgd momentum=0.9 nesterov=true",
        "adagrad",
        "rmsprop lr=0.01",
        "adam lr=0.01",
        "adamw lr=0.01",
    ],
    "init": [
        "xavier_uniform",
        "xavier_normal",
        "he_uniform",
        "he_normal",
        "lecun_normal",
        "orthogonal",
        "normal std=1",
        "normal std=0.001",
        "zeros",
    ],
    "activation": ["tanh", "relu", "leaky_relu", "elu", "gelu", "silu", "sigmoid", "linear"],
    "width": ["1", "2", "4", "16", "32", "64"],
    "batch_size": ["1", "8", "32", "full"],
    "custom": ["optimizer.lr=0.01", "optimizer.weight_decay=0.001", "training.grad_clip=1", "optimizer.lr=10"],
}
START_NOTES = {
    "shared": QT_TRANSLATE_NOOP("LockstepWindow", "same initial weights as the others"),
    "seed_shapes": QT_TRANSLATE_NOOP(
        "LockstepWindow", "own initial weights (its shapes differ), drawn with the same seed"
    ),
    "seed_init": QT_TRANSLATE_NOOP("LockstepWindow", "own initial weights from its initialisation, same seed"),
}
# the variant's own errors (core.lockstep codes), by code
LOCKSTEP_ERRORS = {
    "lockstep_empty": QT_TRANSLATE_NOOP("LockstepWindow", "Give a value for this variant."),
    "lockstep_bad_value": QT_TRANSLATE_NOOP("LockstepWindow", "Write a name, then settings as KEY=VALUE: {value}"),
    "lockstep_bad_integer": QT_TRANSLATE_NOOP("LockstepWindow", "A whole number of at least 1, please: {value}"),
    "lockstep_bad_assignment": QT_TRANSLATE_NOOP("LockstepWindow", "Write KEY=VALUE, e.g. optimizer.lr=0.01: {value}"),
    "lockstep_no_layer": QT_TRANSLATE_NOOP("LockstepWindow", "The network has no such hidden layer."),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("LockstepWindow", text)


def error_text(exc: Exception) -> str:
    """A variant's problem as a sentence in the window's language."""
    code = getattr(exc, "code", None)
    args = exc.args if isinstance(exc.args, dict) else {}
    if code in LOCKSTEP_ERRORS:
        try:
            return _tr(LOCKSTEP_ERRORS[code]).format(**args)
        except (KeyError, IndexError):
            return _tr(LOCKSTEP_ERRORS[code])
    if isinstance(exc, ConfigError):
        return coded_message(code, args, str(exc))
    return plain_message(str(exc))


def _cache_axes(*plots) -> None:
    """Paint the axes once into a pixmap and copy it (repainting their text under every
    frame cost more than the rest of the frame; as the optimizer race does)."""
    for plot in plots:
        for side in ("left", "bottom"):
            plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


class LockstepThread(QThread):
    """Builds the race and steps it while playing or asked to step; sends frames."""

    built = Signal(object)  # list of core.snapshot.RunInfo, one per variant
    framed = Signal(object, int)  # list of core.lockstep.VariantFrame, the lock-step count
    paused = Signal()  # stopped playing by itself (the step limit, or every variant stopped)
    failed = Signal(str)

    def __init__(self, project, variants, base_dir, weights, parent=None):
        super().__init__(parent)
        self.args = (project, variants, base_dir, weights)
        self.stop_event = threading.Event()
        self.wake = threading.Event()
        self.drawn = threading.Event()
        self.drawn.set()
        self._lock = threading.Lock()
        self._playing = False
        self._pending = 0
        self.speed = 1
        self.limit = 1000

    # ---- requests from the window (any thread)
    def set_playing(self, playing: bool) -> None:
        with self._lock:
            self._playing = bool(playing)
        self.wake.set()

    def request_steps(self, n: int) -> None:
        with self._lock:
            self._pending += int(n)
        self.wake.set()

    def set_options(self, speed: int, limit: int) -> None:
        with self._lock:
            self.speed, self.limit = max(1, int(speed)), max(1, int(limit))
        self.wake.set()

    def stop(self) -> None:
        self.stop_event.set()
        self.wake.set()
        self.drawn.set()

    # ---- the thread
    def run(self):
        project, variants, base_dir, weights = self.args
        try:
            race = LockstepRace(project, variants, base_dir=base_dir, weights=weights, grid=GRID)
            self.built.emit(race.infos())
            self.drawn.clear()
            self.framed.emit(race.frames(), race.steps)
        except Exception as exc:  # said in the window, never a crash
            self.failed.emit(error_text(exc))
            return
        last = 0.0
        while not self.stop_event.is_set():
            self.wake.wait(0.1)
            if self.stop_event.is_set():
                return
            if not self.drawn.wait(0.1):  # the last frame is not drawn yet
                continue
            with self._lock:
                n = self._pending or (self.speed if self._playing else 0)
                self._pending = 0
                limit = self.limit
            n = min(n, max(limit - race.steps, 0))
            if n <= 0 or race.finished:
                with self._lock:
                    was_playing, self._playing = self._playing, False
                self.wake.clear()
                if was_playing:
                    self.paused.emit()
                continue
            wait = FRAME_SECONDS - (time.perf_counter() - last)
            if wait > 0:
                self.stop_event.wait(wait)
            try:
                frames = race.step(n, cancel=self.stop_event)
            except Exception as exc:  # an engine bug: said, the thread ends
                self.failed.emit(f"{type(exc).__name__}: {exc}")
                return
            last = time.perf_counter()
            self.drawn.clear()
            self.framed.emit(frames, race.steps)


class VariantColumn(QFrame):
    """One variant: its editor, its state, its decision boundary and gradient histograms."""

    def __init__(self, index: int, project: dict, kind: str, value: str = "", layer: int | None = None, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.setObjectName(f"lockstep_variant_{index}")
        self.index = index
        self.project = project
        self.on_changed = None
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.setSpacing(2)
        head = QHBoxLayout()
        head.setSpacing(3)
        self.letter = QLabel()
        self.letter.setMinimumWidth(14)
        self.kind = QComboBox()
        self.kind.setObjectName("lockstep_kind")
        for key in KINDS:
            self.kind.addItem("", key)
        self.layer = QComboBox()
        self.layer.setObjectName("lockstep_layer")
        self.value = QComboBox()
        self.value.setObjectName("lockstep_value")
        self.value.setEditable(True)
        self.value.setInsertPolicy(QComboBox.NoInsert)
        self.value.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.value.setMinimumContentsLength(6)
        self.value.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.remove = QToolButton()
        self.remove.setObjectName("lockstep_remove")
        self.remove.setText("\u00d7")
        for w in (self.letter, self.kind, self.layer, self.remove):
            head.addWidget(w)
        head.setStretch(1, 1)
        head.setStretch(2, 1)
        box.addLayout(head)
        box.addWidget(self.value)
        self.status = QLabel()
        self.status.setObjectName("lockstep_status")
        self.status.setWordWrap(True)
        self.status.setToolTip(
            QCoreApplication.translate(
                "LockstepWindow",
                "Loss and accuracy of this variant on the whole training and validation sets, at this step",
            )
        )
        self.start_note = QLabel()
        self.start_note.setObjectName("lockstep_start_note")
        self.start_note.setWordWrap(True)
        self.start_note.setStyleSheet("color: #606060;")
        self.problem = QLabel()
        self.problem.setObjectName("lockstep_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.hide()
        for w in (self.status, self.start_note, self.problem):
            box.addWidget(w)
        self.view = style.new_graphics_widget()
        self.view.setMinimumHeight(120)
        self.boundary = self.view.addPlot(row=0, col=0)
        style.style_plot(self.boundary, grid=False)
        self.boundary.setMouseEnabled(x=False, y=False)
        self.boundary.hideButtons()
        self.boundary.setMenuEnabled(False)
        for side in ("left", "bottom"):
            self.boundary.getAxis(side).setStyle(tickLength=3)
        self.boundary.getAxis("left").setWidth(30)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.boundary.addItem(self.image)
        self.curve_1d = self.boundary.plot(pen=style.pen(COLORS[index % 4], 2), connect="finite")
        self.points = pg.ScatterPlotItem(size=4, pen=pg.mkPen("#303030", width=0.5))
        self.boundary.addItem(self.points)
        self.missing = pg.TextItem("", color="#b71c1c", anchor=(0.5, 0.5))
        self.boundary.addItem(self.missing, ignoreBounds=True)
        self._rect = None
        self.grads = self.view.addPlot(row=1, col=0)
        style.style_plot(self.grads)
        self.grads.setMouseEnabled(x=False, y=False)
        self.grads.hideButtons()
        self.grads.setMenuEnabled(False)
        self.grads.getAxis("left").setWidth(30)
        self.grads.setXRange(float(LOG_GRAD_EDGES[0]), float(LOG_GRAD_EDGES[-1]), padding=0.02)
        self.grad_curves: list = []
        self.grad_note = pg.LabelItem("", size="8pt", color=style.FOREGROUND)
        self.view.addItem(self.grad_note, row=2, col=0)
        _cache_axes(self.boundary, self.grads)
        self.view.ci.layout.setRowStretchFactor(0, 3)
        self.view.ci.layout.setRowStretchFactor(1, 2)
        box.addWidget(self.view, 1)
        self._set_layers()
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self._fill_values()
        if layer is not None:
            self.layer.setCurrentIndex(max(self.layer.findData(layer), 0))
        self.value.setEditText(value)
        self._sync_layer()
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.layer.currentIndexChanged.connect(lambda _i: self._changed())
        self.value.lineEdit().editingFinished.connect(self._changed)
        self.value.activated.connect(lambda _i: self._changed())
        self._value_seen = value
        self.info = None
        self.retranslate()

    # ---- Public API
    def variant(self):
        """The :class:`core.lockstep.Variant` of this column (ConfigError if it is not one)."""
        kind = self.kind.currentData()
        layer = self.layer.currentData() if kind in ("init", "activation", "width") else None
        return make_variant(self.project, kind, self.value.currentText(), layer)

    def set_letter(self, index: int) -> None:
        self.index = index
        color = COLORS[index % len(COLORS)]
        self.letter.setText(f"<b style='color:{color}; font-size:14pt'>{LETTERS[index]}</b>")
        self.setStyleSheet(f"#{self.objectName()} {{ border-top: 3px solid {color}; }}")
        self.curve_1d.setPen(style.pen(color, 2))

    def set_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def clear(self) -> None:
        self.info = None
        self._rect = None
        self.status.setText("")
        self.start_note.setText("")
        self.image.clear()
        self.points.clear()
        self.curve_1d.setData([], [])
        self.missing.setText("")
        for curve in self.grad_curves:
            curve.setData([], [])
        self.grad_note.setText("")

    def set_info(self, info) -> None:
        """Lay out for a freshly built variant (its data and layers)."""
        self.info = info
        for curve in self.grad_curves:
            self.grads.removeItem(curve)
        layers = [lay for lay in info.layers if lay.kind in ("dense", "batchnorm")]
        colors = style.depth_colors(len(layers))
        self.grad_curves = [
            self.grads.plot(stepMode="center", pen=style.pen(c, 1.5), name=lay.label) for lay, c in zip(layers, colors)
        ]
        legend = " ".join(
            f"<span style='color:{c.name()}'>\u25a0 {lay.path.removeprefix('layers.')}</span>"
            for lay, c in zip(layers, colors)
        )
        self._legend = legend
        self.points.clear()
        plane = info.plane
        if plane is not None and len(plane.train_uv):
            rows = np.linspace(0, len(plane.train_uv) - 1, min(POINTS, len(plane.train_uv))).round().astype(int)
            uv, y = plane.train_uv[rows], np.asarray(info.y_train)[rows].ravel()
            brushes = [pg.mkBrush(style.class_color(int(c))) for c in y]
            self.points.setData(uv[:, 0], uv[:, 1], brush=brushes)
            self.boundary.setLabel("bottom", plane.labels[0])
            self.boundary.setLabel("left", plane.labels[1])
        elif info.in_width == 1 or (info.raw_x_train.ndim == 2 and info.raw_x_train.shape[1] == 1):
            x = np.asarray(info.raw_x_train)[:, 0]
            y = np.asarray(info.y_train)[:, 0] if np.ndim(info.y_train) == 2 else np.asarray(info.y_train)
            rows = np.linspace(0, len(x) - 1, min(POINTS, len(x))).round().astype(int) if len(x) else []
            self.points.setData(x[rows], y[rows], brush=pg.mkBrush("#9a9a9a"))

    def show_frame(self, frame) -> None:
        snap = frame.snapshot
        m = frame.metrics
        parts = [
            QCoreApplication.translate("LockstepWindow", "step {step} \u00b7 epoch {epoch:.2f}").format(
                step=snap.step, epoch=snap.epoch_progress
            )
        ]
        if m:
            parts.append(
                QCoreApplication.translate("LockstepWindow", "loss {train} \u00b7 validation {val}").format(
                    train=style.number(m.get("train_loss")), val=style.number(m.get("val_loss"))
                )
            )
            if "val_accuracy" in m or "train_accuracy" in m:
                acc = m.get("val_accuracy", float("nan"))
                if acc != acc:
                    acc = m.get("train_accuracy", float("nan"))
                parts.append(
                    QCoreApplication.translate("LockstepWindow", "acc. {acc}").format(
                        acc="\u2014" if acc != acc else f"{acc:.1%}"
                    )
                )
        self.status.setText(parts[0] + "<br>" + " \u00b7 ".join(parts[1:]))
        note = _tr(START_NOTES.get(frame.start, START_NOTES["shared"]))
        batch = (
            QCoreApplication.translate("LockstepWindow", "full batch")
            if frame.batch_size is None
            else QCoreApplication.translate("LockstepWindow", "batch {n}").format(n=frame.batch_size)
        )
        note += (
            " \u00b7 "
            + batch
            + " \u00b7 "
            + QCoreApplication.translate("LockstepWindow", "steps per epoch: {n}").format(n=frame.steps_per_epoch)
        )
        if not frame.same_data:
            note += " \u00b7 " + QCoreApplication.translate("LockstepWindow", "other data or seed: other batches")
        self.start_note.setText(note)
        if frame.stopped == "diverged":
            text = coded_message(frame.code, {**frame.details}, frame.message or "")
            self.set_problem(QCoreApplication.translate("LockstepWindow", "Stopped: {reason}").format(reason=text))
        elif frame.stopped == "finished":
            self.set_problem(
                QCoreApplication.translate("LockstepWindow", "Stopped: {reason}").format(
                    reason=plain_message(frame.message or "")
                )
            )
        else:
            self.set_problem("")
        self._draw_boundary(snap.boundary, frame.stopped == "diverged")
        self._draw_grads(snap.layers)

    def retranslate(self) -> None:
        for i in range(self.kind.count()):
            self.kind.setItemText(i, _tr(KIND_NAMES[self.kind.itemData(i)]))
        self.kind.setToolTip(QCoreApplication.translate("LockstepWindow", "What this variant changes in the project"))
        self.value.setToolTip(_tr(KIND_TIPS[self.kind.currentData()]))
        self.layer.setToolTip(QCoreApplication.translate("LockstepWindow", "Which hidden layer the change applies to"))
        if self.layer.count():
            self.layer.setItemText(0, QCoreApplication.translate("LockstepWindow", "all hidden layers"))
        self.remove.setToolTip(QCoreApplication.translate("LockstepWindow", "Leave this variant out of the race"))
        self.set_letter(self.index)
        self.grads.setTitle(
            QCoreApplication.translate("LockstepWindow", "gradients: log\u2081\u2080 |\u2202L/\u2202\u03b8| per layer"),
            size="8pt",
        )
        self.grads.setToolTip(
            QCoreApplication.translate(
                "LockstepWindow",
                "How many of each layer's parameter gradients have each size, on the same scale for every layer "
                "(one curve per layer, dark = near the input): a layer far left of the others has vanishing "
                "gradients. Exact zeros and values that are not finite are counted under the plot.",
            )
        )
        self.boundary.setToolTip(
            QCoreApplication.translate(
                "LockstepWindow",
                "This variant's output over the input plane (its decision boundary), with the training points; "
                "blank where the output is not finite",
            )
        )

    # ---- Private API
    def _set_layers(self) -> None:
        self.layer.clear()
        self.layer.addItem("", None)
        for i, (_key, spec) in enumerate(hidden_layers(self.project)):
            act = spec.get("activation", "linear")
            act = act.get("name", "?") if isinstance(act, dict) else act
            self.layer.addItem(f"{i}: {spec.get('units', '?')} {act}", i)

    def _fill_values(self) -> None:
        kind = self.kind.currentData()
        text = self.value.currentText()
        self.value.blockSignals(True)
        self.value.clear()
        self.value.addItems(SUGGESTIONS.get(kind, []))
        self.value.setEditText(text)
        self.value.blockSignals(False)
        self.value.setEnabled(kind != "baseline")

    def _sync_layer(self) -> None:
        kind = self.kind.currentData()
        self.layer.setVisible(kind in ("init", "activation", "width"))
        if self.layer.count():
            self.layer.model().item(0).setEnabled(kind != "width")
            if kind == "width" and self.layer.currentIndex() == 0 and self.layer.count() > 1:
                self.layer.blockSignals(True)
                self.layer.setCurrentIndex(1)
                self.layer.blockSignals(False)

    def _on_kind(self, _index: int) -> None:
        kind = self.kind.currentData()
        self._fill_values()
        suggestions = SUGGESTIONS.get(kind, [])
        self.value.setEditText(suggestions[min(1, len(suggestions) - 1)] if suggestions else "")
        self._sync_layer()
        self.value.setToolTip(_tr(KIND_TIPS[kind]))
        self._changed()

    def _changed(self) -> None:
        if self.on_changed is not None:
            self.on_changed()

    def _draw_boundary(self, b, diverged: bool) -> None:
        if b is None:
            self.image.clear()
            self.curve_1d.setData([], [])
            if diverged:
                self.missing.setText(QCoreApplication.translate("LockstepWindow", "not finite: no boundary"))
            elif self.info is not None and self.info.plane is None and self.info.in_width != 1:
                self.missing.setText(QCoreApplication.translate("LockstepWindow", "no input plane to draw"))
            else:
                self.missing.setText("")
            self._center_missing()
            return
        if b.ys is None:  # 1-D data: the fitted curve
            values, bad = style.drawable(b.values)
            self.curve_1d.setData(b.xs, values)
            self.missing.setText(
                QCoreApplication.translate("LockstepWindow", "{n} outputs not finite (not drawn)").format(n=bad)
                if bad
                else ""
            )
            self._center_missing()
            return
        values, bad = style.drawable(b.values)
        values = values.reshape(np.shape(b.values))
        if b.classes is None:
            self.image.setImage(np.clip(values, 0.0, 1.0), autoLevels=False, levels=(0.0, 1.0))
            self.image.setColorMap(style.binary_colormap())
        else:
            c = max(int(np.nanmax(b.classes)) + 1 if np.size(b.classes) else 2, 2)
            palette = np.array([style.region_color(i).getRgb()[:3] for i in range(max(c, 10))], dtype=float)
            classes = np.clip(np.asarray(b.classes, dtype=np.intp), 0, len(palette) - 1)
            rgb = palette[classes]
            rgb[np.isnan(values)] = 255.0
            self.image.setImage(rgb.astype(np.uint8), autoLevels=False, levels=(0, 255))
        x0, x1, y0, y1 = float(b.xs[0]), float(b.xs[-1]), float(b.ys[0]), float(b.ys[-1])
        if all(style.finite_number(v) for v in (x0, x1, y0, y1)):
            rect = QRectF(x0, y0, x1 - x0, y1 - y0)
            self.image.setRect(rect)
            if rect != self._rect:  # the plane's extent, not whatever else is drawn
                self._rect = rect
                self.boundary.setRange(rect, padding=0.02)
        self.missing.setText(
            QCoreApplication.translate("LockstepWindow", "{n} outputs not finite (blank)").format(n=bad) if bad else ""
        )
        self._center_missing()

    def _center_missing(self) -> None:
        (x0, x1), (y0, y1) = self.boundary.viewRange()
        self.missing.setPos((x0 + x1) / 2, (y0 + y1) / 2)

    def _draw_grads(self, layers) -> None:
        zeros = bad = 0
        top = 1.0
        for curve, stats in zip(self.grad_curves, layers):
            hist = stats.grad_log_hist
            counts, _ = style.drawable(hist.counts)
            edges, edge_bad = style.drawable(hist.edges)
            zeros += int(hist.zeros)
            bad += int(hist.nonfinite)
            if edge_bad or len(edges) != len(counts) + 1:
                curve.setData([], [])
                continue
            counts = np.nan_to_num(counts)
            curve.setData(edges, counts)
            top = max(top, float(counts.max()) if counts.size else 1.0)
        self.grads.setYRange(0, top * 1.05, padding=0)
        note = getattr(self, "_legend", "")
        extra = []
        if zeros:
            extra.append(QCoreApplication.translate("LockstepWindow", "{n:,} exactly zero").format(n=zeros))
        if bad:
            extra.append(
                "<span style='color:#b71c1c'>"
                + QCoreApplication.translate("LockstepWindow", "{n:,} not finite").format(n=bad)
                + "</span>"
            )
        self.grad_note.setText(note + ("<br>" + " \u00b7 ".join(extra) if extra else ""))


class LockstepWindow(StoppingToolWindow, QWidget):
    """The lock-step race window (see the module docstring)."""

    def __init__(self, main_window, parent=None):
        super().__init__(parent)
        self.setWindowFlag(Qt.Window)
        self.setObjectName("lockstepRace")
        self.main = main_window
        self.thread: LockstepThread | None = None
        self.project: dict | None = None
        self.columns: list[VariantColumn] = []
        self.steps = 0
        self.frames_seen = 0
        self._ask_id = 0
        self._series: list[dict] = []
        self._curves: list = []
        self._curve_labels: list | None = None
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(150)
        self._rebuild_timer.timeout.connect(self.rebuild)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        controls = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.setObjectName("lockstep_add")
        self.start_label = QLabel()
        self.start = QComboBox()
        self.start.setObjectName("lockstep_start")
        self.start.addItem("", "initial")
        self.start.addItem("", "current")
        self.play_button = QPushButton()
        self.play_button.setObjectName("lockstep_play")
        self.play_button.setShortcut(QKeySequence("P"))
        self.step_button = QPushButton()
        self.step_button.setObjectName("lockstep_step")
        self.step_button.setShortcut(QKeySequence("."))
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("lockstep_reset")
        self.speed_label = QLabel()
        self.speed = QSpinBox()
        self.speed.setObjectName("lockstep_speed")
        self.speed.setRange(1, 200)
        self.speed.setValue(2)
        self.speed_label.setBuddy(self.speed)
        self.limit_label = QLabel()
        self.limit = QSpinBox()
        self.limit.setObjectName("lockstep_limit")
        self.limit.setRange(1, 1_000_000)
        self.limit.setValue(1000)
        self.limit_label.setBuddy(self.limit)
        self.axis_label = QLabel()
        self.axis = QComboBox()
        self.axis.setObjectName("lockstep_axis")
        self.axis.addItem("", "step")
        self.axis.addItem("", "epoch")
        self.step_label = QLabel()
        self.step_label.setObjectName("lockstep_step_label")
        for w in (self.play_button, self.step_button, self.reset_button, self.speed_label, self.speed):
            controls.addWidget(w)
        for w in (self.limit_label, self.limit, self.axis_label, self.axis, self.step_label):
            controls.addWidget(w)
        controls.addStretch(1)
        for w in (self.start_label, self.start, self.add_button):
            controls.addWidget(w)
        box.addLayout(controls)
        self.message = QLabel()
        self.message.setObjectName("lockstep_message")
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        self.plots = style.new_graphics_widget()
        self.loss_plot = self.plots.addPlot(row=0, col=0, axisItems={"left": style.LogFriendlyAxis("left")})
        style.style_plot(self.loss_plot)
        self.loss_plot.setLogMode(y=True)
        _cache_axes(self.loss_plot)
        self.plots.setMinimumHeight(150)
        box.addWidget(self.plots, 3)
        self.columns_box = QHBoxLayout()
        self.columns_box.setSpacing(4)
        box.addLayout(self.columns_box, 5)
        self.caption = QLabel()
        self.caption.setObjectName("lockstep_caption")
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: #505050;")
        box.addWidget(self.caption)
        self.add_button.clicked.connect(self._on_add)
        self.play_button.clicked.connect(self.toggle_play)
        self.step_button.clicked.connect(self.step_once)
        self.reset_button.clicked.connect(self.rebuild)
        self.start.currentIndexChanged.connect(lambda _i: self.rebuild())
        self.speed.valueChanged.connect(lambda _v: self._send_options())
        self.limit.valueChanged.connect(lambda _v: self._send_options())
        self.axis.currentIndexChanged.connect(lambda _i: self._redraw_loss())
        self.playing = False
        self.retranslate()
        self.resize(1280, 760)

    # ---- Public API
    def set_project(self, project: dict) -> None:
        """Race variants of ``project`` (kept when it is the same project as before)."""
        project = copy.deepcopy(project)
        if self.project == project and self.columns:
            return
        rows = [(c.kind.currentData(), c.value.currentText(), c.layer.currentData()) for c in self.columns]
        self.stop()
        self.project = project
        for column in self.columns:
            column.setParent(None)
            column.deleteLater()
        self.columns = []
        if not rows:
            name = project["optimizer"]["name"]
            other = "adam lr=0.01" if name != "adam" else "sgd momentum=0.9"
            batch = project["training"]["batch_size"]
            rows = [
                ("baseline", "", None),
                ("optimizer", other, None),
                ("batch_size", "full" if batch is not None and batch < 32 else "8", None),
            ]
        epochs = int(project["training"]["epochs"])
        self.limit.blockSignals(True)
        self.limit.setValue(min(max(epochs * 10, 100), 5000))
        self.limit.blockSignals(False)
        for kind, value, layer in rows:
            self.add_column(kind, value, layer, rebuild=False)
        self.rebuild()

    def add_column(self, kind: str, value: str = "", layer=None, rebuild: bool = True) -> VariantColumn | None:
        if len(self.columns) >= MAX_VARIANTS or self.project is None:
            return None
        column = VariantColumn(len(self.columns), self.project, kind, value, layer)
        column.on_changed = self._rebuild_timer.start
        column.remove.clicked.connect(lambda: self.remove_column(column))
        self.columns.append(column)
        self.columns_box.addWidget(column, 1)
        self._update_buttons()
        if rebuild:
            self.rebuild()
        return column

    def remove_column(self, column: VariantColumn) -> None:
        if column not in self.columns or len(self.columns) <= MIN_VARIANTS:
            return
        self.columns.remove(column)
        column.setParent(None)
        column.deleteLater()
        for i, c in enumerate(self.columns):
            c.set_letter(i)
        self._update_buttons()
        self.rebuild()

    def rebuild(self) -> None:
        """A new race from step 0 with the columns as they are (keeps playing if it was)."""
        self._rebuild_timer.stop()
        was_playing = self.playing
        self.stop()
        if self.project is None:
            return
        variants, ok = [], True
        for column in self.columns:
            column.clear()
            try:
                variants.append(column.variant())
                column.set_problem("")
            except ConfigError as exc:
                column.set_problem(error_text(exc))
                ok = False
        self._reset_series()
        if not ok:
            self.message.setText(
                QCoreApplication.translate("LockstepWindow", "Correct the variants marked in red to start the race.")
            )
            self._update_buttons()
            return
        self.message.setText("")
        if self.start.currentData() == "current" and self.main is not None and self.main.controller.info_ is not None:
            self._ask_id += 1
            ask_id = self._ask_id
            self.message.setText(
                QCoreApplication.translate("LockstepWindow", "Asking for the current run's weights\u2026")
            )
            self.main.controller.ask(
                "weights",
                on_done=lambda w: self._start(variants, w, was_playing) if ask_id == self._ask_id else None,
                on_error=lambda exc: self.message.setText(error_text(exc)) if ask_id == self._ask_id else None,
            )
        else:
            self._start(variants, None, was_playing)

    def play(self) -> None:
        if self.thread is None:
            return
        self.playing = True
        self.thread.set_playing(True)
        self._update_buttons()

    def pause(self) -> None:
        self.playing = False
        if self.thread is not None:
            self.thread.set_playing(False)
        self._update_buttons()

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def step_once(self) -> None:
        self.pause()
        if self.thread is not None:
            self.thread.request_steps(1)

    def stop(self) -> None:
        """Stop and join the thread (safe at any time; the window or the main window closes)."""
        self._ask_id += 1
        thread, self.thread = self.thread, None
        self.playing = False
        if thread is not None:
            thread.stop()
            if not thread.wait(JOIN_MS):  # pragma: no cover - a step never takes this long
                thread.terminate()
                thread.wait(JOIN_MS)
            thread.deleteLater()
        self._update_buttons()

    # ---- Private API
    def _start(self, variants, weights, play: bool) -> None:
        if self.thread is not None:
            self.stop()
        base_dir = getattr(getattr(self.main, "doc", None), "base_dir", ".")
        thread = self.thread = LockstepThread(self.project, variants, base_dir, weights, self)
        thread.set_options(self.speed.value(), self.limit.value())
        thread.built.connect(self._on_built)
        thread.framed.connect(self._on_frame)
        thread.paused.connect(self._on_paused)
        thread.failed.connect(self._on_failed)
        self.message.setText("")
        thread.start()
        if play:
            self.play()
        self._update_buttons()

    def _on_built(self, infos) -> None:
        if self.sender() is not self.thread:
            return
        for column, info in zip(self.columns, infos):
            column.set_info(info)

    def _on_frame(self, frames, steps: int) -> None:
        thread = self.sender()
        try:
            if thread is not self.thread:
                return
            self.steps = steps
            self.frames_seen += 1
            for frame, column, series in zip(frames, self.columns, self._series):
                h = frame.snapshot.history
                for name in ("step", "epoch", "batch_loss", "val_loss"):
                    series[name] = np.concatenate([series[name], np.asarray(h[name], dtype=np.float64)])
                series["label"] = frame.label
                column.show_frame(frame)
            self._redraw_loss()
            self.step_label.setText(QCoreApplication.translate("LockstepWindow", "Step {n}").format(n=steps))
        finally:
            if isinstance(thread, LockstepThread):
                thread.drawn.set()

    def _on_paused(self) -> None:
        if self.sender() is self.thread:
            self.playing = False
            self._update_buttons()

    def _on_failed(self, text: str) -> None:
        if self.sender() is self.thread:
            self.message.setText(
                QCoreApplication.translate("LockstepWindow", "Not started: {reason}").format(reason=text)
            )
            self.stop()

    def _reset_series(self) -> None:
        empty = np.zeros(0)
        self._series = [
            {"step": empty, "epoch": empty, "batch_loss": empty, "val_loss": empty, "label": ""} for _ in self.columns
        ]
        self.steps = 0
        self.step_label.setText(QCoreApplication.translate("LockstepWindow", "Step {n}").format(n=0))
        self._redraw_loss()

    def _redraw_loss(self) -> None:
        """Every variant's curves: made again when the variants changed, else only new data."""
        x_name = self.axis.currentData()
        labels = [self._legend_label(i, series) for i, series in enumerate(self._series)]
        if self._curve_labels != labels:
            self.loss_plot.clear()
            title = " &nbsp; ".join(
                f"<span style='color:{COLORS[i % len(COLORS)]}'>\u2501 {html.escape(label)}</span>"
                for i, label in enumerate(labels)
            )
            self.loss_plot.setTitle(title, size="9pt")
            self._curves = []
            for i, label in enumerate(labels):
                color = COLORS[i % len(COLORS)]
                batch = self.loss_plot.plot([], [], pen=style.pen(color, 1.2), name=label, connect="finite")
                batch.setDownsampling(auto=True, method="peak")
                batch.setClipToView(True)
                val = self.loss_plot.plot(
                    [],
                    [],
                    pen=pg.mkPen(color, width=2, style=Qt.DashLine),
                    symbol="o",
                    symbolSize=5,
                    symbolBrush=color,
                    symbolPen=None,
                )
                self._curves.append((batch, val))
            self._curve_labels = labels
        for series, (batch, val_curve) in zip(self._series, self._curves):
            x = series[x_name]
            loss, _ = style.drawable(series["batch_loss"])
            loss[~(loss > 0)] = np.nan  # a log axis: zero and below are not drawn
            batch.setData(x, loss)
            val, _ = style.drawable(series["val_loss"])
            keep = val > 0
            val_curve.setData(x[keep], val[keep])
            val_curve.setSymbol("o" if np.count_nonzero(keep) <= 100 else None)
        self.loss_plot.setLabel(
            "bottom",
            QCoreApplication.translate("LockstepWindow", "step")
            if x_name == "step"
            else QCoreApplication.translate("LockstepWindow", "epoch"),
        )

    def _legend_label(self, i: int, series: dict) -> str:
        """``A  optimizer adam lr=0.01``: the letter, the kind and the value."""
        label = series["label"]
        column = self.columns[i] if i < len(self.columns) else None
        kind = None if column is None else column.kind.currentData()
        if kind == "baseline":
            label = QCoreApplication.translate("LockstepWindow", "the project as is")
        elif kind is not None and kind != "custom":
            label = f"{_tr(KIND_NAMES[kind])} {label}"
            layer = column.layer.currentData() if kind in ("init", "activation", "width") else None
            if layer is not None:
                label += " " + QCoreApplication.translate("LockstepWindow", "(layer {n})").format(n=layer)
        if len(label) > LABEL_CHARS:
            label = label[: LABEL_CHARS - 1] + "\u2026"
        return f"{LETTERS[i]}  {label}"

    def _send_options(self) -> None:
        if self.thread is not None:
            self.thread.set_options(self.speed.value(), self.limit.value())

    def _on_add(self) -> None:
        self.add_column("optimizer", "sgd momentum=0.9")

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(len(self.columns) < MAX_VARIANTS)
        for column in self.columns:
            column.remove.setEnabled(len(self.columns) > MIN_VARIANTS)
        running = self.thread is not None
        self.play_button.setEnabled(running)
        self.step_button.setEnabled(running)
        self.play_button.setText(
            QCoreApplication.translate("LockstepWindow", "Pause")
            if self.playing
            else QCoreApplication.translate("LockstepWindow", "Play")
        )
        self.play_button.setShortcut(QKeySequence("P"))

    def hideEvent(self, event):
        self.pause()
        super().hideEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("LockstepWindow", "Race variants in lock step"))
        self.add_button.setText(QCoreApplication.translate("LockstepWindow", "Add variant"))
        self.add_button.setToolTip(
            QCoreApplication.translate("LockstepWindow", "Another variant beside the others (at most four)")
        )
        self.start_label.setText(QCoreApplication.translate("LockstepWindow", "start from"))
        self.start.setItemText(0, QCoreApplication.translate("LockstepWindow", "the project's initial weights"))
        self.start.setItemText(1, QCoreApplication.translate("LockstepWindow", "the current run's weights"))
        self.start.setToolTip(
            QCoreApplication.translate(
                "LockstepWindow", "Every variant whose weights have the same shapes starts from these same weights"
            )
        )
        self.play_button.setToolTip(
            QCoreApplication.translate("LockstepWindow", "Train every variant step for step, animated (P)")
        )
        self.step_button.setText(QCoreApplication.translate("LockstepWindow", "Step"))
        self.step_button.setToolTip(
            QCoreApplication.translate("LockstepWindow", "One optimizer step of every variant (.)")
        )
        self.reset_button.setText(QCoreApplication.translate("LockstepWindow", "Reset"))
        self.reset_button.setToolTip(
            QCoreApplication.translate("LockstepWindow", "Back to step 0 with the variants as they are now")
        )
        self.speed_label.setText(QCoreApplication.translate("LockstepWindow", "steps per frame"))
        self.speed.setToolTip(
            QCoreApplication.translate("LockstepWindow", "How many steps every variant takes between two pictures")
        )
        self.limit_label.setText(QCoreApplication.translate("LockstepWindow", "stop at"))
        self.limit.setToolTip(QCoreApplication.translate("LockstepWindow", "The race pauses after this many steps"))
        self.axis_label.setText(QCoreApplication.translate("LockstepWindow", "x axis"))
        self.axis.setItemText(0, QCoreApplication.translate("LockstepWindow", "step"))
        self.axis.setItemText(1, QCoreApplication.translate("LockstepWindow", "epoch"))
        self.axis.setToolTip(
            QCoreApplication.translate(
                "LockstepWindow",
                "Steps: the same number of updates for every variant; epochs: the same amount of data seen",
            )
        )
        self.step_label.setText(QCoreApplication.translate("LockstepWindow", "Step {n}").format(n=self.steps))
        self.loss_plot.setLabel("left", QCoreApplication.translate("LockstepWindow", "loss"))
        self.loss_plot.setToolTip(
            QCoreApplication.translate(
                "LockstepWindow",
                "Every variant's loss, one colour per variant: the thin line is the loss of each training batch, "
                "the dashed line with dots the validation loss at the end of each epoch",
            )
        )
        self._curve_labels = None
        self.caption.setText(
            QCoreApplication.translate(
                "LockstepWindow",
                "Every variant trains a copy of the network, step for step. Variants whose weights have the same "
                "shapes start from the same weights; all draw their batches from the same shuffled order of the "
                "training rows, epoch after epoch. With the same batch size they see the same batch at every "
                "step; a larger batch takes more rows of that order per step, so it is further along in the same "
                "sequence of epochs (choose the epoch axis to compare the data seen).",
            )
        )
        self._update_buttons()
        for column in self.columns:
            column.retranslate()
        self._redraw_loss()


def install_lockstep(window) -> None:
    """The window for ``window`` (a MainWindow) and its Experiments menu entry (Ctrl+Shift+V)."""

    open_view = opener(window, "lockstep_window", lambda w: LockstepWindow(w, w))

    window.open_lockstep = open_view
    window.experiments_menu.addAction(
        window._action(
            "lockstep_race",
            QCoreApplication.translate("MainWindow", "Race Variants in &Lock Step\u2026"),
            open_view,
            QKeySequence("Ctrl+Shift+V"),
            QCoreApplication.translate(
                "MainWindow",
                "Train two to four variants of this project side by side, from the same weights on the same batches",
            ),
        )
    )
