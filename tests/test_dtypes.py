"""A float32 run stays float32 end to end (issue 7, bug 4).

NumPy 2 promotes ``float32_array * np.float64(c)`` to float64; one such constant in
an activation (GELU's ``sqrt(1/2)``) made the next layer's ``np.dot(..., out=)``
fail with "output array is not acceptable".  Every registered activation, loss,
initialiser and optimizer is checked on float32 arrays, alone and in a training step.
"""

from __future__ import annotations

import numpy as np
import pytest

from core.activations import ACTIVATIONS, make_activation
from core.initializers import INITIALIZERS, make_initializer
from core.layers import Dense
from core.losses import LOSSES, resolve_loss
from core.optimizers import OPTIMIZERS, make_optimizer
from core.trainer import Trainer

F32 = np.dtype(np.float32)

ACTIVATION_SPECS = [name for name in ACTIVATIONS] + [
    {"name": "gelu", "approximate": "tanh"},
    {"name": "leaky_relu", "negative_slope": 0.2},
    {"name": "softplus", "beta": 2.0, "threshold": 5.0},
    {"name": "elu", "alpha": 0.5},
]


def _id(spec):
    return spec if isinstance(spec, str) else "-".join(str(v) for v in spec.values())


@pytest.mark.parametrize("spec", ACTIVATION_SPECS, ids=_id)
def test_activation_keeps_float32(spec):
    act = make_activation(spec)
    for name, value in act.build(3, F32).items():
        assert value.dtype == F32, name
    rng = np.random.default_rng(0)
    z = (rng.standard_normal((5, 3)) * 3).astype(F32)
    a = act.forward(z)
    assert a.dtype == F32
    grad_z = act.backward(z, a, np.ones_like(a))
    assert grad_z.dtype == F32
    if hasattr(act, "grad_weight"):
        assert act.grad_weight.dtype == F32


@pytest.mark.parametrize("name", list(LOSSES))
def test_loss_gradient_keeps_float32(name):
    rng = np.random.default_rng(1)
    if name == "cross_entropy":
        out, task, width = rng.standard_normal((6, 3)).astype(F32), "classification", 3
        y = np.array([0, 1, 2, 0, 1, 2])
    elif name == "bce":
        out, task, width = rng.standard_normal((6, 1)).astype(F32), "classification", 1
        y = np.array([0, 1, 1, 0, 1, 0])
    else:
        out, task, width = rng.standard_normal((6, 2)).astype(F32), "regression", 2
        y = rng.standard_normal((6, 2))
    loss = resolve_loss(name, task, width)
    target = loss.prepare_targets(y, task, width, F32)
    if name != "cross_entropy":
        assert target.dtype == F32
    value, grad = loss.value_and_grad(out, target)
    assert isinstance(value, float)
    assert grad.dtype == F32


@pytest.mark.parametrize("name", list(INITIALIZERS))
def test_initializer_returns_the_asked_dtype(name):
    init = make_initializer(name)
    assert init((4, 3), np.random.default_rng(0), F32).dtype == F32
    if name != "orthogonal":
        assert init((4,), np.random.default_rng(0), F32).dtype == F32


OPTIMIZER_SPECS = [
    {"name": "sgd", "lr": 0.1},
    {"name": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01},
    {"name": "sgd", "lr": 0.1, "momentum": 0.9, "dampening": 0.5},
    {"name": "adagrad", "lr_decay": 0.1, "weight_decay": 0.01, "initial_accumulator_value": 0.1},
    {"name": "rmsprop", "momentum": 0.9, "centered": True, "weight_decay": 0.01},
    {"name": "rmsprop"},
    {"name": "adam", "amsgrad": True, "weight_decay": 0.01},
    {"name": "adam"},
    {"name": "adamw"},
]


def test_every_optimizer_is_covered():
    assert {s["name"] for s in OPTIMIZER_SPECS} == set(OPTIMIZERS)


