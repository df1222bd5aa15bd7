"""The optimizer race's list of optimizers: one row each (kind, learning rate and its
main hyper-parameters), with add and remove.  Each row turns into the spec that
:func:`core.optimizers.make_optimizer` takes; the race steps the engine's classes."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")

# kind: (shown name, first hyper-parameter (label, key, default, low, high) or None, second or None)
KINDS = {
    "sgd": (QT_TRANSLATE_NOOP("OptimizerRow", "SGD"), None, None),
    "momentum": (QT_TRANSLATE_NOOP("OptimizerRow", "Momentum"), ("momentum", 0.9, 0.0, 0.999), None),
    "nesterov": (QT_TRANSLATE_NOOP("OptimizerRow", "Nesterov"), ("momentum", 0.9, 0.01, 0.999), None),
    "adagrad": (QT_TRANSLATE_NOOP("OptimizerRow", "AdaGrad"), None, None),
    "rmsprop": (QT_TRANSLATE_NOOP("OptimizerRow", "RMSProp"), ("alpha", 0.9, 0.0, 0.999), None),
    "adam": (QT_TRANSLATE_NOOP("OptimizerRow", "Adam"), ("beta1", 0.9, 0.0, 0.999), ("beta2", 0.999, 0.0, 0.9999)),
}
PARAM_LABELS = {
    "momentum": QT_TRANSLATE_NOOP("OptimizerRow", "momentum"),
    "alpha": QT_TRANSLATE_NOOP("OptimizerRow", "α"),
    "beta1": QT_TRANSLATE_NOOP("OptimizerRow", "β₁"),
    "beta2": QT_TRANSLATE_NOOP("OptimizerRow", "β₂"),
}
PARAM_TIPS = {
    "momentum": QT_TRANSLATE_NOOP("OptimizerRow", "How much of the last step is kept: buf = momentum · buf + g"),
    "alpha": QT_TRANSLATE_NOOP("OptimizerRow", "Decay of the running average of squared gradients"),
    "beta1": QT_TRANSLATE_NOOP("OptimizerRow", "Decay of the first moment (the average gradient)"),
    "beta2": QT_TRANSLATE_NOOP("OptimizerRow", "Decay of the second moment (the average squared gradient)"),
}


def spec_for(kind: str, lr: float, p1: float, p2: float) -> dict:
    """The engine's optimizer spec for one row."""
    if kind == "sgd":
        return {"name": "sgd", "lr": lr}
    if kind == "momentum":
        return {"name": "sgd", "lr": lr, "momentum": p1}
    if kind == "nesterov":
        return {"name": "sgd", "lr": lr, "momentum": p1, "nesterov": True}
    if kind == "adagrad":
        return {"name": "adagrad", "lr": lr}
    if kind == "rmsprop":
        return {"name": "rmsprop", "lr": lr, "alpha": p1}
    return {"name": "adam", "lr": lr, "betas": (p1, p2)}


def _spin(low, high, value, decimals=4):
    spin = QDoubleSpinBox()
    spin.setDecimals(decimals)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setKeyboardTracking(False)
    spin.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
    return spin


