"""layer_stats bins every layer in one pass; it must give exactly what binning each
layer on its own with histogram() / log_magnitude_histogram() and NumPy's mean /
std gives, including the special cases (constant weights, NaN, infinities,
float32, one-weight layers, tiny ranges, huge finite values).  Histograms and
norms describe the same values: all of a layer's parameters (or gradients)."""

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
        with np.errstate(all="ignore"):
            w_norm, g_norm = norm(w_all), norm(g_all)
            ratio = math.nan
            if previous_flat is not None:
                delta = w_all - previous_flat[start:stop]
                ratio = float(np.sqrt(np.dot(delta, delta))) / w_norm if w_norm > 0 else math.nan
            a = None if record is None else record.a
            mean = std = sat = dead = math.nan
            bad_acts = 0
            if a is not None:
                mean, std = float(a.mean()), float(a.std())
                bad_acts = int(np.count_nonzero(~np.isfinite(a)))
                if isinstance(layer, Dense):
                    mask = layer.activation.saturated(a)
                    if mask is not None:
                        sat = float(mask.mean())
                    if layer.activation.family == "relu":
                        dead = float(np.mean(np.all(record.z <= 0, axis=0)))
            hists = (histogram(w_all), histogram(g_all), log_magnitude_histogram(g_all))
        out.append((hists, (w_norm, g_norm, ratio, mean, std, sat, dead, bad_acts)))
    return out


def norm(v):
    """sqrt(v . v); finite values whose squares overflow: scaled by the largest."""
    sq = np.dot(v, v)
    if math.isfinite(sq) or not np.all(np.isfinite(v)):
        return float(np.sqrt(sq))
    m = float(np.max(np.abs(v)))
    scaled = v.astype(np.float64) / m
    return m * math.sqrt(float(np.dot(scaled, scaled)))


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
            assert (h.nonfinite, h.zeros) == (r.nonfinite, r.zeros), s.path
            assert np.all(np.isfinite(h.edges)) and np.all(np.diff(h.edges) >= 0), s.path
        mine = (s.weight_norm, s.grad_norm, s.update_ratio, s.act_mean, s.act_std, s.saturated, s.dead,
                s.act_nonfinite)
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
    big = np.finfo(net.flat.dtype).max
    # a constant layer, a layer with NaN / inf, a range too small for linspace's step
    for poke in (lambda: first.fill(0.25),
                 lambda: first.flat.__setitem__(0, np.nan),
                 lambda: first.flat.__setitem__(-1, np.inf),
                 lambda: first.flat.__setitem__(0, -np.inf),
                 lambda: net.flat_grad.__setitem__(slice(0, 3), [np.nan, np.inf, -np.inf]),
                 lambda: first.__setitem__(..., (1.0 + np.arange(first.size) * 1e-300).reshape(first.shape)),
                 lambda: net.flat.__setitem__(..., rng.standard_normal(net.flat.size) * 1e30),
                 # huge finite values: (v - lo) * scale used to overflow and bincount raised
                 lambda: net.flat.__setitem__(..., rng.uniform(-1, 1, net.flat.size) * big),
                 lambda: net.flat_grad.__setitem__(..., rng.uniform(-1, 1, net.flat.size) * big),
                 lambda: first.__setitem__(..., np.finfo(first.dtype).max),
                 lambda: first.__setitem__(..., (np.arange(first.size) * np.finfo(first.dtype).smallest_subnormal
                                                 ).reshape(first.shape))):
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


# ---------------------------------------------------------------- any value at all (bugs 13, 15, 16)
def test_histogram_copes_with_any_value():
    big = np.finfo(np.float64).max
    h = histogram(np.array([-big, big, 0.0, 1.0]))
    assert h.counts.sum() == 4 and h.nonfinite == 0
    assert np.all(np.isfinite(h.edges)) and h.edges[0] == -big and h.edges[-1] == big
    assert h.counts[0] == 1 and h.counts[-1] == 1
    h = histogram(np.array([np.nan, np.inf, -np.inf, 2.0, 3.0]))
    assert (h.counts.sum(), h.nonfinite) == (2, 3)
    h = histogram(np.array([np.nan, np.nan]))
    assert (h.counts.sum(), h.nonfinite) == (0, 2)
    h = histogram(np.array([big, big]))  # a single huge value: widened, still finite
    assert h.counts.sum() == 2 and np.all(np.isfinite(h.edges))
    f32 = np.finfo(np.float32).max
    h = histogram(np.array([-f32, f32, 1.0], np.float32))
    assert h.counts.sum() == 3 and np.all(np.isfinite(h.edges))
    h = histogram(np.array([0.0, 5e-324, 1e-323]))  # a subnormal range
    assert h.counts.sum() == 3


