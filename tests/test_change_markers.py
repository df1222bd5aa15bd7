"""Every setting changed while training is marked at its step, in the engine's state and
snapshots and on the plots with a step axis."""

import os

from core.project import load_project
from core.snapshot import take_snapshot
from core.trainer import Trainer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _trainer():
    return Trainer(load_project(os.path.join(ROOT, "resources", "examples", "xor.json")))


def test_changes_are_marked_at_their_step_and_only_when_the_value_changes():
    tr = _trainer()
    tr.set_hyperparameter("lr", 0.5)  # before the first step: nothing to mark against
    for _ in range(5):
        tr.step()
    tr.set_hyperparameter("lr", 0.05)
    tr.set_hyperparameter("lr", 0.05)  # the same value again
    tr.set_training_option("batch_size", 7)
    (lr, batch) = tr.changes
    assert (lr.step, lr.key, lr.old, lr.new) == (5, "lr", 0.5, 0.05)
    assert (batch.step, batch.key, batch.new) == (5, "batch_size", 7)
    assert take_snapshot(tr).changes == (lr, batch)


def test_a_dragged_setting_is_one_mark():
    """merge: the same setting again joins its last mark (first step and old value kept);
    back where it started, the mark goes; another setting in between is a mark of its own."""
    tr = _trainer()
    for _ in range(4):
        tr.step()
    lr0 = tr.base_lr
    tr.set_hyperparameter("lr", 0.2)
    tr.step()
    tr.set_hyperparameter("lr", 0.3, merge=True)
    tr.step()
    tr.set_hyperparameter("lr", 0.4, merge=True)
    (mark,) = tr.changes
    assert (mark.step, mark.old, mark.new) == (4, lr0, 0.4)
    tr.set_training_option("grad_clip", 1.0, merge=True)  # another setting: not merged
    tr.set_hyperparameter("lr", 0.5, merge=True)  # the last mark is grad_clip's: a new mark
    assert [m.key for m in tr.changes] == ["lr", "grad_clip", "lr"]
    tr.set_hyperparameter("lr", 0.4, merge=True)  # back where that mark started
    assert [m.key for m in tr.changes] == ["lr", "grad_clip"]


def test_the_session_merges_live_edits_of_one_setting_within_a_second(monkeypatch):
    from core import session as session_module
    from core.protocol import SetHyper

    clock = [100.0]
    monkeypatch.setattr(session_module.time, "monotonic", lambda: clock[0])
    s = session_module.Session(lambda _msg: None)
    s.trainer = _trainer()
    for _ in range(3):
        s.trainer.step()
    for lr in (0.2, 0.25, 0.3):  # a drag: ten edits a second
        s.live_edit(SetHyper("lr", lr), "set_hyperparameter")
        s.trainer.step()
        clock[0] += 0.1
    assert [(m.key, m.new) for m in s.trainer.changes] == [("lr", 0.3)]
    clock[0] += 5.0  # a later, separate change
    s.live_edit(SetHyper("lr", 0.1), "set_hyperparameter")
    assert [(m.key, m.new) for m in s.trainer.changes] == [("lr", 0.3), ("lr", 0.1)]


def test_markers_redraw_only_what_changed(qtbot):
    import pyqtgraph as pg

    from core.history import ChangeMark
    from gui.panels.change_markers import ChangeMarkers

    plots = [pg.PlotItem(), pg.PlotItem()]
    markers = ChangeMarkers(plots)
    a, b = ChangeMark(10, "lr", 0.1, 0.2), ChangeMark(30, "momentum", 0.9, 0.5)
    markers.update((a,))
    first = [line for _plot, line in markers.lines]
    markers.update((a, b))
    assert [line for _plot, line in markers.lines][:2] == first  # kept, not drawn again
    assert len(markers.lines) == 4 and markers.lines[2][1].value() == 30
    markers.update((a, ChangeMark(30, "momentum", 0.9, 0.4)))  # the dragged mark's value moved
    assert [line for _plot, line in markers.lines][:2] == first
    assert markers.lines[2][1].label.toPlainText() == "momentum 0.9 → 0.4"
    assert sum(isinstance(item, pg.InfiniteLine) for item in plots[0].items) == 2  # the old one is gone
    markers.update(())
    assert markers.lines == [] and not any(isinstance(item, pg.InfiniteLine) for item in plots[1].items)


def test_changes_travel_with_the_training_state():
    tr = _trainer()
    for _ in range(3):
        tr.step()
    state = tr.get_state()
    tr.set_hyperparameter("lr", 0.2)
    assert len(tr.changes) == 1
    tr.set_state(state)  # back to before the change
    assert tr.changes == []


def test_a_live_change_puts_a_labelled_marker_on_the_loss_and_gradient_norm_plots(window, qtbot):
    import pyqtgraph as pg

    window.controller.step(20)
    qtbot.waitUntil(lambda: window.controls and window.run_recorder._steps >= 20, timeout=10000)
    slider = window.training_panel.lr.slider
    slider.setValue(slider.value() + 5)  # as a person drags it
    window.controller.step(5)
    qtbot.waitUntil(lambda: window.run_recorder._steps >= 25, timeout=10000)
    qtbot.waitUntil(lambda: len(window.loss_panel.markers.lines) == 2, timeout=10000)
    (plot, line), _ = window.loss_panel.markers.lines
    assert isinstance(line, pg.InfiniteLine) and line.value() == 20
    assert line.label is not None and line.label.toPlainText().startswith("lr ")
    assert len(window.grad_norm_panel.markers.lines) == 2
    # the optimizer's state over time (histograms per step) is marked too, on every layer's plot
    window.actions_by_name["optimizer_internals"].trigger()
    internals = window.optimizer_internals
    window.controller.step(1)
    qtbot.waitUntil(
        lambda: bool(internals.plots) and len(internals.markers.lines) == len(internals.plots), timeout=10000
    )
    assert {line.value() for _plot, line in internals.markers.lines} == {20}
    window.controller.rebuild()  # a new run: no marks
    qtbot.waitUntil(lambda: window.loss_panel.markers.lines == [], timeout=10000)
    qtbot.waitUntil(lambda: internals.markers.lines == [], timeout=10000)
    internals.close()