class OptimizerRow(QWidget):
    """One optimizer: colour, kind, learning rate, up to two hyper-parameters, status, remove."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, kind: str, lr: float, color: str, parent=None):
        super().__init__(parent)
        self.color = color
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.swatch = QLabel("■")
        self.swatch.setStyleSheet(f"color: {color}; font-size: 16px;")
        self.kind = QComboBox()
        for key, (name, *_rest) in KINDS.items():
            self.kind.addItem(name, key)
        self.kind.setObjectName("race_kind")
        self.lr_label = QLabel()
        self.lr = _spin(1e-5, 10.0, lr, 5)
        self.lr.setObjectName("race_lr")
        self.p_labels = [QLabel(), QLabel()]
        self.p_spins = [_spin(0.0, 0.9999, 0.9), _spin(0.0, 0.9999, 0.999)]
        self.status = QLabel()
        self.status.setStyleSheet("color: #b00020;")
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setObjectName("race_remove")
        for w in (self.swatch, self.kind, self.lr_label, self.lr):
            box.addWidget(w)
        for label, spin in zip(self.p_labels, self.p_spins):
            box.addWidget(label)
            box.addWidget(spin)
        box.addWidget(self.status, 1)
        box.addWidget(self.remove)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._update_params(reset=True)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.lr.valueChanged.connect(lambda _v: self.changed.emit())
        for spin in self.p_spins:
            spin.valueChanged.connect(lambda _v: self.changed.emit())
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.retranslate()

    # ---- Public API
    def spec(self) -> dict:
        return spec_for(self.kind.currentData(), self.lr.value(), self.p_spins[0].value(), self.p_spins[1].value())

    def title(self) -> str:
        return QCoreApplication.translate("OptimizerRow", KINDS[self.kind.currentData()][0])

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        for i, (name, *_rest) in enumerate(KINDS.values()):
            self.kind.setItemText(i, QCoreApplication.translate("OptimizerRow", name))
        self.kind.setToolTip(self.tr("The optimizer (the engine's own class, as used in training)"))
        self.lr_label.setText(self.tr("lr"))
        self.lr.setToolTip(self.tr("Learning rate"))
        self.remove.setToolTip(self.tr("Remove this optimizer from the race"))
        self.swatch.setToolTip(self.tr("This optimizer's colour on the map and in the loss plot"))
        self._update_params(reset=False)

    # ---- Private API
    def _on_kind(self, _i):
        self._update_params(reset=True)
        self.changed.emit()

    def _update_params(self, reset: bool) -> None:
        _name, *params = KINDS[self.kind.currentData()]
        for label, spin, param in zip(self.p_labels, self.p_spins, params):
            label.setVisible(param is not None)
            spin.setVisible(param is not None)
            if param is None:
                continue
            key, default, low, high = param
            label.setText(QCoreApplication.translate("OptimizerRow", PARAM_LABELS[key]))
            spin.setToolTip(QCoreApplication.translate("OptimizerRow", PARAM_TIPS[key]))
            if reset:
                spin.blockSignals(True)
                spin.setRange(low, high)
                spin.setValue(default)
                spin.blockSignals(False)


class OptimizerList(QWidget):
    """The rows, an "Add optimizer" button; ``changed`` on any edit."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[OptimizerRow] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.rows_box = QVBoxLayout()
        box.addLayout(self.rows_box)
        self.add_button = QPushButton()
        self.add_button.setObjectName("race_add")
        self.add_button.clicked.connect(lambda: self.add_row("adam", 0.1))
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(1)
        self.retranslate()

    # ---- Public API
    def add_row(self, kind: str, lr: float) -> OptimizerRow | None:
        if len(self.rows) >= len(COLORS):
            return None
        used = {r.color for r in self.rows}
        color = next(c for c in COLORS if c not in used)
        row = OptimizerRow(kind, lr, color)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self.remove_row)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        self._update_buttons()
        self.changed.emit()
        return row

    def remove_row(self, row: OptimizerRow) -> None:
        if len(self.rows) <= 1 or row not in self.rows:
            return
        self.rows.remove(row)
        self.rows_box.removeWidget(row)
        row.deleteLater()
        self._update_buttons()
        self.changed.emit()

    def specs(self) -> list[dict]:
        return [r.spec() for r in self.rows]

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        self.add_button.setText(self.tr("Add optimizer"))
        self.add_button.setToolTip(self.tr("Another optimizer in the race (up to eight)"))

    # ---- Private API
    def _update_buttons(self):
        self.add_button.setEnabled(len(self.rows) < len(COLORS))
        for r in self.rows:
            r.remove.setEnabled(len(self.rows) > 1)
