"""Trainer: state as a value, isolation, picklable runs, live hyper-parameters,
early stopping, float32, divergence and the per-layer statistics in snapshots."""

from __future__ import annotations

import copy
import json
import math
import pickle
from pathlib import Path

import numpy as np
import pytest

from core.trainer import Trainer, TrainingDiverged, train_project

EXAMPLES = Path(__file__).resolve().parents[1] / "resources" / "examples"


def dense(units, activation, init=None, **extra):
    layer = {"type": "dense", "units": units, "activation": activation, **extra}
    if init is not None:
        layer["init"] = init
    return layer


def project(**changes) -> dict:
    """A small spiral project with dropout, batch norm, Adam and shuffling."""
    spec = {
        "format": "backprop-lab/1",
        "seed": 3,
        "data": {"source": "spiral", "samples": 120, "noise": 0.05, "validation_split": 0.25},
        "network": {"layers": [
            dense(12, "tanh"),
            {"type": "dropout", "rate": 0.2},
            dense(12, "relu"),
            {"type": "batchnorm"},
            dense(1, "sigmoid"),
        ]},
        "loss": "bce",
        "optimizer": {"name": "adam", "lr": 0.01},
        "training": {"batch_size": 16, "epochs": 50, "shuffle": True},
    }
    for key, value in changes.items():
        spec[key] = value
    return spec


def weights(trainer: Trainer) -> dict[str, np.ndarray]:
    return trainer.network.copy_arrays()


