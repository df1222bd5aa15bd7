"""Gradient flow (issue 9): per-layer norms of dL/da in the statistics, the factors
between layers, each activation's largest slope, and the pre-activation query."""

from __future__ import annotations

import dataclasses
import json
import math
import os

import numpy as np
import pytest

from core.activations import ACTIVATIONS, derivative, derivative_curve, make_activation
from core.gradient_flow import SATURATION, gradient_flow, preactivations, saturated_intervals
from core.queries import QUERIES
from core.trainer import Trainer

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "examples")
GRID = np.linspace(-40.0, 40.0, 200_001)  # step 4e-4, through 0

VARIANTS = [{"name": n} for n in ACTIVATIONS.names()] + [
    {"name": "leaky_relu", "negative_slope": 0.2},
    {"name": "leaky_relu", "negative_slope": 3.0},
    {"name": "elu", "alpha": 0.5},
    {"name": "elu", "alpha": 2.0},
    {"name": "gelu", "approximate": "tanh"},
    {"name": "softplus", "beta": 2.0},
    {"name": "prelu", "init": -1.5},
]


@pytest.mark.parametrize("spec", VARIANTS, ids=lambda s: "-".join(str(v) for v in s.values()))
def test_max_derivative_is_the_largest_slope(spec):
    act = make_activation(spec)
    _, d = derivative_curve(act, GRID)
    peak = float(np.max(np.abs(d)))
    # the attribute is the supremum: the grid reaches it (or, for ELU's alpha, comes within e^-1e-4)
    assert peak <= act.max_derivative * (1 + 1e-12)
    assert peak == pytest.approx(act.max_derivative, rel=2e-4, abs=1e-300)
    if act.peak_z is not None:
        _, at = derivative_curve(act, np.array([act.peak_z]))
        assert abs(at[0]) == pytest.approx(act.max_derivative, rel=1e-12)


def test_known_maxima():
    assert make_activation("sigmoid").max_derivative == 0.25
    assert make_activation("tanh").max_derivative == 1.0
    assert make_activation("relu").max_derivative == 1.0
    assert make_activation("step").max_derivative == 0.0
    gelu = make_activation("gelu")
    assert gelu.peak_z == pytest.approx(math.sqrt(2.0)) and gelu.max_derivative == pytest.approx(1.1289, abs=1e-4)
    silu = make_activation("silu")
    assert silu.peak_z == pytest.approx(2.3994, abs=1e-4) and silu.max_derivative == pytest.approx(1.0998, abs=1e-4)


def test_derivative_leaves_a_prelu_layer_alone():
    act = make_activation("prelu")
    act.build(3, np.float64)
    act.weight[...] = [0.1, 2.0, -0.5]
    act.grad_weight[...] = 7.0
    z = np.array([[-1.0, -1.0, -1.0], [1.0, 1.0, 1.0]])
    np.testing.assert_array_equal(derivative(act, z), [[0.1, 2.0, -0.5], [1.0, 1.0, 1.0]])
    assert np.all(act.grad_weight == 7.0)
    assert act.max_derivative == 2.0


def project(dtype="float64", layers=None, loss="bce"):
    return {
        "format": "backprop-lab/1",
        "seed": 3,
        "data": {"source": "xor", "samples": 40, "validation_split": 0.0},
        "network": {
            "layers": layers
            or [
                {"type": "dense", "units": 5, "activation": "tanh"},
                {"type": "dense", "units": 4, "activation": "sigmoid"},
                {"type": "dense", "units": 1, "activation": "sigmoid"},
            ]
        },
        "loss": loss,
        "optimizer": {"name": "sgd", "lr": 0.1},
        "training": {"batch_size": None, "shuffle": False, "dtype": dtype},
    }


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_norms_equal_the_hand_computed_chain_rule(dtype):
    t = Trainer(project(dtype))
    w = {k: v.astype(np.float64) for k, v in t.network.copy_arrays().items()}
    x, y = t.x_train.astype(np.float64), t.data.y_train.astype(np.float64).reshape(-1, 1)
    t.step()
    # forward and back by hand (whole training set, fused sigmoid + BCE: dL/dz = (p - y) / N)
    a0 = np.tanh(x @ w["layers.0.weight"].T + w["layers.0.bias"])
    a1 = sigmoid(a0 @ w["layers.1.weight"].T + w["layers.1.bias"])
    z2 = a1 @ w["layers.2.weight"].T + w["layers.2.bias"]
    g_z2 = (sigmoid(z2) - y) / len(x)
    g_a1 = g_z2 @ w["layers.2.weight"]
    g_a0 = (g_a1 * a1 * (1 - a1)) @ w["layers.1.weight"]
    want = [np.linalg.norm(g_a0), np.linalg.norm(g_a1), np.linalg.norm(g_z2)]
    snap = t.snapshot()
    flow = gradient_flow(snap.layers)
    rtol = 1e-12 if dtype == "float64" else 1e-5
    np.testing.assert_allclose(flow.norms, want, rtol=rtol)
    assert flow.output_is_z and [s.out_grad_is_z for s in snap.layers] == [False, False, True]
    # the norm is that of the tape's own array, in its own precision
    records = t.last_tape.entry_records()
    assert snap.layers[0].out_grad_norm == float(np.sqrt(np.dot(records[0].grad_a.ravel(), records[0].grad_a.ravel())))
    assert records[0].grad_a.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(flow.factors, flow.norms[:-1] / flow.norms[1:])
    np.testing.assert_array_equal(flow.max_derivatives, [1.0, 0.25, 0.25])
    # back from the fused output: W only (1), then the sigmoid of layer 1 (0.25)
    np.testing.assert_array_equal(flow.crossed, [0.25, 1.0])
    np.testing.assert_allclose(flow.envelope, [flow.norms[2] * 0.25, flow.norms[2], flow.norms[2]])


