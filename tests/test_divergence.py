"""Divergence names the real cause, with a code and details besides the English
message, and the step it names is the step that failed (step_count + 1)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest

from core.divergence import TrainingDiverged, update_failure, weights_are_finite
from core.trainer import Trainer

EXAMPLES = Path(__file__).resolve().parents[1] / "resources" / "examples"


def example(example_name, **optimizer):
    project = json.loads((EXAMPLES / f"{example_name}.json").read_text())
    if optimizer:
        project["optimizer"] = optimizer
    return project


def diverge(trainer, steps=3000) -> TrainingDiverged:
    with np.errstate(all="ignore"):
        for _ in range(steps):
            try:
                trainer.step()
            except TrainingDiverged as exc:
                return exc
    raise AssertionError("training did not diverge")


@pytest.mark.parametrize("name", ["adam", "adamw", "rmsprop", "adagrad"])
def test_eps_zero_is_named_not_the_learning_rate(name):
    t = Trainer(example("moons", name=name, lr=0.01, eps=0.0))
    exc = diverge(t)
    assert exc.code == "nonfinite_weights_after_update"
    assert exc.details["cause"] == "eps_zero"
    assert exc.details["optimizer"] == name and exc.details["eps"] == 0.0
    assert exc.details["param"].startswith("layers.")
    message = str(exc)
    assert "eps is 0" in message and "0 / 0" in message
    assert "learning rate" not in message
    # the failed step is not counted; the message names it as step_count + 1
    assert exc.step == t.step_count + 1 == exc.details["step"]
    assert f"step {exc.step} " in message
    assert t.finished and t.message == message and t.divergence is exc
    assert len(t.history) == t.step_count


def test_a_loss_failure_has_a_code_and_the_failed_step():
    t = Trainer(example("exploding_init"))
    t.set_hyperparameter("lr", 50.0)
    exc = diverge(t)
    assert exc.code in (
        "nonfinite_loss",
        "loss_overflow",
        "nonfinite_gradient",
        "gradient_norm_overflow",
        "nonfinite_weights_after_update",
    )
    assert exc.step == t.step_count + 1
    assert f"step {exc.step} " in str(exc)


def test_update_overflow_names_the_learning_rate():
    t = Trainer(example("xor", name="sgd", lr=1.0))
    net = t.network
    net.flat_grad[...] = -1.0
    net.flat[...] = np.finfo(np.float64).max
    t.optimizer.set("lr", 1e308)
    with np.errstate(all="ignore"):
        t.optimizer.step()
    assert not weights_are_finite(net.flat)
    exc = update_failure(net, t.optimizer, 7, 2)
    assert exc.code == "nonfinite_weights_after_update" and exc.details["cause"] == "update_overflow"
    assert "learning rate" in str(exc) and "step 7 (epoch 2)" in str(exc)


def test_weights_are_finite_is_exact_for_huge_finite_values():
    big = np.finfo(np.float64).max
    with np.errstate(over="ignore"):
        assert weights_are_finite(np.array([big, big, 1.0]))  # the squares overflow, the values do not
    assert not weights_are_finite(np.array([1.0, np.nan]))
    assert not weights_are_finite(np.array([1.0, -np.inf]))


def test_the_exception_pickles_with_its_details():
    exc = TrainingDiverged("msg", 5, "layers.0.weight", "nonfinite_loss", {"layer": "network.layers[0]"})
    back = pickle.loads(pickle.dumps(exc))
    assert (str(back), back.step, back.where, back.code) == ("msg", 5, "layers.0.weight", "nonfinite_loss")
    assert back.details == {"layer": "network.layers[0]", "step": 5}
    assert back.as_dict()["code"] == "nonfinite_loss"


def test_snapshots_after_a_divergence_do_not_raise():
    t = Trainer(example("moons", name="adam", eps=0.0))
    diverge(t)
    with np.errstate(all="ignore"):
        snap = t.snapshot(boundary=True, neuron_grid=8, predictions=True)
    assert snap.finished and "eps is 0" in snap.message
    assert any(s.weight_hist.nonfinite for s in snap.layers)
