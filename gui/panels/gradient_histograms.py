"""Per-layer gradient histograms: where vanishing and exploding gradients show.

By default each layer shows the histogram of log10 |dL/dθ| of all its parameters on
bin edges that are the same for every layer (``core.stats.LOG_GRAD_EDGES``),
so a layer whose gradients vanish sits visibly further left than its
neighbours.  Exact zeros (every gradient before the first step, dead units)
have no logarithm: they get their own grey bar labelled "zero".  A combo box
switches to the plain (linear) gradient histogram.

Non-finite values (a diverged run) are never drawn; the note under the plot
says how many there were.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.stats import LayerStats
from core.trainer import RunInfo, Snapshot

from . import style
from .histogram_row import HistogramRow

PARAMETERISED = ("dense", "batchnorm")
LOG_LABEL = "log\u2081\u2080 |gradient|"
LINEAR_LABEL = "gradient"
#: where the bar of exact zeros sits on the log10 |gradient| axis (left of its -12 edge)
ZERO_X = -15.0


def _log_label() -> str:
    return QCoreApplication.translate("GradientHistogramPanel", "log\u2081\u2080 |gradient|")


def _log_ticks() -> list:
    zero = QCoreApplication.translate("GradientHistogramPanel", "zero")
    return [(ZERO_X, zero)] + [(float(v), str(v).replace("-", "\u2212")) for v in range(-10, 4, 5)]


class LayerHistogramPanel(QWidget):
    """One histogram per parameterised layer; subclasses say which one."""

    title = ""
    x_label = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.row = HistogramRow(self.x_label)
        self.caption = style.Caption(self._caption_text())
        self.prev_page = QToolButton()
        self.prev_page.setText("\u25c0")
        self.prev_page.setObjectName("histogram_prev_page")
        self.prev_page.setToolTip(QCoreApplication.translate("LayerHistogramPanel", "Previous layers"))
        self.prev_page.clicked.connect(lambda: self._on_page(-1))
        self.next_page = QToolButton()
        self.next_page.setText("\u25b6")
        self.next_page.setObjectName("histogram_next_page")
        self.next_page.setToolTip(QCoreApplication.translate("LayerHistogramPanel", "Next layers"))
        self.next_page.clicked.connect(lambda: self._on_page(1))
        self.page_label = QLabel()
        self.note = QLabel()
        self.note.setObjectName("nonfinite_note")
        self.note.setStyleSheet("color: #b71c1c;")
        self.note.hide()
        self.pager = QWidget()
        pager = QHBoxLayout(self.pager)
        pager.setContentsMargins(0, 0, 0, 0)
        for w in (self.prev_page, self.page_label, self.next_page):
            pager.addWidget(w)
        self.pager.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        scroll = QScrollArea()  # many layers: scroll sideways rather than squeeze the plots
        scroll.setWidget(self.row)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        layout.addWidget(scroll, 1)
        self._last: Snapshot | None = None
        self._nonfinite = 0
        self._finish_options()

    # ---- Public API
    def reset(self, info: RunInfo) -> None:
        layers = [lay for lay in info.layers if lay.kind in PARAMETERISED]
        self._set_layers([lay.path for lay in layers], [lay.label for lay in layers])
        self._last = None
        self._set_nonfinite(0)

    def update_snapshot(self, snap: Snapshot) -> None:
        self._last = snap
        layers = snap.layers
        if len(layers) != len(self.row.paths) or any(s.path != p for s, p in zip(layers, self.row.paths)):
            self._set_layers([s.path for s in layers], [s.label for s in layers])
        lo = hi = None
        nonfinite = 0
        for i in self.row.shown():
            edges, counts, zeros, bad, note = self._prepare(layers[i])
            nonfinite += bad
            if edges is None:
                self.row.clear_layer(i, note)
                continue
            self.row.set_layer(i, edges, counts, note, zeros)
            lo = edges[0] if lo is None else min(lo, edges[0])
            hi = edges[-1] if hi is None else max(hi, edges[-1])
        if lo is not None:
            self.row.set_x_range(float(lo), float(hi))
        self._set_nonfinite(nonfinite)

    def plot_items(self) -> dict:
        return dict(self.row.plots)

    def export_items(self) -> list:
        """(human title, plot item) for every plot the Export Plot menu offers."""
        return [
            (f"{self.title}: {label}", plot)
            for label, plot in zip([self.row.labels[i] for i in self.row.shown()], self.row.plots.values())
        ]

    def nonfinite_note(self) -> str:
        return style.nonfinite_text(self._nonfinite)

    # ---- Private API
    def _finish_options(self) -> None:
        """Put the panel's controls on the caption's row (subclasses add theirs first)."""
        self.caption.add_widget(self.note)
        self.caption.add_widget(self.pager)

    def _caption_text(self) -> str:
        return ""

    def _histogram(self, stats: LayerStats):
        raise NotImplementedError

    def _note(self, stats: LayerStats) -> str:
        raise NotImplementedError

    def _prepare(self, stats: LayerStats):
        """(edges, counts, zeros, non-finite count, note) ready to draw; edges None if nothing is."""
        hist = self._histogram(stats)
        note = self._note(stats)
        bad = int(getattr(hist, "nonfinite", 0) or 0)
        edges, bad_edges = style.drawable(hist.edges)
        counts, bad_counts = style.drawable(hist.counts)
        counts[np.isnan(counts)] = 0.0
        zeros = self._zeros(stats, hist, counts)
        if bad_edges or len(edges) != len(counts) + 1 or not np.all(np.diff(edges) > 0):
            return None, None, 0, bad, self._with_bad(note, bad, nothing=True)
        return edges, counts, zeros, bad, self._with_bad(note, bad)

    def _zeros(self, stats: LayerStats, hist, counts: np.ndarray) -> int:
        return 0

    @staticmethod
    def _with_bad(note: str, bad: int, nothing: bool = False) -> str:
        if nothing:
            return note + " \u00b7 " + QCoreApplication.translate("LayerHistogramPanel", "no finite values")
        if bad:
            return (
                note
                + " \u00b7 "
                + QCoreApplication.translate("LayerHistogramPanel", "{n} not finite").format(n=f"{bad:,}")
            )
        return note

    def _set_layers(self, paths: list[str], labels: list[str]) -> None:
        self.row.set_layers(paths, labels)
        self._update_pager()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_page()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_page()

    def _fit_page(self) -> None:
        # a panel nobody sees (a background dock tab) has no real width: keep its page as it is
        if self.isVisible() and not self.visibleRegion().isEmpty() and self.row.fit_page_size(self.width()):
            self._update_pager()
            if self._last is not None:
                self.update_snapshot(self._last)

    def _on_page(self, delta: int) -> None:
        self.row.set_page(self.row.page + delta)
        self._update_pager()
        if self._last is not None:
            self.update_snapshot(self._last)

    def _update_pager(self) -> None:
        row = self.row
        self.pager.setVisible(row.pages > 1)
        shown = row.shown()
        self.page_label.setText(
            QCoreApplication.translate("LayerHistogramPanel", "layers {a}\u2013{b} of {n}").format(
                a=shown.start + 1, b=shown.stop, n=len(row.paths)
            )
        )
        self.prev_page.setEnabled(row.page > 0)
        self.next_page.setEnabled(row.page < row.pages - 1)

    def _set_nonfinite(self, n: int) -> None:
        if n != self._nonfinite or self.note.isHidden() == bool(n):
            self._nonfinite = n
            self.note.setText(style.nonfinite_text(n))
            self.note.setVisible(bool(n))


class GradientHistogramPanel(LayerHistogramPanel):
    title = "Gradient histograms"
    x_label = LOG_LABEL

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = self.tr("Gradient histograms")
        self.row.set_x_label(_log_label())

    def _finish_options(self) -> None:
        self.scale = QComboBox()
        self.scale.setObjectName("gradient_histogram_scale")
        self.scale.addItem(_log_label(), "log")
        self.scale.addItem(self.tr("gradient (linear)"), "linear")
        self.scale.setToolTip(
            self.tr(
                "log\u2081\u2080 |gradient|: the same bins for every layer, so a layer "
                "whose gradients vanish sits far to the left; linear: each layer's own "
                "range of gradient values"
            )
        )
        self.scale.currentIndexChanged.connect(self._on_scale_changed)
        super()._finish_options()
        self.caption.add_widget(self.scale)
        self.row.set_zero_bar(ZERO_X, _log_ticks())

    @property
    def log_scale(self) -> bool:
        return self.scale.currentData() == "log"

    def _caption_text(self) -> str:
        return self.tr(
            "How many of each layer's parameter gradients (weights and biases) have each size. x-axis on the "
            "log\u2081\u2080 scale: \u22123 means |\u2202L/\u2202w| \u2248 0.001; the grey bar at \u201czero\u201d "
            "counts gradients that are exactly 0 (e.g. behind a dead ReLU). A layer far left of the others has "
            "vanishing gradients. Under each plot: the L2 norm of the same gradients."
        )

    def _histogram(self, stats: LayerStats):
        return stats.grad_log_hist if self.log_scale else stats.grad_hist

    def _note(self, stats: LayerStats) -> str:
        return f"\u2016grad\u2016\u2082 = {style.number(stats.grad_norm)}"

    def _zeros(self, stats: LayerStats, hist, counts: np.ndarray) -> int:
        if not self.log_scale:
            return 0
        zeros = getattr(hist, "zeros", None)
        if zeros is None and stats.grad_norm == 0:
            # statistics that count zeros in the lowest bin: a zero norm means every gradient is 0
            zeros = counts.sum()
            counts[:] = 0.0
        return int(zeros or 0)

    def _on_scale_changed(self, _index: int) -> None:
        self.row.set_x_label(_log_label() if self.log_scale else self.tr("gradient"))
        self.row.set_zero_bar(ZERO_X if self.log_scale else None, _log_ticks() if self.log_scale else None)
        if self._last is not None:
            self.update_snapshot(self._last)
