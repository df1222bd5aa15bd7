"""Branch Here, the tree of runs on the loss plot, and Make Current.

* **Branch** (Train → Branch Here, Ctrl+Alt+B; right-click on the loss curve or the
  timeline → Branch from Step N…): the current run is written to the run history as it
  stands (its whole curve and weights), the training process goes back to step N (query
  ``branch``: the nearest checkpoint, then replay), and whatever trains from there is a
  new run whose parent is the old one at N.  Change settings before pressing Play: a
  live setting (learning rate, momentum, weight decay, batch size, clipping) applies to
  the next step; an edit that rebuilds with the same shapes (another activation, loss,
  schedule) keeps the weights, the step, the history and, with the same optimizer, the
  optimizer state (``core.session.carry_branch``); another optimizer starts afresh.
  With unchanged settings the branch continues bit-identically to the parent.
* **The tree**: the loss plot draws the other runs of the current run's tree, faded,
  with every branch point marked (:mod:`gui.panels.run_tree`).
* **Make Current** (Runs panel): reopen a run's project with its weights at its last
  step; training continues from them as a child run, with fresh optimizer state (the
  run history stores weights, not optimizer state: the status bar says so).
"""

from __future__ import annotations

import copy
import os

from PySide6.QtCore import QCoreApplication, QObject, Signal

from core.project import normalize_project
from core.weights import read_weights

from .panels.run_tree import absolute_steps, loss_at, tree_curves


class Branching(QObject):
    """Branching for one main window (``window.branching``)."""

    branched = Signal(dict)  # the branch query's answer, with "parent" (the run kept, or None)
    made_current = Signal(int)  # a run was made current (its id)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.recorder = window.run_recorder
        panel = window.loss_panel
        panel.branch_requested.connect(self.branch_from)
        panel.timeline.set_source(window.controller.ask)
        self.recorder.recorded.connect(self.redraw_tree)
        window.controller.built.connect(lambda _info: self.redraw_tree())
        window.runs_panel.make_current_requested.connect(self.make_current)

    def _status(self, text: str, ms: int = 10000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # ---- branching
    def branch_here(self) -> None:
        """Train → Branch Here: branch at the current step."""
        self.branch_from(self.window.controller.step_count)

    def branch_from(self, step: int) -> None:
        """Keep the current run in the run history and go back to ``step`` as a new run."""
        c = self.window.controller
        if c.info_ is None:
            self._status(
                QCoreApplication.translate("Branching", "Nothing to branch: the project has no network built"), 6000
            )
            return
        if c.playing:
            c.toggle_play()  # the branch is taken between two steps
        self.recorder.branch(int(step), on_done=self._branched, on_error=self._failed)

    def _branched(self, answer: dict) -> None:
        parent = answer.get("parent")
        step = f"{answer['step']:,}"
        if parent is None:
            text = QCoreApplication.translate(
                "Branching",
                "Branched at step {step} (the run history cannot be used: the run before is not kept). "
                "Change settings and press Play to continue from here.",
            ).format(step=step)
        else:
            text = QCoreApplication.translate(
                "Branching",
                "Branched at step {step}: run #{parent} is kept in the run history. Change settings (learning "
                "rate, optimizer, batch size, regularisation, an activation) and press Play: training continues "
                "from step {step} as a new run, a branch of #{parent}.",
            ).format(step=step, parent=parent)
        self._status(text, 15000)
        self.window.loss_panel.timeline.refresh()
        self.window.runs_panel.refresh()
        self.redraw_tree()
        self.branched.emit(answer)

    def _failed(self, exc) -> None:
        self._status(QCoreApplication.translate("Branching", "Cannot branch: {reason}").format(reason=exc), 8000)

    # ---- the tree on the loss plot
    def redraw_tree(self, *_args) -> None:
        recorder = self.recorder
        store = recorder.store if recorder.error is None else None
        current = recorder.run_id
        parent, branch = recorder._parent
        anchor = current if current is not None else parent
        curves = tree_curves(store, anchor, current, branch if current is None else None)
        marker = None
        if parent is not None and branch is not None and curves:
            mine = next((t for t in curves if t.run_id == parent), None)
            loss = loss_at((mine.steps, mine.loss), branch) if mine is not None else None
            marker = (current, parent, branch, loss)
        self.window.loss_panel.show_tree(curves, marker)

    # ---- Make Current
    def make_current(self, run_id: int) -> bool:
        """Reopen run ``run_id``'s project with its weights at its last step; training continues
        from them as a child of that run (fresh optimizer state: it is not stored)."""
        store = self.recorder.store
        if store is None:
            return False
        try:
            rec = store.run(run_id)
        except KeyError:
            return False
        project = copy.deepcopy(rec.project)
        if rec.seed is not None:
            project["seed"] = rec.seed
        try:
            project = normalize_project(project)
        except Exception as exc:  # a run recorded by another version: said, not a traceback
            self.window._show_banner(
                QCoreApplication.translate(
                    "Branching", "Cannot make run #{run} current: its project cannot be read ({reason})"
                ).format(run=run_id, reason=exc)
            )
            return False
        arrays, reason = None, None
        if rec.weights_path and os.path.exists(rec.weights_path):
            try:
                arrays = read_weights(rec.weights_path)
            except Exception as exc:  # a damaged file: the run starts from fresh weights, and says so
                reason = str(exc)
        if not self.window._confirm_discard():
            return False
        try:
            history = store.history(run_id)
        except Exception:
            history = {}
        steps = absolute_steps(history, rec.branch_step)
        last = int(steps[-1]) if len(steps) else int(rec.metrics.get("steps") or 0)
        self.recorder.next_parent = (run_id, last)
        self.window.doc.new(project)
        if arrays is None:
            text = QCoreApplication.translate(
                "Branching",
                "Run #{run}'s project is open, but its weights were not stored{why}: it starts from fresh weights",
            ).format(run=run_id, why=f" ({reason})" if reason else "")
            self._status(text, 12000)
        else:
            text = QCoreApplication.translate(
                "Branching",
                "Run #{run} is current: its weights at step {step}. Training continues from them with fresh "
                "optimizer state (the run history does not store it) as a branch of #{run}",
            ).format(run=run_id, step=f"{last:,}")

            def loaded(_value):
                self.window.controller.step(0)
                self._status(text, 12000)
                self.made_current.emit(run_id)

            def refused(exc):
                self._status(
                    QCoreApplication.translate("Branching", "Cannot load run #{run}'s weights: {reason}").format(
                        run=run_id, reason=exc
                    ),
                    10000,
                )

            self.window.controller.ask("load_weights", arrays, f"run #{run_id}", on_done=loaded, on_error=refused)
        return True


def install_branching(window) -> Branching:
    window.branching = Branching(window)
    return window.branching
