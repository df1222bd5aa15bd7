"""A snapshot costs the same whatever the data size: predictions on a capped
subsample, neuron pictures for the units a person can see, passes in chunks."""

from __future__ import annotations

import time
import tracemalloc

import numpy as np

from core import snapshot as snapshot_module
from core.trainer import Trainer


def classification(samples, units=8, classes=3, source="spiral"):
    return {
        "format": "backprop-lab/1",
        "seed": 1,
        "data": {
            "source": source,
            "samples": samples,
            "validation_split": 0.5,
            **({"classes": classes} if source == "spiral" else {}),
        },
        "network": {
            "layers": [
                {"type": "dense", "units": units, "activation": "relu"},
                {"type": "dense", "units": classes, "activation": "softmax"},
            ]
        },
        "loss": "cross_entropy",
        "optimizer": {"name": "sgd", "lr": 0.01},
        "training": {"batch_size": 32},
    }


def test_predictions_use_a_capped_subsample(monkeypatch):
    monkeypatch.setattr(snapshot_module, "PREDICTION_ROWS", 50)
    t = Trainer(classification(400))
    t.step()
    p = t.snapshot(predictions=True).predictions
    assert p.confusion.sum() == p.rows == 50 and p.of == 200
    # small parts are described whole, as before
    monkeypatch.setattr(snapshot_module, "PREDICTION_ROWS", 4096)
    p = t.snapshot(predictions=True).predictions
    assert p.rows == p.of == 200
    np.testing.assert_array_equal(p.confusion, t.confusion_matrix("val"))


def test_regression_predictions_are_capped(monkeypatch):
    monkeypatch.setattr(snapshot_module, "PREDICTION_ROWS", 30)
    project = {
        "format": "backprop-lab/1",
        "seed": 0,
        "data": {"source": "sine", "samples": 200, "validation_split": 0.5},
        "network": {"layers": [{"type": "dense", "units": 4, "activation": "tanh"}, {"type": "dense", "units": 1}]},
        "training": {"batch_size": 16},
    }
    t = Trainer(project)
    p = t.predictions()
    assert len(p.y_true) == len(p.y_pred) == p.rows == 30 and p.of == 100
    np.testing.assert_array_equal(p.y_pred, t.predict_output(t.x_val)[np.linspace(0, 99, 30).round().astype(int), 0])


def test_neuron_pictures_show_the_first_units_of_wide_layers():
    t = Trainer(classification(60, units=200))
    t.step()
    b = t.boundary(grid=10, neuron_grid=12)
    assert b.activations["layers.0"].shape == (12, 12, snapshot_module.NEURON_UNITS)
    assert b.activations["layers.1"].shape == (12, 12, 3)
    # the pictures are those of the whole pass, cut to the units shown
    lo, hi = t.input_extent()
    nx, ny = np.linspace(lo[0], hi[0], 12), np.linspace(lo[1], hi[1], 12)
    mx, my = np.meshgrid(nx, ny)
    x = t.data.prepare_inputs(np.column_stack([mx.ravel(), my.ravel()]))
    full = t.network.forward(x, training=False).records[0].a
    np.testing.assert_array_equal(b.activations["layers.0"], full[:, :64].reshape(12, 12, 64))


def test_a_snapshot_of_a_100000_unit_layer_stays_small():
    t = Trainer(classification(200, units=100_000, classes=2, source="moons"))
    t.step()
    tracemalloc.start()
    started = time.perf_counter()
    snap = t.snapshot(boundary=True, neuron_grid=24, predictions=True)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert snap.boundary.activations["layers.0"].shape[2] == snapshot_module.NEURON_UNITS
    # a 24 x 24 x 100000 grid alone would be 460 MB; the 50 x 50 boundary pass 2 GB
    assert peak < 100e6, peak
    assert elapsed < 20


def test_boundary_extent_is_computed_once():
    t = Trainer(classification(100))
    first = t.input_extent()
    assert t.input_extent() is first
    raw = np.concatenate([t.data.raw_x_train, t.data.raw_x_val])
    lo, hi = raw.min(axis=0), raw.max(axis=0)
    pad = 0.08 * (hi - lo)
    np.testing.assert_array_equal(first[0], lo - pad)
    np.testing.assert_array_equal(first[1], hi + pad)
