"""Optimizers, schedules and gradient clipping: updates derived by hand, and
against ``torch.optim`` / ``torch.optim.lr_scheduler`` / ``clip_grad_norm_`` in
float64; the full training step (loss, gradients, Adam update) against torch.

Hand derivations use plain Python floats on a one- or two-element parameter
with fixed gradients.  Torch comparisons are skipped when torch is missing.
"""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from core.network import Network
from core.optimizers import OPTIMIZERS, make_optimizer
from core.registry import ConfigError
from core.schedules import make_schedule
from core.trainer import Trainer

P0 = [1.0, -2.0]
GRADS = [[0.5, -1.0], [0.3, 0.2], [-0.4, 0.6]]
STATE_NAMES = {"momentum_buffer", "sum", "square_avg", "grad_avg", "exp_avg", "exp_avg_sq",
               "max_exp_avg_sq", "step"}


def run(name: str, hyper: dict, p0=P0, grads=GRADS):
    """Our optimizer on a flat parameter; returns the parameter after each step."""
    flat = np.array(p0, dtype=np.float64)
    flat_grad = np.zeros_like(flat)
    opt = OPTIMIZERS[name](flat, flat_grad, None, **hyper)
    history = []
    for g in grads:
        flat_grad[...] = g
        opt.step()
        history.append(flat.tolist())
    return history, opt


def assert_history(got, expected, rel=1e-14):
    for step, (g, e) in enumerate(zip(got, expected), start=1):
        assert g == pytest.approx(e, rel=rel, abs=1e-15), f"after step {step}"


# ---------------------------------------------------------------- SGD by hand
def test_sgd_plain_by_hand():
    got, _ = run("sgd", {"lr": 0.1})
    # p <- p - lr g
    expected = [[1.0 - 0.1 * 0.5, -2.0 + 0.1 * 1.0]]
    expected.append([expected[0][0] - 0.1 * 0.3, expected[0][1] - 0.1 * 0.2])
    expected.append([expected[1][0] + 0.1 * 0.4, expected[1][1] - 0.1 * 0.6])
    assert_history(got, expected)
    assert got[-1] == pytest.approx([0.96, -1.98], rel=1e-14)


def test_sgd_momentum_by_hand():
    got, opt = run("sgd", {"lr": 0.1, "momentum": 0.9}, p0=[1.0], grads=[[0.5], [0.3], [-0.4]])
    # buf_1 = g_1 (a copy, no dampening on the first step); buf_t = 0.9 buf + g_t
    b1 = 0.5
    p1 = 1.0 - 0.1 * b1  # 0.95
    b2 = 0.9 * b1 + 0.3  # 0.75
    p2 = p1 - 0.1 * b2  # 0.875
    b3 = 0.9 * b2 - 0.4  # 0.275
    p3 = p2 - 0.1 * b3  # 0.8475
    assert_history(got, [[p1], [p2], [p3]])
    assert p3 == pytest.approx(0.8475)
    assert opt.state["momentum_buffer"][0] == pytest.approx(b3, rel=1e-15)


def _sgd_reference(lr, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0):
    """PyTorch's SGD written out per element."""
    out, p, buf = [], list(P0), [None, None]
    for g in GRADS:
        for i in range(2):
            d = g[i] + weight_decay * p[i]
            if momentum != 0:
                if buf[i] is None:
                    buf[i] = d
                else:
                    buf[i] = momentum * buf[i] + (1.0 - dampening) * d
                d = d + momentum * buf[i] if nesterov else buf[i]
            p[i] = p[i] - lr * d
        out.append(list(p))
    return out


@pytest.mark.parametrize("hyper", [
    {"lr": 0.1, "momentum": 0.9, "dampening": 0.5},
    {"lr": 0.1, "momentum": 0.9, "dampening": 0.9},  # EMA form: v = 0.9 v + 0.1 g
    {"lr": 0.2, "momentum": 0.8, "nesterov": True},
    {"lr": 0.1, "weight_decay": 0.1},
    {"lr": 0.05, "momentum": 0.5, "dampening": 0.2, "weight_decay": 0.01},
    {"lr": 0.05, "momentum": 0.7, "nesterov": True, "weight_decay": 0.3},
], ids=["dampening", "ema", "nesterov", "weight_decay", "all", "nesterov_wd"])
def test_sgd_variants_by_hand(hyper):
    got, _ = run("sgd", hyper)
    assert_history(got, _sgd_reference(**hyper))


def test_sgd_nesterov_first_steps_written_out():
    got, _ = run("sgd", {"lr": 0.1, "momentum": 0.9, "nesterov": True}, p0=[1.0],
                 grads=[[0.5], [0.3], [-0.4]])
    # step 1: buf = 0.5, update g + 0.9 buf = 0.95; step 2: buf = 0.75, update 0.3 + 0.675
    assert got[0][0] == pytest.approx(1.0 - 0.1 * 0.95, rel=1e-15)
    assert got[1][0] == pytest.approx(1.0 - 0.095 - 0.1 * 0.975, rel=1e-15)
    assert got[2][0] == pytest.approx(0.8075 - 0.1 * (-0.4 + 0.9 * 0.275), rel=1e-15)


