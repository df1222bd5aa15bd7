"""Checkpoints and rewinding: a rewound run continues bit-identically to one that never stopped."""

import os

import numpy as np
import pytest

from core.checkpoints import Checkpoints
from core.project import default_project, load_project
from core.registry import ConfigError
from core.trainer import Trainer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _project(name):
    return load_project(os.path.join(ROOT, "resources", "examples", f"{name}.json"))


def _train(trainer, cps, n):
    for _ in range(n):
        trainer.step()
        cps.after_step(trainer)


@pytest.mark.parametrize("name", ["spiral", "deep_relu_batchnorm", "digits"])
def test_a_rewound_run_continues_bit_identically(name):
    straight = Trainer(_project(name))
    straight.run(steps=260)
    tr = Trainer(_project(name))
    cps = Checkpoints(every=50)
    cps.after_step(tr)  # step 0
    _train(tr, cps, 200)
    assert cps.steps() == [0, 50, 100, 150, 200]
    assert cps.rewind(tr, 120) == 20  # from the checkpoint at 100
    assert tr.step_count == 120 and len(tr.history) == 120 and cps.steps() == [0, 50, 100]
    _train(tr, cps, 140)
    for k, v in straight.network.copy_arrays().items():
        np.testing.assert_array_equal(tr.network.copy_arrays()[k], v)
    a, b = straight.history.rows(0), tr.history.rows(0)
    np.testing.assert_array_equal(a["batch_loss"], b["batch_loss"])
    assert straight.optimizer.state_dict().keys() == tr.optimizer.state_dict().keys()


def test_dropout_and_float32_rewind_bit_identically():
    p = default_project()
    p["training"]["dtype"] = "float32"
    p["network"]["layers"].insert(1, {"type": "dropout", "rate": 0.3})
    straight = Trainer(p)
    straight.run(steps=90)
    tr, cps = Trainer(p), Checkpoints(every=40)
    cps.after_step(tr)
    _train(tr, cps, 80)
    cps.rewind(tr, 45)
    _train(tr, cps, 45)
    np.testing.assert_array_equal(tr.network.flat, straight.network.flat)
    assert tr.network.flat.dtype == np.float32


def test_the_memory_budget_thins_old_checkpoints_and_keeps_the_newest():
    tr = Trainer(default_project())
    cps = Checkpoints(every=10)
    cps.after_step(tr)
    one = cps.memory
    cps.budget = one * 4
    _train(tr, cps, 100)
    assert cps.memory <= cps.budget and 100 in cps.steps() and 0 in cps.steps()
    assert len(cps.steps()) <= 4
    assert cps.rewind(tr, 95) >= 5
    # the running total is the sum of what is kept, after thinning, a rewind and a retake
    assert cps.memory == sum(info.nbytes for info in cps.infos())
    cps.take(tr)
    cps.take(tr)  # the same step again replaces, never counts twice
    assert cps.memory == sum(info.nbytes for info in cps.infos())


def test_bad_rewinds_are_named():
    tr = Trainer(default_project())
    cps = Checkpoints(every=10)
    _train(tr, cps, 5)
    with pytest.raises(ConfigError, match="after the run's current step"):
        cps.rewind(tr, 50)
    with pytest.raises(ConfigError, match="integer"):
        cps.rewind(tr, -1)
    with pytest.raises(ConfigError, match="every"):
        Checkpoints(every=0)


def test_a_state_without_history_keeps_the_run_s_history():
    tr = Trainer(default_project())
    tr.run(steps=30)
    state = tr.get_state(history=False)
    assert "history" not in state
    tr.run(steps=10)
    tr.set_state(state)
    assert len(tr.history) == 40 and tr.step_count == 30  # the caller cuts the history (Checkpoints.rewind does)


def test_rewinding_in_the_window_cuts_the_curves_and_continues_exactly(window, qtbot):
    window.controller.step(150)
    qtbot.waitUntil(lambda: window.worker.query("step_count").wait() == 150, timeout=15000)
    dialog = window.open_rewind()
    qtbot.waitUntil(lambda: dialog.spin.maximum() == 150, timeout=10000)
    dialog.spin.setValue(60)
    dialog.rewind()
    qtbot.waitUntil(lambda: "60" in dialog.result_label.text(), timeout=10000)
    assert window.worker.query("step_count").wait() == 60
    qtbot.waitUntil(lambda: len(window.loss_panel.series["batch_loss"]) == 60, timeout=10000)
    window.controller.step(90)
    qtbot.waitUntil(lambda: window.worker.query("step_count").wait() == 150, timeout=15000)
    straight = Trainer(window.doc.project)
    straight.run(steps=150)
    weights = window.worker.query("weights").wait()
    for k, v in straight.network.copy_arrays().items():
        np.testing.assert_array_equal(weights[k], v)
    dialog.close()


def test_right_click_on_the_loss_curve_rewinds_to_that_step(window, qtbot):
    window.controller.step(120)
    qtbot.waitUntil(lambda: len(window.loss_panel.series["batch_loss"]) == 120, timeout=15000)
    panel = window.loss_panel
    menu = panel.loss_plot.getViewBox().menu
    assert panel.rewind_action in menu.actions()
    panel.set_rewind_step(47.4)  # as a right-click at x = 47.4 does
    assert panel.rewind_action.isEnabled() and "47" in panel.rewind_action.text()
    panel.rewind_action.trigger()
    qtbot.waitUntil(lambda: window.worker.query("step_count").wait() == 47, timeout=10000)
    qtbot.waitUntil(lambda: len(panel.series["batch_loss"]) == 47, timeout=10000)
    panel.set_rewind_step(float("nan"))
    assert not panel.rewind_action.isEnabled()
