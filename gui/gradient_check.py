"""Inspect → Gradient check…: the engine's finite-difference check on the current network.

The dialog asks the training process for the current weights (query
``"weights"``), builds a separate float64 network from the document's project
in a background thread (never the worker's arrays), runs
:func:`core.inspect.gradient_check` on the first training examples with a
progress bar and Cancel, and shows the relative error (and the largest
absolute error) of every parameter tensor with a sentence on how to read them.
The thread is stopped and joined when the dialog closes, and when its window
closes.
"""

from __future__ import annotations

import copy
import threading
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThread, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from core.cli import MAX_GRADCHECK_PARAMETERS
from core.inspect import GradientCheckCancelled, gradient_check
from core.queries import failure
from core.trainer import Trainer
from gui.background_job import BackgroundJob
from gui.controller import coded_message

# relative errors below this are what float64 central differences give for a right gradient
FINE = 1e-7
# above this (and not explained by round-off of tiny gradients) the gradient is probably wrong
SUSPICIOUS = 1e-4
DEFAULT_ROWS = 8
PROGRESS_INTERVAL = 0.05  # seconds between progress reports at least
_RANK = {"fine": 0, "tiny": 1, "look": 2, "suspicious": 3}


def reading(relative: float, max_abs: float, atol: float) -> str:
    """The reading of one tensor: "fine"; "tiny" (fine too: every difference within
    the loss's round-off, as with vanishing gradients); "look" (between the
    thresholds); "suspicious"."""
    if relative < FINE:
        return "fine"
    if max_abs <= atol:
        return "tiny"
    if relative > SUSPICIOUS:
        return "suspicious"
    return "look"


class CheckThread(QThread):
    """Builds a float64 trainer from ``project`` with ``weights`` loaded and runs the check."""

    progressed = Signal(int, int)
    done = Signal(object)  # {"rows", "loss", "atol", "results": [(name, relative, max_abs)]}
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, project: dict, base_dir: str, weights: dict, rows: int, parent=None):
        super().__init__(parent)
        self.project, self.base_dir, self.weights, self.rows = project, base_dir, weights, rows
        self.stop_event = threading.Event()
        self._told = 0.0

    def run(self):
        try:
            with np.errstate(all="ignore"):
                self.done.emit(self._check())
        except GradientCheckCancelled:
            self.cancelled.emit()
        except _TooLarge as exc:
            self.failed.emit(_too_large_message(exc.n))
        except Exception as exc:  # a message, never a traceback
            text, code, args = failure(exc, "The gradient check failed")
            self.failed.emit(coded_message(code, args, text))

    def _progress(self, done: int, total: int) -> None:
        """Tell the dialog at most 20 times a second (and at the end): a signal per
        64 parameters of a small network would flood its event loop."""
        now = time.monotonic()
        if done == total or now - self._told >= PROGRESS_INTERVAL:
            self._told = now
            self.progressed.emit(done, total)

    def _check(self) -> dict:
        trainer = Trainer(self.project, base_dir=self.base_dir, dtype="float64")
        net = trainer.network
        if net.num_params > MAX_GRADCHECK_PARAMETERS:
            raise _TooLarge(net.num_params)
        net.load_arrays(self.weights, "weights")
        n = max(1, min(self.rows, len(trainer.x_train)))
        x, t = trainer.x_train[:n], trainer.t_train[:n]
        results = gradient_check(net, trainer.loss, x, t, progress=self._progress, cancelled=self.stop_event.is_set)
        loss_value, _ = net.evaluate(x, t, trainer.loss)
        # central differences carry round-off of about |loss| * eps / h (h = 1e-6), as the command line allows
        atol = 1e-8 + 100 * abs(loss_value) * float(np.finfo(np.float64).eps) / 1e-6
        return {
            "rows": n,
            "loss": float(loss_value),
            "atol": atol,
            "params": int(net.num_params),
            "results": [(r["name"], r["relative_error"], r["max_abs_error"]) for r in results],
        }


class _TooLarge(Exception):
    def __init__(self, n: int):
        super().__init__(n)
        self.n = n


