"""Per-layer statistics that make vanishing and exploding gradients visible.

Everything here reads the network's arrays and returns fresh, small objects
(already-binned histograms, norms, fractions) that a GUI can draw without
touching the trainer's arrays.  Histograms use ``bincount`` on precomputed bin
indices: several times cheaper than ``np.histogram`` on small arrays, which
matters because a snapshot is taken every few steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .layers import BatchNorm, Dense

HIST_BINS = 30
#: fixed bin edges for log10 |gradient|: one scale for every layer, so a layer
#: whose gradients vanish sits visibly to the left of the others
LOG_GRAD_EDGES = np.linspace(-12.0, 3.0, 31)


#: OpenBLAS hands a dot product of more than 10 000 elements to several threads:
#: the result then depends on the thread count (round-off), and its helper
#: thread, spinning after each call, fights the GUI thread for a core (a
#: step of a 17 000-parameter network went from 0.25 ms to 5 ms on 2 busy cores)
_DOT_CHUNK = 10_000


def sum_of_squares(v: np.ndarray) -> np.floating:
    """``v . v`` for a 1-D array (a scalar of its dtype), in single-threaded BLAS
    calls of at most 10 000 elements: the same whatever the number of threads."""
    if v.size <= _DOT_CHUNK:
        return np.dot(v, v)
    chunk = v[:_DOT_CHUNK]
    total = np.dot(chunk, chunk)
    for i in range(_DOT_CHUNK, v.size, _DOT_CHUNK):
        chunk = v[i:i + _DOT_CHUNK]
        total += np.dot(chunk, chunk)
    return total


@dataclass(frozen=True)
class Histogram:
    edges: np.ndarray  # bins + 1
    counts: np.ndarray  # bins


def histogram(values: np.ndarray, bins: int = HIST_BINS) -> Histogram:
    v = values.ravel()
    lo, hi = float(v.min()), float(v.max())
    if not (np.isfinite(lo) and np.isfinite(hi)):
        v = v[np.isfinite(v)]
        if v.size == 0:
            return Histogram(np.linspace(-1.0, 1.0, bins + 1), np.zeros(bins, np.int64))
        lo, hi = float(v.min()), float(v.max())
    if hi <= lo:
        half = max(abs(lo) * 1e-3, 1e-12)
        lo, hi = lo - half, hi + half
    idx = ((v - lo) * (bins / (hi - lo))).astype(np.intp)
    np.minimum(idx, bins - 1, out=idx)
    return Histogram(np.linspace(lo, hi, bins + 1), np.bincount(idx, minlength=bins))


def log_magnitude_histogram(values: np.ndarray) -> Histogram:
    """Histogram of log10 |v| on :data:`LOG_GRAD_EDGES` (zeros fall in the first bin)."""
    edges = LOG_GRAD_EDGES
    bins = len(edges) - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log10(np.abs(values.ravel()))
    scale = bins / (edges[-1] - edges[0])
    idx = np.nan_to_num((logs - edges[0]) * scale, nan=bins - 1, posinf=bins - 1, neginf=0.0)
    idx = np.clip(idx, 0, bins - 1).astype(np.intp)
    return Histogram(edges, np.bincount(idx, minlength=bins))


@dataclass(frozen=True)
class LayerStats:
    """One parameterised layer at one moment of training."""

    path: str  # "layers.2" (weights-file prefix)
    label: str  # "2 dense 8 tanh"
    kind: str  # "dense" or "batchnorm"
    activation: str | None
    weight_hist: Histogram
    grad_hist: Histogram
    grad_log_hist: Histogram
    weight_norm: float
    grad_norm: float
    update_ratio: float  # ||delta W|| / ||W|| of the last step (NaN if unknown)
    act_mean: float
    act_std: float
    saturated: float  # fraction of sigmoid/tanh outputs near their limits (NaN if n/a)
    dead: float  # fraction of ReLU-family units that output <= 0 for the whole batch (NaN if n/a)
    weight: np.ndarray | None  # copy, for drawing the network (None if large)
    bias: np.ndarray | None
    weight_grad: np.ndarray | None  # copy of dL/dW (None if large)


def layer_stats(network, previous_flat: np.ndarray | None = None,
                copy_limit: int = 4096) -> list[LayerStats]:
    """Statistics for every dense and batch-norm layer after the last step.

    ``previous_flat`` is the parameter buffer before the last update, for the
    update-to-weight ratio.
    """
    out = []
    by_layer: dict[int, list] = {}
    for p in network.params:
        by_layer.setdefault(id(p.layer), []).append(p)
    for entry in network.entries:
        layer = entry.layer
        if not isinstance(layer, (Dense, BatchNorm)):
            continue
        w, g = layer.p["weight"], layer.g["weight"]
        params = by_layer[id(layer)]
        start = params[0].offset
        stop = params[-1].offset + params[-1].value.size
        w_all = network.flat[start:stop]
        g_all = network.flat_grad[start:stop]
        w_norm = float(np.sqrt(sum_of_squares(w_all)))
        g_norm = float(np.sqrt(sum_of_squares(g_all)))
        if previous_flat is not None:
            delta = w_all - previous_flat[start:stop]
            ratio = float(np.sqrt(sum_of_squares(delta))) / w_norm if w_norm > 0 else float("nan")
        else:
            ratio = float("nan")
        a = getattr(layer, "a", None)
        act_mean = act_std = saturated = dead = float("nan")
        activation = None
        if a is not None:
            act_mean, act_std = float(a.mean()), float(a.std())
            if isinstance(layer, Dense):
                activation = layer.activation.name
                mask = layer.activation.saturated(a)
                if mask is not None:
                    saturated = float(mask.mean())
                if layer.activation.family == "relu":
                    dead = float(np.mean(np.all(layer.z <= 0, axis=0)))
        small = w.size <= copy_limit
        out.append(LayerStats(
            entry.path, entry.label, layer.kind, activation,
            histogram(w), histogram(g), log_magnitude_histogram(g),
            w_norm, g_norm, ratio, act_mean, act_std, saturated, dead,
            w.copy() if small else None,
            layer.p["bias"].copy() if small and "bias" in layer.p else None,
            g.copy() if small else None,
        ))
    return out
