"""The live plot panels, fed with snapshots of real (short) training runs.

Each panel gets ``reset(info)`` and several ``update_snapshot`` calls, as the
main window does; the tests check what it draws (number of points, histogram
mass, image shapes, confusion counts), the options (log y, linear
histograms, a neuron's output), and that every plot item exports to PNG, SVG
and CSV.  Each panel is also grabbed to /tmp/panels/ for a person to look at.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from pyqtgraph.exporters import CSVExporter, ImageExporter, SVGExporter  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from core.project import default_project  # noqa: E402
from core.trainer import Trainer  # noqa: E402
from gui.panels.activation_stats import ActivationStatsPanel  # noqa: E402
from gui.panels.gradient_histograms import GradientHistogramPanel  # noqa: E402
from gui.panels.gradient_norms import GradientNormPanel  # noqa: E402
from gui.panels.loss_plot import LossPanel  # noqa: E402
from gui.panels.output_view import OutputPanel  # noqa: E402
from gui.panels.roc_panel import RocPanel  # noqa: E402
from gui.panels.style import region_color  # noqa: E402
from gui.panels.weight_histograms import WeightHistogramPanel  # noqa: E402

# the offscreen platform says so when a top-level widget is first shown
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

SCREENSHOTS = Path("/tmp/panels")
PANELS = (
    LossPanel,
    GradientHistogramPanel,
    GradientNormPanel,
    WeightHistogramPanel,
    ActivationStatsPanel,
    OutputPanel,
    RocPanel,
)


def _project(source: str, layers: list, batch_size: int = 10, **data) -> dict:
    p = default_project()
    p["data"] = {"source": source, **data}
    p["network"]["layers"] = layers
    p["training"]["batch_size"] = batch_size
    return p


def _dense(units, activation):
    return {"type": "dense", "units": units, "activation": activation}


PROJECTS = {
    "spiral": default_project(),  # 2-D binary, tanh (saturation), sigmoid output
    "gaussians": _project("gaussians", [_dense(8, "relu"), {"type": "batchnorm"}, _dense(3, "softmax")], classes=3),
    "digits": _project(
        "digits", [_dense(16, "relu"), {"type": "dropout", "rate": 0.1}, _dense(10, "softmax")], batch_size=100
    ),
    "sine": _project("sine", [_dense(16, "tanh"), _dense(1, "linear")]),
    "diabetes": _project("diabetes", [_dense(8, "relu"), _dense(1, "linear")]),
}


class Run:
    """A short training run: its RunInfo and the snapshots a worker would send."""

    def __init__(self, name: str, chunks=(25, 25, 30)):
        self.name = name
        trainer = Trainer(PROJECTS[name])
        self.info = trainer.info()
        self.snaps = []
        since = 0
        for n in chunks:
            trainer.run(steps=n - 1)
            trainer.keep_previous = True
            trainer.step()
            self.snaps.append(trainer.snapshot(since, boundary=True, predictions=True, neuron_grid=20))
            trainer.keep_previous = False
            since = len(trainer.history)
        self.steps = trainer.step_count
        # rows where the model was evaluated: each epoch's end and the end of each run()
        self.evaluations = int(np.isfinite(trainer.history.rows()["val_loss"]).sum())
        self.param_layers = [lay for lay in self.info.layers if lay.kind in ("dense", "batchnorm")]


@pytest.fixture(scope="module")
def runs() -> dict[str, Run]:
    return {name: Run(name) for name in PROJECTS}


def _fed(qtbot, cls, run: Run, shown: bool = True):
    """A panel after reset(info) and the run's snapshots (shown, as in a visible dock)."""
    panel = cls()
    qtbot.addWidget(panel)
    panel.resize(900, 520)
    if shown:
        panel.show()
    panel.reset(run.info)
    for snap in run.snaps:
        panel.update_snapshot(snap)
    return panel


def _grab(qtbot, panel, name: str) -> None:
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.wait(30)  # let the axes settle their sizes
    SCREENSHOTS.mkdir(exist_ok=True)
    assert panel.grab().save(str(SCREENSHOTS / f"{name}.png"))


def _xy(curve):
    """The data given to a curve (getData() is clipped to the view)."""
    x, y = curve.getOriginalDataset()
    return (np.zeros(0), np.zeros(0)) if x is None else (x, y)


