"""The step-through window's example: a data row, a typed input and target, or a point
picked on the Output panel's plane, and the arguments of the ``"graph"`` query they make.
A mixin of :class:`gui.panels.step_through.StepThroughWindow`; its text keeps the
translation context "StepThroughWindow"."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QPushButton, QSpinBox

from gui.controller import plain_message


class StepExample:
    """The controls of the first row and what they ask for."""

    def _build_example_row(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.source = QComboBox()
        self.source.addItem(QCoreApplication.translate("StepThroughWindow", "Data row"), "row")
        self.source.addItem(QCoreApplication.translate("StepThroughWindow", "Typed input"), "input")
        self.source.setToolTip(
            QCoreApplication.translate(
                "StepThroughWindow", "Trace a row of the data, or an input and target you type (or click on the plane)"
            )
        )
        self.row = QSpinBox()
        self.row.setObjectName("stepRow")
        self.row.setToolTip(
            QCoreApplication.translate("StepThroughWindow", "Which row of the data to trace (numbered from 0)")
        )
        self.part = QComboBox()
        self.part.addItem(QCoreApplication.translate("StepThroughWindow", "training"), "train")
        self.part.addItem(QCoreApplication.translate("StepThroughWindow", "validation"), "val")
        self.part.setToolTip(
            QCoreApplication.translate("StepThroughWindow", "Take the row from the training or the validation set")
        )
        self.input = QLineEdit()
        self.input.setObjectName("stepInput")
        self.input.setPlaceholderText(QCoreApplication.translate("StepThroughWindow", "input, e.g. 0.5, -1.2"))
        self.input.setToolTip(
            QCoreApplication.translate(
                "StepThroughWindow", "The input values, separated by commas, in the data's own units (as on the plane)"
            )
        )
        self.target = QLineEdit()
        self.target.setObjectName("stepTarget")
        self.target.setPlaceholderText(QCoreApplication.translate("StepThroughWindow", "target"))
        self.target.setToolTip(
            QCoreApplication.translate(
                "StepThroughWindow", "The target: a class number for classification, the value(s) for regression"
            )
        )
        self.pick = QPushButton(QCoreApplication.translate("StepThroughWindow", "Pick on Plane"))
        self.pick.setCheckable(True)
        self.pick.setToolTip(
            QCoreApplication.translate(
                "StepThroughWindow",
                "Click a point on the Output panel's plane to trace it (with the target typed here)",
            )
        )
        self.dropout = QCheckBox(QCoreApplication.translate("StepThroughWindow", "Dropout as in training"))
        self.dropout.setChecked(True)
        self.dropout.setToolTip(
            QCoreApplication.translate(
                "StepThroughWindow",
                "Draw each dropout mask as a training step would (training itself is not disturbed); "
                "off: dropout passes everything",
            )
        )
        self.refresh_button = QPushButton(QCoreApplication.translate("StepThroughWindow", "Refresh"))
        self.refresh_button.setToolTip(
            QCoreApplication.translate(
                "StepThroughWindow", "Ask for the graph again with the network's current weights"
            )
        )
        for w in (self.source, self.row, self.part, self.input, self.target, self.pick, self.dropout):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        return top

    def _query_args(self):
        options = {"dropout": "train" if self.dropout.isChecked() else "eval"}
        if self.source.currentData() == "row":
            return (self.row.value(), self.part.currentData(), options)
        info = self.main.info
        values = _numbers(self.input.text())
        if values is None or not values:
            self._show_message(
                QCoreApplication.translate(
                    "StepThroughWindow", "Input: type numbers separated by commas, got “{text}”."
                ).format(text=self.input.text())
            )
            return None
        target_text = self.target.text().strip()
        if info is not None and info.task == "classification":
            if not re.fullmatch(r"\d+", target_text):
                self._show_message(
                    QCoreApplication.translate(
                        "StepThroughWindow", "Target: type a class number, got “{text}”."
                    ).format(text=target_text)
                )
                return None
            target = int(target_text)
        else:
            target = _numbers(target_text)
            if not target:
                self._show_message(
                    QCoreApplication.translate(
                        "StepThroughWindow", "Target: type the value(s) to predict, got “{text}”."
                    ).format(text=target_text)
                )
                return None
        return (values, target, options)

    def _show_source(self):
        row = self.source.currentData() == "row"
        for w in (self.row, self.part):
            w.setVisible(row)
        for w in (self.input, self.target):
            w.setVisible(not row)

    def _on_source_changed(self, _index):
        self._show_source()
        if self.source.currentData() == "input" and not self.input.text() and self.graph is not None:
            raw = self.graph.raw_input
            if raw is not None:
                self.input.setText(", ".join(f"{v:.4g}" for v in raw))
            cls = self.graph.target_class
            self.target.setText(str(cls) if cls is not None else ", ".join(f"{v:.4g}" for v in self.graph.target))
        self.refresh()

    def _on_part_changed(self, _index):
        self._update_row_range()
        self.refresh()

    def _update_row_range(self):
        info = self.main.info
        if info is None:
            return
        n = len(info.raw_x_train) if self.part.currentData() == "train" else len(info.raw_x_val)
        self.row.setMaximum(max(n - 1, 0))

    # ---- the plane
    def _on_pick_toggled(self, on: bool):
        scene = self.main.output_panel.plot.scene()
        if on and not self._picking:
            scene.sigMouseClicked.connect(self._on_plane_clicked)
        elif not on and self._picking:
            scene.sigMouseClicked.disconnect(self._on_plane_clicked)
        self._picking = on

    def _on_plane_clicked(self, event):
        plot = self.main.output_panel.plot
        vb = plot.getViewBox()
        if event.button() != Qt.LeftButton or not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        p = vb.mapSceneToView(event.scenePos())
        self.pick_point(p.x(), p.y())

    def pick_point(self, x: float, y: float):
        """Trace the point (x, y) of the plane (raw units) with the typed target."""
        self.source.blockSignals(True)
        self.source.setCurrentIndex(self.source.findData("input"))
        self.source.blockSignals(False)
        self._show_source()
        self.input.setText(f"{x:.4g}, {y:.4g}")
        if not self.target.text().strip():
            self.target.setText("0")
        self.refresh()


def _numbers(text: str):
    parts = [p for p in re.split(r"[,;\s]+", text.strip().replace("−", "-")) if p]
    try:
        return [float(p) for p in parts]
    except ValueError:
        return None


def _error_text(exc) -> str:
    code, args = getattr(exc, "code", None), getattr(exc, "args", None)
    if isinstance(args, dict):
        key, value = args.get("key"), args.get("value")
        if key == "graph.index":
            return QCoreApplication.translate(
                "StepThroughWindow", "Row {value} does not exist: that part of the data has {rows} rows."
            ).format(value=value, rows=args.get("rows"))
        if key == "graph.target":
            return QCoreApplication.translate(
                "StepThroughWindow", "Target: must be a class from {low} to {high}, got {value}."
            ).format(low=args.get("low"), high=args.get("high"), value=value)
        if key == "graph.input" and code == "shape_mismatch":
            return QCoreApplication.translate("StepThroughWindow", "Input: needs {n} numbers, got {value}.").format(
                n=args.get("expected"), value=value
            )
        if key and key.startswith("graph.input["):
            return QCoreApplication.translate(
                "StepThroughWindow", "Input: {key} must be a finite number, got {value}."
            ).format(key=key, value=value)
    return plain_message(str(exc))
