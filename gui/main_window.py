"""The main window: wires the document, the controller and the panels together.

It owns no NumPy work and routes no edit: panels push typed commands
(:mod:`gui.commands`) through the :class:`~gui.controller.Controller`, which
owns the training worker and decides what each change needs.  The window shows
what changed (one control for a live setting, the touched columns of the
network for a layer edit) and hands snapshots to the panels to draw.

Its parts are mixins: the widgets and docks (:mod:`gui.window_layout`), the
actions and menus (:mod:`gui.window_actions`), snapshot drawing
(:mod:`gui.snapshot_dispatch`) and the file menu's work (:mod:`gui.file_actions`).
"""

from __future__ import annotations

import html
import os

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QStyle,
    QTextEdit,
    QWidget,
)

from core.losses import original_unit_scale
from core.project import normalize_project
from gui import commands as cmd
from gui import i18n
from gui import network_edit as ne
from gui.controller import Controller
from gui.document import ProjectDocument
from gui.ema_descent_actions import close_ema_descent_views
from gui.experiment_actions import ExperimentActions
from gui.file_actions import FileActions
from gui.snapshot_dispatch import LATEST_STATE_RATE, SnapshotDispatch
from gui.window_actions import WindowActions
from gui.window_layout import EXAMPLES_DIR, PREFERRED_SIZE, SETTINGS_VERSION, WindowLayout

__all__ = ["EXAMPLES_DIR", "LATEST_STATE_RATE", "PREFERRED_SIZE", "SETTINGS_VERSION", "MainWindow"]


class MainWindow(FileActions, ExperimentActions, WindowLayout, WindowActions, SnapshotDispatch, QMainWindow):
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
            self.roc_panel: latest,
        }
        self._setup_actions()
        self._setup_menus()
        self._setup_recovery()
        self._setup_experiments()
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
        self.canvas.value_edit_requested.connect(c.set_parameter_value)
        self.canvas.layer_selected.connect(self._on_layer_selected)
        self.canvas.neuron_hovered.connect(self._on_neuron_hovered)
        self.canvas.status.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.inspector.edit.connect(self.push)
        self.data_panel.edit.connect(self.edit)
        self.training_panel.edit.connect(self.push)
        self.training_panel.glossary_requested.connect(lambda key: self.help_menu.show_glossary(key))
        self.controls.speed_changed.connect(c.set_speed)
        self.doctor_panel.show_panel.connect(self._raise_dock)
        self.doctor_panel.glossary_requested.connect(lambda key: self.help_menu.show_glossary(key))
        self.output_panel.plane_requested.connect(self._ask_plane)
        self.loss_panel.rewind_requested.connect(self.rewind_to)
        self.output_panel.paint.project_data = lambda: self.doc.project.get("data")
        self.output_panel.paint.edit.connect(
            lambda change, text: self.edit("data", change(self.doc.project["data"]), text)
        )

    def rewind_to(self, step: int) -> None:
        """Go back to ``step`` of the run (its nearest checkpoint, then replay), paused."""
        if self.playing:
            self.toggle_play()
        self.controller.ask(
            "rewind",
            int(step),
            on_done=lambda r: self.statusBar().showMessage(
                QCoreApplication.translate(
                    "MainWindow", "Back at step {step} ({replayed} steps replayed from a checkpoint)"
                ).format(step=f"{r['step']:,}", replayed=r["replayed"]),
                6000,
            ),
            on_error=lambda exc: self.statusBar().showMessage(str(exc), 6000),
        )

    def _ask_plane(self, choice) -> None:
        """The Output panel asks for another plane (data with more than two inputs)."""
        self.controller.ask(
            "set_plane",
            choice,
            on_done=self.output_panel.set_plane,
            on_error=lambda exc: self.statusBar().showMessage(str(exc), 6000),
        )

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
        self._close_experiments()  # records the run while the training process still answers
        close_ema_descent_views(self)  # joins a batch/stochastic comparison still training
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
    def _show_description(self, project: dict) -> None:
        """The example's banner in the current language."""
        title = html.escape(i18n.translate_example(project.get("name", "")))
        text = html.escape(i18n.translate_example(project.get("description", "")))
        hide = self.tr("hide")
        self.description.setText(f"<b>{title}</b>{' — ' if title else ''}{text} &nbsp;<a href='hide'>{hide}</a>")

    def changeEvent(self, event):
        # a language switch: what is composed here (the banner, the title) is composed again;
        # every other text is re-translated by gui.i18n.switch_language
        if event.type() == QEvent.Type.LanguageChange and getattr(self, "doc", None) is not None:
            if self.doc.project.get("description"):
                self._show_description(self.doc.project)
            self._update_title()
        super().changeEvent(event)

    def _on_document_reset(self):
        project = self.doc.project
        if project.get("description"):
            self._show_description(project)
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
        self.controls.loss_scale = original_unit_scale(info.loss, getattr(info, "target_std", None))
        layers = self.doc.project["network"]["layers"]
        self.canvas.set_run_info(info)
        self.canvas.show_network(layers, info.in_width, info.feature_names)
        self.image_gallery.reset(info)
        self._show_image_docks(info)
        self.data_panel.set_info(info)
        for panel in self.plot_panels:
            panel.reset(info)
        self.doctor_panel.reset(info)
        if self._fresh_project:
            self._fresh_project = False
            self._reset_plot_ranges()
        self._hide_banner()

    def _show_image_docks(self, info):
        """The Images dock for image data only: brought to the front when the data
        becomes pictures, hidden when it stops being pictures."""
        images = getattr(info, "image_shape", None) is not None
        dock = self.docks["Images"]
        if images and not self._image_data:
            dock.show()
            dock.raise_()
        elif not images and self._image_data is not False:  # (None: the first run since the window opened)
            dock.hide()
        self._image_data = images

    _image_data: bool | None = None

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

    def _raise_dock(self, name: str):
        dock = self.docks.get(name)
        if dock is not None:
            dock.show()
            dock.raise_()

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
