"""The Runs panel: the run history as a table to filter and sort, the curves of the
selected runs overlaid, a run reopened as a project, the table exported as CSV."""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.runs import RunRecord, RunStore

from . import style
from .run_tree import absolute_steps

#: the status names a run can have, as stored
STATUSES = ("running", "paused", "finished", "diverged", "stopped", "failed")
SORT_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2
CURVE_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


class RunsPanel(QWidget):
    """Lists the runs of a :class:`core.runs.RunStore` (given by a recorder or directly)."""

    open_requested = Signal(dict)  # a run's project, to open as a new project
    make_current_requested = Signal(int)  # a run to continue from (its weights at its last step)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = self.tr("Runs")
        self._store_source = None  # callable -> RunStore | None
        self._problem = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.filter_edit = QLineEdit(placeholderText=self.tr("Filter by name or setting…"))
        self.filter_edit.setToolTip(self.tr("Show only runs whose name or project contains this text"))
        self.filter_edit.textChanged.connect(self.refresh)
        self.status_combo = QComboBox()
        self.status_combo.setToolTip(self.tr("Show only runs with this status"))
        self.status_combo.addItem(self.tr("All"), None)
        for status in STATUSES:
            self.status_combo.addItem(status_text(status), status)
        self.status_combo.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.status_combo)
        layout.addLayout(bar)
        self._bar = bar  # Make Current goes at its end (the row of buttons below would make the dock wider)

        self.model = QStandardItemModel(0, 0, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._draw_selected)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())

        self.plot_widget = style.new_graphics_widget()
        self.plot = self.plot_widget.addPlot()
        style.style_plot(self.plot, self.tr("Loss of the selected runs"))
        self.plot.setLabel("bottom", self.tr("step"))
        self.plot_widget.setToolTip(self.tr("Thin: the loss of each step's batch. Thick: the validation loss."))
        self.plot.setLogMode(y=True)
        self.legend = self.plot.addLegend(offset=(-4, 4))
        # side by side: the bottom dock is wide and short
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.plot_widget)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.message = QLabel(wordWrap=True)
        self.open_button = QPushButton(self.tr("Open as Project"))
        self.open_button.setToolTip(self.tr("Open the selected run's project (its settings and seed) as a new project"))
        self.open_button.clicked.connect(self.open_selected)
        self.current_button = QPushButton(self.tr("Make Current"))
        self.current_button.setToolTip(
            self.tr(
                "Continue training from the selected run: its project and its weights at its last step, "
                "as a new branch of it (the optimizer state starts afresh: it is not stored)"
            )
        )
        self.current_button.clicked.connect(self.make_current_selected)
        self._bar.addWidget(self.current_button)
        # the same on the table's right-click menu
        self.table.setContextMenuPolicy(Qt.ActionsContextMenu)
        for text, slot in ((self.tr("Make Current"), self.make_current_selected), (self.tr("Open as Project"), None)):
            action = QAction(text, self.table)
            action.triggered.connect(slot or (lambda: self.open_selected()))
            self.table.addAction(action)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Write the table of the runs shown as a CSV file"))
        self.export_button.clicked.connect(self.export_dialog)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Remove the selected runs from the history"))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(self.message, 1)
        for b in (self.open_button, self.export_button, self.delete_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self._records: list[RunRecord] = []
        self._set_headers()

    def _set_headers(self):
        self.headers = [
            self.tr("Run"),
            self.tr("Name"),
            self.tr("Started"),
            self.tr("Status"),
            self.tr("Steps"),
            self.tr("Train loss"),
            self.tr("Val loss"),
            self.tr("Val accuracy"),
            self.tr("Seed"),
            self.tr("Parent"),
        ]
        self.model.setHorizontalHeaderLabels(self.headers)

    def changeEvent(self, event):
        if event.type() == QEvent.LanguageChange:  # the count's plural and the headers, said anew
            self._set_headers()
            self.refresh()
        super().changeEvent(event)

    # ---- the store
    def set_store_source(self, source) -> None:
        """``source()`` gives the RunStore (or None when the history cannot be used)."""
        self._store_source = source
        self.refresh()

    def set_problem(self, text: str) -> None:
        self._problem = text
        self.message.setText(text)

    @property
    def store(self) -> RunStore | None:
        return self._store_source() if self._store_source is not None else None

    def refresh(self, *_):
        store = self.store
        if store is None:
            self._records = []
            self.model.setRowCount(0)
            self.message.setText(self._problem)
            return
        selected = set(self.selected_ids())
        self._records = store.runs(status=self.status_combo.currentData(), text=self.filter_edit.text() or None)
        self.model.setRowCount(0)
        self._depths = _tree_depths(self._records)
        for rec in self._records:
            self.model.appendRow(self._row(rec))
        self.message.setText(self._problem or self.tr("%n run(s)", "", len(self._records)))
        if selected:
            sel = self.table.selectionModel()
            for row in range(self.proxy.rowCount()):
                if self.proxy.index(row, 0).data(ID_ROLE) in selected:
                    sel.select(self.proxy.index(row, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)

    def _row(self, rec: RunRecord) -> list[QStandardItem]:
        started = time.strftime("%Y-%m-%d %H:%M", time.localtime(rec.started))
        cells = [
            (_tree_label(rec.id, getattr(self, "_depths", {}).get(rec.id, 0)), rec.id),
            (rec.name or "", rec.name or ""),
            (started, rec.started),
            (status_text(rec.status), rec.status),
            (_int(rec.metrics.get("steps")), rec.metrics.get("steps") or 0),
            _metric(rec.metric("train_loss")),
            _metric(rec.metric("val_loss")),
            _metric(rec.metric("val_accuracy"), percent=True),
            ("" if rec.seed is None else str(rec.seed), rec.seed if rec.seed is not None else -1),
            ("" if rec.parent_id is None else f"{rec.parent_id} @ {rec.branch_step}", rec.parent_id or 0),
        ]
        items = []
        for text, key in cells:
            item = QStandardItem(text)
            item.setData(key, SORT_ROLE)
            item.setData(rec.id, ID_ROLE)
            if isinstance(key, (int, float)) and not isinstance(key, bool):
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            items.append(item)
        if rec.metrics.get("error"):
            items[3].setToolTip(str(rec.metrics["error"]))
        return items

    # ---- selection
    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [index.data(ID_ROLE) for index in rows]

    def _draw_selected(self, *_):
        self.plot.clear()
        self.legend.clear()
        store = self.store
        if store is None:
            return
        rec_branch = {rec.id: rec.branch_step for rec in self._records}
        for i, run_id in enumerate(self.selected_ids()[: len(CURVE_COLORS)]):
            history = store.history(run_id)
            if not history or "step" not in history:
                continue
            color = CURVE_COLORS[i % len(CURVE_COLORS)]
            step = absolute_steps(history, rec_branch.get(run_id))  # a branch on its tree's step axis
            named = False
            for column, width, alpha in (("batch_loss", 1, 90), ("val_loss", 2.5, 255)):
                y = history.get(column)
                if y is None:
                    continue
                keep = np.isfinite(y) & (y > 0)  # a log axis: gaps where a value is missing
                if not keep.any():
                    continue
                c = pg.mkColor(color)
                c.setAlpha(alpha)
                few = column == "val_loss" and np.count_nonzero(keep) < 60
                self.plot.plot(
                    step[keep],
                    y[keep],
                    pen=pg.mkPen(c, width=width),
                    symbol="o" if few else None,
                    symbolSize=5,
                    symbolBrush=c,
                    symbolPen=None,
                    name=None if named else f"#{run_id}",
                )
                named = True

    def open_selected(self):
        ids = self.selected_ids()
        store = self.store
        if not ids or store is None:
            return
        rec = store.run(ids[0])
        project = dict(rec.project)
        if rec.seed is not None:
            project["seed"] = rec.seed
        self.open_requested.emit(project)

    def make_current_selected(self):
        ids = self.selected_ids()
        if ids:
            self.make_current_requested.emit(ids[0])

    def delete_selected(self):
        store = self.store
        if store is None:
            return
        for run_id in self.selected_ids():
            store.delete_run(run_id)
        self.refresh()
        self._draw_selected()

    def export_dialog(self):
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Runs"), "runs.csv", self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> bool:
        store = self.store
        if store is None:
            return False
        try:
            store.export_csv(path, self._records)
        except (OSError, ValueError) as exc:
            self.message.setText(self.tr("Cannot write {path}: {reason}").format(path=path, reason=exc))
            return False
        self.message.setText(self.tr("Wrote {path}").format(path=path))
        return True

    # ---- the window's panel protocol (runs are not snapshots)
    def reset(self, info) -> None:
        pass

    def update_snapshot(self, snap) -> None:
        pass


def status_text(status: str) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {
        "running": QCoreApplication.translate("RunsPanel", "running"),
        "paused": QCoreApplication.translate("RunsPanel", "paused"),
        "finished": QCoreApplication.translate("RunsPanel", "finished"),
        "diverged": QCoreApplication.translate("RunsPanel", "diverged"),
        "stopped": QCoreApplication.translate("RunsPanel", "stopped"),
        "failed": QCoreApplication.translate("RunsPanel", "failed"),
    }
    return names.get(status, status)


def _tree_depths(records) -> dict[int, int]:
    """How deep each run sits in its tree of branches (0: a run started afresh)."""
    parents = {rec.id: rec.parent_id for rec in records}
    depths: dict[int, int] = {}
    for rid in parents:
        depth, seen, p = 0, {rid}, parents[rid]
        while p is not None and p not in seen:
            depth += 1
            seen.add(p)
            p = parents.get(p)
        depths[rid] = depth
    return depths


def _tree_label(run_id: int, depth: int) -> str:
    """The Run column: a branch indented under its ancestors (``  ↳ 7``)."""
    return f"{'  ' * (depth - 1)}\u21b3 {run_id}" if depth else str(run_id)


def _int(value) -> str:
    return "" if value is None else f"{int(value):,}"


def _metric(value: float | None, percent: bool = False) -> tuple[str, float]:
    if value is None or not math.isfinite(value):
        return "—", math.inf
    return (f"{100 * value:.1f} %" if percent else f"{value:.4g}"), value
