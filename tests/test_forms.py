"""Number boxes for small numbers (Adam's eps, weight decay, the learning rate).

A box that showed six decimals read 1e-8 as 0.000000, and one click up and
down stored eps = 0.0 (then training gave NaN).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox

from core.optimizers import OPTIMIZERS
from core.registry import Param
from gui.forms import LogSlider, ParamForm, SciSpinBox, float_box, format_number


def _typed(qtbot, box: QAbstractSpinBox, text: str) -> None:
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key_Return)


@pytest.mark.parametrize("value", [1e-8, 1e-10, 3.2e-4, 1e-2, 0.9, 0.999, 1.0, 20.0, 0.25, 1e-5])
def test_up_then_down_returns_the_same_number(qtbot, value):
    box = float_box(Param(value, low=0.0), value, "eps")
    qtbot.addWidget(box)
    assert box.value() == value
    box.stepUp()
    assert box.value() > value
    box.stepDown()
    assert box.value() == value
    box.stepDown()
    assert 0 < box.value() < value
    box.stepUp()
    assert box.value() == value


def test_small_numbers_show_in_scientific_notation(qtbot):
    box = float_box(Param(1e-8, low=0.0), 1e-8, "eps")
    qtbot.addWidget(box)
    assert box.text() in ("1e-08", "1e-8")
    box.stepUp()
    assert box.value() == 2e-8 and box.text() in ("2e-08", "2e-8")
    assert format_number(3.2e-4) == "0.00032" and format_number(0.0) == "0" and format_number(2.0) == "2"


def test_typing_scientific_notation_stores_it_exactly(qtbot):
    box = float_box(Param(1e-8, low=0.0), 1e-8, "eps")
    qtbot.addWidget(box)
    box.show()
    seen = []
    box.valueChanged.connect(seen.append)
    _typed(qtbot, box, "2.5e-7")
    assert box.value() == 2.5e-7 and seen == [2.5e-7]
    _typed(qtbot, box, "1e-12")
    assert box.value() == 1e-12


def test_clicking_down_never_reaches_zero(qtbot):
    box = float_box(Param(1e-8, low=0.0), 1e-8, "eps")
    qtbot.addWidget(box)
    for _ in range(50):
        box.stepDown()
        assert box.value() > 0


def test_zero_steps_up_to_a_sensible_first_value(qtbot):
    box = float_box(Param(0.0, low=0.0), 0.0, "weight_decay")
    qtbot.addWidget(box)
    box.stepDown()
    assert box.value() == 0.0  # the lower bound holds
    box.stepUp()
    assert box.value() == 1e-4
    box.stepDown()
    assert box.value() == 0.0


def test_open_bounds_are_respected(qtbot):
    box = float_box(Param(1e-5, low=0.0, low_open=True), 1e-5)
    qtbot.addWidget(box)
    assert box.minimum() > 0
    high = float_box(Param(0.5, low=0.0, high=1.0, high_open=True), 0.5)
    qtbot.addWidget(high)
    assert high.maximum() < 1.0


def test_adam_form_shows_and_emits_eps(qtbot):
    adam = OPTIMIZERS["adam"]
    form = ParamForm(adam.params, {"eps": 1e-8}, skip=("lr",))
    qtbot.addWidget(form)
    box = form.editors["eps"]
    assert isinstance(box, SciSpinBox) and box.value() == 1e-8
    emitted = []
    form.changed.connect(lambda k, v: emitted.append((k, v)))
    box.stepUp()
    box.stepDown()
    assert emitted == [("eps", 2e-8), ("eps", 1e-8)]
    betas = form.editors["betas"].findChildren(SciSpinBox)
    assert [b.value() for b in betas] == [0.9, 0.999]


def test_learning_rate_slider_reaches_ten_and_takes_typed_values(qtbot):
    slider = LogSlider(1e-5, 1.0, 1e-3)
    qtbot.addWidget(slider)
    slider.show()
    seen = []
    slider.changed.connect(seen.append)
    slider.slider.setValue(slider.slider.maximum())
    assert seen[-1] == 10.0 and slider.value() == 10.0
    slider.slider.setValue(slider.slider.minimum())
    assert seen[-1] == pytest.approx(1e-6)
    _typed(qtbot, slider.box, "3e-4")
    assert seen[-1] == 3e-4 and slider.value() == 3e-4
    assert 0 < slider.slider.value() < slider.slider.maximum()
    slider.set_value(0.05)  # from the project: no signal
    assert slider.box.value() == 0.05 and seen[-1] == 3e-4


def test_long_values_step_by_their_third_digit(qtbot):
    box = float_box(Param(0.5, low=0.0), 1 / 3)
    qtbot.addWidget(box)
    box.stepUp()
    assert box.value() == pytest.approx(1 / 3 + 0.001)
    box.stepDown()
    assert box.value() == 1 / 3


def test_large_values_are_kept(qtbot):
    box = float_box(Param(1.0), 1e20)
    qtbot.addWidget(box)
    assert box.value() == 1e20 and box.text() == "1e+20"