def test_unfused_output_reports_dl_da():
    t = Trainer(project(loss="mse"))
    t.step()
    record = t.last_tape.entry_records()[-1]
    last = t.snapshot().layers[-1]
    assert not last.out_grad_is_z
    assert last.out_grad_norm == pytest.approx(np.linalg.norm(record.grad_a), rel=1e-14)


def test_before_a_step_and_batch_norm_have_no_norm():
    t = Trainer(
        project(
            layers=[
                {"type": "dense", "units": 5, "activation": "relu"},
                {"type": "batchnorm"},
                {"type": "dense", "units": 1, "activation": "sigmoid"},
            ]
        )
    )
    flow = gradient_flow(t.snapshot().layers)
    assert np.all(np.isnan(flow.norms)) and np.all(np.isnan(flow.factors)) and np.all(np.isnan(flow.envelope))
    t.step()
    layers = t.snapshot().layers
    assert math.isnan(layers[1].out_grad_norm) and math.isnan(layers[1].max_derivative)
    flow = gradient_flow(layers)
    assert flow.paths == ["layers.0", "layers.2"] and np.all(flow.norms > 0)


def test_nan_inf_and_zero_norms_are_left_out():
    t = Trainer(project())
    t.step()
    layers = t.snapshot().layers
    nan, inf = float("nan"), float("inf")
    bad = [
        dataclasses.replace(layers[0], out_grad_norm=inf),
        dataclasses.replace(layers[1], out_grad_norm=0.0),
        layers[2],
    ]
    flow = gradient_flow(bad)
    assert math.isnan(flow.factors[0]) and flow.factors[1] == 0.0
    assert flow.nonfinite == 1
    bad = [layers[0], layers[1], dataclasses.replace(layers[2], out_grad_norm=nan)]
    flow = gradient_flow(bad)
    assert math.isnan(flow.factors[1]) and np.all(np.isnan(flow.envelope)) and flow.nonfinite == 1
    assert gradient_flow([]).norms.size == 0


def test_a_diverged_step_is_described_without_error():
    p = project()
    p["optimizer"]["lr"] = 1e300
    t = Trainer(p)
    with np.errstate(all="ignore"):
        for _ in range(4):
            try:
                t.step()
            except Exception:
                break
        flow = gradient_flow(t.snapshot().layers)
    assert len(flow.norms) == 3


def test_preactivations_are_the_evaluation_pass_and_change_nothing():
    path = os.path.join(EXAMPLES, "vanishing_sigmoid.json")
    with open(path, encoding="utf-8") as f:
        t = Trainer(json.load(f))
    for _ in range(3):
        t.step()
    before = t.snapshot().layers
    grads = t.network.flat_grad.copy()
    got = QUERIES["preactivations"][0](t)
    assert not QUERIES["preactivations"][1]
    np.testing.assert_array_equal(t.network.flat_grad, grads)
    after = t.snapshot().layers
    assert [s.out_grad_norm for s in before] == [s.out_grad_norm for s in after]
    assert [s.act_mean for s in before] == [s.act_mean for s in after]
    assert len(got) == 10 and got[0].rows == len(t.x_train)
    z = t.network.forward(t.x_train, training=False).entry_records()[4].z
    layer = got[4]
    assert layer.hist.counts.sum() == z.size and layer.lo == z.min() and layer.hi == z.max()
    assert layer.activation == {"name": "sigmoid"}
    d = z_sig = 1 / (1 + np.exp(-z))
    d = z_sig * (1 - z_sig)
    assert layer.saturated == np.count_nonzero(d < SATURATION * 0.25) / z.size


def test_preactivations_count_nonfinite_and_cap_rows():
    t = Trainer(
        project(
            layers=[
                {"type": "dense", "units": 3, "activation": "relu"},
                {"type": "dense", "units": 1, "activation": "sigmoid"},
            ]
        )
    )
    t.network.params[0].value[0, 0] = np.inf
    with np.errstate(all="ignore"):
        got = preactivations(t, rows=7)
    assert got[0].rows == 7 and got[0].hist.nonfinite > 0
    assert 0.0 <= got[0].saturated <= 1.0


def test_saturated_intervals():
    z = np.linspace(-5.0, 5.0, 1001)
    _, d = derivative_curve(make_activation("relu"), z)
    assert saturated_intervals(z, d, 1.0) == [(-5.0, 0.0)]
    _, d = derivative_curve(make_activation("tanh"), z)
    spans = saturated_intervals(z, d, 1.0)
    assert len(spans) == 2 and spans[0][0] == -5.0 and spans[1][1] == 5.0
    assert 1 - math.tanh(spans[1][0]) ** 2 < SATURATION <= 1 - math.tanh(spans[1][0] - 0.01) ** 2
    assert saturated_intervals(z, np.zeros_like(z), 0.0) == []
