"""Export as PyTorch code: the generated script, with the weights file beside it,
gives the engine's prediction to 1e-6 (where torch is installed); without torch,
the text generated for a fixed project must equal the committed golden file
(``BACKPROP_LAB_UPDATE_GOLDEN=1`` rewrites it; review the diff)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import numpy as np
import pytest
from test_onnx_export import (
    ACTIVATIONS,
    EXAMPLES,
    STRUCTURES,
    assert_close,
    engine_prediction,
    project,
    trained,
)

from core.exported_model import from_trainer
from core.project import load_project
from core.torch_export import save_torch_code, torch_code
from core.weights import save_weights

GOLDEN = Path(__file__).resolve().parent / "golden" / "torch_model.py.txt"
#: every kind of layer, a feature transform of each kind, a learned activation and the step
GOLDEN_PROJECT = project(
    [
        {"type": "batchnorm"},
        {"type": "dense", "units": 4, "activation": {"name": "prelu", "init": 0.2}},
        {
            "type": "residual",
            "layers": [
                {"type": "dense", "units": 4, "activation": "step"},
                {"type": "dropout", "rate": 0.25},
                {"type": "dense", "units": 4, "activation": {"name": "gelu", "approximate": "tanh"}},
            ],
        },
        {"type": "dense", "units": 2, "bias": False},
    ],
    {"source": "xor", "samples": 40, "features": ["x1", "x2^3", "x1*x2", "sin(x1)", "cos(x2)"]},
    "cross_entropy",
)


def test_generated_text_equals_the_golden_file():
    text = torch_code(from_trainer(trained(GOLDEN_PROJECT, "float32", steps=0)), "model.npz")
    if os.environ.get("BACKPROP_LAB_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
    compile(text, str(GOLDEN), "exec")  # valid Python


def _run_generated(tmp_path, trainer, name="model"):
    """Write the script and its weights, import it, and return its prediction for the raw rows."""
    torch = pytest.importorskip("torch")
    script, weights = tmp_path / f"{name}.py", tmp_path / f"{name}.npz"
    save_torch_code(from_trainer(trainer), str(script), weights.name)
    save_weights(trainer.network, str(weights), trainer.data)
    spec = importlib.util.spec_from_file_location(f"exported_{name}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.build_model()
    inputs = module.load_weights(model)
    raw, want = engine_prediction(trainer)
    with torch.no_grad():
        got = module.predict(model, inputs, raw).numpy()
    return module, got, want


CASES = {p.stem: (load_project(str(p)), 0 if p.stem == "exploding_init" else 5) for p in EXAMPLES}
#: every activation, one after another (the ONNX tests take them one at a time)
CASES["activations"] = (
    project(
        [{"type": "dense", "units": 3, "activation": a, "init": {"name": "normal", "std": 1.5}} for a in ACTIVATIONS]
        + [{"type": "dense", "units": 1, "activation": "sigmoid"}]
    ),
    5,
)
CASES.update({name: (project(layers), 8) for name, layers in STRUCTURES.items()})
CASES["golden"] = (GOLDEN_PROJECT, 5)
FLOAT32 = ("digits", "deep_relu_batchnorm", "activations", "residual", "golden")


@pytest.mark.parametrize(("case", "dtype"), [(c, "float64") for c in CASES] + [(c, "float32") for c in FLOAT32])
def test_generated_code_reproduces_the_engine(tmp_path, case, dtype):
    spec, steps = CASES[case]
    with np.errstate(all="ignore"):
        trainer = trained(spec, dtype, steps, str(EXAMPLES[0].parent))
    _module, got, want = _run_generated(tmp_path, trainer)
    assert_close(got, want)


def test_generated_script_prints_predictions(tmp_path, capsys):
    trainer = trained(GOLDEN_PROJECT, "float64", steps=5)
    module, got, _want = _run_generated(tmp_path, trainer, "xor_model")
    rows = tmp_path / "rows.csv"
    raw = trainer.data.raw_x_val[:3]
    np.savetxt(rows, raw, delimiter=",")
    module.main([str(rows)])
    printed = np.array([[float(v) for v in line.split(",")] for line in capsys.readouterr().out.splitlines()])
    np.testing.assert_allclose(printed, got[len(trainer.data.raw_x_train) :][:3], rtol=0, atol=1e-15)
