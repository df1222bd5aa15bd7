"""Moving averages of a noisy series: the simple moving average, the exponentially
weighted moving average (EMA) with and without bias correction, and the SGD momentum
buffer of :mod:`core.optimizers` stepped on the same series.

Momentum *is* an EMA of the gradients: ``torch.optim.SGD`` with ``momentum = β`` and
``dampening = β`` keeps ``buf = β·buf + (1 − β)·g``, the EMA formula
``v_t = β·v_{t−1} + (1 − β)·x_t``.  The one difference is the start: the EMA starts
from ``v_0 = 0`` (so its first values are dragged toward 0, which bias correction
``v_t / (1 − β^t)`` undoes), while PyTorch's buffer starts as a copy of the first
gradient (:func:`ema` with ``start="first"``).  :func:`momentum_buffer_series` runs the
engine's own :class:`~core.optimizers.SGD` so the two can be compared number for number.

Non-finite values in the series are missing: they leave the average unchanged, do not
count toward ``t`` and give NaN at their own position (a view draws them as gaps).
No Qt here.
"""

from __future__ import annotations

import numpy as np

from .optimizers import SGD
from .registry import ConfigError

__all__ = ["ema", "effective_window", "momentum_buffer_series", "random_walk", "sma"]


def _check_beta(beta) -> float:
    if isinstance(beta, bool) or not isinstance(beta, (int, float)) or not 0.0 <= float(beta) < 1.0:
        raise ConfigError(
            f"ema.beta: must be a number in [0, 1), got {beta!r}", "out_of_range", key="ema.beta", value=beta
        )
    return float(beta)


def _series(x) -> np.ndarray:
    x = np.asarray(x)
    if x.ndim != 1:
        raise ConfigError(f"ema.series: must be one-dimensional, got shape {x.shape}")
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    return x


def random_walk(
    n: int, seed: int = 0, start: float = 100.0, volatility: float = 0.02, drift: float = 0.0
) -> np.ndarray:
    """A price-like series of ``n`` values: ``start · exp(cumsum(drift + volatility · ε))``,
    ε standard normal from ``numpy.random.default_rng(seed)`` (float64)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ConfigError(f"ema.length: must be an integer >= 0, got {n!r}", "out_of_range", key="ema.length", value=n)
    steps = np.random.default_rng(seed).standard_normal(n) * volatility + drift
    return start * np.exp(np.cumsum(steps))


def effective_window(beta: float) -> float:
    """About how many of the last values an EMA with ``beta`` averages: ``1 / (1 − β)``."""
    return 1.0 / (1.0 - _check_beta(beta))


def sma(x, window: int) -> np.ndarray:
    """The trailing simple moving average: the mean of the last ``window`` values.

    NaN where fewer than ``window`` values exist yet, or where the window holds a
    non-finite value.  Same dtype as a floating ``x`` (float64 otherwise)."""
    x = _series(x)
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ConfigError(
            f"ema.window: must be an integer >= 1, got {window!r}", "out_of_range", key="ema.window", value=window
        )
    out = np.full(x.shape, np.nan, x.dtype)
    if len(x) >= window:
        clean = np.where(np.isfinite(x), x, np.nan)
        with np.errstate(invalid="ignore"):
            out[window - 1 :] = np.lib.stride_tricks.sliding_window_view(clean, window).mean(axis=1)
    return out


def ema(x, beta: float, bias_correction: bool = False, start: str = "zero") -> np.ndarray:
    """The exponentially weighted moving average ``v_t = β·v_{t−1} + (1 − β)·x_t``.

    ``start="zero"``: ``v_0 = 0``; with ``bias_correction`` the result is
    ``v_t / (1 − β^t)`` (t counts the finite values seen so far).
    ``start="first"``: ``v_1 = x_1``, as PyTorch's momentum buffer starts (bias
    correction does not apply and is refused).  Computed in the dtype of a floating
    ``x``, the operations in the order :class:`~core.optimizers.SGD` does them, so a
    float32 series gives the float32 buffer bit for bit.
    """
    beta = _check_beta(beta)
    x = _series(x)
    if start not in ("zero", "first"):
        raise ConfigError(f"ema.start: must be 'zero' or 'first', got {start!r}")
    if bias_correction and start != "zero":
        raise ConfigError("ema.bias_correction: applies only to an average that starts at 0 (start='zero')")
    keep = 1.0 - beta  # a Python float: float32 stays float32 under NumPy 2
    out = np.full(x.shape, np.nan, x.dtype)
    v = x.dtype.type(0.0)
    t = 0
    for i, value in enumerate(x):
        if not np.isfinite(value):
            continue
        t += 1
        if start == "first" and t == 1:
            v = value
        else:
            v = v * beta + value * keep
        out[i] = v / (1.0 - beta**t) if bias_correction else v
    return out


def momentum_buffer_series(x, beta: float, dampening: float | None = None) -> np.ndarray:
    """The engine's SGD ``momentum_buffer`` after each step on the gradients ``x``.

    One parameter, ``lr = 0`` (the weight does not move), ``momentum = beta`` and
    ``dampening = beta`` unless given: with those, the buffer is :func:`ema` with
    ``start="first"``.  Non-finite values are skipped (NaN at their position), as in
    :func:`ema`.
    """
    beta = _check_beta(beta)
    x = _series(x)
    out = np.full(x.shape, np.nan, x.dtype)
    if beta == 0.0:  # SGD keeps no buffer without momentum: the "buffer" is the gradient itself
        finite = np.isfinite(x)
        out[finite] = x[finite]
        return out
    flat, grad = np.zeros(1, x.dtype), np.zeros(1, x.dtype)
    sgd = SGD(flat, grad, lr=0.0, momentum=beta, dampening=beta if dampening is None else dampening)
    for i, value in enumerate(x):
        if not np.isfinite(value):
            continue
        grad[0] = value
        sgd.step()
        out[i] = sgd.state["momentum_buffer"][0]
    return out