def test_log_magnitude_histogram_counts_zeros_and_nonfinite_apart():
    h = log_magnitude_histogram(np.array([0.0, 0.0, -0.0, 1e-20, 1.0, 1e9, np.nan, np.inf]))
    assert (h.zeros, h.nonfinite) == (3, 2)
    assert h.counts.sum() == 3 and h.counts[0] == 1 and h.counts[-1] == 1


def dense_project(lr=0.05, optimizer="adam"):
    return {"format": "backprop-lab/1", "seed": 4,
            "data": {"source": "spiral", "samples": 200, "noise": 0.1},
            "network": {"layers": [{"type": "dense", "units": 16, "activation": "relu"},
                                   {"type": "dense", "units": 16, "activation": "prelu"},
                                   {"type": "batchnorm"},
                                   {"type": "dense", "units": 1, "activation": "sigmoid"}]},
            "loss": "bce",
            "optimizer": {"name": optimizer, "lr": lr},
            "training": {"batch_size": 20}}


def test_before_the_first_step_zero_gradients_are_zeros_not_a_spike():
    t = Trainer(dense_project())
    for s, p in zip(t.snapshot().layers, [16 * 2 + 16, 16 * 16 + 16 + 16, 16 + 16, 16 + 1]):
        assert s.grad_log_hist.zeros == p and s.grad_log_hist.counts.sum() == 0


def test_histograms_and_norms_describe_the_same_values():
    t = Trainer(dense_project())
    for _ in range(3):
        t.step()
    net = t.network
    for s in t.snapshot().layers:
        params = [p for p in net.params if p.name.startswith(s.path + ".")]
        values = np.concatenate([p.value.ravel() for p in params])
        grads = np.concatenate([p.grad.ravel() for p in params])
        assert {p.name.removeprefix(s.path + ".") for p in params} >= {"weight", "bias"}
        for h, v in ((s.weight_hist, values), (s.grad_hist, grads)):
            assert h.counts.sum() + h.nonfinite == v.size
        lh = s.grad_log_hist
        assert lh.counts.sum() + lh.zeros + lh.nonfinite == grads.size
        assert s.weight_norm == pytest.approx(float(np.linalg.norm(values)), rel=1e-12)
        assert s.grad_norm == pytest.approx(float(np.linalg.norm(grads)), rel=1e-12)


def test_every_snapshot_describes_the_step_it_follows():
    """The per-layer gradient norm of each snapshot is that of the last step's gradient,
    also at an epoch's end (evaluation) and after the run ends."""
    t = Trainer(dense_project())
    offsets = {s.path: [(p.offset, p.offset + p.value.size) for p in t.network.params
                        if p.name.startswith(s.path + ".")] for s in t.snapshot().layers}
    for _ in range(2 * t.steps_per_epoch + 3):
        t.step()
        grad = t.network.flat_grad.copy()
        t.boundary(neuron_grid=8)
        t.evaluate()
        for s in t.snapshot().layers:
            want = np.concatenate([grad[a:b] for a, b in offsets[s.path]])
            assert s.grad_norm == pytest.approx(float(np.linalg.norm(want)), rel=1e-12)


def test_statistics_survive_sgd_at_lr_100():
    """Bug 16: SGD at lr 100 on the spiral example: weights huge but finite (the old
    histogram raised in bincount at step 244), then non-finite: snapshots never raise."""
    import json
    from pathlib import Path

    from core.trainer import TrainingDiverged

    project = json.loads((Path(__file__).resolve().parents[1] / "resources/examples/spiral.json").read_text())
    project["optimizer"] = {"name": "sgd", "lr": 100.0}
    t = Trainer(project)
    with np.errstate(all="ignore"):
        for _ in range(400):
            try:
                t.step()
            except TrainingDiverged:
                break
            snap = t.snapshot(boundary=True, neuron_grid=6, predictions=True)
            for s in snap.layers:
                assert s.weight_hist.counts.sum() + s.weight_hist.nonfinite > 0
        snap = t.snapshot(boundary=True, neuron_grid=6, predictions=True)
    assert len(snap.layers) == 3 and t.step_count > 243
