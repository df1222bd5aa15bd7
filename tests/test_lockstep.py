"""The lock-step race: variants of one project start from the same weights, see the same
batches step for step, equal plain Trainer runs, and a diverging one does not stop the others."""

from __future__ import annotations

import numpy as np
import pytest

from core.lockstep import LockstepRace, make_variant
from core.registry import ConfigError
from core.trainer import Trainer


def project(dtype="float64") -> dict:
    return {
        "format": "backprop-lab/1",
        "seed": 3,
        "data": {"source": "moons", "samples": 90, "noise": 0.1, "validation_split": 0.2},
        "network": {
            "layers": [
                {"type": "dense", "units": 6, "activation": "tanh"},
                {"type": "dropout", "rate": 0.2},
                {"type": "dense", "units": 5, "activation": "relu"},
                {"type": "dense", "units": 1, "activation": "sigmoid"},
            ]
        },
        "loss": "bce",
        "optimizer": {"name": "sgd", "lr": 0.2, "momentum": 0.5},
        "training": {"batch_size": 8, "epochs": 3, "shuffle": True, "dtype": dtype},
    }


def batches_seen(trainer, steps, sink):
    """Step ``trainer`` and append the batch index array of each step to ``sink``."""
    for _ in range(steps):
        trainer.step()
        sink.append(trainer._batches[trainer._pos - 1].copy())


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_an_unchanged_variant_equals_the_main_trainer_and_twins_are_identical(dtype):
    p = project(dtype)
    same = make_variant(p, "custom", "training.shuffle=true")
    twins = [make_variant(p, "baseline", ""), make_variant(p, "baseline", ""), same]
    race = LockstepRace(p, twins, grid=12)
    plain = Trainer(p)
    assert plain.network.flat.dtype == np.dtype(dtype)
    for chunk in (1, 4, 20):  # across epoch ends (9 steps per epoch)
        frames = race.step(chunk)
        for _ in range(chunk):
            plain.step()
        for tr in race.trainers:
            np.testing.assert_array_equal(tr.network.flat, plain.network.flat)  # bit-identical weights
            assert tr.network.flat.dtype == np.dtype(dtype)
        assert [f.snapshot.step for f in frames] == [plain.step_count] * 3
    a, b, c = race.frames()
    for f in (a, b, c):
        assert f.start == "shared" and f.same_data and f.stopped is None
    np.testing.assert_array_equal(a.snapshot.boundary.values, b.snapshot.boundary.values)
    np.testing.assert_array_equal(a.snapshot.boundary.values, plain.boundary(12).values)
    for x, y in zip(a.snapshot.layers, b.snapshot.layers):
        np.testing.assert_array_equal(x.grad_log_hist.counts, y.grad_log_hist.counts)
    assert a.metrics == b.metrics == {k: float(v) for k, v in plain.evaluate().items()}
    cols = plain.history.columns
    for tr in race.trainers:  # the frames' extra evaluations change nothing
        np.testing.assert_array_equal(tr.history.columns["batch_loss"], cols["batch_loss"])
        np.testing.assert_array_equal(tr.history.columns["val_loss"], cols["val_loss"])


def test_same_start_same_batches_and_what_same_batches_means_for_batch_sizes():
    p = project()
    variants = [
        make_variant(p, "optimizer", "adam lr=0.01"),
        make_variant(p, "activation", "elu", layer=1),
        make_variant(p, "batch_size", "24"),
        make_variant(p, "width", "9"),
    ]
    race = LockstepRace(p, variants, grid=0, evaluate=False)
    start = Trainer(p).network.copy_arrays()
    adam, elu, big, wide = race.runs
    assert [r.start for r in race.runs] == ["shared", "shared", "shared", "seed_shapes"]
    for run in (adam, elu, big):
        for key, value in start.items():
            np.testing.assert_array_equal(run.trainer.network.named_arrays()[key], value)
    assert wide.trainer.network.named_arrays()["layers.0.weight"].shape == (9, 2)
    seen = [[] for _ in race.runs]
    for _ in range(27):  # three epochs of batches of 8
        race.step(1)
        for run, sink in zip(race.runs, seen):
            sink.append(run.trainer._batches[run.trainer._pos - 1].copy())
    for sink in seen[1:]:
        if len(sink[0]) == 8:
            for x, y in zip(sink, seen[0]):
                np.testing.assert_array_equal(x, y)  # the same batch at every step
    # batches of 24: the same row order in every epoch, cut into larger batches
    n = len(adam.trainer.x_train)
    small, large = np.concatenate(seen[0]), np.concatenate(seen[2])
    epochs = 3
    np.testing.assert_array_equal(small[: epochs * n], large[: epochs * n])
    assert big.trainer.epoch > adam.trainer.epoch  # further along in the same sequence of epochs
    # an init variant draws its own weights with the same seed; so does the row
    init = LockstepRace(p, [make_variant(p, "baseline", ""), make_variant(p, "init", "he_normal")], grid=0)
    assert [r.start for r in init.runs] == ["shared", "seed_init"]
    same = Trainer(
        {
            **p,
            "network": {
                "layers": [
                    dict(lay, init="he_normal") if lay["type"] == "dense" else lay for lay in p["network"]["layers"]
                ]
            },
        }
    )
    np.testing.assert_array_equal(init.runs[1].trainer.network.flat, same.network.flat)


