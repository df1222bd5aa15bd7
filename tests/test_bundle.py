"""The reproducible bundle: retrain.py, run alone with NumPy, reaches the run's final weights."""

from __future__ import annotations

import ast
import copy
import json
import os
import re
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from core.bundle import TEMPLATE, bundle_state, make_bundle, replay_matches, write_bundle
from core.cli import main as cli_main
from core.project import load_project
from core.trainer import Trainer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "resources", "examples")

MOONS = {
    "format": "backprop-lab/1",
    "seed": 3,
    "data": {"source": "moons", "samples": 120, "noise": 0.2, "validation_split": 0.25},
    "network": {
        "layers": [
            {"type": "dense", "units": 6, "activation": "tanh"},
            {"type": "dense", "units": 1, "activation": "sigmoid"},
        ]
    },
    "loss": "bce",
    "optimizer": {"name": "adam", "lr": 0.05},
    "training": {"batch_size": 16, "epochs": 5},
}


def _variant(**changes) -> dict:
    project = copy.deepcopy(MOONS)
    for key, value in changes.items():
        section, _, name = key.partition("__")
        if name:
            project[section][name] = value
        else:
            project[section] = value
    return project


def _projects() -> dict:
    return {
        "xor dense tanh adam": load_project(os.path.join(EXAMPLES, "xor.json")),
        "sgd momentum nesterov weight decay": _variant(
            optimizer={"name": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}
        ),
        "dropout and every hidden activation": _variant(
            network={
                "layers": [
                    {"type": "dense", "units": 6, "activation": "relu"},
                    {"type": "dropout", "rate": 0.3},
                    {"type": "dense", "units": 5, "activation": "gelu"},
                    {"type": "dense", "units": 5, "activation": "elu"},
                    {"type": "dense", "units": 5, "activation": "prelu"},
                    {"type": "dense", "units": 5, "activation": "silu"},
                    {"type": "dense", "units": 5, "activation": "softplus"},
                    {"type": "dense", "units": 5, "activation": {"name": "leaky_relu", "negative_slope": 0.1}},
                    {"type": "dense", "units": 1, "activation": "sigmoid"},
                ]
            }
        ),
        "cross-entropy softmax, rmsprop centred": _variant(
            loss="cross_entropy",
            optimizer={"name": "rmsprop", "lr": 0.01, "centered": True, "momentum": 0.5},
            network={
                "layers": [
                    {"type": "dense", "units": 6, "activation": "tanh"},
                    {"type": "dense", "units": 2, "activation": "softmax"},
                ]
            },
        ),
        "regression mse half sum, adagrad": {
            "format": "backprop-lab/1",
            "seed": 1,
            "data": {"source": "sine", "samples": 80},
            "network": {"layers": [{"type": "dense", "units": 8, "activation": "tanh"}, {"type": "dense", "units": 1}]},
            "loss": {"name": "mse", "half": True, "reduction": "sum"},
            "optimizer": {"name": "adagrad", "lr": 0.05, "lr_decay": 0.01},
            "training": {"batch_size": 8, "grad_clip": 0.5},
        },
        "float32 batchnorm residual adamw amsgrad, step schedule": _variant(
            optimizer={"name": "adamw", "lr": 0.02, "amsgrad": True},
            schedule={"name": "step", "step_size": 1, "gamma": 0.5},
            training__dtype="float32",
            network={
                "layers": [
                    {"type": "dense", "units": 6, "activation": "tanh"},
                    {"type": "batchnorm"},
                    {"type": "residual", "layers": [{"type": "dense", "units": 6, "activation": "relu"}]},
                    {"type": "dense", "units": 1, "activation": "sigmoid"},
                ]
            },
        ),
    }