# ---------------------------------------------------------------- Adagrad by hand
@pytest.mark.parametrize("hyper", [
    {"lr": 0.1},
    {"lr": 0.1, "lr_decay": 0.5},
    {"lr": 0.1, "initial_accumulator_value": 0.3},
    {"lr": 0.1, "weight_decay": 0.2},
    {"lr": 0.3, "lr_decay": 0.1, "initial_accumulator_value": 0.1, "weight_decay": 0.05, "eps": 1e-3},
], ids=["plain", "lr_decay", "initial_accumulator", "weight_decay", "all"])
def test_adagrad_by_hand(hyper):
    lr, lr_decay = hyper["lr"], hyper.get("lr_decay", 0.0)
    wd, eps = hyper.get("weight_decay", 0.0), hyper.get("eps", 1e-10)
    acc0 = hyper.get("initial_accumulator_value", 0.0)
    p, acc, expected = list(P0), [acc0, acc0], []
    for t, g in enumerate(GRADS, start=1):
        clr = lr / (1.0 + (t - 1) * lr_decay)
        for i in range(2):
            d = g[i] + wd * p[i]
            acc[i] = acc[i] + d * d
            p[i] = p[i] - clr * d / (math.sqrt(acc[i]) + eps)
        expected.append(list(p))
    got, opt = run("adagrad", hyper)
    assert_history(got, expected)
    assert opt.state["sum"].tolist() == pytest.approx(acc, rel=1e-15)


def test_adagrad_first_step_is_lr_times_sign():
    got, _ = run("adagrad", {"lr": 0.1}, grads=GRADS[:1])
    # sum = g^2, so the first update is lr * g / (|g| + eps): lr times the sign
    assert got[0] == pytest.approx([1.0 - 0.1 * 0.5 / (0.5 + 1e-10), -2.0 + 0.1 * 1.0 / (1.0 + 1e-10)],
                                   rel=1e-15)
    assert got[0] == pytest.approx([0.9, -1.9], rel=1e-10)


# ---------------------------------------------------------------- RMSprop by hand
@pytest.mark.parametrize("hyper", [
    {"lr": 0.01},
    {"lr": 0.01, "alpha": 0.9},
    {"lr": 0.01, "momentum": 0.9},
    {"lr": 0.01, "centered": True},
    {"lr": 0.01, "weight_decay": 0.1},
    {"lr": 0.02, "alpha": 0.8, "momentum": 0.5, "centered": True, "weight_decay": 0.1, "eps": 1e-4},
], ids=["plain", "alpha", "momentum", "centered", "weight_decay", "all"])
def test_rmsprop_by_hand(hyper):
    lr, alpha, eps = hyper["lr"], hyper.get("alpha", 0.99), hyper.get("eps", 1e-8)
    wd, momentum, centered = hyper.get("weight_decay", 0.0), hyper.get("momentum", 0.0), \
        hyper.get("centered", False)
    p, sq, ga, buf, expected = list(P0), [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], []
    for g in GRADS:
        for i in range(2):
            d = g[i] + wd * p[i]
            sq[i] = alpha * sq[i] + (1.0 - alpha) * d * d
            if centered:
                ga[i] = alpha * ga[i] + (1.0 - alpha) * d
                avg = math.sqrt(sq[i] - ga[i] ** 2) + eps
            else:
                avg = math.sqrt(sq[i]) + eps
            if momentum > 0:
                buf[i] = momentum * buf[i] + d / avg
                p[i] = p[i] - lr * buf[i]
            else:
                p[i] = p[i] - lr * d / avg
        expected.append(list(p))
    got, opt = run("rmsprop", hyper)
    assert_history(got, expected, rel=1e-13)
    assert opt.state["square_avg"].tolist() == pytest.approx(sq, rel=1e-14)
    if centered:
        assert opt.state["grad_avg"].tolist() == pytest.approx(ga, rel=1e-14)


def test_rmsprop_first_step_written_out():
    got, _ = run("rmsprop", {"lr": 0.01}, p0=[1.0], grads=[[0.5]])
    # square_avg = 0.01 * 0.25, so the step is 0.01 * 0.5 / (0.05 + 1e-8)
    assert got[0][0] == pytest.approx(1.0 - 0.01 * 0.5 / (math.sqrt(0.0025) + 1e-8), rel=1e-15)


# ---------------------------------------------------------------- Adam / AdamW by hand
def _adam_reference(lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False,
                    decoupled=False):
    b1, b2 = betas
    p, m, v, vmax, out = list(P0), [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], []
    for t, g in enumerate(GRADS, start=1):
        for i in range(2):
            if decoupled:
                p[i] = p[i] * (1.0 - lr * weight_decay)
                d = g[i]
            else:
                d = g[i] + weight_decay * p[i]
            m[i] = b1 * m[i] + (1.0 - b1) * d
            v[i] = b2 * v[i] + (1.0 - b2) * d * d
            vmax[i] = max(vmax[i], v[i])
            m_hat = m[i] / (1.0 - b1**t)
            v_hat = (vmax[i] if amsgrad else v[i]) / (1.0 - b2**t)
            p[i] = p[i] - lr * m_hat / (math.sqrt(v_hat) + eps)
        out.append(list(p))
    return out, m, v, vmax


