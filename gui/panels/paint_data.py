"""Paint the data on the Output panel's input plane (2-D classification).

A "Paint" toggle and a class picker sit in the Output caption's row.  In paint
mode a left click adds a point of the chosen class at the clicked raw
coordinates, a drag paints points (at most one per :data:`SPACING` pixels) and
a right click removes the nearest point (within :data:`REMOVE_RADIUS` pixels).
Escape or the toggle leaves paint mode.

Each click, and each drag as a whole (on release), is one edit: :attr:`PaintTool.edit`
carries a function ``data spec -> new data spec`` and the undo text; the main
window applies it to the project's ``data`` section through its typed edit path
(so it is undoable and the rebuild keeps the weights when the shapes allow).
The first edit turns the current data set into inline points (``data.source:
"points"``): every raw row, training rows then validation rows, with its label,
keeping the data's ``validation_split`` and ``standardize``.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QToolButton

from . import style

# a drag paints at most one point per this many pixels of mouse movement
SPACING = 8.0
# a right click removes the nearest point within this many pixels
REMOVE_RADIUS = 10.0
# clicked coordinates are rounded to this many decimals (the project file stays readable)
DECIMALS = 4


def current_points(spec: dict, info) -> tuple[list, list]:
    """The rows and labels the first paint edit starts from: the inline points as written,
    or every raw row of the current data (training rows, then validation rows)."""
    if spec.get("source") == "points":
        return [list(row) for row in spec["x"]], list(spec["y"])
    x = np.concatenate([np.asarray(info.raw_x_train, dtype=float), np.asarray(info.raw_x_val, dtype=float)])
    x = x.reshape(len(x), -1)
    y = np.concatenate([np.ravel(info.y_train), np.ravel(info.y_val)])
    return [[float(v) for v in row] for row in x], [int(v) for v in y]


def points_spec(spec: dict, x: list, y: list) -> dict:
    """``spec`` (the current data section) as inline points ``x``, ``y``, keeping its split and scaling."""
    new = {
        "source": "points",
        "x": x,
        "y": y,
        "task": "classification",
        "validation_split": spec.get("validation_split", 0.2),
        "standardize": spec.get("standardize", True),
    }
    if spec.get("features") is not None:
        new["features"] = spec["features"]
    return new


class PaintTool(QObject):
    """The paint controls of an :class:`~gui.panels.output_view.OutputPanel` and its mouse handling."""

    # (function data spec -> new data spec, undo text): one edit of the data
    edit = Signal(object, str)

    def __init__(self, panel):
        super().__init__(panel)
        self.panel = panel
        self.info = None
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setObjectName("paintToggle")
        self.toggle.setStyleSheet("QToolButton:checked { background: #ffe08a; border: 1px solid #b08800; }")
        self.toggle.toggled.connect(self._on_toggled)
        self.picker = QComboBox()
        self.picker.setObjectName("paintClass")
        self.picker.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        for w in (self.toggle, self.picker):
            w.hide()
            panel.caption.add_widget(w)
        self.escape = QShortcut(QKeySequence(Qt.Key_Escape), panel)
        self.escape.setContext(Qt.WidgetWithChildrenShortcut)
        self.escape.activated.connect(lambda: self.toggle.setChecked(False))
        self.escape.setEnabled(False)
        self._stroke: list[tuple[float, float]] = []
        self._last_pixel: QPointF | None = None
        self._preview: pg.ScatterPlotItem | None = None
        self._swallow_release = False
        panel.widget.viewport().installEventFilter(self)
        self._retranslate()

    # ---- Public API
    @property
    def painting(self) -> bool:
        return self.toggle.isChecked() and self.available()

    def available(self) -> bool:
        """Painting is offered on the raw 2-D plane of classification data."""
        info, panel = self.info, self.panel
        return (
            info is not None
            and panel.mode == "plane"
            and panel._plane is None
            and info.task == "classification"
            and np.ndim(info.raw_x_train) == 2
            and info.raw_x_train.shape[1] == 2
        )

    def attach(self, info) -> None:
        """The panel was reset for ``info``: fill the class picker, show or hide the controls."""
        self.info = info
        self._preview = None
        self._stroke = []
        self._retranslate()
        ok = self.available()
        if ok:
            chosen = self.picker.currentIndex()
            self.picker.blockSignals(True)
            self.picker.clear()
            for c, name in enumerate(self.panel.class_names):
                self.picker.addItem(_swatch(c), str(name), c)
            self.picker.setCurrentIndex(min(max(chosen, 0), self.picker.count() - 1))
            self.picker.blockSignals(False)
        self.toggle.setVisible(ok)
        self.picker.setVisible(ok)
        if not ok and self.toggle.isChecked():
            self.toggle.setChecked(False)
        self._show_mode()

    def chosen_class(self) -> int:
        data = self.picker.currentData()
        return 0 if data is None else int(data)

    def add_points(self, points: list[tuple[float, float]], label: int) -> None:
        """One edit: append ``points`` (raw coordinates) with class ``label``."""
        if not points or self.info is None:
            return
        info = self.info
        new_rows = [[round(float(a), DECIMALS), round(float(b), DECIMALS)] for a, b in points]

        def change(spec: dict) -> dict:
            x, y = current_points(spec, info)
            return points_spec(spec, x + new_rows, y + [int(label)] * len(new_rows))

        text = (
            self.tr("Paint a point of class {name}")
            if len(new_rows) == 1
            else self.tr("Paint {n} points of class {name}")
        ).format(n=len(new_rows), name=self._class_name(label))
        self.edit.emit(change, text)

    def remove_near(self, x: float, y: float, spec: dict, pixel: tuple[float, float]) -> bool:
        """One edit: remove the point of ``spec`` nearest (``x``, ``y``) within
        :data:`REMOVE_RADIUS` pixels (``pixel`` = the size of a pixel in data units)."""
        if self.info is None:
            return False
        rows, labels = current_points(spec, self.info)
        if not rows:
            return False
        xy = np.asarray(rows, dtype=float)[:, :2]
        sx, sy = (max(abs(float(p)), 1e-300) for p in pixel)
        d = np.hypot((xy[:, 0] - x) / sx, (xy[:, 1] - y) / sy)
        d[~np.isfinite(d)] = np.inf
        i = int(np.argmin(d))
        if not d[i] <= REMOVE_RADIUS:
            return False
        if len(rows) == 1:
            self.panel.caption.setText(self.tr("The last point cannot be removed: the data needs at least one row."))
            return False
        label = labels[i]
        info = self.info

        def change(spec: dict) -> dict:
            x_all, y_all = current_points(spec, info)
            return points_spec(spec, x_all[:i] + x_all[i + 1 :], y_all[:i] + y_all[i + 1 :])

        number = label[0] if isinstance(label, list) else label
        self.edit.emit(change, self.tr("Remove a point of class {name}").format(name=self._class_name(int(number))))
        return True

    # set by the main window: a function returning the project's current data section
    project_data = None

    # ---- Private API
    def _class_name(self, c: int) -> str:
        names = getattr(self.panel, "class_names", None) or []
        return str(names[c]) if 0 <= c < len(names) else str(c)

    def _retranslate(self) -> None:
        self.toggle.setText(self.tr("Paint"))
        self.toggle.setToolTip(
            self.tr(
                "Paint the data: click to add a point of the chosen class, drag to paint several, right-click to "
                "remove the nearest point. Each click or drag is one edit (Undo takes it back); the data is saved "
                "with the project as inline points. Escape leaves paint mode."
            )
        )
        self.picker.setToolTip(self.tr("The class of the points you paint"))

    def _on_toggled(self, on: bool) -> None:
        self.escape.setEnabled(on)
        if not on:
            self._end_stroke(commit=False)
        self._show_mode()
        if on:
            self.panel.widget.setFocus()

    def _show_mode(self) -> None:
        on = self.painting
        viewport = self.panel.widget.viewport()
        if on:
            viewport.setCursor(Qt.CrossCursor)
            self.panel.caption.setText(
                self.tr(
                    "Paint mode: click to add a point of the chosen class, drag to paint, right-click to remove "
                    "the nearest point; Escape leaves."
                )
            )
        else:
            viewport.unsetCursor()
            if self.info is not None and self.panel.mode == "plane" and self.panel.neuron is None:
                self.panel._boundary_bar()

    def _view_point(self, pos) -> tuple[QPointF | None, object]:
        """(data coordinates, view box) of a viewport position, or (None, ...) off the plot area."""
        plot = self.panel.plot
        if plot is None:
            return None, None
        vb = plot.getViewBox()
        scene_pos = self.panel.widget.mapToScene(pos.toPoint() if hasattr(pos, "toPoint") else pos)
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None, vb
        return vb.mapSceneToView(scene_pos), vb

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind not in (
            QEvent.MouseButtonPress,
            QEvent.MouseMove,
            QEvent.MouseButtonRelease,
            QEvent.MouseButtonDblClick,
        ):
            return False
        if not self.painting:
            return False
        pos = event.position()
        if kind in (QEvent.MouseButtonPress, QEvent.MouseButtonDblClick):
            p, vb = self._view_point(pos)
            if p is None:
                return False
            self.panel.widget.setFocus()
            if event.button() == Qt.LeftButton:
                self._stroke = [(p.x(), p.y())]
                self._last_pixel = QPointF(pos)
                self._draw_stroke()
            elif event.button() == Qt.RightButton:
                self._swallow_release = True
                spec = self.project_data() if callable(self.project_data) else None
                if isinstance(spec, dict):
                    self.remove_near(p.x(), p.y(), spec, vb.viewPixelSize())
            return True
        if kind == QEvent.MouseMove:
            if not self._stroke or not event.buttons() & Qt.LeftButton:
                return False
            last = self._last_pixel
            if last is not None and math.hypot(pos.x() - last.x(), pos.y() - last.y()) < SPACING:
                return True
            p, _vb = self._view_point(pos)
            if p is not None:
                self._stroke.append((p.x(), p.y()))
                self._last_pixel = QPointF(pos)
                self._draw_stroke()
            return True
        # release
        if event.button() == Qt.LeftButton and self._stroke:
            self._end_stroke(commit=True)
            return True
        if event.button() == Qt.RightButton and self._swallow_release:
            self._swallow_release = False
            return True
        return False

    def _end_stroke(self, commit: bool) -> None:
        stroke, self._stroke, self._last_pixel = self._stroke, [], None
        if self._preview is not None and self.panel.plot is not None:
            self._preview.setData([], [])
        if commit and stroke:
            self.add_points(stroke, self.chosen_class())

    def _draw_stroke(self) -> None:
        plot = self.panel.plot
        if plot is None:
            return
        if self._preview is None or self._preview.scene() is not plot.scene():
            self._preview = pg.ScatterPlotItem(size=7, pen=pg.mkPen("#222222", width=1))
            self._preview.setZValue(20)
            plot.addItem(self._preview)
        xy = np.asarray(self._stroke, dtype=float)
        self._preview.setData(xy[:, 0], xy[:, 1], brush=style.class_color(self.chosen_class()))


def _swatch(c: int):
    """A small square of class ``c``'s colour for the class picker."""
    from PySide6.QtGui import QIcon, QPixmap

    pixmap = QPixmap(10, 10)
    pixmap.fill(pg.mkColor(style.class_color(c)))
    return QIcon(pixmap)


def painted(old, new) -> bool:
    """True if a data edit goes between 2-D data sets and inline points with the same features
    (painting, removing a point, or undoing that): the rebuild may keep the weights (the
    training process re-initialises them anyway if their shapes no longer fit)."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    sources = (old.get("source"), new.get("source"))
    if "points" not in sources or old.get("features") != new.get("features"):
        return False
    flat = ("xor", "circle", "spiral", "moons", "gaussians", "points")
    if not all(s in flat for s in sources):
        return False
    return all(
        s != "points"
        or (isinstance(d.get("x"), list) and d["x"] and isinstance(d["x"][0], list) and len(d["x"][0]) == 2)
        for s, d in ((sources[0], old), (sources[1], new))
    )
