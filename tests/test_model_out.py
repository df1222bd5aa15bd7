"""Model out: the weights file's ``input.*`` keys, ``train --json``, and the
``export-onnx`` / ``export-torch`` commands (in this process through ``main``; one
real subprocess checks stdout carries nothing but the JSON)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest

from core.exported_model import from_trainer
from core.project import load_project
from core.registry import ConfigError
from core.torch_export import torch_code
from core.trainer import Trainer
from core.weights import INPUT_KEYS, load_weights, read_weights, read_weights_file, save_arrays, save_weights
from main import main as app_main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "resources" / "examples"


def trained(name: str, steps: int = 20) -> Trainer:
    trainer = Trainer(load_project(str(EXAMPLES / f"{name}.json")))
    for _ in trainer.training_steps(steps=steps):
        pass
    return trainer


# ---- the weights file
def test_weights_file_carries_the_input_pipeline(tmp_path):
    trainer = trained("xor_feature_cross", 5)
    path = tmp_path / "w.npz"
    save_weights(trainer.network, str(path), trainer.data)
    with np.load(path, allow_pickle=False) as npz:  # no pickle needed: no object arrays
        stored = {k: npz[k] for k in npz.files}
    assert set(INPUT_KEYS) <= stored.keys()
    assert all(stored[k].dtype.kind in "Uf" for k in INPUT_KEYS)
    assert stored["input.columns"].tolist() == ["x1", "x2"]
    assert stored["input.features"].tolist() == ["x1", "x2", "x1*x2"]
    assert stored["input.classes"].tolist() == ["class 0", "class 1"]
    assert str(stored["input.task"]) == "classification" and str(stored["input.source"]) == "xor"
    np.testing.assert_array_equal(stored["input.mean"], trainer.data.mean)
    np.testing.assert_array_equal(stored["input.std"], trainer.data.std)
    # the standardisation reproduces the training inputs exactly
    x = trainer.data.prepare_inputs(trainer.data.raw_x_train)
    np.testing.assert_array_equal(x, trainer.data.x_train)
    arrays, inputs = read_weights_file(str(path), trainer.network)
    assert not any(k.startswith("input.") for k in arrays) and inputs.keys() == stored.keys() - arrays.keys()
    assert read_weights(str(path)).keys() == arrays.keys()  # the window's path (no network at hand)
    load_weights(trainer.network, str(path))


def test_regression_without_standardisation_is_the_identity(tmp_path):
    project = load_project(str(EXAMPLES / "sine_regression.json"))
    project["data"]["standardize"] = False
    trainer = Trainer(project)
    path = tmp_path / "w.npz"
    save_weights(trainer.network, str(path), trainer.data)
    _arrays, inputs = read_weights_file(str(path))
    assert inputs["input.mean"].tolist() == [0.0] and inputs["input.std"].tolist() == [1.0]
    assert "input.classes" not in inputs and str(inputs["input.task"]) == "regression"


def test_old_weights_files_still_load(tmp_path):
    trainer = trained("iris", 5)
    path = tmp_path / "old.npz"
    save_arrays(trainer.network.copy_arrays(), str(path))  # as before input.* existed
    arrays, inputs = read_weights_file(str(path), trainer.network)
    assert inputs == {} and arrays.keys() == trainer.network.named_arrays().keys()
    load_weights(trainer.network, str(path))


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("input.mean", np.array(["a", "b", "c", "d"]), r"input\.mean must be floating-point numbers"),
        ("input.features", np.arange(4.0), r"input\.features must be text"),
        ("input.std", np.ones(3), r"input\.std has 3 entries but the network has 4 inputs"),
        ("input.mean", np.ones((4, 1)), r"input\.mean must have 1 dimension"),
        ("input.task", np.array(["a", "b"]), r"input\.task must have 0 dimensions"),
        ("input.std", np.array([1.0, 0.0, 1.0, 1.0]), r"input\.std must be positive"),
        ("input.mean", np.array([1.0, np.nan, 1.0, 1.0]), r"input\.mean contains NaN"),
    ],
)
def test_bad_input_arrays_are_named(tmp_path, key, value, message):
    trainer = Trainer(load_project(str(EXAMPLES / "iris.json")))
    path = tmp_path / "bad.npz"
    save_arrays({**trainer.network.copy_arrays(), key: value}, str(path))
    # without a network at hand (the window reads before it asks) a lone length cannot be wrong
    for network in (trainer.network, None) if "entries" not in message else (trainer.network,):
        with pytest.raises(ConfigError, match=message):
            read_weights_file(str(path), network)


def test_unknown_input_keys_are_ignored(tmp_path):
    trainer = Trainer(load_project(str(EXAMPLES / "iris.json")))
    path = tmp_path / "future.npz"
    save_arrays({**trainer.network.copy_arrays(), "input.future": np.ones(7)}, str(path))
    _arrays, inputs = read_weights_file(str(path), trainer.network)
    assert inputs == {}
    with zipfile.ZipFile(path) as zf:
        assert "input.future.npy" in zf.namelist()


# ---- train --json
def test_train_json_prints_the_report_on_stdout(tmp_path, capsys):
    report = tmp_path / "r.json"
    assert app_main(["train", str(EXAMPLES / "xor.json"), "--steps", "30", "--json", "--report", str(report)]) == 0
    out, err = capsys.readouterr()
    printed = json.loads(out)
    assert printed["steps"] == 30 and 0.0 <= printed["val_accuracy"] <= 1.0
    assert {k: v for k, v in printed.items() if k != "seconds"} == {
        k: v for k, v in json.loads(report.read_text()).items() if k != "seconds"
    }
    assert "training and" in err  # the progress stays on stderr


def test_train_json_of_a_diverged_run_is_strict_json(capsys):
    status = app_main(["train", str(EXAMPLES / "exploding_init.json"), "--steps", "30", "--json", "--quiet"])
    out, err = capsys.readouterr()
    assert status == 1 and "diverged" in err.lower() or "nan" in err.lower()
    printed = json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    assert printed["steps"] >= 0


def test_train_json_in_a_real_process_has_only_json_on_stdout():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "train", str(EXAMPLES / "circle.json"), "--steps", "5", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["steps"] == 5


# ---- export-onnx / export-torch
def test_export_onnx_command(tmp_path, capsys):
    trainer = trained("iris")
    weights, out = tmp_path / "w.npz", tmp_path / "iris.onnx"
    save_weights(trainer.network, str(weights), trainer.data)
    assert app_main(["export-onnx", str(EXAMPLES / "iris.json"), "--weights", str(weights), str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    raw = trainer.data.raw_x_val
    got, label = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"]).run(None, {"input": raw})
    want = trainer.class_scores(trainer.predict_output(trainer.x_val))
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(label, want.argmax(axis=1))


def test_export_from_an_old_weights_file_uses_the_project(tmp_path, capsys):
    trainer = trained("xor_feature_cross")
    weights, out = tmp_path / "old.npz", tmp_path / "m.onnx"
    save_arrays(trainer.network.copy_arrays(), str(weights))
    assert app_main(["export-onnx", str(EXAMPLES / "xor_feature_cross.json"), "--weights", str(weights), str(out)]) == 0
    assert "does not carry the input standardisation" in capsys.readouterr().err
    got = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"]).run(
        None, {"input": trainer.data.raw_x_val}
    )
    np.testing.assert_allclose(got[0], trainer.class_scores(trainer.predict_output(trainer.x_val)), atol=1e-12)


def test_export_torch_command_writes_the_script_and_its_weights(tmp_path):
    trainer = trained("spiral", 5)
    weights, out = tmp_path / "w.npz", tmp_path / "spiral_model.py"
    save_weights(trainer.network, str(weights), trainer.data)
    assert app_main(["export-torch", str(EXAMPLES / "spiral.json"), "--weights", str(weights), str(out)]) == 0
    assert out.read_text(encoding="utf-8") == torch_code(from_trainer(trainer), "spiral_model.npz")
    arrays, inputs = read_weights_file(str(tmp_path / "spiral_model.npz"), trainer.network)
    assert "input.mean" in inputs


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export-onnx", "{project}", "{out}"], "required: --weights"),
        (["export-onnx", "{project}", "--weights", "{missing}", "{out}"], "No such file"),
        (["export-onnx", "{other}", "--weights", "{weights}", "{out}"], "input.features has 4 entries"),
        (["export-onnx", "{project}", "--weights", "{weights}", "{nowhere}"], "does not exist"),
        (["export-torch", "{project}", "--weights", "{weights}", "{folder}/"], "is not a file name"),
    ],
)
def test_export_errors_are_one_line_with_status_2(tmp_path, capsys, args, message):
    trainer = Trainer(load_project(str(EXAMPLES / "iris.json")))
    weights = tmp_path / "w.npz"
    save_weights(trainer.network, str(weights), trainer.data)
    names = {
        "project": EXAMPLES / "iris.json",
        "other": EXAMPLES / "xor.json",
        "weights": weights,
        "missing": tmp_path / "missing.npz",
        "out": tmp_path / "m.onnx",
        "nowhere": tmp_path / "no" / "m.onnx",
        "folder": tmp_path,
    }
    assert app_main([a.format(**names) for a in args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
