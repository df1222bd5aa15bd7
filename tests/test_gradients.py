"""Finite-difference gradient checks (float64, central differences) for every
activation, layer and loss of the core, and for random architectures.

Each check compares the analytic gradient of every parameter tensor (and, for
single layers and losses, of the input) with ``(f(x + eps) - f(x - eps)) / 2eps``
and requires a relative error ``|g - n| / (|g| + |n|)`` (Euclidean norms per
tensor) below 1e-6.  Kinks (ReLU at 0, MAE at equality, softplus at its
threshold) are kept away from by construction and asserted.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.activations import ACTIVATIONS, make_activation
from core.inspect import gradient_check
from core.layers import BatchNorm, Dense, Dropout, build_layer
from core.losses import LOSSES
from core.network import Network

TOL = 1e-6
EPS = 1e-6
KINKED = ("relu", "leaky_relu", "prelu", "elu")  # elu: its second derivative jumps at 0


# ---------------------------------------------------------------- helpers
def rel_err(analytic: np.ndarray, numeric: np.ndarray) -> float:
    a, n = np.ravel(analytic), np.ravel(numeric)
    denom = max(np.linalg.norm(a) + np.linalg.norm(n), 1e-12)
    return float(np.linalg.norm(a - n) / denom)


def numeric_grad(f, x: np.ndarray, eps: float = EPS) -> np.ndarray:
    """Central differences of the scalar function ``f`` at ``x`` (x is restored)."""
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        plus = f()
        flat[i] = old - eps
        minus = f()
        flat[i] = old
        gflat[i] = (plus - minus) / (2 * eps)
    return grad


def network(specs, in_width, seed=0) -> Network:
    net = Network.from_spec(specs, in_width, np.random.default_rng(seed))
    net.set_rng(np.random.default_rng(seed + 1000))
    return net


def dense(units, activation="linear", **extra) -> dict:
    return {"type": "dense", "units": units, "activation": activation, **extra}


def check_network(net: Network, loss, x, target, training=True) -> list[dict]:
    """Gradient-check every parameter tensor; return the results."""
    results = gradient_check(net, loss, x, target, eps=EPS, training=training)
    assert [r["name"] for r in results] == [p.name for p in net.params]
    bad = {r["name"]: r["relative_error"] for r in results if not r["relative_error"] < TOL}
    assert not bad, f"relative errors above {TOL}: {bad}"
    return results


def check_network_fine(net: Network, loss, x, target, dropout_rng: np.random.Generator,
                       h: float = 1e-4) -> None:
    """Like :func:`check_network` with the fourth-order stencil
    ``(8[f(+h) - f(-h)] - [f(+2h) - f(-2h)]) / 12h``: its round-off is ~100 times
    smaller than plain central differences', so random networks whose gradients are
    small (saturated units) are still checked to 1e-6 (a tensor whose gradient is
    zero to 1e-9 on both sides passes).  Dropout masks are fixed by
    rewinding ``dropout_rng``; batch norm runs in training mode."""
    state = dropout_rng.bit_generator.state
    fused = net.is_fused(loss)

    def evaluate(need_grad: bool = False) -> float:
        dropout_rng.bit_generator.state = state
        tape = net.forward(x, training=True)
        value, grad = loss.value_and_grad(net.loss_input(tape, loss), target, need_grad)
        if need_grad:
            net.backward(tape, grad, fused)
        return value

    evaluate(True)
    analytic = net.flat_grad.copy()
    numeric = np.zeros_like(analytic)
    flat = net.flat
    for i in range(flat.size):
        old = flat[i]
        f = []
        for step in (h, -h, 2 * h, -2 * h):
            flat[i] = old + step
            f.append(evaluate())
        flat[i] = old
        numeric[i] = (8.0 * (f[0] - f[1]) - (f[2] - f[3])) / (12.0 * h)
    bad = {}
    for p in net.params:
        part = slice(p.offset, p.offset + p.value.size)
        err = rel_err(analytic[part], numeric[part])
        # a gradient that vanishes identically (terms cancelling exactly, e.g. MAE's
        # signs through linear layers) has no relative error: both sides are noise
        vanishes = max(np.linalg.norm(analytic[part]), np.linalg.norm(numeric[part])) < 1e-9
        if not (err < TOL or vanishes):
            bad[p.name] = err
    assert not bad, f"relative errors above {TOL}: {bad}"


def dense_records(net: Network, tape) -> list:
    """``(layer, record)`` of every dense layer in the pass ``tape``."""
    return [(e.layer, r) for e, r in zip(net.entries, tape.entry_records()) if isinstance(e.layer, Dense)]


def kink_margin(net: Network, tape) -> float:
    """Smallest |z| over the units of ReLU-like layers in the pass ``tape``."""
    margins = [np.min(np.abs(r.z)) for layer, r in dense_records(net, tape)
               if layer.activation.name in KINKED]
    return float(min(margins, default=np.inf))


def randomize(net: Network, rng: np.random.Generator, scale: float = 1.0) -> None:
    """Random values for every parameter (batch norm's scale kept away from 0)."""
    for p in net.params:
        if isinstance(p.layer, BatchNorm) and p.local == "weight":
            p.value[...] = rng.uniform(0.5, 1.5, p.value.shape)
        else:
            p.value[...] = rng.normal(0.0, scale, p.value.shape)


# ---------------------------------------------------------------- activations
ACTIVATION_SPECS = {
    "linear": "linear",
    "step": "step",
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "relu": "relu",
    "leaky_relu": {"name": "leaky_relu", "negative_slope": 0.1},
    "leaky_relu_default": "leaky_relu",
    "prelu": "prelu",
    "elu": "elu",
    "elu_alpha": {"name": "elu", "alpha": 0.7},
    "gelu": "gelu",
    "gelu_tanh": {"name": "gelu", "approximate": "tanh"},
    "silu": "silu",
    "swish": "swish",
    "softplus": "softplus",
    "softplus_beta": {"name": "softplus", "beta": 1.5},
    "softmax": "softmax",
}


def test_every_registered_activation_is_checked():
    names = {ACTIVATIONS.canonical(s if isinstance(s, str) else s["name"])
             for s in ACTIVATION_SPECS.values()}
    assert names == set(ACTIVATIONS)


@pytest.mark.parametrize("key", list(ACTIVATION_SPECS))
def test_activation_in_a_network(key):
    """Two layers with the activation, MSE on the output: checks the activation's
    derivative on the output layer and inside the network."""
    spec = ACTIVATION_SPECS[key]
    rng = np.random.default_rng(11)
    net = network([dense(4, spec, init={"name": "normal", "std": 1.0}),
                   dense(3, spec, init={"name": "normal", "std": 1.0})], 3, seed=5)
    randomize(net, rng)
    x = rng.normal(size=(6, 3))
    target = rng.normal(size=(6, 3))
    loss = LOSSES["mse"]()
    tape = net.forward(x, training=True)
    assert kink_margin(net, tape) > 1e-4  # a perturbation of 1e-6 moves z by less than 1e-5
    if key == "step":  # keep every z away from the jump at 0
        assert min(np.min(np.abs(r.z)) for _, r in dense_records(net, tape)) > 1e-4
    if key == "prelu":  # negative inputs on every unit, so every slope has a gradient
        for _, r in dense_records(net, tape):
            assert np.all(np.any(r.z < 0, axis=0))
        net.named_arrays()["layers.0.activation.weight"][...] = [0.1, 0.3, -0.2, 0.6]
    results = check_network(net, loss, x, target)
    by_name = {r["name"]: r for r in results}
    if key == "step":
        # the derivative is zero away from 0: no gradient reaches any parameter
        for r in results:
            np.testing.assert_array_equal(r["analytic"], 0.0)
            np.testing.assert_array_equal(r["numeric"], 0.0)
    else:
        assert np.linalg.norm(by_name["layers.0.weight"]["analytic"]) > 1e-3
    if key == "prelu":
        assert set(by_name) >= {"layers.0.activation.weight", "layers.1.activation.weight"}
        assert np.all(np.abs(by_name["layers.0.activation.weight"]["analytic"]) > 1e-6)


@pytest.mark.parametrize("key", [k for k in ACTIVATION_SPECS if k != "step"])
def test_activation_derivative_elementwise(key):
    """backward(z, a, g) against central differences of sum(g * forward(z)), wide range of z."""
    act = make_activation(ACTIVATION_SPECS[key])
    rng = np.random.default_rng(3)
    z = rng.normal(0.0, 3.0, size=(5, 4))
    if key in ("leaky_relu", "leaky_relu_default", "relu", "prelu", "elu", "elu_alpha"):
        z[np.abs(z) < 1e-3] = 0.5
    if act.name == "prelu":
        act.build(4, np.float64)
        act.weight[...] = [0.25, -0.1, 0.5, 1.5]
    g = rng.normal(size=z.shape)
    a = act.forward(z)
    analytic = act.backward(z, a, g)
    numeric = numeric_grad(lambda: float(np.sum(g * act.forward(z))), z)
    assert rel_err(analytic, numeric) < TOL
    if act.name == "prelu":
        grad_w = act.grad_weight.copy()
        numeric_w = numeric_grad(lambda: float(np.sum(g * act.forward(z))), act.weight)
        assert rel_err(grad_w, numeric_w) < TOL


def test_softplus_threshold_region():
    """Above ``threshold`` softplus is the identity (PyTorch); both regions are
    checked, with no z near the threshold, where PyTorch's rule jumps."""
    spec = {"name": "softplus", "beta": 2.0, "threshold": 1.0}
    rng = np.random.default_rng(2)
    net = network([dense(4, spec, init={"name": "normal", "std": 1.5}), dense(2, spec)], 3, seed=8)
    x = rng.normal(size=(8, 3))
    target = rng.normal(size=(8, 2))
    tape = net.forward(x, training=True)
    records = [r for _, r in dense_records(net, tape)]
    bz = np.concatenate([2.0 * r.z.ravel() for r in records])
    assert np.sum(bz > 1.0) >= 5 and np.sum(bz < 1.0) >= 5
    assert np.min(np.abs(bz - 1.0)) > 1e-3
    above = 2.0 * records[0].z > 1.0
    np.testing.assert_array_equal(records[0].a[above], records[0].z[above])
    check_network(net, LOSSES["mse"](), x, target)

    act = make_activation("softplus")  # default threshold 20: both sides of it
    z = np.array([[-30.0, -3.0, 0.5, 19.0, 21.0, 40.0]])
    g = np.ones_like(z)
    numeric = numeric_grad(lambda: float(np.sum(act.forward(z))), z)
    assert rel_err(act.backward(z, act.forward(z), g), numeric) < TOL
    assert act.forward(z)[0, -1] == 40.0 and act.backward(z, None, g)[0, -1] == 1.0


def test_activations_match_torch():
    """Forward and backward equal torch.nn's modules to float64 round-off."""
    torch = pytest.importorskip("torch")
    modules = {
        "linear": torch.nn.Identity(),
        "sigmoid": torch.nn.Sigmoid(),
        "tanh": torch.nn.Tanh(),
        "relu": torch.nn.ReLU(),
        "leaky_relu": torch.nn.LeakyReLU(0.1),
        "leaky_relu_default": torch.nn.LeakyReLU(),
        "elu": torch.nn.ELU(),
        "elu_alpha": torch.nn.ELU(alpha=0.7),
        "gelu": torch.nn.GELU(),
        "gelu_tanh": torch.nn.GELU(approximate="tanh"),
        "silu": torch.nn.SiLU(),
        "swish": torch.nn.SiLU(),
        "softplus": torch.nn.Softplus(),
        "softplus_beta": torch.nn.Softplus(beta=1.5),
        "softmax": torch.nn.Softmax(dim=1),
    }
    rng = np.random.default_rng(4)
    z = rng.normal(0.0, 4.0, size=(16, 5))
    z[0] = [-40.0, -25.0, 19.9, 25.0, 40.0]  # saturation and softplus' linear region
    z[z == 0] = 0.1
    g = rng.normal(size=z.shape)
    for key, module in modules.items():
        act = make_activation(ACTIVATION_SPECS[key])
        a = act.forward(z)
        ga = act.backward(z, a, g)
        tz = torch.tensor(z, requires_grad=True)
        ta = module(tz)
        ta.backward(torch.tensor(g))
        # tolerance: one ulp of a saturated forward value (tanh ~ 1) is relative 1e-11 in 1 - a^2
        np.testing.assert_allclose(a, ta.detach().numpy(), rtol=1e-14, atol=1e-15, err_msg=key)
        np.testing.assert_allclose(ga, tz.grad.numpy(), rtol=1e-12, atol=1e-14, err_msg=key)
    # step: torch.heaviside with value 0 at 0
    np.testing.assert_array_equal(make_activation("step").forward(z),
                                  torch.heaviside(torch.tensor(z), torch.tensor(0.0, dtype=torch.float64)).numpy())
    # PReLU with one learnable slope per unit
    act = make_activation("prelu")
    act.build(5, np.float64)
    act.weight[...] = [0.25, -0.1, 0.5, 1.5, 0.0]
    module = torch.nn.PReLU(num_parameters=5, dtype=torch.float64)
    with torch.no_grad():
        module.weight.copy_(torch.tensor(act.weight))
    tz = torch.tensor(z, requires_grad=True)
    ta = module(tz)
    ta.backward(torch.tensor(g))
    a = act.forward(z)
    np.testing.assert_allclose(a, ta.detach().numpy(), rtol=1e-15, atol=0)
    np.testing.assert_allclose(act.backward(z, a, g), tz.grad.numpy(), rtol=1e-15, atol=0)
    np.testing.assert_allclose(act.grad_weight, module.weight.grad.numpy(), rtol=1e-13, atol=1e-15)


# ---------------------------------------------------------------- losses
def _loss_case(name, rng, n=7, width=3):
    out = rng.normal(0.0, 2.0, size=(n, width))
    if name == "bce":
        out = out[:, :1]
        return out, (rng.random((n, 1)) < 0.5).astype(float)
    if name == "cross_entropy":
        return out, rng.integers(0, width, size=n)
    target = rng.normal(0.0, 2.0, size=(n, width))
    return out, target


LOSS_SPECS = {
    "mse": {},
    "mae": {},
    "huber": {},
    "huber_delta": {"delta": 0.4},
    "bce": {},
    "cross_entropy": {},
}


def test_every_registered_loss_is_checked():
    assert {k.removesuffix("_delta") for k in LOSS_SPECS} == set(LOSSES)


@pytest.mark.parametrize("key", list(LOSS_SPECS))
def test_loss_gradient(key):
    name = key.removesuffix("_delta")
    loss = LOSSES[name](**LOSS_SPECS[key])
    rng = np.random.default_rng(21)
    out, target = _loss_case(name, rng)
    if name in ("mae", "huber"):
        diff = out - target
        delta = LOSS_SPECS[key].get("delta", 1.0)
        assert np.min(np.abs(diff)) > 1e-3  # no |.| kink
        if name == "huber":  # both regions, no point at the seam
            assert np.any(np.abs(diff) < delta) and np.any(np.abs(diff) > delta)
            assert np.min(np.abs(np.abs(diff) - delta)) > 1e-3
    value, grad = loss.value_and_grad(out, target)
    assert value == loss.value(out, target)
    numeric = numeric_grad(lambda: loss.value(out, target), out)
    assert rel_err(grad, numeric) < TOL


def test_bce_soft_targets_and_extreme_logits():
    loss = LOSSES["bce"]()
    out = np.array([[-50.0], [-3.0], [0.2], [4.0], [60.0]])
    target = np.array([[0.2], [1.0], [0.5], [0.0], [0.9]])
    _, grad = loss.value_and_grad(out, target)
    assert rel_err(grad, numeric_grad(lambda: loss.value(out, target), out)) < TOL
    assert np.isfinite(loss.value(np.array([[1000.0], [-1000.0]]), np.array([[0.0], [1.0]])))


LOSS_NETWORKS = {
    # name: (loss, output activation, output units, fused?)
    "mse": ("mse", "linear", 2, False),
    "mse_sigmoid": ("mse", "sigmoid", 2, False),
    "mae": ("mae", "linear", 2, False),
    "huber": ({"name": "huber", "delta": 0.3}, "linear", 2, False),
    "bce_fused_sigmoid": ("bce", "sigmoid", 1, True),
    "bce_linear_output": ("bce", "linear", 1, False),
    "cross_entropy_fused_softmax": ("cross_entropy", "softmax", 3, True),
    "cross_entropy_linear_output": ("cross_entropy", "linear", 3, False),
}


@pytest.mark.parametrize("key", list(LOSS_NETWORKS))
def test_loss_in_a_network(key):
    spec, out_act, units, fused = LOSS_NETWORKS[key]
    name = spec if isinstance(spec, str) else spec["name"]
    loss = LOSSES[name](**({} if isinstance(spec, str) else {k: v for k, v in spec.items() if k != "name"}))
    rng = np.random.default_rng(31)
    net = network([dense(5, "tanh"), dense(units, out_act, init={"name": "normal", "std": 1.0})], 3)
    randomize(net, rng, 0.8)
    x = rng.normal(size=(8, 3))
    task = "regression" if name in ("mse", "mae", "huber") else "classification"
    y = rng.normal(size=(8, units)) if task == "regression" else rng.integers(0, max(units, 2), size=8)
    target = loss.prepare_targets(y, task, units, np.float64)
    assert net.is_fused(loss) is fused
    out = net.forward(x, training=True).output
    if name in ("mae", "huber"):
        diff = np.abs(out - target)
        assert np.min(diff) > 1e-3
        if name == "huber":
            assert np.min(np.abs(diff - 0.3)) > 1e-3 and np.any(diff < 0.3) and np.any(diff > 0.3)
    check_network(net, loss, x, target)


# ---------------------------------------------------------------- layers, in networks
def test_dense_with_and_without_bias():
    rng = np.random.default_rng(41)
    x = rng.normal(size=(6, 3))
    target = rng.normal(size=(6, 2))
    for bias in (True, False):
        net = network([dense(4, "tanh", bias=bias), dense(2, "linear", bias=bias)], 3)
        randomize(net, rng)
        names = [p.name for p in net.params]
        assert ("layers.0.bias" in names) is bias and ("layers.1.bias" in names) is bias
        check_network(net, LOSSES["mse"](), x, target)


def test_dropout_with_a_fixed_mask():
    rng = np.random.default_rng(42)
    net = network([dense(6, "tanh"), {"type": "dropout", "rate": 0.4}, dense(5, "sigmoid"),
                   {"type": "dropout", "rate": 0.2}, dense(2)], 3, seed=4)
    x = rng.normal(size=(7, 3))
    target = rng.normal(size=(7, 2))
    check_network(net, LOSSES["mse"](), x, target)
    tape = net.forward(x, training=True)
    mask = tape.records[1].mask
    assert np.any(mask == 0) and np.all((mask == 0) | (mask == 1 / 0.6))
    # dropped units reach the next layer as zeros
    assert np.all(tape.records[2].x[mask == 0] == 0)


def test_batchnorm_training_mode():
    rng = np.random.default_rng(43)
    net = network([{"type": "batchnorm"}, dense(5, "tanh"), {"type": "batchnorm", "momentum": 0.3},
                   dense(4, "relu", bias=False), {"type": "batchnorm", "eps": 1e-3}, dense(2)], 3)
    randomize(net, rng)
    x = rng.normal(1.0, 2.0, size=(6, 3))
    target = rng.normal(size=(6, 2))
    tape = net.forward(x, training=True)
    assert kink_margin(net, tape) > 1e-3
    before = {k: v.copy() for k, v in net.named_arrays().items() if "running" in k}
    check_network(net, LOSSES["mse"](), x, target, training=True)
    for k, v in before.items():  # gradient_check puts the running statistics back
        np.testing.assert_array_equal(net.named_arrays()[k], v)


def test_batchnorm_eval_mode():
    rng = np.random.default_rng(44)
    net = network([dense(5, "tanh"), {"type": "batchnorm"}, dense(3, "sigmoid"),
                   {"type": "batchnorm"}, dense(2)], 3)
    randomize(net, rng)
    for name, arr in net.named_arrays().items():
        if name.endswith("running_mean"):
            arr[...] = rng.normal(0.0, 0.5, arr.shape)
        elif name.endswith("running_var"):
            arr[...] = rng.uniform(0.3, 2.0, arr.shape)
    buffers = {k: v.copy() for k, v in net.named_arrays().items() if "running" in k}
    x = rng.normal(size=(4, 3))
    target = rng.normal(size=(4, 2))
    check_network(net, LOSSES["mse"](), x, target, training=False)
    for k, v in buffers.items():  # evaluation never touches the running statistics
        np.testing.assert_array_equal(net.named_arrays()[k], v)
    # evaluation works on a single row
    check_network(net, LOSSES["mse"](), x[:1], target[:1], training=False)


def test_residual_blocks_including_nested():
    rng = np.random.default_rng(45)
    specs = [
        dense(4, "tanh"),
        {"type": "residual", "layers": [dense(6, "sigmoid"), dense(4, "linear")]},
        {"type": "residual", "layers": [
            dense(5, "elu"),
            {"type": "residual", "layers": [dense(5, "tanh"), {"type": "batchnorm"}]},
            {"type": "dropout", "rate": 0.3},
            dense(4, "gelu"),
        ]},
        dense(2),
    ]
    net = network(specs, 3, seed=9)
    randomize(net, rng, 0.7)
    names = [p.name for p in net.params]
    assert "layers.2.layers.1.layers.0.weight" in names
    assert "layers.2.layers.1.layers.1.weight" in names
    x = rng.normal(size=(6, 3))
    target = rng.normal(size=(6, 2))
    check_network(net, LOSSES["mse"](), x, target)


# ---------------------------------------------------------------- layers, input gradients
LAYER_CASES = {
    "dense": (dense(4, "tanh"), True),
    "dense_no_bias": (dense(4, "sigmoid", bias=False), True),
    "dense_prelu": (dense(4, "prelu"), True),
    "dropout": ({"type": "dropout", "rate": 0.5}, True),
    "batchnorm_train": ({"type": "batchnorm"}, True),
    "batchnorm_eval": ({"type": "batchnorm"}, False),
    "residual": ({"type": "residual", "layers": [dense(5, "tanh"), dense(3)]}, True),
    "residual_nested": ({"type": "residual", "layers": [
        dense(3, "silu"), {"type": "residual", "layers": [{"type": "batchnorm"}, dense(3, "tanh")]},
        {"type": "dropout", "rate": 0.25}]}, True),
}


@pytest.mark.parametrize("key", list(LAYER_CASES))
def test_layer_input_and_parameter_gradients(key):
    """Every layer's ``backward`` against differences of sum(g * forward(x)), with
    respect to its input and to each of its own parameters."""
    spec, training = LAYER_CASES[key]
    rng = np.random.default_rng(51)
    layer = build_layer(spec, "layer")
    width = layer.build(3, np.random.default_rng(1), np.float64, "layer")
    x = rng.normal(size=(6, 3))
    g = rng.normal(size=(6, width))
    stack = [layer]
    while stack:
        current = stack.pop()
        stack.extend(current.children())
        for value in current.p.values():
            if isinstance(current, BatchNorm):
                value[...] = rng.uniform(0.5, 1.5, value.shape)
            else:
                value[...] = rng.normal(size=value.shape)
        if isinstance(current, BatchNorm) and not training:
            current.buffers["running_mean"][...] = rng.normal(size=width)
            current.buffers["running_var"][...] = rng.uniform(0.5, 2.0, width)

    records = []

    def f():
        layer.set_rng(np.random.default_rng(5))  # the same dropout mask every time
        out, record = layer.forward(x, training)
        records.append(record)
        return float(np.sum(g * out))

    f()
    record = records[0]
    grad_x = layer.backward(record, g)
    # parameter gradients from that same backward pass
    analytic = {}
    stack = [("", layer)]
    while stack:
        prefix, current = stack.pop()
        stack.extend((f"{prefix}{i}.", c) for i, c in enumerate(current.children()))
        for name in current.p:
            analytic[prefix + name] = (current.g[name].copy(), current.p[name])
    assert rel_err(grad_x, numeric_grad(f, x)) < TOL
    for name, (grad, value) in analytic.items():
        assert rel_err(grad, numeric_grad(f, value)) < TOL, name
    if isinstance(layer, Dropout):
        assert np.any(record.mask == 0) and np.any(record.mask != 0)


# ---------------------------------------------------------------- random architectures
HIDDEN_ACTIVATIONS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "gelu",
                      {"name": "gelu", "approximate": "tanh"}, "silu", "softplus", "softmax"]


