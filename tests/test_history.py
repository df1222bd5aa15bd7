"""The history: compact NumPy chunks, bounded memory (older rows thinned, evaluation
rows kept), rows read by number, full resolution on request; and the one loop that
run, iterate, train_project and the command line share."""

from __future__ import annotations

import io
import math
import pickle

import numpy as np
import pytest

from core import history as history_module
from core.history import HISTORY_COLUMNS, History
from core.trainer import Trainer, train_project


def fill(h: History, n: int, eval_every: int = 0, start: int = 0):
    for i in range(start, start + n):
        h.log_step(i + 1, (i + 1) / 10, 0.01, 1.0 / (i + 1))
        if eval_every and (i + 1) % eval_every == 0:
            h.set_last(train_loss=0.5, val_loss=0.6, train_accuracy=0.7, val_accuracy=0.8)


def test_rows_by_number_across_chunks(monkeypatch):
    monkeypatch.setattr(history_module, "CHUNK", 7)
    h = History(max_rows=None)
    fill(h, 30, eval_every=4)
    assert len(h) == 30 and h.held == 30
    all_rows = h.rows()
    np.testing.assert_array_equal(all_rows["step"], np.arange(1, 31))
    for start in (0, 6, 7, 13, 29, 30, 31):
        rows = h.rows(start)
        np.testing.assert_array_equal(rows["step"], np.arange(start + 1, 31))
    assert set(all_rows) == set(HISTORY_COLUMNS)
    evals = np.flatnonzero(~np.isnan(all_rows["val_loss"])) + 1
    np.testing.assert_array_equal(evals, np.arange(4, 31, 4))
    assert h.last("val_loss") == 0.6 and h.last("batch_loss") == 1.0 / 30
    assert h.columns["lr"][-1] == 0.01


def test_set_last_reaches_a_sealed_row(monkeypatch):
    monkeypatch.setattr(history_module, "CHUNK", 5)
    h = History(max_rows=None)
    fill(h, 5)  # exactly one chunk: sealed, nothing open
    h.set_last(val_loss=2.5)
    assert h.rows(4)["val_loss"].tolist() == [2.5]
    assert h.last_row()["val_loss"] == 2.5


def test_bounded_history_thins_older_rows_and_keeps_evaluations(monkeypatch):
    monkeypatch.setattr(history_module, "CHUNK", 64)
    h = History(max_rows=1000)
    fill(h, 200_000, eval_every=50)  # "an hour": thinned over and over
    assert len(h) == 200_000
    assert h.held <= 1000 + 64
    numbers = h.row_numbers()
    assert np.all(np.diff(numbers) > 0)  # in order, each row once
    # the newest half of the limit keeps every step
    np.testing.assert_array_equal(numbers[-500:], np.arange(200_000 - 500, 200_000))
    rows = h.rows()
    np.testing.assert_array_equal(rows["step"], numbers + 1)  # each row's values stay with it
    np.testing.assert_array_equal(rows["batch_loss"], 1.0 / (numbers + 1))
    # the snapshot reader's "rows since" still works on the thinned history
    np.testing.assert_array_equal(h.rows(199_990)["step"], np.arange(199_991, 200_001))


def test_thinning_keeps_sparse_evaluation_rows(monkeypatch):
    monkeypatch.setattr(history_module, "CHUNK", 64)
    h = History(max_rows=1000)
    fill(h, 3000, eval_every=97)
    evals = h.rows()["step"][~np.isnan(h.rows()["val_loss"])]
    np.testing.assert_array_equal(evals, np.arange(97, 3001, 97))


def test_memory_of_a_long_run_is_bounded():
    h = History()  # the default limit
    fill(h, 3 * history_module.DEFAULT_MAX_ROWS)
    assert h.held <= history_module.DEFAULT_MAX_ROWS + history_module.CHUNK
    held_bytes = sum(b.nbytes for b in h._sealed)
    assert held_bytes <= (history_module.DEFAULT_MAX_ROWS + history_module.CHUNK) * 9 * 8


