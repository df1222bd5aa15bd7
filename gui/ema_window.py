"""Inspect → Momentum as an Average…: a noisy series, its simple moving average and its
exponentially weighted average (EMA), with and without bias correction, on one plot.

The series is a seeded random walk like a stock price, or the batch loss of the
current run (the worker's ``history`` query).  β and the window N are live: the caption
says how many values the EMA averages (1/(1 − β)) and why bias correction fixes the
start.  A fourth curve is the engine's own SGD momentum buffer (momentum = dampening
= β) stepped on the same series: the EMA, except that it starts at the first value.
The numbers come from :mod:`core.ema`; this window only draws them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.ema import effective_window, ema, momentum_buffer_series, random_walk, sma
from gui.panels import style

SERIES_COLOR = (120, 120, 120, 150)
SMA_COLOR = "#2ca02c"
EMA_COLOR = "#ff7f0e"
CORRECTED_COLOR = "#d62728"
BUFFER_COLOR = "#9467bd"


class EmaWindow(QWidget):
    """Controls above one plot: the series and its three averages."""

    def __init__(self, worker=None, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("ema_window")
        self._worker = worker  # the worker, or a function returning the current one
        self._loss: np.ndarray | None = None  # the run's batch loss, once asked
        self._asking = False
        self.x = np.zeros(0)
        box = QVBoxLayout(self)

        row = QHBoxLayout()
        self.source_label = QLabel()
        self.source = QComboBox()
        self.source.setObjectName("ema_source")
        self.source.addItem("", "walk")
        self.source.addItem("", "loss")
        self.source_label.setBuddy(self.source)
        self.seed_label = QLabel()
        self.seed = QSpinBox()
        self.seed.setObjectName("ema_seed")
        self.seed.setRange(0, 999_999)
        self.length_label = QLabel()
        self.length = QSpinBox()
        self.length.setObjectName("ema_length")
        self.length.setRange(10, 100_000)
        self.length.setValue(250)
        self.length.setSingleStep(50)
        self.seed_label.setBuddy(self.seed)
        self.length_label.setBuddy(self.length)
        for w in (self.source_label, self.source, self.seed_label, self.seed, self.length_label, self.length):
            row.addWidget(w)
        row.addStretch(1)
        box.addLayout(row)

        row = QHBoxLayout()
        self.beta_label = QLabel()
        self.beta = QDoubleSpinBox()
        self.beta.setObjectName("ema_beta")
        self.beta.setRange(0.0, 0.999)
        self.beta.setDecimals(3)
        self.beta.setSingleStep(0.01)
        self.beta.setValue(0.9)
        self.beta_slider = QSlider(Qt.Horizontal)
        self.beta_slider.setObjectName("ema_beta_slider")
        self.beta_slider.setRange(0, 999)
        self.beta_slider.setValue(900)
        self.beta_slider.setMinimumWidth(160)
        self.window_label = QLabel()
        self.window_n = QSpinBox()
        self.window_n.setObjectName("ema_window_n")
        self.window_n.setRange(1, 10_000)
        self.window_n.setValue(10)
        self.beta_label.setBuddy(self.beta)
        self.window_label.setBuddy(self.window_n)
        self.show_sma = QCheckBox()
        self.show_sma.setObjectName("ema_show_sma")
        self.show_ema = QCheckBox()
        self.show_ema.setObjectName("ema_show_ema")
        self.show_corrected = QCheckBox()
        self.show_corrected.setObjectName("ema_show_corrected")
        self.show_buffer = QCheckBox()
        self.show_buffer.setObjectName("ema_show_buffer")
        for check in (self.show_sma, self.show_ema, self.show_corrected):
            check.setChecked(True)
        for w in (
            self.beta_label,
            self.beta,
            self.beta_slider,
            self.window_label,
            self.window_n,
            self.show_sma,
            self.show_ema,
            self.show_corrected,
            self.show_buffer,
        ):
            row.addWidget(w)
        row.addStretch(1)
        box.addLayout(row)

        self.caption = QLabel()
        self.caption.setObjectName("ema_caption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.PlainText)
        box.addWidget(self.caption)
        self.note = QLabel()
        self.note.setObjectName("ema_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b71c1c;")
        self.note.hide()
        box.addWidget(self.note)

        self.plot_widget = pg.PlotWidget(background=style.BACKGROUND)
        self.plot = style.style_plot(self.plot_widget.getPlotItem())
        self.legend = style.add_legend(self.plot, entries=5)
        self.curves = {
            "series": self.plot.plot(pen=style.pen(SERIES_COLOR), connect="finite"),
            "sma": self.plot.plot(pen=style.pen(SMA_COLOR, 2.0), connect="finite"),
            "ema": self.plot.plot(pen=style.pen(EMA_COLOR, 2.0), connect="finite"),
            "corrected": self.plot.plot(pen=style.pen(CORRECTED_COLOR, 2.0, style=Qt.DashLine), connect="finite"),
            "buffer": self.plot.plot(pen=style.pen(BUFFER_COLOR, 2.0, style=Qt.DotLine), connect="finite"),
        }
        box.addWidget(self.plot_widget, 1)

        self.source.currentIndexChanged.connect(self._on_source_changed)
        self.seed.valueChanged.connect(lambda _v: self.refresh())
        self.length.valueChanged.connect(lambda _v: self.refresh())
        self.beta.valueChanged.connect(self._on_beta_changed)
        self.beta_slider.valueChanged.connect(lambda v: self.beta.setValue(v / 1000.0))
        self.window_n.valueChanged.connect(lambda _v: self._update_curves())
        for check in (self.show_sma, self.show_ema, self.show_corrected, self.show_buffer):
            check.toggled.connect(lambda _c: self._update_curves())
        self.retranslate()
        self.resize(1000, 620)
        self.refresh()

    # ---- Public API
    @property
    def worker(self):
        return self._worker() if callable(self._worker) else self._worker

    def set_series(self, values) -> None:
        """Draw the averages of ``values`` (any 1-D numbers; non-finite ones are gaps)."""
        self.x = np.asarray(values, dtype=np.float64).reshape(-1)
        self._update_curves()

    def refresh(self) -> None:
        """Make the series again from the chosen source (asks the run for its loss)."""
        if self.source.currentData() == "walk":
            self.set_series(random_walk(self.length.value(), seed=self.seed.value()))
        else:
            self._ask_loss()

    def averages(self) -> dict[str, np.ndarray]:
        """The curves as drawn: series, SMA, EMA, bias-corrected EMA and momentum buffer."""
        beta = self.beta.value()
        return {
            "series": self.x,
            "sma": sma(self.x, self.window_n.value()),
            "ema": ema(self.x, beta),
            "corrected": ema(self.x, beta, bias_correction=True),
            "buffer": momentum_buffer_series(self.x, beta),
        }

    # ---- Private API
    def _ask_loss(self):
        if self.worker is None:
            self._on_loss(None)
            return
        if self._asking:
            return
        self._asking = True
        self.worker.ask("history", on_done=self._on_loss, on_error=lambda _e: self._on_loss(None))

    def _on_loss(self, history):
        self._asking = False
        self._loss = None if history is None else np.asarray(history.columns["batch_loss"], dtype=np.float64)
        if self.source.currentData() == "loss":
            self.set_series(self._loss if self._loss is not None else np.zeros(0))

    def _on_source_changed(self, _i):
        walk = self.source.currentData() == "walk"
        for w in (self.seed_label, self.seed, self.length_label, self.length):
            w.setEnabled(walk)
        self.refresh()

    def _on_beta_changed(self, value: float):
        self.beta_slider.blockSignals(True)
        self.beta_slider.setValue(round(value * 1000))
        self.beta_slider.blockSignals(False)
        self._update_caption()
        self._update_curves()

    def _update_curves(self):
        values = self.averages()
        steps = np.arange(1, len(self.x) + 1, dtype=np.float64)
        shown = {
            "series": True,
            "sma": self.show_sma.isChecked(),
            "ema": self.show_ema.isChecked(),
            "corrected": self.show_corrected.isChecked(),
            "buffer": self.show_buffer.isChecked(),
        }
        for name, curve in self.curves.items():
            y, _bad = style.drawable(values[name])
            curve.setData(steps, y)
            curve.setVisible(shown[name])
        self._update_legend(shown)
        self._update_note()

    def _update_legend(self, shown):
        self.legend.clear()
        for name, curve in self.curves.items():
            if shown[name]:
                self.legend.addItem(curve, self._names[name])

    def _update_note(self):
        missing = int(np.count_nonzero(~np.isfinite(self.x)))
        if len(self.x) == 0:
            text = (
                self.tr(
                    "No values to average: the current run has no steps yet. Train a few steps, "
                    "then choose the series again."
                )
                if self.source.currentData() == "loss"
                else ""
            )
        elif missing:
            text = self.tr(
                "{0} of {1} values are missing (not finite): they are drawn as gaps and the averages skip them."
            ).format(missing, len(self.x))
        else:
            text = ""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _update_caption(self):
        beta = self.beta.value()
        self.caption.setText(
            self.tr(
                "The EMA v_t = β·v_(t−1) + (1 − β)·x_t with β = {beta} averages about the last 1/(1 − β) = {n} "
                "values (the SMA averages exactly the last N). It starts from v_0 = 0, which drags the early "
                "values toward 0; bias correction v_t / (1 − β^t) fixes the start. SGD's momentum buffer with "
                "momentum = dampening = β is this EMA, started at the first value instead of 0."
            ).format(beta=f"{beta:g}", n=f"{effective_window(beta):.3g}")
        )

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        self.setWindowTitle(self.tr("Momentum as an exponentially weighted average"))
        self.source_label.setText(self.tr("&Series:"))
        self.source.setItemText(0, self.tr("random walk (like a stock price)"))
        self.source.setItemText(1, self.tr("batch loss of the current run"))
        self.source.setToolTip(self.tr("The noisy values to average"))
        self.seed_label.setText(self.tr("S&eed:"))
        self.seed.setToolTip(self.tr("The random walk's seed: the same seed gives the same walk"))
        self.length_label.setText(self.tr("&Length:"))
        self.length.setToolTip(self.tr("How many values the random walk has"))
        self.beta_label.setText(self.tr("β (&b):"))
        self.beta.setToolTip(self.tr("The EMA's decay: β = 0.9 averages about the last 10 values, 0.99 the last 100"))
        self.beta_slider.setToolTip(self.beta.toolTip())
        self.window_label.setText(self.tr("SMA &window N:"))
        self.window_n.setToolTip(self.tr("The simple moving average's window: the mean of the last N values"))
        self.show_sma.setText(self.tr("SMA"))
        self.show_sma.setToolTip(self.tr("The simple moving average of the last N values"))
        self.show_ema.setText(self.tr("EMA"))
        self.show_ema.setToolTip(self.tr("The exponentially weighted average, started at v_0 = 0"))
        self.show_corrected.setText(self.tr("bias-corrected"))
        self.show_corrected.setToolTip(self.tr("The EMA divided by 1 − β^t: the start is no longer pulled toward 0"))
        self.show_buffer.setText(self.tr("momentum buffer"))
        self.show_buffer.setToolTip(
            self.tr("The engine's SGD momentum buffer (momentum = dampening = β) stepped on the same values")
        )
        self._names = {
            "series": self.tr("series"),
            "sma": self.tr("SMA"),
            "ema": self.tr("EMA"),
            "corrected": self.tr("EMA, bias-corrected"),
            "buffer": self.tr("SGD momentum buffer"),
        }
        self.plot.setLabel("bottom", self.tr("t"))
        self.plot.setLabel("left", self.tr("value"))
        self._update_caption()
        if self.x is not None:
            self._update_legend({n: c.isVisible() for n, c in self.curves.items()})
            self._update_note()
