"""Editors built from the engine's :class:`core.registry.Param` declarations.

The optimizer, schedule, activation and initialiser parameters shown in the
window come from the same declarations the project validator uses, so a new
registered class brings its own fields.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QWidget,
)

from core.registry import Param


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


def float_box(param: Param, value: float) -> DoubleSpinBox:
    box = DoubleSpinBox()
    box.setDecimals(6)
    box.setRange(param.low if param.low is not None else -1e9, param.high if param.high is not None else 1e9)
    if param.high_open and param.high is not None:
        box.setMaximum(param.high - 1e-6)
    box.setSingleStep(0.01 if (param.high or 10) <= 1 else 0.1)
    box.setValue(value if value is not None else 0.0)
    box.setKeyboardTracking(False)
    return box


class ParamForm(QWidget):
    """One row per parameter; emits ``changed(key, value)`` with validated types."""

    changed = Signal(str, object)

    def __init__(self, params: dict[str, Param], values: dict, skip=(), parent=None):
        super().__init__(parent)
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
            if param.doc:
                editor.setToolTip(param.doc)
            self.editors[key] = editor
            layout.addRow(key.replace("_", " "), editor)

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
                box.setSpecialValueText("auto")
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
                box.setDecimals(4)
                box.setSingleStep(0.001)
                h.addWidget(box)
                boxes.append(box)
            for box in boxes:
                box.valueChanged.connect(lambda _v: emit([boxes[0].value(), boxes[1].value()]))
            return row
        if param.kind == "float":
            box = float_box(param, value)
            box.valueChanged.connect(emit)
            return box
        return None


class LogSlider(QWidget):
    """A log-scale slider (e.g. the learning rate) with its value shown beside it."""

    changed = Signal(float)

    STEPS = 400

    def __init__(self, low: float = 1e-5, high: float = 1.0, value: float = 1e-3, parent=None):
        super().__init__(parent)
        self.low, self.high = math.log10(low), math.log10(high)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, self.STEPS)
        self.slider.setObjectName("logSlider")
        self.label = QLabel()
        self.label.setMinimumWidth(70)
        self.label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        self.set_value(value)
        self.slider.valueChanged.connect(self._on_slider)

    def value(self) -> float:
        return self._value

    def set_value(self, value: float) -> None:
        self._value = value
        position = (math.log10(max(value, 10**self.low)) - self.low) / (self.high - self.low) * self.STEPS
        self.slider.blockSignals(True)
        self.slider.setValue(round(position))
        self.slider.blockSignals(False)
        self.label.setText(f"{value:.3g}")

    def _on_slider(self, position: int) -> None:
        exponent = self.low + (self.high - self.low) * position / self.STEPS
        value = float(f"{10**exponent:.3g}")  # round to 3 significant digits: readable, saved as typed
        self._value = value
        self.label.setText(f"{value:.3g}")
        self.changed.emit(value)