# ---- Loss
def test_loss_panel_accumulates_history(qtbot, runs):
    run = runs["spiral"]
    panel = _fed(qtbot, LossPanel, run)
    x, y = _xy(panel.curves["batch_loss"])
    assert len(x) == run.steps and np.array_equal(x, np.arange(1, run.steps + 1))
    assert run.evaluations >= 3
    for name in ("train_loss", "val_loss", "train_accuracy", "val_accuracy"):
        x, y = _xy(panel.curves[name])
        assert len(x) == run.evaluations and np.all(np.isfinite(y)), name
    acc = _xy(panel.curves["val_accuracy"])[1]
    assert np.all((acc >= 0) & (acc <= 100)) and acc.max() > 1  # percent, not a fraction
    assert set(panel.plot_items()) == {"loss", "accuracy"}
    assert not panel.accuracy_widget.isHidden()

    assert not panel.loss_plot.getAxis("left").logMode
    panel.log_y.click()
    assert panel.loss_plot.getAxis("left").logMode
    assert panel.loss_plot.ctrl.logYCheck.isChecked()
    panel.log_y.click()
    assert not panel.loss_plot.getAxis("left").logMode

    # a snapshot from the start (after a rewind or a rebuild) starts fresh
    panel.update_snapshot(run.snaps[0])
    assert len(_xy(panel.curves["batch_loss"])[0]) == len(run.snaps[0].history["step"])
    panel.reset(run.info)
    assert len(_xy(panel.curves["batch_loss"])[0]) == 0


@pytest.mark.parametrize("cls", [LossPanel, GradientNormPanel])
def test_time_plots_keep_accumulating_while_hidden(qtbot, runs, cls):
    """A panel in a background dock tab gets every snapshot but draws only when shown."""
    run = runs["spiral"]
    panel = _fed(qtbot, cls, run, shown=False)
    curve = panel.curves["batch_loss"] if cls is LossPanel else panel.norm_curves[0]
    assert len(_xy(curve)[0]) == 0
    expected = run.steps if cls is LossPanel else len(run.snaps)
    panel.plot_items()  # what is exported is up to date, shown or not
    assert len(_xy(curve)[0]) == expected
    panel.reset(run.info)
    for snap in run.snaps:
        panel.update_snapshot(snap)
    panel.show()
    assert len(_xy(curve)[0]) == expected


def test_loss_panel_regression_has_no_accuracy(qtbot, runs):
    run = runs["sine"]
    panel = _fed(qtbot, LossPanel, run)
    assert panel.accuracy_widget.isHidden()
    assert set(panel.plot_items()) == {"loss"}
    assert len(_xy(panel.curves["val_loss"])[0]) == run.evaluations


# ---- Histograms
@pytest.mark.parametrize("name", ["spiral", "gaussians", "digits"])
def test_gradient_histograms_one_plot_per_layer(qtbot, runs, name):
    run = runs[name]
    panel = _fed(qtbot, GradientHistogramPanel, run)
    paths = [lay.path for lay in run.param_layers]
    assert list(panel.plot_items()) == paths
    ranges = set()
    for i, plot in enumerate(panel.plot_items().values()):
        x, counts = _xy(panel.row.curves[i])
        assert len(x) == len(counts) + 1 and counts.sum() > 0
        assert x[0] == -12.0 and x[-1] == 3.0  # fixed log10 bins for every layer
        assert "grad" in panel.row.notes[i].text
        ranges.add(tuple(np.round(plot.viewRange()[0], 9)))
    assert len(ranges) == 1
    # linear gradient histograms: each layer's own bins, one common x range
    panel.scale.setCurrentIndex(1)
    last = run.snaps[-1].layers
    for i, stats in enumerate(last):
        x, counts = _xy(panel.row.curves[i])
        assert np.array_equal(x, stats.grad_hist.edges) and counts.sum() > 0
    lo = min(s.grad_hist.edges[0] for s in last)
    hi = max(s.grad_hist.edges[-1] for s in last)
    x_range = list(panel.plot_items().values())[-1].viewRange()[0]
    assert x_range[0] <= lo and x_range[1] >= hi
    assert panel.row.plots[paths[0]].getAxis("bottom").labelText == "gradient"


def test_weight_histograms(qtbot, runs):
    run = runs["gaussians"]
    panel = _fed(qtbot, WeightHistogramPanel, run)
    assert len(panel.plot_items()) == len(run.param_layers) == 3  # dense, batchnorm, dense
    for i, stats in enumerate(run.snaps[-1].layers):
        x, counts = _xy(panel.row.curves[i])
        assert np.array_equal(x, stats.weight_hist.edges) and counts.sum() == stats.weight_hist.counts.sum()
        assert f"{stats.weight_norm:.3g}" in panel.row.notes[i].text


