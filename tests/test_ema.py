"""core.ema: the SMA, the EMA with and without bias correction, and the engine's SGD
momentum buffer as that EMA (momentum = dampening = β)."""

from __future__ import annotations

import numpy as np
import pytest

from core.ema import effective_window, ema, momentum_buffer_series, random_walk, sma
from core.registry import ConfigError


def test_random_walk_is_seeded_positive_and_price_like():
    a, b = random_walk(300, seed=4), random_walk(300, seed=4)
    assert np.array_equal(a, b) and a.dtype == np.float64 and len(a) == 300
    assert np.all(a > 0) and not np.array_equal(a, random_walk(300, seed=5))


def test_ema_formula_by_hand():
    x = np.array([1.0, 2.0, 4.0, -3.0])
    beta = 0.9
    v, expect = 0.0, []
    for value in x:
        v = beta * v + (1 - beta) * value
        expect.append(v)
    np.testing.assert_allclose(ema(x, beta), expect, rtol=1e-15)
    corrected = [e / (1 - beta ** (t + 1)) for t, e in enumerate(expect)]
    np.testing.assert_allclose(ema(x, beta, bias_correction=True), corrected, rtol=1e-14)
    # bias correction fixes the start: the first corrected value is the first value
    assert ema(x, beta, bias_correction=True)[0] == pytest.approx(1.0)
    assert ema(x, beta)[0] == pytest.approx(0.1)  # v0 = 0 drags it toward 0


def test_ema_of_a_constant_and_its_window():
    x = np.full(200, 5.0)
    np.testing.assert_allclose(ema(x, 0.9, bias_correction=True), 5.0, rtol=1e-12)
    assert ema(x, 0.9)[9] == pytest.approx(5.0 * (1 - 0.9**10))
    assert effective_window(0.9) == pytest.approx(10.0)
    assert effective_window(0.99) == pytest.approx(100.0)
    assert ema(x, 0.0)[0] == 5.0  # beta = 0: no averaging


def test_sma_by_hand_and_missing_values():
    x = np.array([1.0, 2.0, 3.0, 4.0, np.nan, 6.0, 7.0, 8.0])
    out = sma(x, 3)
    assert np.isnan(out[:2]).all()
    np.testing.assert_allclose(out[2:4], [2.0, 3.0])
    assert np.isnan(out[4:7]).all()  # the window holds the missing value
    assert out[7] == pytest.approx(7.0)
    assert np.isnan(sma([1.0, 2.0], 5)).all() and sma([], 3).shape == (0,)


def test_ema_skips_missing_values():
    x = np.array([1.0, np.inf, 1.0, np.nan])
    out = ema(x, 0.5, bias_correction=True)
    assert out[0] == 1.0 and np.isnan(out[1]) and out[2] == 1.0 and np.isnan(out[3])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("beta", [0.5, 0.9, 0.99])
def test_ema_is_the_sgd_momentum_buffer(dtype, beta):
    """torch.optim.SGD(momentum=β, dampening=β) keeps the EMA of the gradients; its buffer
    starts at the first gradient, so it equals the EMA with start='first', bit for bit."""
    g = (np.random.default_rng(1).standard_normal(120) * 3 + 1).astype(dtype)
    buf = momentum_buffer_series(g, beta)
    avg = ema(g, beta, start="first")
    assert buf.dtype == avg.dtype == dtype
    assert np.array_equal(buf, avg)
    # after the start, both follow v_t = beta v_{t-1} + (1 - beta) x_t
    assert not np.array_equal(avg, ema(g, beta))


def test_bad_values_name_the_field():
    with pytest.raises(ConfigError, match="ema.beta"):
        ema([1.0], 1.0)
    with pytest.raises(ConfigError, match="ema.window"):
        sma([1.0], 0)
    with pytest.raises(ConfigError, match="ema.bias_correction"):
        ema([1.0], 0.9, bias_correction=True, start="first")
    with pytest.raises(ConfigError, match="ema.series"):
        ema(np.zeros((2, 2)), 0.9)
