"""ONNX export: the exported model, run in ONNX Runtime on raw rows, gives the
engine's prediction (class probabilities, or the regression output) to 1e-6 of
the output's scale, for every example project and every activation, float64 and
float32; the label output is the engine's argmax."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from scipy.special import erf

from core.exported_model import ExportedModel, from_trainer
from core.network import Network
from core.onnx_export import save_onnx, to_onnx, to_onnx_bytes
from core.project import load_project
from core.registry import ConfigError
from core.trainer import Trainer, TrainingDiverged

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.json"))
TOLERANCE = 1e-6


def run_onnx(model_bytes: bytes, raw: np.ndarray) -> list[np.ndarray]:
    session = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    return session.run(None, {"input": np.asarray(raw, dtype=np.float64)})


def engine_prediction(trainer: Trainer) -> tuple[np.ndarray, np.ndarray]:
    """Raw rows of both parts and the engine's prediction for them (what the window shows)."""
    raw = np.concatenate([trainer.data.raw_x_train, trainer.data.raw_x_val])
    out = trainer.predict_output(np.concatenate([trainer.x_train, trainer.x_val]))
    return raw, trainer.class_scores(out) if trainer.data.task == "classification" else out


def assert_close(got: np.ndarray, want: np.ndarray) -> None:
    assert got.shape == want.shape and got.dtype == want.dtype
    scale = max(1.0, float(np.nanmax(np.abs(want), initial=0.0)))
    np.testing.assert_allclose(got, want, rtol=0, atol=TOLERANCE * scale)


def check_trainer(trainer: Trainer) -> None:
    raw, want = engine_prediction(trainer)
    outputs = run_onnx(to_onnx_bytes(from_trainer(trainer)), raw)
    assert_close(outputs[0], want)
    if trainer.data.task == "classification":
        np.testing.assert_array_equal(outputs[1], np.argmax(want, axis=1))
    else:
        assert len(outputs) == 1


def trained(project: dict, dtype: str, steps: int = 5, base_dir: str = ".") -> Trainer:
    trainer = Trainer(project, dtype=dtype, base_dir=base_dir)
    try:
        for _ in trainer.training_steps(steps=steps):
            pass
    except TrainingDiverged:  # still a network: its outputs must agree as they are
        pass
    return trainer


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_agrees_with_the_engine(path, dtype):
    steps = 0 if path.stem == "exploding_init" else 5  # it overflows on purpose
    with np.errstate(all="ignore"):
        check_trainer(trained(load_project(str(path)), dtype, steps, str(path.parent)))


def project(layers, data=None, loss="auto", **training) -> dict:
    return {
        "format": "backprop-lab/1",
        "seed": 3,
        "data": data or {"source": "circle", "samples": 80, "noise": 0.1},
        "network": {"layers": layers},
        "loss": loss,
        "optimizer": {"name": "adam", "lr": 0.05},
        "training": {"batch_size": 16, **training},
    }


ACTIVATIONS = [
    "linear",
    "step",
    "sigmoid",
    "tanh",
    "relu",
    {"name": "leaky_relu", "negative_slope": 0.2},
    {"name": "prelu", "init": 0.3},
    {"name": "elu", "alpha": 0.7},
    "gelu",
    {"name": "gelu", "approximate": "tanh"},
    "silu",
    {"name": "softplus", "beta": 2.0, "threshold": 1.5},
    "softplus",
    "softmax",
]


def _id(activation) -> str:
    return activation if isinstance(activation, str) else "-".join(str(v) for v in activation.values())


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("activation", ACTIVATIONS, ids=_id)
def test_every_activation(activation, dtype):
    layers = [
        {"type": "dense", "units": 6, "activation": activation, "init": {"name": "normal", "std": 2.0}},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ]
    check_trainer(trained(project(layers), dtype))


