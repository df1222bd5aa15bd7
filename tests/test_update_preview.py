""" "Apply the update": one optimizer step for one example, shown (core/update_preview.py).

The preview's new values are bit-identical to what the trainer produces when it
takes that step itself (batch size 1, no shuffling), for every optimizer variant
and in float32; the trainer is left bit-for-bit as it was; the displayed formula's
components multiply out to the displayed update.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from core.queries import QUERIES
from core.registry import ConfigError
from core.trainer import Trainer
from core.update_preview import filled_lines, fmt, formula_lines, preview_update

OPTIMIZERS = {
    "sgd": {"name": "sgd", "lr": 0.1},
    "sgd_momentum": {"name": "sgd", "lr": 0.1, "momentum": 0.9},
    "sgd_dampening": {"name": "sgd", "lr": 0.1, "momentum": 0.9, "dampening": 0.5},
    "sgd_nesterov": {"name": "sgd", "lr": 0.1, "momentum": 0.8, "nesterov": True},
    "sgd_weight_decay": {"name": "sgd", "lr": 0.1, "momentum": 0.5, "weight_decay": 0.1},
    "adagrad": {"name": "adagrad", "lr": 0.1, "lr_decay": 0.05, "initial_accumulator_value": 0.1, "weight_decay": 0.01},
    "rmsprop": {"name": "rmsprop", "lr": 0.01},
    "rmsprop_centered": {"name": "rmsprop", "lr": 0.01, "centered": True},
    "rmsprop_momentum": {"name": "rmsprop", "lr": 0.01, "momentum": 0.5, "centered": True, "weight_decay": 0.01},
    "adam": {"name": "adam", "lr": 0.01},
    "adam_amsgrad": {"name": "adam", "lr": 0.01, "amsgrad": True, "weight_decay": 0.01},
    "adamw": {"name": "adamw", "lr": 0.01, "weight_decay": 0.1},
}


def project(optimizer, dtype="float64", layers=None, **training):
    return {
        "format": "backprop-lab/1",
        "seed": 3,
        "data": {"source": "xor", "samples": 30, "validation_split": 0.2},
        "network": {
            "layers": layers
            or [
                {"type": "dense", "units": 3, "activation": "tanh"},
                {"type": "dropout", "rate": 0.3},
                {"type": "dense", "units": 1, "activation": "sigmoid"},
            ]
        },
        "loss": "bce",
        "optimizer": optimizer,
        "schedule": {"name": "exponential", "gamma": 0.5},
        "training": {"batch_size": 1, "shuffle": False, "dtype": dtype, "epochs": 50, **training},
    }


def next_row(trainer) -> int:
    """The training row the next step takes (batch size 1, no shuffling)."""
    if trainer._batches is None or trainer._pos >= len(trainer._batches):
        return 0
    return int(trainer._batches[trainer._pos][0])


def flat(preview, key):
    return np.concatenate([t[key].reshape(-1) for t in preview.tensors])


def assert_same(a, b, where="state"):
    """Bit-for-bit equality of nested states (arrays, dicts, lists, numbers, NaN)."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), where
        for k in a:
            assert_same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{where}[{i}]")
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True), where
    elif hasattr(a, "copy") and hasattr(a, "rows"):  # History
        assert_same(a.rows(0), b.rows(0), where)
    elif isinstance(a, float) and np.isnan(a):
        assert np.isnan(b), where
    else:
        assert a == b, where


def trainer_state(tr):
    state = tr.get_state()
    state["flat_grad"] = tr.network.flat_grad.copy()
    state["lr"] = tr.optimizer.group["lr"]
    state["work"] = {k: (None if v is None else v.copy()) for k, v in tr.optimizer.state.items()}
    state["step_count_opt"] = tr.optimizer.step_count
    return state


