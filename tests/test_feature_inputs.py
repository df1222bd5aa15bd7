"""Input features on the canvas (TensorFlow Playground style): the seven candidates as
switchable input neurons on 2-D data, each switch one undoable edit of ``data.features``."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint, Qt

from gui import feature_inputs as fi

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "resources", "examples")


def test_helpers_store_the_canonical_list_and_null_for_the_raw_inputs():
    assert fi.enabled_slots(["x1", "x2"], 2) == (0, 1)
    assert fi.enabled_slots(["x1", "x2", "x1*x2"], 2) == (0, 1, 4)
    assert fi.enabled_slots(["x2 * x1", "x1^1"], 2) == (4, 0)
    assert fi.enabled_slots(["age", "income"], 2) == (0, 1)  # raw columns with their own names
    assert fi.enabled_slots(["x1", "cos(x1)"], 2) is None  # not one of the seven: drawn as before
    assert fi.enabled_slots(["x1", "x2", "x3"], 3) is None
    assert fi.toggled((0, 1), 2) == ["x1", "x2", "x1^2"]
    assert fi.toggled((4, 0), 1) == ["x1", "x2", "x1*x2"]
    assert fi.toggled((0, 1, 4), 4) is None
    assert fi.toggled((3,), 3) is False


def input_column(win):
    return win.canvas.columns[0]


def click_neuron(qtbot, win, slot):
    canvas = win.canvas
    neuron = input_column(win).neurons[slot]
    canvas.centerOn(neuron)
    pos = canvas.mapFromScene(neuron.mapToScene(neuron.rect().center()))
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton, pos=QPoint(pos.x(), pos.y()))


def first_layer_inputs(win):
    return win.canvas.columns[1].in_width


def test_clicking_a_dimmed_feature_switches_it_on_undo_restores_and_one_stays_on(qtbot, window):
    win = window
    win.open_project(os.path.join(EXAMPLES, "circle.json"), example=True)
    qtbot.waitUntil(lambda: win.info is not None and win.info.data_name.lower().startswith("circle"), timeout=10000)
    assert win.doc.project["data"].get("features") is None
    column = input_column(win)
    assert len(column.neurons) == 7 and win.canvas.feature_slots == (0, 1)
    assert [n.opacity() < 1 for n in column.neurons] == [False, False, True, True, True, True, True]
    assert "Click to switch it on" in column.neurons[2].toolTip()
    assert first_layer_inputs(win) == 2 and len({int(c) for c in win.canvas.columns[1].cols}) == 2

    click_neuron(qtbot, win, 2)  # x1²
    qtbot.waitUntil(lambda: win.doc.project["data"].get("features") == ["x1", "x2", "x1^2"], timeout=5000)
    qtbot.waitUntil(lambda: win.info.in_width == 3 and first_layer_inputs(win) == 3, timeout=10000)
    assert win.canvas.feature_slots == (0, 1, 2)
    assert input_column(win).neurons[2].opacity() == 1
    click_neuron(qtbot, win, 3)  # x2²: a second edit, not merged into the first
    qtbot.waitUntil(lambda: win.doc.project["data"].get("features") == ["x1", "x2", "x1^2", "x2^2"], timeout=5000)
    qtbot.waitUntil(lambda: first_layer_inputs(win) == 4, timeout=10000)

    win.doc.undo_stack.undo()
    qtbot.waitUntil(lambda: first_layer_inputs(win) == 3, timeout=10000)
    assert win.doc.project["data"]["features"] == ["x1", "x2", "x1^2"]
    win.doc.undo_stack.undo()
    qtbot.waitUntil(lambda: first_layer_inputs(win) == 2, timeout=10000)
    assert win.doc.project["data"].get("features") is None
    assert win.canvas.feature_slots == (0, 1)

    # the last feature on stays on, with a message
    messages = []
    win.canvas.status.connect(messages.append)
    click_neuron(qtbot, win, 0)  # x1 off: x2 alone
    qtbot.waitUntil(lambda: win.doc.project["data"].get("features") == ["x2"], timeout=5000)
    qtbot.waitUntil(lambda: first_layer_inputs(win) == 1 and win.canvas.feature_slots == (1,), timeout=10000)
    count = win.doc.undo_stack.count()
    click_neuron(qtbot, win, 1)  # the last one: refused
    qtbot.wait(50)
    assert win.doc.project["data"]["features"] == ["x2"] and win.doc.undo_stack.count() == count
    assert messages and "must stay on" in messages[-1]


def _info(name, raw_columns):
    from types import SimpleNamespace

    import numpy as np

    raw = np.linspace(-2.0, 2.0, 10 * raw_columns).reshape(10, raw_columns)
    return SimpleNamespace(image_shape=None, raw_x_train=raw, data_name=name, task="classification", class_names=None)


def test_lines_start_at_the_features_on_and_other_data_is_unchanged(qtbot):
    from gui.panels.network_canvas import NEURON_GAP, TOP, NetworkCanvas

    canvas = NetworkCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(800, 500)
    layers = [{"type": "dense", "units": 3, "activation": "tanh"}, {"type": "dense", "units": 1}]
    # the feature-cross example's inputs: x1, x2, x1*x2 (slots 0, 1, 4)
    canvas.set_run_info(_info("xor", 2))
    canvas.show_network(layers, 3, ["x1", "x2", "x1*x2"])
    inputs, first = canvas.columns[0], canvas.columns[1]
    assert len(inputs.neurons) == 7 and canvas.feature_slots == (0, 1, 4)
    starts = sorted({round(line.line().y1()) for line in first.lines})
    assert starts == [round(TOP + s * NEURON_GAP) for s in (0, 1, 4)]
    assert {int(c) for c in first.cols} == {0, 1, 2}  # weight columns in the network's input order
    # other data: the inputs as they are (a 2-column CSV, 4-column iris)
    canvas.set_run_info(_info("table.csv", 2))
    canvas.show_network(layers, 2, ["age", "income"])
    assert len(canvas.columns[0].neurons) == 2 and canvas.feature_slots is None
    canvas.set_run_info(_info("iris", 4))
    canvas.show_network(layers, 4, ["a", "b", "c", "d"])
    assert len(canvas.columns[0].neurons) == 4 and canvas.feature_slots is None
    canvas.grab()  # paints
