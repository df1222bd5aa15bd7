"""Per-layer statistics that make vanishing and exploding gradients visible.

Everything here reads the network's arrays and returns fresh, small objects
(already-binned histograms, norms, fractions) that a GUI can draw without
touching the trainer's arrays.  Histograms use ``bincount`` on precomputed bin
indices: several times cheaper than ``np.histogram`` on small arrays, which
matters because a snapshot is taken every few steps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np

from .layers import BatchNorm, Dense

HIST_BINS = 30
#: the layer kinds :func:`layer_stats` describes (those with parameters)
STATS_KINDS = (Dense.kind, BatchNorm.kind)
#: fixed bin edges for log10 |gradient|: one scale for every layer, so a layer
#: whose gradients vanish sits visibly to the left of the others
LOG_GRAD_EDGES = np.linspace(-12.0, 3.0, 31)
_LOG_LO = LOG_GRAD_EDGES[0]
_LOG_SCALE = (len(LOG_GRAD_EDGES) - 1) / (LOG_GRAD_EDGES[-1] - LOG_GRAD_EDGES[0])
_FMAX = float(np.finfo(np.float64).max)


def _limit(dtype) -> float:
    """Largest range and bin scale for which ``(v - lo) * scale`` cannot overflow in
    ``dtype``: any finite float64 (v - lo <= span, rounding is monotonic); half the
    largest float of a narrower type (lo, span and scale are rounded to it)."""
    return _FMAX if dtype == np.float64 else 0.5 * float(np.finfo(dtype).max)


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
    """Counts of values in bins.  Values that cannot be binned are counted apart, so
    ``counts.sum() + nonfinite + zeros`` is the number of values described."""

    edges: np.ndarray  # bins + 1 edges, increasing
    counts: np.ndarray  # finite values per bin (int64)
    nonfinite: int = 0  # NaN or infinite values, in no bin
    zeros: int = 0  # log-magnitude histograms only: exact zeros (no logarithm), in no bin; else 0


def histogram(values: np.ndarray, bins: int = HIST_BINS) -> Histogram:
    """The finite values in ``bins`` equal bins from their smallest to their largest
    (widened around a single value); NaN and infinities counted in ``nonfinite``.
    Any finite values work, the largest floats too."""
    v = values.ravel()
    nonfinite = 0
    lo, hi = float(v.min()), float(v.max())
    if not (math.isfinite(lo) and math.isfinite(hi)):
        finite = np.isfinite(v)
        v = v[finite]
        nonfinite = int(finite.size - v.size)
        if v.size == 0:
            return Histogram(np.linspace(-1.0, 1.0, bins + 1), np.zeros(bins, np.int64), nonfinite)
        lo, hi = float(v.min()), float(v.max())
    if hi <= lo:
        half = max(abs(lo) * 1e-3, 1e-12)
        lo, hi = max(lo - half, -_FMAX), min(hi + half, _FMAX)
    span = hi - lo
    scale = bins / span
    limit = _limit(v.dtype)
    if span <= limit and 0.0 < scale <= limit:  # (v - lo) * scale cannot overflow
        idx = ((v - lo) * scale).astype(np.intp)
        np.minimum(idx, bins - 1, out=idx)
        edges = np.linspace(lo, hi, bins + 1)
    else:  # a range near the largest floats, or a tiny one: bin values scaled into [-1, 1]
        m = max(abs(lo), abs(hi))
        lo_n, hi_n = lo / m, hi / m
        x = (v.astype(np.float64) / m - lo_n) * (bins / (hi_n - lo_n))
        np.clip(x, 0, bins - 1, out=x)
        idx = x.astype(np.intp)
        t = np.arange(bins + 1) / bins
        edges = np.clip(lo * (1.0 - t) + hi * t, -_FMAX, _FMAX)  # no term overflows
        edges[0], edges[-1] = lo, hi
        np.maximum.accumulate(edges, out=edges)
    return Histogram(edges, np.bincount(idx, minlength=bins), nonfinite)


def log_magnitude_histogram(values: np.ndarray) -> Histogram:
    """Histogram of log10 |v| on :data:`LOG_GRAD_EDGES` (magnitudes below 1e-12 in the
    first bin, above 1e3 in the last); exact zeros counted in ``zeros``, NaN and
    infinities in ``nonfinite``."""
    edges = LOG_GRAD_EDGES
    bins = len(edges) - 1
    v = values.ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log10(np.abs(v))
    scale = bins / (edges[-1] - edges[0])
    zeros = int(np.count_nonzero(v == 0))
    finite = np.isfinite(v)
    nonfinite = int(finite.size - np.count_nonzero(finite))
    logs = logs[finite & (v != 0)] if zeros or nonfinite else logs
    idx = np.clip((logs - edges[0]) * scale, 0, bins - 1).astype(np.intp)
    return Histogram(edges, np.bincount(idx, minlength=bins), nonfinite, zeros)


@dataclass(frozen=True)
class LayerStats:
    """One parameterised (dense or batch-norm) layer after one training step.

    The histograms and the norms describe the same values: *all* of the layer's
    parameters (weights and biases, a PReLU's slopes, batch norm's scale and
    shift), or their gradients, as the last step left them (after clipping).
    The activation figures describe the last training batch's pass.
    """

    path: str  # weights-file prefix, "layers.2"
    label: str  # "2 dense 8 tanh"
    kind: str  # "dense" or "batchnorm"
    activation: str | None  # the dense layer's activation name (None for batch norm)
    weight_hist: Histogram  # the layer's parameter values
    grad_hist: Histogram  # their gradients
    grad_log_hist: Histogram  # log10 |gradient| on LOG_GRAD_EDGES; zeros and non-finite apart
    weight_norm: float  # L2 norm of the layer's parameters
    grad_norm: float  # L2 norm of their gradient (of the last step, after clipping)
    update_ratio: float  # ||delta parameters|| / ||parameters|| over the last step (NaN if not kept)
    act_mean: float  # mean of the layer's outputs over the last training batch (NaN before a step)
    act_std: float  # their standard deviation
    saturated: float  # fraction of sigmoid/tanh outputs near their limits (NaN if n/a)
    dead: float  # fraction of ReLU-family units that output <= 0 for the whole batch (NaN if n/a)
    weight: np.ndarray | None  # copy of the weight matrix, for drawing the network (None if large)
    bias: np.ndarray | None  # copy of the bias (None if large or absent)
    weight_grad: np.ndarray | None  # copy of dL/dW (None if large)
    act_nonfinite: int = 0  # outputs of the last training batch that are NaN or infinite
    #: a dense layer of several units whose weight rows and biases are all identical (a
    #: zero or constant initialisation): its units compute the same thing and stay equal
    identical_units: bool = False
    #: gradient flow (dense layers; NaN for batch norm and before a step): the L2 norm over the
    #: last training batch of dL/da, the gradient arriving at the layer's output, or of dL/dz
    #: for an output layer whose activation the loss reads fused (``out_grad_is_z``)
    out_grad_norm: float = float("nan")
    out_grad_is_z: bool = False
    max_derivative: float = float("nan")  # the activation's largest |f'| (core.activations)


def layer_stats(network, tape=None, previous_flat: np.ndarray | None = None,
                copy_limit: int = 4096) -> list[LayerStats]:
    """Statistics for every dense and batch-norm layer after the last step.

    ``tape`` is the :class:`~core.tape.Tape` of the pass whose activations are
    described (the last training batch; None: no activation statistics);
    ``previous_flat`` is the parameter buffer before the last update, for the
    update-to-weight ratio.

    The histograms of all layers are binned together (one ``bincount`` over
    every layer's parameters and gradients), with the same arithmetic as
    :func:`histogram` and :func:`log_magnitude_histogram`, so the counts and
    edges are identical to binning each layer on its own.  Any values work:
    huge, NaN or infinite ones are counted, never raise.
    """
    # log10(0) for zero gradients; overflow, inf - inf and NaN only for values that are
    # counted apart or handed to histogram()
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        return _layer_stats(network, tape, previous_flat, copy_limit)


def _fast(cls):
    """A constructor for the frozen dataclass ``cls`` taking every field positionally,
    that fills the instance's dict at once: a frozen dataclass's own ``__init__``
    sets each field through ``object.__setattr__``, which is most of what a
    snapshot of a small network costs.  The instances are the same."""
    names = [f.name for f in fields(cls)]
    new = object.__new__

    def make(*values):
        obj = new(cls)
        obj.__dict__.update(zip(names, values))
        return obj

    return make


_histogram = _fast(Histogram)
_layer_stats_record = _fast(LayerStats)


def _layer_stats(network, tape, previous_flat, copy_limit) -> list[LayerStats]:
    layout = _layout(network)
    if not layout.layers:
        return []
    flat, n = network.flat, layout.n_values
    values = layout.buffer  # every layer's parameters, then every layer's gradients
    np.concatenate(layout.views, out=values)
    norm = layout.norm
    n_layers = len(layout.layers)
    norms = [norm(v) for v in layout.views]  # every layer's parameters, then gradients
    g_norms = norms[n_layers:]
    hists = _segment_histograms(values, layout.starts, layout.sizes, layout.bin_offset,
                                layout.edge_steps, layout.limit)
    all_finite = sum(g_norms) <= _FMAX  # a NaN or inf gradient makes its norm one (huge norms: "no")
    log_hists = _log_magnitude_histograms(values[n:], layout.starts[:n_layers], layout.bin_offset[:n],
                                          n_layers, all_finite)
    nan = float("nan")
    delta = None if previous_flat is None else flat - previous_flat
    records = tape.entry_records() if tape is not None else None
    out = []
    for i, (path, label, layer, act, start, stop, w, g, bias, e) in enumerate(layout.layers):
        w_norm, g_norm = norms[i], g_norms[i]
        if delta is not None:
            ratio = norm(delta[start:stop]) / w_norm if w_norm > 0 else nan
        else:
            ratio = nan
        record = records[e] if records is not None else None
        a = record.a if record is not None else None
        act_mean = act_std = saturated = dead = out_grad_norm = nan
        act_nonfinite = 0
        out_grad_is_z = False
        if record is not None and act is not None:
            out_grad = record.grad_a
            if out_grad is None:
                out_grad, out_grad_is_z = record.grad_z, record.grad_z is not None
            if out_grad is not None:
                out_grad_norm = norm(out_grad.ravel())
        if a is not None:
            act_mean, act_std = _mean_std(a)
            if not -_FMAX <= act_mean <= _FMAX:
                act_nonfinite = int(a.size - np.count_nonzero(np.isfinite(a)))
            if act is not None:
                mask = act.saturated(a)
                if mask is not None:
                    saturated = np.count_nonzero(mask) / mask.size
                if act.family == "relu":
                    z = record.z
                    dead = np.count_nonzero(np.all(z <= 0, axis=0)) / z.shape[1]
        small = w.size <= copy_limit
        identical = act is not None and _identical_rows(w, bias)
        out.append(_layer_stats_record(
            path, label, layer.kind, None if act is None else act.name,
            hists[i], hists[n_layers + i], log_hists[i],
            w_norm, g_norm, ratio, act_mean, act_std, saturated, dead,
            w.copy() if small else None,
            bias.copy() if small and bias is not None else None,
            g.copy() if small else None,
            act_nonfinite,
            identical,
            out_grad_norm, out_grad_is_z,
            nan if act is None else float(act.max_derivative),
        ))
    return out


def _identical_rows(w: np.ndarray, bias: np.ndarray | None) -> bool:
    """True if a weight matrix of two or more rows has every row (and bias) equal;
    the first two rows are compared first, so a usual layer costs one row."""
    if w.ndim != 2 or w.shape[0] < 2 or not np.array_equal(w[0], w[1]):
        return False
    if bias is not None and not bool(np.all(bias == bias[0])):
        return False
    return bool(np.all(w == w[0]))


class _Layout:
    """Where the dense and batch-norm layers' parameters sit in the network's flat
    buffers; built once per network (the buffers never move).  Holds a scratch
    buffer, so like the network itself it is used by one thread at a time."""

    def __init__(self, network):
        self.flat = network.flat
        by_layer: dict[int, list] = {}
        for p in network.params:
            by_layer.setdefault(id(p.layer), []).append(p)
        # per layer: path, label, layer, activation (dense) or None, where its parameters
        # start and stop in the flat buffers, weight, its gradient, bias, its index in
        # network.entries (and in Tape.entry_records()); views: every layer's parameters,
        # then every layer's gradients (views into the flat buffers)
        self.layers = []
        params, grads = [], []
        for e, entry in enumerate(network.entries):
            layer = entry.layer
            if layer.kind not in STATS_KINDS:
                continue
            mine = by_layer[id(layer)]
            start, stop = mine[0].offset, mine[-1].offset + mine[-1].value.size
            w_all, g_all = network.flat[start:stop], network.flat_grad[start:stop]
            self.layers.append((
                entry.path, entry.label, layer, getattr(layer, "activation", None), start, stop,
                layer.p["weight"], layer.g["weight"], layer.p.get("bias"), e,
            ))
            params.append(w_all)
            grads.append(g_all)
        self.views = params + grads
        sizes = np.array([w.size for w in params], np.intp)
        self.n_values = int(sizes.sum())
        # segments: the parameters of each layer, then the gradients of each layer
        self.sizes = np.concatenate([sizes, sizes])
        self.starts = np.concatenate([[0], np.cumsum(self.sizes)[:-1]]).astype(np.intp)
        self.bin_offset = np.repeat(np.arange(len(self.sizes)) * HIST_BINS, self.sizes)
        self.buffer = np.empty(2 * self.n_values, network.flat.dtype)
        self.edge_steps = np.arange(HIST_BINS + 1, dtype=np.float64)
        self.limit = _limit(network.flat.dtype)  # see histogram()
        self.norm = _norm64 if network.flat.dtype == np.float64 else _norm


def _norm(v: np.ndarray) -> float:
    """L2 norm (call with overflow and invalid warnings off)."""
    value = float(np.sqrt(sum_of_squares(v)))
    return value if math.isfinite(value) else _large_norm(v, value)


def _norm64(v: np.ndarray) -> float:
    """:func:`_norm` of a float64 vector, with fewer calls (IEEE square roots are
    correctly rounded, so math.sqrt gives what np.sqrt gives)."""
    value = math.sqrt(np.dot(v, v) if v.size <= _DOT_CHUNK else sum_of_squares(v))
    return value if value <= _FMAX else _large_norm(v, value)  # (NaN fails the test too)


def _large_norm(v: np.ndarray, value: float) -> float:
    """The norm of finite values whose squares overflow (scaled by the largest),
    else ``value`` (NaN or infinity: ``v`` holds one)."""
    if not np.all(np.isfinite(v)):
        return value
    m = float(np.max(np.abs(v)))
    scaled = v.astype(np.float64) / m
    return m * math.sqrt(float(sum_of_squares(scaled)))


def _layout(network) -> _Layout:
    layout = getattr(network, "_stats_layout", None)
    if layout is None or layout.flat is not network.flat:
        layout = network._stats_layout = _Layout(network)
    return layout


def _segment_histograms(values: np.ndarray, starts: np.ndarray, sizes: np.ndarray,
                        bin_offset: np.ndarray, edge_steps: np.ndarray, limit: float) -> list[Histogram]:
    """:func:`histogram` of each segment ``values[start:start + size]`` in one pass
    (call with invalid, overflow and divide warnings off); ``bin_offset`` is the
    segment number times the number of bins, per element; ``edge_steps`` is
    ``0, 1, ..., bins`` as floats; ``limit`` is :func:`_limit` of the dtype.

    Segments that :func:`histogram` treats specially (non-finite values, a
    single value, a range near the largest floats) are handed to it."""
    bins = len(edge_steps) - 1
    # histogram() works with Python floats
    lo = np.minimum.reduceat(values, starts).astype(np.float64, copy=False)
    hi = np.maximum.reduceat(values, starts).astype(np.float64, copy=False)
    span = hi - lo
    scale = bins / span
    # ordinary segments have 0 < scale <= limit and span <= limit, as in histogram()
    # (NaN, infinities, a single value or a huge range do not; NaN fails every comparison)
    if limit == _FMAX:  # float64: finite spans and scales (an overflowed span gives scale 0)
        special = not (np.minimum.reduce(scale) > 0 and math.isfinite(np.add.reduce(scale)))
    else:
        special = not (np.minimum.reduce(scale) > 0 and np.maximum.reduce(scale) <= limit
                       and np.maximum.reduce(span) <= limit)
    if special:
        bad = ~((scale > 0) & (scale <= limit) & (span <= limit))
        lo, hi = np.where(bad, 0.0, lo), np.where(bad, 1.0, hi)
        span = hi - lo
        scale = bins / span
    lo_each = np.repeat(lo.astype(values.dtype, copy=False), sizes)
    scale_each = np.repeat(scale.astype(values.dtype, copy=False), sizes)  # rounded as array * float
    x = (values - lo_each) * scale_each
    if special:
        x[np.repeat(bad, sizes)] = 0
    idx = x.astype(np.intp)
    np.minimum(idx, bins - 1, out=idx)
    idx += bin_offset
    counts = np.bincount(idx, minlength=len(sizes) * bins).reshape(-1, bins)
    edges = np.multiply.outer(span / bins, edge_steps)  # np.linspace's arithmetic
    edges += lo[:, None]
    edges[:, -1] = hi
    out = [_histogram(e, c, 0, 0) for e, c in zip(edges, counts)]
    if special:
        for i in np.flatnonzero(bad):
            out[i] = histogram(values[starts[i]:starts[i] + sizes[i]], bins)
    return out


def _log_magnitude_histograms(values: np.ndarray, starts: np.ndarray, bin_offset: np.ndarray,
                              n_segments: int, all_finite: bool) -> list[Histogram]:
    """:func:`log_magnitude_histogram` of each segment (``starts``: where each begins;
    ``bin_offset``: segment * bins per element; ``all_finite``: no NaN or infinity
    anywhere, known from the norms; call with divide and invalid warnings off)."""
    bins = len(LOG_GRAD_EDGES) - 1
    logs = np.log10(np.abs(values))
    x = (logs - _LOG_LO) * _LOG_SCALE
    # = nan_to_num(x, nan=bins-1, posinf=bins-1, neginf=0) clipped to [0, bins-1]:
    # zeros land in the first bin and NaN or infinities in the last, taken out below
    np.fmin(x, bins - 1, out=x)
    np.fmax(x, 0, out=x)
    idx = x.astype(np.intp)
    idx += bin_offset
    counts = np.bincount(idx, minlength=n_segments * bins).reshape(-1, bins)
    ends = starts.tolist()[1:] + [len(values)]
    zeros = [0] * n_segments
    for i, first in enumerate(counts[:, 0].tolist()):
        if first:  # only a first bin that holds anything can hold zeros
            zeros[i] = z = int(np.count_nonzero(values[starts[i]:ends[i]] == 0))
            counts[i, 0] -= z
    nonfinite = [0] * n_segments
    if not all_finite:
        nonfinite = np.add.reduceat(~np.isfinite(values), starts, dtype=np.intp)
        counts[:, -1] -= nonfinite
        nonfinite = nonfinite.tolist()
    return [_histogram(LOG_GRAD_EDGES, c, b, z) for c, z, b in zip(counts, zeros, nonfinite)]


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
