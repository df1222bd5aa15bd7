"""Data set, noise, sample count, validation split, standardisation, and a preview.

The preview is a scatter plot of the raw training (filled) and validation
(hollow) points for 2-D data, or a table of the first rows otherwise.  Large
data sets are previewed by a random subset of at most :data:`MAX_PREVIEW`
points (one plot item per class, one brush each), and the panel says so.
"""

from __future__ import annotations

import copy

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
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

from . import style

CLASS_COLOURS = [
    (33, 113, 181),
    (230, 120, 30),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
]


SOURCE_HELP = {
    "xor": QT_TRANSLATE_NOOP("DataPanel", "2-D, two classes in opposite quadrants"),
    "circle": QT_TRANSLATE_NOOP("DataPanel", "2-D, a disc inside a ring"),
    "spiral": QT_TRANSLATE_NOOP("DataPanel", "2-D, interleaved spiral arms"),
    "moons": QT_TRANSLATE_NOOP("DataPanel", "2-D, two interleaving half circles"),
    "gaussians": QT_TRANSLATE_NOOP("DataPanel", "2-D, Gaussian blobs"),
    "sine": QT_TRANSLATE_NOOP("DataPanel", "1-D regression: y = sin(x) + noise"),
    "digits": QT_TRANSLATE_NOOP("DataPanel", "8x8 images of digits, 10 classes"),
    "iris": QT_TRANSLATE_NOOP("DataPanel", "4 measurements, 3 species"),
    "wine": QT_TRANSLATE_NOOP("DataPanel", "13 measurements, 3 cultivars"),
    "breast_cancer": QT_TRANSLATE_NOOP("DataPanel", "30 features, 2 classes"),
    "diabetes": QT_TRANSLATE_NOOP("DataPanel", "10 features, regression"),
    "csv": QT_TRANSLATE_NOOP("DataPanel", "your own CSV file"),
    "idx": QT_TRANSLATE_NOOP("DataPanel", "MNIST-format files"),
    "points": QT_TRANSLATE_NOOP("DataPanel", "rows of inputs and targets written in the project file"),
}
#: at most this many points in the preview (drawing 100,000 froze the window for seconds)
MAX_PREVIEW = 4000
PREVIEW_HEIGHT = 200


