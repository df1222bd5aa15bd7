"""Why gradients vanish or explode, in numbers: the gradient flow along the depth
of the network and the pre-activations of each layer against its activation's slope.

:func:`gradient_flow` reads the statistics a snapshot already carries (one
norm of dL/da per dense layer, see :class:`core.stats.LayerStats`) and derives
the per-layer factor (how much the gradient's norm changes from one layer to
the one before it) and the envelope that the activations' largest slopes put on
it.  :func:`preactivations` runs the network in evaluation mode on some
training rows and bins each dense layer's pre-activations ``z``; it changes
nothing the training statistics describe.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .activations import derivative
from .layers import Dense
from .snapshot import chunk_rows, evenly_spaced
from .stats import Histogram, histogram

#: |f'(z)| below this fraction of the activation's largest slope counts as saturated (flat)
SATURATION = 0.01
#: training rows the pre-activation histograms describe at most (evenly spaced)
PREACTIVATION_ROWS = 1000
PREACTIVATION_BINS = 40


@dataclass(frozen=True)
class GradientFlow:
    """The gradient's norm along the dense layers, input side first.

    ``norms[i]``: ||dL/da|| at layer i's output over the last training batch
    (the output layer: ||dL/dz|| when ``output_is_z``); ``factors[i]`` =
    ``norms[i] / norms[i + 1]``, the change from one layer to the one before it
    going backwards (NaN where a norm is missing, zero or not finite);
    ``max_derivatives[i]``: layer i's activation's largest slope;
    ``crossed[i]``: the slope bound crossed going back from layer i + 1 to layer
    i (layer i + 1's activation; 1 for a fused output layer, whose gradient is
    already dL/dz); ``envelope[i]``: the last layer's norm times the product of
    the bounds crossed on the way back to layer i: what the activations alone
    would leave of it (the weights multiply in too, so it is a guide, not a bound).
    """

    paths: list
    labels: list
    activations: list
    norms: np.ndarray
    factors: np.ndarray
    max_derivatives: np.ndarray
    crossed: np.ndarray
    envelope: np.ndarray
    output_is_z: bool
    nonfinite: int  # norms that are NaN or infinite (a diverged step)


def _usable(v: float) -> bool:
    return 0.0 < v < math.inf


def gradient_flow(layers) -> GradientFlow:
    """The flow through the dense layers among ``layers`` (:class:`LayerStats` of a snapshot)."""
    dense = [s for s in layers if s.kind == Dense.kind]
    n = len(dense)
    norms = np.array([float(s.out_grad_norm) for s in dense], dtype=np.float64)
    peaks = np.array([float(s.max_derivative) for s in dense], dtype=np.float64)
    output_is_z = bool(dense and dense[-1].out_grad_is_z)
    nan = float("nan")
    factors = np.full(max(n - 1, 0), nan)
    for i in range(n - 1):
        lo, hi = norms[i], norms[i + 1]
        if _usable(hi) and 0.0 <= lo < math.inf:
            factors[i] = lo / hi
    crossed = np.full(max(n - 1, 0), nan)
    for i in range(n - 1):
        crossed[i] = 1.0 if (i + 1 == n - 1 and output_is_z) else peaks[i + 1]
    envelope = np.full(n, nan)
    if n and _usable(norms[-1]):
        envelope[-1] = norms[-1]
        for i in range(n - 2, -1, -1):
            envelope[i] = envelope[i + 1] * crossed[i]
    with np.errstate(invalid="ignore"):
        nonfinite = int(np.count_nonzero(np.isinf(norms)) + np.count_nonzero(np.isnan(norms)))
    return GradientFlow(
        [s.path for s in dense],
        [s.label for s in dense],
        [s.activation for s in dense],
        norms,
        factors,
        peaks,
        crossed,
        envelope,
        output_is_z,
        nonfinite,
    )


@dataclass(frozen=True)
class LayerPreactivations:
    """One dense layer's pre-activations ``z`` over some training rows (evaluation mode)."""

    path: str
    label: str
    activation: dict  # the activation's config ({"name": ..., parameters}); PReLU: its initial slope
    hist: Histogram  # z over all units and rows; NaN and infinities counted in ``hist.nonfinite``
    rows: int
    lo: float  # smallest and largest finite z (NaN if none)
    hi: float
    saturated: float  # fraction of finite z where |f'(z)| < SATURATION * max |f'| (NaN if the slope is 0)


def preactivations(trainer, rows: int | None = None, bins: int = PREACTIVATION_BINS) -> list[LayerPreactivations]:
    """Each dense layer's z for at most ``rows`` evenly spaced training rows, binned."""
    net = trainer.network
    x_all = trainer.x_train
    limit = PREACTIVATION_ROWS if rows is None else int(rows)
    x = x_all[evenly_spaced(len(x_all), limit)]
    x = x[: chunk_rows(net, len(x))] if len(x) else x  # one pass of bounded size
    if not len(x):
        return []
    records = net.forward(x, training=False).entry_records()
    out = []
    for e, record in zip(net.entries, records):
        layer = e.layer
        if not isinstance(layer, Dense):
            continue
        z = record.z
        act = layer.activation
        finite = np.isfinite(z)
        zf = z[finite]
        lo, hi = (float(zf.min()), float(zf.max())) if zf.size else (float("nan"), float("nan"))
        peak = float(act.max_derivative)
        saturated = float("nan")
        if zf.size and peak > 0 and math.isfinite(peak):
            with np.errstate(all="ignore"):
                d = np.abs(derivative(act, np.where(finite, z, 0.0)))
            saturated = float(np.count_nonzero((d < SATURATION * peak) & finite)) / zf.size
        with np.errstate(all="ignore"):
            hist = histogram(z, bins)
        out.append(LayerPreactivations(e.path, e.label, act.get_config(), hist, len(x), lo, hi, saturated))
    return out


def saturated_intervals(z: np.ndarray, d: np.ndarray, peak: float) -> list[tuple[float, float]]:
    """The stretches of the grid ``z`` where |d| < SATURATION * ``peak`` (flat parts),
    as (start, end) pairs; none when the slope is zero everywhere (``peak`` 0)."""
    if not (peak > 0 and math.isfinite(peak)) or len(z) == 0:
        return []
    flat = np.concatenate([[False], np.abs(d) < SATURATION * peak, [False]])
    changes = np.flatnonzero(np.diff(flat.astype(np.int8)))  # run starts, then one past their ends
    return [(float(z[s]), float(z[e - 1])) for s, e in zip(changes[::2], changes[1::2])]
