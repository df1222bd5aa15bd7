"""The step-through graph (core.graph): its gradients are the trainer's, its products
multiply out, its sums add up, and ∂L/∂x agrees with finite differences."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from core.activations import ACTIVATIONS
from core.graph import build_graph, graph_query
from core.losses import resolve_loss
from core.network import Network
from core.registry import ConfigError
from core.trainer import Trainer

TOL = {"float64": 1e-12, "float32": 2e-5}


def _net(layers, in_width, dtype, seed=0):
    net = Network.from_spec(layers, in_width, np.random.default_rng(seed), dtype)
    net.set_rng(np.random.default_rng(seed + 1))
    # non-trivial running statistics and batch-norm parameters
    rng = np.random.default_rng(seed + 2)
    for e in net.entries:
        if e.layer.kind == "batchnorm":
            e.layer.buffers["running_mean"][...] = rng.normal(size=e.layer.in_width)
            e.layer.buffers["running_var"][...] = rng.uniform(0.5, 2.0, size=e.layer.in_width)
            e.layer.p["weight"][...] = rng.uniform(0.5, 1.5, size=e.layer.in_width)
            e.layer.p["bias"][...] = rng.normal(size=e.layer.in_width)
    return net


def _example(loss_name, in_width, out_width, dtype, seed=0):
    rng = np.random.default_rng(seed + 10)
    x = rng.normal(size=in_width).astype(dtype)
    if loss_name == "cross_entropy":
        return x, np.array(out_width - 1)
    if loss_name == "bce":
        return x, np.array([1.0], dtype)
    return x, rng.normal(size=out_width).astype(dtype)


def _trainer_grads(net, loss, x, t, training):
    net.flat_grad[...] = 0
    net.forward_backward(x.reshape(1, -1), np.asarray(t)[None, ...], loss, training)
    return {p.name: p.grad.astype(np.float64).copy() for p in net.params}


def _check_graph(net, loss, x, t, dtype, dropout="eval", training=False):
    rng = next((e.layer.rng for e in net.entries if e.layer.kind == "dropout"), None)
    state = rng.bit_generator.state if rng is not None else None
    g = build_graph(net, loss, x, t, dropout)
    if rng is not None:
        assert rng.bit_generator.state == state  # training's dropout stream is not advanced
    expected = _trainer_grads(net, loss, x, t, training)
    tol = TOL[dtype]
    # the engine's numbers as the graph carries them: bit-identical
    for name, grad in expected.items():
        np.testing.assert_array_equal(g.param_grads[name], grad, err_msg=name)
    # every parameter's gradient appears in a step, as a product that multiplies out
    seen = {name: np.full(v.shape, np.nan) for name, v in expected.items()}
    for node_id, unit in g.backward_order():
        step = g.backward_step(node_id, unit)
        assert np.isfinite(step.value)
        if step.terms:  # a fan-in sum adds up to the engine's value
            for term in step.terms:
                assert term.product == term.local * term.upstream
            total = sum(term.product for term in step.terms)
            scale = max(1.0, sum(abs(term.product) for term in step.terms))
            assert abs(total - step.value) <= tol * scale, (step.symbol, total, step.value)
        for p in step.params:
            (term,) = p.terms
            assert term.product == term.first * term.second
            assert abs(term.product - p.value) <= tol * max(1.0, abs(p.value)), p.symbol
            name, index = p.param
            seen[name][index] = term.product
    for name, grad in expected.items():
        assert not np.isnan(seen[name]).any(), f"{name}: not every entry has a step"
        np.testing.assert_allclose(seen[name], grad, rtol=tol * 10, atol=tol * 10, err_msg=name)
    return g


ELEMENTWISE = [a for a in ACTIVATIONS if a not in ("softmax", "swish")]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("activation", [*ELEMENTWISE, "softmax"])
def test_dense_every_activation_matches_trainer(activation, dtype):
    layers = [
        {"type": "dense", "units": 4, "activation": activation},
        {"type": "dense", "units": 3, "activation": "tanh"},
        {"type": "dense", "units": 2, "activation": "linear"},
    ]
    net = _net(layers, 3, dtype)
    loss = resolve_loss("mse", "regression", 2)
    x, t = _example("mse", 3, 2, dtype)
    _check_graph(net, loss, x, t, dtype)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize(
    ("loss_name", "out_act", "width"),
    [
        ("mse", "sigmoid", 2),
        ("mse", "softmax", 3),
        ("bce", "sigmoid", 1),  # fused
        ("bce", "linear", 1),  # output read as logits
        ("cross_entropy", "softmax", 3),  # fused
        ("cross_entropy", "linear", 3),
        ("mae", "linear", 2),
        ("huber", "linear", 2),
    ],
)
def test_every_loss_matches_trainer(loss_name, out_act, width, dtype):
    layers = [
        {"type": "dense", "units": 5, "activation": "relu"},
        {"type": "dense", "units": width, "activation": out_act},
    ]
    net = _net(layers, 2, dtype, seed=3)
    task = "regression" if loss_name in ("mse", "mae", "huber") else "classification"
    loss = resolve_loss(loss_name, task, width)
    x, t = _example(loss_name, 2, width, dtype, seed=3)
    g = _check_graph(net, loss, x, t, dtype)
    fused = loss.uses_logits and out_act == loss.fused_activation
    assert (g.fused is not None) == fused
    z_out = [n for n in g.nodes if n.kind == "weighted_sum"][-1]
    step = g.backward_step(z_out.id, 0)
    if fused:  # ∂L/∂z = a − y straight from the loss
        assert step.rule == "fused"
        (a_sym, a), (y_sym, y) = step.inputs
        assert abs((a - y) - step.value) <= TOL[dtype]
        assert g.backward_order()[1][0] == z_out.id  # the activation is skipped
    forward = g.forward_step("L", 0)
    assert forward.value == pytest.approx(g.loss)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_dropout_batchnorm_residual_match_trainer(dtype):
    drop = [
        {"type": "dense", "units": 6, "activation": "tanh"},
        {"type": "dropout", "rate": 0.5},
        {
            "type": "residual",
            "layers": [
                {"type": "dense", "units": 4, "activation": "prelu"},
                {"type": "dropout", "rate": 0.3},
                {"type": "dense", "units": 6, "activation": "elu"},
            ],
        },
        {"type": "dense", "units": 3, "activation": "softmax"},
    ]
    net = _net(drop, 4, dtype, seed=5)
    loss = resolve_loss("cross_entropy", "classification", 3)
    x, t = _example("cross_entropy", 4, 3, dtype, seed=5)
    g = _check_graph(net, loss, x, t, dtype, dropout="train", training=True)
    masks = [n.info["mask"] for n in g.nodes if n.kind == "dropout"]
    assert all(m is not None for m in masks) and any((m == 0).any() for m in masks)
    # the residual's input is read twice: its gradient is a sum over both readers
    add = next(n for n in g.nodes if n.kind == "residual_add")
    step = g.backward_step(add.inputs[0], 0)
    assert step.rule == "sum" and any(t.second_symbol == "1" for t in step.terms)

    bn = [
        {"type": "dense", "units": 5, "activation": "relu"},
        {"type": "batchnorm"},
        {"type": "dropout", "rate": 0.2},
        {"type": "residual", "layers": [{"type": "batchnorm"}, {"type": "dense", "units": 5, "activation": "gelu"}]},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ]
    net = _net(bn, 3, dtype, seed=7)
    loss = resolve_loss("bce", "classification", 1)
    x, t = _example("bce", 3, 1, dtype, seed=7)
    g = _check_graph(net, loss, x, t, dtype, dropout="eval", training=False)
    assert g.modes == {"dropout": "eval", "batchnorm": "eval"}
    assert [n.info["mode"] for n in g.nodes if n.kind == "batchnorm"] == ["eval", "eval"]


def test_forward_steps_multiply_out_and_values_are_the_passes():
    layers = [
        {"type": "dense", "units": 3, "activation": "sigmoid"},
        {"type": "dropout", "rate": 0.5},
        {"type": "dense", "units": 1, "activation": "linear"},
    ]
    net = _net(layers, 2, "float64", seed=11)
    loss = resolve_loss("mse", "regression", 1)
    x, t = _example("mse", 2, 1, "float64", seed=11)
    g = build_graph(net, loss, x, t, "train")
    np.testing.assert_array_equal(g.output, g.nodes[-2].value)
    for node_id, unit in g.forward_order():
        step = g.forward_step(node_id, unit)
        if step.terms:
            total = sum(term.product for term in step.terms) + (step.offset[1] if step.offset else 0.0)
            assert total == pytest.approx(step.value, abs=1e-12)
    assert g.forward_step("L", 0).formula == "(z₂[1] − y[1])²"


def test_input_gradient_matches_finite_differences():
    layers = [
        {"type": "dense", "units": 4, "activation": "tanh"},
        {"type": "batchnorm"},
        {"type": "residual", "layers": [{"type": "dense", "units": 4, "activation": "softplus"}]},
        {"type": "dense", "units": 3, "activation": "softmax"},
    ]
    net = _net(layers, 3, "float64", seed=13)
    loss = resolve_loss("mse", "regression", 3)
    x, t = _example("mse", 3, 3, "float64", seed=13)
    g = build_graph(net, loss, x, t, "eval")
    eps = 1e-6
    numeric = np.zeros(3)
    for i in range(3):
        plus, minus = x.copy(), x.copy()
        plus[i] += eps
        minus[i] -= eps
        lp = loss.value(net.predict(plus[None]), t[None])
        lm = loss.value(net.predict(minus[None]), t[None])
        numeric[i] = (lp - lm) / (2 * eps)
    np.testing.assert_allclose(g.input_grad, numeric, rtol=1e-6, atol=1e-9)
    steps = [g.backward_step("x", i) for i in range(3)]
    np.testing.assert_allclose([s.value for s in steps], numeric, rtol=1e-6, atol=1e-9)
    assert g.backward_order()[-1] == ("x", 2)


def test_graph_leaves_the_network_untouched_and_pickles():
    layers = [{"type": "dense", "units": 3, "activation": "relu"}, {"type": "dense", "units": 1}]
    net = _net(layers, 2, "float32", seed=17)
    net.flat_grad[...] = 7.0
    flat = net.flat.copy()
    loss = resolve_loss("mse", "regression", 1)
    g = build_graph(net, loss, np.ones(2, np.float32), np.zeros(1, np.float32))
    assert (net.flat_grad == 7.0).all() and (net.flat == flat).all()
    assert net.layers[0].need_input_grad is False
    g2 = pickle.loads(pickle.dumps(g))
    assert g2.backward_step("x", 1) == g.backward_step("x", 1)
    assert g2.dtype == "float32"


PROJECT = {
    "format": "backprop-lab/1",
    "data": {"source": "xor", "samples": 40},
    "network": {
        "layers": [
            {"type": "dense", "units": 3, "activation": "tanh"},
            {"type": "dense", "units": 1, "activation": "sigmoid"},
        ]
    },
    "loss": "bce",
}


def test_query_rows_inputs_and_errors():
    tr = Trainer(PROJECT, seed=0)
    g = graph_query(tr, 2, "val")
    assert g.source == {"index": 2, "part": "val"}
    np.testing.assert_array_equal(g.nodes[0].value, tr.x_val[2])
    np.testing.assert_array_equal(g.raw_input, tr.data.raw_x_val[2])
    # a raw point (as on the Output plane) is standardised like the data
    raw = tr.data.raw_x_train[5]
    g = graph_query(tr, list(raw), int(tr.data.y_train[5]))
    np.testing.assert_allclose(g.nodes[0].value, tr.x_train[5], rtol=1e-12)
    assert g.target_class == int(tr.data.y_train[5])
    g = graph_query(tr, [0.5, -0.5], 1, {"raw": False, "dropout": "eval"})
    np.testing.assert_array_equal(g.nodes[0].value, [0.5, -0.5])
    cases = [
        ((99, "train"), "graph.index", "99"),
        ((0, "test"), "graph.part", "'test'"),
        (([1.0], 0), "graph.input", "got 1"),
        (([1.0, "a"], 0), "graph.input[1]", "'a'"),
        (([1.0, float("nan")], 0), "graph.input[1]", "nan"),
        (([1.0, 2.0], 5), "graph.target", "5"),
        (([1.0, 2.0], 0, {"dropout": "sometimes"}), "graph.dropout", "'sometimes'"),
        (("row", None), "graph.input", "'row'"),
    ]
    for args, key, value in cases:
        with pytest.raises(ConfigError) as info:
            graph_query(tr, *args)
        text = str(info.value)
        assert text.startswith(key + ":") and value in text, text
        assert info.value.args["key"] == key


def test_a_huge_weight_matrix_is_left_out_and_the_sums_are_given_in_symbols(monkeypatch):
    import core.graph as graph_module

    monkeypatch.setattr(graph_module, "MAX_MATRIX", 10)
    layers = [{"type": "dense", "units": 6, "activation": "relu"}, {"type": "dense", "units": 1}]
    net = _net(layers, 3, "float64", seed=19)
    loss = resolve_loss("mse", "regression", 1)
    x, t = _example("mse", 3, 1, "float64", seed=19)
    g = build_graph(net, loss, x, t)
    assert "layers.0.weight" not in g.param_grads and "layers.1.weight" in g.param_grads
    fwd = g.forward_step("layers.0:z", 0)
    assert fwd.args["omitted"] and not fwd.terms and fwd.formula == "Σⱼ W₁[1,j] · x[j] + b₁[1]"
    back = g.backward_step("x", 0)
    assert back.args["omitted"] and back.value == g.input_grad[0]
    step = g.backward_step("layers.0:z", 2, max_params=2)
    assert [p.symbol for p in step.params] == ["∂L/∂b₁[3]"] and step.args["params_total"] == 1
    step = g.backward_step("layers.1:z", 0, max_params=2)
    assert len(step.params) == 3 and step.args["params_total"] == 7


def test_the_worked_examples_loss_is_written_with_its_half_and_sum():
    """½(y − t)² with reduction sum (the course's loss): written, and it multiplies out."""
    import os

    from core.project import load_project
    from core.trainer import Trainer

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    tr = Trainer(load_project(os.path.join(root, "resources", "examples", "worked_2_2_1.json")))
    g = build_graph(tr.network, tr.loss, tr.x_train[0], tr.t_train[0])
    (loss_id, _), (out_id, unit) = g.backward_order()[:2]
    out = g.backward_step(out_id, unit)
    assert out.formula == "(a₂[1] − y[1])"
    (_, y), (_, t) = out.inputs
    assert out.value == pytest.approx(y - t, rel=1e-15)
    forward = g.forward_step(loss_id, 0)
    assert forward.formula == "½ · (a₂[1] − y[1])²"
    assert forward.value == pytest.approx(0.5 * (y - t) ** 2, rel=1e-15)
