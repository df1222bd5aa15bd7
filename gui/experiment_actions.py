"""The run history and sweeps in the main window: the Runs dock follows the
recorder, a run or a sweep's run opens as a new project, and the Sweep dialog
plans over the current project.  A mixin of :class:`gui.main_window.MainWindow`."""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication

from core.project import normalize_project

from .run_recorder import RunRecorder, database_path
from .sweep_dialog import SweepDialog


class ExperimentActions:
    """Run history recording, the Runs dock and the Sweep dialog."""

    def _setup_experiments(self):
        self.run_recorder = RunRecorder(self.controller, self.doc, database_path(self.settings), self)
        self.sweep_dialog: SweepDialog | None = None
        panel = self.runs_panel
        self.run_recorder.recorded.connect(panel.refresh)
        self.run_recorder.problem.connect(panel.set_problem)
        panel.set_store_source(lambda: self.run_recorder.store)
        panel.open_requested.connect(self.open_project_value)
        from .branching import install_branching  # Branch Here, the tree of runs, Make Current

        install_branching(self)

    def open_project_value(self, project: dict) -> None:
        """Open ``project`` (from the run history) as a new, unsaved project."""
        if not self._confirm_discard():
            return
        try:
            project = normalize_project(copy.deepcopy(project))
        except Exception as exc:  # a run recorded by another version: said, not a traceback
            self._show_banner(
                QCoreApplication.translate("MainWindow", "Cannot open this run's project: {reason}").format(reason=exc)
            )
            return
        self.doc.new(project)

    def show_sweep_dialog(self) -> SweepDialog:
        if self.sweep_dialog is not None and self.sweep_dialog.thread is not None:
            self.sweep_dialog.raise_()
            self.sweep_dialog.activateWindow()
            return self.sweep_dialog
        if self.sweep_dialog is not None:
            self.sweep_dialog.deleteLater()
        dialog = SweepDialog(self.doc.project, self.doc.base_dir, lambda: self.run_recorder.store, self)
        dialog.run_recorded.connect(self.runs_panel.refresh)
        dialog.open_requested.connect(self.open_project_value)
        self.sweep_dialog = dialog
        dialog.show()
        return dialog

    def _close_experiments(self):
        if self.sweep_dialog is not None:
            self.sweep_dialog.stop()
            self.sweep_dialog.close()
        self.run_recorder.close()