STRUCTURES = {
    "batchnorm": [
        {"type": "dense", "units": 5, "activation": "relu"},
        {"type": "batchnorm", "momentum": 0.5},
        {"type": "dense", "units": 2, "activation": "softmax"},
    ],
    "batchnorm_first": [{"type": "batchnorm", "eps": 0.01}, {"type": "dense", "units": 1, "activation": "sigmoid"}],
    "residual": [
        {"type": "dense", "units": 4, "activation": "tanh"},
        {
            "type": "residual",
            "layers": [
                {"type": "dense", "units": 4, "activation": "relu"},
                {"type": "dropout", "rate": 0.3},
                {"type": "batchnorm"},
                {"type": "residual", "layers": [{"type": "dense", "units": 4, "activation": "gelu"}]},
            ],
        },
        {"type": "dropout", "rate": 0.5},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ],
    "no_bias": [
        {"type": "dense", "units": 3, "activation": "tanh", "bias": False},
        {"type": "dense", "units": 1, "activation": "sigmoid", "bias": False},
    ],
}


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("name", list(STRUCTURES))
def test_batchnorm_residual_dropout(name, dtype):
    check_trainer(trained(project(STRUCTURES[name]), dtype, steps=8))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize(
    ("last", "loss", "data"),
    [
        ("linear", "bce", None),  # logits: the prediction applies the sigmoid
        ("linear", "cross_entropy", {"source": "spiral", "classes": 3, "samples": 90}),  # logits: softmax
        ("sigmoid", "mse", None),  # one probability column, no logits
        ("linear", "mse", {"source": "sine", "samples": 50}),  # regression
    ],
)
def test_prediction_heads(last, loss, data, dtype):
    units = 3 if data and data.get("classes") == 3 else 1
    layers = [
        {"type": "dense", "units": 5, "activation": "tanh"},
        {"type": "dense", "units": units, "activation": last},
    ]
    check_trainer(trained(project(layers, data, loss), dtype))


@pytest.mark.parametrize("standardize", [True, False])
def test_feature_transforms_and_standardisation(standardize):
    features = ["x1", "x2", "x1^2", "x2^3", "x1*x2", "sin(x1)", "cos(x2)", "x1^0"]
    data = {"source": "moons", "samples": 60, "features": features, "standardize": standardize}
    trainer = trained(project([{"type": "dense", "units": 1, "activation": "sigmoid"}], data), "float32")
    check_trainer(trainer)
    graph = to_onnx(from_trainer(trainer)).graph
    assert graph.input[0].type.tensor_type.shape.dim[1].dim_value == 2  # the raw columns, not the 8 features
    assert ("input.mean" in {i.name for i in graph.initializer}) == standardize


def test_erf64_is_accurate_over_the_whole_line():
    """Exact GELU in float64 goes through the model-local Erf64 (ONNX Runtime has no double Erf)."""
    network = Network.from_spec([{"type": "dense", "units": 1, "activation": "gelu"}], 1, np.random.default_rng(0))
    network.layers[0].p["weight"][...] = 1.0
    network.layers[0].p["bias"][...] = 0.0
    model = ExportedModel(network, ["z"], None, ["z"], np.zeros(1), np.ones(1), "regression", None, "identity")
    z = np.concatenate([np.linspace(-12, 12, 4801), [-1e300, -40.0, -1e-300, 0.0, 1e-300, 40.0, 1e300]])[:, None]
    got = run_onnx(to_onnx_bytes(model), z)[0]
    want = 0.5 * z * (1.0 + erf(z * np.sqrt(0.5)))
    # erf itself to 1e-15: the engine's 1 + erf(z) cancels for z << 0 as much as this does
    assert np.all(np.abs(got - want) <= 1e-15 * np.maximum(1.0, np.abs(z))), np.max(np.abs(got - want))
    assert np.all(np.isfinite(got))


def test_model_is_valid_named_and_written_atomically(tmp_path):
    trainer = trained(project(STRUCTURES["residual"]), "float64")
    out = tmp_path / "model.onnx"
    save_onnx(from_trainer(trainer), str(out))
    model = onnx.load(str(out))
    onnx.checker.check_model(model, full_check=True)
    names = {i.name for i in model.graph.initializer}
    assert {"layers.0.weight", "layers.1.layers.0.bias", "layers.1.layers.2.running_var"} <= names
    props = {p.key: p.value for p in model.metadata_props}
    assert props["task"] == '"classification"' and props["columns"] == '["x1", "x2"]'
    assert [o.name for o in model.graph.output] == ["prediction", "label"]
    assert [p.name for p in tmp_path.iterdir()] == ["model.onnx"]  # no temporary file left


def test_unknown_activation_is_a_clear_error():
    trainer = trained(project([{"type": "dense", "units": 1, "activation": "sigmoid"}]), "float64", steps=0)
    model = from_trainer(trainer)
    broken = copy.copy(model.network.layers[0].activation)
    broken.name = "mystery"
    model.network.layers[0].activation = broken
    with pytest.raises(ConfigError, match=r"layers\.0\.activation: 'mystery' has no ONNX form"):
        to_onnx(model)
