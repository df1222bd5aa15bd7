"""Per-layer gradient histograms: where vanishing and exploding gradients show.

By default each layer shows the histogram of log10 |dL/dparameter| on bin
edges that are the same for every layer (``core.stats.LOG_GRAD_EDGES``), so a
layer whose gradients vanish sits visibly further left than its neighbours.
A combo box switches to the plain (linear) gradient histogram.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from core.stats import LayerStats
from core.trainer import RunInfo, Snapshot

from .histogram_row import HistogramRow

PARAMETERISED = ("dense", "batchnorm")
LOG_LABEL = "log\u2081\u2080 |gradient|"
LINEAR_LABEL = "gradient"


class LayerHistogramPanel(QWidget):
    """One histogram per parameterised layer; subclasses say which one."""

    title = ""
    x_label = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.row = HistogramRow(self.x_label)
        self.options = QHBoxLayout()  # subclasses add their controls (and margins)
        self.options.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.options)
        scroll = QScrollArea()  # many layers: scroll sideways rather than squeeze the plots
        scroll.setWidget(self.row)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        layout.addWidget(scroll, 1)
        self._last: Snapshot | None = None

    # ---- Public API
    def reset(self, info: RunInfo) -> None:
        layers = [lay for lay in info.layers if lay.kind in PARAMETERISED]
        self.row.set_layers([lay.path for lay in layers], [lay.label for lay in layers])
        self._last = None

    def update_snapshot(self, snap: Snapshot) -> None:
        self._last = snap
        layers = snap.layers
        if [s.path for s in layers] != self.row.paths:
            self.row.set_layers([s.path for s in layers], [s.label for s in layers])
        lo = hi = None
        for i, stats in enumerate(layers):
            hist, note = self._histogram(stats)
            self.row.set_layer(i, hist.edges, hist.counts, note)
            lo = hist.edges[0] if lo is None else min(lo, hist.edges[0])
            hi = hist.edges[-1] if hi is None else max(hi, hist.edges[-1])
        if lo is not None:
            self.row.set_x_range(float(lo), float(hi))

    def plot_items(self) -> dict:
        return dict(self.row.plots)

    # ---- Private API
    def _histogram(self, stats: LayerStats):
        raise NotImplementedError


class GradientHistogramPanel(LayerHistogramPanel):
    title = "Gradient histograms"
    x_label = LOG_LABEL

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scale = QComboBox()
        self.scale.setObjectName("gradient_histogram_scale")
        self.scale.addItem("log\u2081\u2080 |gradient| (same bins for all layers)", "log")
        self.scale.addItem("gradient (linear)", "linear")
        self.scale.setToolTip("Log scale: a layer whose gradients vanish sits far to the left")
        self.scale.currentIndexChanged.connect(self._on_scale_changed)
        self.options.setContentsMargins(4, 2, 4, 0)
        self.options.addWidget(QLabel("Histogram of "))
        self.options.addWidget(self.scale)
        self.options.addStretch(1)

    @property
    def log_scale(self) -> bool:
        return self.scale.currentData() == "log"

    def _histogram(self, stats: LayerStats):
        hist = stats.grad_log_hist if self.log_scale else stats.grad_hist
        return hist, f"\u2016grad\u2016\u2082 = {stats.grad_norm:.3g}"

    def _on_scale_changed(self, _index: int) -> None:
        self.row.set_x_label(LOG_LABEL if self.log_scale else LINEAR_LABEL)
        if self._last is not None:
            self.update_snapshot(self._last)