def test_copy_pickle_truncate_and_csv(monkeypatch):
    monkeypatch.setattr(history_module, "CHUNK", 4)
    h = History(max_rows=None)
    fill(h, 10, eval_every=3)
    c = pickle.loads(pickle.dumps(h.copy()))
    for name in HISTORY_COLUMNS:
        np.testing.assert_array_equal(c.rows()[name], h.rows()[name])
    c.log_step(11, 1.1, 0.01, 0.5)
    assert len(c) == 11 and len(h) == 10
    c.truncate(6)
    assert len(c) == 6 and c.rows()["step"].tolist() == [1, 2, 3, 4, 5, 6]
    c.log_step(7, 0.7, 0.01, 0.25)
    assert c.rows(6)["step"].tolist() == [7]
    out = io.StringIO()
    h.write_csv(out)
    lines = out.getvalue().splitlines()
    assert lines[0] == ",".join(HISTORY_COLUMNS)
    assert lines[1] == "1,0.1,0.01,1.0,,,,"
    assert lines[3] == "3,0.3,0.01,0.3333333333333333,0.5,0.6,0.7,0.8"
    assert len(lines) == 11


def project(**training):
    return {
        "format": "backprop-lab/1",
        "seed": 5,
        "data": {"source": "xor", "samples": 80, "validation_split": 0.25},
        "network": {
            "layers": [
                {"type": "dense", "units": 6, "activation": "tanh"},
                {"type": "dropout", "rate": 0.2},
                {"type": "dense", "units": 1, "activation": "sigmoid"},
            ]
        },
        "loss": "bce",
        "optimizer": {"name": "adam", "lr": 0.02},
        "training": {"batch_size": 12, "epochs": 3, **training},
    }


def test_one_loop_behind_run_iterate_train_project_and_cli(tmp_path):
    a = Trainer(project())
    a.run()
    b = Trainer(project())
    snaps = list(b.iterate(steps=a.step_count, snapshot_every=4))
    report, weights = train_project(project())
    for name, value in a.network.named_arrays().items():
        np.testing.assert_array_equal(value, b.network.named_arrays()[name])
        np.testing.assert_array_equal(value, weights[name])
    assert report["steps"] == a.step_count == b.step_count == 3 * a.steps_per_epoch
    # the history rows arrive once each, in order, and the last row is evaluated
    steps = np.concatenate([s.history["step"] for s in snaps])
    np.testing.assert_array_equal(steps, np.arange(1, a.step_count + 1))
    assert not math.isnan(b.history.last_row()["val_loss"])
    # snapshots after a kept step have an update ratio
    assert all(math.isfinite(s.layers[0].update_ratio) for s in snaps[:-1])

    from core.cli import main

    path = tmp_path / "p.json"
    import json

    path.write_text(json.dumps(project()))
    out = tmp_path / "w.npz"
    hist = tmp_path / "h.csv"
    assert main(["train", str(path), "--quiet", "--save-weights", str(out), "--history", str(hist)]) == 0
    saved = np.load(out)
    for name, value in a.network.named_arrays().items():
        np.testing.assert_array_equal(value, saved[name])
    assert len(hist.read_text().splitlines()) == a.step_count + 1


def test_training_steps_stop_mid_epoch_and_evaluate_the_last_row():
    t = Trainer(project())
    done = list(t.training_steps(steps=5))
    assert done == [1, 2, 3, 4, 5]
    assert not math.isnan(t.history.last_row()["train_loss"])  # filled in at the end of the loop
    # closing the generator early (a consumer that stops) leaves a consistent trainer
    loop = t.training_steps(steps=100)
    next(loop)
    loop.close()
    assert t.step_count == 6


def test_cli_history_keeps_every_row(monkeypatch, tmp_path):
    """The --history file gets every row even when a run is longer than the limit."""
    import json

    from core.cli import main

    monkeypatch.setattr(history_module, "DEFAULT_MAX_ROWS", 16)
    monkeypatch.setattr(history_module, "CHUNK", 4)
    import core.trainer as trainer_module

    monkeypatch.setattr(trainer_module, "DEFAULT_MAX_ROWS", 16)
    path = tmp_path / "p.json"
    path.write_text(json.dumps(project(epochs=10)))
    hist = tmp_path / "h.csv"
    assert main(["train", str(path), "--quiet", "--history", str(hist)]) == 0
    rows = hist.read_text().splitlines()[1:]
    assert [int(r.split(",")[0]) for r in rows] == list(range(1, len(rows) + 1))
    assert len(rows) == 10 * Trainer(project()).steps_per_epoch
    t = Trainer(project(epochs=10))
    t.run()
    assert t.history.held < len(t.history)  # the default keeps memory bounded


@pytest.mark.parametrize("full", [False, True])
def test_full_history_option(full, monkeypatch):
    import core.trainer as trainer_module

    monkeypatch.setattr(history_module, "CHUNK", 4)
    monkeypatch.setattr(trainer_module, "DEFAULT_MAX_ROWS", 16)
    t = Trainer(project(epochs=10), full_history=full)
    t.run()
    assert (t.history.held == len(t.history)) is full
