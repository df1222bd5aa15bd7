"""The main window: wires the document, the training thread and the panels together.

It owns no NumPy work: edits go to the :class:`ProjectDocument` (undoable),
changes go to the :class:`TrainingWorker` (live or as a rebuild), and
snapshots from the worker are handed to the panels to draw.
"""

from __future__ import annotations

import copy
import glob
import html
import os
import time

import pyqtgraph as pg
from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from core.project import normalize_project
from core.registry import ConfigError
from gui import network_edit as ne
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
from gui.worker import TrainingWorker

EXAMPLES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "examples")
SETTINGS_VERSION = 1
LIVE_TRAINING_KEYS = ("batch_size", "grad_clip", "epochs")
LATEST_STATE_RATE = 10.0  # redraws a second of the network drawing and the histograms while training


class MainWindow(FileActions, QMainWindow):
    def __init__(self, project_path: str | None = None, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings("BackpropLab", "Backprop Lab")
        self.doc = ProjectDocument(self)
        self.doc.project = normalize_project(self.doc.project)
        self.worker = TrainingWorker()
        self.generation = 0
        self.info = None
        self.playing = False
        self.steps_per_second = None
        self._activations: dict = {}
        self._drawn_at: dict = {}
        self._setup_ui()
        latest = 1.0 / LATEST_STATE_RATE
        self._latest_state_interval = {self.canvas: latest, self.grad_hist_panel: latest,
                                       self.weight_hist_panel: latest, self.act_panel: latest}
        self._setup_actions()
        self._setup_menus()
        self._connect()
        self._restore_settings()
        self.worker.start()
        if project_path:
            self.open_project(project_path)
        elif not self._offer_recovery():
            self._on_document_reset()
        self._update_title()

    # ---- setup
    def _setup_ui(self):
        self.setWindowTitle("Backprop Lab")
        self.resize(1500, 950)
        self.canvas = NetworkCanvas()
        central = QWidget()
        v = QVBoxLayout(central)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(0)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("#banner { background: #fdecea; color: #7a1c14; padding: 8px; "
                                  "border-bottom: 1px solid #e6b3ad; }")
        self.banner.hide()
        self.description = QLabel()
        self.description.setObjectName("description")
        self.description.setWordWrap(True)
        self.description.setStyleSheet("#description { background: #eaf2fb; color: #17324d; padding: 8px; "
                                       "border-bottom: 1px solid #b8d0ea; }")
        self.description.linkActivated.connect(lambda _link: self.description.hide())
        self.description.hide()
        self.toolbar_holder = QVBoxLayout()
        v.addLayout(self.toolbar_holder)
        v.addWidget(self.banner)
        v.addWidget(self.description)
        hint = QLabel("Tip: + / − change a layer's neurons · the ⋯ menu inserts dropout, batch norm or a "
                      "residual block · drag a layer's title to move it · hover a weight or neuron for values")
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
        self.plot_panels = [self.loss_panel, self.output_panel, self.grad_hist_panel, self.grad_norm_panel,
                            self.weight_hist_panel, self.act_panel]
        self.docks: dict[str, QDockWidget] = {}
        left = Qt.LeftDockWidgetArea
        right = Qt.RightDockWidgetArea
        bottom = Qt.BottomDockWidgetArea
        self._dock(self.data_panel, "Data", left, scroll=True)
        self._dock(self.training_panel, "Training", left, scroll=True)
        # shown when a layer is clicked; not tabbed with Data because Qt 6.10 leaves a
        # stray copy of the tab bar on screen for every tab group after the first
        self._dock(self.inspector, "Layer", left, scroll=True)
        self._dock(self.output_panel, "Output", right)
        self._dock(self.loss_panel, "Loss", right)
        self._dock(self.grad_hist_panel, "Gradient histograms", bottom)
        self._dock(self.grad_norm_panel, "Gradient norms", bottom)
        self._dock(self.weight_hist_panel, "Weight histograms", bottom, tab_with="Gradient norms")
        self._dock(self.act_panel, "Activations", bottom, tab_with="Gradient norms")
        self.docks["Gradient norms"].raise_()
        self.splitDockWidget(self.docks["Output"], self.docks["Loss"], Qt.Vertical)
        for title in ("Output", "Loss"):
            self.docks[title].widget().setMinimumWidth(380)
        self.docks["Output"].widget().setMinimumHeight(330)
        for title in ("Gradient histograms", "Gradient norms", "Weight histograms", "Activations"):
            self.docks[title].widget().setMinimumHeight(230)
        self._size_docks()
        self.docks["Layer"].hide()
        self._default_state = self.saveState(SETTINGS_VERSION)
        self.statusBar().showMessage("Ready")

    def _size_docks(self):
        self.resizeDocks([self.docks["Data"], self.docks["Output"]], [340, 470], Qt.Horizontal)
        self.resizeDocks([self.docks["Gradient histograms"]], [240], Qt.Vertical)

    def showEvent(self, event):
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self.settings.value("window_state") is None:
                QTimer.singleShot(0, self._size_docks)

    _shown_once = False

    def _dock(self, widget, title, area, scroll=False, tab_with: str | None = None):
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{slug(title)}")
        if scroll:  # long forms scroll instead of making the window taller than the screen
            area_widget = QScrollArea()
            area_widget.setWidget(widget)
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QScrollArea.NoFrame)
            area_widget.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            area_widget.setMinimumWidth(330)
            widget = area_widget
        dock.setWidget(widget)
        if tab_with is None:
            self.addDockWidget(area, dock)
        else:
            # tabify a dock that was never laid out on its own: Qt 6.10 leaves a stray
            # tab bar on screen when docks first laid side by side are tabified
            self.tabifyDockWidget(self.docks[tab_with], dock)
        self.docks[title] = dock
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
        a("new", "&New", self.new_project, S.New, "A new project")
        a("open", "&Open…", self.open_dialog, S.Open, "Open a project file")
        a("save", "&Save", self.save, S.Save, "Save the project")
        a("save_as", "Save &As…", self.save_as, S.SaveAs, "Save the project under a new name")
        a("export_weights", "Export &Weights…", self.export_weights, None, "Save the trained weights (.npz)")
        a("load_weights", "&Load Weights…", self.load_weights, None, "Start from weights saved earlier (.npz)")
        a("export_history", "Export &History…", self.export_history, None, "Save the loss history (CSV)")
        a("export_all", "Export All &Results…", self.export_all_results, None,
          "Project, weights, history, report and every plot into one folder")
        a("quit", "&Quit", self.close, S.Quit)
        undo = self.doc.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence(S.Undo))
        undo.setObjectName("undo")
        redo = self.doc.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence(S.Redo))
        redo.setObjectName("redo")
        self.actions_by_name.update(undo=undo, redo=redo)
        play = a("play", "Play", self.toggle_play, Qt.Key_Space, "Train continuously (Space)",
                 QStyle.SP_MediaPlay)
        play.setShortcutContext(Qt.ApplicationShortcut)
        a("step", "Step", lambda: self.worker.step(1), Qt.Key_Period,
          "Train on one batch (one optimizer step)", QStyle.SP_MediaSeekForward)
        a("step_epoch", "Epoch", self.worker.step_epoch, QKeySequence("Shift+."),
          "Train for one epoch", QStyle.SP_MediaSkipForward)
        a("reset", "Reset", self.reset_weights, QKeySequence("Ctrl+R"),
          "Re-initialise the weights and clear the history", QStyle.SP_BrowserReload)
        a("add_layer", "Add Hidden Layer", self.add_hidden_layer, QKeySequence("Ctrl+="),
          "A hidden layer before the output")
        a("remove_layer", "Remove Hidden Layer", self.remove_hidden_layer, QKeySequence("Ctrl+-"),
          "Remove the hidden layer nearest the output")
        a("restore_layout", "Restore Default Layout", self.restore_layout)
        self.controls = Controls(self.actions_by_name)
        self.toolbar_holder.addWidget(self.controls)

    def _setup_menus(self):
        bar = self.menuBar()
        acts = self.actions_by_name
        file_menu = bar.addMenu("&File")
        for name in ("new", "open"):
            file_menu.addAction(acts[name])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.examples_menu = file_menu.addMenu("&Examples")
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
        self.plots_menu = file_menu.addMenu("Export &Plot")
        self.plots_menu.aboutToShow.connect(self._fill_plots_menu)
        file_menu.addAction(acts["export_all"])
        file_menu.addSeparator()
        file_menu.addAction(acts["quit"])
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(acts["undo"])
        edit_menu.addAction(acts["redo"])
        net_menu = bar.addMenu("&Network")
        net_menu.addAction(acts["add_layer"])
        net_menu.addAction(acts["remove_layer"])
        train_menu = bar.addMenu("&Train")
        for name in ("play", "step", "step_epoch", "reset"):
            train_menu.addAction(acts[name])
        view_menu = bar.addMenu("&View")
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(acts["restore_layout"])
        self._update_recent_menu()

    def _connect(self):
        self.doc.changed.connect(self._on_document_changed)
        self.doc.reset.connect(self._on_document_reset)
        self.doc.undo_stack.cleanChanged.connect(self._update_title)
        self.doc.undo_stack.indexChanged.connect(self._write_recovery)  # after the stack moved
        self.doc.path_changed.connect(self._update_title)
        self.worker.built.connect(self._on_built)
        self.worker.snapshot.connect(self._on_snapshot)
        self.worker.state_changed.connect(self._on_state_changed)
        self.worker.failed.connect(self._on_failed)
        self.worker.info.connect(self._on_info)
        self.worker.rate.connect(self._on_rate)
        self.canvas.edit_requested.connect(lambda layers, text: self.edit("network", {"layers": layers}, text))
        self.canvas.layer_selected.connect(self._on_layer_selected)
        self.canvas.neuron_hovered.connect(self._on_neuron_hovered)
        self.canvas.status.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.inspector.edit.connect(lambda layers, text: self.edit("network", {"layers": layers}, text))
        self.data_panel.edit.connect(self.edit)
        self.training_panel.edit.connect(self.edit)
        self.controls.speed_changed.connect(self.worker.set_speed)

    # ---- Public API
    def edit(self, section: str, value, text: str, merge_key=None) -> bool:
        """Validate and apply an edit as one undoable command; False (and a message) if invalid."""
        candidate = copy.deepcopy(self.doc.project)
        candidate[section] = value
        try:
            normalized = normalize_project(candidate)
        except ConfigError as exc:
            self._show_banner(f"Not applied: {exc}")
            self._refresh_panels()
            return False
        self.doc.edit(section, normalized[section] if section != "network" else value, text, merge_key)
        return True

    def toggle_play(self):
        if self.playing:
            self.worker.pause()
        else:
            self.worker.play()

    def reset_weights(self):
        self._rebuild("Weights re-initialised, history cleared")

    def add_hidden_layer(self):
        self.edit("network", {"layers": ne.add_hidden_layer(self.doc.project["network"]["layers"])},
                  "Add hidden layer")

    def remove_hidden_layer(self):
        self.edit("network", {"layers": ne.remove_hidden_layer(self.doc.project["network"]["layers"])},
                  "Remove hidden layer")

    def restore_layout(self):
        self.restoreState(self._default_state, SETTINGS_VERSION)
        self._size_docks()

    def _restore_settings(self):
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
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
        self.worker.stop()
        self.doc.undo_stack.cleanChanged.disconnect(self._update_title)
        self.doc.undo_stack.indexChanged.disconnect(self._write_recovery)
        self.doc.undo_stack.clear()
        self._discard_recovery()  # closed on purpose: nothing to recover
        self._closed = True
        event.accept()

    # ---- reacting to the document
    def _on_document_reset(self):
        project = self.doc.project
        if project.get("description"):
            title = html.escape(project.get("name", ""))
            self.description.setText(f"<b>{title}</b>{' — ' if title else ''}{html.escape(project['description'])}"
                                     " &nbsp;<a href='hide'>hide</a>")
            self.description.show()
        else:
            self.description.hide()
        self._refresh_panels()
        self.inspector.show_layer(self.doc.project["network"]["layers"], None)
        self._rebuild(None)

    def _refresh_panels(self):
        project = self.doc.project
        self.data_panel.set_project(project)
        self.training_panel.set_project(project)
        in_width = self.info.in_width if self.info is not None else 2
        names = self.info.feature_names if self.info is not None else []
        self.canvas.set_network(project["network"]["layers"], in_width, names)

    def _on_document_changed(self, section, old, new):
        self._hide_banner()
        self._refresh_panels()
        if section == "optimizer" and old["name"] == new["name"]:
            for key, value in new.items():
                if key != "name" and old.get(key) != value:
                    self.worker.set_hyperparameter(key, value)
            return
        if section == "training":
            changed = {k for k in new if old.get(k) != new[k]}
            if changed <= set(LIVE_TRAINING_KEYS):
                for key in changed:
                    self.worker.set_training_option(key, new[key])
                return
            self._rebuild("Training settings changed: continuing from the current weights", keep=True)
            return
        if section == "network":
            in_width = self.info.in_width if self.info else 2
            same = ne.shape_signature(old["layers"], in_width) == ne.shape_signature(new["layers"], in_width)
            if same:
                self._rebuild("Network changed: weights kept (their shapes did not change)", keep=True)
            else:
                self._rebuild("Network changed: weights re-initialised (their shapes or initialisation changed)")
            layers = new["layers"]
            path = self.inspector.path
            try:
                ne.get(layers, path) if path else None
            except (IndexError, KeyError, TypeError):
                path = None
            self.inspector.show_layer(layers, path)
            return
        if section in ("loss", "schedule", "optimizer"):
            self._rebuild(f"{section.capitalize()} changed: continuing from the current weights with a new "
                          "history", keep=True)
            return
        self._rebuild("Data changed: weights re-initialised" if section == "data"
                      else "Seed changed: new data sample and new initial weights")

    def _rebuild(self, message: str | None, keep: bool = False):
        weights = None
        if keep and self.info is not None:
            try:  # no trained weights (the last build failed): start from fresh ones, quietly
                weights = self.worker.query("network.copy_arrays").wait()
            except (RuntimeError, TimeoutError):
                weights = None
        self.generation = self.worker.rebuild(copy.deepcopy(self.doc.project), self.doc.base_dir, weights)
        self.playing = False
        self.controls.clear()
        if message:
            self.statusBar().showMessage(message, 6000)

    # ---- reacting to the worker
    def _on_built(self, gen, info):
        if gen != self.generation:
            return
        first = self.info is None or self.info.in_width != info.in_width
        self.info = info
        if first:
            self._refresh_panels()
        self.data_panel.set_info(info)
        for panel in self.plot_panels:
            panel.reset(info)
        self._hide_banner()

    def _on_snapshot(self, gen, snap):
        try:
            if gen != self.generation or self.info is None:
                return
            if snap.boundary is not None:
                self._activations = snap.boundary.activations
            now = time.perf_counter()
            settled = not self.playing or snap.finished
            # Time plots take every snapshot (each carries new rows).  Panels that show
            # only the latest state are redrawn at most LATEST_STATE_RATE a second, one
            # per frame (the one waiting longest), so no frame pays for all of them.
            latest = self._latest_state_interval
            due = [p for p in latest if now - self._drawn_at.get(p, 0.0) >= latest[p]]
            due = due if settled else sorted(due, key=lambda p: self._drawn_at.get(p, 0.0))[:1]
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
            self.worker.drawn()

    def _plot_scenes(self):
        if self._scenes is None:
            self._scenes = [view.scene() for panel in self.plot_panels
                            for view in panel.findChildren(pg.GraphicsView)]
        return [scene for scene in self._scenes if any(v.isVisible() for v in scene.views())]

    _scenes = None

    def _on_state_changed(self, gen, playing):
        if gen != self.generation:
            return
        self.playing = playing
        action = self.actions_by_name["play"]
        action.setText("Pause" if playing else "Play")
        action.setIcon(self.style().standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay))
        if playing:
            self._hide_banner()

    def _on_failed(self, gen, message):
        if gen != self.generation:
            return
        self._show_banner(message)

    def _on_info(self, gen, message):
        if gen == self.generation:
            self.statusBar().showMessage(message, 10000)

    def _on_rate(self, gen, rate):
        if gen == self.generation:
            self.steps_per_second = rate

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
        name = os.path.basename(self.doc.path) if self.doc.path else "untitled"
        self.setWindowTitle(f"{name}{' *' if self.doc.modified else ''} — Backprop Lab")
