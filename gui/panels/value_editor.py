"""A small editor for typing one weight or bias (double-click a weight line or a neuron).

It shows what is edited (``layers.0.weight[1, 0]``) and a :class:`~gui.forms.SciSpinBox`
with the current value selected; Enter applies (``committed(value)``), Escape or a click
elsewhere closes it unchanged.  Only finite numbers are accepted.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

from gui.forms import SciSpinBox


class ValueEditor(QFrame):
    committed = Signal(float)

    def __init__(self, title: str, value: float | None, parent=None):
        super().__init__(parent, Qt.Popup)
        self.setObjectName("valueEditor")
        self.setFrameShape(QFrame.StyledPanel)
        self.setAttribute(Qt.WA_DeleteOnClose, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        self.label = QLabel(title)
        row.addWidget(self.label)
        self.box = SciSpinBox()
        self.box.setObjectName("valueEditorBox")
        self.box.setMinimumWidth(110)
        self.box.setValue(value if value is not None and math.isfinite(value) else 0.0)
        self.box.setToolTip(
            self.tr(
                "Type the value and press Enter: the running network takes it at once (Ctrl+Z undoes it). "
                "At step 0 it also becomes a starting value of the project"
            )
        )
        row.addWidget(self.box)
        ok = QToolButton()
        ok.setText(self.tr("Set"))
        ok.setObjectName("valueEditorSet")
        ok.setToolTip(self.tr("Set this value (Enter)"))
        ok.clicked.connect(self.commit)
        row.addWidget(ok)
        self.box.lineEdit().returnPressed.connect(self.commit)

    def open_at(self, pos: QPoint) -> None:
        self.adjustSize()
        self.move(pos)
        self.show()
        self.box.setFocus()
        self.box.selectAll()

    def commit(self) -> None:
        self.box.interpretText()
        value = self.box.value()
        self.close()
        if math.isfinite(value):
            self.committed.emit(value)

    def keyPressEvent(self, event):
        if event.key() == Qt.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
