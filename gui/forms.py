"""Editors built from the engine's :class:`core.registry.Param` declarations.

The optimizer, schedule, activation and initialiser parameters shown in the
window come from the same declarations the project validator uses, so a new
registered class brings its own fields.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QSlider,
    QSpinBox,
    QWidget,
)

from core.registry import Param
from gui import explanations


class NoWheelMixin:
    """Scrolling a panel should not change the value under the mouse unless it has focus."""

    def wheelEvent(self, event):
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class SpinBox(NoWheelMixin, QSpinBox):
    pass


class DoubleSpinBox(NoWheelMixin, QDoubleSpinBox):
    pass


class ComboBox(NoWheelMixin, QComboBox):
    pass


#: the first value a click up gives a number box that holds 0 (a power of ten
#: of the size people use for that parameter); others get 0.1
ZERO_STEPS = {"weight_decay": 1e-4, "lr_decay": 1e-4, "eps": 1e-8, "eta_min": 1e-5, "lr": 1e-3}

_PARTIAL_NUMBER = re.compile(r"^[+-]?(\d*\.?\d*)([eE][+-]?\d*)?$")


def format_number(value: float) -> str:
    """The shortest text that reads back as exactly ``value``: ``1e-08``, ``0.001``, ``2.5``."""
    if value == 0:
        return "0"
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


class SciSpinBox(DoubleSpinBox):
    """A number box that shows and edits any float, small or large, exactly.

    It shows the shortest text that reads back as the stored value (``1e-08``,
    ``0.00032``, ``0.9``) and accepts scientific notation as typed (``2.5e-7``).
    The arrows step the last significant digit of the value as it was when
    stepping began (1e-8 -> 2e-8 -> 3e-8; 0.99 -> 1 -> 1.01); a step that would
    reach zero or cross it takes a ten times smaller step instead (1e-8 -> 9e-9),
    so one click up and one down returns to the very same number and never to 0.
    """

    def __init__(self, parent=None, zero_step: float = 0.1):
        super().__init__(parent)
        # the spin box rounds every value to this many decimals: keep them all
        self.setDecimals(323)
        self.setRange(-1e300, 1e300)
        self.zero_step = zero_step
        self._unit: Decimal | None = None
        self._stepped_value: float | None = None
        self._from_zero = False
        self.setKeyboardTracking(False)

    # ---- Qt virtuals
    def textFromValue(self, value: float) -> str:
        return format_number(value)

    def valueFromText(self, text: str) -> float:
        try:
            return float(text.strip().replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        stripped = text.strip().replace(",", ".")
        try:
            value = float(stripped)
        except ValueError:
            state = QValidator.Intermediate if _PARTIAL_NUMBER.match(stripped) else QValidator.Invalid
            return state, text, pos
        if not math.isfinite(value):
            return QValidator.Invalid, text, pos
        if self.minimum() <= value <= self.maximum():
            return QValidator.Acceptable, text, pos
        return QValidator.Intermediate, text, pos

    def fixup(self, text: str) -> str:
        return format_number(self.value())

    def stepBy(self, steps: int) -> None:
        value = self.value()
        if self._unit is None or value != self._stepped_value:  # a new run of clicks
            self._unit = _last_digit(value) if value != 0 else Decimal(format_number(self.zero_step))
            self._from_zero = value == 0
        current = Decimal(format_number(value))
        new = current + steps * self._unit
        # back to zero only if the clicks started there (0 -> 1e-4 -> 0)
        while current != 0 and ((new == 0 and not self._from_zero) or (new != 0 and (new < 0) != (current < 0))):
            self._unit /= 10  # never reach or cross zero in one click
            new = current + steps * self._unit
        new_value = min(max(float(new), self.minimum()), self.maximum())
        self._stepped_value = new_value
        self.setValue(new_value)

    def stepEnabled(self):
        flags = QAbstractSpinBox.StepNone
        if self.value() < self.maximum():
            flags |= QAbstractSpinBox.StepUpEnabled
        if self.value() > self.minimum():
            flags |= QAbstractSpinBox.StepDownEnabled
        return flags


def _last_digit(value: float) -> Decimal:
    """10^k for the last significant digit k of ``value`` as it is shown (0.25 -> 0.01,
    20 -> 10), but no finer than its third digit (1/3 steps by 0.001, not by 1e-16)."""
    number = Decimal(format_number(value)).normalize()
    exponent = max(number.as_tuple().exponent, number.adjusted() - 2)
    return Decimal(1).scaleb(exponent)


def float_box(param: Param, value: float, key: str = "") -> SciSpinBox:
    """A number box for one float parameter, limited to its valid range."""
    box = SciSpinBox(zero_step=ZERO_STEPS.get(key, 0.1))
    low = param.low if param.low is not None else -1e300
    high = param.high if param.high is not None else 1e300
    if param.low_open and param.low is not None:
        low += 1e-300  # the smallest step the box can hold above an open bound
    if param.high_open and param.high is not None:
        high = param.high - 1e-6
    box.setRange(low, high)
    box.setValue(value if value is not None else 0.0)
    return box


class ParamForm(QWidget):
    """One row per parameter; emits ``changed(key, value)`` with validated types."""

    changed = Signal(str, object)

    def __init__(self, params: dict[str, Param], values: dict, skip=(), parent=None, owner: str = "*"):
        super().__init__(parent)
        self.owner = owner
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.editors: dict[str, QWidget] = {}
        for key, param in params.items():
            if key in skip:
                continue
            editor = self._editor(key, param, values.get(key, param.default))
            if editor is None:
                continue
            editor.setObjectName(f"param_{key}")
            tooltip = explanations.tip(owner, key, param.doc)
            if tooltip:
                editor.setToolTip(tooltip)
            self.editors[key] = editor
            layout.addRow(explanations.label(key), editor)

    def _editor(self, key, param, value):
        emit = lambda v, k=key: self.changed.emit(k, v)  # noqa: E731
        if param.kind == "bool":
            box = QCheckBox()
            box.setChecked(bool(value))
            box.toggled.connect(emit)
            return box
        if param.kind == "choice":
            box = ComboBox()
            for choice in param.choices:
                box.addItem(str(choice), choice)
            box.setCurrentIndex(max(0, list(param.choices).index(value) if value in param.choices else 0))
            box.activated.connect(lambda i, b=box: emit(b.itemData(i)))
            return box
        if param.kind == "int":
            if param.nullable and value is None:
                value = 0
            box = SpinBox()
            box.setRange(int(param.low or 0), int(param.high or 100000))
            if param.nullable:
                box.setSpecialValueText(QCoreApplication.translate("ParamForm", "auto"))
                box.setMinimum(0)
            box.setValue(int(value))
            box.setKeyboardTracking(False)
            box.valueChanged.connect(lambda v: emit(None if param.nullable and v == 0 else v))
            return box
        if param.kind == "pair":
            row = QWidget()
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            boxes = []
            for i in range(2):
                box = float_box(Param(0.9, low=0.0, high=1.0, high_open=True), value[i])
                h.addWidget(box)
                boxes.append(box)
            for box in boxes:
                box.valueChanged.connect(lambda _v: emit([boxes[0].value(), boxes[1].value()]))
            return row
        if param.kind == "float":
            box = float_box(param, value, key)
            box.valueChanged.connect(emit)
            return box
        return None


class LogSlider(QWidget):
    """The learning rate: a log-scale slider with a typed value box beside it.

    The slider spans at least 1e-6 ... 10 (a rate of 10 is useful to show
    divergence); the box takes any value the optimizer accepts, typed exactly,
    and the slider follows it as far as its range goes.
    """

    changed = Signal(float)

    STEPS = 400
    LOWEST, HIGHEST = 1e-6, 10.0

    def __init__(self, low: float = LOWEST, high: float = HIGHEST, value: float = 1e-3, parent=None):
        super().__init__(parent)
        self.low = math.log10(min(low, self.LOWEST))
        self.high = math.log10(max(high, self.HIGHEST))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, self.STEPS)
        self.slider.setObjectName("logSlider")
        self.slider.setToolTip(
            QCoreApplication.translate("LogSlider", "Drag: learning rate on a logarithmic scale from 1e-6 to 10")
        )
        self.box = SciSpinBox(zero_step=1e-3)
        self.box.setObjectName("logSliderValue")
        self.box.setRange(0.0, 1e6)
        self.box.setToolTip(
            QCoreApplication.translate(
                "LogSlider", "Type the learning rate (for example 0.01 or 3e-4); Enter applies it"
            )
        )
        self.box.setMinimumWidth(80)
        self.label = self.box  # the read-out of the value (older name)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.box)
        self.set_value(value)
        self.slider.valueChanged.connect(self._on_slider)
        self.box.valueChanged.connect(self._on_box)

    def value(self) -> float:
        return self._value

    def set_value(self, value: float) -> None:
        self._value = value
        self._move_slider(value)
        self.box.blockSignals(True)
        self.box.setValue(value)
        self.box.blockSignals(False)

    def _move_slider(self, value: float) -> None:
        clamped = min(max(value, 10**self.low), 10**self.high) if value > 0 else 10**self.low
        position = (math.log10(clamped) - self.low) / (self.high - self.low) * self.STEPS
        self.slider.blockSignals(True)
        self.slider.setValue(round(position))
        self.slider.blockSignals(False)

    def _on_slider(self, position: int) -> None:
        exponent = self.low + (self.high - self.low) * position / self.STEPS
        value = float(f"{10**exponent:.3g}")  # round to 3 significant digits: readable, saved as typed
        self._value = value
        self.box.blockSignals(True)
        self.box.setValue(value)
        self.box.blockSignals(False)
        self.changed.emit(value)

    def _on_box(self, value: float) -> None:
        if value == self._value:
            return
        self._value = value
        self._move_slider(value)
        self.changed.emit(value)
