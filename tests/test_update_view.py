"""Inspect → Apply One Update…: the window, driven as a person would, shows the training
process's own preview (table, formula, filled-in formula); the view alone shows any
preview, NaN as missing, every string translated."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from test_panels_translatable import _untranslated, _visible_strings

from core.queries import QUERIES
from core.trainer import Trainer
from core.update_preview import filled_lines, fmt, formula_lines
from gui.panels.update_view import UpdateView

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")


def _first_row(view):
    model = view.table.model()
    return [model.index(0, c).data() for c in range(model.columnCount())]


def test_apply_one_update_window(window, qtbot, tmp_path):
    window.resize(1366, 768)
    window.actions_by_name["apply_update"].trigger()
    uw = window.update_window
    view = uw.view
    qtbot.waitUntil(lambda: view.preview is not None, timeout=10000)
    assert window.actions_by_name["apply_update"] in window.inspect_menu.actions()
    # pick validation row 3 as a person would: the part, then the row
    uw.part.setCurrentIndex(uw.part.findData("val"))
    uw.index.setValue(3)
    qtbot.waitUntil(lambda: view.preview.part == "val" and view.preview.index == 3, timeout=10000)
    expected = window.worker.query("update_preview", 3, "val").wait()
    tensor = expected.tensors[0]
    assert view.tensor_combo.currentData() == tensor.name
    row = _first_row(view)
    assert row[0] == f"{tensor.name}[0, 0]"
    assert row[1:] == [fmt(None if tensor[k] is None else tensor[k].reshape(-1)[0]) for k, _ in expected.columns]
    assert np.array_equal(view.preview.tensors[0].new, tensor.new)  # the same numbers, not just the same text
    assert view.formula_text() == "\n".join(formula_lines(expected))
    assert "θ ← θ − η·" in view.formula.text()
    assert view.filled_text() == "\n".join(filled_lines(expected, tensor.name, 0))
    # another row, another tensor: the filled formula follows the selection
    view.select(expected.tensors[1].name, 1)
    assert view.filled_text() == "\n".join(filled_lines(expected, expected.tensors[1].name, 1))
    assert f"{expected.tensors[1].name}[1]" in view.filled.text()
    uw.resize(1366, 768)
    qtbot.wait(50)
    uw.grab().save(str(tmp_path / "update_window_1366x768.png"))
    # a step of the run: the window asks again for the next step
    before = view.preview.train_step
    window.actions_by_name["step"].trigger()
    qtbot.waitUntil(lambda: view.preview.train_step == before + 1, timeout=10000)
    # a typed example in the data's units (a point clicked on the plane): row 0's numbers
    info = window.info
    row0 = window.worker.query("update_preview", 0, "train").wait()
    view.show_for(x=info.raw_x_train[0].tolist(), target=int(info.y_train[0]), raw=True)
    qtbot.waitUntil(lambda: view.preview.index is None, timeout=10000)
    assert "the typed example" in view.summary.text()
    np.testing.assert_allclose(view.preview.tensors[0].new, row0.tensors[0].new, rtol=1e-12)
    # a row that is not there: the query's error in words, the last preview kept
    with qtbot.waitSignal(view.failed, timeout=10000) as blocker:
        view.show_for(10**6, "train")
    assert "update_preview.index" in blocker.args[0] and view.notes.text().startswith(blocker.args[0])
    assert view.preview.train_step == before + 1


def _preview(optimizer, steps=2, **edit):
    project = {
        "format": "backprop-lab/1",
        "data": {"source": "xor", "samples": 20},
        "network": {"layers": [{"type": "dense", "units": 2, "activation": "relu"}, {"type": "dense", "units": 1}]},
        "loss": "mse",
        "optimizer": optimizer,
        "training": {"batch_size": 1, "shuffle": False},
    }
    project["data"].update(edit)
    tr = Trainer(project)
    tr.run(steps=steps)
    return tr, QUERIES["update_preview"][0](tr, 0, "train")


def test_the_view_shows_a_given_preview_and_nan_as_missing(qtbot):
    view = UpdateView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    _, preview = _preview({"name": "sgd", "lr": 0.1, "momentum": 0.9}, steps=0)
    view.show_preview(preview)
    assert view.formula_text().splitlines() == ["b ← g", "θ ← θ − η·b"]
    model = view.table.model()
    col = 1 + [k for k, _ in preview.columns].index("before.momentum_buffer")
    assert model.index(0, col).data() == "—" and "first gradient" in model.index(0, col).data(Qt.ToolTipRole)
    tr, _ = _preview({"name": "adam"})
    arrays = tr.network.copy_arrays()
    arrays["layers.0.weight"][...] = 1e300
    tr.network.load_arrays(arrays)
    bad = QUERIES["update_preview"][0](tr, None, "train", [1e10, 1e10], 1)
    view.show_preview(bad)
    assert view.notes.isVisible() and "NaN" in view.notes.text()
    texts = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(1, model.columnCount())]
    assert "NaN" in texts or "∞" in texts or "−∞" in texts


class _Pseudo(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        return f"[{source}]" if source else source


def test_the_view_is_translatable(qtbot, qapp):
    translator = _Pseudo()
    QCoreApplication.installTranslator(translator)
    try:
        view = UpdateView()
        qtbot.addWidget(view)
        view.show()
        _, preview = _preview({"name": "rmsprop", "centered": True, "momentum": 0.5})
        view.show_preview(preview)
        data = set(preview.names) | {view.tensor_combo.itemText(i) for i in range(view.tensor_combo.count())}
        for text in _visible_strings(view):
            while re.search(r"\[[^\[\]]*\]", text):  # a translated sentence may hold a translated name
                text = re.sub(r"\[[^\[\]]*\]", " ", text)
            assert not _untranslated(text, data), text
        model = view.table.model()
        for c in range(model.columnCount()):
            assert model.headerData(c, Qt.Horizontal, Qt.ToolTipRole).startswith("["), c  # tooltips
    finally:
        QCoreApplication.removeTranslator(translator)