def assert_same_arrays(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        assert a[key].dtype == b[key].dtype, key
        np.testing.assert_array_equal(a[key], b[key], err_msg=key)


# ---- state as a value
@pytest.mark.parametrize("optimizer", [
    {"name": "adam", "lr": 0.01, "amsgrad": True},
    {"name": "sgd", "lr": 0.05, "momentum": 0.9, "nesterov": True},
    {"name": "rmsprop", "lr": 0.005, "centered": True, "momentum": 0.5},
])
def test_state_restores_bit_identically(optimizer):
    """30 steps, take the state, 30 more (A); restore, 30 more (B): A == B exactly,
    with dropout masks, shuffled batches, batch-norm statistics and optimizer state."""
    t = Trainer(project(optimizer=optimizer))
    t.run(steps=30)  # 30 is not a multiple of the 6 steps per epoch: mid-epoch
    state = t.get_state()
    t.run(steps=30)
    a, history_a = weights(t), t.history.rows()
    t.set_state(state)
    assert t.step_count == 30
    t.run(steps=30)
    assert_same_arrays(a, weights(t))
    for name, column in history_a.items():
        np.testing.assert_array_equal(column, t.history.rows()[name], err_msg=name)

    fresh = Trainer(project(optimizer=optimizer))  # the state also moves to another trainer
    fresh.set_state(state)
    fresh.run(steps=30)
    assert_same_arrays(a, weights(fresh))


def test_state_is_a_copy():
    t = Trainer(project())
    t.run(steps=5)
    state = t.get_state()
    before = copy.deepcopy(state["arrays"])
    t.run(steps=5)
    assert_same_arrays(before, state["arrays"])  # training on does not change a taken state


def test_two_trainers_do_not_interfere():
    alone = Trainer(project())
    alone.run(steps=40)
    first, second = Trainer(project()), Trainer(project())
    for _ in range(40):  # lock-step, as an optimizer race would run them
        first.step()
        second.step()
    assert_same_arrays(weights(alone), weights(first))
    assert_same_arrays(weights(alone), weights(second))
    other = Trainer(project(seed=4))
    other.run(steps=40)
    assert not np.array_equal(weights(alone)["layers.0.weight"], weights(other)["layers.0.weight"])


def test_train_project_is_a_picklable_pure_function():
    report, arrays = train_project(project(), steps=25)
    again = pickle.loads(pickle.dumps((report, arrays)))
    assert again[0] == report
    assert_same_arrays(arrays, again[1])
    assert report["steps"] == 25
    report2, arrays2 = train_project(project(), steps=25)
    assert report2 == report
    assert_same_arrays(arrays, arrays2)
    report3, _ = train_project(project(), seed=11, steps=25)
    assert report3 != report


def test_train_project_reports_divergence_instead_of_raising():
    spec = json.loads((EXAMPLES / "exploding_init.json").read_text())
    with np.errstate(all="ignore"):
        report, arrays = train_project(spec)
    assert "step" in report["message"]
    pickle.dumps((report, arrays))


# ---- live hyper-parameters
def test_set_hyperparameter_lr_is_used_by_the_next_step():
    spec = project(optimizer={"name": "sgd", "lr": 0.1},
                   network={"layers": [dense(8, "tanh"), dense(1, "sigmoid")]})
    t = Trainer(spec)
    t.run(steps=3)
    t.set_hyperparameter("lr", 0.025)
    assert t.lr == 0.025
    before = t.network.flat.copy()
    t.step()
    # plain SGD: p <- p - lr * g, with the gradient of the batch just used
    np.testing.assert_allclose(t.network.flat, before - 0.025 * t.network.flat_grad, rtol=0, atol=1e-15)
    assert t.history.columns["lr"][-1] == 0.025
    assert t.history.columns["lr"][-2] == 0.1
    assert t.project["optimizer"]["lr"] == 0.025


def test_set_hyperparameter_rejects_bad_values():
    from core.registry import ConfigError

    t = Trainer(project())
    with pytest.raises(ConfigError, match="optimizer.lr"):
        t.set_hyperparameter("lr", -1.0)
    with pytest.raises(ConfigError, match="optimizer.momentum"):
        t.set_hyperparameter("momentum", 0.9)  # adam has no momentum


# ---- early stopping
def test_early_stopping_stops_and_restores_best_weights():
    spec = project(
        data={"source": "moons", "samples": 60, "noise": 0.35, "validation_split": 0.5},
        network={"layers": [dense(64, "relu"), dense(64, "relu"), dense(1, "sigmoid")]},
        optimizer={"name": "adam", "lr": 0.02},
        training={"batch_size": 10, "epochs": 300, "early_stopping": {"patience": 5}},
    )
    t = Trainer(spec)
    t.run()
    assert t.finished
    assert t.epoch < 300
    assert t.message.startswith("Early stopping")
    val = np.array(t.history.columns["val_loss"])
    epoch_ends = val[~np.isnan(val)]
    best = epoch_ends[:-1].min()  # the last row holds the evaluation after restoring
    assert t.evaluate()["val_loss"] == best
    assert epoch_ends[-1] == best
    assert f"epoch {int(np.argmin(epoch_ends[:-1])) + 1}" in t.message


# ---- dtype
def test_float32_trains_and_tracks_float64():
    def run(dtype):
        spec = project(training={"batch_size": 16, "epochs": 100, "dtype": dtype},
                       network={"layers": [dense(16, "tanh"), dense(16, "tanh"), dense(1, "sigmoid")]})
        t = Trainer(spec)
        assert t.network.flat.dtype == np.dtype(dtype)
        first = t.evaluate()["train_loss"]
        t.run()
        assert all(v.dtype == np.dtype(dtype) for v in weights(t).values())
        return first, t.report()

    first, single = run("float32")
    _, double = run("float64")
    assert single["train_loss"] < 0.5 * first
    assert single["train_accuracy"] >= 0.9
    assert single["train_loss"] == pytest.approx(double["train_loss"], rel=1e-3)


# ---- divergence
def test_non_finite_loss_raises_with_step_and_layer_and_keeps_history():
    spec = json.loads((EXAMPLES / "exploding_init.json").read_text())
    t = Trainer(spec)
    with np.errstate(all="ignore"), pytest.raises(TrainingDiverged) as info:
        t.run()
    exc = info.value
    assert exc.step >= 2
    assert f"step {exc.step}" in str(exc)
    assert "network.layers[" in str(exc) or "layers." in str(exc)
    assert exc.where in str(exc)
    assert t.finished and t.message == str(exc)
    assert t.step_count == exc.step - 1  # the bad step changed nothing
    assert len(t.history) == exc.step - 1
    assert all(math.isfinite(v) for v in t.history.columns["batch_loss"])


def test_overflowing_gradient_norm_names_a_layer():
    """Loss and every gradient finite, but the squared norm overflows: the message
    still names a layer (the one with the largest gradient)."""
    t = Trainer(project(network={"layers": [dense(4, "linear"), dense(1, "sigmoid")]},
                        optimizer={"name": "sgd", "lr": 0.1}))
    arrays = t.network.named_arrays()
    arrays["layers.0.weight"][...] = 1e155  # hidden outputs ~1e155 ...
    arrays["layers.1.weight"][...] = 1e-155  # ... scaled back to O(1) at the output
    with np.errstate(all="ignore"), pytest.raises(TrainingDiverged) as info:
        t.step()
    assert "step 1" in str(info.value)
    assert "layers.1.weight" in info.value.where
    assert t.step_count == 0


# ---- snapshots
def test_snapshot_has_per_layer_statistics():
    spec = project(network={"layers": [
        dense(10, "sigmoid", {"name": "normal", "std": 10.0}),
        dense(10, "tanh"),
        {"type": "residual", "layers": [  # the skip path carries gradients past dead units
            dense(10, "relu", bias_init={"name": "constant", "value": -100.0}),
            dense(10, "linear"),
        ]},
        dense(10, "relu", "he_normal"),
        {"type": "batchnorm"},
        dense(1, "sigmoid"),
    ]}, optimizer={"name": "sgd", "lr": 0.01})
    t = Trainer(spec)
    t.run(steps=2)
    plain = t.snapshot()
    assert all(math.isnan(s.update_ratio) for s in plain.layers)
    t.keep_previous = True
    t.step()
    snap = t.snapshot()
    assert snap.step == 3
    stats = {s.path: s for s in snap.layers}
    assert list(stats) == ["layers.0", "layers.1", "layers.2.layers.0", "layers.2.layers.1",
                           "layers.3", "layers.4", "layers.5"]
    net = t.network
    for s in snap.layers:
        # histograms describe all of the layer's parameters, as the norms do
        size = sum(p.value.size for p in net.params if p.name.startswith(s.path + ".")
                   and "." not in p.name.removeprefix(s.path + ".").removeprefix("activation."))
        for hist in (s.weight_hist, s.grad_hist, s.grad_log_hist):
            assert len(hist.edges) == len(hist.counts) + 1
            assert np.all(np.diff(hist.edges) > 0)
            assert hist.counts.sum() + hist.zeros + hist.nonfinite == size
        assert s.weight_norm > 0 and math.isfinite(s.weight_norm)
        assert s.grad_norm >= 0 and math.isfinite(s.grad_norm)
        assert math.isfinite(s.act_mean) and s.act_std >= 0
    # the layer norms add up to the global gradient norm of the last step
    assert math.isclose(math.sqrt(sum(s.grad_norm ** 2 for s in snap.layers)), snap.grad_norm, rel_tol=1e-9)
    # update ratio ||dW|| / ||W|| with keep_previous
    ratio = stats["layers.1"].update_ratio
    assert 0 < ratio < 1
    # saturation for sigmoid/tanh only; the std-10 sigmoid layer saturates a lot
    assert stats["layers.0"].saturated > 0.5
    assert 0 <= stats["layers.1"].saturated <= 1
    assert math.isnan(stats["layers.3"].saturated)
    assert math.isnan(stats["layers.2.layers.0"].saturated)
    # dead units for ReLU only: a bias of -100 kills every unit
    assert stats["layers.2.layers.0"].dead == 1.0
    assert stats["layers.2.layers.0"].grad_norm == 0.0
    assert 0 <= stats["layers.3"].dead < 1
    assert math.isnan(stats["layers.0"].dead)
    assert math.isnan(stats["layers.2.layers.1"].dead)
    assert stats["layers.4"].kind == "batchnorm"
    assert stats["layers.3"].activation == "relu"
    # copies, not views of the trainer's arrays
    stats["layers.1"].weight[...] = 0.0
    assert np.any(net.named_arrays()["layers.1.weight"] != 0.0)


def test_vanishing_example_gradients_shrink_towards_the_input():
    """The deep sigmoid example: first-layer gradients are orders of magnitude smaller
    than the last layer's; the same depth with ReLU + batch norm or residual blocks is not."""
    def norms(name):
        t = Trainer(json.loads((EXAMPLES / f"{name}.json").read_text()))
        t.run(steps=20)
        return [s.grad_norm for s in t.snapshot().layers if s.kind == "dense"]

    sigmoid = norms("vanishing_sigmoid")
    assert len(sigmoid) == 10
    assert sigmoid[-1] / sigmoid[0] > 1e3
    assert all(a < b for a, b in zip(sigmoid[2:], sigmoid[3:]))  # shrinking layer after layer
    for name in ("deep_relu_batchnorm", "deep_residual"):
        other = norms(name)
        assert len(other) == 10
        assert max(other) / min(other) < 100, name


def test_statistics_describe_the_last_training_batch_not_the_evaluation():
    """Epoch-end evaluation and boundary grids run the network in evaluation mode;
    the activations kept for statistics and the trace stay those of the last batch."""
    from core.project import default_project
    from core.trainer import Trainer

    trainer = Trainer(default_project())
    per_epoch = trainer.steps_per_epoch
    trainer.run(steps=per_epoch - 1)
    trainer.step()  # ends the epoch: evaluates train and validation sets
    tape = trainer.last_tape
    assert tape.training and tape.records[0].a.shape[0] == len(trainer._batches[-1])
    trainer.snapshot(0, boundary=True, neuron_grid=10, predictions=True)
    assert trainer.last_tape is tape
    # nothing of a pass is left on the layers
    for e in trainer.network.entries:
        assert not {"x", "z", "a", "mask", "xhat", "inv_std", "grad_a", "grad_z"} & set(vars(e.layer)), e.path
