"""Compare optimizers: every run starts from bit-identical weights, sees the same batches,
and equals a plain Trainer run of the project with that optimizer."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from core.compare import compare_optimizers
from core.registry import ConfigError
from core.trainer import Trainer

SPECS = [{"name": "sgd", "lr": 0.1}, {"name": "sgd", "lr": 0.1, "momentum": 0.9}, {"name": "adam", "lr": 0.01}]


def project(dtype="float64") -> dict:
    return {
        "format": "backprop-lab/1",
        "seed": 4,
        "data": {"source": "moons", "samples": 80, "noise": 0.1, "validation_split": 0.25},
        "network": {
            "layers": [
                {"type": "dense", "units": 6, "activation": "tanh"},
                {"type": "dense", "units": 1, "activation": "sigmoid"},
            ]
        },
        "loss": "bce",
        "optimizer": {"name": "adagrad", "lr": 0.5},
        "training": {"batch_size": 16, "epochs": 3, "shuffle": True, "dtype": dtype},
    }


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_same_start_same_batches_and_equal_to_plain_runs(dtype):
    result = compare_optimizers(project(dtype), SPECS, record_batches=True)
    assert not result.cancelled and result.steps == 3 * 4  # 60 training rows, batches of 16
    first = result.runs[0]
    for run in result.runs:
        assert run.steps == result.steps and run.message is None
        assert len(run.batches) == result.steps
        for a, b in zip(run.batches, first.batches):
            np.testing.assert_array_equal(a, b)  # the same batch at every step
    assert [r.label for r in result.runs] == ["sgd lr=0.1", "sgd momentum=0.9 lr=0.1", "adam lr=0.01"]
    for spec, run in zip(SPECS, result.runs):
        plain = Trainer({**project(dtype), "optimizer": spec})
        for key, value in plain.network.copy_arrays().items():
            np.testing.assert_array_equal(run.initial[key], value)  # bit-identical start
        seen = []
        for _ in range(result.steps):
            plain.step()
            seen.append(plain._batches[plain._pos - 1].copy())
        plain.evaluate_last_row()
        for a, b in zip(seen, first.batches):
            np.testing.assert_array_equal(a, b)
        cols = plain.history.columns
        for name in ("batch_loss", "train_loss", "val_loss", "val_accuracy"):
            np.testing.assert_array_equal(run.history[name], cols[name], err_msg=name)
        assert run.boundary is not None
        np.testing.assert_array_equal(run.boundary.values, plain.boundary(40).values)
    # the optimizers differ, so the runs do
    assert result.runs[0].history["batch_loss"][-1] != result.runs[2].history["batch_loss"][-1]


def test_start_from_given_weights_cancel_progress_and_bad_spec():
    tr = Trainer(project())
    tr.run(steps=5)
    weights = tr.network.copy_arrays()
    calls = []
    cancel = threading.Event()

    def progress(done, total):
        calls.append((done, total))
        cancel.set()

    result = compare_optimizers(
        project(), SPECS[:2], steps=400, weights=weights, progress=progress, cancel=cancel, record_batches=True
    )
    assert result.cancelled and calls and all(r.steps < 400 for r in result.runs)
    for key, value in weights.items():
        np.testing.assert_array_equal(result.runs[0].initial[key], value)
    with pytest.raises(ConfigError, match=r"optimizers\[1\]: optimizer.lr"):
        compare_optimizers(project(), [SPECS[0], {"name": "adam", "lr": -1}])


def test_a_diverging_run_stops_and_the_others_go_on():
    specs = [{"name": "sgd", "lr": 1e300}, {"name": "adam", "lr": 0.01}]
    spec = project()
    spec["network"]["layers"][0]["activation"] = "relu"
    result = compare_optimizers(spec, specs, steps=20)
    bad, good = result.runs
    assert bad.message and bad.steps < 20 and good.steps == 20 and good.message is None


# ---- the window


def test_compare_window_runs_in_the_background_and_draws_each_optimizer(window, qtbot):
    training = dict(window.doc.project["training"], epochs=2)
    assert window.edit("training", training, "epochs")
    window.actions_by_name["compare_optimizers"].trigger()
    view = window.compare_window
    assert [r.spec()["name"] for r in view.rows] == ["adam", "sgd", "sgd"] and view.epochs.value() == 2
    view.run()
    qtbot.waitUntil(lambda: view.result is not None and view.thread is None, timeout=30000)
    result = view.result
    assert len(result.runs) == 3 and not result.cancelled
    assert len(view.loss_plot.listDataItems()) >= 3
    assert len(view.boundaries.ci.items) == 3
    plain = Trainer({**window.doc.project, "optimizer": view.rows[1].spec()}, base_dir=window.doc.base_dir)
    plain.run(steps=result.steps)
    np.testing.assert_array_equal(result.runs[1].history["batch_loss"], plain.history.columns["batch_loss"])
    view.close()