class DataPanel(QWidget):
    title = "Data"
    edit = Signal(str, object, str, object)  # section, value, undo text, merge key

    def __init__(self, parent=None):
        super().__init__(parent)
        self.spec: dict = {}
        outer = QVBoxLayout(self)
        self.caption = style.Caption(
            self.tr(
                "The examples the network learns from. In the preview below, filled points train it and hollow "
                "squares (the validation set) only check it; colour = class."
            )
        )
        outer.addWidget(self.caption)
        form = QFormLayout()
        self.source = ComboBox()
        self.source.setObjectName("source")
        for name in SOURCES:
            self.source.addItem(name)
            self.source.setItemData(self.source.count() - 1, self.tr(SOURCE_HELP.get(name, "")), 3)  # tooltip role
        self.source.setToolTip(
            self.tr("The data set the network learns from: a generated toy problem or a CSV / NPZ file")
        )
        self.source.activated.connect(self._on_source)
        form.addRow(self.tr("Data set"), self.source)
        self.samples = SpinBox()
        self.samples.setObjectName("samples")
        self.samples.setRange(10, 100000)
        self.samples.setSingleStep(50)
        self.samples.setKeyboardTracking(False)
        self.samples.setToolTip(self.tr("How many examples to generate (training and validation together)"))
        self.samples.valueChanged.connect(lambda v: self._set("samples", v, self.tr("Samples")))
        form.addRow(self.tr("Samples"), self.samples)
        self.noise = DoubleSpinBox()
        self.noise.setObjectName("noise")
        self.noise.setRange(0.0, 2.0)
        self.noise.setSingleStep(0.05)
        self.noise.setDecimals(3)
        self.noise.setKeyboardTracking(False)
        self.noise.setToolTip(
            self.tr("Standard deviation of the random jitter added to each point: more noise, harder to separate")
        )
        self.noise.valueChanged.connect(lambda v: self._set("noise", v, self.tr("Noise")))
        form.addRow(self.tr("Noise"), self.noise)
        self.classes = SpinBox()
        self.classes.setObjectName("classes")
        self.classes.setRange(2, 10)
        self.classes.setToolTip(self.tr("How many classes (colours) the generated data has"))
        self.classes.valueChanged.connect(lambda v: self._set("classes", v, self.tr("Classes")))
        form.addRow(self.tr("Classes"), self.classes)
        self.split = DoubleSpinBox()
        self.split.setObjectName("validationSplit")
        self.split.setRange(0.0, 0.9)
        self.split.setSingleStep(0.05)
        self.split.setDecimals(2)
        self.split.setKeyboardTracking(False)
        self.split.setToolTip(
            self.tr(
                "Fraction of the examples held back as the validation set: never trained on, used to see "
                "overfitting and for early stopping"
            )
        )
        self.split.valueChanged.connect(lambda v: self._set("validation_split", v, self.tr("Validation split")))
        form.addRow(self.tr("Validation split"), self.split)
        self.standardize = QCheckBox(self.tr("zero mean, unit variance"))
        self.standardize.setToolTip(
            self.tr("Scale each input to zero mean and unit variance, with statistics fitted on the training rows only")
        )
        self.standardize.setObjectName("standardize")
        self.standardize.toggled.connect(lambda v: self._set("standardize", v, self.tr("Standardise")))
        form.addRow(self.tr("Standardise"), self.standardize)
        file_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("dataPath")
        self.path.setPlaceholderText(self.tr("file"))
        self.path.editingFinished.connect(lambda: self._set("path", self.path.text(), self.tr("Data file")))
        browse = QPushButton(self.tr("Browse…"))
        browse.setToolTip(self.tr("Choose a CSV or NPZ file of examples"))
        self.path.setToolTip(self.tr("The CSV or NPZ file the examples are read from"))
        browse.clicked.connect(self._browse)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.file_row = QWidget()
        self.file_row.setLayout(file_row)
        form.addRow(self.tr("File"), self.file_row)
        self.target = QLineEdit()
        self.target.setObjectName("dataTarget")
        self.target.setToolTip(self.tr("The column (CSV) or array (NPZ) that holds what the network should predict"))
        self.target.editingFinished.connect(lambda: self._set("target", self.target.text(), self.tr("Target column")))
        form.addRow(self.tr("Target / labels"), self.target)
        outer.addLayout(form)
        regen = QPushButton(self.tr("Regenerate (new seed)"))
        regen.setObjectName("regenerate")
        regen.setToolTip(self.tr("Draw a new sample of the data (and new initial weights) with the next seed"))
        regen.clicked.connect(self._regenerate)
        outer.addWidget(regen)
        self.preview = QStackedWidget()
        # the form scrolls in a short dock: the preview keeps a height that shows the data
        self.preview.setMinimumHeight(PREVIEW_HEIGHT)
        self.scatter = pg.PlotWidget()
        self.scatter.setBackground("w")
        self.scatter.setMinimumHeight(PREVIEW_HEIGHT)
        self.scatter.hideButtons()
        self.scatter.setAspectLocked(True)  # a circle should look round
        self.table = QTableWidget()
        self.table.setMinimumHeight(PREVIEW_HEIGHT)
        self.preview.addWidget(self.scatter)
        self.preview.addWidget(self.table)
        outer.addWidget(self.preview, 1)
        self.preview_note = QLabel()
        self.preview_note.setObjectName("previewNote")
        self.preview_note.setWordWrap(True)
        self.preview_note.setStyleSheet("color: #555;")
        self.preview_note.hide()
        outer.addWidget(self.preview_note)
        self._seed = 0
        self._rows: dict = {}
        self._points: dict | None = None  # the last inline points shown (data.source "points")

    # ---- Public API
    def set_project(self, project: dict) -> None:
        self.spec = copy.deepcopy(project["data"])
        self._seed = project["seed"]
        spec = self.spec
        widgets = (
            self.source,
            self.samples,
            self.noise,
            self.classes,
            self.split,
            self.standardize,
            self.path,
            self.target,
        )
        for w in widgets:
            w.blockSignals(True)
        source = spec["source"]
        if self.source.findText(source) < 0:  # inline points: listed once a project has them
            self.source.addItem(source)
            self.source.setItemData(self.source.count() - 1, self.tr(SOURCE_HELP.get(source, "")), 3)
        if source == "points":
            self._points = copy.deepcopy(spec)
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
        columns = info.raw_x_train.shape[1]
        if columns in (1, 2):
            self.scatter.setAspectLocked(columns == 2)
            self.preview.setCurrentWidget(self.scatter)
            self.scatter.clear()
            shown, total = self._plot_points(info)
            self._set_note(shown, total, QCoreApplication.translate("DataPanel", "points"))
        else:
            self.preview.setCurrentWidget(self.table)
            shown, total = self._fill_table(info)
            self._set_note(shown, total, QCoreApplication.translate("DataPanel", "rows"))

    # ---- Private API
    def _plot_points(self, info) -> tuple[int, int]:
        """One scatter item per (set, class) with one brush each; returns (points drawn, points)."""
        two_d = info.raw_x_train.shape[1] == 2
        classification = info.task == "classification"
        parts = [(info.raw_x_train, info.y_train, True)]
        if two_d:
            parts.append((info.raw_x_val, info.y_val, False))
        total = sum(len(x) for x, _y, _f in parts)
        limit = max(1, MAX_PREVIEW * len(parts[0][0]) // max(total, 1))  # shared in proportion
        shown = 0
        for x, y, filled in parts:
            y = np.asarray(y).reshape(len(y), -1)[:, 0] if len(y) else np.zeros(0)
            points = np.column_stack([x[:, 0], x[:, 1] if two_d else y]).astype(float) if len(x) else np.zeros((0, 2))
            rows = _subsample(points, limit if filled else max(1, MAX_PREVIEW - limit))
            points, labels = points[rows], y[rows]
            shown += len(rows)
            if two_d and classification:
                for c in np.unique(labels[np.isfinite(labels)] if labels.dtype.kind == "f" else labels):
                    colour = CLASS_COLOURS[int(c) % 10]
                    at = labels == c
                    self.scatter.addItem(
                        pg.ScatterPlotItem(
                            points[at, 0],
                            points[at, 1],
                            size=6,
                            pen=pg.mkPen(*colour),
                            brush=pg.mkBrush(*colour) if filled else None,
                            symbol="o" if filled else "s",
                        )
                    )
            elif two_d:
                self.scatter.addItem(
                    pg.ScatterPlotItem(
                        points[:, 0],
                        points[:, 1],
                        size=6,
                        pen="k",
                        brush=pg.mkBrush(33, 113, 181, 160) if filled else None,
                        symbol="o" if filled else "s",
                    )
                )
            else:
                self.scatter.addItem(
                    pg.ScatterPlotItem(
                        points[:, 0], points[:, 1], size=5, brush=pg.mkBrush(33, 113, 181, 160), pen=None
                    )
                )
        return shown, total

    def _set_note(self, shown: int, total: int, what: str) -> None:
        self.preview_note.setVisible(shown < total)
        if shown < total:
            self.preview_note.setText(
                QCoreApplication.translate("DataPanel", "Showing {n} of {total} {what}.").format(
                    n=f"{shown:,}", total=f"{total:,}", what=what
                )
            )

    def _fill_table(self, info) -> tuple[int, int]:
        rows = min(30, len(info.raw_x_train))
        columns = info.raw_x_train.shape[1]
        names = list(info.feature_names)
        if len(names) != columns:  # the features are not the raw columns (e.g. only x1*x2)
            names = [f"x{i + 1}" for i in range(columns)]
        cols = min(columns, 12)
        self.table.setRowCount(rows)
        self.table.setColumnCount(cols + 1)
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("DataPanel", "target")] + names[:cols])
        for r in range(rows):
            y = np.ravel(info.y_train[r])[0]
            if info.task == "classification" and np.isfinite(y):
                label = (
                    info.class_names[int(y)]
                    if info.class_names and 0 <= int(y) < len(info.class_names)
                    else str(int(y))
                )
            else:
                label = f"{float(y):.4g}"
            self.table.setItem(r, 0, QTableWidgetItem(label))
            for c in range(cols):
                self.table.setItem(r, c + 1, QTableWidgetItem(f"{info.raw_x_train[r, c]:.4g}"))
        self.table.resizeColumnsToContents()
        return rows, len(info.raw_x_train)

    def _set(self, key, value, text):
        spec = copy.deepcopy(self.spec)
        spec[key] = value
        self.edit.emit("data", spec, text, f"data.{key}")

    def _on_source(self, _index):
        source = self.source.currentText()
        if source == self.spec.get("source"):
            return
        if source == "points" and self._points is not None:  # back to the project's own rows
            text = self.tr("Data set {source}").format(source=source)
            self.edit.emit("data", copy.deepcopy(self._points), text, None)
            return
        # inline points have their own defaults (no validation rows, unscaled): not carried over
        keep = ("validation_split", "standardize") if self.spec.get("source") != "points" else ()
        spec = {k: self.spec[k] for k in keep if k in self.spec}
        spec["source"] = source
        if source in GENERATED_2D or source == "sine":
            spec.update(samples=self.spec.get("samples") or 500, noise=self.spec.get("noise", 0.1))
        if source in ("csv", "idx"):
            spec.update({"path": "", "target" if source == "csv" else "labels": ""})
            self.spec = spec
            self.set_project({"data": spec, "seed": self._seed})
            self._browse()
            return
        self.edit.emit("data", spec, self.tr("Data set {source}").format(source=source), None)

    def _browse(self):
        source = self.source.currentText()
        pattern = (
            self.tr("CSV files (*.csv);;All files (*)")
            if source == "csv"
            else self.tr("IDX files (*.idx* *ubyte*);;All files (*)")
        )
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a data file"), "", pattern)
        if path and source == "csv":  # the columns, target and missing values are chosen in the import dialog
            from gui.csv_import import CsvImportDialog

            dialog = CsvImportDialog(self, {**self.spec, "source": "csv"}, None, path)
            if dialog.exec() == CsvImportDialog.Accepted:
                self.edit.emit("data", dialog.data_spec(), self.tr("Data file"), None)
            dialog.deleteLater()
            return
        if path:
            self.path.setText(path)
            spec = copy.deepcopy(self.spec)
            spec.update(source=source, path=path)
            self.spec = spec
            if spec.get("target") or spec.get("labels"):
                self.edit.emit("data", spec, self.tr("Data file"), None)

    def _regenerate(self):
        self.edit.emit("seed", self._seed + 1, self.tr("Regenerate data"), None)


def _subsample(points: np.ndarray, limit: int, seed: int = 0) -> np.ndarray:
    """Indices of the drawable rows of ``points``, at most ``limit`` of them chosen at
    random (the same every time), in their original order."""
    with np.errstate(invalid="ignore"):
        keep = np.flatnonzero(np.all(np.abs(points) <= 1e30, axis=1)) if len(points) else np.zeros(0, np.intp)
    if len(keep) > limit:
        keep = np.sort(np.random.default_rng(seed).choice(keep, limit, replace=False))
    return keep