# ---------------------------------------------------------------- the same step as the trainer


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_preview_is_the_trainers_step(name, dtype):
    tr = Trainer(project(OPTIMIZERS[name], dtype))
    for steps in (0, 3, tr.steps_per_epoch - 3):  # the first step, mid-epoch, an epoch start (new lr)
        tr.run(steps=steps)
        row = next_row(tr)
        before = trainer_state(tr)
        tape = tr.last_tape
        preview = preview_update(tr, tr.x_train[row], tr.t_train[row], row, "train")
        assert_same(trainer_state(tr), before)  # the trainer is untouched, bit for bit
        assert tr.last_tape is tape
        tr.step()
        assert np.array_equal(flat(preview, "new"), tr.network.flat), f"after {steps} steps"
        assert flat(preview, "new").dtype == np.dtype(dtype)
        assert preview.hyper["lr"] == tr.optimizer.group["lr"]
        for key in tr.optimizer.state:
            after = tr.optimizer.state[key]
            if after is not None:
                assert np.array_equal(flat(preview, f"after.{key}"), after), key
    assert preview.optimizer == OPTIMIZERS[name]["name"]
    assert preview.dtype == dtype


def test_preview_of_the_first_step_and_with_clipping():
    tr = Trainer(project(OPTIMIZERS["sgd_momentum"], grad_clip=0.01))
    preview = QUERIES["update_preview"][0](tr, 0, "train")
    assert preview.first_step and "clipped" in preview.notes
    assert 0 < preview.scalars["clip_coef"] < 1
    assert preview.tensors[0]["before.momentum_buffer"] is None  # b ← g on the first step
    assert "b ← g" in formula_lines(preview)
    tr.step()
    assert np.array_equal(flat(preview, "new"), tr.network.flat)


def test_old_values_are_the_weights_before():
    tr = Trainer(project(OPTIMIZERS["adam"]))
    tr.run(steps=2)
    arrays = tr.network.copy_arrays()
    preview = QUERIES["update_preview"][0](tr, 5, "val")
    assert preview.part == "val" and preview.index == 5
    for t in preview.tensors:
        assert np.array_equal(t.old, arrays[t.name])
        assert t.new.shape == arrays[t.name].shape
        np.testing.assert_array_equal(t.update, t.new - t.old)
    assert preview.names == [p.name for p in tr.network.params]


def test_picklable_and_explicit_example_matches_the_row():
    tr = Trainer(project(OPTIMIZERS["rmsprop_momentum"]))
    tr.run(steps=4)
    query = QUERIES["update_preview"][0]
    by_row = query(tr, 7, "train")
    label = int(tr.data.y_train[7])
    typed = query(tr, None, "train", tr.x_train[7].tolist(), label)
    raw = query(tr, None, "train", tr.data.raw_x_train[7].tolist(), float(label), True)
    for p in (typed, raw):
        np.testing.assert_allclose(flat(p, "new"), flat(by_row, "new"), rtol=1e-12)
    assert np.array_equal(flat(typed, "new"), flat(by_row, "new"))
    again = pickle.loads(pickle.dumps(by_row))
    assert np.array_equal(flat(again, "new"), flat(by_row, "new")) and again.columns == by_row.columns


@pytest.mark.parametrize(
    ("args", "key"),
    [
        ((99, "train"), "update_preview.index"),
        ((-1, "train"), "update_preview.index"),
        ((0, "test"), "update_preview.part"),
        ((None, "train", [1.0], 0), "update_preview.x"),
        ((None, "train", [1.0, float("nan")], 0), "update_preview.x"),
        ((None, "train", [1.0, 2.0], 2), "update_preview.target"),
        ((None, "train", [1.0, 2.0], "a"), "update_preview.target"),
    ],
)
def test_bad_examples_are_named(args, key):
    tr = Trainer(project(OPTIMIZERS["sgd"]))
    with pytest.raises(ConfigError) as err:
        QUERIES["update_preview"][0](tr, *args)
    assert str(err.value).startswith(key) and err.value.code


