"""The Import CSV dialog (gui/csv_import.py) driven on the shipped house-prices file."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from core.data import validate_data_spec
from gui.csv_import import CsvImportDialog, apply_import

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOUSES = os.path.join(ROOT, "resources", "examples", "data", "house_prices.csv")


def ok_enabled(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.Ok).isEnabled()


def test_dialog_on_the_house_prices_file(qtbot, tmp_path):
    dialog = CsvImportDialog(None, {"source": "spiral", "validation_split": 0.25}, None, HOUSES)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    # the preview: the first 50 rows; the guesses shown; the target and task guessed
    assert dialog.model.rowCount() == 50 and dialog.model.columnCount() == 81
    assert dialog.model.headerData(0, Qt.Vertical) == "1"
    assert dialog.model.headerData(0, Qt.Horizontal).startswith("Id\n")
    assert dialog.target.currentText() == "SalePrice"
    assert dialog.task.currentData() == "regression"
    assert dialog.roles["Id"] == "ignore" and dialog.roles["Neighborhood"] == "categorical"
    assert dialog.missing.currentData() == "median"
    assert dialog.standardize_target.isChecked()
    assert "222 inputs" in dialog.summary_label.text()
    assert "1477 missing values" in dialog.missing_note.text()
    assert ok_enabled(dialog) and dialog.error_label.isHidden()
    dialog.grab().save(str(tmp_path / "dialog.png"))

    # a text column made numeric: the problem names the row and the column, the cell is selected
    dialog.set_role("Neighborhood", "numeric")
    assert not dialog.error_label.isHidden() and not ok_enabled(dialog)
    assert "Row 1" in dialog.error_label.text() and "Neighborhood" in dialog.error_label.text()
    assert dialog.preview.currentIndex().row() == 0
    assert dialog.preview.currentIndex().column() == list(dialog.frame.columns).index("Neighborhood")
    dialog.set_role("Neighborhood", "ignore")
    assert ok_enabled(dialog) and dialog.error_label.isHidden()

    # refusing missing values names the first one
    dialog.missing.setCurrentIndex(dialog.missing.findData(None))
    assert "column “LotFrontage”" in dialog.error_label.text() and not ok_enabled(dialog)
    dialog.missing.setCurrentIndex(dialog.missing.findData("drop"))  # nearly every house lacks a pool
    assert "rows are left" in dialog.error_label.text() and not ok_enabled(dialog)
    for column in dialog.frame.columns:
        if dialog.frame[column].isna().mean() > 0.05:
            dialog.set_role(column, "ignore")
    assert ok_enabled(dialog), dialog.error_label.text()
    assert "rows dropped" in dialog.missing_note.text()

    spec = dialog.data_spec()
    assert spec["source"] == "csv" and spec["path"] == HOUSES and spec["target"] == "SalePrice"
    assert spec["validation_split"] == 0.25 and spec["missing"] == "drop" and spec["standardize_target"]
    assert spec["columns"]["Neighborhood"] == "ignore" and "SalePrice" not in spec["columns"]
    validate_data_spec(spec)

    # a classification target: no standardised target
    dialog.target.setCurrentText("OverallQual")
    assert dialog.task.currentData() == "classification"
    assert not dialog.standardize_target.isEnabled()
    assert "classes" in dialog.summary_label.text()
    assert "standardize_target" not in dialog.data_spec()


def test_broken_file_is_said_inline(qtbot, tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text("1,2,3\n4,5,6\n")
    dialog = CsvImportDialog(None, None, None, str(path))
    qtbot.addWidget(dialog)
    assert dialog.frame is None and not ok_enabled(dialog)
    assert "no header row" in dialog.error_label.text()
    path.write_text("a,price\n1.5,10\n2,x\n7,30\n")
    assert dialog.load(str(path))
    dialog.task.setCurrentIndex(dialog.task.findData("regression"))
    assert "Row 2, column “price”" in dialog.error_label.text() and not ok_enabled(dialog)


def test_example_opens_and_import_is_one_undoable_edit(window, qtbot):
    # an example opens untitled: its data file is found beside it, whatever the working folder
    window.open_example(os.path.join(ROOT, "resources", "examples", "house_prices.json"))
    qtbot.waitUntil(lambda: window.doc.project["data"]["source"] == "csv", timeout=15000)
    assert os.path.isabs(window.doc.project["data"]["path"])
    qtbot.waitUntil(lambda: window.info is not None and window.info.in_width == 222, timeout=15000)
    assert window.info.target_std is not None and window.info.y_val.mean() > 1000  # prices, not z-scores

    # the dialog's choices are one undoable edit: ignore two columns
    before = window.doc.section("data")
    dialog = CsvImportDialog(window, before, window.doc.base_dir)
    qtbot.addWidget(dialog)
    assert dialog.roles["Id"] == "ignore" and dialog.missing.currentData() == "median"  # the stored choices
    dialog.set_role("Neighborhood", "ignore")
    dialog.set_role("LotArea", "ignore")
    assert apply_import(window, dialog)
    data = window.doc.project["data"]
    assert data["columns"]["Neighborhood"] == "ignore" and data["standardize_target"]
    qtbot.waitUntil(lambda: window.info is not None and window.info.in_width == 222 - 16, timeout=15000)
    window.doc.undo_stack.undo()
    assert window.doc.project["data"] == before
    window.doc.undo_stack.redo()
    assert window.doc.project["data"]["columns"]["LotArea"] == "ignore"
    action = window.actions_by_name["import_csv"]
    assert action.shortcut().toString() == "Ctrl+I" and action.toolTip()
