"""core.descent_compare: batch, stochastic and mini-batch runs from bit-identical weights,
each equal to a plain Trainer run with its batch size."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from core.descent_compare import (
    WeightRef,
    compare_descent,
    descent_plan,
    descent_project,
    weight_choices,
)
from core.project import default_project
from core.registry import ConfigError
from core.trainer import Trainer


def small_project(**training):
    p = default_project()
    p["data"]["samples"] = 60
    p["network"]["layers"][0]["units"] = 4
    p["network"]["layers"][1]["units"] = 3
    p["training"].update({"epochs": 3, "batch_size": 8, **training})
    return p


def test_plan_uses_the_projects_batch_size_or_32():
    assert descent_plan(small_project()) == [("batch", None), ("stochastic", 1), ("mini-batch", 8)]
    assert descent_plan(small_project(batch_size=None))[2] == ("mini-batch", 32)
    assert descent_plan(small_project(), 5)[2] == ("mini-batch", 5)
    with pytest.raises(ConfigError, match="descent.mini_batch"):
        descent_plan(small_project(), 1)


def test_three_runs_start_identical_and_equal_plain_trainer_runs():
    project = small_project()
    refs = (WeightRef("layers.0.weight", (0, 0)), WeightRef("layers.0.weight", (0, 1)))
    result = compare_descent(project, weights=refs)
    assert not result.cancelled and [r.kind for r in result.runs] == ["batch", "stochastic", "mini-batch"]
    first = result.runs[0].initial
    for run in result.runs:
        assert run.error is None
        assert run.initial.keys() == first.keys()
        for name, value in first.items():
            assert np.array_equal(run.initial[name], value)  # bit-identical starts
        assert list(run.epochs_done) == [0, 1, 2, 3]  # the same number of epochs, after the common start
        assert run.train_loss[0] == result.runs[0].train_loss[0]
        plain = Trainer(descent_project(project, run.batch_size, 3), full_history=True)
        plain.run(epochs=3)
        assert len(run.steps) == plain.step_count == 3 * plain.steps_per_epoch
        cols = plain.history.columns
        assert np.array_equal(run.batch_loss, cols["batch_loss"])
        ends = ~np.isnan(cols["train_loss"])
        assert np.array_equal(run.train_loss[1:], cols["train_loss"][ends])
        assert np.array_equal(run.val_loss[1:], cols["val_loss"][ends])
        for name, value in plain.network.copy_arrays().items():
            assert np.array_equal(run.final[name], value)
        w = plain.network.copy_arrays()["layers.0.weight"]
        assert run.path.shape == (len(run.steps) + 1, 2)
        assert tuple(run.path[-1]) == (w[0, 0], w[0, 1])
        assert tuple(run.path[0]) == (first["layers.0.weight"][0, 0], first["layers.0.weight"][0, 1])
        assert np.all(np.diff(run.seconds) >= 0) and run.wall_time >= run.seconds[-1]
    steps = [len(r.steps) for r in result.runs]
    assert steps == [3, 3 * 48, 3 * 6]  # 48 training rows: 1, 48 and 6 steps an epoch


def test_same_number_of_updates_and_float32():
    project = small_project(dtype="float32")
    result = compare_descent(project, budget="steps", amount=5)
    assert [len(r.steps) for r in result.runs] == [5, 5, 5]
    assert result.runs[0].epochs_done.tolist() == [0, 1, 2, 3, 4, 5]  # 5 full-batch steps are 5 epochs
    assert result.runs[1].epochs_done.tolist() == [0]  # 5 of 48 rows: no epoch ended
    assert result.runs[0].initial["layers.0.weight"].dtype == np.float32


def test_progress_and_cancel():
    cancel = threading.Event()
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done >= 20:
            cancel.set()

    result = compare_descent(small_project(), cancel=cancel, progress=progress)
    assert result.cancelled
    assert seen[-1][1] == 3 + 144 + 18
    assert result.runs[1].steps.size < 144 and result.runs[2].steps.size == 0


def test_batch_norm_with_one_row_reports_that_run_only():
    project = small_project()
    project["network"]["layers"].insert(1, {"type": "batchnorm"})
    result = compare_descent(project, amount=1)
    assert "batch norm" in result.runs[1].error and result.runs[1].steps.size == 0
    assert result.runs[0].error is None and result.runs[2].error is None and len(result.runs[2].steps) == 6


def test_weight_choices_follow_the_spec_shapes():
    refs = weight_choices(small_project()["network"]["layers"], 2, limit=10)
    assert refs[0] == WeightRef("layers.0.weight", (0, 0)) and refs[1].label == "layers.0.weight[0, 1]"
    assert len(refs) == 10
    with pytest.raises(ConfigError, match="descent.weights"):
        compare_descent(small_project(), weights=(WeightRef("nope", (0,)), WeightRef("nope", (0,))))
