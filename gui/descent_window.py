"""Inspect → Batch vs Stochastic vs Mini-batch…: three runs of the current project from
the same initial weights, with batch size = all, 1 and k, overlaid.

Three plots: the loss against epochs, the loss against wall time, and the path of two
chosen weights (one against the other).  The faint lines are each step's batch loss
(what that step's gradient was computed on), the lines with markers the loss on the
whole training set at the end of each epoch.  The runs come from
:func:`core.descent_compare.compare_descent` in a ``concurrent.futures`` thread; a
timer shows its progress, Cancel stops it between two steps, and closing the window
cancels and joins it.
"""

from __future__ import annotations

import concurrent.futures
import threading

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.descent_compare import DEFAULT_MINI_BATCH, compare_descent, weight_choices
from core.registry import ConfigError
from gui.controller import coded_message
from gui.panels import style

COLORS = {"batch": "#1f77b4", "stochastic": "#d62728", "mini-batch": "#2ca02c"}
SYMBOLS = {"batch": "o", "stochastic": "t1", "mini-batch": "s"}
#: at most this many points of a per-step curve are drawn (every n-th step beyond)
MAX_STEP_POINTS = 4000


class DescentWindow(QWidget):
    """Settings and Run above three plots and a summary line."""

    def __init__(self, source, parent: QWidget | None = None):
        """``source()`` returns ``(project, base_dir, in_width)`` of the current run
        (``in_width`` None when no run is built yet)."""
        super().__init__(parent, Qt.Window)
        self.setObjectName("descent_window")
        self.source = source
        self.result = None
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._future: concurrent.futures.Future | None = None
        self._cancel = threading.Event()
        self._progress = (0, 1)
        box = QVBoxLayout(self)

        row = QHBoxLayout()
        self.k_label = QLabel()
        self.k = QSpinBox()
        self.k.setObjectName("descent_k")
        self.k.setRange(2, 1_000_000)
        self.k_label.setBuddy(self.k)
        self.budget = QComboBox()
        self.budget.setObjectName("descent_budget")
        self.budget.addItem("", "epochs")
        self.budget.addItem("", "steps")
        self.amount = QSpinBox()
        self.amount.setObjectName("descent_amount")
        self.amount.setRange(1, 1_000_000)
        self.weight_labels = [QLabel(), QLabel()]
        self.weights = [QComboBox(), QComboBox()]
        for i, combo in enumerate(self.weights):
            combo.setObjectName(f"descent_weight_{i}")
            combo.setMinimumContentsLength(19)
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            self.weight_labels[i].setBuddy(combo)
        self.run_button = QPushButton()
        self.run_button.setObjectName("descent_run")
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("descent_cancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("descent_progress")
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.show_steps = QCheckBox()
        self.show_steps.setObjectName("descent_show_steps")
        self.show_steps.setChecked(True)
        for w in (self.k_label, self.k, self.budget, self.amount, self.run_button, self.cancel_button, self.progress):
            row.addWidget(w)
        row.addStretch(1)
        box.addLayout(row)
        row = QHBoxLayout()
        for w in (self.weight_labels[0], self.weights[0], self.weight_labels[1], self.weights[1], self.show_steps):
            row.addWidget(w)
        row.addStretch(1)
        box.addLayout(row)

        self.summary = QLabel()
        self.summary.setObjectName("descent_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.PlainText)
        box.addWidget(self.summary)

        self.graphics = style.new_graphics_widget()
        self.epoch_plot = style.style_plot(self.graphics.addPlot(row=0, col=0))
        self.time_plot = style.style_plot(self.graphics.addPlot(row=0, col=1))
        self.path_plot = style.style_plot(self.graphics.addPlot(row=0, col=2))
        self.legend = style.add_legend(self.epoch_plot, entries=3)
        self.curves = {}
        for kind, color in COLORS.items():
            faint = style.with_alpha(color, 45)
            marker = {
                "symbol": SYMBOLS[kind],
                "symbolSize": 6,
                "symbolPen": pg.mkPen(color),
                "symbolBrush": pg.mkBrush(color),
            }
            self.curves[kind] = {
                "epoch_steps": self.epoch_plot.plot(pen=style.pen(faint), connect="finite"),
                "epoch": self.epoch_plot.plot(pen=style.pen(color, 2.0), connect="finite", **marker),
                "time_steps": self.time_plot.plot(pen=style.pen(faint), connect="finite"),
                "time": self.time_plot.plot(pen=style.pen(color, 2.0), connect="finite", **marker),
                "path": self.path_plot.plot(pen=style.pen(color, 1.5), connect="finite"),
                "end": self.path_plot.plot(pen=None, **marker),
            }
        self.start_marker = self.path_plot.plot(pen=None, symbol="+", symbolSize=14, symbolPen=pg.mkPen("k", width=2))
        for col in range(3):
            self.graphics.ci.layout.setColumnStretchFactor(col, 1)
        box.addWidget(self.graphics, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._poll)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.budget.currentIndexChanged.connect(lambda _i: self._update_amount_tip())
        self.show_steps.toggled.connect(self._on_show_steps)
        self.retranslate()
        self.resize(1200, 640)

    # ---- Public API
    def load_project(self) -> None:
        """Take the current project's defaults: k, epochs and the weights offered."""
        project, _base_dir, in_width = self.source()
        training = project.get("training", {})
        own = training.get("batch_size")
        self.k.setValue(own if isinstance(own, int) and own > 1 else DEFAULT_MINI_BATCH)
        self.budget.setCurrentIndex(0)
        self.amount.setValue(int(training.get("epochs", 10)))
        refs = []
        if in_width is not None:
            try:
                refs = weight_choices(project["network"]["layers"], in_width)
            except ConfigError:
                refs = []
        for i, combo in enumerate(self.weights):
            combo.clear()
            for ref in refs:
                combo.addItem(ref.label, ref)
            combo.setCurrentIndex(min(i, combo.count() - 1))
            combo.setEnabled(bool(refs))

    def start(self) -> None:
        """Train the three runs in the background."""
        if self.running:
            return
        project, base_dir, _in_width = self.source()
        chosen = tuple(combo.currentData() for combo in self.weights)
        weights = chosen if all(w is not None for w in chosen) else None
        self._cancel = threading.Event()
        self._progress = (0, 1)
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="descent")
        self._future = self._executor.submit(
            compare_descent,
            project,
            self.k.value(),
            self.budget.currentData(),
            self.amount.value(),
            weights,
            base_dir,
            self._cancel,
            self._on_progress,
        )
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.summary.setText(self.tr("Training the three runs one after the other…"))
        self.timer.start()

    def cancel(self) -> None:
        """Stop between two steps; what was trained so far is drawn."""
        self._cancel.set()

    @property
    def running(self) -> bool:
        return self._future is not None and not self._future.done()

    def shutdown(self) -> None:
        """Cancel and join the background thread (closing the window does this)."""
        self._cancel.set()
        self.timer.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def show_result(self, result) -> None:
        """Draw a :class:`~core.descent_compare.DescentComparison`."""
        self.result = result
        self.legend.clear()
        for run in result.runs:
            c = self.curves[run.kind]
            every = max(1, len(run.steps) // MAX_STEP_POINTS)
            # thousands of overlapping single-example losses: the more steps, the fainter
            alpha = int(max(12, min(45, 45 * 1000 / max(len(run.steps), 1))))
            faint = style.pen(style.with_alpha(COLORS[run.kind], alpha))
            c["epoch_steps"].setPen(faint)
            c["time_steps"].setPen(faint)
            loss, _ = style.drawable(run.batch_loss[::every])
            c["epoch_steps"].setData(run.epoch[::every], loss)
            c["time_steps"].setData(run.seconds[::every], loss)
            train, _ = style.drawable(run.train_loss)
            c["epoch"].setData(run.epochs_done.astype(np.float64), train)
            c["time"].setData(run.epoch_seconds, train)
            path = run.path[::every] if len(run.path) <= 1 else np.vstack([run.path[::every], run.path[-1:]])
            xs, _ = style.drawable(path[:, 0]) if len(path) else (np.zeros(0), 0)
            ys, _ = style.drawable(path[:, 1]) if len(path) else (np.zeros(0), 0)
            c["path"].setData(xs, ys)
            c["end"].setData(xs[-1:], ys[-1:])
            self.legend.addItem(c["epoch"], self._run_name(run))
        self._fit_loss_range(result)
        first = next((r for r in result.runs if len(r.path)), None)
        if first is not None:
            self.start_marker.setData(first.path[:1, 0], first.path[:1, 1])
        a, b = result.weights
        self.path_plot.setLabel("bottom", a.label)
        self.path_plot.setLabel("left", b.label)
        self.summary.setText(self._summary_text(result))

    # ---- Private API
    def _fit_loss_range(self, result):
        """Fit the loss axes to the whole-set losses (what is compared), with room above;
        single-example spikes may leave the top.  Without two epochs' values, fit to the
        98th percentile of the step losses."""
        whole = [v for r in result.runs for v in r.train_loss[np.isfinite(r.train_loss)]]
        if len(whole) < 2 * len(result.runs):
            whole = []
            for run in result.runs:
                finite = run.batch_loss[np.isfinite(run.batch_loss)]
                if finite.size:
                    whole += [finite.min(), np.percentile(finite, 98)]
        for plot in (self.epoch_plot, self.time_plot):
            if whole and style.finite_number(max(whole)) and style.finite_number(min(whole)):
                low, top = min(0.0, min(whole)), max(whole)
                plot.setYRange(low, top + 0.25 * (top - low) + 1e-12, padding=0)
            else:
                plot.enableAutoRange(y=True)

    def _on_show_steps(self, shown: bool):
        for c in self.curves.values():
            c["epoch_steps"].setVisible(shown)
            c["time_steps"].setVisible(shown)

    def _on_progress(self, done: int, total: int) -> None:  # called from the background thread
        self._progress = (done, total)

    def _poll(self):
        done, total = self._progress
        self.progress.setValue(int(1000 * done / max(total, 1)))
        future = self._future
        if future is None or not future.done():
            return
        self.timer.stop()
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        try:
            result = future.result()
        except ConfigError as exc:
            self.summary.setText(coded_message(exc.code, exc.args, str(exc)))
            return
        self.progress.setValue(1000)
        self.show_result(result)

    def _run_name(self, run) -> str:
        size = self.tr("all") if run.batch_size is None else str(run.batch_size)
        names = {"batch": self.tr("batch"), "stochastic": self.tr("stochastic"), "mini-batch": self.tr("mini-batch")}
        return self.tr("{kind} (batch size {size})").format(kind=names[run.kind], size=size)

    def _summary_text(self, result) -> str:
        parts = []
        for run in result.runs:
            if run.error and not len(run.steps):
                said = coded_message(run.error_code, run.error_args, run.error)
                parts.append(self.tr("{name}: did not run: {why}").format(name=self._run_name(run), why=said))
                continue
            final = run.train_loss[-1] if len(run.train_loss) else float("nan")
            text = self.tr("{name}: {steps} steps in {seconds} s, training loss {loss}").format(
                name=self._run_name(run),
                steps=len(run.steps),
                seconds=f"{run.wall_time:.3g}",
                loss=style.number(final),
            )
            if run.error:
                text += " " + self.tr("(stopped: {why})").format(
                    why=coded_message(run.error_code, run.error_args, run.error)
                )
            parts.append(text)
        lead = self.tr("Cancelled; what was trained is drawn.") + " " if result.cancelled else ""
        same = self.tr("All three start from the same weights (+).")
        return lead + same + " " + "; ".join(parts) + "."

    def _update_amount_tip(self):
        if self.budget.currentData() == "epochs":
            self.amount.setToolTip(self.tr("Epochs each run trains: every run sees every training row this often"))
        else:
            self.amount.setToolTip(self.tr("Optimizer steps (updates) each run takes, whatever its batch size"))

    def closeEvent(self, event):
        self.shutdown()
        super().closeEvent(event)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        self.setWindowTitle(self.tr("Batch vs stochastic vs mini-batch gradient descent"))
        self.k_label.setText(self.tr("Mini-batch &k:"))
        self.k.setToolTip(self.tr("The mini-batch run's batch size (the other two use all rows and 1 row)"))
        self.budget.setItemText(0, self.tr("same epochs (= examples seen)"))
        self.budget.setItemText(1, self.tr("same number of updates"))
        self.budget.setToolTip(
            self.tr("Give each run the same number of epochs, or the same number of optimizer steps")
        )
        self._update_amount_tip()
        self.weight_labels[0].setText(self.tr("&Weight x:"))
        self.weight_labels[1].setText(self.tr("Weight &y:"))
        for combo in self.weights:
            combo.setToolTip(self.tr("Whose path the right-hand plot draws (one weight against the other)"))
        self.run_button.setText(self.tr("&Run"))
        self.run_button.setToolTip(
            self.tr("Train the three copies from the same initial weights (the run is not changed)")
        )
        self.cancel_button.setText(self.tr("&Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop between two steps and draw what was trained"))
        self.progress.setToolTip(self.tr("Steps done over all three runs"))
        self.show_steps.setText(self.tr("each step's loss"))
        self.show_steps.setToolTip(
            self.tr(
                "Faint lines: the loss of each step's batch (noisy for small batches); markers: the loss "
                "on the whole training set"
            )
        )
        style.set_title(self.epoch_plot, self.tr("Loss against epochs"))
        style.set_title(self.time_plot, self.tr("Loss against wall time"))
        style.set_title(self.path_plot, self.tr("Path of two weights"))
        self.epoch_plot.setLabel("bottom", self.tr("epoch"))
        self.epoch_plot.setLabel("left", self.tr("loss"))
        self.time_plot.setLabel("bottom", self.tr("seconds"))
        self.time_plot.setLabel("left", self.tr("loss"))
        if self.result is not None:
            self.show_result(self.result)
        elif not self.running:
            self.summary.setText(
                self.tr(
                    "Press Run: three copies of the project train from the same initial weights with batch size "
                    "all (batch), 1 (stochastic) and k (mini-batch). Faint lines: each step's batch loss; "
                    "markers: the loss on the whole training set after each epoch."
                )
            )
