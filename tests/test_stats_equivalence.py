"""layer_stats bins every layer in one pass; it must give exactly what binning each
layer on its own with histogram() / log_magnitude_histogram() and NumPy's mean /
std gives, including the special cases (constant weights, NaN, infinities,
float32, one-weight layers, tiny ranges)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.layers import BatchNorm, Dense
from core.stats import histogram, layer_stats, log_magnitude_histogram, sum_of_squares
from core.trainer import Trainer


def reference(network, tape=None, previous_flat=None):
    """One layer at a time, the straightforward way."""
    out = []
    records = tape.entry_records() if tape is not None else [None] * len(network.entries)
    for entry, record in zip(network.entries, records):
        layer = entry.layer
        if not isinstance(layer, (Dense, BatchNorm)):
            continue
        params = [p for p in network.params if p.layer is layer]
        start, stop = params[0].offset, params[-1].offset + params[-1].value.size
        w_all, g_all = network.flat[start:stop], network.flat_grad[start:stop]
        w, g = layer.p["weight"], layer.g["weight"]
        with np.errstate(all="ignore"):
            w_norm = float(np.sqrt(np.dot(w_all, w_all)))
            g_norm = float(np.sqrt(np.dot(g_all, g_all)))
            ratio = math.nan
            if previous_flat is not None:
                delta = w_all - previous_flat[start:stop]
                ratio = float(np.sqrt(np.dot(delta, delta))) / w_norm if w_norm > 0 else math.nan
            a = None if record is None else record.a
            mean = std = sat = dead = math.nan
            if a is not None:
                mean, std = float(a.mean()), float(a.std())
                if isinstance(layer, Dense):
                    mask = layer.activation.saturated(a)
                    if mask is not None:
                        sat = float(mask.mean())
                    if layer.activation.family == "relu":
                        dead = float(np.mean(np.all(record.z <= 0, axis=0)))
            hists = (histogram(w), histogram(g), log_magnitude_histogram(g))
        out.append((hists, (w_norm, g_norm, ratio, mean, std, sat, dead)))
    return out


def same(x, y):
    x, y = np.asarray(x), np.asarray(y)
    return x.dtype == y.dtype and x.shape == y.shape and np.array_equal(x, y, equal_nan=True)


def check(trainer, previous=None):
    with np.errstate(all="ignore"):
        got = layer_stats(trainer.network, trainer.last_tape, previous)
    want = reference(trainer.network, trainer.last_tape, previous)
    assert len(got) == len(want)
    for s, (hists, numbers) in zip(got, want):
        for h, r in zip((s.weight_hist, s.grad_hist, s.grad_log_hist), hists):
            assert same(h.edges, r.edges), s.path
            assert same(h.counts, r.counts), s.path
        mine = (s.weight_norm, s.grad_norm, s.update_ratio, s.act_mean, s.act_std, s.saturated, s.dead)
        assert same(mine, numbers), (s.path, mine, numbers)


def project(layers, dtype="float64", data=None):
    return {"format": "backprop-lab/1", "seed": 1,
            "data": data or {"source": "spiral", "samples": 120},
            "network": {"layers": layers},
            "optimizer": {"name": "adam", "lr": 0.05},
            "training": {"batch_size": 12, "dtype": dtype}}


NETWORKS = {
    "mixed": [
        {"type": "dense", "units": 9, "activation": "tanh"},
        {"type": "batchnorm"},
        {"type": "residual", "layers": [{"type": "dense", "units": 9, "activation": "prelu"}]},
        {"type": "dropout", "rate": 0.3},
        {"type": "dense", "units": 5, "activation": "relu"},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ],
    "one-weight": [
        {"type": "dense", "units": 1, "activation": "elu"},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ],
    "zeros": [
        {"type": "dense", "units": 6, "activation": "relu", "init": "zeros"},
        {"type": "dense", "units": 1, "activation": "sigmoid", "init": "zeros"},
    ],
}


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("name", list(NETWORKS))
def test_layer_stats_equal_per_layer_reference(name, dtype):
    t = Trainer(project(NETWORKS[name], dtype))
    check(t)  # before any step: no activations, zero gradients
    for _ in range(3):
        t.keep_previous = True
        t.step()
        check(t, t._previous_flat)
    net = t.network
    rng = np.random.default_rng(0)
    first = net.params[0].value
    # a constant layer, a layer with NaN / inf, a range too small for linspace's step
    for poke in (lambda: first.fill(0.25),
                 lambda: first.flat.__setitem__(0, np.nan),
                 lambda: first.flat.__setitem__(-1, np.inf),
                 lambda: first.flat.__setitem__(0, -np.inf),
                 lambda: net.flat_grad.__setitem__(slice(0, 3), [np.nan, np.inf, -np.inf]),
                 lambda: first.__setitem__(..., (1.0 + np.arange(first.size) * 1e-300).reshape(first.shape)),
                 lambda: net.flat.__setitem__(..., rng.standard_normal(net.flat.size) * 1e30)):
        poke()
        check(t)


def test_sum_of_squares_splits_long_vectors_into_single_threaded_calls():
    v = np.random.default_rng(2).standard_normal(25_001)
    chunks = [v[i:i + 10_000] for i in range(0, v.size, 10_000)]
    expected = np.dot(chunks[0], chunks[0]) + np.dot(chunks[1], chunks[1]) + np.dot(chunks[2], chunks[2])
    assert sum_of_squares(v) == expected
    assert math.isclose(sum_of_squares(v), float(np.sum(v * v)), rel_tol=1e-12)
    short = v[:10_000]
    assert sum_of_squares(short) == np.dot(short, short)
    assert sum_of_squares(short.astype(np.float32)).dtype == np.float32
