"""The worked examples shipped in resources/examples reproduce their course numbers.

Every expected number below is derived by hand (plain ``math``, the chain rule written
out), not by the engine: the forward values, the gradients of the trace and of the
trainer's first step, and the weights after that step (SGD: w - lr * dL/dw).
"""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

from core.inspect import trace_example
from core.project import load_project
from core.trainer import Trainer

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "examples")


def sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def trainer(name: str, dtype: str | None = None) -> Trainer:
    return Trainer(load_project(os.path.join(EXAMPLES, name)), dtype=dtype)


def test_2_2_1_first_step_by_hand():
    x, t, lr = (0.1, 0.8), 0.5, 0.01
    w1, w2 = ((1.0, 2.0), (0.0, 1.0)), (1.0, 2.0)
    # forward
    z1 = [w1[0][0] * x[0] + w1[0][1] * x[1], w1[1][0] * x[0] + w1[1][1] * x[1]]  # [1.7, 0.8]
    a1 = [sigma(z) for z in z1]
    z2 = w2[0] * a1[0] + w2[1] * a1[1]
    y = sigma(z2)
    loss = 0.5 * (y - t) ** 2
    # backward: local derivative times upstream gradient
    dl_dy = y - t
    dl_dz2 = dl_dy * y * (1 - y)
    dl_dw2 = [dl_dz2 * a1[0], dl_dz2 * a1[1]]
    dl_da1 = [dl_dz2 * w2[0], dl_dz2 * w2[1]]
    dl_dz1 = [dl_da1[i] * a1[i] * (1 - a1[i]) for i in range(2)]
    dl_dw1 = [[dl_dz1[i] * x[j] for j in range(2)] for i in range(2)]
    # the numbers the example's description quotes
    assert z1 == pytest.approx([1.7, 0.8])
    assert [round(a, 4) for a in a1] == [0.8455, 0.6900]
    assert (round(z2, 4), round(y, 4), round(loss, 4)) == (2.2255, 0.9025, 0.0810)
    assert (round(dl_dy, 4), round(dl_dz2, 5)) == (0.4025, 0.03541)
    assert [round(g, 5) for g in dl_dw2] == [0.02994, 0.02443]
    assert [[round(g, 6) for g in row] for row in dl_dw1] == [[0.000463, 0.0037], [0.001515, 0.012121]]

    tr = trainer("worked_2_2_1.json")
    assert tr.data.task == "regression" and len(tr.x_train) == 1 and len(tr.x_val) == 0
    np.testing.assert_array_equal(tr.x_train, [x])  # not standardised
    trace = trace_example(tr.network, tr.loss, tr.x_train[0], tr.t_train[0])
    hidden, out = trace["layers"]
    np.testing.assert_allclose(hidden.z, z1, rtol=1e-15)
    np.testing.assert_allclose(hidden.a, a1, rtol=1e-15)
    np.testing.assert_allclose(out.z, [z2], rtol=1e-15)
    np.testing.assert_allclose(trace["output"], [y], rtol=1e-15)
    assert trace["loss"] == pytest.approx(loss, rel=1e-14)
    np.testing.assert_allclose(out.grad_a, [dl_dy], rtol=1e-14)
    np.testing.assert_allclose(out.grad_z, [dl_dz2], rtol=1e-14)
    np.testing.assert_allclose(out.grad_weight, [dl_dw2], rtol=1e-14)
    np.testing.assert_allclose(out.grad_bias, [dl_dz2], rtol=1e-14)
    np.testing.assert_allclose(hidden.grad_a, dl_da1, rtol=1e-14)
    np.testing.assert_allclose(hidden.grad_z, dl_dz1, rtol=1e-14)
    np.testing.assert_allclose(hidden.grad_weight, dl_dw1, rtol=1e-14)
    np.testing.assert_allclose(hidden.grad_bias, dl_dz1, rtol=1e-14)

    assert tr.step() == pytest.approx(loss, rel=1e-14)  # the batch loss before the update
    new = tr.network.copy_arrays()
    np.testing.assert_allclose(new["layers.0.weight"], np.array(w1) - lr * np.array(dl_dw1), rtol=1e-15)
    np.testing.assert_allclose(new["layers.0.bias"], -lr * np.array(dl_dz1), rtol=1e-15)
    np.testing.assert_allclose(new["layers.1.weight"], [np.array(w2) - lr * np.array(dl_dw2)], rtol=1e-15)
    np.testing.assert_allclose(new["layers.1.bias"], [-lr * dl_dz2], rtol=1e-15)
    assert round(new["layers.0.weight"][0, 0], 7) == 0.9999954


def test_sigmoid_neuron_dy_dw_is_0_1966():
    x, w, b, t, lr = 1.0, 0.5, 0.5, 1.0, 0.1
    z = w * x + b
    y = sigma(z)
    dy_dw = y * (1 - y) * x  # sigma'(z) * dz/dw
    assert round(dy_dw, 4) == 0.1966 and round(sigma(1) * (1 - sigma(1)), 4) == 0.1966
    dl_dw = (y - t) * dy_dw
    dl_db = (y - t) * y * (1 - y)
    assert round(dl_dw, 5) == -0.05288

    tr = trainer("worked_sigmoid_neuron.json")
    trace = trace_example(tr.network, tr.loss, tr.x_train[0], tr.t_train[0])
    (layer,) = trace["layers"]
    assert layer.z[0] == z and layer.a[0] == pytest.approx(y, rel=1e-15)
    # dL/dz / dL/dy is the local derivative dy/dz; times dz/dw = x it is dy/dw
    assert layer.grad_z[0] / layer.grad_a[0] * x == pytest.approx(dy_dw, rel=1e-14)
    assert layer.grad_weight[0, 0] == pytest.approx(dl_dw, rel=1e-14)
    assert layer.grad_bias[0] == pytest.approx(dl_db, rel=1e-14)
    tr.step()
    new = tr.network.copy_arrays()
    assert new["layers.0.weight"][0, 0] == pytest.approx(w - lr * dl_dw, rel=1e-15)
    assert new["layers.0.bias"][0] == pytest.approx(b - lr * dl_db, rel=1e-15)
    assert round(new["layers.0.weight"][0, 0], 5) == 0.50529


@pytest.mark.parametrize("name", ["worked_2_2_1.json", "worked_sigmoid_neuron.json"])
def test_float32_first_step_is_close(name):
    ref, f32 = trainer(name), trainer(name, dtype="float32")
    ref.step(), f32.step()
    for key, value in ref.network.copy_arrays().items():
        got = f32.network.copy_arrays()[key]
        assert got.dtype == np.float32
        np.testing.assert_allclose(got, value, rtol=1e-6, atol=1e-7)
