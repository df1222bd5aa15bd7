"""Panels stay quick with what people build: 200 layers, a million samples,
millions of steps.  Times are printed (run with -s to see them); the tests
assert only what is drawn, never a time, so a slow machine does not fail them.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest
from test_plot_panels import Run

from core.trainer import LayerInfo
from gui.panels.activation_stats import ActivationStatsPanel
from gui.panels.data_panel import MAX_PREVIEW, DataPanel
from gui.panels.gradient_histograms import GradientHistogramPanel
from gui.panels.gradient_norms import MAX_CURVES, GradientNormPanel
from gui.panels.histogram_row import PAGE_SIZE
from gui.panels.loss_plot import MAX_POINTS, LossPanel
from gui.panels.output_view import MAX_POINTS as MAX_OUTPUT_POINTS
from gui.panels.output_view import OutputPanel
from gui.panels.weight_histograms import WeightHistogramPanel

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
LAYERS = 200


@pytest.fixture(scope="module")
def run():
    return Run("spiral", chunks=(5, 5))


def _deep(run: Run, n: int = LAYERS):
    """RunInfo and a snapshot shaped like a network of ``n`` dense layers."""
    template = run.snaps[-1].layers[0]
    layers = [dataclasses.replace(template, path=f"layers.{i}", label=f"{i} dense 8 tanh") for i in range(n)]
    infos = [LayerInfo(f"layers.{i}", str(i), f"{i} dense 8 tanh", "dense", 8, 8, "tanh", 0) for i in range(n)]
    return dataclasses.replace(run.info, layers=infos), dataclasses.replace(run.snaps[-1], layers=layers)


def _timed(what, fn):
    start = time.perf_counter()
    out = fn()
    print(f"{what}: {1000 * (time.perf_counter() - start):.0f} ms")
    return out


@pytest.mark.parametrize("cls", [GradientHistogramPanel, WeightHistogramPanel, GradientNormPanel, ActivationStatsPanel])
def test_two_hundred_layers(qtbot, run, cls):
    info, snap = _deep(run)
    panel = cls()
    qtbot.addWidget(panel)
    panel.resize(1000, 300)
    panel.show()

    def open_and_draw():
        panel.reset(info)
        for step in range(3):
            panel.update_snapshot(dataclasses.replace(snap, step=snap.step + step))
        panel.repaint()

    _timed(f"{cls.__name__}, {LAYERS} layers: reset, 3 snapshots, paint", open_and_draw)
    if cls in (GradientHistogramPanel, WeightHistogramPanel):
        page = panel.row.page_size
        assert 1 < page == len(panel.plot_items()) <= PAGE_SIZE
        assert not panel.pager.isHidden() and f"of {LAYERS}" in panel.page_label.text()
        panel.next_page.click()
        assert list(panel.plot_items()) == [f"layers.{i}" for i in range(page, 2 * page)]
        x, counts = panel.row.curves[0].getOriginalDataset()
        assert counts is not None and counts.sum() > 0  # the new page is drawn at once
    elif cls is GradientNormPanel:
        assert len(panel.norm_curves) == MAX_CURVES
        assert panel.shown[0] == 0 and panel.shown[-1] == LAYERS - 1
        assert f"{MAX_CURVES} of {LAYERS}" in panel.subset.text()
    else:
        assert len(panel.values) == 0  # no per-bar texts for 200 layers
        assert len(panel.saturated_bars.opts["x"]) == LAYERS


@pytest.mark.parametrize("rows", [10_000, 100_000, 1_000_000])
def test_data_preview_of_many_samples(qtbot, run, rows):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(rows, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(float)
    n_val = rows // 5
    info = dataclasses.replace(run.info, raw_x_train=x[n_val:], y_train=y[n_val:], raw_x_val=x[:n_val], y_val=y[:n_val])
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.show()
    _timed(f"data preview of {rows:,} samples", lambda: (panel.set_info(info), panel.repaint()))
    drawn = sum(len(item.data) for item in panel.scatter.getPlotItem().items if hasattr(item, "data"))
    assert 0 < drawn <= MAX_PREVIEW
    assert f"{rows:,}" in panel.preview_note.text() and not panel.preview_note.isHidden()
    assert panel.preview.minimumHeight() >= 150

    output = OutputPanel()
    qtbot.addWidget(output)
    output.show()
    _timed(f"output plane over {rows:,} samples", lambda: (output.reset(info), output.repaint()))
    drawn = sum(
        len(item.data)
        for item in output.plot.items
        if isinstance(item, type(output.plot.items[-1])) and hasattr(item, "data") and item is not output.image
    )
    assert drawn <= 2 * MAX_OUTPUT_POINTS
    assert f"{rows:,}" in output.caption.text()


def test_loss_over_millions_of_steps_stays_bounded(qtbot, run):
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.reset(run.info)
    chunk = 100_000
    base = run.snaps[-1]
    rng = np.random.default_rng(0)

    def feed():
        for k in range(20):  # 2 million steps
            steps = np.arange(k * chunk + 1, (k + 1) * chunk + 1)
            nan = np.full(chunk, np.nan)
            evals = nan.copy()
            evals[-1] = 0.5
            history = {
                "step": steps,
                "batch_loss": rng.random(chunk),
                "train_loss": evals,
                "val_loss": evals,
                "train_accuracy": evals,
                "val_accuracy": evals,
                "lr": nan,
            }
            panel.update_snapshot(
                dataclasses.replace(base, step=int(steps[-1]), history=history, history_start=k * chunk + 1)
            )
            panel.repaint()

    _timed("loss panel, 2,000,000 steps in 20 snapshots", feed)
    x, _y = panel.curves["batch_loss"].getOriginalDataset()
    assert len(x) <= MAX_POINTS + 1 and x[-1] > 1_999_000


def test_histogram_pages_fit_the_width(qtbot, run):
    info, snap = _deep(run, 30)
    panel = GradientHistogramPanel()
    qtbot.addWidget(panel)
    panel.resize(1100, 300)
    panel.show()
    panel.reset(info)
    panel.update_snapshot(snap)
    assert panel.row.page_size == PAGE_SIZE
    panel.next_page.click()
    first = panel.row.first
    panel.resize(420, 300)
    qtbot.wait(10)
    assert 1 <= panel.row.page_size < PAGE_SIZE
    assert first in panel.row.shown()  # the layers looked at stay in view
    assert panel.row.minimumWidth() <= panel.width()
    assert f"of {30}" in panel.page_label.text()


def test_predicted_vs_true_of_many_examples(qtbot):
    from core.trainer import Predictions

    run = Run("diabetes", chunks=(3,))
    panel = OutputPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.reset(run.info)
    rng = np.random.default_rng(0)
    y = rng.normal(size=200_000)
    snap = dataclasses.replace(run.snaps[-1], predictions=Predictions(y_true=y, y_pred=y + 0.1, part="val"))
    _timed(
        "predicted vs true, 200,000 examples, 5 frames",
        lambda: [(panel.update_snapshot(snap), panel.repaint()) for _ in range(5)],
    )
    assert len(panel.scatter.data) == MAX_OUTPUT_POINTS


def test_confusion_matrix_of_many_classes(qtbot):
    from core.trainer import Predictions

    run = Run("digits", chunks=(3,))
    classes = 100
    info = dataclasses.replace(run.info, class_names=[f"c{i}" for i in range(classes)], out_width=classes)
    panel = OutputPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.view_combo.setCurrentIndex(panel.view_combo.findData("confusion"))  # digits opens on its decision map
    _timed("confusion matrix of 100 classes: reset", lambda: panel.reset(info))
    confusion = np.random.default_rng(0).integers(0, 5, size=(classes, classes))
    snap = dataclasses.replace(run.snaps[-1], predictions=Predictions(confusion=confusion, part="val"))
    _timed(
        "confusion matrix of 100 classes: 3 frames",
        lambda: [(panel.update_snapshot(snap), panel.repaint()) for _ in range(3)],
    )
    assert panel.image.image.shape == (classes, classes) and len(panel.cells) == 0
