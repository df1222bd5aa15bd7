"""The loss landscape (core.landscape): filter-normalised directions, the grid's
centre is the current loss exactly, path projection, cancel, float32."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from core.landscape import (
    LandscapeCancelled,
    check_settings,
    compute_landscape,
    flat_vector,
    grid_coordinates,
    loss_surface,
    project_path,
    random_directions,
    sample_rows,
)
from core.layers import BatchNorm
from core.registry import ConfigError
from core.trainer import Trainer

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "resources", "examples")


def _trainer(dtype="float64", layers=None, steps=40, samples=60):
    layers = layers or [
        {"type": "dense", "units": 6, "activation": "tanh"},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ]
    tr = Trainer(
        {
            "format": "backprop-lab/1",
            "seed": 5,
            "data": {"source": "xor", "samples": samples},
            "network": {"layers": layers},
            "training": {"dtype": dtype},
        }
    )
    tr.run(steps=steps)
    return tr


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_centre_is_the_current_loss_exactly(dtype):
    tr = _trainer(dtype)
    before = tr.network.flat.copy()
    current = tr.evaluate()["train_loss"]
    land = compute_landscape(tr, resolution=5, radius=0.5, seed=1)
    assert land.center == current  # bit for bit
    assert land.losses[2, 2] == current and land.dtype == dtype
    assert np.array_equal(tr.network.flat, before) and tr.network.flat.dtype == np.dtype(dtype)
    assert land.losses.shape == (5, 5) and np.all(np.isfinite(land.losses))
    assert land.alphas[2] == 0.0 and land.alphas[0] == -0.5 and land.alphas[-1] == 0.5


def test_centre_exact_with_batchnorm_and_dropout_and_history():
    with open(os.path.join(EXAMPLES, "deep_relu_batchnorm.json"), encoding="utf-8") as f:
        project = json.load(f)
    tr = Trainer(project, base_dir=EXAMPLES)
    tr.run(steps=tr.steps_per_epoch)  # one epoch: the history's last row is evaluated
    land = compute_landscape(tr, resolution=3, radius=1.0, seed=0)
    assert land.center == tr.evaluate()["train_loss"] == tr.history.last_row()["train_loss"]


def test_directions_are_filter_normalised_and_seeded():
    tr = _trainer(
        layers=[
            {"type": "dense", "units": 5, "activation": "relu"},
            {"type": "batchnorm"},
            {"type": "dense", "units": 1, "activation": "sigmoid"},
        ]
    )
    net = tr.network
    d1, d2 = random_directions(net, seed=7)
    again = random_directions(net, seed=7)
    assert np.array_equal(d1, again[0]) and np.array_equal(d2, again[1])
    assert not np.array_equal(d1, random_directions(net, seed=8)[0]) and not np.array_equal(d1, d2)
    moved = 0
    for p in net.params:
        for d in (d1, d2):
            part = d[p.offset : p.offset + p.value.size].reshape(p.value.shape)
            if p.local == "weight" and p.value.ndim == 2:
                np.testing.assert_allclose(np.linalg.norm(part, axis=1), np.linalg.norm(p.value, axis=1), rtol=1e-12)
                moved += 1
            else:  # biases and batch norm's weight and bias: zero
                assert not np.any(part), p.name
    assert moved == 4 and any(isinstance(p.layer, BatchNorm) for p in net.params)


def test_float32_directions_and_surface_stay_float32():
    tr = _trainer("float32")
    d1, d2 = random_directions(tr.network, 3)
    assert d1.dtype == d2.dtype == np.float32
    for p in tr.network.params:
        if p.local == "weight":
            part = d1[p.offset : p.offset + p.value.size].reshape(p.value.shape)
            np.testing.assert_allclose(np.linalg.norm(part, axis=1), np.linalg.norm(p.value, axis=1), rtol=1e-5)
    seen = []
    land = compute_landscape(tr, resolution=3, radius=2.0, seed=3, progress=lambda d, n: seen.append((d, n)))
    assert seen == [(3, 9), (6, 9), (9, 9)]
    # a corner of the grid is the loss of θ + αd₁ + βd₂ computed in float32
    net, theta = tr.network, tr.network.flat.copy()
    net.flat[...] = theta + (-2.0) * d1 + 2.0 * d2
    assert net.flat.dtype == np.float32
    assert land.losses[0, 2] == tr.evaluate()["train_loss"]
    net.flat[...] = theta


def test_path_projection():
    tr = _trainer()
    net = tr.network
    theta = net.flat.astype(np.float64)
    d1, d2 = random_directions(net, 0)
    coords, off = project_path([theta, theta + 0.3 * d1 - 0.2 * d2], theta, d1, d2)
    assert coords[0].tolist() == [0.0, 0.0] and off[0] == 0.0
    np.testing.assert_allclose(coords[1], [0.3, -0.2], atol=1e-12)
    assert off[1] < 1e-12
    # a point off the plane: its least-squares coordinates and a positive distance off it
    bias = np.zeros_like(theta)
    bias[net.params[1].offset] = 1.0  # a bias: zero in both directions, so orthogonal to the plane
    coords, off = project_path([theta + 0.5 * d2 + bias], theta, d1, d2)
    np.testing.assert_allclose(coords[0], [0.0, 0.5], atol=1e-12)
    assert 0 < off[0] < 1
    # the worker's "weights" arrays give the same flat vector
    assert np.array_equal(flat_vector(net, net.copy_arrays()), theta)


def test_cancel_puts_the_weights_back():
    tr = _trainer()
    net = tr.network
    before = net.flat.copy()
    d1, d2 = random_directions(net, 0)
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 4

    with pytest.raises(LandscapeCancelled):
        loss_surface(net, tr.loss, tr.x_train, tr.t_train, d1, d2, 5, 1.0, cancelled=cancelled)
    assert len(calls) == 5 and np.array_equal(net.flat, before)


def test_subsample_and_nonfinite_and_bad_settings():
    assert sample_rows(10, None).tolist() == list(range(10))
    assert sample_rows(10, 4).tolist() == [0, 3, 6, 9]
    tr = _trainer(samples=200)
    land = compute_landscape(tr, resolution=3, radius=1.0, max_rows=50)
    assert land.rows == 50 and land.total_rows == len(tr.x_train)
    # far out a loss may overflow: drawn as missing, never an error
    huge = compute_landscape(tr, resolution=3, radius=1e30, seed=0)
    assert np.isfinite(huge.center) and huge.losses.shape == (3, 3)
    assert grid_coordinates(5, 1.0).tolist() == [-1.0, -0.5, 0.0, 0.5, 1.0]
    for bad, key in [
        ((4, 1.0, 0), "resolution"),
        ((1, 1.0, 0), "resolution"),
        ((5, 0.0, 0), "radius"),
        ((5, float("nan"), 0), "radius"),
        ((5, 1.0, -1), "seed"),
        ((5.0, 1.0, 0), "resolution"),
    ]:
        with pytest.raises(ConfigError, match=key) as info:
            check_settings(*bad)
        assert info.value.code in ("out_of_range", "bad_type")
