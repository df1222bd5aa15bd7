"""Per-layer statistics that make vanishing and exploding gradients visible.

Everything here reads the network's arrays and returns fresh, small objects
(already-binned histograms, norms, fractions) that a GUI can draw without
touching the trainer's arrays.  Histograms use ``bincount`` on precomputed bin
indices: several times cheaper than ``np.histogram`` on small arrays, which
matters because a snapshot is taken every few steps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .layers import BatchNorm, Dense

HIST_BINS = 30
#: fixed bin edges for log10 |gradient|: one scale for every layer, so a layer
#: whose gradients vanish sits visibly to the left of the others
LOG_GRAD_EDGES = np.linspace(-12.0, 3.0, 31)
_LOG_LO = LOG_GRAD_EDGES[0]
_LOG_SCALE = (len(LOG_GRAD_EDGES) - 1) / (LOG_GRAD_EDGES[-1] - LOG_GRAD_EDGES[0])


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


def layer_stats(network, tape=None, previous_flat: np.ndarray | None = None,
                copy_limit: int = 4096) -> list[LayerStats]:
    """Statistics for every dense and batch-norm layer after the last step.

    ``tape`` is the :class:`~core.network.Tape` of the pass whose activations are
    described (the last training batch; None: no activation statistics);
    ``previous_flat`` is the parameter buffer before the last update, for the
    update-to-weight ratio.

    The histograms of all layers are binned together (one ``bincount`` over
    every layer's weights and gradients), with the same arithmetic as
    :func:`histogram` and :func:`log_magnitude_histogram`, so the counts and
    edges are identical to binning each layer on its own.
    """
    layout = _layout(network)
    if not layout.layers:
        return []
    flat, n = network.flat, layout.n_weights
    values = layout.buffer  # every layer's weights, then every layer's weight gradients
    np.concatenate(layout.weight_views, out=values)
    # log10(0) for zero gradients; inf - inf, overflow and NaN only in the special cases
    # that _segment_histograms hands to histogram()
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        hists = _segment_histograms(values, layout.starts, layout.sizes, layout.bin_offset,
                                    layout.edge_steps)
        log_hists = _log_magnitude_histograms(values[n:], layout.bin_offset[:n], len(layout.layers))
    norm = layout.norm
    nan = float("nan")
    delta = None if previous_flat is None else flat - previous_flat
    n_layers = len(layout.layers)
    records = tape.entry_records() if tape is not None else None
    out = []
    for i, (path, label, layer, act, w_all, g_all, start, stop, w, g, bias, e) in enumerate(layout.layers):
        w_norm = norm(w_all)
        g_norm = norm(g_all)
        if delta is not None:
            ratio = norm(delta[start:stop]) / w_norm if w_norm > 0 else nan
        else:
            ratio = nan
        record = records[e] if records is not None else None
        a = record.a if record is not None else None
        act_mean = act_std = saturated = dead = nan
        activation = None
        if a is not None:
            act_mean, act_std = _mean_std(a)
            if act is not None:
                activation = act.name
                mask = act.saturated(a)
                if mask is not None:
                    saturated = np.count_nonzero(mask) / mask.size
                if act.family == "relu":
                    z = record.z
                    dead = np.count_nonzero(np.all(z <= 0, axis=0)) / z.shape[1]
        small = w.size <= copy_limit
        out.append(LayerStats(
            path, label, layer.kind, activation,
            hists[i], hists[n_layers + i], log_hists[i],
            w_norm, g_norm, ratio, act_mean, act_std, saturated, dead,
            w.copy() if small else None,
            bias.copy() if small and bias is not None else None,
            g.copy() if small else None,
        ))
    return out


class _Layout:
    """Where the dense and batch-norm layers' parameters sit in the network's flat
    buffers; built once per network (the buffers never move).  Holds a scratch
    buffer, so like the network itself it is used by one thread at a time."""

    def __init__(self, network):
        self.flat = network.flat
        by_layer: dict[int, list] = {}
        for p in network.params:
            by_layer.setdefault(id(p.layer), []).append(p)
        # per layer: path, label, layer, activation (dense) or None, all its parameters
        # and their gradients, where they start and stop, weight, its gradient, bias,
        # its index in network.entries (and in Tape.entry_records())
        self.layers = []
        weights, grads = [], []
        for e, entry in enumerate(network.entries):
            layer = entry.layer
            if not isinstance(layer, (Dense, BatchNorm)):
                continue
            params = by_layer[id(layer)]
            start, stop = params[0].offset, params[-1].offset + params[-1].value.size
            self.layers.append((
                entry.path, entry.label, layer, getattr(layer, "activation", None),
                network.flat[start:stop], network.flat_grad[start:stop], start, stop,
                layer.p["weight"], layer.g["weight"], layer.p.get("bias"), e,
            ))
            weights.append(layer.p["weight"].reshape(-1))  # views into the flat buffers
            grads.append(layer.g["weight"].reshape(-1))
            assert np.shares_memory(weights[-1], network.flat), "weights outside network.flat"
        self.weight_views = weights + grads
        sizes = np.array([w.size for w in weights], np.intp)
        self.n_weights = int(sizes.sum())
        # segments: the weights of each layer, then the weight gradients of each layer
        self.sizes = np.concatenate([sizes, sizes])
        self.starts = np.concatenate([[0], np.cumsum(self.sizes)[:-1]]).astype(np.intp)
        self.bin_offset = np.repeat(np.arange(len(self.sizes)) * HIST_BINS, self.sizes)
        self.buffer = np.empty(2 * self.n_weights, network.flat.dtype)
        self.edge_steps = np.arange(HIST_BINS + 1, dtype=np.float64)
        self.norm = _norm64 if network.flat.dtype == np.float64 else _norm


def _norm(v: np.ndarray) -> float:
    return float(np.sqrt(sum_of_squares(v)))


def _norm64(v: np.ndarray) -> float:
    """:func:`_norm` of a float64 vector, with fewer calls (IEEE square roots are
    correctly rounded, so math.sqrt gives what np.sqrt gives)."""
    return math.sqrt(np.dot(v, v) if v.size <= _DOT_CHUNK else sum_of_squares(v))


def _layout(network) -> _Layout:
    layout = getattr(network, "_stats_layout", None)
    if layout is None or layout.flat is not network.flat:
        layout = network._stats_layout = _Layout(network)
    return layout


def _segment_histograms(values: np.ndarray, starts: np.ndarray, sizes: np.ndarray,
                        bin_offset: np.ndarray, edge_steps: np.ndarray) -> list[Histogram]:
    """:func:`histogram` of each segment ``values[start:start + size]`` in one pass
    (call with invalid, overflow and divide warnings off); ``bin_offset`` is the
    segment number times the number of bins, per element; ``edge_steps`` is
    ``0, 1, ..., bins`` as floats.

    Segments that :func:`histogram` treats specially (non-finite values, a
    single value) are handed to it."""
    bins = len(edge_steps) - 1
    # histogram() works with Python floats
    lo = np.minimum.reduceat(values, starts).astype(np.float64, copy=False)
    hi = np.maximum.reduceat(values, starts).astype(np.float64, copy=False)
    span = hi - lo
    scale = bins / span
    # ordinary segments have 0 < scale < inf (NaN, infinities or a single value do not)
    special = not (np.minimum.reduce(scale) > 0 and math.isfinite(np.add.reduce(scale)))
    if special:
        bad = ~((scale > 0) & np.isfinite(scale))
        lo, hi = np.where(bad, 0.0, lo), np.where(bad, 1.0, hi)
        span = hi - lo
        scale = bins / span
    lo_each = np.repeat(lo.astype(values.dtype, copy=False), sizes)
    scale_each = np.repeat(scale.astype(values.dtype, copy=False), sizes)  # rounded as array * float
    idx = ((values - lo_each) * scale_each).astype(np.intp)
    if special:
        idx[np.repeat(bad, sizes)] = 0
    np.minimum(idx, bins - 1, out=idx)
    idx += bin_offset
    counts = np.bincount(idx, minlength=len(sizes) * bins).reshape(-1, bins)
    edges = np.multiply.outer(span / bins, edge_steps)  # np.linspace's arithmetic
    edges += lo[:, None]
    edges[:, -1] = hi
    out = [Histogram(e, c) for e, c in zip(edges, counts)]
    if special:
        for i in np.flatnonzero(bad):
            out[i] = histogram(values[starts[i]:starts[i] + sizes[i]], bins)
    return out


def _log_magnitude_histograms(values: np.ndarray, bin_offset: np.ndarray,
                              n_segments: int) -> list[Histogram]:
    """:func:`log_magnitude_histogram` of each segment (``bin_offset``: segment * bins;
    call with divide and invalid warnings off)."""
    bins = len(LOG_GRAD_EDGES) - 1
    logs = np.log10(np.abs(values))
    x = (logs - _LOG_LO) * _LOG_SCALE
    # = nan_to_num(x, nan=bins-1, posinf=bins-1, neginf=0) clipped to [0, bins-1]
    np.fmin(x, bins - 1, out=x)
    np.fmax(x, 0, out=x)
    idx = x.astype(np.intp)
    idx += bin_offset
    counts = np.bincount(idx, minlength=n_segments * bins).reshape(-1, bins)
    return [Histogram(LOG_GRAD_EDGES, c) for c in counts]


def _mean_std(a: np.ndarray) -> tuple[float, float]:
    """``float(a.mean()), float(a.std())`` with the same operations, one sum fewer."""
    if a.dtype == np.float64:  # Python floats divide and take roots as NumPy does
        n = a.size
        mean = float(np.add.reduce(a, axis=None)) / n
        d = a - mean
        np.multiply(d, d, out=d)
        return mean, math.sqrt(float(np.add.reduce(d, axis=None)) / n)
    n = np.intp(a.size)
    total = np.add.reduce(a, axis=None)
    mean = total.dtype.type(total / n)
    d = a - mean
    np.multiply(d, d, out=d)
    var = np.add.reduce(d, axis=None)
    var = var.dtype.type(var / n)
    return float(mean), float(np.sqrt(var))
