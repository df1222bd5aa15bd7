"""Activation explorer: an activation f(z) and its slope f'(z) over a chosen range,
the slope's maximum marked and the flat (saturated) stretches shaded, over the
network's own pre-activations z of a chosen layer.

Any registered activation can be picked (the combo is built from the core
registry); picking a layer shows that layer's activation with its parameters.
The pre-activations come from the training process's ``preactivations`` query:
an evaluation pass over up to 1000 training rows that changes nothing the
training statistics describe; it is asked again while training, at most once a
second, and only while the window is shown.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.activations import ACTIVATIONS, derivative_curve, make_activation
from core.gradient_flow import SATURATION, saturated_intervals

from . import style

POINTS = 2001
# seconds between two pre-activation queries while training
QUERY_INTERVAL = 1.0
F_COLOR = "#1f77b4"
D_COLOR = "#ff7f0e"
SATURATED = (120, 120, 120, 45)
HIST_COLOR = (44, 160, 44, 150)


class ActivationExplorer(QWidget):
    """The "Activation explorer" tool window (see the module docstring)."""

    def __init__(self, controller=None, parent=None):
        super().__init__(parent)
        self.setWindowFlag(Qt.Window)
        self.setObjectName("activationExplorer")
        self.setWindowTitle(self.tr("Activation explorer"))
        self.resize(760, 600)
        self.controller = controller
        self.activation = QComboBox()
        self.activation.setObjectName("explorerActivation")
        self.activation.addItems(ACTIVATIONS.names())
        self.activation.setToolTip(self.tr("The activation to plot (every one the engine knows)"))
        self.low = self._spin("explorerFrom", -8.0, self.tr("Left end of the plotted range of z"))
        self.high = self._spin("explorerTo", 8.0, self.tr("Right end of the plotted range of z"))
        self.layer = QComboBox()
        self.layer.setObjectName("explorerLayer")
        self.layer.setToolTip(
            self.tr("Overlay the pre-activations z of this dense layer (an evaluation pass over training rows)")
        )
        self.fit = QPushButton(self.tr("Fit to layer"))
        self.fit.setObjectName("explorerFit")
        self.fit.setToolTip(self.tr("Set the range to cover the chosen layer's pre-activations"))
        row = QHBoxLayout()
        self._labels = []
        for text, w in (
            (self.tr("Activation"), self.activation),
            (self.tr("z from"), self.low),
            (self.tr("to"), self.high),
            (self.tr("Layer"), self.layer),
        ):
            label = QLabel(text)
            label.setBuddy(w)
            row.addWidget(label)
            row.addWidget(w)
        row.addWidget(self.fit)
        row.addStretch(1)
        self.widget = style.new_graphics_widget()
        self.curve_plot = self.widget.addPlot(row=0, col=0)
        style.style_plot(self.curve_plot)
        self.curve_plot.setLabel("left", "f(z), f'(z)")
        self.legend = style.add_legend(self.curve_plot, entries=2)
        self.f_curve = self.curve_plot.plot(name="f(z)", pen=style.pen(F_COLOR, 2))
        self.d_curve = self.curve_plot.plot(name="f'(z)", pen=style.pen(D_COLOR, 2))
        self.max_line = pg.InfiniteLine(angle=0, pen=pg.mkPen(D_COLOR, width=1, style=Qt.DashLine))
        self.curve_plot.addItem(self.max_line)
        self.max_point = pg.ScatterPlotItem(size=10, brush=D_COLOR, pen="k")
        self.curve_plot.addItem(self.max_point)
        self.max_label = pg.TextItem(color="#a04000", anchor=(0, 1))
        self.curve_plot.addItem(self.max_label)
        self.hist_plot = self.widget.addPlot(row=1, col=0)
        style.style_plot(self.hist_plot)
        self.hist_plot.setLabel("left", self.tr("share of z"))
        self.hist_plot.setLabel("bottom", self.tr("pre-activation z"))
        self.hist_plot.setXLink(self.curve_plot)
        self.hist_plot.setMouseEnabled(x=False, y=False)
        self.curve_plot.setMouseEnabled(x=False, y=False)
        self.bars = pg.PlotDataItem(stepMode="center", fillLevel=0, brush=HIST_COLOR, pen=pg.mkPen(HIST_COLOR[:3]))
        self.hist_plot.addItem(self.bars)
        self.widget.ci.layout.setRowStretchFactor(0, 3)
        self.widget.ci.layout.setRowStretchFactor(1, 2)
        self.regions: list = []  # (plot, LinearRegionItem) of the shaded flat stretches
        self.status = QLabel()
        self.status.setObjectName("explorerStatus")
        self.status.setWordWrap(True)
        self.caption = QLabel()
        self.caption.setObjectName("explorerCaption")
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: #444; padding: 4px;")
        self._set_caption()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(row)
        layout.addWidget(self.widget, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.caption)
        # state
        self.peak: tuple[float | None, float] = (None, float("nan"))  # the marked maximum (z or None, f')
        self._layers: list = []  # (path, label) of the current network's dense layers
        self._data: dict = {}  # path -> LayerPreactivations of the last answer
        self._config: dict | None = None  # the picked layer's activation config, while its name is shown
        self._asked_at = -math.inf
        self._pending = False
        self._stale = True  # the pre-activations may have changed since the last answer
        self._generation = 0  # counts networks: an answer about an earlier one is dropped
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.timeout.connect(self._ask_if_stale)
        self.activation.currentIndexChanged.connect(self._on_activation)
        self.low.valueChanged.connect(self._on_range)
        self.high.valueChanged.connect(self._on_range)
        self.layer.currentIndexChanged.connect(self._on_layer)
        self.fit.clicked.connect(self.fit_range)
        self._fill_layers()
        self.activation.setCurrentText("sigmoid")
        self.redraw()

    # ---- Public API
    def reset(self, info) -> None:
        """A new network: its dense layers in the picker, the old pre-activations dropped."""
        layers = [(lay.path, lay.label) for lay in info.layers if lay.kind == "dense"] if info else []
        self._data = {}
        self._stale = True
        self._generation += 1
        self._pending = False
        keep = self.layer.currentData()
        self._layers = layers
        self._fill_layers(keep)
        if self.isVisible():
            self._ask()
            self.redraw()

    def update_snapshot(self, snap) -> None:
        """Training moved: ask for fresh pre-activations now and then while shown."""
        self._stale = True
        if self.isVisible() and time.monotonic() - self._asked_at >= QUERY_INTERVAL:
            self._ask()

    def set_preactivations(self, layers) -> None:
        """The answer of the ``preactivations`` query (a list of LayerPreactivations)."""
        self._pending = False
        known = {p for p, _ in self._layers}
        self._data = {lay.path: lay for lay in layers if lay.path in known}
        self._draw_histogram()

    def fit_range(self) -> None:
        data = self._data.get(self.layer.currentData())
        if data is None or not (math.isfinite(data.lo) and math.isfinite(data.hi)):
            return
        half = max(abs(data.lo), abs(data.hi), 1.0) * 1.1
        self.low.blockSignals(True)
        self.low.setValue(-half)
        self.low.blockSignals(False)
        self.high.setValue(half)

    def plot_items(self) -> dict:
        return {"activation": self.curve_plot, "preactivations": self.hist_plot}

    def redraw(self) -> None:
        act = self._current_activation()
        lo, hi = self.low.value(), self.high.value()
        if hi <= lo:
            self.status.setText(
                self.tr("The range is empty: 'z from' ({lo}) must be below 'to' ({hi}).").format(lo=lo, hi=hi)
            )
            return
        z = np.linspace(lo, hi, POINTS)
        if act.peak_z is not None and lo < act.peak_z < hi:  # the grid passes through the maximum
            z = np.unique(np.append(z, act.peak_z))
        with np.errstate(all="ignore"):
            f, d = derivative_curve(act, z)
        f_draw, _ = style.drawable(f)
        self.f_curve.setData(z, f_draw, connect="finite")
        self.d_curve.setData(z, d)
        peak = float(act.max_derivative)
        self._mark_peak(act, peak, lo, hi)
        for plot, region in self.regions:
            plot.removeItem(region)
        self.regions = []
        spans = saturated_intervals(z, d, peak)
        for a, b in spans:
            for plot in (self.curve_plot, self.hist_plot):
                region = pg.LinearRegionItem((a, b), movable=False, brush=SATURATED, pen=pg.mkPen(None))
                region.setZValue(-10)
                plot.addItem(region)
                self.regions.append((plot, region))
        self.saturated_spans = spans
        self.curve_plot.setXRange(lo, hi, padding=0)
        finite_f = f_draw[np.isfinite(f_draw)]
        top = max(peak if math.isfinite(peak) else 1.0, 1.0, float(finite_f.max()) if finite_f.size else 0.0)
        bottom = min(0.0, float(finite_f.min()) if finite_f.size else 0.0)
        self.curve_plot.setYRange(bottom, top, padding=0.08)
        self._draw_histogram()

    # ---- Private API
    def _spin(self, name: str, value: float, tip: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(-1000.0, 1000.0)
        spin.setDecimals(2)
        spin.setSingleStep(0.5)
        spin.setValue(value)
        spin.setKeyboardTracking(False)
        spin.setToolTip(tip)
        return spin

    def _set_caption(self) -> None:
        self.caption.setText(
            self.tr(
                "Top: the activation f(z) and its slope f'(z); the dot and dashed line mark the largest slope. "
                "Backpropagation multiplies the gradient by f'(z) at every layer, so where the slope is small "
                "(grey: below 1% of its maximum, the flat or saturated parts) almost no gradient gets through. "
                "Bottom: where the chosen layer's pre-activations z = W\u00b7a + b fall for the training data; "
                "units whose z sit in the grey parts barely learn. The sigmoid's slope is at most 0.25 even at "
                "its best, so every sigmoid layer shrinks the gradient at least fourfold."
            )
        )

    def _current_activation(self):
        name = self.activation.currentText()
        config = self._config if self._config and self._config.get("name") == name else {"name": name}
        try:
            return make_activation(config)
        except ValueError:
            return make_activation(name)

    def _mark_peak(self, act, peak: float, lo: float, hi: float) -> None:
        name = self.activation.currentText()
        if not (peak > 0 and math.isfinite(peak)):
            self.peak = (None, peak)
            self.max_line.hide()
            self.max_point.setData([], [])
            self.max_label.setText(self.tr("{name}: the slope is 0 almost everywhere").format(name=name))
            self.max_label.setPos(lo, 0.0)
            return
        self.max_line.show()
        self.max_line.setValue(peak)
        z0 = act.peak_z
        self.peak = (z0, peak)
        if z0 is not None:
            self.max_point.setData([z0], [peak])
            text = self.tr("max f' = {m} at z = {z}").format(m=f"{peak:.4g}", z=f"{z0:.4g}")
            x = z0 if lo <= z0 <= hi else lo
        else:
            self.max_point.setData([], [])
            text = self.tr("max f' = {m}").format(m=f"{peak:.4g}")
            x = lo
        self.max_label.setText(text)
        self.max_label.setPos(x, peak)

    def _fill_layers(self, keep=None) -> None:
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.addItem(self.tr("(none)"), None)
        for path, label in self._layers:
            self.layer.addItem(label, path)
        index = self.layer.findData(keep) if keep is not None else -1
        if index < 0:  # the first dense layer, if there is one
            index = min(1, self.layer.count() - 1)
        self.layer.setCurrentIndex(index)
        self.layer.blockSignals(False)

    def _on_activation(self, _index) -> None:
        self.redraw()

    def _on_range(self, _value) -> None:
        self.redraw()

    def _on_layer(self, _index) -> None:
        data = self._data.get(self.layer.currentData())
        if data is not None:
            self._show_layer_activation(data)
        elif self.layer.currentData() is not None:
            self._ask()
        self.redraw()

    def _show_layer_activation(self, data) -> None:
        self._config = dict(data.activation)
        name = ACTIVATIONS.canonical(self._config.get("name", ""))
        self._config["name"] = name
        if self.activation.currentText() != name and self.activation.findText(name) >= 0:
            self.activation.blockSignals(True)
            self.activation.setCurrentText(name)
            self.activation.blockSignals(False)

    def _ask(self) -> None:
        if self.controller is None or self._pending or self.layer.currentData() is None:
            return
        self._pending = True
        self._asked_at = time.monotonic()
        self._stale = False
        generation = self._generation
        self.controller.ask(
            "preactivations",
            on_done=lambda layers: self._on_answer(layers, generation),
            on_error=lambda exc: self._on_error(exc, generation),
        )

    def _ask_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self._ask()

    def _on_answer(self, layers, generation=None) -> None:
        if generation is not None and generation != self._generation:
            return  # about a network that has since been rebuilt
        if self._stale and self.isVisible():  # training moved on while this was computed
            self._again.start(int(1000 * QUERY_INTERVAL))
        first = not self._data
        self.set_preactivations(layers)
        data = self._data.get(self.layer.currentData())
        if first and data is not None and self._config is None:
            self._show_layer_activation(data)
            self.redraw()

    def _on_error(self, exc, generation=None) -> None:
        if generation is not None and generation != self._generation:
            return
        self._pending = False
        self.status.setText(self.tr("The pre-activations could not be computed: {error}").format(error=str(exc)))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._ask()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.LanguageChange:
            self.setWindowTitle(self.tr("Activation explorer"))
            self._set_caption()
            if hasattr(self, "peak"):
                self.redraw()

    def _draw_histogram(self) -> None:
        path = self.layer.currentData()
        data = self._data.get(path)
        name = self.activation.currentText()
        if path is None:
            self.bars.setData([], [])
            self.status.setText(
                self.tr("Pick a layer to see where its pre-activations fall on {name}.").format(name=name)
            )
            return
        if data is None:
            self.bars.setData([], [])
            self.status.setText(self.tr("Waiting for the training process's pre-activations…"))
            return
        hist = data.hist
        total = int(hist.counts.sum())
        if total:
            share = hist.counts / total
            self.bars.setData(hist.edges, share)
        else:
            self.bars.setData([], [])
        lo, hi = self.low.value(), self.high.value()
        parts = [
            self.tr("{label}: {n} values of z ({rows} training rows), from {lo} to {hi}.").format(
                label=data.label,
                n=f"{total + hist.nonfinite:,}",
                rows=data.rows,
                lo=style.number(data.lo),
                hi=style.number(data.hi),
            )
        ]
        layer_name = ACTIVATIONS.canonical(data.activation.get("name", ""))
        if data.saturated == data.saturated:
            parts.append(
                self.tr("{share} of them sit where its {name} is flat (|f'| < {pct}% of its maximum).").format(
                    share=f"{100 * data.saturated:.1f}%", name=layer_name, pct=f"{100 * SATURATION:g}"
                )
            )
        if total and (data.lo < lo or data.hi > hi):
            parts.append(self.tr("Some z lie outside the plotted range: press Fit to layer."))
        if hist.nonfinite:
            parts.append(self.tr("{n} values are not finite (not drawn).").format(n=hist.nonfinite))
        self.status.setText(" ".join(parts))
