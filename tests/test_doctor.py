"""The training doctor: each diagnosis on a project built to show it, and no false
alarms on the healthy examples trained headless for a fixed number of steps."""

from __future__ import annotations

import json
import math
import os
from types import SimpleNamespace

import numpy as np
import pytest

from core.doctor import CODES, EVIDENCE, REMEDIES, REMEDY_CODES, Doctor
from core.snapshot import take_snapshot
from core.trainer import Trainer, TrainingDiverged

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "examples")
# (diabetes is left out: building its data takes seconds; sine_regression is the regression case)
HEALTHY = ["circle", "deep_relu_batchnorm", "deep_residual", "digits", "iris", "moons", "sine_regression", "spiral",
           "xor", "xor_feature_cross"]
OUT = {"type": "dense", "units": 1, "activation": "sigmoid"}


def example(name):
    with open(os.path.join(EXAMPLES, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def diagnose(project, steps, every=10, dtype=None):
    """Train ``steps`` steps as the window's session does (a snapshot every ``every``
    steps, weights kept before it) and feed every snapshot to a doctor."""
    trainer = Trainer(project, base_dir=EXAMPLES, dtype=dtype)
    doctor = Doctor()
    doctor.feed(take_snapshot(trainer, 0))
    since = 0
    try:
        for done in trainer.training_steps(steps, keep_previous_every=every):
            if done % every == 0:
                doctor.feed(take_snapshot(trainer, since))
                since = len(trainer.history)
    except TrainingDiverged:
        pass
    doctor.feed(take_snapshot(trainer, since))
    return {d.code: d for d in doctor.diagnoses()}


def project(layers, data=None, opt=None, **training):
    return {
        "format": "backprop-lab/1", "seed": 0,
        "data": data or {"source": "circle", "samples": 200, "noise": 0.05, "validation_split": 0.2},
        "network": {"layers": layers}, "loss": "bce", "optimizer": opt or {"name": "adam", "lr": 0.01},
        "training": {"batch_size": 16, "epochs": 1000, **training},
    }


@pytest.mark.parametrize("name", HEALTHY)
def test_no_false_alarm_on_healthy_examples(name):
    assert diagnose(example(name), 300) == {}


def test_vanishing_sigmoid_example():
    found = diagnose(example("vanishing_sigmoid"), 400)
    d = found["vanishing_gradients"]
    assert d.evidence == "Gradient norms" and d.severity == "warning"
    assert d.args["first"].startswith("0 dense") and d.args["last"].startswith("9 dense")
    assert d.args["orders"] >= 3 and d.args["first_norm"] < 1e-3 * d.args["last_norm"]
    assert "plateau" in found  # stuck at log 2 as well


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_exploding_example_diverges():
    d = diagnose(example("exploding_init"), 50)["exploding_gradients"]
    assert d.severity == "error" and d.args == {"cause": "nonfinite", "step": 3}


def _snap(step, grad_norm, layer_norms):
    layers = [SimpleNamespace(label=f"{i} dense 4 tanh", kind="dense", activation="tanh", grad_norm=g,
                              update_ratio=1e-3, saturated=0.0, dead=math.nan, identical_units=False)
              for i, g in enumerate(layer_norms)]
    return SimpleNamespace(step=step, lr=0.1, history_start=0, history={}, layers=layers, grad_norm=grad_norm,
                           failed_step=None)


def test_exploding_growing_and_through_depth():
    doctor = Doctor()
    for i, g in enumerate([1.0, 10.0, 100.0, 2000.0]):
        doctor.feed(_snap(10 * (i + 1), g, [1.0, 1.0]))
    d = {x.code: x for x in doctor.diagnoses()}["exploding_gradients"]
    assert d.args["cause"] == "growing" and d.args["high"] == 2000.0
    doctor = Doctor()
    doctor.feed(_snap(10, 1.0, [5e3, 1.0]))
    d = {x.code: x for x in doctor.diagnoses()}["exploding_gradients"]
    assert d.args["cause"] == "depth" and d.args["orders"] == pytest.approx(math.log10(5e3))


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_saturated_units(activation):
    found = diagnose(project([{"type": "dense", "units": 16, "activation": activation,
                               "init": {"name": "normal", "std": 10.0}}, OUT]), 100)
    d = found["saturated_units"]
    assert d.args["layers"] == [f"0 dense 16 {activation}"] and d.args["fraction"] >= 0.5
    assert d.evidence == "Activations"


def test_dead_relu():
    found = diagnose(project([{"type": "dense", "units": 16, "activation": "relu",
                               "bias_init": {"name": "constant", "value": -5.0}}, OUT]), 100)
    assert found["dead_relu"].args == {"layers": ["0 dense 16 relu"], "fraction": 1.0}
    assert "vanishing_gradients" not in found  # the dead units explain the missing gradient


def test_lr_too_high():
    found = diagnose(project([{"type": "dense", "units": 16, "activation": "tanh"}, OUT],
                             opt={"name": "sgd", "lr": 5.0, "momentum": 0.9}), 300)
    d = found["lr_too_high"]
    assert d.args["kind"] == "rising" and d.args["lr"] == 5.0 and d.args["now"] > 1.25 * d.args["best"]


@pytest.mark.parametrize("opt", [{"name": "adam", "lr": 1e-6}, {"name": "sgd", "lr": 1e-5}])
def test_lr_too_low(opt):
    found = diagnose(project([{"type": "dense", "units": 16, "activation": "tanh"}, OUT], opt=opt), 100)
    assert set(found) == {"lr_too_low"}
    assert found["lr_too_low"].args["ratio"] < 1e-4


def test_lr_too_low_float32():
    found = diagnose(project([{"type": "dense", "units": 16, "activation": "tanh"}, OUT],
                             opt={"name": "adam", "lr": 1e-6}), 100, dtype="float32")
    assert set(found) == {"lr_too_low"}


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_symmetric_weights(activation):
    layers = [{"type": "dense", "units": 8, "activation": activation, "init": "zeros"}, dict(OUT, init="zeros")]
    found = diagnose(project(layers), 100)
    assert found["symmetric_weights"].args == {"layers": [f"0 dense 8 {activation}"]}
    assert found["symmetric_weights"].evidence == "Weight histograms"


def test_symmetric_is_seen_before_training():
    layers = [{"type": "dense", "units": 8, "activation": "tanh", "init": "zeros"}, dict(OUT, init="zeros")]
    trainer = Trainer(project(layers))
    doctor = Doctor()
    doctor.feed(take_snapshot(trainer))
    assert [d.code for d in doctor.diagnoses()] == ["symmetric_weights"]


def test_overfitting():
    hidden = {"type": "dense", "units": 64, "activation": "relu"}
    layers = [hidden, hidden, OUT]
    data = {"source": "moons", "samples": 60, "noise": 0.35, "validation_split": 0.5}
    d = diagnose(project(layers, data=data, opt={"name": "adam", "lr": 0.02}, batch_size=10), 400)["overfitting"]
    assert d.args["now"] >= 1.1 * d.args["best"] and d.args["train_now"] < d.args["train_best"]
    assert d.evidence == "Loss"


def test_plateau():
    data = {"source": "xor", "samples": 200, "noise": 0.0, "validation_split": 0.2}
    found = diagnose(project([OUT], data=data, opt={"name": "adam", "lr": 0.05}), 500)
    assert set(found) == {"plateau"}
    assert found["plateau"].severity == "info" and found["plateau"].args["loss"] == pytest.approx(0.69, abs=0.02)


def test_rows_seen_twice_and_a_restart():
    trainer = Trainer(example("xor"))
    trainer.run(40)
    doctor = Doctor()
    doctor.feed(take_snapshot(trainer, 0))
    doctor.feed(take_snapshot(trainer, 0))  # the same rows again: skipped
    assert doctor._next_row == 40 and list(doctor._blocks) == pytest.approx(
        [trainer.history.columns["batch_loss"][i:i + 20].mean() for i in (0, 20)])
    doctor.feed(take_snapshot(Trainer(example("xor")), 0))  # step 0 again: a new run
    assert doctor._next_row == 0 and not doctor._blocks


def test_tables_are_complete():
    assert set(EVIDENCE) == set(CODES) == set(REMEDIES)
    assert set(EVIDENCE.values()) <= {"Gradient norms", "Loss", "Activations", "Weight histograms"}
    assert all(r in REMEDY_CODES for rs in REMEDIES.values() for r in rs)


def test_identical_units_in_stats():
    layers = [{"type": "dense", "units": 8, "activation": "tanh", "init": "zeros"},
              {"type": "dense", "units": 3, "activation": "tanh", "init": {"name": "constant", "value": 0.5}},
              {"type": "dense", "units": 4, "activation": "relu"}, OUT]
    for dtype in ("float64", "float32"):
        stats = take_snapshot(Trainer(project(layers), dtype=dtype)).layers
        assert [s.identical_units for s in stats] == [True, True, False, False]
    net = Trainer(project(layers)).network
    w = net.entries[2].layer.p["weight"]
    w[:] = w[0]
    net.entries[2].layer.p["bias"][1] = 1.0  # equal rows, unequal biases: not identical
    assert not np.all(net.entries[2].layer.p["bias"] == 0) and take_snapshot_layers(net)[2] is False


def take_snapshot_layers(net):
    from core.stats import layer_stats

    return [s.identical_units for s in layer_stats(net)]