# ---- Norms and activations
def test_gradient_norms_over_time(qtbot, runs):
    run = runs["digits"]
    panel = _fed(qtbot, GradientNormPanel, run)
    assert len(panel.norm_curves) == len(run.param_layers) == 2
    for i, curve in enumerate(panel.norm_curves):
        x, y = _xy(curve)
        assert np.array_equal(x, [s.step for s in run.snaps])
        assert np.allclose(y, [s.layers[i].grad_norm for s in run.snaps])
        x, y = _xy(panel.ratio_curves[i])
        assert len(x) == len(run.snaps) and np.all(np.isfinite(y)) and np.all(y > 0)
    assert panel.norm_plot.getAxis("left").logMode and panel.ratio_plot.getAxis("left").logMode
    assert len(panel.norm_plot.legend.items) == 2
    # a re-sent (rewound) step replaces the later points instead of appending
    panel.update_snapshot(run.snaps[0])
    assert len(_xy(panel.norm_curves[0])[0]) == 1


def test_activation_stats_bars(qtbot, runs):
    spiral = _fed(qtbot, ActivationStatsPanel, runs["spiral"])  # tanh, tanh, sigmoid
    assert len(spiral.saturated_bars.opts["x"]) == 3 and len(spiral.dead_bars.opts["x"]) == 0
    heights = np.asarray(spiral.saturated_bars.opts["height"])
    assert np.all((heights >= 0) & (heights <= 100))
    digits = _fed(qtbot, ActivationStatsPanel, runs["digits"])  # relu, softmax
    assert list(digits.dead_bars.opts["x"]) == [0.0] and list(digits.saturated_bars.opts["x"]) == [1.0]
    ticks = digits.moment_plot.getAxis("bottom")._tickLevels[0]
    assert [t[1] for t in ticks] == ["0 dense\n16 relu", "2 dense\n10 softmax"]
    assert len(digits.means.data) == 2
    last = runs["digits"].snaps[-1].layers
    assert np.allclose(digits.error_bars.opts["height"], [2 * s.act_std for s in last])


# ---- Output
def test_output_binary_decision_boundary_and_neuron(qtbot, runs):
    run = runs["spiral"]
    panel = _fed(qtbot, OutputPanel, run)
    assert panel.mode == "plane"
    assert panel.image.image.shape == (50, 50)
    assert np.array_equal(panel.image.image, run.snaps[-1].boundary.values)
    n_points = sum(
        len(item.data)
        for item in panel.plot.items
        if hasattr(item, "data") and item is not panel.image and item is not panel.neuron_image
    )
    assert n_points == len(run.info.y_train) + len(run.info.y_val)
    assert "class 1" in panel.color_bar.getAxis("left").labelText

    acts = run.snaps[-1].boundary.activations
    panel.show_neuron("layers.1", 3, acts)
    assert panel.neuron_image.isVisible() and not panel.image.isVisible()
    assert np.array_equal(panel.neuron_image.image, acts["layers.1"][:, :, 3])
    assert panel.color_bar.getAxis("left").labelText == "unit output"
    _grab(qtbot, panel, "output_neuron")
    panel.update_snapshot(run.snaps[-1])  # stays on the neuron while training goes on
    assert panel.neuron_image.isVisible()
    panel.show_neuron(None, 0, acts)
    assert panel.image.isVisible() and not panel.neuron_image.isVisible()


def test_output_multiclass_boundary(qtbot, runs):
    run = runs["gaussians"]
    panel = _fed(qtbot, OutputPanel, run)
    assert panel.mode == "plane" and panel.image.image.shape == (50, 50, 3)
    b = run.snaps[-1].boundary
    # the most confident grid point is (nearly) its class's colour
    i, j = np.unravel_index(np.argmax(b.values), b.values.shape)
    expected = np.array(region_color(int(b.classes[i, j])).getRgb()[:3])
    tolerance = 255 * (1 - b.values[i, j]) * 1.5 + 1
    assert np.abs(panel.image.image[i, j].astype(int) - expected).max() <= tolerance


def test_output_regression_curve_and_scatter(qtbot, runs):
    sine = _fed(qtbot, OutputPanel, runs["sine"])
    assert sine.mode == "curve"
    x, y = _xy(sine.curve)
    assert len(x) == 200 and np.array_equal(y, runs["sine"].snaps[-1].boundary.values)
    diabetes = _fed(qtbot, OutputPanel, runs["diabetes"])
    assert diabetes.mode == "scatter"
    p = runs["diabetes"].snaps[-1].predictions
    assert len(diabetes.scatter.data) == len(runs["diabetes"].info.y_val) == len(p.y_true)


