"""Forward values are returned (a tape per pass), never stored on layers: tracing
one example, drawing a boundary or neuron grid, predicting and evaluating cannot
change the statistics of the last training step."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from core.inspect import gradient_check, trace_example
from core.network import Network, Tape
from core.trainer import Trainer


def project():
    return {
        "format": "backprop-lab/1",
        "seed": 2,
        "data": {"source": "spiral", "samples": 120, "validation_split": 0.25},
        "network": {
            "layers": [
                {"type": "dense", "units": 8, "activation": "relu"},
                {"type": "batchnorm"},
                {"type": "dropout", "rate": 0.3},
                {"type": "residual", "layers": [{"type": "dense", "units": 8, "activation": "tanh"}]},
                {"type": "dense", "units": 1, "activation": "sigmoid"},
            ]
        },
        "loss": "bce",
        "optimizer": {"name": "adam", "lr": 0.01},
        "training": {"batch_size": 16},
    }


def assert_same_stats(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b):
        for f in dataclasses.fields(x):
            u, v = getattr(x, f.name), getattr(y, f.name)
            if dataclasses.is_dataclass(u):
                for g in dataclasses.fields(u):
                    np.testing.assert_array_equal(getattr(u, g.name), getattr(v, g.name), err_msg=f"{x.path}.{f.name}")
            elif isinstance(u, np.ndarray) or u is None:
                np.testing.assert_array_equal(u, v, err_msg=f"{x.path}.{f.name}")
            else:
                assert u == v or (u != u and v != v), (x.path, f.name, u, v)


@pytest.mark.parametrize("disturb", ["trace", "boundary", "evaluate", "predict", "confusion", "report"])
def test_passes_for_looking_do_not_change_training_statistics(disturb):
    t = Trainer(project())
    for _ in range(5):
        t.keep_previous = True
        t.step()
    before = t.snapshot(0)
    state = {k: v.copy() for k, v in t.network.named_arrays().items()}
    grads = t.network.flat_grad.copy()
    rng_state = t.dropout_rng.bit_generator.state
    if disturb == "trace":
        trace_example(t.network, t.loss, t.x_val[3], t.t_val[3])
    elif disturb == "boundary":
        t.boundary(grid=20, neuron_grid=12)
    elif disturb == "evaluate":
        t.evaluate()
    elif disturb == "predict":
        t.predict_output(t.x_val)
    elif disturb == "confusion":
        t.predictions()
    else:
        t.report()
    after = t.snapshot(0)
    assert_same_stats(before.layers, after.layers)
    np.testing.assert_array_equal(t.network.flat_grad, grads)
    for k, v in t.network.named_arrays().items():  # running statistics too
        np.testing.assert_array_equal(v, state[k], err_msg=k)
    assert t.dropout_rng.bit_generator.state == rng_state


def test_tape_records_the_pass_and_layers_keep_nothing():
    t = Trainer(project())
    net = t.network
    x = t.x_train[:16]
    tape = net.forward(x, training=True)
    assert isinstance(tape, Tape) and tape.training
    records = tape.entry_records()
    assert len(records) == len(net.entries)
    assert records[0].x is x
    # the block's record holds its layer's record, listed right after it
    assert records[4] is records[3].children[0]
    np.testing.assert_array_equal(records[3].a, records[3].x + records[4].a)
    assert tape.output is records[-1].a
    assert tape.logits is records[-1].z
    for e in net.entries:
        assert not {"x", "z", "a", "mask", "xhat", "inv_std", "training", "grad_a", "grad_z"} & set(vars(e.layer))
    # backward fills in dL/da and dL/dz on the records of that pass only
    other = net.forward(x[:4], training=False)
    value, grad = t.loss.value_and_grad(net.loss_input(tape, t.loss), t.t_train[:16])
    net.backward(tape, grad, fused=net.is_fused(t.loss))
    assert records[0].grad_z is not None and records[0].grad_z.shape == (16, 8)
    assert records[-1].grad_a is None  # fused with the loss: the loss handed dL/dz
    assert all(getattr(r, "grad_z", None) is None for r in other.entry_records())


def test_interleaved_passes_give_the_same_gradients():
    """A pass between another's forward and backward does not disturb it."""
    t = Trainer(project())
    net, loss = t.network, t.loss
    net.set_rng(np.random.default_rng(0))
    value, _ = net.forward_backward(t.x_train[:16], t.t_train[:16], loss)
    want = net.flat_grad.copy()
    net.set_rng(np.random.default_rng(0))
    tape = net.forward(t.x_train[:16], training=True)
    net.predict(t.x_val)  # another pass in between
    v, grad = loss.value_and_grad(net.loss_input(tape, loss), t.t_train[:16])
    net.backward(tape, grad, net.is_fused(loss))
    assert v == value
    np.testing.assert_array_equal(net.flat_grad, want)


def test_gradient_check_still_passes_with_tapes():
    net = Network.from_spec(
        [
            {"type": "dense", "units": 4, "activation": "tanh"},
            {"type": "batchnorm"},
            {"type": "residual", "layers": [{"type": "dense", "units": 4, "activation": "prelu"}]},
            {"type": "dense", "units": 2},
        ],
        3,
        np.random.default_rng(0),
    )
    from core.losses import LOSSES

    x = np.random.default_rng(1).normal(size=(6, 3))
    target = np.random.default_rng(2).normal(size=(6, 2))
    for r in gradient_check(net, LOSSES["mse"](), x, target):
        assert r["relative_error"] < 1e-6, r["name"]