def test_start_from_given_weights():
    p = project()
    tr = Trainer(p)
    tr.run(steps=7)
    weights = tr.network.copy_arrays()
    race = LockstepRace(p, [make_variant(p, "baseline", ""), make_variant(p, "width", "3")], weights=weights)
    np.testing.assert_array_equal(race.runs[0].trainer.network.flat, tr.network.flat)
    assert race.runs[1].start == "seed_shapes"
    other = LockstepRace(p, [make_variant(p, "baseline", ""), make_variant(p, "custom", "training.shuffle=false")])
    assert [r.same_data for r in other.runs] == [True, False]  # the window says: other batches


def test_a_diverging_variant_stops_and_the_others_go_on():
    p = project()
    race = LockstepRace(p, [make_variant(p, "optimizer", "sgd lr=1e300"), make_variant(p, "baseline", "")])
    frames = race.step(15)
    bad, good = frames
    assert bad.stopped == "diverged" and bad.code and bad.message and bad.snapshot.step < 15
    assert good.stopped is None and good.snapshot.step == 15 and race.steps == 15
    assert race.step(3)[1].snapshot.step == 18
    assert race.frames()[0] is race.frames()[0]  # a stopped variant is described once


@pytest.mark.parametrize(
    "kind, value, layer, code",
    [
        ("width", "x", None, "lockstep_bad_integer"),
        ("width", "0", None, "lockstep_bad_integer"),
        ("batch_size", "2.5", None, "lockstep_bad_integer"),
        ("optimizer", "", None, "lockstep_empty"),
        ("optimizer", "nadam", None, "unknown_value"),
        ("activation", "relu", 5, "lockstep_no_layer"),
        ("custom", "optimizer.lr", None, "lockstep_bad_assignment"),
        ("custom", "optimizer.lr=-1", None, "out_of_range"),
        ("custom", "nothing.here=1", None, "unknown_key"),
        ("colour", "red", None, "unknown_value"),
    ],
)
def test_bad_variants_name_the_problem(kind, value, layer, code):
    with pytest.raises(ConfigError) as info:
        make_variant(project(), kind, value, layer)
    assert info.value.code == code, str(info.value)


def test_variant_values():
    p = project()
    v = make_variant(p, "optimizer", "adam betas=[0.8, 0.9]")
    assert v.overrides == (("optimizer", {"name": "adam", "betas": [0.8, 0.9], "lr": 0.2}),)
    v = make_variant(p, "activation", "leaky_relu negative_slope=0.1")
    assert [path for path, _ in v.overrides] == ["network.layers.0.activation", "network.layers.2.activation"]
    assert make_variant(p, "init", "orthogonal").overrides[-1][0] == "network.layers.3.init"
    assert make_variant(p, "width", "4", layer=1).overrides == (("network.layers.2.units", 4),)
    assert make_variant(p, "batch_size", "full").overrides == (("training.batch_size", None),)
    v = make_variant(p, "custom", "optimizer.lr=0.01; training.grad_clip=1")
    assert v.overrides == (("optimizer.lr", 0.01), ("training.grad_clip", 1))
    with pytest.raises(ConfigError, match="variants"):
        LockstepRace(p, [v])


# ---- the window


def test_window_plays_pauses_and_a_diverging_variant_does_not_stop_the_others(window, qtbot):
    window.actions_by_name["lockstep_race"].trigger()
    view = window.lockstep_window
    assert len(view.columns) == 3 and view.thread is not None
    view.speed.setValue(3)
    column = view.add_column("optimizer", "sgd lr=1e300")
    assert len(view.columns) == 4 and not view.add_button.isEnabled()
    # the default network's tanh saturates; with ReLU a huge step overflows
    column.kind.setCurrentIndex(column.kind.findData("custom"))
    column.value.setEditText(
        'optimizer={"name": "sgd", "lr": 1e300}; network.layers.0.activation=relu; network.layers.1.activation=relu'
    )
    view.rebuild()
    qtbot.waitUntil(
        lambda: view.thread is not None and view.steps == 0 and view.columns[3].info is not None, timeout=10000
    )
    view.play()
    assert view.playing and view.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: view.steps >= 12, timeout=20000)
    view.pause()
    assert not view.playing
    qtbot.wait(100)
    steps = view.steps
    qtbot.wait(300)
    assert view.steps == steps  # paused
    assert column.problem.isVisible() and column.problem.text()
    assert all(not c.problem.isVisible() for c in view.columns[:3])
    assert all(f"step {steps}" in c.status.text() for c in view.columns[:3])
    assert len(view._series[0]["batch_loss"]) == steps
    view.step_once()
    qtbot.waitUntil(lambda: view.steps == steps + 1, timeout=5000)
    # a bad value is said in its column and nothing runs
    view.columns[1].kind.setCurrentIndex(view.columns[1].kind.findData("width"))
    view.columns[1].value.setEditText("many")
    view.rebuild()
    assert view.thread is None and view.columns[1].problem.isVisible() and not view.play_button.isEnabled()
    view.columns[1].value.setEditText("3")
    view.rebuild()
    assert view.thread is not None
    view.remove_column(view.columns[3])
    assert len(view.columns) == 3
    view.axis.setCurrentIndex(view.axis.findData("epoch"))
    assert view.loss_plot.getAxis("bottom").labelText == "epoch"
    view.start.setCurrentIndex(view.start.findData("current"))  # asks the training process for its weights
    qtbot.waitUntil(lambda: view.thread is not None and all(c.info is not None for c in view.columns), timeout=10000)
    qtbot.waitUntil(lambda: "same initial weights" in view.columns[0].start_note.text(), timeout=5000)
    thread = view.thread
    view.close()
    assert view.thread is None and not thread.isRunning()
