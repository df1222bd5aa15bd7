"""Explicit parameter values in a project (``"values"`` of a dense layer) and setting one
scalar of a running network (``Network.set_value``, the ``set_param`` query)."""

from __future__ import annotations

import numpy as np
import pytest

from core.network import Network
from core.project import default_project, normalize_project
from core.queries import QUERIES
from core.registry import ConfigError
from core.shapes import describe_layers, keeps_weights
from core.trainer import Trainer


def dense(units, **extra):
    return {"type": "dense", "units": units, "activation": "sigmoid", **extra}


def project(layers, **data):
    p = default_project()
    p["data"] = {"source": "points", "x": [[0.1, 0.8]], "y": [0.5], **data}
    p["network"] = {"layers": layers}
    p["loss"] = "mse"
    return p


def test_values_replace_the_initialiser_and_leave_the_others_alone():
    layers = [dense(2), dense(1)]
    plain = Trainer(project(layers)).network.copy_arrays()
    given = [dense(2, values={"weight": [[1, 2], [0, 1]], "bias": [0, 0]}), dense(1)]
    arrays = Trainer(project(given)).network.copy_arrays()
    np.testing.assert_array_equal(arrays["layers.0.weight"], [[1.0, 2.0], [0.0, 1.0]])
    np.testing.assert_array_equal(arrays["layers.0.bias"], [0.0, 0.0])
    assert np.array_equal(arrays["layers.1.weight"], plain["layers.1.weight"]), "the next layer draws the same"
    only_bias = Trainer(project([dense(2, values={"bias": [0.5, -0.5]}), dense(1)])).network.copy_arrays()
    assert np.array_equal(only_bias["layers.0.weight"], plain["layers.0.weight"])
    np.testing.assert_array_equal(only_bias["layers.0.bias"], [0.5, -0.5])


def test_values_in_float32_and_saved_spec():
    p = project([dense(2, values={"weight": [[1, 2], [0, 1]]}), dense(1)])
    p["training"] = {"dtype": "float32"}
    net = Trainer(p).network
    assert net.params[0].value.dtype == np.float32
    assert normalize_project(p)["network"]["layers"][0]["values"] == {"weight": [[1, 2], [0, 1]]}


@pytest.mark.parametrize(
    "values, key, words",
    [
        ({"weight": [[1, 2]]}, "network.layers[0].values.weight", "1 rows, the layer has 2 units"),
        ({"weight": [[1, 2], [3]]}, "network.layers[0].values.weight[1]", "has 1 numbers, row 0 has 2"),
        ({"weight": [[1, 2, 3], [1, 2, 3]]}, "network.layers[0].values.weight", "3 columns, the layer has 2 inputs"),
        ({"weight": [[1, "x"], [3, 4]]}, "network.layers[0].values.weight[0][1]", "'x'"),
        ({"bias": [1, 2, 3]}, "network.layers[0].values.bias", "3 numbers, the layer has 2 units"),
        ({"bias": [1, 10**400]}, "network.layers[0].values.bias[1]", "finite"),
        ({"bias": 1}, "network.layers[0].values.bias", "list of numbers"),
        ({"gamma": [1]}, "network.layers[0].values.gamma", "unknown key"),
        ([1, 2], "network.layers[0].values", "must be an object"),
    ],
)
def test_bad_values_name_layer_and_key(values, key, words):
    with pytest.raises(ConfigError) as err:
        Trainer(project([dense(2, values=values), dense(1)]))
    assert str(err.value).startswith(key + ":"), str(err.value)
    assert words in str(err.value)


def test_shapes_check_the_inputs_and_signature_sees_values():
    layers = [dense(2, values={"weight": [[1, 2, 3], [1, 2, 3]]})]
    with pytest.raises(ConfigError, match="values.weight"):
        describe_layers(layers, 2)
    assert describe_layers(layers, 3)[0].param_shapes["weight"] == (2, 3)
    assert not keeps_weights([dense(2)], [dense(2, values={"bias": [1, 2]})], 2)
    assert keeps_weights([dense(2, values={"bias": [1, 2]})], [dense(2, values={"bias": [1, 2]})], 2)
    with pytest.raises(ConfigError, match="no bias"):
        describe_layers([dense(2, bias=False, values={"bias": [1, 2]})], 2)


def test_set_value_one_scalar():
    net = Network.from_spec([dense(2), dense(1)], 2, np.random.default_rng(0))
    before = net.copy_arrays()
    old = net.set_value("layers.0.weight", [1, 0], 0.25)
    assert old == before["layers.0.weight"][1, 0]
    after = net.copy_arrays()
    assert after["layers.0.weight"][1, 0] == 0.25
    after["layers.0.weight"][1, 0] = old
    assert all(np.array_equal(after[k], before[k]) for k in before), "nothing else moved"
    assert net.set_value("layers.1.bias", 0, -1.5) == before["layers.1.bias"][0]
    assert net.flat[net.params[-1].offset] == -1.5  # the flat buffer the optimizer steps
    for name, index, value, words in [
        ("layers.5.weight", [0, 0], 1.0, "no such parameter"),
        ("layers.0.weight", [2, 0], 1.0, "outside its shape"),
        ("layers.0.weight", [0], 1.0, "outside its shape"),
        ("layers.0.bias", [0], float("nan"), "finite"),
    ]:
        with pytest.raises(ConfigError, match=words):
            net.set_value(name, index, value)


def test_set_param_query_is_live_and_redraws():
    trainer = Trainer(project([dense(2), dense(1)]))
    fn, redraw = QUERIES["set_param"]
    assert redraw
    answer = fn(trainer, "layers.0.weight", (0, 1), 2.0)
    assert answer["new"] == 2.0 and answer["step"] == 0
    assert trainer.network.copy_arrays()["layers.0.weight"][0, 1] == 2.0
    trainer.step()
    assert fn(trainer, "layers.0.bias", 1, 0.0)["step"] == 1


def test_a_new_number_of_units_drops_the_typed_values_that_no_longer_fit():
    from gui import network_edit as ne

    layers = [
        dense(2, values={"weight": [[1, 2], [0, 1]], "bias": [0, 0]}),
        dense(1, values={"weight": [[1, 2]], "bias": [0.5]}),
    ]
    new = ne.change_units(layers, (0,), +1)
    assert "values" not in new[0] and new[1]["values"] == {"bias": [0.5]}
    assert describe_layers(new, 2)[0].out_width == 3
    assert layers[0]["values"]["bias"] == [0, 0], "the argument is untouched"
    assert ne.set_field(layers, (0,), "activation", "tanh")[0]["values"] == layers[0]["values"]
