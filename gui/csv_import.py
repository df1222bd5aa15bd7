"""File → Import CSV… (Ctrl+I): a CSV file's columns, their roles and the missing values,
shown before the data is used.

:class:`CsvImportDialog` reads the file with :mod:`core.tabular`, shows the first
:data:`~core.tabular.PREVIEW_ROWS` rows in a table backed by the pandas frame
(:class:`FrameModel`), and lets the person choose the target column, the task,
each column's role (the guess is shown beside it), how missing values are handled
(with their counts) and what is standardised.  Every change is checked at once on
the whole file; a problem is said inline, naming the row and the column, and the
cell is selected in the preview.  OK hands :meth:`CsvImportDialog.data_spec` (a
``data`` section) to the document as one undoable edit (:func:`import_csv`).
"""

from __future__ import annotations

import copy
import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import tabular
from core.registry import ConfigError
from gui.controller import plain_message
from gui.forms import ComboBox

CONTEXT = "CsvImportDialog"

ROLE_TEXT = {
    "numeric": QT_TRANSLATE_NOOP("CsvImportDialog", "numeric"),
    "categorical": QT_TRANSLATE_NOOP("CsvImportDialog", "categorical"),
    "ignore": QT_TRANSLATE_NOOP("CsvImportDialog", "ignore"),
}
MISSING_TEXT = {
    None: QT_TRANSLATE_NOOP("CsvImportDialog", "refuse (the file must have none)"),
    "drop": QT_TRANSLATE_NOOP("CsvImportDialog", "drop the rows"),
    "mean": QT_TRANSLATE_NOOP("CsvImportDialog", "fill with the column's mean"),
    "median": QT_TRANSLATE_NOOP("CsvImportDialog", "fill with the column's median"),
    "most_frequent": QT_TRANSLATE_NOOP("CsvImportDialog", "fill with the most frequent value"),
}
TASK_TEXT = {
    "regression": QT_TRANSLATE_NOOP("CsvImportDialog", "regression (predict a number)"),
    "classification": QT_TRANSLATE_NOOP("CsvImportDialog", "classification (predict a class)"),
}
#: the engine's codes (core.tabular) as sentences; args: file, row, column, value, line, rows
ERRORS = {
    "csv_empty": QT_TRANSLATE_NOOP("CsvImportDialog", "The file {file} has no data rows."),
    "csv_no_header": QT_TRANSLATE_NOOP(
        "CsvImportDialog",
        "The file {file} has no header row: its first line is numbers, not column names. Add a line of names.",
    ),
    "csv_bad_row": QT_TRANSLATE_NOOP("CsvImportDialog", "Line {line} of {file} has more fields than the header."),
    "csv_target_missing": QT_TRANSLATE_NOOP(
        "CsvImportDialog", "The target column “{column}” is missing in every row: choose another target."
    ),
    "csv_text_target": QT_TRANSLATE_NOOP(
        "CsvImportDialog",
        "Row {row}, column “{column}”: “{value}” is text, so this column cannot be a regression target. "
        "Choose classification or another target.",
    ),
    "csv_not_a_number": QT_TRANSLATE_NOOP(
        "CsvImportDialog",
        "Row {row}, column “{column}”: “{value}” is not a number. Make the column categorical, ignore it, "
        "or correct the file.",
    ),
    "csv_not_finite": QT_TRANSLATE_NOOP(
        "CsvImportDialog", "Row {row}, column “{column}”: “{value}” is not a finite number."
    ),
    "csv_missing_value": QT_TRANSLATE_NOOP(
        "CsvImportDialog",
        "Row {row}, column “{column}”: the value is missing. Choose how missing values are handled.",
    ),
    "csv_column_missing": QT_TRANSLATE_NOOP("CsvImportDialog", "Column “{column}” is missing in every row: ignore it."),
    "csv_no_inputs": QT_TRANSLATE_NOOP(
        "CsvImportDialog", "Every column but the target is ignored: the network needs at least one input."
    ),
    "csv_duplicate_column": QT_TRANSLATE_NOOP(
        "CsvImportDialog", "The file {file} has two columns named “{column}”: rename one in the header."
    ),
    "csv_few_rows": QT_TRANSLATE_NOOP(
        "CsvImportDialog", "Only {rows} rows are left after dropping the rows with missing values."
    ),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def error_sentence(exc: ConfigError) -> str:
    """A :mod:`core.tabular` error in the window's language (the engine's text if its code is not known)."""
    sentence = ERRORS.get(getattr(exc, "code", None))
    if sentence is not None:
        args = {k: ("" if v is None else str(v)) for k, v in exc.args.items()} if isinstance(exc.args, dict) else {}
        try:
            return tr(sentence).format(**args)
        except (KeyError, IndexError, ValueError):
            pass
    return plain_message(str(exc))


class FrameModel(QAbstractTableModel):
    """A pandas DataFrame of strings (missing cells NaN) as a read-only table; missing
    cells show ``NA`` in grey; the header names each column and its role."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._frame = None
        self._roles: dict[str, str] = {}
        self._target = None

    def set_frame(self, frame, roles: dict[str, str] | None = None, target: str | None = None) -> None:
        self.beginResetModel()
        self._frame = frame
        self._roles = dict(roles or {})
        self._target = target
        self.endResetModel()

    def set_roles(self, roles: dict[str, str], target: str | None) -> None:
        self._roles, self._target = dict(roles), target
        if self._frame is not None and self._frame.shape[1]:
            self.headerDataChanged.emit(Qt.Horizontal, 0, self._frame.shape[1] - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 (Qt's signature)
        return 0 if self._frame is None or parent.isValid() else len(self._frame)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if self._frame is None or parent.isValid() else self._frame.shape[1]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self._frame is None:
            return None
        value = self._frame.iat[index.row(), index.column()]
        missing = not isinstance(value, str)
        column = self._frame.columns[index.column()]
        if role == Qt.DisplayRole:
            return "NA" if missing else value
        if role == Qt.ForegroundRole:
            if missing or self._roles.get(column) == "ignore":
                return QColor("#999999")
            return None
        if role == Qt.BackgroundRole and column == self._target:
            return QColor("#fff4d6")
        if role == Qt.ToolTipRole and missing:
            return QCoreApplication.translate("CsvImportDialog", "Missing value")
        if role == Qt.TextAlignmentRole and self._roles.get(column) == "numeric":
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if self._frame is None or role != Qt.DisplayRole:
            return None
        if orientation == Qt.Vertical:
            return str(section + 1)  # rows counted from 1 after the header, as the messages count them
        column = self._frame.columns[section]
        if column == self._target:
            what = QCoreApplication.translate("CsvImportDialog", "target")
        else:
            what = tr(ROLE_TEXT.get(self._roles.get(column, "numeric"), ""))
        return f"{column}\n{what}"


class CsvImportDialog(QDialog):
    """Choose how a CSV file becomes data; :meth:`data_spec` is the result."""

    def __init__(self, parent=None, spec: dict | None = None, base_dir: str | None = None, path: str | None = None):
        super().__init__(parent)
        self.setObjectName("csvImportDialog")
        self.setWindowTitle(self.tr("Import CSV"))
        self._base = copy.deepcopy(spec) if isinstance(spec, dict) else {}
        self._base_dir = base_dir or os.getcwd()
        self.frame = None
        self.guesses: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        self.summary: tabular.TableSummary | None = None
        self.error: ConfigError | None = None
        self._filling = False
        self._build()
        start = path
        if start is None and self._base.get("source") == "csv" and self._base.get("path"):
            start = self._base["path"]
            if not os.path.isabs(os.path.expanduser(start)):
                start = os.path.join(self._base_dir, start)
        if start:
            self.load(start, keep_choices=path is None)

    # ---- layout
    def _build(self):
        outer = QVBoxLayout(self)
        file_row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("csvPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("no file chosen"))
        self.path_edit.setToolTip(self.tr("The CSV file the examples are read from"))
        choose = QPushButton(self.tr("Choose file…"))
        choose.setObjectName("csvChoose")
        choose.setToolTip(self.tr("Choose a CSV file with a header row of column names"))
        choose.clicked.connect(self.choose_file)
        file_row.addWidget(QLabel(self.tr("File")))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(choose)
        outer.addLayout(file_row)

        options = QWidget()
        form = QFormLayout(options)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.target = ComboBox()
        self.target.setObjectName("csvTarget")
        self.target.setToolTip(self.tr("The column the network learns to predict; every other column can be an input"))
        self.target.currentIndexChanged.connect(self._on_target)
        form.addRow(self.tr("Target column"), self.target)
        self.task = ComboBox()
        self.task.setObjectName("csvTask")
        for key, text in TASK_TEXT.items():
            self.task.addItem(self.tr(text), key)
        self.task.setToolTip(
            self.tr(
                "Regression predicts a number (a price); classification predicts one of a few classes. "
                "Guessed from the target: a few whole numbers or text mean classes"
            )
        )
        self.task.currentIndexChanged.connect(self._on_option)
        form.addRow(self.tr("Task"), self.task)
        self.missing = ComboBox()
        self.missing.setObjectName("csvMissing")
        for key, text in MISSING_TEXT.items():
            self.missing.addItem(self.tr(text), key)
        self.missing.setToolTip(
            self.tr(
                "What to do with empty cells and cells such as NA or ?: drop those rows, or fill a number column "
                "with its mean, median or most frequent value. In a categorical column a missing value becomes "
                "a level of its own, “(missing)”, unless the most frequent level fills it. Rows without a target "
                "are always dropped"
            )
        )
        self.missing.currentIndexChanged.connect(self._on_option)
        self.missing_note = QLabel()
        self.missing_note.setObjectName("csvMissingNote")
        self.missing_note.setWordWrap(True)
        self.missing_note.setStyleSheet("color: #555;")
        missing_box = QWidget()
        missing_row = QVBoxLayout(missing_box)
        missing_row.setContentsMargins(0, 0, 0, 0)
        missing_row.addWidget(self.missing)
        missing_row.addWidget(self.missing_note)
        form.addRow(self.tr("Missing values"), missing_box)
        self.standardize = QCheckBox(self.tr("inputs to zero mean, unit variance"))
        self.standardize.setObjectName("csvStandardize")
        self.standardize.setToolTip(
            self.tr("Scale each input with the mean and standard deviation of the training rows")
        )
        self.standardize.toggled.connect(self._on_option)
        self.standardize_target = QCheckBox(self.tr("the target too (regression)"))
        self.standardize_target.setObjectName("csvStandardizeTarget")
        self.standardize_target.setToolTip(
            self.tr(
                "Train on the target scaled to zero mean and unit variance (a price in the hundreds of thousands "
                "would make huge gradients); predictions are shown in the target's own units"
            )
        )
        self.standardize_target.toggled.connect(self._on_option)
        scale_box = QWidget()
        scale_row = QVBoxLayout(scale_box)
        scale_row.setContentsMargins(0, 0, 0, 0)
        scale_row.addWidget(self.standardize)
        scale_row.addWidget(self.standardize_target)
        form.addRow(self.tr("Standardise"), scale_box)

        self.columns = QTableWidget(0, 4)
        self.columns.setObjectName("csvColumns")
        self.columns.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Role"), self.tr("Guess"), self.tr("Missing")]
        )
        self.columns.setToolTip(
            self.tr(
                "Each column's role: numeric (one input), categorical (one input per level, 1 for the row's "
                "level: one-hot encoding) or ignore (an Id, free text). The guess is shown beside it"
            )
        )
        self.columns.verticalHeader().hide()
        self.columns.setEditTriggers(QTableWidget.NoEditTriggers)
        self.columns.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        for i in (1, 2, 3):
            self.columns.horizontalHeader().setSectionResizeMode(i, QHeaderView.ResizeToContents)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(options)
        left_layout.addWidget(self.columns, 1)

        self.model = FrameModel(self)
        self.preview = QTableView()
        self.preview.setObjectName("csvPreview")
        self.preview.setModel(self.model)
        self.preview.setToolTip(
            self.tr("The first rows of the file; missing values show as NA, the target column is shaded")
        )
        self.preview.horizontalHeader().setDefaultSectionSize(84)
        self.preview.verticalHeader().setDefaultSectionSize(22)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("csvPreviewLabel")
        self.preview_label.setStyleSheet("color: #555;")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview_label)
        right_layout.addWidget(self.preview, 1)

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        outer.addWidget(splitter, 1)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("csvSummary")
        self.summary_label.setWordWrap(True)
        outer.addWidget(self.summary_label)
        self.error_label = QLabel()
        self.error_label.setObjectName("csvError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Use this data"))
        self.buttons.button(QDialogButtonBox.Ok).setToolTip(
            self.tr("Use the file with these choices (Ctrl+Z undoes it)")
        )
        self.buttons.button(QDialogButtonBox.Cancel).setToolTip(self.tr("Close without changing the data"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.resize(1100, 680)
        self._update_ok()

    # ---- Public API
    def choose_file(self) -> bool:
        start = os.path.dirname(self.path_edit.text()) if self.path_edit.text() else self._base_dir
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a CSV file"), start, self.tr("CSV files (*.csv *.txt);;All files (*)")
        )
        if not path:
            return False
        self.load(path)
        return True

    def load(self, path: str, keep_choices: bool = False) -> bool:
        """Read ``path`` and guess its columns' roles (``keep_choices``: start from the
        choices stored in the project instead); False (and the problem shown) if it
        cannot be read."""
        self.path_edit.setText(path)
        self.path_edit.setToolTip(path)
        try:
            frame = tabular.read_table(path)
        except ConfigError as exc:
            self.frame = None
            self.model.set_frame(None)
            self.target.clear()
            self.columns.setRowCount(0)
            self.summary_label.clear()
            self.preview_label.clear()
            self._show_error(exc)
            return False
        self.frame = frame
        base = self._base if keep_choices and self._base.get("source") == "csv" else {}
        target = base.get("target") if base.get("target") in frame.columns else tabular.guess_target(frame)
        self.guesses = tabular.guess_roles(frame)
        stored = base.get("columns") or {}
        self.roles = {c: stored.get(c, self.guesses[c] if not base else "numeric") for c in frame.columns}
        self._filling = True
        self.target.clear()
        self.target.addItems([str(c) for c in frame.columns])
        self.target.setCurrentText(target)
        task = base.get("task") or tabular.guess_task(frame[target])
        self.task.setCurrentIndex(max(0, self.task.findData(task)))
        missing = base.get("missing") if base else ("median" if frame.isna().to_numpy().any() else None)
        self.missing.setCurrentIndex(max(0, self.missing.findData(missing)))
        self.standardize.setChecked(bool(base.get("standardize", True)))
        self.standardize_target.setChecked(bool(base.get("standardize_target", not base and task == "regression")))
        self._filling = False
        self.model.set_frame(frame.head(tabular.PREVIEW_ROWS), self.roles, target)
        shown = min(len(frame), tabular.PREVIEW_ROWS)
        self.preview_label.setText(
            self.tr("The first {shown} of {rows} rows, {columns} columns").format(
                shown=shown, rows=len(frame), columns=frame.shape[1]
            )
        )
        self._fill_columns()
        self._check()
        return True

    def data_spec(self) -> dict:
        """The ``data`` section these choices make (the current split and features kept)."""
        spec = {k: self._base[k] for k in ("validation_split", "samples") if k in self._base}
        task = self.task.currentData()
        target = self.target.currentText()
        spec.update(
            source="csv",
            path=self.path_edit.text(),
            target=target,
            task=task,
            standardize=self.standardize.isChecked(),
            columns={c: r for c, r in self.roles.items() if c != target},
        )
        if self.missing.currentData() is not None:
            spec["missing"] = self.missing.currentData()
        if task == "regression" and self.standardize_target.isChecked():
            spec["standardize_target"] = True
        return spec

    def set_role(self, column: str, role: str) -> None:
        row = list(self.frame.columns).index(column)
        combo = self.columns.cellWidget(row, 1)
        if combo is not None:
            combo.setCurrentIndex(combo.findData(role))

    # ---- filling and checking
    def _fill_columns(self):
        frame, target = self.frame, self.target.currentText()
        self.columns.setRowCount(frame.shape[1])
        counts = frame.isna().sum()
        for row, column in enumerate(frame.columns):
            item = QTableWidgetItem(str(column))
            item.setToolTip(self._column_tip(column))
            self.columns.setItem(row, 0, item)
            combo = ComboBox()
            combo.setObjectName(f"role_{column}")
            for key, text in ROLE_TEXT.items():
                combo.addItem(self.tr(text), key)
            combo.setCurrentIndex(combo.findData(self.roles.get(column, "numeric")))
            combo.setToolTip(self.tr("The role of column “{column}”").format(column=column))
            combo.currentIndexChanged.connect(lambda _i, c=column, box=combo: self._on_role(c, box.currentData()))
            self.columns.setCellWidget(row, 1, combo)
            guess = QTableWidgetItem(self.tr(ROLE_TEXT[self.guesses.get(column, "numeric")]))
            guess.setForeground(QColor("#666666"))
            self.columns.setItem(row, 2, guess)
            missing = QTableWidgetItem(str(int(counts[column])) if counts[column] else "")
            missing.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.columns.setItem(row, 3, missing)
        self._mark_target(target)

    def _column_tip(self, column) -> str:
        values = self.frame[column].dropna()
        levels = values.nunique()
        examples = ", ".join(str(v) for v in values.unique()[:6])
        return self.tr("{levels} distinct values: {examples}").format(levels=levels, examples=examples)

    def _mark_target(self, target: str):
        for row, column in enumerate(self.frame.columns):
            combo = self.columns.cellWidget(row, 1)
            if combo is not None:
                combo.setEnabled(column != target)
            item = self.columns.item(row, 2)
            if item is not None:
                item.setText(
                    self.tr("target") if column == target else self.tr(ROLE_TEXT[self.guesses.get(column, "numeric")])
                )

    def _on_target(self, _index):
        if self._filling or self.frame is None:
            return
        target = self.target.currentText()
        if target not in self.frame.columns:
            return
        self._filling = True
        task = tabular.guess_task(self.frame[target])
        self.task.setCurrentIndex(max(0, self.task.findData(task)))
        self._filling = False
        self._mark_target(target)
        self.model.set_roles(self.roles, target)
        self._check()

    def _on_role(self, column: str, role: str):
        self.roles[column] = role
        self.model.set_roles(self.roles, self.target.currentText())
        self._check()

    def _on_option(self, *_):
        if self._filling:
            return
        self.standardize_target.setEnabled(self.task.currentData() == "regression")
        self._check()

    def _check(self):
        """Apply the choices to the whole file: the summary, or the problem."""
        self.standardize_target.setEnabled(self.task.currentData() == "regression")
        if self.frame is None:
            self._update_ok()
            return
        target = self.target.currentText()
        roles = {c: r for c, r in self.roles.items() if c != target}
        try:
            dataset, summary = tabular.table_dataset(
                self.frame,
                target,
                self.task.currentData(),
                roles,
                self.missing.currentData(),
                os.path.basename(self.path_edit.text()),
            )
        except ConfigError as exc:
            self.summary = None
            self._show_error(exc)
            self._show_missing(None)
            return
        self.summary, self.error = summary, None
        self.error_label.hide()
        self._show_missing(summary)
        kinds = list(roles.values())
        text = self.tr(
            "{rows} rows used of {total}; {numeric} numeric, {categorical} categorical and {ignored} ignored "
            "columns make {inputs} inputs"
        ).format(
            rows=summary.rows_used,
            total=summary.rows_read,
            numeric=kinds.count("numeric"),
            categorical=kinds.count("categorical"),
            ignored=kinds.count("ignore"),
            inputs=dataset.x.shape[1],
        )
        if dataset.task == "classification":
            text += self.tr("; {classes} classes").format(classes=dataset.n_classes)
        self.summary_label.setText(text)
        self._update_ok()

    def _show_missing(self, summary):
        if summary is None:
            counts = self.frame.isna().sum() if self.frame is not None else None
            total = int(counts.sum()) if counts is not None else 0
            self.missing_note.setText(
                self.tr("{cells} missing values in {columns} columns").format(
                    cells=total, columns=int((counts > 0).sum()) if counts is not None else 0
                )
            )
            return
        used = {c: n for c, n in summary.missing.items()}
        parts = [
            self.tr("{cells} missing values in {columns} columns").format(cells=sum(used.values()), columns=len(used))
        ]
        if summary.target_missing:
            parts.append(self.tr("{rows} rows without a target dropped").format(rows=summary.target_missing))
        if summary.dropped_rows:
            parts.append(self.tr("{rows} rows dropped").format(rows=summary.dropped_rows))
        if summary.imputed:
            parts.append(
                self.tr("{cells} values filled in {columns} columns").format(
                    cells=sum(summary.imputed.values()), columns=len(summary.imputed)
                )
            )
        self.missing_note.setText("; ".join(parts))

    def _show_error(self, exc: ConfigError):
        self.error = exc
        self.error_label.setText(error_sentence(exc))
        self.error_label.show()
        self.summary_label.clear()
        args = exc.args if isinstance(exc.args, dict) else {}
        row, column = args.get("row"), args.get("column")
        if self.frame is not None and isinstance(row, int) and column in self.frame.columns:
            if row <= self.model.rowCount():
                index = self.model.index(row - 1, list(self.frame.columns).index(column))
                self.preview.setCurrentIndex(index)
                self.preview.scrollTo(index)
            self.columns.selectRow(list(self.frame.columns).index(column))
        self._update_ok()

    def _update_ok(self):
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(self.frame is not None and self.error is None)


def import_csv(window, path: str | None = None) -> bool:
    """File → Import CSV…: the dialog over the window's document; OK is one undoable edit."""
    doc = window.doc
    dialog = CsvImportDialog(window, doc.section("data"), doc.base_dir, path)
    try:
        if dialog.frame is None and dialog.error is None and not dialog.choose_file():
            return False
        if dialog.exec() != QDialog.Accepted:
            return False
        return apply_import(window, dialog)
    finally:
        dialog.deleteLater()


def apply_import(window, dialog: CsvImportDialog) -> bool:
    """Write the dialog's choices into the window's document (one undoable edit)."""
    spec = dialog.data_spec()
    doc = window.doc
    if doc.path:
        folder = doc.base_dir
        try:
            relative = os.path.relpath(spec["path"], folder)
        except ValueError:  # another drive
            relative = None
        if relative is not None and not relative.startswith(os.pardir):
            spec["path"] = relative
    name = os.path.basename(spec["path"])
    return window.edit("data", spec, QCoreApplication.translate(CONTEXT, "Import {name}").format(name=name))
