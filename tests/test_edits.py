"""The edit path, driven as a person would: typed undo commands, what each edit
touches (a live setting touches nothing but its control and one message to the
training process), coalesced recovery writes, and the window-level bugs of
issue 7 (6, 9, 14, 17, 18, 19, and a dead training process)."""

from __future__ import annotations

import copy
import glob
import json
import os
import signal
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from gui import commands as cmd

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def steps(win) -> int:
    return win.worker.query("step_count").wait()


def drag_lr(win, ticks=5):
    """Move the learning-rate slider a few positions, one at a time, as a drag does."""
    slider = win.training_panel.lr.slider
    start = slider.value()
    for i in range(1, ticks + 1):
        slider.setValue(start - 3 * i)


def wait_drawn(qtbot, win, timeout=5000):
    """Until the canvas has weights of the current run."""
    qtbot.waitUntil(lambda: bool(win.canvas.weights), timeout=timeout)


class Calls:
    def __init__(self, obj, name, monkeypatch, passthrough=True):
        self.calls = []
        original = getattr(obj, name)

        def record(*args, **kwargs):
            self.calls.append(args)
            return original(*args, **kwargs) if passthrough else None

        monkeypatch.setattr(obj, name, record)


# ---- typed edits
def test_commands_are_named_for_what_they_do_and_slider_drags_merge(qtbot, window):
    stack = window.doc.undo_stack
    before = window.doc.project["optimizer"]["lr"]
    drag_lr(window, 6)
    assert stack.count() == 1, "a drag is one undo step"
    assert stack.undoText().startswith("Set learning rate to")
    after = window.doc.project["optimizer"]["lr"]
    assert after < before
    window.actions_by_name["undo"].trigger()
    assert window.doc.project["optimizer"]["lr"] == before
    assert window.training_panel.lr.value() == before  # the control shows the undone value
    window.actions_by_name["redo"].trigger()
    assert window.doc.project["optimizer"]["lr"] == after

    header = window.canvas.header_for((0,))
    header.activation.setCurrentText("relu")
    header.activation.activated.emit(header.activation.currentIndex())
    qtbot.waitUntil(lambda: stack.count() == 2, timeout=2000)
    assert stack.undoText() == "Set layers.0 activation to relu"
    window.push(cmd.InsertLayer((1,), {"type": "dropout", "rate": 0.2}))
    assert stack.undoText() == "Insert dropout"
    window.push(cmd.WrapResidual((2,)))
    assert stack.undoText() == "Wrap layers.2 in a residual block"


def test_document_says_precisely_what_changed(qtbot, window):
    changes = []
    window.doc.changed.connect(changes.append)
    drag_lr(window, 1)
    assert len(changes) == 1
    change = changes[0]
    assert (change.section, change.key, change.live, change.structural) == ("optimizer", "lr", True, False)
    assert change.new == window.doc.project["optimizer"]["lr"]
    window.push(cmd.ChangeUnits((0,), 5))
    change = changes[-1]
    assert (change.section, change.key, change.path, change.structural) == ("network", "units", (0,), True)
    window.push(cmd.SetTrainingOption("grad_clip", 2.0))
    assert changes[-1].live and changes[-1].key == "grad_clip"
    window.push(cmd.SetTrainingOption("dtype", "float32"))
    assert not changes[-1].live


def test_a_refused_edit_changes_nothing_and_says_why(qtbot, window):
    before = copy.deepcopy(window.doc.project)
    assert not window.push(cmd.SetHyperparameter("lr", -1.0))
    assert window.banner.isVisible() and "optimizer.lr" in window.banner.text()
    assert not window.push(cmd.ChangeUnits((0,), 0))
    assert window.doc.project == before
    assert window.doc.undo_stack.count() == 0