def test_batch_norm_runs_in_evaluation_mode_and_keeps_running_statistics():
    layers = [
        {"type": "dense", "units": 3, "activation": "relu"},
        {"type": "batchnorm"},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ]
    tr = Trainer(project(OPTIMIZERS["adam"], layers=layers, batch_size=4))
    tr.run(steps=3)
    before = trainer_state(tr)
    preview = QUERIES["update_preview"][0](tr, 2, "train")
    assert "batchnorm_eval" in preview.notes and not preview.training
    with pytest.raises(ConfigError, match="update_preview.training"):
        QUERIES["update_preview"][0](tr, 2, "train", None, None, False, True)
    assert_same(trainer_state(tr), before)
    assert all(np.all(np.isfinite(t.new)) for t in preview.tensors)


def test_evaluation_mode_follows_the_traced_backward_walk():
    from core.inspect import trace_example

    tr = Trainer(project(OPTIMIZERS["sgd"]))  # with dropout
    tr.run(steps=2)
    before = trainer_state(tr)
    preview = QUERIES["update_preview"][0](tr, 4, "train", None, None, False, False)
    assert "evaluation_mode" in preview.notes and not preview.training
    trace = trace_example(tr.network, tr.loss, tr.x_train[4], tr.t_train[4])
    for layer in trace["layers"]:
        assert np.array_equal(preview.tensor(f"{layer.path}.weight").grad, layer.grad_weight)
        assert np.array_equal(preview.tensor(f"{layer.path}.bias").grad, layer.grad_bias)
    assert_same(trainer_state(tr), before)
    in_training = QUERIES["update_preview"][0](tr, 4, "train")
    assert in_training.training and not np.array_equal(flat(in_training, "grad"), flat(preview, "grad"))


def test_regression_target_and_a_nonfinite_gradient_are_described():
    proj = project(OPTIMIZERS["sgd"], layers=[{"type": "dense", "units": 1, "activation": "linear"}])
    proj["data"] = {"source": "sine", "samples": 20}
    proj["loss"] = "mse"
    tr = Trainer(proj)
    preview = QUERIES["update_preview"][0](tr, None, "train", [0.5], [0.25])
    assert preview.target.shape == (1,) and preview.notes == ()
    arrays = tr.network.copy_arrays()
    arrays["layers.0.weight"][...] = 1e300
    tr.network.load_arrays(arrays)
    preview = QUERIES["update_preview"][0](tr, None, "train", [1e10], [0.0])
    assert "nonfinite_gradient" in preview.notes
    assert "NaN" in filled_lines(preview, "layers.0.weight")[-1] or "∞" in filled_lines(preview, "layers.0.weight")[-1]


# ---------------------------------------------------------------- the formula multiplies out


