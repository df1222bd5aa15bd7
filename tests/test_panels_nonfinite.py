"""No plot panel raises on NaN, infinities or huge values anywhere in a snapshot.

A diverging run (eps = 0, a learning rate of 100, a huge initialisation) sends
snapshots whose weights, gradients, activations, boundary grid, predictions,
history and histograms hold NaN, +-inf or 1e308.  Each panel must draw them as
missing and say how many values were not finite, never raise.
"""

from __future__ import annotations

import dataclasses
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from test_plot_panels import PROJECTS, Run  # noqa: E402

from core.stats import Histogram  # noqa: E402
from gui.panels.activation_stats import ActivationStatsPanel  # noqa: E402
from gui.panels.data_panel import DataPanel  # noqa: E402
from gui.panels.gradient_histograms import GradientHistogramPanel  # noqa: E402
from gui.panels.gradient_norms import GradientNormPanel  # noqa: E402
from gui.panels.loss_plot import LossPanel  # noqa: E402
from gui.panels.output_view import OutputPanel  # noqa: E402
from gui.panels.weight_histograms import WeightHistogramPanel  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

PANELS = (LossPanel, GradientHistogramPanel, GradientNormPanel, WeightHistogramPanel, ActivationStatsPanel, OutputPanel)
BAD = {"nan": np.nan, "inf": np.inf, "-inf": -np.inf, "huge": 1e308, "mixed": None}


def _spoil(a, bad, rng):
    """``a`` with every value (bad given) or a random third of them (mixed) made non-finite."""
    if a is None:
        return None
    a = np.array(a, dtype=float, copy=True)
    if a.size == 0:
        return a
    if bad is None:
        mask = rng.random(a.shape) < 0.34
        a[mask] = rng.choice([np.nan, np.inf, -np.inf, 1e308, -1e308], size=int(mask.sum()))
    else:
        a[...] = bad
    return a


def _hist(h: Histogram, bad, rng, log: bool = False) -> Histogram:
    edges = h.edges if log else _spoil(h.edges, bad, rng)
    return Histogram(edges, _spoil(h.counts, bad, rng))


def _scalar(bad, rng):
    return float(rng.choice([np.nan, np.inf, -np.inf, 1e308])) if bad is None else float(bad)


def spoiled(snap, bad, seed=0):
    rng = np.random.default_rng(seed)
    layers = [
        dataclasses.replace(
            s,
            weight_hist=_hist(s.weight_hist, bad, rng),
            grad_hist=_hist(s.grad_hist, bad, rng),
            grad_log_hist=_hist(s.grad_log_hist, bad, rng, log=True),
            weight_norm=_scalar(bad, rng),
            grad_norm=_scalar(bad, rng),
            update_ratio=_scalar(bad, rng),
            act_mean=_scalar(bad, rng),
            act_std=_scalar(bad, rng),
            saturated=_scalar(bad, rng) if np.isfinite(s.saturated) else s.saturated,
            dead=_scalar(bad, rng) if np.isfinite(s.dead) else s.dead,
            weight=_spoil(s.weight, bad, rng),
            bias=_spoil(s.bias, bad, rng),
            weight_grad=_spoil(s.weight_grad, bad, rng),
        )
        for s in snap.layers
    ]
    history = {k: (v if k == "step" else _spoil(v, bad, rng)) for k, v in snap.history.items()}
    b = snap.boundary
    if b is not None:
        acts = {k: (v if k == "extent" else _spoil(v, bad, rng)) for k, v in b.activations.items()}
        b = dataclasses.replace(b, values=_spoil(b.values, bad, rng), activations=acts)
    p = snap.predictions
    if p is not None:
        p = dataclasses.replace(p, y_true=_spoil(p.y_true, bad, rng), y_pred=_spoil(p.y_pred, bad, rng))
    return dataclasses.replace(
        snap,
        layers=layers,
        history=history,
        boundary=b,
        predictions=p,
        grad_norm=_scalar(bad, rng),
        lr=_scalar(bad, rng),
    )


@pytest.fixture(scope="module")
def runs():
    return {name: Run(name, chunks=(5, 5)) for name in PROJECTS}


