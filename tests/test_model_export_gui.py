"""File > Export Model as ONNX / as PyTorch Code: written through the atomic writer
from the training process's network; a failure is a message naming the file."""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.exported_model import from_trainer, predict
from core.trainer import Trainer
from core.weights import read_weights_file


def _trained(qtbot, window, steps=20):
    window.worker.step(steps)
    qtbot.waitUntil(lambda: window.worker.query("step_count").wait() >= steps, timeout=10000)


def test_export_model_as_onnx_and_as_pytorch_code(qtbot, window, tmp_path, monkeypatch):
    _trained(qtbot, window)
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a))
    target = {"path": str(tmp_path / "model")}  # the extension is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target["path"], ""))

    window.actions_by_name["export_onnx"].trigger()
    qtbot.waitUntil(lambda: (tmp_path / "model.onnx").exists(), timeout=10000)
    weights = window.worker.query("weights").wait()  # paused: the weights the export saw
    trainer = Trainer(window.worker.query("project").wait())  # the same data and standardisation
    trainer.network.load_arrays(weights)
    session = ort.InferenceSession(str(tmp_path / "model.onnx"), providers=["CPUExecutionProvider"])
    rows = np.array([[0.1, -0.2], [1.5, 0.3], [-1.0, -1.0]])
    prediction = session.run(None, {"input": rows})[0]
    np.testing.assert_allclose(prediction, predict(from_trainer(trainer), rows), rtol=0, atol=1e-12)

    window.actions_by_name["export_torch"].trigger()
    qtbot.waitUntil(lambda: (tmp_path / "model.py").exists(), timeout=10000)
    text = (tmp_path / "model.py").read_text(encoding="utf-8")
    assert 'WEIGHTS = Path(__file__).with_name("model.npz")' in text and "nn.Sequential(" in text
    arrays, inputs = read_weights_file(str(tmp_path / "model.npz"))
    assert arrays.keys() == weights.keys() and "input.mean" in inputs
    assert not errors
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_export_failure_names_the_file(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    missing = tmp_path / "no such folder" / "model.onnx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(missing), ""))
    window.actions_by_name["export_onnx"].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert str(missing) in shown[0] and "Traceback" not in shown[0]
    assert not missing.parent.exists()
