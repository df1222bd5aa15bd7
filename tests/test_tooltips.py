"""Every control explains itself (issue 8): a tooltip in a learner's words, the formula
where it matters; the descent choices named as courses name them; SGD with momentum
reachable as a choice."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QSlider

from core.activations import ACTIVATIONS
from core.initializers import INITIALIZERS
from core.layers import LAYERS
from core.optimizers import OPTIMIZERS
from core.registry import Param
from core.schedules import SCHEDULES
from gui import explanations
from gui.forms import ParamForm

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _registries():
    yield from ((name, cls.params) for name, cls in OPTIMIZERS.items())
    yield from ((name, cls.params) for name, cls in SCHEDULES.items())
    yield from ((name, cls.params) for name, cls in LAYERS.items())
    yield from ((name, cls.params) for name, cls in ACTIVATIONS.items())
    yield from ((name, cls.params) for name, cls in INITIALIZERS.items())


def test_every_registered_parameter_has_a_tooltip_and_a_label():
    missing = []
    for owner, params in _registries():
        for key, param in params.items():
            if not isinstance(param, Param) or param.kind == "any":
                continue
            if not explanations.tip(owner, key):
                missing.append((owner, key))
            assert key in explanations.LABELS, key
    assert not missing, missing


def test_adam_eps_says_what_it_is(qapp):
    assert "√v̂" in explanations.tip("adam", "eps") and "1e-8" in explanations.tip("adam", "eps")
    form = ParamForm(OPTIMIZERS["adam"].params, {}, skip=("lr",), owner="adam")
    assert form.editors["eps"].toolTip() == explanations.tip("adam", "eps")
    assert explanations.glossary_key("sgd", "momentum") == "momentum"


def _controls(widget):
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QSlider)
    found = [w for kind in kinds for w in widget.findChildren(kind)]
    return [w for w in found if w.isVisibleTo(widget) and w.objectName() != "qt_spinbox_lineedit"]


def _tooltip(w):
    while w is not None and not w.toolTip():
        w = w.parentWidget()
        if w is not None and w.objectName() in ("", "qt_scrollarea_viewport"):
            continue
        break
    return w.toolTip() if w is not None else ""


def test_every_control_of_the_window_has_a_tooltip(window):
    window._on_layer_selected("layers.0")
    missing = []
    for dock_name in ("training", "data", "inspector"):
        panel = getattr(window, f"{dock_name}_panel", None) or getattr(window, dock_name)
        for w in _controls(panel):
            if isinstance(w, QLineEdit) and isinstance(w.parentWidget(), QAbstractSpinBox):
                continue
            if not (w.toolTip() or _tooltip(w.parentWidget())):
                missing.append(f"{type(panel).__name__}/{type(w).__name__}#{w.objectName()}")
    assert not missing, missing


def test_descent_choices_and_sgd_with_momentum(window, qtbot):
    combo = window.findChild(QComboBox, "batchMode")
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts == ["Batch (BGD): whole training set", "Stochastic (SGD): one example", "Mini-batch: k examples"]
    optimizer = window.findChild(QComboBox, "optimizer")
    index = optimizer.findText("SGD with momentum")
    assert index >= 0
    optimizer.setCurrentIndex(index)
    optimizer.activated.emit(index)
    opt = window.doc.project["optimizer"]
    assert (opt["name"], opt["momentum"], opt["dampening"]) == ("sgd", 0.9, 0.9)
    note = window.findChild(type(window.banner), "optimizerEquivalence")
    assert note.text() == "project file: sgd, momentum=0.9, dampening=0.9"
    window.doc.undo_stack.undo()
    assert window.doc.project["optimizer"]["name"] != "sgd" or not window.doc.project["optimizer"].get("momentum")
    assert optimizer.currentData() == window.doc.project["optimizer"]["name"]
