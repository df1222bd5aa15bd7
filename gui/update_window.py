"""Inspect → Apply one update…: a window with a row picker and an :class:`UpdateView`.

Until the step-through window holds the update view, this makes it reachable on its
own: pick a training or validation row and see the optimizer step the network would
take on that one example.  The preview follows the run: a rebuild or a step while
the window is open asks again (not while training plays: the numbers would change
faster than anyone reads them).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from gui.panels.update_view import UpdateView


class UpdateWindow(QWidget):
    """A row picker (part and index) above an :class:`UpdateView`."""

    def __init__(self, worker, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("update_window")
        self._rows = {"train": 0, "val": 0}
        self._last_step = None
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        self.part_label = QLabel()
        self.part = QComboBox()
        self.part.setObjectName("update_part")
        self.part.addItem("", "train")
        self.part.addItem("", "val")
        self.index_label = QLabel()
        self.index = QSpinBox()
        self.index.setObjectName("update_index")
        self.index.setKeyboardTracking(False)
        self.rows_label = QLabel()
        self.show_button = QPushButton()
        self.show_button.setObjectName("update_show")
        self.show_button.setDefault(True)
        self.part_label.setBuddy(self.part)
        self.index_label.setBuddy(self.index)
        for w in (self.part_label, self.part, self.index_label, self.index, self.rows_label, self.show_button):
            row.addWidget(w)
        row.addStretch(1)
        box.addLayout(row)
        self.view = UpdateView(worker)
        box.addWidget(self.view, 1)
        self.part.currentIndexChanged.connect(self._on_part_changed)
        self.index.valueChanged.connect(lambda _v: self.refresh())
        self.show_button.clicked.connect(self.refresh)
        self.view.shown.connect(lambda p: setattr(self, "_last_step", p.train_step))
        self.retranslate()
        self.resize(900, 640)

    # ---- Public API
    def set_info(self, info) -> None:
        """A (re)built run: the number of rows of each part; ask again."""
        if info is None:
            return
        self._rows = {"train": len(info.y_train), "val": len(info.y_val)}
        self._update_range()
        if self.isVisible():
            self.refresh()

    def on_snapshot(self, snapshot) -> None:
        """The run stepped: ask again if the shown step is no longer the next one."""
        if self.isVisible() and snapshot.step + 1 != self._last_step:
            self._last_step = snapshot.step + 1
            self.refresh()

    def show_row(self, index: int, part: str = "train") -> None:
        self.part.setCurrentIndex(self.part.findData(part))
        self.index.setValue(index)
        self.refresh()

    def refresh(self) -> None:
        if self._rows.get(self.part.currentData(), 0) == 0:
            return
        self.view.show_for(self.index.value(), self.part.currentData())

    # ---- Private API
    def _on_part_changed(self, _i):
        self._update_range()
        self.refresh()

    def _update_range(self):
        n = self._rows.get(self.part.currentData(), 0)
        self.index.blockSignals(True)
        self.index.setRange(0, max(n - 1, 0))
        self.index.setEnabled(n > 0)
        self.index.blockSignals(False)
        self.rows_label.setText(self.tr("of {0} rows").format(n) if n else self.tr("(no rows)"))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        self.setWindowTitle(self.tr("Apply one update"))
        self.part_label.setText(self.tr("&Example from:"))
        self.part.setItemText(0, self.tr("training set"))
        self.part.setItemText(1, self.tr("validation set"))
        self.part.setToolTip(self.tr("Which part of the data the example comes from"))
        self.index_label.setText(self.tr("&Row:"))
        self.index.setToolTip(self.tr("The example's row in that part (counted from 0)"))
        self.show_button.setText(self.tr("Show"))
        self.show_button.setToolTip(self.tr("Compute one optimizer step on this example (the run is not changed)"))
        self._update_range()