@pytest.mark.parametrize("cls", PANELS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("name", list(PROJECTS))
def test_panels_draw_nonfinite_snapshots(qtbot, runs, cls, name):
    run = runs[name]
    panel = cls()
    qtbot.addWidget(panel)
    panel.resize(700, 420)
    panel.show()
    panel.reset(run.info)
    panel.update_snapshot(run.snaps[0])
    for i, bad in enumerate(BAD.values()):
        panel.update_snapshot(spoiled(run.snaps[1], bad, seed=i))
        qtbot.wait(1)  # paint it
        panel.repaint()
    if hasattr(panel, "log_y"):
        panel.log_y.setChecked(True)
        panel.repaint()
    if hasattr(panel, "scale"):
        panel.scale.setCurrentIndex(1)
        panel.repaint()
    if cls is OutputPanel and panel.mode == "plane":
        acts = spoiled(run.snaps[1], np.nan).boundary.activations
        panel.show_neuron(next(iter(k for k in acts if k != "extent")), 0, acts)
        panel.repaint()
        panel.show_neuron(None, 0, acts)
    panel.update_snapshot(run.snaps[1])  # and back to finite values
    panel.repaint()
    for item in panel.plot_items().values():
        item.boundingRect()
    panel.reset(run.info)


def test_panels_say_how_many_values_were_not_finite(qtbot, runs):
    run = runs["spiral"]
    snap = spoiled(run.snaps[1], np.nan)
    for cls in (GradientNormPanel, LossPanel, OutputPanel, ActivationStatsPanel):
        panel = cls()
        qtbot.addWidget(panel)
        panel.reset(run.info)
        panel.update_snapshot(snap)
        assert "not finite" in panel.nonfinite_note(), cls.__name__


def test_data_preview_with_nonfinite_inputs(qtbot, runs):
    info = runs["spiral"].info
    rng = np.random.default_rng(1)
    bad = dataclasses.replace(
        info, raw_x_train=_spoil(info.raw_x_train, None, rng), raw_x_val=_spoil(info.raw_x_val, None, rng)
    )
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_info(bad)
    panel.repaint()
    diabetes = runs["diabetes"].info
    panel.set_info(dataclasses.replace(diabetes, raw_x_train=_spoil(diabetes.raw_x_train, np.inf, rng)))
    panel.repaint()


def test_output_with_fewer_features_than_inputs(qtbot):
    """xor with only x1*x2 as feature: 2-D data, one feature (bug 19 raised on every snapshot)."""
    from core.project import default_project
    from core.trainer import Trainer

    project = default_project()
    project["data"] = {"source": "xor", "samples": 200, "features": ["x1*x2"]}
    trainer = Trainer(project)
    info = trainer.info()
    assert info.raw_x_train.shape[1] == 2 and len(info.feature_names) == 1
    panel = OutputPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.reset(info)
    trainer.run(steps=5)
    panel.update_snapshot(trainer.snapshot(0, boundary=True, predictions=True, neuron_grid=10))
    assert panel.mode == "plane" and panel.image.image.shape == (50, 50)
    assert panel.plot.getAxis("bottom").labelText == "x1" and panel.plot.getAxis("left").labelText == "x2"
    data = DataPanel()
    qtbot.addWidget(data)
    data.set_info(info)


def test_gradient_norm_axis_follows_the_steps_when_the_first_layer_has_no_gradient(qtbot, runs):
    """A saturated first layer has a zero gradient norm, drawn as missing on the log axis:
    the step axis must still follow the run (it stayed at 0-10 while 4000 steps ran)."""
    run = runs["spiral"]
    panel = GradientNormPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.reset(run.info)
    for step in (10, 500, 4000):
        snap = run.snaps[1]
        layers = list(snap.layers)
        layers[0] = dataclasses.replace(layers[0], grad_norm=0.0)
        panel.update_snapshot(dataclasses.replace(snap, step=step, layers=layers))
    (x0, x1), _ = panel.norm_plot.getViewBox().viewRange()
    assert x1 >= 4000
