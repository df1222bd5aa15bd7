"""Loss options: PyTorch's ``reduction`` ("mean", "sum") for every loss and mse's ½ factor.

Gradients against central differences (the tests/test_gradients.py check), the values
against the mean form (sum = n x mean; half = 0.5 x), float32 kept float32, and the
project file / configs round trip.  The torch comparison is in tests/golden
(``mse_sum``, ``mse_half_sum``, ``bce_sum``, ``cross_entropy_sum``...)."""

from __future__ import annotations

import numpy as np
import pytest

from core.losses import LOSSES, check_loss_spec, resolve_loss
from core.project import default_project, normalize_project
from core.registry import ConfigError
from tests.test_gradients import TOL, _loss_case, numeric_grad, rel_err

CASES = [
    ("mse", {"reduction": "sum"}),
    ("mse", {"half": True}),
    ("mse", {"reduction": "sum", "half": True}),
    ("mae", {"reduction": "sum"}),
    ("huber", {"reduction": "sum", "delta": 0.4}),
    ("bce", {"reduction": "sum"}),
    ("cross_entropy", {"reduction": "sum"}),
]


@pytest.mark.parametrize("name, config", CASES)
def test_gradient_matches_finite_differences(name, config):
    loss = LOSSES[name](**config)
    out, target = _loss_case(name, np.random.default_rng(21))
    value, grad = loss.value_and_grad(out, target)
    assert value == loss.value(out, target)
    assert rel_err(grad, numeric_grad(lambda: loss.value(out, target), out)) < TOL


@pytest.mark.parametrize("name, config", CASES)
def test_values_against_the_mean_form(name, config):
    out, target = _loss_case(name, np.random.default_rng(5))
    mean = LOSSES[name](**{k: v for k, v in config.items() if k not in ("reduction", "half")})
    loss = LOSSES[name](**config)
    count = len(out) if name == "cross_entropy" else out.size
    factor = (count if config.get("reduction") == "sum" else 1) * (0.5 if config.get("half") else 1)
    np.testing.assert_allclose(loss.value(out, target), factor * mean.value(out, target), rtol=1e-13)
    np.testing.assert_allclose(
        loss.value_and_grad(out, target)[1], factor * mean.value_and_grad(out, target)[1], rtol=1e-13
    )


def test_half_sum_is_the_course_formula():
    loss = LOSSES["mse"](reduction="sum", half=True)
    out, target = np.array([[0.8], [0.2]]), np.array([[0.5], [0.5]])
    value, grad = loss.value_and_grad(out, target)
    assert value == pytest.approx(0.5 * (0.3**2 + 0.3**2), abs=1e-15)
    np.testing.assert_allclose(grad, [[0.3], [-0.3]], atol=1e-15)  # y - t, no factor 2 and no 1/n


@pytest.mark.parametrize("config", [{}, {"reduction": "sum"}, {"half": True}, {"reduction": "sum", "half": True}])
def test_float32_stays_float32(config):
    loss = LOSSES["mse"](**config)
    out = np.array([[0.3, 0.1]], np.float32)
    value, grad = loss.value_and_grad(out, np.zeros_like(out))
    assert grad.dtype == np.float32 and isinstance(value, float)


def test_default_mean_is_bit_identical():
    out, target = _loss_case("mse", np.random.default_rng(3))
    value, grad = LOSSES["mse"]().value_and_grad(out, target)
    diff = out - target
    assert value == float(np.mean(diff * diff))
    assert np.array_equal(grad, diff * (2.0 / diff.size))


def test_project_file_spellings():
    assert LOSSES["mse"]().get_config() == "mse"
    assert LOSSES["mse"](reduction="sum", half=True).get_config() == {"name": "mse", "reduction": "sum", "half": True}
    assert LOSSES["huber"](delta=0.5).get_config() == {"name": "huber", "delta": 0.5}
    p = default_project()
    p["loss"] = {"name": "mse", "reduction": "sum", "half": True}
    assert normalize_project(p)["loss"] == p["loss"]
    p["loss"] = {"name": "auto", "reduction": "sum"}
    assert normalize_project(p)["loss"] == p["loss"]
    auto = resolve_loss(p["loss"], "classification", 1)
    assert auto.name == "bce" and auto.reduction == "sum"
    assert resolve_loss({"name": "auto", "reduction": "sum"}, "regression", 1).name == "mse"


@pytest.mark.parametrize(
    "spec, key",
    [
        ({"name": "mse", "reduction": "total"}, "loss.reduction"),
        ({"name": "mse", "half": 1}, "loss.half"),
        ({"name": "bce", "half": True}, "loss.half"),
        ({"name": "auto", "half": True}, "loss.half"),
    ],
)
def test_bad_options_are_named(spec, key):
    with pytest.raises(ConfigError) as err:
        check_loss_spec(spec)
    assert str(err.value).startswith(key + ":")
