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