ADAM_CASES = [
    ("adam", {"lr": 0.1}),
    ("adam", {"lr": 0.1, "betas": [0.5, 0.9]}),
    ("adam", {"lr": 0.1, "weight_decay": 0.1}),
    ("adam", {"lr": 0.1, "amsgrad": True}),
    ("adam", {"lr": 0.05, "betas": [0.8, 0.7], "eps": 1e-3, "weight_decay": 0.2, "amsgrad": True}),
    ("adamw", {"lr": 0.1}),
    ("adamw", {"lr": 0.1, "weight_decay": 0.3}),
    ("adamw", {"lr": 0.05, "betas": [0.8, 0.7], "weight_decay": 0.2, "amsgrad": True}),
]


@pytest.mark.parametrize("name,hyper", ADAM_CASES,
                         ids=["plain", "betas", "weight_decay", "amsgrad", "adam_all",
                              "adamw", "adamw_wd", "adamw_all"])
def test_adam_by_hand(name, hyper):
    ref = dict(hyper)
    if name == "adamw":
        ref.setdefault("weight_decay", 1e-2)  # AdamW's default, as torch.optim.AdamW
        ref["decoupled"] = True
    expected, m, v, vmax = _adam_reference(**ref)
    got, opt = run(name, hyper)
    assert_history(got, expected, rel=1e-13)
    assert opt.state["exp_avg"].tolist() == pytest.approx(m, rel=1e-14)
    assert opt.state["exp_avg_sq"].tolist() == pytest.approx(v, rel=1e-14)
    if ref.get("amsgrad"):
        assert opt.state["max_exp_avg_sq"].tolist() == pytest.approx(vmax, rel=1e-14)
    else:
        assert "max_exp_avg_sq" not in opt.state


def test_adam_first_step_is_lr_times_sign():
    got, _ = run("adam", {"lr": 0.1}, grads=GRADS[:1])
    # m_hat = g and v_hat = g^2 after bias correction: the step is lr g / (|g| + eps)
    assert got[0] == pytest.approx([1.0 - 0.1 * 0.5 / (0.5 + 1e-8), -2.0 + 0.1 * 1.0 / (1.0 + 1e-8)],
                                   rel=1e-14)
    assert got[0] == pytest.approx([0.9, -1.9], rel=1e-8)


def test_adamw_decay_is_decoupled():
    """With a zero gradient Adam's L2 term still moves the moments; AdamW only shrinks."""
    got, opt = run("adamw", {"lr": 0.1, "weight_decay": 0.5}, grads=[[0.0, 0.0]] * 3)
    assert got[-1] == pytest.approx([1.0 * 0.95**3, -2.0 * 0.95**3], rel=1e-15)
    assert not np.any(opt.state["exp_avg"])
    got, opt = run("adam", {"lr": 0.1, "weight_decay": 0.5}, grads=[[0.0, 0.0]])
    assert opt.state["exp_avg"].tolist() == pytest.approx([0.1 * 0.5 * 1.0, 0.1 * 0.5 * -2.0])


# ---------------------------------------------------------------- live hyper-parameters
@pytest.mark.parametrize("name", ["sgd", "adagrad", "rmsprop", "adam", "adamw"])
def test_lr_change_is_used_by_the_next_step(name):
    base = {"lr": 0.1}
    # two optimizers in the same state after one step; the second step with lr 0.1 or 0.5
    (after_one,), opt_a = run(name, base, grads=GRADS[:1])
    _, opt_b = run(name, base, grads=GRADS[:1])
    flat = np.array(after_one)
    opt_b.set("lr", 0.5)
    assert opt_b.group["lr"] == 0.5
    for opt in (opt_a, opt_b):
        opt.flat_grad[...] = GRADS[1]
        opt.step()
    delta_a = opt_a.flat - flat
    delta_b = opt_b.flat - flat
    if name == "adamw":  # the decoupled decay also scales with lr
        np.testing.assert_allclose(delta_b, 5 * delta_a, rtol=1e-12)
    else:
        np.testing.assert_allclose(delta_b, 5 * delta_a, rtol=1e-13)


