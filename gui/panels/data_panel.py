"""Data set, noise, sample count, validation split, standardisation, and a preview.

The preview is a scatter plot of the raw training (filled) and validation
(hollow) points for 2-D data, or a table of the first rows otherwise.
"""

from __future__ import annotations

import copy

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.data import EXTRA_KEYS, GENERATED_2D, SOURCES
from gui.forms import ComboBox, DoubleSpinBox, SpinBox

CLASS_COLOURS = [(33, 113, 181), (230, 120, 30), (44, 160, 44), (214, 39, 40), (148, 103, 189),
                 (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]
SOURCE_HELP = {
    "xor": "2-D, two classes in opposite quadrants", "circle": "2-D, a disc inside a ring",
    "spiral": "2-D, interleaved spiral arms", "moons": "2-D, two interleaving half circles",
    "gaussians": "2-D, Gaussian blobs", "sine": "1-D regression: y = sin(x) + noise",
    "digits": "8x8 images of digits, 10 classes", "iris": "4 measurements, 3 species",
    "wine": "13 measurements, 3 cultivars", "breast_cancer": "30 features, 2 classes",
    "diabetes": "10 features, regression", "csv": "your own CSV file", "idx": "MNIST-format files",
}


class DataPanel(QWidget):
    title = "Data"
    edit = Signal(str, object, str, object)  # section, value, undo text, merge key

    def __init__(self, parent=None):
        super().__init__(parent)
        self.spec: dict = {}
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.source = ComboBox()
        self.source.setObjectName("source")
        for name in SOURCES:
            self.source.addItem(name)
            self.source.setItemData(self.source.count() - 1, SOURCE_HELP.get(name, ""), 3)  # tooltip role
        self.source.activated.connect(self._on_source)
        form.addRow("Data set", self.source)
        self.samples = SpinBox()
        self.samples.setObjectName("samples")
        self.samples.setRange(10, 100000)
        self.samples.setSingleStep(50)
        self.samples.setKeyboardTracking(False)
        self.samples.valueChanged.connect(lambda v: self._set("samples", v, "Samples"))
        form.addRow("Samples", self.samples)
        self.noise = DoubleSpinBox()
        self.noise.setObjectName("noise")
        self.noise.setRange(0.0, 2.0)
        self.noise.setSingleStep(0.05)
        self.noise.setDecimals(3)
        self.noise.setKeyboardTracking(False)
        self.noise.valueChanged.connect(lambda v: self._set("noise", v, "Noise"))
        form.addRow("Noise", self.noise)
        self.classes = SpinBox()
        self.classes.setObjectName("classes")
        self.classes.setRange(2, 10)
        self.classes.valueChanged.connect(lambda v: self._set("classes", v, "Classes"))
        form.addRow("Classes", self.classes)
        self.split = DoubleSpinBox()
        self.split.setObjectName("validationSplit")
        self.split.setRange(0.0, 0.9)
        self.split.setSingleStep(0.05)
        self.split.setDecimals(2)
        self.split.setKeyboardTracking(False)
        self.split.valueChanged.connect(lambda v: self._set("validation_split", v, "Validation split"))
        form.addRow("Validation split", self.split)
        self.standardize = QCheckBox("zero mean, unit variance")
        self.standardize.setToolTip("Scale each input to zero mean and unit variance, "
                                    "with statistics fitted on the training rows only")
        self.standardize.setObjectName("standardize")
        self.standardize.toggled.connect(lambda v: self._set("standardize", v, "Standardise"))
        form.addRow("Standardise", self.standardize)
        file_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("dataPath")
        self.path.setPlaceholderText("file")
        self.path.editingFinished.connect(lambda: self._set("path", self.path.text(), "Data file"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.file_row = QWidget()
        self.file_row.setLayout(file_row)
        form.addRow("File", self.file_row)
        self.target = QLineEdit()
        self.target.setObjectName("dataTarget")
        self.target.editingFinished.connect(lambda: self._set("target", self.target.text(), "Target column"))
        form.addRow("Target / labels", self.target)
        outer.addLayout(form)
        regen = QPushButton("Regenerate (new seed)")
        regen.setObjectName("regenerate")
        regen.setToolTip("Draw a new sample of the data (and new initial weights) with the next seed")
        regen.clicked.connect(self._regenerate)
        outer.addWidget(regen)
        self.preview = QStackedWidget()
        self.scatter = pg.PlotWidget()
        self.scatter.setBackground("w")
        self.scatter.setMinimumHeight(160)
        self.scatter.hideButtons()
        self.scatter.setAspectLocked(True)  # a circle should look round
        self.table = QTableWidget()
        self.preview.addWidget(self.scatter)
        self.preview.addWidget(self.table)
        outer.addWidget(self.preview, 1)
        self._seed = 0
        self._rows: dict = {}

    # ---- Public API
    def set_project(self, project: dict) -> None:
        self.spec = copy.deepcopy(project["data"])
        self._seed = project["seed"]
        spec = self.spec
        widgets = (self.source, self.samples, self.noise, self.classes, self.split, self.standardize,
                   self.path, self.target)
        for w in widgets:
            w.blockSignals(True)
        source = spec["source"]
        self.source.setCurrentText(source)
        generated = source in GENERATED_2D or source == "sine"
        self.samples.setValue(spec.get("samples") or 500)
        self.samples.setEnabled(generated)
        self.noise.setValue(spec.get("noise", 0.1))
        self.noise.setEnabled(generated)
        self.classes.setValue(spec.get("classes", 2))
        self.classes.setEnabled("classes" in EXTRA_KEYS.get(source, {}))
        self.split.setValue(spec.get("validation_split", 0.2))
        self.standardize.setChecked(spec.get("standardize", True))
        self.file_row.setEnabled(source in ("csv", "idx"))
        self.target.setEnabled(source in ("csv", "idx"))
        self.path.setText(spec.get("path") or "")
        self.target.setText(spec.get("target") or spec.get("labels") or "")
        for w in widgets:
            w.blockSignals(False)

    def set_info(self, info) -> None:
        """Preview the data of a freshly built run."""
        if info.raw_x_train.shape[1] == 2:
            self.scatter.setAspectLocked(True)
            self.preview.setCurrentWidget(self.scatter)
            self.scatter.clear()
            for x, y, filled in ((info.raw_x_train, info.y_train, True),
                                 (info.raw_x_val, info.y_val, False)):
                if info.task == "classification":
                    brushes = [pg.mkBrush(*CLASS_COLOURS[int(c) % 10]) for c in y]
                    pens = [pg.mkPen(*CLASS_COLOURS[int(c) % 10]) for c in y]
                else:
                    brushes = pens = None
                self.scatter.addItem(pg.ScatterPlotItem(
                    x[:, 0], x[:, 1], size=6, brush=brushes if filled else None,
                    pen=pens if pens is not None else "k", symbol="o" if filled else "s"))
        elif info.raw_x_train.shape[1] == 1:
            self.scatter.setAspectLocked(False)
            self.preview.setCurrentWidget(self.scatter)
            self.scatter.clear()
            self.scatter.addItem(pg.ScatterPlotItem(info.raw_x_train[:, 0], np.ravel(info.y_train), size=5,
                                                    brush=pg.mkBrush(33, 113, 181, 160), pen=None))
        else:
            self.preview.setCurrentWidget(self.table)
            self._fill_table(info)

    # ---- Private API
    def _fill_table(self, info):
        rows = min(30, len(info.raw_x_train))
        names = list(info.feature_names)[: info.raw_x_train.shape[1]]
        cols = min(len(names), 12)
        self.table.setRowCount(rows)
        self.table.setColumnCount(cols + 1)
        self.table.setHorizontalHeaderLabels(["target"] + names[:cols])
        for r in range(rows):
            y = info.y_train[r]
            label = (info.class_names[int(y)] if info.class_names else str(int(y))) \
                if info.task == "classification" else f"{float(np.ravel(y)[0]):.4g}"
            self.table.setItem(r, 0, QTableWidgetItem(label))
            for c in range(cols):
                self.table.setItem(r, c + 1, QTableWidgetItem(f"{info.raw_x_train[r, c]:.4g}"))
        self.table.resizeColumnsToContents()

    def _set(self, key, value, text):
        spec = copy.deepcopy(self.spec)
        spec[key] = value
        self.edit.emit("data", spec, text, f"data.{key}")

    def _on_source(self, _index):
        source = self.source.currentText()
        if source == self.spec.get("source"):
            return
        spec = {k: self.spec[k] for k in ("validation_split", "standardize") if k in self.spec}
        spec["source"] = source
        if source in GENERATED_2D or source == "sine":
            spec.update(samples=self.spec.get("samples") or 500, noise=self.spec.get("noise", 0.1))
        if source in ("csv", "idx"):
            spec.update({"path": "", "target" if source == "csv" else "labels": ""})
            self.spec = spec
            self.set_project({"data": spec, "seed": self._seed})
            self._browse()
            return
        self.edit.emit("data", spec, f"Data set {source}", None)

    def _browse(self):
        source = self.source.currentText()
        pattern = "CSV files (*.csv);;All files (*)" if source == "csv" else "IDX files (*.idx* *ubyte*);;All files (*)"
        path, _ = QFileDialog.getOpenFileName(self, "Choose a data file", "", pattern)
        if path:
            self.path.setText(path)
            spec = copy.deepcopy(self.spec)
            spec.update(source=source, path=path)
            self.spec = spec
            if spec.get("target") or spec.get("labels"):
                self.edit.emit("data", spec, "Data file", None)

    def _regenerate(self):
        self.edit.emit("seed", self._seed + 1, "Regenerate data", None)
