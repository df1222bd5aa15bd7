"""Changing the optimizer of the current run: weights, step count and history carry
over, the optimizer's state starts afresh, a mark says so, undo swaps back."""

from __future__ import annotations

import numpy as np
import pytest

from core.history import ChangeMark
from core.optimizers import Adam
from core.queries import QUERIES
from core.registry import ConfigError
from core.trainer import Trainer


def project(optimizer=None, dtype="float64") -> dict:
    return {
        "format": "backprop-lab/1",
        "seed": 5,
        "data": {"source": "moons", "samples": 80, "noise": 0.1, "validation_split": 0.25},
        "network": {"layers": [{"type": "dense", "units": 6, "activation": "tanh"},
                               {"type": "dense", "units": 1, "activation": "sigmoid"}]},
        "loss": "bce",
        "optimizer": optimizer or {"name": "sgd", "lr": 0.1, "momentum": 0.9},
        "training": {"batch_size": 16, "epochs": 5, "shuffle": True, "dtype": dtype},
    }


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_swap_keeps_weights_history_and_step(dtype):
    tr = Trainer(project(dtype=dtype))
    tr.run(steps=7)
    weights = tr.network.copy_arrays()
    rows = len(tr.history)
    losses = tr.history.columns["batch_loss"].copy()
    assert tr.optimizer.state["momentum_buffer"] is not None
    answer = tr.set_optimizer({"name": "adam", "lr": 0.01})
    assert answer == {"step": 7, "old": "sgd momentum=0.9", "new": "adam", "reset": ["momentum_buffer"],
                      "restored": False}
    for key, value in tr.network.copy_arrays().items():
        np.testing.assert_array_equal(value, weights[key])
        assert value.dtype == np.dtype(dtype)
    assert isinstance(tr.optimizer, Adam)
    assert tr.optimizer.state == {} and tr.optimizer.step_count == 0  # fresh moments, fresh bias correction
    assert tr.step_count == 7 and len(tr.history) == rows
    assert tr.changes == [ChangeMark(7, "optimizer", "sgd momentum=0.9", "adam")]
    assert tr.project["optimizer"]["name"] == "adam" and tr.base_lr == 0.01
    tr.run(steps=3)
    assert len(tr.history) == rows + 3 and tr.step_count == 10
    np.testing.assert_array_equal(tr.history.columns["batch_loss"][:rows], losses)
    assert tr.history.columns["lr"][-1] == 0.01
    assert tr.optimizer.step_count == 3 and tr.network.flat.dtype == np.dtype(dtype)


def test_swapped_run_equals_a_fresh_adam_from_the_same_weights_and_batches():
    """After the swap, training is Adam from step 0 of its own, on the run's batches."""
    a = Trainer(project())
    a.run(steps=5)
    b = Trainer(project())
    b.set_state(a.get_state())
    a.set_optimizer("adam")
    b.optimizer = Adam(b.network.flat, b.network.flat_grad, b.optimizer.layout)
    b.base_lr = b.optimizer.group["lr"]
    a.run(steps=4)
    b.run(steps=4)
    np.testing.assert_array_equal(a.network.flat, b.network.flat)


def test_undo_swaps_back_with_the_old_state():
    tr = Trainer(project())
    tr.run(steps=4)
    buf = tr.optimizer.state["momentum_buffer"].copy()
    old = tr.optimizer
    tr.set_optimizer("rmsprop")
    answer = tr.set_optimizer({"name": "sgd", "lr": 0.1, "momentum": 0.9})
    assert answer["restored"] and tr.optimizer is old and tr.changes == []
    np.testing.assert_array_equal(tr.optimizer.state["momentum_buffer"], buf)
    # after a step, swapping back is a new change with fresh state
    tr.set_optimizer("rmsprop")
    tr.run(steps=1)
    answer = tr.set_optimizer({"name": "sgd", "lr": 0.1, "momentum": 0.9})
    assert not answer["restored"] and tr.optimizer.state == {}
    assert [m.new for m in tr.changes] == ["rmsprop", "sgd momentum=0.9"]
    assert [m.step for m in tr.changes] == [4, 5]


def test_rewinding_to_a_state_before_the_swap_brings_the_old_optimizer():
    tr = Trainer(project())
    tr.run(steps=3)
    state = tr.get_state()
    tr.set_optimizer("adagrad")
    tr.run(steps=2)
    tr.set_state(state)
    assert tr.optimizer.name == "sgd" and tr.project["optimizer"]["name"] == "sgd"
    ref = Trainer(project())
    ref.run(steps=5)
    tr.run(steps=2)
    np.testing.assert_array_equal(tr.network.flat, ref.network.flat)


def test_bad_spec_changes_nothing_and_query_is_named():
    tr = Trainer(project())
    tr.run(steps=2)
    with pytest.raises(ConfigError, match="optimizer.betas"):
        tr.set_optimizer({"name": "adam", "betas": [1.5, 0.9]})
    assert tr.optimizer.name == "sgd" and tr.changes == []
    fn, redraw = QUERIES["set_optimizer"]
    assert redraw and fn(tr, "adam")["new"] == "adam"
    assert tr.snapshot().changes[-1].key == "optimizer"


# ---- in the window


def _ask(win, name, *args):
    return win.worker.query(name, *args).wait()


def test_changing_the_optimizer_in_the_window_continues_the_run(window, qtbot):
    messages = []
    window.controller.status.connect(lambda text, _ms: messages.append(text))
    window.controller.step(12)
    qtbot.waitUntil(lambda: _ask(window, "step_count") >= 12, timeout=10000)
    gen = window.controller.generation
    before = _ask(window, "weights")
    rows = len(_ask(window, "history"))
    combo = window.training_panel.optimizer
    combo.setCurrentIndex(combo.findData("rmsprop"))
    combo.activated.emit(combo.currentIndex())
    assert window.doc.project["optimizer"]["name"] == "rmsprop"
    qtbot.waitUntil(lambda: _ask(window, "project")["optimizer"]["name"] == "rmsprop", timeout=5000)
    assert window.controller.generation == gen  # no rebuild
    assert _ask(window, "step_count") == 12 and len(_ask(window, "history")) == rows
    for key, value in _ask(window, "weights").items():
        np.testing.assert_array_equal(value, before[key])
    qtbot.waitUntil(lambda: any("carry over" in m for m in messages), timeout=5000)
    qtbot.waitUntil(lambda: len(window.loss_panel.markers.lines) == 2, timeout=10000)  # loss and accuracy
    (_plot, line), _ = window.loss_panel.markers.lines
    assert line.value() == 12 and "optimizer" in line.label.toPlainText()
    window.doc.undo_stack.undo()
    qtbot.waitUntil(lambda: _ask(window, "project")["optimizer"]["name"] != "rmsprop", timeout=5000)
    assert window.controller.generation == gen and _ask(window, "step_count") == 12
    qtbot.waitUntil(lambda: window.loss_panel.markers.lines == [], timeout=10000)