HOMOGENEOUS = ("linear", "relu", "leaky_relu", "prelu")  # f(cz) = c f(z) for c > 0


@st.composite
def dense_spec(draw, units=None):
    units = units if units is not None else draw(st.integers(1, 4))
    act = draw(st.sampled_from(HIDDEN_ACTIVATIONS))
    if act == "softmax" and units == 1:  # a constant 1: no gradient at all
        act = "tanh"
    return dense(units, act)


@st.composite
def residual_spec(draw, width, nested_ok=True):
    inner = []
    if draw(st.booleans()):
        inner.append(draw(dense_spec()))
    if nested_ok and draw(st.integers(0, 3)) == 0:
        inner.append(dense(width, "tanh"))
        inner.append(draw(residual_spec(width, nested_ok=False)))
    if draw(st.booleans()):
        inner.append({"type": "dropout", "rate": 0.3})
    inner.append(draw(dense_spec(width)))
    return {"type": "residual", "layers": inner}


@st.composite
def architectures(draw):
    in_width = draw(st.integers(1, 3))
    width, prev, specs = in_width, None, []
    for _ in range(draw(st.integers(0, 4))):
        kinds = ["dense", "dense", "dropout", "residual"]
        # batch norm only first or right after a dense layer (not after a residual
        # block or dropout, which could hand it a bias it cancels exactly)
        if prev in (None, "dense"):
            kinds.append("batchnorm")
        kind = draw(st.sampled_from(kinds))
        if kind == "dense":
            spec = draw(dense_spec())
            width = spec["units"]
        elif kind == "dropout":
            spec = {"type": "dropout", "rate": draw(st.sampled_from([0.2, 0.5]))}
        elif kind == "batchnorm":
            if prev == "dense" and specs[-1]["activation"] in HOMOGENEOUS:
                # batch norm would cancel the dense layer's bias and the scale of its
                # weight rows: gradients exactly zero (for one input), no relative error
                specs[-1]["activation"] = "tanh"
            spec = {"type": "batchnorm"}
        else:
            spec = draw(residual_spec(width))
        specs.append(spec)
        prev = kind
    loss = draw(st.sampled_from(["mse", "mae", "huber", "bce", "cross_entropy"]))
    if loss == "bce":
        out = dense(1, draw(st.sampled_from(["sigmoid", "linear"])))
    elif loss == "cross_entropy":
        out = dense(draw(st.integers(2, 3)), draw(st.sampled_from(["softmax", "linear"])))
    elif loss == "mse":
        out = draw(dense_spec())
    else:
        out = dense(draw(st.integers(1, 3)), draw(st.sampled_from(["linear", "tanh"])))
    specs.append(out)
    return in_width, specs, loss, draw(st.integers(0, 2**16))


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(architectures())
def test_random_architectures(arch):
    in_width, specs, loss_name, seed = arch
    rng = np.random.default_rng(seed)
    net = network(specs, in_width, seed=seed)
    # weights away from 0: batch norm after a unit whose weights are ~0 divides by a
    # tiny spread, and the loss curves faster than any finite difference can follow
    for p in net.params:
        if isinstance(p.layer, Dense) and p.local == "weight":
            p.value[...] = rng.choice([-1.0, 1.0], p.value.shape) * rng.uniform(0.3, 1.0, p.value.shape)
        elif p.local == "bias":
            p.value[...] = rng.normal(0.0, 0.5, p.value.shape)
    loss = LOSSES[loss_name]()
    n = 5
    x = rng.normal(size=(n, in_width))
    width = net.out_width
    if loss_name in ("bce", "cross_entropy"):
        y = rng.integers(0, max(width, 2), size=n)
        target = loss.prepare_targets(y, "classification", width, np.float64)
    else:
        target = rng.normal(size=(n, width))
    # keep away from kinks: evaluate once with the mask the check will use
    dropout_rng = np.random.default_rng(seed + 1000)
    net.set_rng(dropout_rng)
    state = dropout_rng.bit_generator.state
    tape = net.forward(x, training=True)
    out = tape.output
    dropout_rng.bit_generator.state = state
    # (the stencil moves a parameter by up to 2e-4, z by a little more)
    assume(kink_margin(net, tape) > 1e-2)
    if loss_name == "mae":
        assume(np.min(np.abs(out - target)) > 1e-2)
    if loss_name == "huber":
        assume(np.min(np.abs(np.abs(out - target) - 1.0)) > 1e-2)
    # a tensor whose gradient is 1e-6 of the loss cannot be checked to 1e-6 relative
    # from differences of the loss in float64: such examples are ill-conditioned
    value = net.loss_and_grad(x, target, loss)
    dropout_rng.bit_generator.state = state
    norms = [np.linalg.norm(p.grad) for p in net.params]
    assume(all(n < 1e-12 or n > 1e-6 * (1.0 + value) for n in norms))
    check_network_fine(net, loss, x, target, dropout_rng)