def run_retrain(folder) -> tuple[int, str, float]:
    """Run retrain.py as a stranger would: its own folder, no path to this package."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
    done = subprocess.run(
        [sys.executable, "-I", "retrain.py"], cwd=folder, capture_output=True, text=True, env=env, timeout=120
    )
    match = re.search(r"max abs difference (\S+)", done.stdout)
    return done.returncode, done.stdout + done.stderr, float(match.group(1)) if match else float("nan")


@pytest.mark.parametrize("name", list(_projects()))
def test_retrain_reaches_the_final_weights(tmp_path, name):
    project = _projects()[name]
    out = tmp_path / "bundle"
    result, report = make_bundle(project, str(out), base_dir=EXAMPLES, steps=45)
    assert result.retrain and result.why_not is None
    assert report["steps"] == 45
    for f in (
        "project.json",
        "manifest.json",
        "initial_weights.npz",
        "final_weights.npz",
        "history.csv",
        "data.npz",
        "retrain.py",
        "README.md",
    ):
        assert (out / f).is_file(), f
    status, text, diff = run_retrain(out)
    assert status == 0, text
    assert diff <= 1e-12, text


def test_the_script_needs_numpy_and_the_standard_library_only():
    with open(TEMPLATE, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            modules.add((node.module or "").split(".")[0])
    assert modules <= {"__future__", "argparse", "ctypes", "json", "math", "os", "sys", "numpy"}, modules


def test_cli_writes_a_zip_whose_script_checks_out(tmp_path, capsys):
    out = tmp_path / "run.zip"
    status = cli_main(["bundle", os.path.join(EXAMPLES, "xor.json"), str(out), "--steps", "30", "--quiet"])
    assert status == 0, capsys.readouterr().err
    assert "wrote" in capsys.readouterr().out
    assert [p for p in os.listdir(tmp_path) if p.startswith(".tmp")] == []  # nothing half-written left
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "x")
    assert "run/retrain.py" in names and "run/README.md" in names
    manifest = json.loads((tmp_path / "x" / "run" / "manifest.json").read_text())
    assert manifest["seed"] == 0 and manifest["steps"] == 30 and manifest["retrain"] is True
    readme = (tmp_path / "x" / "run" / "README.md").read_text()
    assert "NumPy " + np.__version__ in readme and "python retrain.py" in readme
    status, text, diff = run_retrain(tmp_path / "x" / "run")
    assert status == 0 and diff <= 1e-12, text


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda tmp: str(tmp / "missing" / "b.zip"), "does not exist"),
        (lambda tmp: (tmp / "file.txt").write_text("x") and str(tmp / "file.txt"), "is not a folder"),
        (lambda tmp: ((tmp / "full").mkdir(), (tmp / "full" / "a").write_text("x"), str(tmp / "full"))[2], "not empty"),
    ],
)
def test_a_bad_out_path_is_one_clear_line(tmp_path, capsys, make, words):
    path = make(tmp_path)
    status = cli_main(["bundle", os.path.join(EXAMPLES, "xor.json"), path, "--steps", "3"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and "bundle:" in err and words in err and "Traceback" not in err


def test_settings_changed_while_training_leave_retrain_out_and_say_why(tmp_path):
    trainer = Trainer(MOONS)
    initial = trainer.network.copy_arrays()
    trainer.run(steps=10)
    trainer.set_hyperparameter("lr", 0.01)
    trainer.run(steps=5)
    result = write_bundle(bundle_state(trainer, initial), str(tmp_path / "b"))
    assert not result.retrain and "lr at step 10" in result.why_not
    assert not (tmp_path / "b" / "retrain.py").exists()
    assert (tmp_path / "b" / "final_weights.npz").is_file()
    assert "There is no `retrain.py`" in (tmp_path / "b" / "README.md").read_text()


def test_the_replay_check_catches_an_edited_weight_and_leaves_the_run_as_it_was():
    straight = Trainer(MOONS)
    straight.run(steps=40)
    trainer = Trainer(MOONS)
    initial = trainer.network.copy_arrays()
    trainer.run(steps=25)
    assert replay_matches(trainer, initial) == (True, 0.0)
    trainer.run(steps=15)  # continues as if never replayed
    for k, v in straight.network.copy_arrays().items():
        assert np.array_equal(v, trainer.network.named_arrays()[k]), k
    assert trainer.step_count == 40 and len(trainer.history) == 40
    trainer.network.set_value("layers.0.weight", (0, 0), 0.5)  # by hand, mid-run: not a replay any more
    trainer.run(steps=2)
    state = bundle_state(trainer, initial)
    assert state["why_not"] and "replaying the run" in state["why_not"]


def test_gui_action_writes_every_plot_as_png_and_svg(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QFileDialog

    action = window.actions_by_name["export_bundle"]
    assert action.shortcut() == QKeySequence("Ctrl+Alt+E") and action.toolTip()
    window.controller.step(12)
    qtbot.waitUntil(lambda: window.worker.query("step_count").wait() >= 12, timeout=10000)
    target = tmp_path / "run"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Zip archive (*.zip)"))
    window.last_bundle = None
    action.trigger()
    qtbot.waitUntil(lambda: window.last_bundle is not None, timeout=20000)
    out = tmp_path / "run.zip"
    assert window.last_bundle.retrain and out.is_file()
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "x")
    pngs = {n[:-4] for n in names if n.startswith("run/plots/") and n.endswith(".png")}
    svgs = {n[:-4] for n in names if n.endswith(".svg")}
    assert any("loss" in n for n in svgs) and any("output" in n for n in svgs)
    assert svgs and svgs <= pngs and "run/plots/network" in pngs
    status, text, diff = run_retrain(tmp_path / "x" / "run")
    assert status == 0 and diff <= 1e-12, text


def test_gui_bad_path_is_a_message(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gui.bundle_actions import export_bundle

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    export_bundle(window, str(tmp_path / "nowhere" / "b.zip"))
    assert shown and "nowhere" in shown[0] and "does not exist" in shown[0]
