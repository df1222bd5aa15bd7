"""The Inspect menu's Gradient flow and Activation explorer windows, driven as a person
would: open them from the menu, train the vanishing-sigmoid example, read the plot."""

from __future__ import annotations

import dataclasses
import os

import numpy as np
import pytest
from PySide6.QtCore import Qt

from core.project import default_project
from core.trainer import Trainer
from gui.panels.gradient_flow import GradientFlowView, factor_text
from gui.window_layout import EXAMPLES_DIR

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")

SCREENSHOTS = "/tmp/flow"


def _menu_action(window, menu_title: str, name: str):
    menu = window.inspect_menu
    assert menu.title().replace("&", "") == menu_title
    assert menu.menuAction() in window.menuBar().actions()
    return next(a for a in menu.actions() if a.objectName() == name)


def _open_example(qtbot, window, name: str):
    window.open_example(os.path.join(EXAMPLES_DIR, f"{name}.json"))
    qtbot.waitUntil(lambda: window.info is not None and window.info.data_name == "circle", timeout=10000)
    qtbot.waitUntil(lambda: len([lay for lay in window.info.layers if lay.kind == "dense"]) == 10, timeout=10000)


def test_gradient_flow_shows_the_gradient_vanishing(qtbot, window):
    view = window.gradient_flow_view
    assert not view.isVisible()
    _open_example(qtbot, window, "vanishing_sigmoid")
    window.controller.step(3)
    qtbot.waitUntil(lambda: view._snap is not None and view._snap.step == 3, timeout=10000)
    assert view.flow is None  # hidden: nothing drawn
    _menu_action(window, "Inspect", "gradient_flow").trigger()
    assert view.isVisible() and view.windowTitle() == "Gradient flow"
    window.controller.step(20)
    qtbot.waitUntil(lambda: view.flow is not None and view._drawn.step == 23, timeout=10000)
    flow = view.flow
    snap = view._drawn
    want = [s.out_grad_norm for s in snap.layers]
    np.testing.assert_array_equal(flow.norms, want)
    np.testing.assert_array_equal(view.points.yData, want)  # one point per layer, at its norm
    assert len(view.points.xData) == 10
    # the norms fall toward the input: orders of magnitude, and every hidden link shrinks it
    assert flow.norms[0] < 1e-3 * flow.norms[-1]
    assert np.all(flow.factors[:-1] < 1.0)
    # each link's label is the ratio of the two norms it joins
    texts = [item.toPlainText() for item in view.factor_labels]
    assert texts == [factor_text(want[i] / want[i + 1]) for i in range(9)]
    assert "\u03c3' \u2264 0.25 per layer" in view.envelope_text
    assert "times the one at the output" in view.summary.text()
    view.resize(683, 700)
    os.makedirs(SCREENSHOTS, exist_ok=True)
    view.grab().save(f"{SCREENSHOTS}/test_vanishing_sigmoid_flow.png")
    view.close()


def test_gradient_flow_before_a_step_and_after_nan(qtbot):
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    view = GradientFlowView()
    qtbot.addWidget(view)
    view.show()
    t = Trainer(default_project())
    view.update_snapshot(t.snapshot())
    view.redraw()
    assert "No gradient yet" in view.summary.text() and view.factor_labels == []
    t.step()
    snap = t.snapshot()
    view.update_snapshot(snap)
    view.redraw()
    assert len(view.factor_labels) == len(view.flow.norms) - 1 and not view.note.isVisible()
    bad = [dataclasses.replace(s, out_grad_norm=float("nan")) for s in snap.layers]
    view.update_snapshot(dataclasses.replace(snap, layers=bad, step=5))
    view.redraw()
    assert view.note.isVisible() and "not finite" in view.note.text()
    assert "No gradient yet" in view.summary.text() and view.factor_labels == []
    view.reset(None)
    assert view.flow is None
    view.close()


def test_activation_explorer_marks_tanh_maximum_and_shows_a_layer(qtbot, window):
    explorer = window.activation_explorer
    _open_example(qtbot, window, "vanishing_sigmoid")
    _menu_action(window, "Inspect", "activation_explorer").trigger()
    assert explorer.isVisible()
    window.controller.step(2)
    # the first dense layer is picked: its pre-activations arrive and its sigmoid is shown
    qtbot.waitUntil(lambda: "layers.0" in explorer._data, timeout=10000)
    assert explorer.layer.currentData() == "layers.0"
    assert explorer.activation.currentText() == "sigmoid"
    assert explorer.peak == (0.0, 0.25)
    assert explorer.bars.yData is not None and np.sum(explorer.bars.yData) == pytest.approx(1.0)
    assert "training rows" in explorer.status.text()
    explorer.activation.setCurrentText("tanh")
    assert explorer.peak == (0.0, 1.0)
    xs, ys = explorer.max_point.getData()
    assert list(xs) == [0.0] and list(ys) == [1.0]
    assert explorer.max_line.value() == 1.0
    assert "max f' = 1 at z = 0" in explorer.max_label.toPlainText()
    # tanh is flat (|f'| < 1 % of 1) beyond |z| ~ 3: both ends of -8 ... 8 are shaded
    spans = explorer.saturated_spans
    assert len(spans) == 2 and spans[0][0] == -8.0 and spans[1][1] == 8.0
    assert 2.9 < spans[1][0] < 3.1
    # relu: flat for z < 0; the maximum is 1 on a half-line (no point)
    explorer.activation.setCurrentText("relu")
    assert explorer.peak == (None, 1.0) and explorer.saturated_spans == [(-8.0, 0.0)]
    # a range typed the wrong way round is said, not drawn
    explorer.low.setValue(5.0)
    explorer.high.setValue(1.0)
    assert "range is empty" in explorer.status.text()
    explorer.high.setValue(8.0)
    explorer.layer.setCurrentIndex(explorer.layer.findData("layers.8"))
    qtbot.mouseClick(explorer.fit, Qt.LeftButton)
    data = explorer._data["layers.8"]
    assert explorer.low.value() <= data.lo and explorer.high.value() >= data.hi
    explorer.close()
