"""Example projects and the headless command line (``python main.py train``).

End-to-end runs go through a real subprocess; the many bad-input cases call
``main.main`` in this process (the same code path, without the start-up cost)
and a few of them also run as a subprocess to check the real exit status.
"""

from __future__ import annotations

import copy
import csv
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.project import load_project
from core.trainer import Trainer
from core.weights import save_weights
from main import main as app_main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "resources" / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))
DIVERGING = {"exploding_init"}


def run_cli(*args, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def train(tmp_path, project, *args, name="run") -> tuple[subprocess.CompletedProcess, dict]:
    report = tmp_path / f"{name}.json"
    proc = run_cli("train", project, "--quiet", "--report", report, *args)
    return proc, (json.loads(report.read_text()) if report.exists() else {})


def read_npz(path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


def read_history(path) -> list[dict]:
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


XOR = {
    "format": "backprop-lab/1",
    "seed": 0,
    "data": {"source": "xor", "samples": 60, "noise": 0.0, "validation_split": 0.2},
    "network": {"layers": [{"type": "dense", "units": 4, "activation": "tanh"},
                           {"type": "dense", "units": 1, "activation": "sigmoid"}]},
    "loss": "bce",
    "optimizer": {"name": "adam", "lr": 0.05},
    "training": {"batch_size": 8, "epochs": 3},
}


def write_project(tmp_path, spec=None, name="p.json", **changes) -> Path:
    spec = copy.deepcopy(XOR if spec is None else spec)
    spec.update(changes)
    path = tmp_path / name
    path.write_text(json.dumps(spec))
    return path


# ---- the examples
def test_there_are_examples():
    names = {p.stem for p in EXAMPLE_FILES}
    assert {"xor", "spiral", "circle", "digits", "iris", "vanishing_sigmoid", "deep_relu_batchnorm",
            "exploding_init", "sine_regression"} <= names


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_loads_and_trains(path, tmp_path):
    spec = load_project(str(path))
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(raw.get("name"), str) and raw["name"]
    assert isinstance(raw.get("description"), str) and len(raw["description"]) > 80
    assert spec["name"] == raw["name"]
    proc, report = train(tmp_path, path, "--steps", 20)
    if path.stem in DIVERGING:
        assert proc.returncode == 1, proc.stderr
        assert report["steps"] < 20
    else:
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""
        assert report["steps"] == 20
        assert math.isfinite(report["train_loss"])


# ---- learning, end to end
def test_xor_reaches_100_percent(tmp_path):
    proc, report = train(tmp_path, EXAMPLES / "xor.json")
    assert proc.returncode == 0, proc.stderr
    assert report["train_accuracy"] == 1.0
    assert report["val_accuracy"] == 1.0


@pytest.mark.slow
@pytest.mark.parametrize("name, threshold", [("spiral", 0.95), ("digits", 0.95), ("iris", 0.9),
                                             ("deep_relu_batchnorm", 0.95), ("deep_residual", 0.95)])
def test_examples_reach_high_validation_accuracy(tmp_path, name, threshold):
    proc, report = train(tmp_path, EXAMPLES / f"{name}.json")
    assert proc.returncode == 0, proc.stderr
    assert report["val_accuracy"] >= threshold, report


@pytest.mark.slow
def test_sine_regression_fits_and_vanishing_sigmoid_does_not_learn(tmp_path):
    proc, report = train(tmp_path, EXAMPLES / "sine_regression.json", name="sine")
    assert proc.returncode == 0, proc.stderr
    assert report["val_loss"] < 0.02  # noise variance is 0.01
    assert "val_accuracy" not in report
    proc, report = train(tmp_path, EXAMPLES / "vanishing_sigmoid.json", name="vanishing")
    assert proc.returncode == 0, proc.stderr
    assert report["val_accuracy"] < 0.7  # chance level: the first layers do not learn


# ---- outputs and determinism
def test_same_seed_gives_bit_identical_weights(tmp_path):
    """digits has dropout and shuffling: every random stream must come from the seed."""
    outs = [tmp_path / f"w{i}.npz" for i in range(3)]
    procs = [  # three processes at once: the start-up (importing scikit-learn) dominates
        subprocess.Popen([sys.executable, str(ROOT / "main.py"), "train", str(EXAMPLES / "digits.json"),
                          "--quiet", "--steps", "40", "--save-weights", str(out), *extra],
                         cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for out, extra in zip(outs, [(), (), ("--seed", "1")])
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    a, b, c = (read_npz(out) for out in outs)
    assert a.keys() == b.keys()
    assert {k for k in a if not k.startswith("input.")} == {
        "layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"}
    assert a["input.mean"].shape == (64,)  # what the network needs to be used alone
    a, b = ({k: v for k, v in w.items() if not k.startswith("input.")} for w in (a, b))
    for key in a:
        assert a[key].dtype == b[key].dtype == np.float64
        np.testing.assert_array_equal(a[key], b[key], err_msg=key)
    assert a["layers.0.weight"].shape == (64, 64)  # out x in, as nn.Linear
    assert not np.array_equal(a["layers.0.weight"], c["layers.0.weight"])


def test_report_history_and_exact_steps(tmp_path):
    project = write_project(tmp_path)  # 48 training rows / batch 8 = 6 steps per epoch
    history = tmp_path / "h.csv"
    proc, report = train(tmp_path, project, "--steps", 17, "--history", history)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("steps 17")
    assert {"steps", "epochs", "train_loss", "val_loss", "train_accuracy", "val_accuracy"} <= report.keys()
    assert report["steps"] == 17
    assert report["epochs"] == pytest.approx(17 / 6, abs=1e-6)
    for key in ("train_loss", "val_loss"):
        assert isinstance(report[key], float) and report[key] > 0
    for key in ("train_accuracy", "val_accuracy"):
        assert 0.0 <= report[key] <= 1.0
    rows = read_history(history)
    assert len(rows) == 17
    assert [int(r["step"]) for r in rows] == list(range(1, 18))
    assert list(rows[0]) == ["step", "epoch", "lr", "batch_loss", "train_loss", "val_loss",
                             "train_accuracy", "val_accuracy"]
    for r in rows:
        assert float(r["batch_loss"]) > 0 and float(r["lr"]) == 0.05
    evaluated = [int(r["step"]) for r in rows if r["val_loss"]]
    assert evaluated == [6, 12, 17]  # each epoch's end and the end of the run
    assert float(rows[-1]["val_loss"]) == pytest.approx(report["val_loss"], rel=1e-12)

    proc, report = train(tmp_path, project, "--epochs", 2, name="epochs")
    assert proc.returncode == 0 and report["steps"] == 12 and report["completed_epochs"] == 2
    proc, report = train(tmp_path, project, name="default")  # the project's 3 epochs
    assert proc.returncode == 0 and report["steps"] == 18


def test_init_weights_round_trip(tmp_path):
    project = write_project(tmp_path)
    w1, w2, w3 = (tmp_path / f"w{i}.npz" for i in (1, 2, 3))
    proc, first = train(tmp_path, project, "--steps", 15, "--save-weights", w1, name="a")
    assert proc.returncode == 0, proc.stderr
    proc, again = train(tmp_path, project, "--steps", 0, "--init-weights", w1, "--save-weights", w2, name="b")
    assert proc.returncode == 0, proc.stderr
    saved, loaded = read_npz(w1), read_npz(w2)
    for key in saved:
        np.testing.assert_array_equal(saved[key], loaded[key])
    for key in ("train_loss", "val_loss", "train_accuracy", "val_accuracy"):
        assert again[key] == first[key]
    # continuing from saved weights is not the same as starting afresh
    proc, _ = train(tmp_path, project, "--steps", 15, "--init-weights", w1, "--save-weights", w3, name="c")
    assert proc.returncode == 0
    assert not np.array_equal(read_npz(w3)["layers.0.weight"], saved["layers.0.weight"])


def test_validation_split_zero_report(tmp_path):
    spec = copy.deepcopy(XOR)
    spec["data"]["validation_split"] = 0
    proc, report = train(tmp_path, write_project(tmp_path, spec), "--steps", 5)
    assert proc.returncode == 0, proc.stderr
    assert report["val_loss"] is None and report["val_accuracy"] is None


def test_diverging_example_exits_1_and_keeps_history(tmp_path):
    history, weights = tmp_path / "h.csv", tmp_path / "w.npz"
    proc, report = train(tmp_path, EXAMPLES / "exploding_init.json", "--history", history,
                         "--save-weights", weights)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr  # no NumPy warnings, no traceback
    step = int(re.search(r"at step (\d+)", lines[0]).group(1))
    assert re.search(r"network\.layers\[\d+\] \(\d+ dense \d+ \w+\)", lines[0]), lines[0]
    rows = read_history(history)
    assert len(rows) == step - 1 >= 1
    assert all(math.isfinite(float(r["batch_loss"])) for r in rows)
    assert report["steps"] == step - 1
    assert "step" in report["message"]
    assert weights.exists()


# ---- bad input: exit status 2, one line on stderr naming the key and value
def mutate(path, *value):
    """A change to XOR at a dotted path; ``mutate("training.early_stopping", None)``."""
    def apply(spec):
        *parents, last = path.split(".")
        node = spec
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node.insert(int(last), *value)
        else:
            node[last] = value[0]
    return apply


BAD_PROJECTS = [
    ("unknown top-level key", mutate("colour", "red"), ["colour", "unknown key"]),
    ("unknown optimizer key", mutate("optimizer.moment", 0.9), ["optimizer.moment", "unknown key"]),
    ("unknown data key", mutate("data.sampels", 10), ["data.sampels"]),
    ("unknown training key", mutate("training.batchsize", 8), ["training.batchsize"]),
    ("unknown layer key", mutate("network.layers.0.unit", 3), ["network.layers[0].unit"]),
    ("unknown nested layer key",
     mutate("network.layers.1", {"type": "residual",
                                 "layers": [{"type": "dense", "units": 4, "act": "relu"}]}),
     ["network.layers[1].layers[0].act"]),
    ("wrong type units", mutate("network.layers.0.units", "4"), ["network.layers[0].units", "'4'"]),
    ("wrong type lr", mutate("optimizer.lr", "fast"), ["optimizer.lr", "'fast'"]),
    ("wrong type shuffle", mutate("training.shuffle", "yes"), ["training.shuffle", "'yes'"]),
    ("wrong type network", mutate("network", [1]), ["network"]),
    ("wrong type data", mutate("data", "xor"), ["data", "'xor'"]),
    ("negative dropout", mutate("network.layers.1", {"type": "dropout", "rate": -0.1}),
     ["network.layers[1].rate", "-0.1"]),
    ("dropout rate 1", mutate("network.layers.1", {"type": "dropout", "rate": 1.0}),
     ["network.layers[1].rate", "1.0"]),
    ("negative lr", mutate("optimizer.lr", -0.1), ["optimizer.lr", "-0.1"]),
    ("zero batch size", mutate("training.batch_size", 0), ["training.batch_size", "0"]),
    ("fractional epochs", mutate("training.epochs", 2.5), ["training.epochs", "2.5"]),
    ("validation split 1", mutate("data.validation_split", 1.0), ["data.validation_split", "1.0"]),
    ("output width", mutate("network.layers.1.units", 3),
     ["network.layers[1].units", "3 units", "2 classes"]),
    ("unknown activation", mutate("network.layers.0.activation", "relux"),
     ["network.layers[0].activation", "'relux'"]),
    ("unknown activation parameter", mutate("network.layers.0.activation", {"name": "elu", "a": 1}),
     ["network.layers[0].activation.a"]),
    ("unknown initialiser", mutate("network.layers.0.init", "xavier"),
     ["network.layers[0].init", "'xavier'"]),
    ("bias initialiser", mutate("network.layers.0.bias_init", "orthogonal"),
     ["network.layers[0].bias_init", "orthogonal"]),
    ("unknown optimizer", mutate("optimizer.name", "adamax"), ["optimizer", "'adamax'"]),
    ("optimizer parameter of another optimizer", mutate("optimizer.momentum", 0.9), ["optimizer.momentum"]),
    ("unknown data source", mutate("data.source", "mnist"), ["data.source", "'mnist'"]),
    ("unknown loss", mutate("loss", "hinge"), ["loss", "'hinge'"]),
    ("cross entropy with one output", mutate("loss", "cross_entropy"), ["loss", "cross_entropy"]),
    ("bce on regression", mutate("data", {"source": "sine"}), ["loss", "bce"]),
    ("unknown layer type", mutate("network.layers.0", {"type": "conv"}),
     ["network.layers[0].type", "'conv'"]),
    ("residual width", mutate("network.layers.1", {"type": "residual",
                                                   "layers": [{"type": "dense", "units": 3}]}),
     ["network.layers[1]", "residual", "(3)", "(4)"]),
    ("batchnorm with batch size 1",
     lambda s: (s["network"]["layers"].insert(1, {"type": "batchnorm"}), s["training"].update(batch_size=1)),
     ["training.batch_size", "batch norm", "1"]),
    ("batchnorm with a last batch of 1",
     lambda s: (s["network"]["layers"].insert(1, {"type": "batchnorm"}), s["training"].update(batch_size=47)),
     ["training.batch_size", "47"]),
    ("missing format", lambda s: s.pop("format"), ["format"]),
    ("wrong format", mutate("format", "backprop-lab/9"), ["format", "backprop-lab/9"]),
    ("empty network", mutate("network.layers", []), ["network.layers"]),
    ("early stopping without validation",
     lambda s: (s["training"].update(early_stopping={"patience": 2}), s["data"].update(validation_split=0)),
     ["training.early_stopping", "validation"]),
    ("feature of a missing column", mutate("data.features", ["x1", "x3"]), ["data.features", "'x3'"]),
    ("csv without the target column", mutate("data", {"source": "csv", "path": "t.csv", "target": "label"}),
     ["data.target", "'label'"]),
    ("csv with a bad cell", mutate("data", {"source": "csv", "path": "bad.csv", "target": "y"}),
     ["data.path", "line 3", "'b'", "'oops'"]),
    ("csv file missing", mutate("data", {"source": "csv", "path": "nope.csv", "target": "y"}),
     ["data.path", "nope.csv"]),
]


def check_one_line_error(rc: int, err: str, expected: list[str]) -> None:
    assert rc == 2, err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("backprop-lab: error: ")
    assert "Traceback" not in err
    for text in expected:
        assert text in err, (text, err)


@pytest.mark.parametrize("change, expected", [c[1:] for c in BAD_PROJECTS], ids=[c[0] for c in BAD_PROJECTS])
def test_bad_project_exits_2_with_one_line(tmp_path, capsys, change, expected):
    (tmp_path / "t.csv").write_text("a,b,y\n1,2,0\n3,4,1\n5,6,0\n")
    (tmp_path / "bad.csv").write_text("a,b,y\n1,2,0\n3,oops,1\n5,6,0\n")
    spec = copy.deepcopy(XOR)
    change(spec)
    path = write_project(tmp_path, spec)
    rc = app_main(["train", str(path), "--quiet", "--steps", "2"])
    captured = capsys.readouterr()
    check_one_line_error(rc, captured.err, expected)
    assert captured.out == ""


BAD_FILES = [
    ("nan", lambda t: t.replace('"lr": 0.05', '"lr": NaN'), ["optimizer.lr", "nan"]),
    ("infinity", lambda t: t.replace('"noise": 0.0', '"noise": -Infinity'), ["data.noise", "inf"]),
    ("broken json", lambda t: t[:-3], ["p.json", "not valid JSON", "line 1"]),
    ("not an object", lambda t: "[" + t + "]", ["project", "list"]),
    ("empty file", lambda t: "", ["not valid JSON"]),
]


@pytest.mark.parametrize("change, expected", [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_bad_project_file_exits_2(tmp_path, capsys, change, expected):
    path = tmp_path / "p.json"
    path.write_text(change(json.dumps(XOR)))
    rc = app_main(["train", str(path), "--quiet"])
    check_one_line_error(rc, capsys.readouterr().err, expected)


def test_missing_and_unreadable_project_files(tmp_path, capsys):
    rc = app_main(["train", str(tmp_path / "missing.json")])
    check_one_line_error(rc, capsys.readouterr().err, ["missing.json", "No such file"])
    (tmp_path / "latin1.json").write_bytes(b'{"format": "caf\xe9"}')
    rc = app_main(["train", str(tmp_path / "latin1.json")])
    check_one_line_error(rc, capsys.readouterr().err, ["latin1.json", "UTF-8"])


@pytest.fixture
def weights_case(tmp_path):
    project = write_project(tmp_path)
    trainer = Trainer(json.loads(project.read_text()))
    good = tmp_path / "good.npz"
    save_weights(trainer.network, str(good))
    return project, read_npz(good)


def _wrong_shape(w):
    w["layers.0.weight"] = np.zeros((3, 2))


def _nan(w):
    w["layers.1.weight"] = w["layers.1.weight"].copy()
    w["layers.1.weight"][0, 2] = np.nan


def _missing(w):
    del w["layers.1.bias"]


def _extra(w):
    w["layers.2.weight"] = np.zeros((1, 1))


def _strings(w):
    w["layers.0.bias"] = np.array(["a", "b", "c", "d"])


BAD_WEIGHTS = [
    ("wrong shape", _wrong_shape, ["layers.0.weight", "(3, 2)", "(4, 2)"]),
    ("nan", _nan, ["layers.1.weight", "NaN"]),
    ("missing key", _missing, ["missing", "layers.1.bias"]),
    ("extra key", _extra, ["unexpected", "layers.2.weight"]),
    ("strings", _strings, ["layers.0.bias"]),
]


@pytest.mark.parametrize("change, expected", [c[1:] for c in BAD_WEIGHTS], ids=[c[0] for c in BAD_WEIGHTS])
def test_bad_weights_file_exits_2(tmp_path, capsys, weights_case, change, expected):
    project, arrays = weights_case
    change(arrays)
    path = tmp_path / "bad.npz"
    np.savez(path, **arrays)
    rc = app_main(["train", str(project), "--quiet", "--init-weights", str(path)])
    check_one_line_error(rc, capsys.readouterr().err, ["bad.npz", *expected])


def test_weights_file_that_is_not_npz(tmp_path, capsys, weights_case):
    project, _ = weights_case
    (tmp_path / "text.npz").write_text("hello")
    np.save(tmp_path / "array.npy", np.zeros(3))
    np.savez(tmp_path / "object.npz", **{"layers.0.weight": np.array([{}], dtype=object)})
    for name in ("text.npz", "array.npy", "object.npz", "missing.npz"):
        rc = app_main(["train", str(project), "--quiet", "--init-weights", str(tmp_path / name)])
        check_one_line_error(rc, capsys.readouterr().err, [name])


BAD_ARGS = [
    (["--steps", "-1"], ["--steps", "-1"]),
    (["--steps", "abc"], ["--steps", "'abc'"]),
    (["--steps", "3", "--epochs", "2"], ["--epochs", "--steps"]),
    (["--epochs", "1.5"], ["--epochs", "'1.5'"]),
    (["--seed", "x"], ["--seed", "'x'"]),
    (["--colour", "red"], ["--colour"]),
    (["--report", "/no/such/folder/r.json"], ["--report", "/no/such/folder"]),
    (["--history", "/no/such/folder/h.csv"], ["--history"]),
    (["--save-weights", "/no/such/folder/w.npz"], ["--save-weights"]),
]


@pytest.mark.parametrize("args, expected", BAD_ARGS, ids=[" ".join(a) for a, _ in BAD_ARGS])
def test_bad_arguments_exit_2(tmp_path, capsys, args, expected):
    project = write_project(tmp_path)
    rc = app_main(["train", str(project), "--quiet", *args])
    check_one_line_error(rc, capsys.readouterr().err, expected)


def test_missing_project_argument(capsys):
    check_one_line_error(app_main(["train"]), capsys.readouterr().err, ["project"])


def test_errors_from_a_real_process(tmp_path):
    """The exit status and stderr of the process itself, not just of main()."""
    spec = copy.deepcopy(XOR)
    spec["optimizer"]["moment"] = 0.9
    proc = run_cli("train", write_project(tmp_path, spec), "--steps", "2")
    check_one_line_error(proc.returncode, proc.stderr, ["optimizer.moment"])
    assert proc.stdout == ""
    proc = run_cli("train", write_project(tmp_path), "--steps", "-1")
    check_one_line_error(proc.returncode, proc.stderr, ["--steps"])


# ---- core stays free of Qt
def test_core_does_not_import_qt():
    code = (
        "import pkgutil, importlib, sys, core\n"
        "names = [m.name for m in pkgutil.iter_modules(core.__path__)]\n"
        "for name in names: importlib.import_module('core.' + name)\n"
        "import core.cli, main\n"
        "bad = sorted(k for k in sys.modules if k.startswith(('PySide6', 'PyQt', 'shiboken', 'pyqtgraph')))\n"
        "assert not bad, bad\n"
        "print(len(names))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout) >= 10
    for path in (ROOT / "core").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("import PySide6", "from PySide6", "pyqtgraph", "PyQt", "shiboken"):
            assert needle not in text, (path.name, needle)
