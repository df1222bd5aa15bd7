"""The main window: wires the document, the controller and the panels together.

It owns no NumPy work and routes no edit: panels push typed commands
(:mod:`gui.commands`) through the :class:`~gui.controller.Controller`, which
owns the training worker and decides what each change needs.  The window shows
what changed (one control for a live setting, the touched columns of the
network for a layer edit) and hands snapshots to the panels to draw.
"""

from __future__ import annotations

import glob
import html
import os
import time

import pyqtgraph as pg
from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.project import normalize_project
from gui import commands as cmd
from gui import network_edit as ne
from gui.controller import Controller
from gui.document import ProjectDocument
from gui.exports import slug
from gui.file_actions import FileActions
from gui.panels.activation_stats import ActivationStatsPanel
from gui.panels.controls import Controls
from gui.panels.data_panel import DataPanel
from gui.panels.gradient_histograms import GradientHistogramPanel
from gui.panels.gradient_norms import GradientNormPanel
from gui.panels.inspector import LayerInspector
from gui.panels.loss_plot import LossPanel
from gui.panels.network_canvas import NetworkCanvas
from gui.panels.output_view import OutputPanel
from gui.panels.training_panel import TrainingPanel
from gui.panels.weight_histograms import WeightHistogramPanel

EXAMPLES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "examples")
SETTINGS_VERSION = 2  # 2: dock minimum sizes that fit 1366x768
LATEST_STATE_RATE = 10.0  # redraws a second of the network drawing and the histograms while training
PREFERRED_SIZE = (1600, 1000)


