"""The training session loop (what the app's training process runs), driven directly."""

from __future__ import annotations

import os

import numpy as np

from core.project import default_project, load_project
from core.session import Session
from core.trainer import Snapshot, Trainer

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "examples")


def drive(script):
    """Run a session on ``script``: commands, or ``("idle", n)`` for n empty polls."""
    sent = []
    session = Session(sent.append, snapshot_rate=1000.0)
    queue = []
    for item in script:
        queue.extend([None] * item[1] if item[0] == "idle" else [item])
    queue.append(("quit",))

    def poll(_timeout):
        return queue.pop(0) if queue else ("quit",)

    session.run(poll)
    return session, sent


def kinds(sent, kind):
    return [payload for k, _gen, payload in sent if k == kind]


def test_rebuild_step_query_and_hyperparameters():
    project = default_project()
    session, sent = drive([
        ("rebuild", 1, project, ".", None),
        ("step", 5), ("idle", 10),
        ("hyper", "lr", 0.001),
        ("query", 7, "step_count", ()),
        ("query", 8, "optimizer.group", ()),
        ("query", 9, "no_such_thing", ()),
    ])
    assert kinds(sent, "built")[0].layers[0].path == "layers.0"
    snaps = kinds(sent, "snapshot")
    assert all(isinstance(s, Snapshot) for s in snaps)
    assert snaps[-1].step == 5  # the last step of "step 5" is always shown
    results = {qid: (value, error) for qid, value, error in kinds(sent, "result")}
    assert results[7] == (5, None)
    assert results[8][0]["lr"] == 0.001
    assert isinstance(results[9][1], AttributeError)
    # the session trains exactly what a trainer alone would
    alone = Trainer(project)
    alone.run(steps=5)
    np.testing.assert_array_equal(session.trainer.network.flat, alone.network.flat)


def test_history_rows_arrive_once_and_in_order():
    _session, sent = drive([("rebuild", 1, default_project(), ".", None), ("step", 30), ("idle", 40)])
    rows = []
    for snap in kinds(sent, "snapshot"):
        assert snap.history_start == len(rows)
        rows.extend(snap.history["step"].tolist())
    assert rows == list(range(1, 31))


def test_a_bad_project_fails_with_a_message_and_nothing_runs():
    project = default_project()
    project["network"]["layers"][-1]["units"] = 3
    session, sent = drive([("rebuild", 4, project, ".", None), ("play",), ("idle", 3)])
    assert session.trainer is None
    (message,) = kinds(sent, "failed")
    assert "network.layers[2].units" in message
    assert not kinds(sent, "snapshot")


def test_play_stops_after_the_planned_epochs():
    project = default_project()
    project["training"]["epochs"] = 2
    session, sent = drive([("rebuild", 1, project, ".", None), ("play",), ("idle", 200)])
    assert session.trainer.epoch == 2
    assert any("Finished 2 epochs" in m for m in kinds(sent, "info"))
    assert kinds(sent, "playing")[-1] is False


def test_divergence_pauses_with_the_step_and_layer():
    project = load_project(os.path.join(EXAMPLES, "exploding_init.json"))
    session, sent = drive([("rebuild", 1, project, ".", None), ("play",), ("idle", 300)])
    failed = kinds(sent, "failed")
    assert failed and "at step" in failed[0] and "network.layers[" in failed[0]
    assert session.trainer.finished and not session.playing


def test_trainer_iterate_yields_snapshots():
    trainer = Trainer(default_project())
    snaps = list(trainer.iterate(steps=25, snapshot_every=10))
    assert [s.step for s in snaps] == [10, 20, 25]
    assert sum(len(s.history["step"]) for s in snaps) == 25


def test_update_ratios_are_measured_for_the_snapshots_taken_while_playing():
    """The weights before a step are copied only when a snapshot may follow it."""
    project = default_project()
    project["training"]["epochs"] = 3
    _session, sent = drive([("rebuild", 1, project, ".", None), ("play",), ("idle", 400)])
    played = [s for s in kinds(sent, "snapshot") if s.step > 0]
    assert played
    assert all(np.isfinite(layer.update_ratio) for s in played[:-1] for layer in s.layers)
