"""Issue 9 in the window: the loss's reduction and ½ factor in the Training panel, typed
weight and bias values on the network canvas, and the worked examples opening."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def pick(combo, text):
    combo.setCurrentIndex(combo.findText(text))
    combo.activated.emit(combo.currentIndex())


def test_reduction_and_half_are_undoable_settings(qtbot, window):
    panel, doc = window.training_panel, window.doc
    stack = doc.undo_stack
    pick(panel.loss, "mse")
    assert doc.project["loss"] == "mse" and panel.half.isEnabled()
    pick(panel.reduction, "sum")
    assert doc.project["loss"] == {"name": "mse", "reduction": "sum"}
    assert stack.undoText() == "Set the loss reduction to sum"
    panel.half.setChecked(True)
    assert doc.project["loss"] == {"name": "mse", "reduction": "sum", "half": True}
    assert stack.undoText() == "Use ½ (y − t)² in the loss"
    pick(panel.loss, "mae")  # keeps the reduction, drops the ½ (mse only)
    assert doc.project["loss"] == {"name": "mae", "reduction": "sum"}
    assert not panel.half.isEnabled() and not panel.half.isChecked()
    window.actions_by_name["undo"].trigger()
    assert doc.project["loss"] == {"name": "mse", "reduction": "sum", "half": True}
    assert panel.half.isChecked() and panel.reduction.currentData() == "sum"
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()
    assert doc.project["loss"] == "mse" and panel.reduction.currentData() == "mean" and not panel.half.isChecked()
    qtbot.waitUntil(lambda: window.info is not None, timeout=5000)
