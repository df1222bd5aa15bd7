"""The main window's actions (with their shortcuts), the toolbar of controls
and the menus.  A mixin of :class:`gui.main_window.MainWindow`; its text keeps
the translation context "MainWindow"."""

from __future__ import annotations

import glob
import json
import os

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QStyle, QWidget

from gui import i18n
from gui.bundle_actions import bundle_action
from gui.csv_import import import_csv
from gui.ema_descent_actions import install_ema_descent_views
from gui.gradient_check import open_gradient_check
from gui.help.menu import build_help_menu
from gui.inspect_views import install_flow_views
from gui.landscape_window import install_landscape
from gui.panels.controls import Controls
from gui.race_window import open_race_window
from gui.window_layout import EXAMPLES_DIR


class WindowActions:
    """Makes ``actions_by_name``, the controls above the drawing and the menu bar."""

    def _action(self, name, text, slot, shortcut=None, tip=None, icon=None):
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.actions_by_name[name] = action
        return action

    def _setup_actions(self):
        self.actions_by_name: dict[str, QAction] = {}
        a = self._action
        S = QKeySequence.StandardKey
        c = self.controller
        a(
            "new",
            QCoreApplication.translate("MainWindow", "&New"),
            self.new_project,
            S.New,
            QCoreApplication.translate("MainWindow", "A new project"),
        )
        a(
            "open",
            QCoreApplication.translate("MainWindow", "&Open…"),
            self.open_dialog,
            S.Open,
            QCoreApplication.translate("MainWindow", "Open a project file"),
        )
        a(
            "save",
            QCoreApplication.translate("MainWindow", "&Save"),
            self.save,
            S.Save,
            QCoreApplication.translate("MainWindow", "Save the project"),
        )
        a(
            "save_as",
            QCoreApplication.translate("MainWindow", "Save &As…"),
            self.save_as,
            S.SaveAs,
            QCoreApplication.translate("MainWindow", "Save the project under a new name"),
        )
        a(
            "export_weights",
            QCoreApplication.translate("MainWindow", "Export &Weights…"),
            self.export_weights,
            None,
            QCoreApplication.translate("MainWindow", "Save the trained weights (.npz)"),
        )
        a(
            "load_weights",
            QCoreApplication.translate("MainWindow", "&Load Weights…"),
            self.load_weights,
            None,
            QCoreApplication.translate("MainWindow", "Start from weights saved earlier (.npz)"),
        )
        a(
            "export_history",
            QCoreApplication.translate("MainWindow", "Export &History…"),
            self.export_history,
            None,
            QCoreApplication.translate("MainWindow", "Save the loss history (CSV)"),
        )
        a(
            "export_all",
            QCoreApplication.translate("MainWindow", "Export All &Results…"),
            self.export_all_results,
            None,
            QCoreApplication.translate(
                "MainWindow", "Project, weights, history, report and every plot into one folder"
            ),
        )
        a(
            "export_onnx",
            QCoreApplication.translate("MainWindow", "Export Model as ONN&X…"),
            self.export_onnx,
            None,
            QCoreApplication.translate(
                "MainWindow", "The trained network with its input scaling, for ONNX Runtime and other tools (.onnx)"
            ),
        )
        a(
            "export_torch",
            QCoreApplication.translate("MainWindow", "Export Model as P&yTorch Code…"),
            self.export_torch,
            None,
            QCoreApplication.translate(
                "MainWindow", "A Python script that builds the same network in PyTorch, and the weights it loads"
            ),
        )
        a("quit", QCoreApplication.translate("MainWindow", "&Quit"), self.close, S.Quit)
        undo = self.doc.undo_stack.createUndoAction(self, QCoreApplication.translate("MainWindow", "&Undo"))
        undo.setShortcut(QKeySequence(S.Undo))
        undo.setObjectName("undo")
        redo = self.doc.undo_stack.createRedoAction(self, QCoreApplication.translate("MainWindow", "&Redo"))
        redo.setShortcut(QKeySequence(S.Redo))
        redo.setObjectName("redo")
        self.actions_by_name.update(undo=undo, redo=redo)
        play = a(
            "play",
            QCoreApplication.translate("MainWindow", "Play"),
            self.toggle_play,
            Qt.Key_Space,
            QCoreApplication.translate("MainWindow", "Train continuously (Space)"),
            QStyle.SP_MediaPlay,
        )
        play.setShortcutContext(Qt.ApplicationShortcut)
        a(
            "step",
            QCoreApplication.translate("MainWindow", "Step"),
            lambda: c.step(1),
            Qt.Key_Period,
            QCoreApplication.translate("MainWindow", "Train on one batch (one optimizer step)"),
            QStyle.SP_MediaSeekForward,
        )
        a(
            "step_epoch",
            QCoreApplication.translate("MainWindow", "Epoch"),
            c.step_epoch,
            QKeySequence("Shift+."),
            QCoreApplication.translate("MainWindow", "Train for one epoch"),
            QStyle.SP_MediaSkipForward,
        )
        a(
            "reset",
            QCoreApplication.translate("MainWindow", "Reset"),
            self.reset_weights,
            QKeySequence("Ctrl+R"),
            QCoreApplication.translate("MainWindow", "Re-initialise the weights and clear the history"),
            QStyle.SP_BrowserReload,
        )
        a(
            "add_layer",
            QCoreApplication.translate("MainWindow", "Add Hidden Layer"),
            self.add_hidden_layer,
            QKeySequence("Ctrl+="),
            QCoreApplication.translate("MainWindow", "A hidden layer before the output"),
        )
        a(
            "remove_layer",
            QCoreApplication.translate("MainWindow", "Remove Hidden Layer"),
            self.remove_hidden_layer,
            QKeySequence("Ctrl+-"),
            QCoreApplication.translate("MainWindow", "Remove the hidden layer nearest the output"),
        )
        a("restore_layout", QCoreApplication.translate("MainWindow", "Restore Default Layout"), self.restore_layout)
        a(
            "rewind",
            QCoreApplication.translate("MainWindow", "Re&wind…"),
            self.open_rewind,
            "Ctrl+Alt+R",
            QCoreApplication.translate("MainWindow", "Go back to an earlier step of this run and continue from there"),
        )
        a(
            "branch",
            QCoreApplication.translate("MainWindow", "&Branch Here"),
            lambda: self.branching.branch_here(),
            "Ctrl+Alt+B",
            QCoreApplication.translate(
                "MainWindow",
                "Keep this run in the run history and continue from here as a new run: change settings, then Play",
            ),
        )
        a(
            "sweep",
            QCoreApplication.translate("MainWindow", "S&weep…"),
            self.show_sweep_dialog,
            "Ctrl+Shift+W",
            QCoreApplication.translate("MainWindow", "Train many variants of this project and compare them"),
        )
        a(
            "import_csv",
            QCoreApplication.translate("MainWindow", "&Import CSV…"),
            lambda: import_csv(self),
            QKeySequence("Ctrl+I"),
            QCoreApplication.translate(
                "MainWindow", "Use your own CSV file: choose the target, each column's role and missing values"
            ),
        )
        a(
            "gradient_check",
            QCoreApplication.translate("MainWindow", "&Gradient Check…"),
            lambda: open_gradient_check(self),
            QKeySequence("Ctrl+G"),
            QCoreApplication.translate(
                "MainWindow", "Compare backpropagation's gradients with finite differences on the current weights"
            ),
        )
        a(
            "step_through",
            QCoreApplication.translate("MainWindow", "Step Through &Backpropagation…"),
            self.open_step_through,
            QKeySequence("Ctrl+B"),
            QCoreApplication.translate(
                "MainWindow", "One example's computation graph, walked forward and back with the chain rule"
            ),
        )
        a(
            "apply_update",
            QCoreApplication.translate("MainWindow", "Apply One &Update…"),
            self.open_update_window,
            QKeySequence("Ctrl+U"),
            QCoreApplication.translate(
                "MainWindow", "One optimizer step on one example: old value, gradient, update and new value"
            ),
        )
        a(
            "optimizer_race",
            QCoreApplication.translate("MainWindow", "Optimizer &Race…"),
            lambda: open_race_window(self),
            QKeySequence("Ctrl+Shift+R"),
            QCoreApplication.translate(
                "MainWindow", "Several optimizers from one start on a 2-D loss surface, their paths animated"
            ),
        )
        self.controls = Controls(self.actions_by_name)
        self.toolbar_holder.addWidget(self.controls)
        # the read-out gets a row of its own, as wide as the drawing: beside the buttons
        # it was cut off on a 1366- or 1600-pixel-wide screen
        readout = self.controls.readout
        self.controls.layout().removeWidget(readout)
        readout.setParent(None)
        row = QWidget()
        row.setObjectName("readoutRow")
        box = QHBoxLayout(row)
        box.setContentsMargins(10, 0, 8, 2)
        box.addWidget(readout)
        self.toolbar_holder.addWidget(row)
        self.controls.layout().addStretch(1)

    def _setup_menus(self):
        bar = self.menuBar()
        acts = self.actions_by_name
        file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
        for name in ("new", "open"):
            file_menu.addAction(acts[name])
        self.recent_menu = file_menu.addMenu(QCoreApplication.translate("MainWindow", "Open &Recent"))
        self.examples_menu = file_menu.addMenu(QCoreApplication.translate("MainWindow", "&Examples"))
        for path in sorted(glob.glob(os.path.join(EXAMPLES_DIR, "*.json"))):
            name, description = _example_name(path)
            action = self.examples_menu.addAction(i18n.translate_example(name))
            action.setObjectName(f"example_{os.path.basename(path)}")
            if description:
                action.setToolTip(i18n.translate_example(description))
            action.triggered.connect(lambda _c=False, p=path: self.open_example(p))
        file_menu.addAction(acts["import_csv"])
        file_menu.addSeparator()
        for name in ("save", "save_as"):
            file_menu.addAction(acts[name])
        file_menu.addSeparator()
        file_menu.addAction(acts["load_weights"])
        file_menu.addAction(acts["export_weights"])
        file_menu.addAction(acts["export_history"])
        self.plots_menu = file_menu.addMenu(QCoreApplication.translate("MainWindow", "Export &Plot"))
        self.plots_menu.aboutToShow.connect(self._fill_plots_menu)
        file_menu.addAction(acts["export_all"])
        file_menu.addAction(acts["export_onnx"])
        file_menu.addAction(acts["export_torch"])
        file_menu.addAction(bundle_action(self))
        file_menu.addSeparator()
        file_menu.addAction(acts["quit"])
        edit_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
        edit_menu.addAction(acts["undo"])
        edit_menu.addAction(acts["redo"])
        net_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Network"))
        net_menu.addAction(acts["add_layer"])
        net_menu.addAction(acts["remove_layer"])
        train_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Train"))
        for name in ("play", "step", "step_epoch", "reset", "rewind"):
            train_menu.addAction(acts[name])
        train_menu.addAction(acts["branch"])
        self.inspect_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Inspect"))
        self.inspect_menu.addAction(acts["step_through"])
        self.inspect_menu.addAction(acts["apply_update"])
        self.inspect_menu.addAction(acts["gradient_check"])
        self.inspect_menu.addAction(acts["optimizer_race"])
        install_flow_views(self)
        install_ema_descent_views(self)
        from gui.panels.optimizer_internals import install_optimizer_internals

        install_optimizer_internals(self)
        from gui.compare_window import install_compare

        install_compare(self)
        install_landscape(self)
        self.experiments_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "E&xperiments"))
        self.experiments_menu.addAction(acts["sweep"])
        self.experiments_menu.addAction(self.docks["Runs"].toggleViewAction())
        from gui.lockstep_window import install_lockstep

        install_lockstep(self)
        view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(acts["restore_layout"])
        view_menu.addSeparator()
        self.language_menu = i18n.build_language_menu(view_menu, self.settings)
        self.examples_menu.setToolTipsVisible(True)
        self.help_menu = build_help_menu(
            bar, self, lambda: list(self.actions_by_name.values()), lambda p: self.open_example(p)
        )
        self._update_recent_menu()

    def open_rewind(self):
        """Train → Rewind…: a dialog to go back to an earlier step of the run."""
        from gui.rewind_dialog import RewindDialog

        self.rewind_dialog = RewindDialog(self)
        self.rewind_dialog.show()
        return self.rewind_dialog

    def open_step_through(self):
        """Open (or raise) the step-through window (Inspect menu, Ctrl+B)."""
        from gui.panels.step_through import StepThroughWindow

        if getattr(self, "step_through", None) is None:
            from gui.panels.step_update import attach_update_view

            self.step_through = StepThroughWindow(self, self)
            attach_update_view(self.step_through, self.worker)
        self.step_through.show()
        if QGuiApplication.platformName() != "offscreen":  # raise() is not supported there
            self.step_through.raise_()
            self.step_through.activateWindow()

    def open_update_window(self):
        """Inspect → Apply One Update…: the window with a row picker and the update view."""
        window = getattr(self, "update_window", None)
        if window is None:
            from gui.update_window import UpdateWindow

            window = self.update_window = UpdateWindow(self.worker, self)
            self.controller.built.connect(window.set_info)
            self.controller.snapshot.connect(lambda snap: None if self.playing else window.on_snapshot(snap))
        window.set_info(self.info)
        window.show()
        window.raise_()
        window.activateWindow()
        window.refresh()
        return window


def _example_name(path: str) -> tuple[str, str]:
    """An example's ``name`` and ``description`` as written in its file (English source text)."""
    try:
        with open(path, encoding="utf-8") as f:
            project = json.load(f)
    except (OSError, ValueError):
        project = {}
    if not isinstance(project, dict):
        project = {}
    fallback = os.path.splitext(os.path.basename(path))[0].replace("_", " ")
    return str(project.get("name") or fallback), str(project.get("description") or "")
