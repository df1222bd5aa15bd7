"""The Sweep dialog: a grid or random search over the current project's settings,
trained on a local process pool or a Dask cluster, each run recorded in the run
history as it finishes, the results sorted by validation loss.

The sweep runs in a :class:`SweepThread` (``core.sweep.iter_sweep``, whose pool
or cluster does the training); the dialog only plans, shows and records.
Cancel drops the runs not yet started; closing the dialog cancels and waits.
"""

from __future__ import annotations

import copy
import math
import threading

from PySide6.QtCore import QEvent, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from core.registry import ConfigError
from core.sweep import default_workers, iter_sweep, parse_values, plan

#: settings offered in the parameter column (any dotted path of the project may be typed)
SUGGESTED = (
    "optimizer.lr",
    "optimizer.name",
    "optimizer.momentum",
    "optimizer.weight_decay",
    "training.batch_size",
    "training.epochs",
    "network.layers.0.units",
    "network.layers.0.activation",
    "network.layers.0.init",
    "seed",
)


class SweepThread(QThread):
    """Iterates a sweep and hands each result to the GUI thread."""

    result = Signal(object)  # core.sweep.SweepResult
    failed = Signal(str)

    def __init__(self, runs, workers, scheduler, steps, epochs, base_dir, parent=None):
        super().__init__(parent)
        self.args = (runs, workers, scheduler, steps, epochs, base_dir)
        self.cancel = threading.Event()

    def run(self):
        runs, workers, scheduler, steps, epochs, base_dir = self.args
        try:
            for result in iter_sweep(runs, workers, scheduler, steps, epochs, base_dir, self.cancel):
                self.result.emit(result)
        except ConfigError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a broken pool or cluster: said, never a crash
            self.failed.emit(f"{type(exc).__name__}: {exc}")


