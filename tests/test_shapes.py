"""core.shapes: the shapes a spec describes equal the shapes of the network built
from it, and ``keeps_weights`` says exactly when the weights can be loaded."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from core.network import Network
from core.registry import ConfigError
from core.shapes import describe_layers, keeps_weights, output_widths
from core.trainer import Trainer

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "resources" / "examples").glob("*.json"))


def assert_matches_network(specs, in_width):
    shapes = describe_layers(specs, in_width)
    net = Network.from_spec(specs, in_width, np.random.default_rng(0))
    assert len(shapes) == len(net.entries)
    for s, e in zip(shapes, net.entries):
        layer = e.layer
        assert s.weights_path == e.path
        assert s.key == e.key
        assert s.label == e.label
        assert s.kind == layer.kind
        assert (s.in_width, s.out_width) == (layer.in_width, layer.out_width)
        assert s.param_shapes == {k: v.shape for k, v in layer.p.items()}
        assert list(s.param_shapes) == list(layer.p)
        assert s.buffer_shapes == {k: v.shape for k, v in layer.buffers.items()}
        assert s.depth == e.path.count(".layers.")
        assert s.activation == (layer.activation.name if layer.kind == "dense" else None)
        assert s.path == tuple(int(p) for p in e.path.split(".")[1::2])
    named = {}
    for s in shapes:
        named.update(s.array_shapes())
    assert named == {k: v.shape for k, v in net.named_arrays().items()}
    assert sum(s.num_params for s in shapes) == net.num_params
    assert output_widths(specs, in_width) == [layer.out_width for layer in net.layers]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_match_built_network(path):
    project = json.loads(path.read_text())
    trainer = Trainer(project, base_dir=str(path.parent))  # data files are named relative to the project
    specs = trainer.project["network"]["layers"]
    assert_matches_network(specs, trainer.data.in_width)
    info = trainer.info()
    shapes = describe_layers(specs, trainer.data.in_width)
    assert [(i.path, i.key, i.kind, i.in_width, i.out_width, i.activation, i.depth) for i in info.layers] == [
        (s.weights_path, s.key, s.kind, s.in_width, s.out_width, s.activation, s.depth) for s in shapes
    ]


def random_layer(rng, width, depth=0):
    kind = rng.choice(
        ["dense", "dense", "dropout", "batchnorm", "residual"] if depth == 0 else ["dense", "dropout", "batchnorm"]
    )
    if kind == "dense":
        layer = {
            "type": "dense",
            "units": int(rng.integers(1, 9)),
            "activation": str(rng.choice(["tanh", "relu", "prelu", "sigmoid", "linear"])),
        }
        if rng.random() < 0.3:
            layer["bias"] = False
        return layer, layer["units"]
    if kind == "dropout":
        return {"type": "dropout", "rate": 0.1}, width
    if kind == "batchnorm":
        return {"type": "batchnorm"}, width
    inner, w = [], width
    for _ in range(int(rng.integers(1, 3))):
        layer, w = random_layer(rng, w, 1)
        inner.append(layer)
    inner.append({"type": "dense", "units": width, "activation": "relu"})
    return {"type": "residual", "layers": inner}, width


@pytest.mark.parametrize("seed", range(40))
def test_random_specs_match_built_network(seed):
    rng = np.random.default_rng(seed)
    in_width = int(rng.integers(1, 6))
    specs, w = [], in_width
    for _ in range(int(rng.integers(1, 7))):
        layer, w = random_layer(rng, w)
        specs.append(layer)
    assert_matches_network(specs, in_width)


def test_prelu_slopes_and_nested_paths():
    specs = [
        {"type": "dense", "units": 3, "activation": "prelu"},
        {"type": "residual", "layers": [{"type": "batchnorm"}, {"type": "dense", "units": 3}]},
        {"type": "dense", "units": 1},
    ]
    shapes = describe_layers(specs, 2)
    assert shapes[0].param_shapes == {"weight": (3, 2), "bias": (3,), "activation.weight": (3,)}
    assert [s.path for s in shapes] == [(0,), (1,), (1, 0), (1, 1), (2,)]
    assert shapes[2].key == "network.layers[1].layers[0]"
    assert shapes[2].weights_path == "layers.1.layers.0"
    assert shapes[2].buffer_shapes == {"running_mean": (3,), "running_var": (3,)}
    assert shapes[1].kind == "residual" and shapes[1].param_shapes == {}
    assert [s.depth for s in shapes] == [0, 0, 1, 1, 0]
    assert output_widths(specs, 2) == [3, 3, 1]


@pytest.mark.parametrize(
    "specs, in_width, key",
    [
        ([{"type": "dense"}], 2, "network.layers[0].units"),
        ([{"type": "dense", "units": 0}], 2, "network.layers[0].units"),
        ([{"type": "conv"}], 2, "network.layers[0].type"),
        (["dense"], 2, "network.layers[0]"),
        ([{"type": "dense", "units": 2, "activation": "nope"}], 2, "network.layers[0].activation"),
        ([{"type": "residual", "layers": [{"type": "dense", "units": 3}]}], 2, "network.layers[0]"),
        (
            [
                {"type": "dense", "units": 2},
                {"type": "residual", "layers": [{"type": "residual", "layers": [{"type": "dense", "units": 5}]}]},
            ],
            2,
            "network.layers[1].layers[0]",
        ),
        ([], 2, "network.layers"),
        ({"type": "dense"}, 2, "network.layers"),
        ([{"type": "dense", "units": 2}], 0, "input width"),
    ],
)
def test_bad_specs_name_the_key(specs, in_width, key):
    with pytest.raises(ConfigError) as exc:
        describe_layers(specs, in_width)
    assert str(exc.value).startswith(key + ":") or str(exc.value).startswith(key + "."), str(exc.value)
    with pytest.raises(ConfigError):
        output_widths(specs, in_width)


BASE = [
    {"type": "dense", "units": 4, "activation": "tanh"},
    {"type": "dropout", "rate": 0.2},
    {"type": "dense", "units": 1, "activation": "sigmoid"},
]


def edited(**change):
    specs = copy.deepcopy(BASE)
    index = change.pop("index", 0)
    specs[index].update(change)
    return specs


@pytest.mark.parametrize(
    "new, keep",
    [
        (edited(activation="relu"), True),  # default init: the activation's change keeps the weights
        (edited(activation={"name": "leaky_relu", "negative_slope": 0.2}), True),
        (edited(index=1, rate=0.5), True),
        (edited(units=5), False),
        (edited(bias=False), False),
        (edited(init="he_normal"), False),
        (edited(bias_init={"name": "constant", "value": 0.1}), False),
        (edited(activation="prelu"), False),  # a new parameter: the slopes
        (BASE[:1] + BASE[2:], False),  # removing the dropout renames the output layer's arrays
        (BASE + [{"type": "dense", "units": 1}], False),
        ([{"type": "batchnorm"}] + BASE, False),
        ([{"type": "dense", "units": 4, "activation": "tanh", "bias": True, "bias_init": "zeros"}] + BASE[1:], True),
        ([{"type": "dense", "units": "x"}] + BASE[1:], False),  # invalid: nothing to keep
    ],
)
def test_keeps_weights(new, keep):
    assert keeps_weights(BASE, new, 2) is keep
    if keep:  # and the claim holds: the new network loads the old one's arrays
        old = Network.from_spec(BASE, 2, np.random.default_rng(0))
        Network.from_spec(new, 2, np.random.default_rng(1)).load_arrays(old.copy_arrays())


def test_keeps_weights_init_spellings_and_prelu_init():
    a = edited(init="xavier_uniform")
    assert keeps_weights(a, edited(init={"name": "glorot_uniform"}), 2)
    assert not keeps_weights(a, edited(init="xavier_normal"), 2)
    p = edited(activation="prelu")
    assert keeps_weights(p, edited(activation={"name": "prelu"}), 2)
    assert not keeps_weights(p, edited(activation={"name": "prelu", "init": 0.1}), 2)
    assert keeps_weights(BASE, BASE, 3)


def test_shapes_do_not_touch_a_built_network():
    """Asking a built PReLU layer for its shapes leaves its slopes bound to the flat buffer."""
    net = Network.from_spec([{"type": "dense", "units": 3, "activation": "prelu"}], 2, np.random.default_rng(0))
    layer = net.layers[0]
    before = layer.activation.weight
    assert layer.param_shapes(2)["activation.weight"] == (3,)
    layer.init_signature()
    assert layer.activation.weight is before
    assert np.shares_memory(layer.activation.weight, net.flat)


def test_layers_with_statistics_are_those_a_snapshot_describes():
    project = json.loads((EXAMPLES[0].parent / "deep_residual.json").read_text())
    trainer = Trainer(project)
    shapes = describe_layers(trainer.project["network"]["layers"], trainer.data.in_width)
    assert [s.weights_path for s in shapes if s.has_stats] == [s.path for s in trainer.snapshot().layers]