def _g(t, h, name):
    return t["grad_total"] if h.get("weight_decay", 0) and name != "adamw" else t["grad"]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_formula_components_multiply_out(name, dtype):
    tr = Trainer(project(OPTIMIZERS[name], dtype))
    tr.run(steps=5)
    p = QUERIES["update_preview"][0](tr, next_row(tr), "train")
    h, opt, s = p.hyper, p.optimizer, p.scalars
    rtol = 1e-9 if dtype == "float64" else 2e-4
    for t in p.tensors:
        g, old = _g(t, h, opt), t.old
        atol = (1e-15 if dtype == "float64" else 1e-7) * (1 + np.abs(old).max())

        def close(a, b, what, atol=atol, where=t.name):
            np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, err_msg=f"{name} {where}: {what}")

        if h.get("weight_decay", 0) and opt != "adamw":
            close(t["grad_total"], t["grad"] + h["weight_decay"] * old, "g + λθ")
        if opt == "sgd":
            if h["momentum"] == 0:
                close(t.update, -h["lr"] * g, "θ ← θ − η·g")
            else:
                b0, b = t["before.momentum_buffer"], t["after.momentum_buffer"]
                close(b, h["momentum"] * b0 + (1 - h["dampening"]) * g, "b ← μb + (1 − τ)g")
                d = g + h["momentum"] * b if h["nesterov"] else b
                close(t.update, -h["lr"] * d, "θ ← θ − η·b")
        elif opt == "adagrad":
            close(t["after.sum"], t["before.sum"] + g * g, "s ← s + g²")
            assert s["clr"] == pytest.approx(h["lr"] / (1 + (p.step - 1) * h["lr_decay"]), rel=1e-15)
            close(t.update, -s["clr"] * g / (np.sqrt(t["after.sum"]) + h["eps"]), "θ ← θ − η′g/(√s + ε)")
        elif opt == "rmsprop":
            a = h["alpha"]
            v = t["after.square_avg"]
            close(v, a * t["before.square_avg"] + (1 - a) * g * g, "v ← αv + (1 − α)g²")
            d = np.sqrt(v) + h["eps"]
            if h["centered"]:
                ga = t["after.grad_avg"]
                close(ga, a * t["before.grad_avg"] + (1 - a) * g, "ḡ ← αḡ + (1 − α)g")
                d = np.sqrt(v - ga * ga) + h["eps"]
            close(t["denom"], d, "denominator")
            if h["momentum"] > 0:
                b = t["after.momentum_buffer"]
                close(b, h["momentum"] * t["before.momentum_buffer"] + g / d, "b ← μb + g/d")
                close(t.update, -h["lr"] * b, "θ ← θ − ηb")
            else:
                close(t.update, -h["lr"] * g / d, "θ ← θ − ηg/d")
        else:
            b1, b2 = h["betas"]
            assert s["bias_correction1"] == pytest.approx(1 - b1**p.step, rel=1e-15)
            assert s["bias_correction2"] == pytest.approx(1 - b2**p.step, rel=1e-15)
            m, v = t["after.exp_avg"], t["after.exp_avg_sq"]
            close(m, b1 * t["before.exp_avg"] + (1 - b1) * g, "m ← β₁m + (1 − β₁)g")
            close(v, b2 * t["before.exp_avg_sq"] + (1 - b2) * g * g, "v ← β₂v + (1 − β₂)g²")
            if h["amsgrad"]:
                v = t["after.max_exp_avg_sq"]
                close(v, np.maximum(t["before.max_exp_avg_sq"], t["after.exp_avg_sq"]), "vmax")
            close(t["m_hat"], m / s["bias_correction1"], "m̂")
            close(t["v_hat"], v / s["bias_correction2"], "v̂")
            decay = -h["lr"] * h["weight_decay"] * old if opt == "adamw" else 0.0
            close(t.update, decay - h["lr"] * t["m_hat"] / (np.sqrt(t["v_hat"]) + h["eps"]), "θ ← θ − η·m̂/(√v̂+ε)")
        # the filled-in formula shows these numbers
        lines = filled_lines(p, t.name, 0)
        assert lines[-1].endswith(f"= {fmt(t.update.reshape(-1)[0])}")
        assert fmt(t.new.reshape(-1)[0]) in lines[-2]


def test_formulas_in_symbols():
    def lines(spec):
        tr = Trainer(project(spec))
        tr.run(steps=1)
        return formula_lines(QUERIES["update_preview"][0](tr, 1, "train"))

    assert lines({"name": "sgd", "lr": 0.1}) == ["θ ← θ − η·g"]
    assert lines({"name": "sgd", "lr": 0.1, "momentum": 0.9}) == ["b ← μ·b + (1 − τ)·g", "θ ← θ − η·b"]
    adam = lines({"name": "adam"})
    assert adam == [
        "m ← β₁·m + (1 − β₁)·g",
        "v ← β₂·v + (1 − β₂)·g²",
        "m̂ = m / (1 − β₁ᵗ)",
        "v̂ = v / (1 − β₂ᵗ)",
        "θ ← θ − η·m̂ / (√v̂ + ε)",
    ]
    assert lines({"name": "adamw"})[0] == "θ ← θ − η·λ·θ"
    assert lines({"name": "adagrad"}) == ["s ← s + g²", "θ ← θ − η·g / (√s + ε)"]
    assert lines({"name": "rmsprop", "centered": True})[-1] == "θ ← θ − η·g / (√(v − ḡ²) + ε)"