@pytest.mark.parametrize("spec", OPTIMIZER_SPECS, ids=lambda s: "-".join(f"{k}={v}" for k, v in s.items()))
def test_optimizer_step_keeps_float32(spec):
    rng = np.random.default_rng(2)
    flat = rng.standard_normal(7).astype(F32)
    grad = rng.standard_normal(7).astype(F32)
    opt = make_optimizer(spec, flat, grad, None)
    for _ in range(3):
        opt.step()
    assert flat.dtype == F32
    for key, buf in opt.state.items():
        assert buf is None or buf.dtype == F32, key
    for key, arrays in opt.state_dict()["state"].items():
        for name, value in arrays.items():
            if isinstance(value, np.ndarray):
                assert value.dtype == F32, (key, name)


def _project(activation, loss="auto", optimizer=None, source="xor", extra_layers=()):
    last = {"type": "dense", "units": 1, "activation": "linear" if source == "sine" else "sigmoid"}
    return {
        "format": "backprop-lab/1",
        "seed": 3,
        "data": {"source": source, "samples": 40, "validation_split": 0.25},
        "network": {"layers": [
            {"type": "dense", "units": 6, "activation": activation},
            *extra_layers,
            {"type": "dense", "units": 5, "activation": activation},
            last,
        ]},
        "loss": loss,
        "optimizer": optimizer or {"name": "adam", "lr": 0.01},
        "training": {"batch_size": 8, "epochs": 2, "dtype": "float32"},
    }


def _check_all_float32(trainer: Trainer):
    net = trainer.network
    assert net.flat.dtype == F32 and net.flat_grad.dtype == F32
    for e in net.entries:
        for attr in ("x", "z", "a", "grad_z", "grad_a", "xhat", "mask"):
            value = getattr(e.layer, attr, None)
            if isinstance(value, np.ndarray):
                assert value.dtype == F32, (e.key, attr)
        for name, buf in e.layer.buffers.items():
            assert buf.dtype == F32, (e.key, name)
    for key, buf in trainer.optimizer.state.items():
        assert buf is None or buf.dtype == F32, key


@pytest.mark.parametrize("activation", ACTIVATION_SPECS, ids=_id)
def test_float32_training_steps_with_every_activation(activation):
    trainer = Trainer(_project(activation, extra_layers=[{"type": "batchnorm"}, {"type": "dropout", "rate": 0.2}]))
    for _ in range(trainer.steps_per_epoch + 2):  # crosses an epoch end (evaluation)
        trainer.step()
    _check_all_float32(trainer)
    assert np.isfinite(trainer.last_batch_loss)


@pytest.mark.parametrize("spec", OPTIMIZER_SPECS, ids=lambda s: "-".join(f"{k}={v}" for k, v in s.items()))
def test_float32_training_steps_with_every_optimizer(spec):
    inner = {"type": "dense", "units": 6, "activation": {"name": "gelu", "approximate": "tanh"}}
    trainer = Trainer(_project("gelu", optimizer=spec, extra_layers=[{"type": "residual", "layers": [inner]}]))
    for _ in range(5):
        trainer.step()
    _check_all_float32(trainer)


@pytest.mark.parametrize("loss", list(LOSSES))
def test_float32_training_steps_with_every_loss(loss):
    if loss == "cross_entropy":
        project = _project("gelu", loss=loss)
        project["network"]["layers"][-1] = {"type": "dense", "units": 2, "activation": "softmax"}
    elif loss == "bce":
        project = _project("gelu", loss=loss)
    else:
        project = _project("gelu", loss=loss, source="sine")
    trainer = Trainer(project)
    for _ in range(trainer.steps_per_epoch + 1):
        trainer.step()
    _check_all_float32(trainer)


def test_dense_layer_with_gelu_then_dense_backward_float32():
    """The reported crash: the layer after a float32 GELU could not write its gradient."""
    rng = np.random.default_rng(0)
    first, second = Dense(4, "gelu", key="a"), Dense(2, "linear", key="b")
    first.build(3, rng, F32, "a")
    second.build(4, rng, F32, "b")
    x = rng.standard_normal((5, 3)).astype(F32)
    hidden, first_record = first.forward(x, True)
    out, second_record = second.forward(hidden, True)
    first.backward(first_record, second.backward(second_record, np.ones_like(out)))
    assert first.g["weight"].dtype == F32