class SweepDialog(QDialog):
    """Plans, runs and shows a sweep of ``project``; ``store_source()`` gives the run history."""

    run_recorded = Signal()
    open_requested = Signal(dict)

    def __init__(self, project: dict, base_dir: str, store_source=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sweep"))
        self.project, self.base_dir = copy.deepcopy(project), base_dir
        self.store_source = store_source or (lambda: None)
        self.thread: SweepThread | None = None
        self.runs = []
        self.results = []
        self.sweep_id = None
        self._stopped = False
        layout = QVBoxLayout(self)

        intro = QLabel(
            self.tr(
                "Train the current project with every combination of the values below (or some of them "
                "at random), from the same data. Values are separated by commas."
            ),
            wordWrap=True,
        )
        layout.addWidget(intro)
        self.params = QTableWidget(0, 2)
        self.params.setHorizontalHeaderLabels([self.tr("Setting"), self.tr("Values")])
        self.params.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.params.horizontalHeader().setStretchLastSection(True)
        self.params.verticalHeader().hide()
        self.params.setMinimumHeight(110)
        layout.addWidget(self.params)
        row_buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add Setting"))
        self.add_button.setToolTip(self.tr("Add a setting to vary"))
        self.add_button.clicked.connect(lambda: self.add_parameter())
        self.remove_button = QPushButton(self.tr("Remove Setting"))
        self.remove_button.setToolTip(self.tr("Remove the selected setting"))
        self.remove_button.clicked.connect(self._remove_parameter)
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        layout.addLayout(row_buttons)

        form = QFormLayout()
        self.random_spin = QSpinBox(minimum=0, maximum=10_000, specialValueText=self.tr("every combination"))
        self.random_spin.setToolTip(self.tr("Train only this many combinations, drawn at random (0: all of them)"))
        self.seeds_spin = QSpinBox(minimum=1, maximum=100, value=1)
        self.seeds_spin.setToolTip(
            self.tr("Train each combination with this many seeds (the project's, then the next)")
        )
        self.epochs_spin = QSpinBox(minimum=1, maximum=1_000_000)
        self.epochs_spin.setValue(int(self.project.get("training", {}).get("epochs", 100) or 100))
        self.epochs_spin.setToolTip(self.tr("Epochs each run trains"))
        self.workers_spin = QSpinBox(minimum=1, maximum=256, value=default_workers())
        self.workers_spin.setToolTip(self.tr("Processes training at once on this computer"))
        self.scheduler_edit = QLineEdit(placeholderText=self.tr("this computer"))
        self.scheduler_edit.setToolTip(
            self.tr("The address of a Dask scheduler (tcp://host:8786) to run the sweep on that cluster")
        )
        form.addRow(self.tr("Random combinations:"), self.random_spin)
        form.addRow(self.tr("Seeds:"), self.seeds_spin)
        form.addRow(self.tr("Epochs per run:"), self.epochs_spin)
        form.addRow(self.tr("Local processes:"), self.workers_spin)
        form.addRow(self.tr("Dask scheduler:"), self.scheduler_edit)
        layout.addLayout(form)
        self.plan_label = QLabel(wordWrap=True)
        layout.addWidget(self.plan_label)

        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m runs"))
        layout.addWidget(self.progress)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Rank"), self.tr("Val loss"), self.tr("Train loss"), self.tr("Val accuracy"), self.tr("Run")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        layout.addWidget(self.table, 1)

        self.buttons = QDialogButtonBox()
        self.run_button = self.buttons.addButton(self.tr("Run Sweep"), QDialogButtonBox.AcceptRole)
        self.run_button.setToolTip(self.tr("Start training every run of the sweep"))
        self.cancel_button = self.buttons.addButton(self.tr("Cancel Sweep"), QDialogButtonBox.ActionRole)
        self.cancel_button.setToolTip(self.tr("Drop the runs not started yet (runs in progress finish)"))
        self.open_button = self.buttons.addButton(self.tr("Open Run as Project"), QDialogButtonBox.ActionRole)
        self.open_button.setToolTip(self.tr("Open the selected run's settings as a new project"))
        self.close_button = self.buttons.addButton(QDialogButtonBox.Close)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_selected)
        self.close_button.clicked.connect(self.close)
        self.cancel_button.setEnabled(False)
        layout.addWidget(self.buttons)

        self.add_parameter("optimizer.lr", _default_lrs(self.project))
        for w in (self.random_spin, self.seeds_spin, self.epochs_spin):
            w.valueChanged.connect(self.update_plan)
        self.params.itemChanged.connect(self.update_plan)
        self.resize(720, 640)
        self.update_plan()

    # ---- the plan
    def add_parameter(self, path: str = "", values: str = "") -> None:
        row = self.params.rowCount()
        self.params.insertRow(row)
        combo = QComboBox(editable=True)
        combo.addItems(SUGGESTED)
        combo.setCurrentText(path or "training.batch_size")
        combo.setToolTip(self.tr("A setting of the project, as a dotted path (optimizer.lr, network.layers.0.units)"))
        combo.currentTextChanged.connect(self.update_plan)
        self.params.setCellWidget(row, 0, combo)
        self.params.setItem(row, 1, QTableWidgetItem(values))
        self.update_plan()

    def _remove_parameter(self):
        row = self.params.currentRow()
        if row >= 0:
            self.params.removeRow(row)
            self.update_plan()

    def _planned_project(self) -> dict:
        """The project every run starts from: the current one, trained for the chosen epochs."""
        project = copy.deepcopy(self.project)
        project.setdefault("training", {})["epochs"] = self.epochs_spin.value()
        return project

    def grid(self) -> list[tuple[str, list]]:
        grid = []
        for row in range(self.params.rowCount()):
            path = self.params.cellWidget(row, 0).currentText().strip()
            item = self.params.item(row, 1)
            text = item.text().strip() if item is not None else ""
            if not path and not text:
                continue
            if not text:
                raise ConfigError(f"{path}: give at least one value", "missing", key=path, value="")
            grid.append((path, parse_values(text)))
        return grid

    def update_plan(self, *_):
        try:
            grid = self.grid()
            if not grid:
                raise ConfigError("no settings to vary", "missing", key="grid", value=None)
            paths = [p for p, _ in grid]
            dup = next((p for p in paths if paths.count(p) > 1), None)
            if dup:
                raise ConfigError(f"{dup} is given twice", "conflict", key=dup, value=dup)
            self.runs = plan(
                self._planned_project(), grid, random=self.random_spin.value() or None, seeds=self.seeds_spin.value()
            )
        except ConfigError as exc:
            self.runs = []
            self.plan_label.setText(self.tr("Cannot plan the sweep: {reason}").format(reason=str(exc)))
            self.plan_label.setStyleSheet("color: #b00020")
            self.run_button.setEnabled(False)
            return False
        self.plan_label.setStyleSheet("")
        self.plan_label.setText(self.tr("%n run(s) planned.", "", len(self.runs)))
        self.run_button.setEnabled(self.thread is None)
        return True

    # ---- running
    def start(self) -> bool:
        if self.thread is not None or not self.update_plan():
            return False
        store = self.store_source()
        done = set()
        spec = {
            "grid": [[p, v] for p, v in self.grid()],
            "random": self.random_spin.value() or None,
            "seeds": self.seeds_spin.value(),
        }
        if store is not None:
            base = self._planned_project()
            self.sweep_id = store.find_sweep(base, spec)
            if self.sweep_id is None:
                self.sweep_id = store.start_sweep(base, spec, self.tr("Sweep"))
            else:
                store.forget_unfinished(self.sweep_id)
                done = store.done_keys(self.sweep_id)
        self.results = []
        self._stopped = False
        self.table.setRowCount(0)
        todo = [r for r in self.runs if r.key not in done]
        self._by_key = {r.key: r for r in self.runs}
        self.progress.setRange(0, len(self.runs))
        self.progress.setValue(len(done))
        if store is not None and done:
            self._show_previous(store)
        if not todo:
            self.plan_label.setText(self.tr("Every run of this sweep is already in the run history."))
            return True
        scheduler = self.scheduler_edit.text().strip() or None
        self.thread = SweepThread(todo, self.workers_spin.value(), scheduler, None, None, self.base_dir, self)
        self.thread.result.connect(self._on_result)
        self.thread.failed.connect(self._on_failed)
        self.thread.finished.connect(self._on_finished)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.plan_label.setText(self.tr("Training %n run(s)…", "", len(todo)))
        self.thread.start()
        return True

    def _show_previous(self, store):
        for rec in store.runs(sweep_id=self.sweep_id):
            self._add_row(
                rec.name or "",
                rec.metric("val_loss"),
                rec.metric("train_loss"),
                rec.metric("val_accuracy"),
                rec.project,
            )

    def _on_result(self, result):
        self.results.append(result)
        project = self._by_key[result.key].project
        store = self.store_source()
        if store is not None:
            try:
                store.record_result(result, project, self.sweep_id)
            except Exception as exc:  # the history cannot be written: the sweep goes on
                self.plan_label.setText(self.tr("Runs are not recorded: {reason}").format(reason=str(exc)))
            self.run_recorded.emit()
        r = result.report
        label = result.label if result.status == "finished" else f"{result.label} ({result.status})"
        self._add_row(
            label, _finite(r.get("val_loss")), _finite(r.get("train_loss")), _finite(r.get("val_accuracy")), project
        )
        self.progress.setValue(self.progress.value() + 1)

    def _add_row(self, label, val_loss, train_loss, val_acc, project):
        self.table.setSortingEnabled(False)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, value in ((1, val_loss), (2, train_loss)):
            item = QTableWidgetItem("—" if value is None else f"{value:.4g}")
            item.setData(Qt.UserRole, math.inf if value is None else value)
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.table.setItem(row, col, item)
        acc = QTableWidgetItem("" if val_acc is None else f"{100 * val_acc:.1f} %")
        acc.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.table.setItem(row, 3, acc)
        run = QTableWidgetItem(label)
        run.setData(Qt.UserRole, project)
        self.table.setItem(row, 4, run)
        self._rank()

    def _rank(self):
        """Rows sorted by validation loss (then training loss), ranks renumbered."""
        rows = []
        for row in range(self.table.rowCount()):
            rows.append([self.table.takeItem(row, c) for c in range(5)])
        rows.sort(key=lambda items: (items[1].data(Qt.UserRole), items[2].data(Qt.UserRole)))
        for row, items in enumerate(rows):
            items[0] = QTableWidgetItem(str(row + 1))
            items[0].setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            for c, item in enumerate(items):
                self.table.setItem(row, c, item)

    def _on_failed(self, text):
        self._stopped = True
        self.plan_label.setText(self.tr("The sweep stopped: {reason}").format(reason=text))
        self.plan_label.setStyleSheet("color: #b00020")

    def _on_finished(self):
        thread, self.thread = self.thread, None
        if thread is not None:
            thread.wait()
            thread.deleteLater()
        self.cancel_button.setEnabled(False)
        self.run_button.setEnabled(bool(self.runs))
        if not self._stopped:
            self.plan_label.setText(self.tr("%n run(s) trained.", "", len(self.results)))

    def cancel(self):
        if self.thread is not None:
            self.thread.cancel.set()
            self.plan_label.setText(self.tr("Cancelling: the runs in progress finish first…"))

    def open_selected(self):
        row = self.table.currentRow()
        if row < 0:
            return
        project = self.table.item(row, 4).data(Qt.UserRole)
        if project:
            self.open_requested.emit(copy.deepcopy(project))

    def stop(self):
        """Cancel and wait for the thread (the dialog or the window is closing)."""
        if self.thread is not None:
            self.thread.cancel.set()
            self.thread.wait()
            self._on_finished()

    def changeEvent(self, event):
        if event.type() == QEvent.LanguageChange and self.thread is None:
            self.update_plan()  # its plural, said anew
        super().changeEvent(event)

    def closeEvent(self, event):
        self.stop()
        super().closeEvent(event)

    def reject(self):
        self.stop()
        super().reject()


def _finite(value):
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else None


def _default_lrs(project: dict) -> str:
    lr = float(project.get("optimizer", {}).get("lr", 0.01) or 0.01)
    return ", ".join(f"{v:g}" for v in (lr / 10, lr, lr * 10))