class GradientCheckDialog(BackgroundJob, QDialog):
    """Not modal: the window stays usable (training goes on in its own process)."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("gradientCheckDialog")
        self.window_ = window
        self.thread: CheckThread | None = None
        self.result: dict | None = None
        self.state = "idle"  # "asking", "running", "done", "cancelled", "failed"
        self.setWindowTitle(self.tr("Gradient check"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            self.tr(
                "Compares each parameter's gradient as backpropagation computes it with a central finite "
                "difference, (L(w + h) − L(w − h)) / 2h with h = 1e-6, in float64, with the current weights."
            )
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        self.rows_label = QLabel(self.tr("Examples:"))
        self.rows = QSpinBox()
        self.rows.setObjectName("gradcheckRows")
        self.rows.setRange(1, 256)
        self.rows.setValue(DEFAULT_ROWS)
        self.rows.setToolTip(self.tr("The loss is computed on this many examples: the first rows of the training set"))
        self.rows_label.setBuddy(self.rows)
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setObjectName("gradcheckRun")
        self.run_button.setToolTip(self.tr("Run the gradient check on the current weights"))
        self.run_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("gradcheckCancel")
        self.cancel_button.setToolTip(self.tr("Stop the check"))
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("gradcheckProgress")
        self.progress.setToolTip(self.tr("Parameters checked so far"))
        row.addWidget(self.rows_label)
        row.addWidget(self.rows)
        row.addWidget(self.run_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("gradcheckTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Parameter"), self.tr("Relative error"), self.tr("Max abs error"), self.tr("Reading")]
        )
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.setToolTip(self.tr("One row per parameter tensor (weights and biases of each layer)"))
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        self.summary.setObjectName("gradcheckSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.howto = QLabel(
            self.tr(
                "How to read it: relative error = ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) per tensor. "
                "With float64 central differences, below 1e-7 is fine; between 1e-7 and 1e-4 look closer (a ReLU "
                "kink near an example can cause it); above 1e-4 is suspicious: the backward pass is probably wrong. "
                "Tensors whose every element differs by less than the round-off of the loss count as fine."
            )
        )
        self.howto.setWordWrap(True)
        self.howto.setStyleSheet("color: #445;")
        layout.addWidget(self.howto)
        window.installEventFilter(self)
        self._set_running(False)

    # ---- running
    def start(self) -> None:
        """Ask for the current weights, then check them in a background thread."""
        if self.state in ("asking", "running"):
            return
        self.stop()
        self.state = "asking"
        self.result = None
        self.table.setRowCount(0)
        self.progress.setRange(0, 0)  # busy until the first progress
        self.summary.setText(self.tr("Getting the current weights…"))
        self._set_running(True)
        self._ask_id = getattr(self, "_ask_id", 0) + 1
        ask_id = self._ask_id
        self.window_.controller.ask(
            "weights",
            on_done=lambda arrays: self._got_weights(ask_id, arrays),
            on_error=lambda exc: self._failed_text(ask_id, str(exc)),
        )

    def _got_weights(self, ask_id: int, arrays) -> None:
        if ask_id != self._ask_id or self.state != "asking":
            return  # cancelled meanwhile
        doc = self.window_.doc
        self.state = "running"
        self.summary.setText(self.tr("Checking…"))
        thread = CheckThread(copy.deepcopy(doc.project), doc.base_dir, arrays, self.rows.value(), self)
        self._start_job(thread, ask_id)

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress.maximum() != total:
            self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_cancelled(self) -> None:
        self.state = "cancelled"
        self._join()
        self.summary.setText(self.tr("Cancelled."))
        self._set_running(False)

    def _failed_text(self, ask_id: int, text: str) -> None:
        if ask_id != self._ask_id:
            return
        self.state = "failed"
        self._join()
        self.summary.setText(text)
        self._set_running(False)

    def _join(self) -> None:
        thread, self.thread = self.thread, None
        if thread is not None:
            thread.wait()
            thread.deleteLater()

    def _on_done(self, result: dict) -> None:
        self.state = "done"
        self._join()
        self.result = result
        self._show(result)
        self._set_running(False)

    # ---- showing
    def _show(self, result: dict) -> None:
        labels = {
            "fine": self.tr("fine"),
            "tiny": self.tr("fine (round-off)"),
            "look": self.tr("look closer"),
            "suspicious": self.tr("suspicious"),
        }
        colors = {"fine": "#2e7d32", "tiny": "#2e7d32", "look": "#b26a00", "suspicious": "#c0392b"}
        rows = result["results"]
        self.table.setRowCount(len(rows))
        worst = "fine"
        for i, (name, relative, max_abs) in enumerate(rows):
            verdict = reading(relative, max_abs, result["atol"])
            if _RANK[verdict] > _RANK[worst]:
                worst = verdict
            cells = [name, f"{relative:.2e}", f"{max_abs:.2e}", labels[verdict]]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j in (1, 2):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if j == 3:
                    item.setForeground(QColor(colors[verdict]))
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        largest = max((r[1] for r in rows), default=0.0)
        self.summary.setText(
            self.tr("Largest relative error {worst} over {params} parameters on {rows} examples: {verdict}.").format(
                worst=f"{largest:.2e}", params=result["params"], rows=result["rows"], verdict=labels[worst]
            )
        )

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.rows.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if not running:
            maximum = max(self.progress.maximum(), 1)
            self.progress.setRange(0, maximum)
            self.progress.setValue(maximum if self.state == "done" else 0)

    def changeEvent(self, event):
        # the language switch re-translates the fixed texts; the table's readings are made again
        if event.type() == QEvent.Type.LanguageChange and self.result is not None:
            self._show(self.result)
        super().changeEvent(event)

    # ---- closing
    def done(self, code: int) -> None:  # closed by Escape or the window manager
        self.stop()
        super().done(code)


def _too_large_message(n: int) -> str:
    return QCoreApplication.translate(
        "GradientCheckDialog",
        "The network has {n} parameters; the check perturbs each one twice, so at most {limit} are checked. "
        "Use a smaller network.",
    ).format(n=f"{n:,}", limit=f"{MAX_GRADCHECK_PARAMETERS:,}")


def open_gradient_check(window) -> GradientCheckDialog:
    """Show the window's gradient-check dialog (made on first use) and start a check."""
    dialog = getattr(window, "gradient_check_dialog", None)
    if dialog is None:
        dialog = window.gradient_check_dialog = GradientCheckDialog(window)
    if dialog.isVisible():  # already open, perhaps behind the window: bring it up
        dialog.raise_()
        dialog.activateWindow()
    else:
        dialog.show()
    dialog.start()
    return dialog