def test_momentum_and_weight_decay_changes_are_used_by_the_next_step():
    _, opt = run("sgd", {"lr": 0.1, "momentum": 0.9}, p0=[1.0], grads=[[0.5]])
    opt.set("momentum", 0.5)
    opt.set("weight_decay", 0.1)
    p1 = 1.0 - 0.1 * 0.5
    opt.flat_grad[...] = 0.3
    opt.step()
    buf = 0.5 * 0.5 + (0.3 + 0.1 * p1)
    assert opt.flat[0] == pytest.approx(p1 - 0.1 * buf, rel=1e-15)

    _, opt = run("adam", {"lr": 0.1}, grads=GRADS[:2])
    opt.set("betas", [0.5, 0.6])
    opt.set("amsgrad", True)
    assert opt.group["betas"] == (0.5, 0.6)
    before_m = opt.state["exp_avg"].copy()
    opt.flat_grad[...] = GRADS[2]
    opt.step()
    np.testing.assert_allclose(opt.state["exp_avg"], 0.5 * before_m + 0.5 * np.array(GRADS[2]),
                               rtol=1e-15)


def test_rejected_change_leaves_the_optimizer_unchanged():
    _, opt = run("sgd", {"lr": 0.1, "momentum": 0.9, "nesterov": True}, grads=GRADS[:1])
    group = dict(opt.group)
    with pytest.raises(ConfigError, match="nesterov"):
        opt.set("dampening", 0.5)
    with pytest.raises(ConfigError, match="optimizer.lr"):
        opt.set("lr", -1.0)
    with pytest.raises(ConfigError, match="optimizer.betas"):
        opt.set("betas", [0.9, 0.99])
    assert opt.group == group


