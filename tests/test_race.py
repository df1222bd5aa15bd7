"""The optimizer race's core: surfaces (gradients against finite differences) and
races (each path equals the engine's optimizer class stepped by hand)."""

from __future__ import annotations

import numpy as np
import pytest

from core.optimizers import make_optimizer
from core.race import Race, run_race
from core.registry import ConfigError
from core.surfaces import SURFACES, make_surface, surface_param

SPECS = [
    {"name": "sgd", "lr": 0.01},
    {"name": "sgd", "lr": 0.01, "momentum": 0.9},
    {"name": "sgd", "lr": 0.01, "momentum": 0.9, "nesterov": True},
    {"name": "adagrad", "lr": 0.5},
    {"name": "rmsprop", "lr": 0.05, "alpha": 0.9},
    {"name": "adam", "lr": 0.1, "betas": [0.8, 0.99]},
    {"name": "adamw", "lr": 0.1},
]


@pytest.mark.parametrize("key", SURFACES)
def test_gradient_matches_central_differences(key):
    s = make_surface(key)
    rng = np.random.default_rng(0)
    x = rng.uniform(*s.xrange, 50)
    y = rng.uniform(*s.yrange, 50)
    h = 1e-6
    gx, gy = s.grad(x, y)
    fx = (s.value(x + h, y) - s.value(x - h, y)) / (2 * h)
    fy = (s.value(x, y + h) - s.value(x, y - h)) / (2 * h)
    scale = 1.0 + np.abs(s.value(x, y))
    assert np.all(np.abs(gx - fx) <= 1e-5 * scale)
    assert np.all(np.abs(gy - fy) <= 1e-5 * scale)


@pytest.mark.parametrize("key", SURFACES)
def test_minima_are_stationary_with_the_stated_value(key):
    s = make_surface(key)
    values = [s.value(*m) for m in s.minima]
    assert min(values) == pytest.approx(s.f_min, abs=1e-9)
    for m in s.minima:
        assert np.hypot(*s.grad(*m)) < 1e-4
    xs, ys, z = s.grid(60)
    assert z.shape == (60, 60) and np.nanmin(z) >= s.f_min - 1e-9
    assert s.xrange[0] < s.start[0] < s.xrange[1] and s.yrange[0] < s.start[1] < s.yrange[1]


def test_the_bowls_condition_number_is_its_parameter():
    s = make_surface("bowl", 50.0)
    assert s.grad(1.0, 1.0) == (1.0, 50.0)
    assert surface_param("bowl").default == 20.0 and surface_param("saddle") is None


def test_bad_surface_input_names_the_field():
    with pytest.raises(ConfigError, match="surface: unknown surface 'nope'"):
        make_surface("nope")
    with pytest.raises(ConfigError, match=r"surface.condition: must be between 1 and 1000, got 0.5"):
        make_surface("bowl", 0.5)
    with pytest.raises(ConfigError, match="surface.condition: must be a number"):
        make_surface("bowl", "ten")
    with pytest.raises(ConfigError, match="race.noise"):
        Race(make_surface("bowl"), (0, 0), ["sgd"], noise=float("nan"))


def _by_hand(surface, start, spec, steps, noise=0.0, seed=0, index=0):
    flat = np.array(start, dtype=np.float64)
    grad = np.zeros(2)
    opt = make_optimizer(spec, flat, grad, [("xy", 0, (2,))])
    rng = np.random.default_rng([seed, index])
    points = [flat.copy()]
    for _ in range(steps):
        grad[:] = surface.grad(flat[0], flat[1])
        if noise:
            grad += rng.standard_normal(2) * noise
        opt.step()
        points.append(flat.copy())
    return np.array(points)


@pytest.mark.parametrize("key", ["bowl", "rosenbrock", "himmelblau", "two_minima"])
def test_each_path_equals_the_optimizer_class_stepped_by_hand(key):
    s = make_surface(key)
    start = (s.start[0] * 0.5, s.start[1] * 0.5)
    specs = SPECS if key != "rosenbrock" else [dict(sp, lr=sp["lr"] / 100) for sp in SPECS]
    runners = run_race(s, start, specs, 40)
    for i, (spec, runner) in enumerate(zip(specs, runners)):
        expected = _by_hand(s, start, spec, 40, index=i)
        assert runner.stopped is None
        np.testing.assert_array_equal(runner.positions, expected)
        np.testing.assert_array_equal(runner.losses, [s.value(x, y) for x, y in expected])


def test_stepping_in_pieces_equals_stepping_at_once():
    s = make_surface("beale")
    race = Race(s, s.start, SPECS)
    for n in (1, 7, 300):
        race.step(n)
    whole = run_race(s, s.start, SPECS, 308)
    for a, b in zip(race.runners, whole):
        np.testing.assert_array_equal(a.positions, b.positions)
    assert race.steps == 308


def test_gradient_noise_is_seeded_and_reproducible():
    s = make_surface("bowl")
    a = run_race(s, s.start, SPECS[:3], 50, noise=2.0, seed=7)
    b = run_race(s, s.start, SPECS[:3], 50, noise=2.0, seed=7)
    c = run_race(s, s.start, SPECS[:3], 50, noise=2.0, seed=8)
    clean = run_race(s, s.start, SPECS[:3], 50)
    for i in range(3):
        np.testing.assert_array_equal(a[i].positions, b[i].positions)
        assert not np.array_equal(a[i].positions, c[i].positions)
        assert not np.array_equal(a[i].positions, clean[i].positions)
        np.testing.assert_array_equal(a[i].positions, _by_hand(s, s.start, SPECS[i], 50, 2.0, 7, i))


def test_a_diverging_path_stops_cleanly_at_its_last_finite_point():
    s = make_surface("rosenbrock")
    race = Race(s, (-1.5, 2.0), [{"name": "sgd", "lr": 0.05}, {"name": "adam", "lr": 0.01}])
    race.step(200)
    bad, good = race.runners
    assert bad.stopped == "diverged" and 0 < bad.steps < 200
    assert np.all(np.isfinite(bad.positions)) and np.all(np.isfinite(bad.losses))
    np.testing.assert_array_equal(bad.flat, bad.positions[-1])
    assert good.stopped is None and good.steps == 200
    race.step(5)
    assert bad.steps == len(bad.positions) - 1 and good.steps == 205
    assert not race.finished


def test_a_start_off_the_surface_is_stopped_not_raised():
    s = make_surface("bowl")
    race = Race(s, (float("inf"), 0.0), ["sgd"])
    race.step(3)
    assert race.runners[0].stopped == "start" and race.runners[0].positions.shape == (0, 2)
    assert race.finished