class MainWindow(FileActions, QMainWindow):
    def __init__(self, project_path: str | None = None, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings("BackpropLab", "Backprop Lab")
        self.doc = ProjectDocument(self)
        self.doc.project = normalize_project(self.doc.project)
        self.controller = Controller(self.doc, parent=self)
        self._drawn_at: dict = {}
        self._activations: dict = {}
        self._fresh_project = True  # the next build belongs to a new project: reset every plot's ranges
        self._auto_ranges: dict = {}
        self._setup_ui()
        latest = 1.0 / LATEST_STATE_RATE
        self._latest_state_interval = {
            self.canvas: latest,
            self.grad_hist_panel: latest,
            self.weight_hist_panel: latest,
            self.act_panel: latest,
        }
        self._setup_actions()
        self._setup_menus()
        self._setup_recovery()
        self._connect()
        self._restore_settings()
        self.controller.start()
        if project_path:
            self._on_document_reset()
            self.open_project(project_path)
        elif not self._offer_recovery():
            self._on_document_reset()
        self._update_title()

    # ---- what the rest of the app (and the tests) read
    @property
    def worker(self):
        return self.controller.worker

    @property
    def info(self):
        return self.controller.info_

    @property
    def playing(self) -> bool:
        return self.controller.playing

    @property
    def generation(self) -> int:
        return self.controller.generation

    @property
    def steps_per_second(self):
        return self.controller.steps_per_second

    # ---- setup
    def _setup_ui(self):
        self.setWindowTitle(self.tr("Backprop Lab"))
        self._fit_to_screen(*PREFERRED_SIZE)
        self.canvas = NetworkCanvas()
        central = QWidget()
        v = QVBoxLayout(central)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(0)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "#banner { background: #fdecea; color: #7a1c14; padding: 8px; border-bottom: 1px solid #e6b3ad; }"
        )
        self.banner.hide()
        self.description = QLabel()
        self.description.setObjectName("description")
        self.description.setWordWrap(True)
        self.description.setStyleSheet(
            "#description { background: #eaf2fb; color: #17324d; padding: 8px; border-bottom: 1px solid #b8d0ea; }"
        )
        self.description.linkActivated.connect(lambda _link: self.description.hide())
        self.description.hide()
        self.toolbar_holder = QVBoxLayout()
        v.addLayout(self.toolbar_holder)
        v.addWidget(self.banner)
        v.addWidget(self.description)
        hint = QLabel(
            self.tr(
                "Tip: + / − change a layer's neurons · the ⋯ menu inserts dropout, batch norm or a "
                "residual block · drag a layer's title to move it · hover a weight or neuron for "
                "values"
            )
        )
        hint.setObjectName("canvasHint")
        hint.setStyleSheet("color: #667; padding: 2px 8px;")
        hint.setWordWrap(True)
        v.addWidget(self.canvas, 1)
        v.addWidget(hint)
        self.setCentralWidget(central)
        self.data_panel = DataPanel()
        self.training_panel = TrainingPanel()
        self.inspector = LayerInspector()
        self.loss_panel = LossPanel()
        self.grad_hist_panel = GradientHistogramPanel()
        self.grad_norm_panel = GradientNormPanel()
        self.weight_hist_panel = WeightHistogramPanel()
        self.act_panel = ActivationStatsPanel()
        self.output_panel = OutputPanel()
        self.plot_panels = [
            self.loss_panel,
            self.output_panel,
            self.grad_hist_panel,
            self.grad_norm_panel,
            self.weight_hist_panel,
            self.act_panel,
        ]
        self.docks: dict[str, QDockWidget] = {}
        # the right column (Output over Loss) runs the window's full height: on a
        # 768-pixel screen the Loss dock under it kept 15 px when the bottom row ran under it
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        left = Qt.LeftDockWidgetArea
        right = Qt.RightDockWidgetArea
        bottom = Qt.BottomDockWidgetArea
        self._dock(self.data_panel, "Data", self.tr("Data"), left, scroll=True)
        self._dock(self.training_panel, "Training", self.tr("Training"), left, scroll=True)
        # shown when a layer is clicked; not tabbed with Data because Qt 6.10 leaves a
        # stray copy of the tab bar on screen for every tab group after the first
        self._dock(self.inspector, "Layer", self.tr("Layer"), left, scroll=True)
        self._dock(self.output_panel, "Output", self.tr("Output"), right)
        self._dock(self.loss_panel, "Loss", self.tr("Loss"), right)
        self._dock(self.grad_hist_panel, "Gradient histograms", self.tr("Gradient histograms"), bottom)
        self._dock(self.grad_norm_panel, "Gradient norms", self.tr("Gradient norms"), bottom)
        self._dock(
            self.weight_hist_panel, "Weight histograms", self.tr("Weight histograms"), bottom, tab_with="Gradient norms"
        )
        self._dock(self.act_panel, "Activations", self.tr("Activations"), bottom, tab_with="Gradient norms")
        self.docks["Gradient norms"].raise_()
        self.splitDockWidget(self.docks["Output"], self.docks["Loss"], Qt.Vertical)
        self._set_dock_minimums()
        self._size_docks()
        self.docks["Layer"].hide()
        self._default_state = self.saveState(SETTINGS_VERSION)
        self.statusBar().showMessage(self.tr("Ready"))

    def _available(self):
        screen = self.screen() or QApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def _fit_to_screen(self, width: int, height: int) -> None:
        """Never open larger than the screen (a 1366x768 laptop has about 1366x740)."""
        area = self._available()
        if area is not None:
            width, height = min(width, area.width()), min(height, area.height())
        self.resize(width, height)

    def _set_dock_minimums(self):
        """Minimum sizes that hold on a 1366x768 screen: every plot keeps room to be read."""
        area = self._available()
        small = area is not None and area.height() < 900
        for title in ("Output", "Loss"):
            self.docks[title].widget().setMinimumWidth(300 if small else 360)
        self.docks["Output"].widget().setMinimumHeight(170 if small else 260)
        self.docks["Loss"].widget().setMinimumHeight(190 if small else 240)
        for title in ("Gradient histograms", "Gradient norms", "Weight histograms", "Activations"):
            self.docks[title].widget().setMinimumHeight(140 if small else 200)

    def _size_docks(self):
        width = self.width()
        height = self.height()
        self.resizeDocks(
            [self.docks["Data"], self.docks["Output"]],
            [max(300, int(width * 0.22)), max(320, int(width * 0.3))],
            Qt.Horizontal,
        )
        self.resizeDocks([self.docks["Gradient histograms"]], [max(150, int(height * 0.3))], Qt.Vertical)
        bottom_width = width - self.docks["Output"].width()
        self.resizeDocks(
            [self.docks["Gradient histograms"], self.docks["Gradient norms"]],
            [int(bottom_width * 0.6), int(bottom_width * 0.4)],
            Qt.Horizontal,
        )
        self.resizeDocks([self.docks["Output"], self.docks["Loss"]], [1, 1], Qt.Vertical)

    def showEvent(self, event):
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # key presses reach the window before the focus widget: Space is caught
            # here (an application-wide filter would run Python for every paint event)
            self.windowHandle().installEventFilter(self)
            area = self._available()
            if area is not None and (self.width() > area.width() or self.height() > area.height()):
                self._fit_to_screen(self.width(), self.height())
            if self.settings.value("window_state") is None:
                QTimer.singleShot(0, self._size_docks)

    _shown_once = False

    def _dock(self, widget, name, title, area, scroll=False, tab_with: str | None = None):
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{slug(name)}")
        if scroll:  # long forms scroll instead of making the window taller than the screen
            area_widget = QScrollArea()
            area_widget.setWidget(widget)
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QScrollArea.NoFrame)
            area_widget.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            area_widget.setMinimumWidth(300)
            widget = area_widget
        dock.setWidget(widget)
        if tab_with is None:
            self.addDockWidget(area, dock)
        else:
            # tabify a dock that was never laid out on its own: Qt 6.10 leaves a stray
            # tab bar on screen when docks first laid side by side are tabified
            self.tabifyDockWidget(self.docks[tab_with], dock)
        self.docks[name] = dock
        return dock

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
        a("new", self.tr("&New"), self.new_project, S.New, self.tr("A new project"))
        a("open", self.tr("&Open…"), self.open_dialog, S.Open, self.tr("Open a project file"))
        a("save", self.tr("&Save"), self.save, S.Save, self.tr("Save the project"))
        a("save_as", self.tr("Save &As…"), self.save_as, S.SaveAs, self.tr("Save the project under a new name"))
        a(
            "export_weights",
            self.tr("Export &Weights…"),
            self.export_weights,
            None,
            self.tr("Save the trained weights (.npz)"),
        )
        a(
            "load_weights",
            self.tr("&Load Weights…"),
            self.load_weights,
            None,
            self.tr("Start from weights saved earlier (.npz)"),
        )
        a(
            "export_history",
            self.tr("Export &History…"),
            self.export_history,
            None,
            self.tr("Save the loss history (CSV)"),
        )
        a(
            "export_all",
            self.tr("Export All &Results…"),
            self.export_all_results,
            None,
            self.tr("Project, weights, history, report and every plot into one folder"),
        )
        a("quit", self.tr("&Quit"), self.close, S.Quit)
        undo = self.doc.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence(S.Undo))
        undo.setObjectName("undo")
        redo = self.doc.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence(S.Redo))
        redo.setObjectName("redo")
        self.actions_by_name.update(undo=undo, redo=redo)
        play = a(
            "play",
            self.tr("Play"),
            self.toggle_play,
            Qt.Key_Space,
            self.tr("Train continuously (Space)"),
            QStyle.SP_MediaPlay,
        )
        play.setShortcutContext(Qt.ApplicationShortcut)
        a(
            "step",
            self.tr("Step"),
            lambda: c.step(1),
            Qt.Key_Period,
            self.tr("Train on one batch (one optimizer step)"),
            QStyle.SP_MediaSeekForward,
        )
        a(
            "step_epoch",
            self.tr("Epoch"),
            c.step_epoch,
            QKeySequence("Shift+."),
            self.tr("Train for one epoch"),
            QStyle.SP_MediaSkipForward,
        )
        a(
            "reset",
            self.tr("Reset"),
            self.reset_weights,
            QKeySequence("Ctrl+R"),
            self.tr("Re-initialise the weights and clear the history"),
            QStyle.SP_BrowserReload,
        )
        a(
            "add_layer",
            self.tr("Add Hidden Layer"),
            self.add_hidden_layer,
            QKeySequence("Ctrl+="),
            self.tr("A hidden layer before the output"),
        )
        a(
            "remove_layer",
            self.tr("Remove Hidden Layer"),
            self.remove_hidden_layer,
            QKeySequence("Ctrl+-"),
            self.tr("Remove the hidden layer nearest the output"),
        )
        a("restore_layout", self.tr("Restore Default Layout"), self.restore_layout)
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
        file_menu = bar.addMenu(self.tr("&File"))
        for name in ("new", "open"):
            file_menu.addAction(acts[name])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.examples_menu = file_menu.addMenu(self.tr("&Examples"))
        for path in sorted(glob.glob(os.path.join(EXAMPLES_DIR, "*.json"))):
            name = os.path.splitext(os.path.basename(path))[0].replace("_", " ")
            action = self.examples_menu.addAction(name)
            action.setObjectName(f"example_{os.path.basename(path)}")
            action.triggered.connect(lambda _c=False, p=path: self.open_example(p))
        file_menu.addSeparator()
        for name in ("save", "save_as"):
            file_menu.addAction(acts[name])
        file_menu.addSeparator()
        file_menu.addAction(acts["load_weights"])
        file_menu.addAction(acts["export_weights"])
        file_menu.addAction(acts["export_history"])
        self.plots_menu = file_menu.addMenu(self.tr("Export &Plot"))
        self.plots_menu.aboutToShow.connect(self._fill_plots_menu)
        file_menu.addAction(acts["export_all"])
        file_menu.addSeparator()
        file_menu.addAction(acts["quit"])
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(acts["undo"])
        edit_menu.addAction(acts["redo"])
        net_menu = bar.addMenu(self.tr("&Network"))
        net_menu.addAction(acts["add_layer"])
        net_menu.addAction(acts["remove_layer"])
        train_menu = bar.addMenu(self.tr("&Train"))
        for name in ("play", "step", "step_epoch", "reset"):
            train_menu.addAction(acts[name])
        view_menu = bar.addMenu(self.tr("&View"))
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(acts["restore_layout"])
        self._update_recent_menu()

    def _connect(self):
        doc, c = self.doc, self.controller
        doc.changed.connect(self._on_document_changed)
        doc.reset.connect(self._on_document_reset)
        doc.undo_stack.cleanChanged.connect(self._update_title)
        doc.undo_stack.indexChanged.connect(self._schedule_recovery)  # after the stack moved
        doc.path_changed.connect(self._update_title)
        c.built.connect(self._on_built)
        c.snapshot.connect(self._on_snapshot)
        c.playing_changed.connect(self._on_playing_changed)
        c.failed.connect(self._show_banner)
        c.refused.connect(self._on_refused)
        c.died.connect(self._show_banner)
        c.info.connect(lambda text: self.statusBar().showMessage(text, 10000))
        c.status.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self.canvas.edit_requested.connect(self.push)
        self.canvas.layer_selected.connect(self._on_layer_selected)
        self.canvas.neuron_hovered.connect(self._on_neuron_hovered)
        self.canvas.status.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.inspector.edit.connect(self.push)
        self.data_panel.edit.connect(self.edit)
        self.training_panel.edit.connect(self.push)
        self.controls.speed_changed.connect(c.set_speed)

    # ---- Public API
    def push(self, command: cmd.EditCommand) -> bool:
        """Apply a typed edit (validated first); False (and a message) if refused."""
        return self.controller.push(command)

    def edit(self, section: str, value, text: str = "", merge_key=None) -> bool:
        """Replace a section's value as one typed edit: the fields that differ become
        the command (``data`` from the data panel, whole sections from scripts)."""
        current = self.doc.project.get(section)
        if section == "network":
            return self.push(cmd.SetNetwork(value["layers"], text))
        if (
            section in ("data", "training", "optimizer", "schedule")
            and isinstance(value, dict)
            and isinstance(current, dict)
        ):
            keys = [k for k in set(value) | set(current) if value.get(k) != current.get(k)]
            one = {
                "data": cmd.SetDataOption,
                "training": cmd.SetTrainingOption,
                "optimizer": cmd.SetHyperparameter,
                "schedule": cmd.SetScheduleOption,
            }[section]
            same_kind = section not in ("data", "optimizer", "schedule") or value.get(
                "source", value.get("name")
            ) == current.get("source", current.get("name"))
            if len(keys) == 1 and keys[0] in value and same_kind:
                return self.push(one(keys[0], value[keys[0]], text))
            if not keys:
                return True
        if section == "seed":
            return self.push(cmd.SetSeed(value, text))
        return self.push(cmd.SetSection(section, value, text))

    def toggle_play(self):
        self.controller.toggle_play()

    def reset_weights(self):
        self.controller.rebuild_now(self.tr("Weights re-initialised, history cleared"))
        self.controls.clear()

    def add_hidden_layer(self):
        self.push(cmd.AddHiddenLayer())

    def remove_hidden_layer(self):
        self.push(cmd.RemoveHiddenLayer())

    def restore_layout(self):
        self.restoreState(self._default_state, SETTINGS_VERSION)
        self._size_docks()

    def _restore_settings(self):
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
            area = self._available()
            if area is not None and (self.width() > area.width() or self.height() > area.height()):
                self._fit_to_screen(self.width(), self.height())
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state, SETTINGS_VERSION)

    _closed = False

    def closeEvent(self, event):
        if self._closed:
            event.accept()
            return
        if not self._confirm_discard():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState(SETTINGS_VERSION))
        self.controller.stop()
        self._stop_file_checks()
        self._recovery_timer.stop()
        self.doc.undo_stack.cleanChanged.disconnect(self._update_title)
        self.doc.undo_stack.indexChanged.disconnect(self._schedule_recovery)
        self.doc.undo_stack.clear()
        self._discard_recovery()  # closed on purpose: nothing to recover
        self._closed = True
        event.accept()

    # ---- Space plays and pauses wherever the focus is, except in a text field
    def eventFilter(self, watched, event):
        if (
            event.type() == QEvent.KeyPress
            and event.key() == Qt.Key_Space
            and event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier)
            and not _is_text_field(QApplication.focusWidget())
        ):
            if not event.isAutoRepeat():
                self.actions_by_name["play"].trigger()
            return True
        return super().eventFilter(watched, event)

    # ---- reacting to the document
    def _on_document_reset(self):
        project = self.doc.project
        if project.get("description"):
            title = html.escape(project.get("name", ""))
            self.description.setText(
                f"<b>{title}</b>{' — ' if title else ''}{html.escape(project['description'])}"
                f" &nbsp;<a href='hide'>{self.tr('hide')}</a>"
            )
            self.description.show()
        else:
            self.description.hide()
        self._hide_banner()
        self.data_panel.set_project(project)
        self.training_panel.set_project(project)
        # the data's inputs as the file check found them: the drawing is made once, right
        opened, self._opened_inputs = getattr(self, "_opened_inputs", None), None
        info = self.info
        in_width, names = opened or ((info.in_width, info.feature_names) if info else (2, []))
        self.canvas.set_network(project["network"]["layers"], in_width, names)
        self.inspector.show_layer(project["network"]["layers"], None)
        self._fresh_project = True
        self.controller.rebuild_now(None)
        self.controls.clear()

    def _on_document_changed(self, change: cmd.Change):
        if self.banner.isVisible():
            self._hide_banner()
        section = change.section
        if section in ("optimizer", "training", "loss", "schedule", "seed"):
            self.training_panel.show_change(change)
        if change.live:
            return  # the session has it: nothing else to redraw
        if section in ("data", "seed"):
            self.data_panel.set_project(self.doc.project)
        elif section == "network":
            layers = self.doc.project["network"]["layers"]
            self.canvas.show_network(layers)
            path = self.inspector.path
            try:
                if path:
                    ne.get(layers, path)
            except (IndexError, KeyError, TypeError):
                path = None
            self.inspector.show_layer(layers, path)
        self.controls.clear()

    def _on_refused(self, message: str):
        self._show_banner(message)
        # show the document's values again where the refused edit was typed
        self.data_panel.set_project(self.doc.project)
        self.training_panel.set_project(self.doc.project)
        path = self.inspector.path
        self.inspector.show_layer([], None)
        self.inspector.show_layer(self.doc.project["network"]["layers"], path)

    # ---- reacting to the controller
    def _on_built(self, info):
        layers = self.doc.project["network"]["layers"]
        self.canvas.show_network(layers, info.in_width, info.feature_names)
        self.data_panel.set_info(info)
        for panel in self.plot_panels:
            panel.reset(info)
        if self._fresh_project:
            self._fresh_project = False
            self._reset_plot_ranges()
        self._hide_banner()

    def _reset_plot_ranges(self):
        """A new project: every plot auto-ranges as it did when the window opened
        (nothing is kept from the previous project's axes)."""
        for panel in self.plot_panels:
            try:
                plots = list(panel.plot_items().values())
            except Exception:  # a panel without plots to reset
                continue
            for plot in plots:
                if hasattr(plot, "_grown_limit"):
                    del plot._grown_limit
                vb = plot.getViewBox() if hasattr(plot, "getViewBox") else None
                if vb is None:
                    continue
                default = self._auto_ranges.setdefault(id(vb), (vb, list(vb.state["autoRange"])))[1]
                vb.enableAutoRange(x=bool(default[0]), y=bool(default[1]))

    def _on_snapshot(self, snap):
        try:
            if snap.boundary is not None:
                self._activations = snap.boundary.activations
            now = time.perf_counter()
            settled = not self.playing or snap.finished
            # Time plots take every snapshot (each carries new rows).  Panels that show
            # only the latest state are redrawn at most LATEST_STATE_RATE a second, one
            # per frame (the one waiting longest), so no frame pays for all of them.
            # The snapshot sent when training stops is drawn by every panel at once.
            latest = self._latest_state_interval
            if settled:  # paused or finished: every panel shows this state at once
                due = list(latest)
            else:
                due = [p for p in latest if now - self._drawn_at.get(p, 0.0) >= latest[p]]
                due = sorted(due, key=lambda p: self._drawn_at.get(p, 0.0))[:1]
            for panel in [self.canvas, *self.plot_panels]:
                if panel not in latest or panel in due:
                    self._drawn_at[panel] = now
                    panel.update_snapshot(snap)
            self.controls.show_progress(snap, self.steps_per_second if self.playing else None, self.info.task)
        finally:
            # Paint now, before telling the trainer the snapshot is drawn: the next one
            # then comes when the window is ready for it, never piling up.
            for scene in self._plot_scenes():
                # pyqtgraph applies pending auto-ranges when a paint starts, which
                # changes the axes and asks for a second paint: apply them now
                scene.prepareForPaint()
            QApplication.sendPostedEvents()  # scene changes -> widget updates
            QApplication.sendPostedEvents(self, QEvent.UpdateRequest)  # -> paint
            self.controller.drawn()

    def _plot_scenes(self):
        if self._scenes is None:
            self._scenes = [view.scene() for panel in self.plot_panels for view in panel.findChildren(pg.GraphicsView)]
        return [scene for scene in self._scenes if any(v.isVisible() for v in scene.views())]

    _scenes = None

    def _on_playing_changed(self, playing: bool):
        action = self.actions_by_name["play"]
        action.setText(self.tr("Pause") if playing else self.tr("Play"))
        action.setIcon(self.style().standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay))
        if playing:
            self._hide_banner()

    def _on_layer_selected(self, path: str):
        if path:
            self.inspector.show_layer(self.doc.project["network"]["layers"], ne.path_of(path))
            self.docks["Layer"].show()
            self.docks["Layer"].raise_()

    def _on_neuron_hovered(self, path, unit):
        self.output_panel.show_neuron(path, unit, self._activations)

    def _show_banner(self, text):
        self.banner.setText(text)
        self.banner.show()

    def _hide_banner(self):
        self.banner.hide()

    def _update_title(self, *_):
        name = os.path.basename(self.doc.path) if self.doc.path else self.tr("untitled")
        self.setWindowTitle(
            self.tr("{name}{star} — Backprop Lab").format(name=name, star=" *" if self.doc.modified else "")
        )


def _is_text_field(widget: QWidget | None) -> bool:
    """Where Space types a character: line edits (not a spin box's), editable combo
    boxes and text editors."""
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QLineEdit):
        parent = widget.parent()
        if isinstance(parent, QAbstractSpinBox):
            return False
        if isinstance(parent, QComboBox):
            return parent.isEditable()
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return False