# ---------------------------------------------------------------- state
ALL_CONFIGS = [
    ("sgd", {"lr": 0.1}),
    ("sgd", {"lr": 0.1, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
    ("sgd", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    ("adagrad", {"lr": 0.1, "lr_decay": 0.05, "initial_accumulator_value": 0.1, "weight_decay": 0.01}),
    ("rmsprop", {"lr": 0.01}),
    ("rmsprop", {"lr": 0.01, "momentum": 0.9, "centered": True, "weight_decay": 0.01}),
    ("adam", {"lr": 0.01}),
    ("adam", {"lr": 0.01, "betas": [0.8, 0.9], "weight_decay": 0.1, "amsgrad": True}),
    ("adamw", {"lr": 0.01}),
    ("adamw", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}),
]
CONFIG_IDS = ["sgd", "sgd_momentum", "sgd_nesterov", "adagrad", "rmsprop", "rmsprop_all",
              "adam", "adam_all", "adamw", "adamw_all"]
SHAPES = [("layers.0.weight", (3, 4)), ("layers.0.bias", (3,)), ("layers.1.weight", (2, 3))]


def make_flat(rng):
    layout, offset = [], 0
    for name, shape in SHAPES:
        layout.append((name, offset, shape))
        offset += int(np.prod(shape))
    return rng.normal(size=offset), np.zeros(offset), layout


def expected_state_names(name, hyper):
    if name == "sgd":
        return {"momentum_buffer"} if hyper.get("momentum", 0) else set()
    if name == "adagrad":
        return {"sum", "step"}
    if name == "rmsprop":
        names = {"square_avg", "step"}
        if hyper.get("momentum", 0):
            names.add("momentum_buffer")
        if hyper.get("centered"):
            names.add("grad_avg")
        return names
    return {"exp_avg", "exp_avg_sq", "step"} | ({"max_exp_avg_sq"} if hyper.get("amsgrad") else set())


@pytest.mark.parametrize("name,hyper", ALL_CONFIGS, ids=CONFIG_IDS)
def test_state_dict_round_trip_is_bit_identical(name, hyper):
    rng = np.random.default_rng(7)
    flat, flat_grad, layout = make_flat(rng)
    grads = rng.normal(size=(9, flat.size))
    start = flat.copy()

    straight = make_optimizer({"name": name, **hyper}, flat, flat_grad, layout)
    for g in grads:
        flat_grad[...] = g
        straight.step()
    uninterrupted = flat.copy()

    flat[...] = start
    first = make_optimizer({"name": name, **hyper}, flat, flat_grad, layout)
    for g in grads[:4]:
        flat_grad[...] = g
        first.step()
    saved = first.state_dict()
    saved_flat = flat.copy()
    frozen = copy.deepcopy(saved)
    first.flat_grad[...] = grads[4]
    first.step()  # the saved state is a copy: stepping on does not change it
    for param, entry in saved["state"].items():
        for key, value in entry.items():
            np.testing.assert_array_equal(value, frozen["state"][param][key])

    # PyTorch's names and layout: per-parameter entries, hyper-parameters in param_groups
    assert list(saved["state"]) == [n for n, _ in SHAPES]
    for (pname, shape), entry in zip(SHAPES, saved["state"].values()):
        assert set(entry) == expected_state_names(name, hyper) <= STATE_NAMES
        for key, value in entry.items():
            if key == "step":
                assert value == 4
            else:
                assert value.shape == shape, (pname, key)
    group = saved["param_groups"][0]
    assert group["params"] == [n for n, _ in SHAPES]
    for key, value in hyper.items():
        assert group[key] == value

    # a fresh optimizer (default hyper-parameters) takes the state and carries on
    flat2 = saved_flat.copy()
    grad2 = np.zeros_like(flat2)
    fresh = make_optimizer(name, flat2, grad2, layout)
    fresh.load_state_dict(saved)
    assert fresh.group == straight.group
    for g in grads[4:]:
        grad2[...] = g
        fresh.step()
    np.testing.assert_array_equal(flat2, uninterrupted)
    for key, buf in straight.state.items():
        if buf is not None:
            np.testing.assert_array_equal(fresh.state[key], buf)


def test_state_dict_loads_into_an_optimizer_with_conflicting_settings():
    """Hyper-parameters are loaded as a whole: a Nesterov optimizer takes the state
    of one with dampening (rewinding to before a live change)."""
    rng = np.random.default_rng(8)
    flat, flat_grad, layout = make_flat(rng)
    damped = make_optimizer({"name": "sgd", "lr": 0.1, "momentum": 0.9, "dampening": 0.5},
                            flat, flat_grad, layout)
    flat_grad[...] = rng.normal(size=flat.size)
    damped.step()
    nesterov = make_optimizer({"name": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": True},
                              flat.copy(), np.zeros_like(flat), layout)
    nesterov.load_state_dict(damped.state_dict())
    assert nesterov.group == damped.group


# ---------------------------------------------------------------- invalid hyper-parameters
@pytest.mark.parametrize("name,hyper,key", [
    ("sgd", {"lr": -0.1}, "optimizer.lr"),
    ("adagrad", {"lr": -0.1}, "optimizer.lr"),
    ("rmsprop", {"lr": -0.1}, "optimizer.lr"),
    ("adam", {"lr": -0.1}, "optimizer.lr"),
    ("adamw", {"lr": -1e-3}, "optimizer.lr"),
    ("sgd", {"momentum": 0.9, "dampening": 0.1, "nesterov": True}, "optimizer.nesterov"),
    ("sgd", {"nesterov": True}, "optimizer.nesterov"),
    ("sgd", {"momentum": -0.5}, "optimizer.momentum"),
    ("sgd", {"weight_decay": -0.1}, "optimizer.weight_decay"),
    ("adagrad", {"lr_decay": -0.1}, "optimizer.lr_decay"),
    ("adagrad", {"initial_accumulator_value": -1.0}, "optimizer.initial_accumulator_value"),
    ("rmsprop", {"alpha": 1.5}, "optimizer.alpha"),
    ("rmsprop", {"eps": -1e-8}, "optimizer.eps"),
    ("adam", {"betas": [1.0, 0.999]}, "optimizer.betas[0]"),
    ("adam", {"betas": [0.9, -0.1]}, "optimizer.betas[1]"),
    ("adamw", {"betas": [0.9, 1.5]}, "optimizer.betas[1]"),
    ("adam", {"betas": [0.9]}, "optimizer.betas"),
    ("adam", {"betas": [0.9, "x"]}, "optimizer.betas[1]"),
    ("adam", {"amsgrad": "yes"}, "optimizer.amsgrad"),
    ("adam", {"lr": float("nan")}, "optimizer.lr"),
    ("adam", {"momentum": 0.9}, "optimizer.momentum"),
    ("sgd", {"betas": [0.9, 0.999]}, "optimizer.betas"),
    ("rmsprop", {"learning_rate": 0.1}, "optimizer.learning_rate"),
])
def test_invalid_hyperparameters_name_the_key(name, hyper, key):
    flat = np.zeros(3)
    with pytest.raises(ConfigError) as info:
        OPTIMIZERS[name](flat, np.zeros(3), None, **hyper)
    assert key in str(info.value)
    with pytest.raises(ConfigError) as info:
        make_optimizer({"name": name, **hyper}, flat, np.zeros(3), None)
    assert key in str(info.value)
    if "unknown" in str(info.value):
        assert "known:" in str(info.value)


def test_unknown_optimizer_and_unknown_key_in_set():
    with pytest.raises(ConfigError, match="nadam"):
        make_optimizer({"name": "nadam"}, np.zeros(1), np.zeros(1), None)
    _, opt = run("adam", {"lr": 0.1}, grads=[])
    with pytest.raises(ConfigError, match="optimizer.momentum"):
        opt.set("momentum", 0.9)


# ---------------------------------------------------------------- against torch.optim
def torch_optimizer(torch, name, params, hyper):
    cls = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
           "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[name]
    kwargs = {k: (tuple(v) if isinstance(v, list) else v) for k, v in hyper.items()}
    return cls(params, foreach=False, **kwargs)


@pytest.mark.parametrize("name,hyper", ALL_CONFIGS, ids=CONFIG_IDS)
def test_matches_torch_optim(name, hyper):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(12)
    flat, flat_grad, layout = make_flat(rng)
    opt = make_optimizer({"name": name, **hyper}, flat, flat_grad, layout)
    views = [flat[o:o + int(np.prod(s))].reshape(s) for _, o, s in layout]
    tparams = [torch.tensor(v.copy(), requires_grad=True) for v in views]
    topt = torch_optimizer(torch, name, tparams, hyper)
    for step in range(1, 21):
        grads = [rng.normal(size=s) for _, _, s in layout]
        if step == 11:  # live changes reach both the same way
            opt.set("lr", hyper["lr"] * 0.3)
            topt.param_groups[0]["lr"] = hyper["lr"] * 0.3
            opt.set("weight_decay", 0.05)
            topt.param_groups[0]["weight_decay"] = 0.05
        for (_, o, _), g, tp in zip(layout, grads, tparams):
            flat_grad[o:o + g.size] = g.ravel()
            tp.grad = torch.tensor(g)
        opt.step()
        topt.step()
        for v, tp in zip(views, tparams):
            np.testing.assert_allclose(v, tp.detach().numpy(), rtol=1e-13, atol=1e-15,
                                       err_msg=f"step {step}")
    ours = opt.state_dict()["state"]
    for (pname, _, _), tp in zip(layout, tparams):
        theirs = {k: v for k, v in topt.state[tp].items() if v is not None}
        assert set(ours[pname]) == set(theirs)
        for key, value in theirs.items():
            if key == "step":
                assert ours[pname]["step"] == int(value) == 20
            else:
                np.testing.assert_allclose(ours[pname][key], value.numpy(), rtol=1e-12, atol=1e-15,
                                           err_msg=key)


def test_torch_rejects_what_we_reject():
    """Our ConfigErrors mirror torch.optim's ValueErrors (a sanity check of the rules)."""
    torch = pytest.importorskip("torch")
    p = [torch.zeros(2, requires_grad=True)]
    for cls, kwargs in [(torch.optim.SGD, {"lr": -0.1}),
                        (torch.optim.SGD, {"lr": 0.1, "momentum": 0.9, "dampening": 0.1, "nesterov": True}),
                        (torch.optim.SGD, {"lr": 0.1, "nesterov": True}),
                        (torch.optim.Adam, {"betas": (1.0, 0.999)}),
                        (torch.optim.Adam, {"betas": (0.9, -0.1)}),
                        (torch.optim.RMSprop, {"eps": -1e-8}),
                        (torch.optim.Adagrad, {"lr_decay": -0.1})]:
        with pytest.raises(ValueError):
            cls(p, **kwargs)


# ---------------------------------------------------------------- full training step vs torch
def _torch_net(torch, specs, width):
    """A torch module tree mirroring our layer specs, with the same parameter names."""
    nn = torch.nn
    acts = {"tanh": nn.Tanh, "relu": nn.ReLU, "sigmoid": nn.Sigmoid, "softmax": lambda: nn.Softmax(dim=1),
            "linear": nn.Identity, "elu": nn.ELU, "gelu": nn.GELU, "silu": nn.SiLU}

    class DenseT(nn.Module):
        def __init__(self, spec, width):
            super().__init__()
            units, act = spec["units"], spec.get("activation", "linear")
            self.weight = nn.Parameter(torch.zeros(units, width, dtype=torch.float64))
            if spec.get("bias", True):
                self.bias = nn.Parameter(torch.zeros(units, dtype=torch.float64))
            else:
                self.bias = None
            if act == "prelu":
                self.activation = nn.PReLU(units, dtype=torch.float64)
            else:
                self.act = acts[act]()

        def forward(self, x):
            self.z = nn.functional.linear(x, self.weight, self.bias)
            return self.activation(self.z) if hasattr(self, "activation") else self.act(self.z)

    class Block(nn.Module):
        def __init__(self, specs, width, residual=False):
            super().__init__()
            mods = []
            for spec in specs:
                if spec["type"] == "dense":
                    mods.append(DenseT(spec, width))
                    width = spec["units"]
                elif spec["type"] == "batchnorm":
                    mods.append(nn.BatchNorm1d(width, momentum=spec.get("momentum", 0.1),
                                               eps=spec.get("eps", 1e-5), dtype=torch.float64))
                else:
                    mods.append(Block(spec["layers"], width, residual=True))
            self.layers = nn.ModuleList(mods)
            self.residual = residual

        def forward(self, x):
            out = x
            for mod in self.layers:
                out = mod(out)
            return x + out if self.residual else out

    return Block(specs, width)


FULL_STEP_NETS = {
    "tanh_relu_sigmoid_bce": ([
        {"type": "dense", "units": 6, "activation": "tanh"},
        {"type": "dense", "units": 5, "activation": "relu"},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ], "bce"),
    "softmax_cross_entropy": ([
        {"type": "dense", "units": 6, "activation": "tanh"},
        {"type": "dense", "units": 4, "activation": "softmax"},
    ], "cross_entropy"),
    "batchnorm_residual": ([
        {"type": "dense", "units": 6, "activation": "relu"},
        {"type": "batchnorm"},
        {"type": "dense", "units": 5, "activation": "tanh", "bias": False},
        {"type": "batchnorm", "momentum": 0.3},
        {"type": "residual", "layers": [{"type": "dense", "units": 4, "activation": "elu"},
                                        {"type": "dense", "units": 5, "activation": "gelu"},
                                        {"type": "batchnorm"}]},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ], "bce"),
    "prelu_silu_mse": ([
        {"type": "dense", "units": 5, "activation": "prelu"},
        {"type": "residual", "layers": [{"type": "dense", "units": 5, "activation": "silu"}]},
        {"type": "dense", "units": 2, "activation": "linear"},
    ], "mse"),
}


@pytest.mark.parametrize("key", list(FULL_STEP_NETS))
def test_full_training_step_matches_torch(key):
    torch = pytest.importorskip("torch")
    from core.losses import LOSSES

    specs, loss_name = FULL_STEP_NETS[key]
    rng = np.random.default_rng(20)
    in_width, n = 3, 10
    net = Network.from_spec(specs, in_width, np.random.default_rng(21))
    for p in net.params:  # off the defaults (ones/zeros), so every parameter matters
        p.value[...] += rng.normal(0.0, 0.1, p.value.shape)
    tnet = _torch_net(torch, specs, in_width)
    tparams = dict(tnet.named_parameters())
    tstate = tnet.state_dict()
    arrays = net.named_arrays()
    assert list(tparams) == [p.name for p in net.params]  # the weights-file keys are torch's
    assert set(arrays) == {k for k in tstate if not k.endswith("num_batches_tracked")}
    with torch.no_grad():
        for name, value in arrays.items():
            assert tuple(tstate[name].shape) == value.shape, name
            tstate[name].copy_(torch.tensor(value))

    loss = LOSSES[loss_name]()
    x = rng.normal(size=(n, in_width))
    if loss_name == "mse":
        y = rng.normal(size=(n, net.out_width))
        target = loss.prepare_targets(y, "regression", net.out_width, np.float64)
    else:
        y = rng.integers(0, max(net.out_width, 2), size=n)
        target = loss.prepare_targets(y, "classification", net.out_width, np.float64)
    tx = torch.tensor(x)

    def torch_loss():
        out = tnet(tx)
        last = tnet.layers[-1]
        if loss_name == "bce":
            return torch.nn.functional.binary_cross_entropy_with_logits(last.z, torch.tensor(target))
        if loss_name == "cross_entropy":
            return torch.nn.functional.cross_entropy(last.z, torch.tensor(target))
        return torch.nn.functional.mse_loss(out, torch.tensor(target))

    layout = [(p.name, p.offset, p.value.shape) for p in net.params]
    opt = make_optimizer({"name": "adam", "lr": 0.01}, net.flat, net.flat_grad, layout)
    topt = torch.optim.Adam(list(tparams.values()), lr=0.01, foreach=False)
    for step in range(1, 4):
        value = net.loss_and_grad(x, target, loss)
        topt.zero_grad()
        tvalue = torch_loss()
        tvalue.backward()
        assert value == pytest.approx(tvalue.item(), rel=1e-13, abs=1e-15)
        for p in net.params:
            np.testing.assert_allclose(p.grad, tparams[p.name].grad.numpy(), rtol=1e-12, atol=1e-15,
                                       err_msg=f"step {step}: dL/d{p.name}")
        opt.step()
        topt.step()
        tstate = tnet.state_dict()
        for name, value in net.named_arrays().items():
            np.testing.assert_allclose(value, tstate[name].numpy(), rtol=1e-12, atol=1e-14,
                                       err_msg=f"step {step}: {name}")


# ---------------------------------------------------------------- schedules
SCHEDULES = [
    ({"name": "step", "step_size": 3, "gamma": 0.5}, "StepLR", {"step_size": 3, "gamma": 0.5}),
    ({"name": "step"}, "StepLR", {"step_size": 10, "gamma": 0.1}),
    ({"name": "exponential", "gamma": 0.9}, "ExponentialLR", {"gamma": 0.9}),
    ({"name": "cosine", "T_max": 10}, "CosineAnnealingLR", {"T_max": 10}),
    ({"name": "cosine", "T_max": 7, "eta_min": 0.01}, "CosineAnnealingLR", {"T_max": 7, "eta_min": 0.01}),
]


def test_schedules_by_hand():
    lr = make_schedule({"name": "step", "step_size": 3, "gamma": 0.5}).lr
    assert [lr(0.1, e) for e in range(7)] == [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]
    lr = make_schedule({"name": "exponential", "gamma": 0.9}).lr
    assert lr(0.1, 2) == pytest.approx(0.081, rel=1e-15)
    cosine = make_schedule({"name": "cosine", "T_max": 4, "eta_min": 0.0})
    assert [cosine.lr(1.0, e) for e in range(5)] == pytest.approx(
        [1.0, (1 + math.cos(math.pi / 4)) / 2, 0.5, (1 + math.cos(3 * math.pi / 4)) / 2, 0.0], abs=1e-16)
    assert cosine.lr(1.0, 6) == pytest.approx(0.5)  # then back up, as CosineAnnealingLR
    # T_max defaults to the run's epochs
    assert make_schedule({"name": "cosine"}, epochs=10).lr(0.1, 5) == pytest.approx(0.05, rel=1e-15)
    assert make_schedule("constant", epochs=10).lr(0.1, 99) == 0.1


@pytest.mark.parametrize("spec,cls,kwargs", SCHEDULES)
def test_schedules_match_torch(spec, cls, kwargs):
    torch = pytest.importorskip("torch")
    base = 0.1
    sched = make_schedule(spec, epochs=50)
    topt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base)
    tsched = getattr(torch.optim.lr_scheduler, cls)(topt, **kwargs)
    for epoch in range(25):
        ours = sched.lr(base, epoch)
        # the chainable form PyTorch uses while stepping accumulates round-off
        assert ours == pytest.approx(topt.param_groups[0]["lr"], rel=1e-12, abs=1e-15), epoch
        if hasattr(tsched, "_get_closed_form_lr"):
            assert ours == pytest.approx(tsched._get_closed_form_lr()[0], rel=1e-15, abs=1e-17), epoch
        topt.step()
        tsched.step()


def test_trainer_applies_the_schedule_per_epoch():
    project = {
        "format": "backprop-lab/1", "seed": 1,
        "data": {"source": "xor", "samples": 40, "validation_split": 0.25},
        "network": {"layers": [{"type": "dense", "units": 4, "activation": "tanh"},
                               {"type": "dense", "units": 1, "activation": "sigmoid"}]},
        "optimizer": {"name": "sgd", "lr": 0.2},
        "schedule": {"name": "step", "step_size": 2, "gamma": 0.5},
        "training": {"batch_size": 10, "epochs": 6, "shuffle": False},
    }
    trainer = Trainer(project)
    trainer.run(epochs=6)
    lrs = trainer.history.rows()["lr"]
    expected = [0.2 * 0.5 ** (e // 2) for e in range(6) for _ in range(3)]
    assert lrs.tolist() == pytest.approx(expected, rel=1e-15)


# ---------------------------------------------------------------- gradient clipping
def _clip_project(grad_clip):
    return {
        "format": "backprop-lab/1", "seed": 4,
        "data": {"source": "xor", "samples": 40, "validation_split": 0.25},
        "network": {"layers": [{"type": "dense", "units": 6, "activation": "tanh"},
                               {"type": "dense", "units": 4, "activation": "relu"},
                               {"type": "dense", "units": 1, "activation": "sigmoid"}]},
        "loss": "bce",
        "optimizer": {"name": "sgd", "lr": 0.5, "momentum": 0.9},
        "training": {"batch_size": None, "shuffle": False, "grad_clip": grad_clip},
    }


@pytest.mark.parametrize("grad_clip", [0.01, 0.1, 1e6])
def test_gradient_clipping_matches_torch(grad_clip):
    torch = pytest.importorskip("torch")
    trainer = Trainer(_clip_project(grad_clip))
    net = trainer.network
    specs = trainer.project["network"]["layers"]
    tnet = _torch_net(torch, specs, net.in_width)
    tparams = dict(tnet.named_parameters())
    topt = torch.optim.SGD(list(tparams.values()), lr=0.5, momentum=0.9, foreach=False)
    with torch.no_grad():
        for name, value in net.named_arrays().items():
            tparams[name].copy_(torch.tensor(value))
    tx, ty = torch.tensor(trainer.x_train), torch.tensor(trainer.t_train)
    for step in range(3):
        trainer.step()
        topt.zero_grad()
        tnet(tx)
        torch.nn.functional.binary_cross_entropy_with_logits(tnet.layers[-1].z, ty).backward()
        total = torch.nn.utils.clip_grad_norm_(list(tparams.values()), grad_clip)
        assert trainer.grad_norm == pytest.approx(total.item(), rel=1e-13)
        if grad_clip < 1e6:
            assert total.item() > grad_clip  # the clip is active
        for p in net.params:  # flat_grad holds the clipped gradient the optimizer used
            np.testing.assert_allclose(p.grad, tparams[p.name].grad.numpy(), rtol=1e-12, atol=1e-16,
                                       err_msg=f"step {step}: {p.name}")
        topt.step()
        for p in net.params:
            np.testing.assert_allclose(p.value, tparams[p.name].detach().numpy(), rtol=1e-12,
                                       atol=1e-15, err_msg=f"step {step}: {p.name}")


def test_gradient_clipping_by_hand():
    trainer = Trainer(_clip_project(0.05))
    net = trainer.network
    loss = trainer.loss
    net.loss_and_grad(trainer.x_train, trainer.t_train, loss)
    raw = net.flat_grad.copy()
    norm = math.sqrt(sum(float(g) ** 2 for g in raw))
    assert norm > 0.05
    before = net.flat.copy()
    trainer.step()
    np.testing.assert_allclose(net.flat_grad, raw * (0.05 / (norm + 1e-6)), rtol=1e-13)
    # the first momentum step is a plain SGD step on the clipped gradient
    np.testing.assert_allclose(net.flat, before - 0.5 * net.flat_grad, rtol=1e-14, atol=1e-16)
    assert np.linalg.norm(net.flat_grad) == pytest.approx(0.05 * norm / (norm + 1e-6), rel=1e-13)