def test_a_live_edit_never_rebuilds_the_canvas_nor_the_run(qtbot, window, monkeypatch):
    """The learning-rate slider and an optimizer field: one message each, nothing redrawn."""
    wait_drawn(qtbot, window)
    canvas = window.canvas
    rebuilds, bodies, generation = canvas.rebuilds, canvas.bodies_built, window.generation
    hyper = Calls(window.worker, "set_hyperparameter", monkeypatch)
    rebuild = Calls(window.worker, "rebuild", monkeypatch)
    shown = Calls(canvas, "show_network", monkeypatch)
    drag_lr(window, 5)
    combo = window.training_panel.optimizer
    assert combo.currentText() == "adam"
    window.training_panel.opt_form.editors["amsgrad"].setChecked(True)
    qtbot.wait(100)
    assert len(hyper.calls) == 6  # five slider ticks and one check box: one message each
    assert hyper.calls[-1] == ("amsgrad", True)
    assert not rebuild.calls and not shown.calls
    assert (canvas.rebuilds, canvas.bodies_built, window.generation) == (rebuilds, bodies, generation)


def test_validating_a_slider_tick_copies_nothing_big(qtbot, window, monkeypatch):
    """A tick is checked against the optimizer's declarations, not by copying and
    normalising the whole project."""
    import core.project

    project_copies = []
    real_deepcopy = copy.deepcopy

    def counting(value, *args, **kwargs):
        if value is window.doc.project or (isinstance(value, dict) and "network" in value):
            project_copies.append(value)
        return real_deepcopy(value, *args, **kwargs)

    monkeypatch.setattr(copy, "deepcopy", counting)
    normalized = Calls(core.project, "normalize_project", monkeypatch)
    start = time.perf_counter()
    drag_lr(window, 20)
    per_tick = (time.perf_counter() - start) / 20
    assert not project_copies and not normalized.calls
    assert per_tick < 0.02, f"{per_tick * 1000:.1f} ms per slider tick"


def test_units_rebuild_only_the_columns_they_touch(qtbot, window):
    wait_drawn(qtbot, window)
    canvas = window.canvas
    bodies = canvas.bodies_built
    cards = [proxy for _p, proxy, _x in canvas.headers]
    window.push(cmd.ChangeUnits((1,), 5))
    assert canvas.bodies_built - bodies == 2  # the layer and the one reading its output
    assert [proxy for _p, proxy, _x in canvas.headers] == cards  # every card kept
    assert len(canvas.neurons["layers.1"]) == 5
    bodies = canvas.bodies_built
    window.push(cmd.SetActivation((1,), "relu"))
    assert canvas.bodies_built == bodies  # a card updated in place, nothing else
    assert canvas.header_for((1,)).activation.currentText() == "relu"


def test_recovery_writes_are_coalesced_off_the_edit_path(qtbot, window, monkeypatch):
    from gui.file_actions import FileActions

    writes = Calls(FileActions, "_write_recovery", monkeypatch)
    drag_lr(window, 10)
    window.push(cmd.ChangeUnits((0,), 4))
    assert not writes.calls  # nothing written while editing
    qtbot.waitUntil(lambda: len(writes.calls) == 1, timeout=3000)
    qtbot.wait(300)
    assert len(writes.calls) == 1
    assert os.path.exists(window.recovery_path)


# ---- bug 6: a live edit while paused keeps the drawing
def test_moving_the_lr_slider_while_paused_keeps_weights_and_pictures(qtbot, window):
    window.worker.step(5)
    qtbot.waitUntil(lambda: steps(window) >= 5, timeout=5000)
    qtbot.waitUntil(lambda: "step <b>5</b>" in window.controls.readout.text(), timeout=5000)
    qtbot.wait(200)
    assert window.canvas.neurons["layers.0"][0].pixmap.pixmap().width() > 0
    lines = window.canvas.lines["layers.1"]
    pens = [line.pen().color().name() for line in lines]
    assert len(set(pens)) > 1
    drag_lr(window, 5)
    assert window.canvas.weights  # nothing forgotten...
    assert [line.pen().color().name() for line in lines] == pens  # ...nor greyed
    qtbot.wait(300)
    assert [line.pen().color().name() for line in lines] == pens
    assert all(n.pixmap.pixmap().width() > 0 for n in window.canvas.neurons["layers.0"])


