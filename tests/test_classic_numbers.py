"""Textbook numbers a learner can check with pencil and paper: one sigmoid unit,
a 2-2-1 sigmoid network traced through the chain rule, the weights-file shape
check, and the statistics of the weight initialisers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.initializers import default_init_name, make_initializer
from core.inspect import trace_example
from core.layers import Dense
from core.losses import LOSSES
from core.network import Network
from core.registry import ConfigError
from core.weights import load_weights, save_arrays


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


# ---------------------------------------------------------------- one sigmoid unit
def test_single_sigmoid_unit_derivative():
    """y = sigmoid(w x + b), x = 1, w = b = 0.5: dy/dw = s(1)(1 - s(1)) x = 0.1966."""
    layer = Dense(1, activation="sigmoid")
    layer.build(1, np.random.default_rng(0), np.float64, "layer")
    layer.p["weight"][...] = 0.5
    layer.p["bias"][...] = 0.5
    y, record = layer.forward(np.array([[1.0]]), training=True)
    layer.backward(record, np.ones((1, 1)))
    s = sigmoid(1.0)
    assert y[0, 0] == pytest.approx(s, rel=1e-15)
    assert round(float(layer.g["weight"][0, 0]), 4) == 0.1966
    assert layer.g["weight"][0, 0] == pytest.approx(s * (1.0 - s) * 1.0, rel=1e-15)
    assert layer.g["bias"][0] == pytest.approx(s * (1.0 - s), rel=1e-15)
    assert round(s, 4) == 0.7311


# ---------------------------------------------------------------- the 2-2-1 network by hand
W1 = [[1.0, 2.0], [0.0, 1.0]]
W2 = [[1.0, -1.0]]
X = [0.1, 0.8]
TARGET = 1.0


def hand_derivation() -> dict:
    """Forward and backward with the chain rule, one scalar at a time."""
    x1, x2 = X
    # forward, layer 1: z = W1 x (zero biases), a = sigmoid(z)
    z1 = [W1[0][0] * x1 + W1[0][1] * x2,  # 1 * 0.1 + 2 * 0.8 = 1.7
          W1[1][0] * x1 + W1[1][1] * x2]  # 0 * 0.1 + 1 * 0.8 = 0.8
    a1 = [sigmoid(z1[0]), sigmoid(z1[1])]
    # layer 2: one unit
    z2 = W2[0][0] * a1[0] + W2[0][1] * a1[1]
    a2 = sigmoid(z2)
    # MSE over one element: L = (a2 - t)^2
    loss = (a2 - TARGET) ** 2
    # backward
    dL_da2 = 2.0 * (a2 - TARGET)
    dL_dz2 = dL_da2 * a2 * (1.0 - a2)
    dL_dW2 = [[dL_dz2 * a1[0], dL_dz2 * a1[1]]]
    dL_db2 = [dL_dz2]
    dL_da1 = [dL_dz2 * W2[0][0], dL_dz2 * W2[0][1]]
    dL_dz1 = [dL_da1[0] * a1[0] * (1.0 - a1[0]), dL_da1[1] * a1[1] * (1.0 - a1[1])]
    dL_dW1 = [[dL_dz1[0] * x1, dL_dz1[0] * x2], [dL_dz1[1] * x1, dL_dz1[1] * x2]]
    dL_db1 = dL_dz1
    return {
        "z1": z1, "a1": a1, "z2": [z2], "a2": [a2], "loss": loss,
        "dL_da2": [dL_da2], "dL_dz2": [dL_dz2], "dL_dW2": dL_dW2, "dL_db2": dL_db2,
        "dL_da1": dL_da1, "dL_dz1": dL_dz1, "dL_dW1": dL_dW1, "dL_db1": dL_db1,
    }


def classic_network() -> Network:
    net = Network.from_spec([{"type": "dense", "units": 2, "activation": "sigmoid"},
                             {"type": "dense", "units": 1, "activation": "sigmoid"}],
                            2, np.random.default_rng(0))
    arrays = net.named_arrays()
    arrays["layers.0.weight"][...] = W1
    arrays["layers.0.bias"][...] = 0.0
    arrays["layers.1.weight"][...] = W2
    arrays["layers.1.bias"][...] = 0.0
    return net


def test_hand_derivation_numbers():
    h = hand_derivation()
    assert h["z1"] == pytest.approx([1.7, 0.8], rel=1e-15)
    assert h["a1"] == pytest.approx([0.845535, 0.689974], abs=1e-6)
    assert h["a2"][0] == pytest.approx(0.538811, abs=1e-6)
    assert h["loss"] == pytest.approx(0.212695, abs=1e-6)
    # the output is below its target: descending the gradient raises both second-layer
    # weights (a1 > 0) and moves each first-layer unit's weights with the sign of its w2
    assert h["dL_dz2"][0] < 0
    assert h["dL_dW2"][0][0] < 0 and h["dL_dW2"][0][1] < 0
    assert h["dL_dW1"][0][0] < 0 < h["dL_dW1"][1][0]


def test_two_two_one_network_against_the_chain_rule():
    h = hand_derivation()
    net = classic_network()
    loss = LOSSES["mse"]()
    x = np.array([X])
    target = np.array([[TARGET]])
    value, tape = net.forward_backward(x, target, loss)
    assert value == pytest.approx(h["loss"], rel=1e-14)
    arrays = {p.name: p.grad for p in net.params}
    np.testing.assert_allclose(arrays["layers.0.weight"], h["dL_dW1"], rtol=1e-14)
    np.testing.assert_allclose(arrays["layers.0.bias"], h["dL_db1"], rtol=1e-14)
    np.testing.assert_allclose(arrays["layers.1.weight"], h["dL_dW2"], rtol=1e-14)
    np.testing.assert_allclose(arrays["layers.1.bias"], h["dL_db2"], rtol=1e-14)
    l0, l1 = tape.records
    np.testing.assert_allclose(l0.z[0], h["z1"], rtol=1e-15)
    np.testing.assert_allclose(l0.a[0], h["a1"], rtol=1e-15)
    np.testing.assert_allclose(l1.z[0], h["z2"], rtol=1e-14)
    np.testing.assert_allclose(l1.a[0], h["a2"], rtol=1e-15)
    np.testing.assert_allclose(l0.grad_a[0], h["dL_da1"], rtol=1e-14)
    np.testing.assert_allclose(l0.grad_z[0], h["dL_dz1"], rtol=1e-14)
    np.testing.assert_allclose(l1.grad_a[0], h["dL_da2"], rtol=1e-14)
    np.testing.assert_allclose(l1.grad_z[0], h["dL_dz2"], rtol=1e-14)


def test_two_two_one_network_trace_example():
    h = hand_derivation()
    net = classic_network()
    net.flat_grad[...] = 7.0  # trace_example must leave the network's gradients alone
    trace = trace_example(net, LOSSES["mse"](), np.array(X), np.array([TARGET]))
    np.testing.assert_array_equal(net.flat_grad, 7.0)
    assert trace["loss"] == pytest.approx(h["loss"], rel=1e-14)
    np.testing.assert_allclose(trace["output"], h["a2"], rtol=1e-15)
    first, second = trace["layers"]
    assert (first.path, second.path) == ("layers.0", "layers.1")
    np.testing.assert_array_equal(first.x, X)
    expected = [
        (first, "z1", "a1", "dL_da1", "dL_dz1", "dL_dW1", "dL_db1"),
        (second, "z2", "a2", "dL_da2", "dL_dz2", "dL_dW2", "dL_db2"),
    ]
    for t, z, a, da, dz, dw, db in expected:
        np.testing.assert_allclose(t.z, h[z], rtol=1e-14, err_msg=t.path)
        np.testing.assert_allclose(t.a, h[a], rtol=1e-14, err_msg=t.path)
        np.testing.assert_allclose(t.grad_a, h[da], rtol=1e-14, err_msg=t.path)
        np.testing.assert_allclose(t.grad_z, h[dz], rtol=1e-14, err_msg=t.path)
        np.testing.assert_allclose(t.grad_weight, h[dw], rtol=1e-14, err_msg=t.path)
        np.testing.assert_allclose(t.grad_bias, h[db], rtol=1e-14, err_msg=t.path)
    np.testing.assert_allclose(second.x, h["a1"], rtol=1e-15)


def test_trace_example_fused_output_has_no_grad_a():
    """With BCE on a sigmoid output the loss reads z: dL/dz = a - t, no dL/da."""
    net = classic_network()
    trace = trace_example(net, LOSSES["bce"](), np.array(X), np.array([TARGET]))
    h = hand_derivation()
    last = trace["layers"][-1]
    assert last.grad_a is None
    assert last.grad_z[0] == pytest.approx(h["a2"][0] - TARGET, rel=1e-14)
    assert trace["loss"] == pytest.approx(-math.log(h["a2"][0]), rel=1e-14)


# ---------------------------------------------------------------- weights of the wrong shape
def test_wrong_shape_names_the_layer_and_both_shapes(tmp_path):
    net = classic_network()
    before = net.copy_arrays()
    arrays = net.copy_arrays()
    arrays["layers.0.weight"] = np.full((2, 2), 9.0)  # would be copied first, if copying began
    arrays["layers.1.weight"] = np.zeros((1, 1))
    with pytest.raises(ConfigError) as info:
        net.load_arrays(arrays)
    message = str(info.value)
    assert "layers.1.weight" in message and "layer 1" in message
    assert "(1, 1)" in message and "(1, 2)" in message
    for name, value in net.named_arrays().items():  # nothing was copied
        np.testing.assert_array_equal(value, before[name])

    path = tmp_path / "bad.npz"
    save_arrays(arrays, str(path))
    with pytest.raises(ConfigError) as info:
        load_weights(net, str(path))
    message = str(info.value)
    assert str(path) in message and "layer 1" in message
    assert "(1, 1)" in message and "(1, 2)" in message
    np.testing.assert_array_equal(net.named_arrays()["layers.0.weight"], W1)


def test_missing_and_unexpected_arrays_are_named():
    net = classic_network()
    arrays = net.copy_arrays()
    del arrays["layers.1.bias"]
    with pytest.raises(ConfigError, match=r"missing array 'layers.1.bias'.*layer 1"):
        net.load_arrays(arrays)
    arrays = net.copy_arrays()
    arrays["layers.2.weight"] = np.zeros((1, 1))
    with pytest.raises(ConfigError, match="unexpected array 'layers.2.weight'"):
        net.load_arrays(arrays)


# ---------------------------------------------------------------- initialisers
SHAPE = (300, 500)  # (out, in) as nn.Linear: fan_in 500, fan_out 300
FAN_IN, FAN_OUT = 500, 300

UNIFORM_BOUNDS = {
    "xavier_uniform": math.sqrt(6.0 / (FAN_IN + FAN_OUT)),
    "glorot_uniform": math.sqrt(6.0 / (FAN_IN + FAN_OUT)),
    "he_uniform": math.sqrt(3.0) * math.sqrt(2.0) / math.sqrt(FAN_IN),
    "kaiming_uniform": math.sqrt(6.0 / FAN_IN),
    "lecun_uniform": math.sqrt(3.0 / FAN_IN),
}
UNIFORM_SPECS = {
    "xavier_uniform_gain": ({"name": "xavier_uniform", "gain": 5 / 3},
                            5 / 3 * math.sqrt(6.0 / (FAN_IN + FAN_OUT))),
    "he_uniform_fan_out_leaky": ({"name": "he_uniform", "mode": "fan_out", "negative_slope": 0.2},
                                 math.sqrt(3.0) * math.sqrt(2.0 / 1.04) / math.sqrt(FAN_OUT)),
    "uniform": ({"name": "uniform", "a": 0.3}, 0.3),
}
NORMAL_STDS = {
    "xavier_normal": math.sqrt(2.0 / (FAN_IN + FAN_OUT)),
    "glorot_normal": math.sqrt(2.0 / (FAN_IN + FAN_OUT)),
    "he_normal": math.sqrt(2.0 / FAN_IN),
    "kaiming_normal": math.sqrt(2.0 / FAN_IN),
    "lecun_normal": math.sqrt(1.0 / FAN_IN),
}
NORMAL_SPECS = {
    "xavier_normal_gain": ({"name": "xavier_normal", "gain": 2.0}, 2.0 * math.sqrt(2.0 / 800)),
    "he_normal_fan_out": ({"name": "he_normal", "mode": "fan_out"}, math.sqrt(2.0 / FAN_OUT)),
    "he_normal_leaky": ({"name": "he_normal", "negative_slope": 0.5}, math.sqrt(2.0 / 1.25 / FAN_IN)),
    "normal": ({"name": "normal", "std": 0.2}, 0.2),
}


def _sample(spec, seed=0):
    w = make_initializer(spec)(SHAPE, np.random.default_rng(seed), np.float64)
    assert w.shape == SHAPE and w.dtype == np.float64
    return w


def _kurtosis(w):
    c = w - w.mean()
    return float(np.mean(c**4) / np.mean(c**2) ** 2)


@pytest.mark.parametrize("key", [*UNIFORM_BOUNDS, *UNIFORM_SPECS])
def test_uniform_initialisers(key):
    spec, bound = (key, UNIFORM_BOUNDS[key]) if key in UNIFORM_BOUNDS else UNIFORM_SPECS[key]
    w = _sample(spec)
    n = w.size
    assert np.max(np.abs(w)) <= bound
    assert np.max(w) > 0.999 * bound and np.min(w) < -0.999 * bound  # fills [-b, b]
    std = bound / math.sqrt(3.0)
    assert abs(w.mean()) < 4 * std / math.sqrt(n)
    assert w.std() == pytest.approx(std, rel=0.01)
    assert _kurtosis(w) == pytest.approx(1.8, abs=0.02)  # flat, not bell-shaped


@pytest.mark.parametrize("key", [*NORMAL_STDS, *NORMAL_SPECS])
def test_normal_initialisers(key):
    spec, std = (key, NORMAL_STDS[key]) if key in NORMAL_STDS else NORMAL_SPECS[key]
    w = _sample(spec)
    n = w.size
    assert abs(w.mean()) < 4 * std / math.sqrt(n)
    assert w.std() == pytest.approx(std, rel=0.01)
    assert _kurtosis(w) == pytest.approx(3.0, abs=0.05)
    assert np.max(np.abs(w)) > 4 * std  # unbounded tails (not truncated)


def test_constant_zero_and_defaults():
    np.testing.assert_array_equal(_sample("zeros"), 0.0)
    np.testing.assert_array_equal(_sample({"name": "constant", "value": 0.25}), 0.25)
    np.testing.assert_array_equal(_sample("he_normal", seed=3), _sample("kaiming_normal", seed=3))
    assert not np.array_equal(_sample("he_normal", seed=3), _sample("he_normal", seed=4))
    for act, init in [("relu", "he_uniform"), ("leaky_relu", "he_uniform"), ("elu", "he_uniform"),
                      ("tanh", "xavier_uniform"), ("sigmoid", "xavier_uniform"),
                      ("linear", "xavier_uniform")]:
        assert default_init_name(Dense(1, activation=act).activation) == init


@pytest.mark.parametrize("shape", [(4, 9), (9, 4), (6, 6), (1, 5), (5, 1)])
@pytest.mark.parametrize("gain", [1.0, 2.0])
def test_orthogonal(shape, gain):
    w = make_initializer({"name": "orthogonal", "gain": gain})(shape, np.random.default_rng(2))
    rows, cols = shape
    if rows <= cols:  # orthonormal rows
        np.testing.assert_allclose(w @ w.T, gain**2 * np.eye(rows), atol=1e-13)
    if rows >= cols:  # orthonormal columns
        np.testing.assert_allclose(w.T @ w, gain**2 * np.eye(cols), atol=1e-13)
    with pytest.raises(ConfigError, match="orthogonal"):
        make_initializer("orthogonal")((5,), np.random.default_rng(0))


@pytest.mark.parametrize("shape", [(4, 9), (9, 4), (6, 6)])
def test_orthogonal_is_torchs_construction(shape):
    """Given the same Gaussian matrix, torch.nn.init.orthogonal_'s steps (QR of the
    tall orientation, columns times the signs of diag(R)) give our matrix."""
    torch = pytest.importorskip("torch")
    rows, cols = shape
    ours = make_initializer("orthogonal")(shape, np.random.default_rng(6))
    flat = torch.tensor(np.random.default_rng(6).normal(0.0, 1.0, size=shape))
    if rows < cols:
        flat = flat.t()
    q, r = torch.linalg.qr(flat)
    q = q * torch.diag(r, 0).sign()
    if rows < cols:
        q = q.t()
    np.testing.assert_allclose(ours, q.numpy(), rtol=1e-12, atol=1e-14)


def test_initialisers_match_torch_init():
    """Same distribution as torch.nn.init's functions: range and spread of a large sample."""
    torch = pytest.importorskip("torch")
    init = torch.nn.init
    gen = torch.Generator().manual_seed(0)

    def torch_sample(fn, **kwargs):
        t = torch.empty(SHAPE, dtype=torch.float64)
        fn(t, generator=gen, **kwargs)
        return t.numpy()

    cases = [
        ("xavier_uniform", init.xavier_uniform_, {}),
        ({"name": "xavier_uniform", "gain": 5 / 3}, init.xavier_uniform_,
         {"gain": init.calculate_gain("tanh")}),
        ("xavier_normal", init.xavier_normal_, {}),
        ("he_uniform", init.kaiming_uniform_, {"nonlinearity": "relu"}),
        ("he_normal", init.kaiming_normal_, {"nonlinearity": "relu"}),
        ({"name": "he_uniform", "negative_slope": 0.2, "mode": "fan_out"}, init.kaiming_uniform_,
         {"a": 0.2, "mode": "fan_out", "nonlinearity": "leaky_relu"}),
        ("lecun_uniform", init.kaiming_uniform_, {"nonlinearity": "linear"}),
        ("lecun_normal", init.kaiming_normal_, {"nonlinearity": "linear"}),
    ]
    for spec, fn, kwargs in cases:
        ours = _sample(spec)
        theirs = torch_sample(fn, **kwargs)
        assert ours.std() == pytest.approx(theirs.std(), rel=0.01), spec
        assert np.max(np.abs(ours)) == pytest.approx(np.max(np.abs(theirs)), rel=0.15), spec
        assert _kurtosis(ours) == pytest.approx(_kurtosis(theirs), abs=0.06), spec
    assert init.calculate_gain("relu") == pytest.approx(math.sqrt(2.0))
    assert init.calculate_gain("leaky_relu", 0.2) == pytest.approx(math.sqrt(2.0 / 1.04))