def test_output_confusion_matrix(qtbot, runs):
    run = runs["digits"]
    panel = _fed(qtbot, OutputPanel, run)
    assert panel.mode == "plane"  # more than two inputs: the decision map on the principal plane first
    panel.view_combo.setCurrentIndex(panel.view_combo.findData("confusion"))
    assert panel.mode == "confusion"
    assert panel.image.image.shape == (10, 10)
    assert panel.image.mapRectToParent(panel.image.boundingRect()).getRect() == (-0.5, -0.5, 10, 10)
    assert panel.image.image.sum() == len(run.info.y_val)
    assert sum(int(cell.textItem.toPlainText()) for cell in panel.cells) == len(run.info.y_val)
    assert f"n = {len(run.info.y_val)}" in panel.plot.titleLabel.text


# ---- Every panel: export and screenshots
EXPORT_CASES = [(cls, "spiral") for cls in PANELS] + [
    (cls, name) for cls in (LossPanel, OutputPanel) for name in ("digits", "diabetes")
]


@pytest.mark.parametrize(("cls", "name"), EXPORT_CASES, ids=lambda v: getattr(v, "__name__", v))
def test_export_every_plot_item(qtbot, runs, tmp_path, cls, name):
    panel = _fed(qtbot, cls, runs[name])
    assert isinstance(panel.title, str) and panel.title
    _grab(qtbot, panel, f"{cls.__name__}_{name}")
    items = panel.plot_items()
    assert items
    for key, item in items.items():
        png, svg, table = tmp_path / f"{key}.png", tmp_path / f"{key}.svg", tmp_path / f"{key}.csv"
        ImageExporter(item).export(str(png))
        image = QImage(str(png))
        assert not image.isNull() and image.width() > 50 and image.height() > 50
        SVGExporter(item).export(str(svg))
        assert "<svg" in svg.read_text()
        CSVExporter(item).export(str(table))
        with open(table, newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows  # a header row at least
        if cls in (LossPanel, GradientNormPanel, GradientHistogramPanel, WeightHistogramPanel):
            assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)


@pytest.mark.parametrize("name", ["gaussians", "digits", "sine", "diabetes"])
def test_screenshots_of_other_projects(qtbot, runs, name):
    for cls in PANELS:
        _grab(qtbot, _fed(qtbot, cls, runs[name]), f"{cls.__name__}_{name}")


def test_gradient_norms_survive_a_zero_norm(qtbot):
    """The snapshot taken before the first step has all-zero gradients; on a log
    axis a zero is -inf and used to blank the whole curve."""
    from core.trainer import Trainer
    from gui.panels.gradient_norms import GradientNormPanel

    trainer = Trainer(default_project())
    panel = GradientNormPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.reset(trainer.info())
    panel.update_snapshot(trainer.snapshot(0))  # step 0: gradients are zero
    since = len(trainer.history)
    for _ in range(3):
        trainer.run(steps=5)
        panel.update_snapshot(trainer.snapshot(since))
        since = len(trainer.history)
    x, y = panel.norm_curves[0].getData()
    assert len(x) == 3 and np.all(np.isfinite(y))


def test_gradient_histograms_before_the_first_step_show_zeros_as_zero(qtbot):
    """Before the first step every gradient is 0: a "zero" bar, not a spike at -12 (bug 15)."""
    from gui.panels.gradient_histograms import ZERO_X

    trainer = Trainer(default_project())
    panel = GradientHistogramPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.reset(trainer.info())
    panel.update_snapshot(trainer.snapshot(0))
    for i, stats in enumerate(trainer.snapshot(0).layers):
        _x, counts = _xy(panel.row.curves[i])
        assert counts.sum() == 0  # nothing at -12
        bar = panel.row.zero_bars[i]
        assert bar.isVisible() and list(bar.opts["x"]) == [ZERO_X]
        assert bar.opts["height"][0] == stats.weight_hist.counts.sum()  # every weight's gradient is 0
    ticks = next(iter(panel.row.plots.values())).getAxis("bottom")._tickLevels[0]
    assert (ZERO_X, "zero") in ticks
    assert panel.row._x_range[0] < ZERO_X  # the bar is in view
    panel.scale.setCurrentIndex(1)  # linear: zeros are ordinary values, no separate bar
    assert not panel.row.zero_bars[0].isVisible()