# ---- bug 19: a seed the command line takes
def test_a_large_seed_is_typed_and_shown(qtbot, window, tmp_path, monkeypatch):
    field = window.training_panel.seed
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, str(2**40))
    qtbot.keyClick(field, Qt.Key_Return)
    assert window.doc.project["seed"] == 2**40
    qtbot.waitUntil(lambda: window.info is not None and window.info.seed == 2**40, timeout=5000)
    # a project file with a seed over 2**31 opens, and the panel stays alive
    path = tmp_path / "big_seed.json"
    project = dict(window.doc.project, seed=2**63 + 5)
    path.write_text(json.dumps(project))
    window.open_project(str(path))
    qtbot.waitUntil(lambda: window.doc.project["seed"] == 2**63 + 5, timeout=5000)
    assert field.text() == str(2**63 + 5)
    window.push(cmd.SetHyperparameter("lr", 0.01))
    assert window.training_panel.lr.value() == 0.01


# ---- bug 9: Space plays wherever the focus is, except in a text field
def test_space_plays_after_opening_an_example_whatever_has_focus(qtbot, window):
    from gui.main_window import EXAMPLES_DIR

    window.open_example(os.path.join(EXAMPLES_DIR, "xor.json"))
    qtbot.waitUntil(lambda: window.info is not None and window.info.data_name == "xor", timeout=5000)
    # slowly: at full speed xor's planned epochs can end between two looks at ``playing``
    window.worker.set_speed("slow")
    combo = window.training_panel.optimizer
    window.docks["Training"].show()
    window.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo, timeout=2000)
    # through the window, as a real key press travels (shortcut map, then the focus widget)
    QTest.keyClick(window.windowHandle(), Qt.Key_Space)
    qtbot.waitUntil(lambda: window.playing, timeout=5000)
    assert not combo.view().isVisible()
    spin = window.training_panel.epochs
    spin.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is spin, timeout=2000)
    QTest.keyClick(window.windowHandle(), Qt.Key_Space)
    qtbot.waitUntil(lambda: not window.playing, timeout=5000)
    # in a text field Space types a space
    seed = window.training_panel.seed
    seed.setFocus()
    seed.setText("12")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is seed, timeout=2000)
    QTest.keyClick(window.windowHandle(), Qt.Key_Space)
    qtbot.wait(300)
    assert not window.playing
    assert seed.text() == "12"  # a space is not a digit: refused by the field, and nothing played


# ---- bug 14: a new project starts with fresh axes
def test_plots_forget_the_previous_projects_ranges(qtbot, window):
    from gui.main_window import EXAMPLES_DIR

    plot = window.loss_panel.loss_plot
    plot.getViewBox().enableAutoRange(y=False)  # as after a person zoomed in
    plot.setYRange(100.0, 200.0, padding=0)
    plot._grown_limit = 1e6  # as after a long run
    plot.setXRange(0, 1e6, padding=0)
    window.open_example(os.path.join(EXAMPLES_DIR, "xor.json"))
    qtbot.waitUntil(lambda: window.info is not None and window.info.data_name == "xor", timeout=5000)
    window.worker.step(3)
    qtbot.waitUntil(
        lambda: (
            window.loss_panel.series["batch_loss"].count > 0
            if hasattr(window.loss_panel.series["batch_loss"], "count")
            else steps(window) >= 3
        ),
        timeout=5000,
    )
    qtbot.wait(300)
    (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
    assert x1 < 1e5 and y1 < 100.0


# ---- bug 17: engine errors in a person's terms
def test_an_engine_error_is_shown_in_plain_words(qtbot, window):
    layers = copy.deepcopy(window.doc.project["network"]["layers"])
    layers[-1]["units"] = 3  # spiral has 2 classes
    window.edit("network", {"layers": layers}, "three outputs")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5000)
    text = window.banner.text()
    assert "give the output layer 1 (sigmoid) or 2 (softmax) neurons" in text
    assert "network.layers" not in text


