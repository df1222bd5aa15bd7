"""Broken and extreme files opened through File → Open and File → Load Weights, as
a person would pick them in the dialog.  Each must give a message, within a
second, with no exception inside a slot, and leave the open document as it was."""

from __future__ import annotations

import copy
import io
import json
import time
import zipfile

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _project(**changes):
    from core.project import default_project

    project = default_project()
    for key, value in changes.items():
        project[key] = value
    return project


def project_files(tmp_path) -> dict:
    """name -> path of a project file that must be refused."""
    files = {}

    def write(name, text, mode="w"):
        path = tmp_path / name
        if mode == "wb":
            path.write_bytes(text)
        else:
            path.write_text(text)
        files[name] = path

    write("empty.json", "")
    write("not_json.json", "{not json")
    write("binary.json", bytes(range(256)) * 8, "wb")
    write("latin1.json", '{"name": "caf\xe9"}'.encode("latin-1"), "wb")
    write("deep.json", "[" * 200000 + "]" * 200000)
    write("deep_objects.json", '{"a":' * 5000 + "1" + "}" * 5000)
    write("list.json", "[1, 2, 3]")
    write("digits_over_limit.json", '{"format": "backprop-lab/1", "seed": ' + "9" * 5000 + "}")
    layers = copy.deepcopy(_project()["network"]["layers"])
    layers[0]["type"] = ["dense"]
    write("list_as_type.json", json.dumps(_project(network={"layers": layers})))
    layers = copy.deepcopy(_project()["network"]["layers"])
    layers[0]["units"] = 2**63
    write("units_2_63.json", json.dumps(_project(network={"layers": layers})))
    layers = copy.deepcopy(_project()["network"]["layers"])
    layers[-1]["units"] = 5  # validates; spiral has 2 classes: cannot be built
    write("output_width.json", json.dumps(_project(network={"layers": layers})))
    write("missing_csv.json", json.dumps(_project(data={"source": "csv", "path": "nowhere.csv", "target": "y"})))
    write("nan.json", json.dumps(_project(optimizer={"name": "adam", "lr": float("nan")})))
    layers = copy.deepcopy(_project()["network"]["layers"])
    layers[1] = {"type": "residual", "layers": [{"type": "dense", "units": 3}]}  # width 8 -> 3: cannot add
    write("residual_width.json", json.dumps(_project(network={"layers": layers})))
    files["directory"] = tmp_path
    files["no_such_file.json"] = tmp_path / "no_such_file.json"
    return files


def weights_files(tmp_path) -> dict:
    files = {}

    def npz(name, arrays):
        path = tmp_path / name
        np.savez(path, **arrays)
        files[name] = path

    npz("wrong_shapes.npz", {"layers.0.weight": np.zeros((3, 3))})
    npz("wrong_keys.npz", {"banana": np.zeros(3)})
    npz("empty_archive.npz", {})
    good = {
        "layers.0.weight": np.zeros((8, 2)),
        "layers.0.bias": np.zeros(8),
        "layers.1.weight": np.zeros((8, 8)),
        "layers.1.bias": np.zeros(8),
        "layers.2.weight": np.zeros((1, 8)),
        "layers.2.bias": np.zeros(1),
    }
    npz("nan_values.npz", {**good, "layers.1.weight": np.full((8, 8), np.nan)})
    npz("object_array.npz", {**good, "layers.0.bias": np.array([None] * 8, dtype=object)})
    buffer = io.BytesIO()
    np.save(buffer, np.zeros(3))
    (tmp_path / "bare_npy.npz").write_bytes(buffer.getvalue())  # a .npy where an .npz belongs
    files["bare_npy.npz"] = tmp_path / "bare_npy.npz"
    data = (tmp_path / "wrong_shapes.npz").read_bytes()
    (tmp_path / "truncated.npz").write_bytes(data[: len(data) // 2])
    files["truncated.npz"] = tmp_path / "truncated.npz"
    # a shape header of 10^12 elements over a few bytes of data
    buffer = io.BytesIO()
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }"
    header = header + " " * (63 - len(header) % 64) + "\n"
    buffer.write(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode() + b"\0" * 64)
    with zipfile.ZipFile(tmp_path / "huge_header.npz", "w") as archive:
        archive.writestr("layers.0.weight.npy", buffer.getvalue())
    files["huge_header.npz"] = tmp_path / "huge_header.npz"
    (tmp_path / "text.npz").write_text("hello")
    files["text.npz"] = tmp_path / "text.npz"
    files["no_such_weights.npz"] = tmp_path / "no_such_weights.npz"
    return files


class LoopWatch:
    """The longest the event loop went without running a 5 ms timer."""

    def __init__(self):
        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self):
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self):
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self):
        self.timer.stop()


def run_through_menu(qtbot, window, monkeypatch, action, files):
    shown = []
    record = lambda parent, title, text, *a, **k: shown.append((title, text))  # noqa: E731
    monkeypatch.setattr(QMessageBox, "critical", record)
    monkeypatch.setattr(QMessageBox, "warning", record)
    before = json.dumps(window.doc.project, sort_keys=True)
    stack = window.doc.undo_stack.count()
    watch = LoopWatch()
    results = {}
    for name, path in files.items():
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, p=path, **k: (str(p), ""))
        count = len(shown)
        watch.start()
        start = time.perf_counter()
        window.actions_by_name[action].trigger()
        took = time.perf_counter() - start
        qtbot.waitUntil(lambda c=count: len(shown) > c, timeout=5000)
        watch.stop()
        results[name] = shown[-1][1]
        assert took < 1.0, f"{name}: the window was blocked {took:.2f} s"
        assert watch.longest < 1.0, f"{name}: the event loop stalled {watch.longest:.2f} s"
        assert "Traceback" not in shown[-1][1]
        assert json.dumps(window.doc.project, sort_keys=True) == before, f"{name} changed the document"
        assert window.doc.undo_stack.count() == stack
    return results


def test_broken_project_files_change_nothing(qtbot, window, tmp_path, monkeypatch):
    from gui import commands as cmd

    window.push(cmd.SetHyperparameter("lr", 0.02))  # unsaved work that must survive every bad file
    messages = run_through_menu(qtbot, window, monkeypatch, "open", project_files(tmp_path))
    assert "not valid JSON" in messages["not_json.json"]
    assert "give the output layer" in messages["output_width.json"]
    assert "nowhere.csv" in messages["missing_csv.json"]
    assert "deep" in messages["deep.json"] or "nested" in messages["deep.json"]
    for name, text in messages.items():
        assert len(text.splitlines()) <= 3, (name, text)
    assert window.doc.project["optimizer"]["lr"] == 0.02
    # the window still works: an example opens and trains
    window.worker.step(3)
    qtbot.waitUntil(lambda: window.worker.query("step_count").wait() == 3, timeout=5000)


def test_broken_weights_files_are_refused(qtbot, window, tmp_path, monkeypatch):
    window.worker.step(2)
    qtbot.waitUntil(lambda: window.worker.query("step_count").wait() == 2, timeout=5000)
    weights = window.worker.query("weights").wait()
    messages = run_through_menu(qtbot, window, monkeypatch, "load_weights", weights_files(tmp_path))
    assert "layers.0" in messages["wrong_shapes.npz"]
    after = window.worker.query("weights").wait()
    assert weights.keys() == after.keys()
    for key in weights:
        np.testing.assert_array_equal(weights[key], after[key])