# ---- bug 18: a file that fails changes nothing
def test_a_project_that_cannot_be_built_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    project = copy.deepcopy(window.doc.project)
    project["network"]["layers"][-1]["units"] = 7  # validates, but spiral has 2 classes
    path = tmp_path / "seven.json"
    path.write_text(json.dumps(project))
    window.push(cmd.SetHyperparameter("lr", 0.05))  # an unsaved edit that must survive
    before = json.dumps(window.doc.project, sort_keys=True)
    generation = window.generation
    window.open_project(str(path))
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "give the output layer" in shown[0]
    assert json.dumps(window.doc.project, sort_keys=True) == before
    assert window.generation == generation and window.doc.undo_stack.count() == 1


def test_a_file_that_fails_in_an_unexpected_way_shows_a_message(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000)
    window.open_project(str(deep))
    assert shown and str(deep) in shown[0]


# ---- a dead training process is reported at once and restarted
def test_a_killed_training_process_is_reported_and_restarted(qtbot, window):
    pid = window.worker._process.pid
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=3000)
    assert "stopped unexpectedly" in window.banner.text()
    qtbot.waitUntil(lambda: window.worker._process is not None and window.worker._process.pid != pid, timeout=5000)
    start = time.perf_counter()
    window.worker.step(2)
    qtbot.waitUntil(lambda: steps(window) == 2, timeout=10000)
    assert time.perf_counter() - start < 10


def test_examples_open_with_every_control_consistent(qtbot, window):
    """Every bundled example opens without an error (and undo history starts empty)."""
    from gui.main_window import EXAMPLES_DIR

    for path in sorted(glob.glob(os.path.join(EXAMPLES_DIR, "*.json")))[:4]:
        window.open_example(path)
        name = json.load(open(path))["data"]["source"]
        qtbot.waitUntil(
            lambda n=name: (
                window.info is not None and window.info.data_name.startswith(n) and not window.controller._pending
            ),
            timeout=10000,
        )
        assert window.doc.undo_stack.count() == 0
        assert np.isfinite(window.doc.project["optimizer"]["lr"])


@pytest.mark.parametrize(
    "change",
    [
        {"optimizer": {"name": "adam", "lr": 0.03, "eps": 0.0}},
        {"optimizer": {"name": "sgd", "lr": 100.0}},
        {"init": {"name": "uniform", "a": 1e6}, "training": {"dtype": "float32"}},  # overflows float32
    ],
    ids=["adam_eps_0", "sgd_lr_100", "huge_init"],
)
def test_training_built_to_diverge_never_raises_in_the_window(qtbot, window, tmp_path, change):
    """NaN and infinity reach every panel and the drawing; nothing may raise inside Qt
    (pytest-qt fails the test on any exception in a slot or a virtual method)."""
    project = copy.deepcopy(window.doc.project)
    if "init" in change:
        for layer in project["network"]["layers"]:
            layer["init"] = change["init"]
        project["training"].update(change["training"])
    else:
        project.update(change)
    path = tmp_path / "diverge.json"
    path.write_text(json.dumps(project))
    window.open_project(str(path))
    qtbot.waitUntil(
        lambda: window.doc.path == str(path) and window.controller._pending is None and window.info is not None,
        timeout=5000,
    )
    window.worker.step(60)
    qtbot.waitUntil(lambda: steps(window) >= 60 or window.banner.isVisible(), timeout=10000)
    qtbot.wait(500)
    window.grab()  # every panel paints what it has


def test_a_residual_block_that_changes_the_width_is_refused_at_once(qtbot, window):
    """Core checks the widths of the edited network before the edit is applied."""
    before = copy.deepcopy(window.doc.project["network"]["layers"])
    assert not window.push(cmd.WrapResidual((0,)))  # 2 inputs -> 8 units cannot be added to its input
    assert "residual block must end with as many neurons as it starts with (2)" in window.banner.text()
    assert window.doc.project["network"]["layers"] == before
    assert window.push(cmd.WrapResidual((1,)))  # 8 -> 8 can
