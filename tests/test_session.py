"""The training session loop (what the app's training process runs), driven directly."""

from __future__ import annotations

import os
import pickle

import numpy as np
import pytest

from core import protocol as P
from core.project import default_project, load_project
from core.session import QUERIES, Session, UnknownQuery, coalesce, serve
from core.trainer import Snapshot, Trainer

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "examples")


def drive(script, session=None, test_hooks=False):
    """Run a session on ``script``: commands, or ``("idle", n)`` for n empty polls."""
    sent = [] if session is None else session.sent
    if session is None:
        session = Session(sent.append, snapshot_rate=1e6, test_hooks=test_hooks)
        session.sent = sent
    queue = []
    for item in script:
        queue.extend([None] * item[1] if isinstance(item, tuple) and item[0] == "idle" else [item])
    queue.append(P.Quit())

    def poll(_timeout):
        return queue.pop(0) if queue else P.Quit()

    session.quit = False
    session.run(poll)
    return session, sent


def of(sent, kind):
    return [m for m in sent if isinstance(m, kind)]


def results(sent):
    return {m.id: (m.value, m.error) for m in of(sent, P.Result)}


def test_every_command_and_message_survives_pickling():
    project = default_project()
    samples = [
        P.Rebuild(1, project, ".", True, None),
        P.Play(),
        P.Pause(),
        P.Step(3),
        P.StepEpoch(),
        P.SetHyper("lr", 0.1),
        P.SetOption("epochs", 5),
        P.Speed(None),
        P.Query(1, "weights", ()),
        P.Drawn(),
        P.Quit(),
        P.Playing(1, True),
        P.Failed(1, "x", "config_error", {"a": 1}),
        P.Info(1, "i"),
        P.Rate(1, 2.0),
        P.Result(1, 5, None),
        P.Crashed("boom"),
        P.Bye(),
        P.Result(2, None, P.RemoteError("text", "Kind")),
    ]
    for message in samples:
        again = pickle.loads(pickle.dumps(message))
        if isinstance(message, P.Result) and message.error is not None:
            assert str(again.error) == "text" and again.error.type_name == "Kind"
        else:
            assert again == message


def test_rebuild_step_query_and_hyperparameters():
    project = default_project()
    session, sent = drive(
        [
            P.Rebuild(1, project),
            P.Step(5),
            ("idle", 10),
            P.SetHyper("lr", 0.001),
            P.Query(7, "step_count"),
            P.Query(8, "optimizer.group"),  # an old name, mapped onto the table
            P.Query(9, "no_such_thing"),
            P.Query(10, "network.__class__"),  # no attribute paths
        ]
    )
    (built,) = of(sent, P.Built)
    assert built.gen == 1 and built.info.layers[0].path == "layers.0" and not built.weights_kept
    snaps = [m.snapshot for m in of(sent, P.SnapshotMsg)]
    assert all(isinstance(s, Snapshot) for s in snaps)
    assert snaps[-1].step == 5  # the last step of "step 5" is always shown
    answers = results(sent)
    assert answers[7] == (5, None)
    assert answers[8][0]["lr"] == 0.001
    assert isinstance(answers[9][1], UnknownQuery) and "no_such_thing" in str(answers[9][1])
    assert "weights" in str(answers[9][1])  # the known names are listed
    assert isinstance(answers[10][1], UnknownQuery)
    # the session trains exactly what a trainer alone would
    alone = Trainer(project)
    alone.run(steps=5)
    np.testing.assert_array_equal(session.trainer.network.flat, alone.network.flat)


def test_named_queries():
    project = default_project()
    session, sent = drive(
        [
            P.Rebuild(1, project),
            P.Step(3),
            ("idle", 5),
            P.Query(1, "weights"),
            P.Query(2, "history_rows", (1,)),
            P.Query(3, "history_csv"),
            P.Query(4, "report"),
            P.Query(5, "trace_example", (2,)),
            P.Query(6, "state"),
            P.Query(7, "epoch"),
            P.Query(8, "history.copy"),
            P.Query(9, "trace_example", (10**6,)),
        ]
    )
    answers = results(sent)
    assert all(answers[i][1] is None for i in range(1, 9)), answers
    weights = answers[1][0]
    assert set(weights) == set(session.trainer.network.copy_arrays())
    assert answers[2][0]["step"].tolist() == [2, 3]
    assert answers[3][0].splitlines()[0].startswith("step,epoch,lr")
    assert len(answers[3][0].splitlines()) == 4
    assert answers[4][0]["steps"] == 3
    assert len(answers[5][0]["layers"]) == len([layer for layer in project["network"]["layers"]])
    assert answers[6][0]["step_count"] == 3
    assert len(answers[8][0]) == 3
    assert "index" in str(answers[9][1])
    # load_weights and set_state change what is drawn: a snapshot follows
    before = len(of(sent, P.SnapshotMsg))
    state = answers[6][0]
    zeros = {k: np.zeros_like(v) for k, v in weights.items()}
    drive(
        [
            P.Drawn(),
            P.Query(10, "load_weights", (zeros,)),
            ("idle", 2),
            P.Drawn(),
            P.Query(11, "network.load_arrays", ({"nope": 1},)),
            P.Query(12, "set_state", (state,)),
            ("idle", 2),
        ],
        session,
    )
    answers = results(sent)
    assert answers[10] == (None, None)
    assert "unexpected array 'nope'" in str(answers[11][1])
    assert answers[12] == (None, None)
    snaps = [m.snapshot for m in of(sent, P.SnapshotMsg)][before:]
    assert len(snaps) == 2
    assert np.all(snaps[0].layers[0].weight == 0)
    np.testing.assert_array_equal(session.trainer.network.copy_arrays()["layers.0.weight"], weights["layers.0.weight"])


def test_queries_without_a_network_fail_clearly():
    project = default_project()
    project["network"]["layers"][-1]["units"] = 3
    _session, sent = drive([P.Rebuild(1, project), P.Query(1, "weights")])
    assert "no network is built" in str(results(sent)[1][1])


def test_every_query_name_is_documented_in_the_table():
    assert {
        "weights",
        "load_weights",
        "step_count",
        "history_csv",
        "history_rows",
        "report",
        "trace_example",
        "state",
        "set_state",
    } <= set(QUERIES)


def test_history_rows_arrive_once_and_in_order():
    _session, sent = drive([P.Rebuild(1, default_project()), P.Step(30), ("idle", 40)])
    rows = []
    for snap in (m.snapshot for m in of(sent, P.SnapshotMsg)):
        assert snap.history_start == len(rows)
        rows.extend(snap.history["step"].tolist())
    assert rows == list(range(1, 31))


def test_a_bad_project_fails_with_a_message_and_nothing_runs():
    project = default_project()
    project["network"]["layers"][-1]["units"] = 3
    session, sent = drive([P.Rebuild(4, project), P.Play(), ("idle", 3)])
    assert session.trainer is None
    (failed,) = of(sent, P.Failed)
    assert failed.gen == 4 and "network.layers[2].units" in failed.text and failed.code == "config_error"
    assert not of(sent, P.SnapshotMsg)


@pytest.mark.parametrize(
    "error",
    [
        OverflowError("int too large to convert to float"),
        ZeroDivisionError("division"),
        EOFError("Compressed file ended"),
        MemoryError(),
        KeyError("x"),
        RecursionError("maximum recursion depth exceeded"),
    ],
)
def test_any_exception_while_building_is_reported_and_the_session_keeps_serving(monkeypatch, error):
    import core.session as session_module

    real = session_module.Trainer

    def broken(project, base_dir="."):
        if project.get("name") == "broken":
            raise error
        return real(project, base_dir=base_dir)

    monkeypatch.setattr(session_module, "Trainer", broken)
    bad = dict(default_project(), name="broken")
    session, sent = drive(
        [
            P.Rebuild(1, bad),
            P.Play(),
            ("idle", 2),
            P.Rebuild(2, default_project()),
            P.Step(2),
            ("idle", 5),
            P.Query(1, "step_count"),
        ]
    )
    (failed,) = of(sent, P.Failed)
    assert failed.gen == 1 and failed.text.startswith("The project could not be built")
    assert failed.code == ("out_of_memory" if isinstance(error, MemoryError) else "internal_error")
    assert failed.args["type"] == type(error).__name__
    assert "Traceback" not in failed.text
    assert [m.gen for m in of(sent, P.Built)] == [2]
    assert results(sent)[1] == (2, None)


@pytest.mark.parametrize("kind", ["ValueError", "ZeroDivisionError", "MemoryError", "EOFError"])
def test_an_exception_in_a_step_pauses_and_reports(kind):
    session, sent = drive(
        [
            P.Rebuild(1, default_project()),
            P.Step(2),
            ("idle", 4),
            P.Query(1, "test_raise_in_next_step", (kind,)),
            P.Play(),
            ("idle", 20),
            P.Query(2, "step_count"),
        ],
        test_hooks=True,
    )
    (failed,) = of(sent, P.Failed)
    assert failed.code == ("out_of_memory" if kind == "MemoryError" else "internal_error")
    assert failed.text.startswith("Training paused: step 3 failed")
    assert kind in failed.text or kind == "MemoryError"
    assert not session.playing and of(sent, P.Playing)[-1].playing is False
    assert results(sent)[2] == (2, None)  # nothing half-done
    # and it trains on when asked
    drive([P.Step(3), ("idle", 5), P.Query(3, "step_count")], session)
    assert results(sent)[3] == (5, None)


def test_test_hooks_are_off_unless_enabled():
    _session, sent = drive([P.Rebuild(1, default_project()), P.Query(1, "test_raise_in_next_step")])
    assert isinstance(results(sent)[1][1], UnknownQuery)


def test_an_exception_in_a_snapshot_pauses_and_reports(monkeypatch):
    project = default_project()
    session, sent = drive([P.Rebuild(1, project), ("idle", 2)])

    def broken(*args, **kwargs):
        raise ValueError("'list' argument must have no negative elements")

    monkeypatch.setattr(session.trainer, "snapshot", broken)
    drive([P.Drawn(), P.Play(), ("idle", 30), P.Query(1, "step_count")], session)
    failed = of(sent, P.Failed)
    assert failed and failed[0].code == "internal_error"
    assert "could not be computed" in failed[0].text and "negative elements" in failed[0].text
    assert not session.playing
    assert results(sent)[1][0] >= 1


def test_huge_weights_never_end_the_session():
    """Bug 16: SGD at lr 100 on the spiral (weights huge but finite) once killed the process in the statistics."""
    project = load_project(os.path.join(EXAMPLES, "spiral.json"))
    project["optimizer"] = {"name": "sgd", "lr": 100.0}
    session, sent = drive(
        [
            P.Rebuild(1, project),
            P.Step(600),
            *([("idle", 5), P.Drawn()] * 125),
            P.Query(1, "step_count"),
            P.Step(0),
            ("idle", 2),
        ]
    )
    count, error = results(sent)[1]
    assert error is None  # still serving
    failed = of(sent, P.Failed)
    # either the statistics cope (600 steps), or the failure paused training and said so
    assert count == 600 or (failed and not session.playing)
    for message in failed:
        assert message.code in ("diverged", "internal_error")
        assert "Traceback" not in message.text


def test_a_crash_of_the_loop_says_crashed_not_bye():
    class Pipe:
        def __init__(self, commands):
            self.commands, self.out, self.closed = list(commands), [], False

        def poll(self, _timeout):
            return bool(self.commands)

        def recv(self):
            return self.commands.pop(0)

        def send(self, message):
            self.out.append(pickle.loads(pickle.dumps(message)))

        def close(self):
            self.closed = True

    os.environ["BACKPROP_LAB_TEST_HOOKS"] = "1"
    try:
        pipe = Pipe([P.Rebuild(1, default_project()), P.Query(1, "test_crash")])
        serve(pipe, snapshot_rate=1000.0)
    finally:
        del os.environ["BACKPROP_LAB_TEST_HOOKS"]
    assert pipe.closed
    assert not of(pipe.out, P.Bye)
    (crashed,) = of(pipe.out, P.Crashed)
    assert "injected crash" in crashed.text and "queries.py" in crashed.text
    pipe = Pipe([P.Rebuild(1, default_project()), P.Quit()])
    serve(pipe, snapshot_rate=1000.0)
    assert isinstance(pipe.out[-1], P.Bye)


def test_an_unpicklable_answer_becomes_an_error():
    class Pipe:
        def __init__(self, commands):
            self.commands, self.out = list(commands), []

        def poll(self, _timeout):
            return bool(self.commands)

        def recv(self):
            return self.commands.pop(0)

        def send(self, message):
            self.out.append(pickle.loads(pickle.dumps(message)))

        def close(self):
            pass

    pipe = Pipe([P.Rebuild(1, default_project()), P.Query(1, "project"), P.Quit()])
    import core.session as session_module

    session_module.QUERIES["_lambda"] = (lambda tr: lambda: 1, False)
    try:
        pipe.commands.insert(2, P.Query(2, "_lambda"))
        serve(pipe, snapshot_rate=1000.0)
    finally:
        del session_module.QUERIES["_lambda"]
    answers = results(pipe.out)
    assert answers[1][1] is None
    assert "could not be sent" in str(answers[2][1])


def test_keep_weights_inside_the_process():
    project = default_project()
    session, sent = drive([P.Rebuild(1, project), P.Step(20), ("idle", 25), P.Query(1, "weights")])
    trained = results(sent)[1][0]
    # same shapes (another activation): kept, bit for bit
    same = default_project()
    same["network"]["layers"][0]["activation"] = "relu"
    drive([P.Rebuild(2, same, ".", True), P.Query(2, "weights"), P.Query(3, "step_count")], session)
    assert of(sent, P.Built)[-1].weights_kept
    kept = results(sent)[2][0]
    assert all(np.array_equal(kept[k], trained[k]) for k in trained)
    assert results(sent)[3][0] == 0  # a new run: a new history
    # other shapes: re-initialised, and said so
    wider = default_project()
    wider["network"]["layers"][0]["units"] += 1
    drive([P.Rebuild(3, wider, ".", True), P.Query(4, "weights")], session)
    assert not of(sent, P.Built)[-1].weights_kept
    fresh = Trainer(wider).network.copy_arrays()
    assert all(np.array_equal(results(sent)[4][0][k], fresh[k]) for k in fresh)
    # without keep_weights: fresh even with the same shapes
    drive([P.Rebuild(4, wider, ".", False)], session)
    assert not of(sent, P.Built)[-1].weights_kept
    # explicit weights win
    drive([P.Rebuild(5, project, ".", True, trained), P.Query(5, "weights")], session)
    assert not of(sent, P.Built)[-1].weights_kept
    assert all(np.array_equal(results(sent)[5][0][k], trained[k]) for k in trained)


def test_weights_survive_a_failed_build_in_between():
    """Keep, break the project, fix it: the trained weights come back."""
    project = default_project()
    session, sent = drive([P.Rebuild(1, project), P.Step(10), ("idle", 12), P.Query(1, "weights")])
    trained = results(sent)[1][0]
    broken = default_project()
    broken["network"]["layers"][-1]["units"] = 3
    drive([P.Rebuild(2, broken, ".", True), P.Rebuild(3, project, ".", True), P.Query(2, "weights")], session)
    assert [m.gen for m in of(sent, P.Failed)] == [2]
    assert of(sent, P.Built)[-1].weights_kept
    assert all(np.array_equal(results(sent)[2][0][k], trained[k]) for k in trained)


def test_a_live_setting_while_paused_sends_no_snapshot():
    """Bug 6: a live edit changes nothing a snapshot shows, so the drawing stays as it was."""
    session, sent = drive([P.Rebuild(1, default_project()), P.Step(5), ("idle", 8), P.Drawn(), ("idle", 2)])
    before = len(of(sent, P.SnapshotMsg))
    drive(
        [P.SetHyper("lr", 0.5), ("idle", 3), P.SetOption("grad_clip", 1.0), P.SetHyper("momentum", 0.9), ("idle", 3)],
        session,
    )
    assert len(of(sent, P.SnapshotMsg)) == before
    assert session.trainer.project["optimizer"]["lr"] == 0.5
    # a snapshot asked for (step 0) while paused is the same as the last one
    last = of(sent, P.SnapshotMsg)[-1].snapshot
    drive([P.Step(0), ("idle", 2)], session)
    again = of(sent, P.SnapshotMsg)[-1].snapshot
    assert again.step == last.step
    for a, b in zip(last.layers, again.layers):
        np.testing.assert_array_equal(a.weight, b.weight)
        assert np.array_equal(a.update_ratio, b.update_ratio, equal_nan=True)
    np.testing.assert_array_equal(last.boundary.values, again.boundary.values)


def test_a_slider_storm_applies_only_the_last_value():
    batch = [P.SetHyper("lr", v) for v in (0.1, 0.2, 0.3)] + [
        P.SetOption("epochs", 3),
        P.SetHyper("momentum", 0.5),
        P.SetOption("epochs", 4),
    ]
    assert coalesce(batch) == [P.SetHyper("lr", 0.3), P.SetHyper("momentum", 0.5), P.SetOption("epochs", 4)]
    # a query or rebuild in between sees the value before it
    batch = [P.SetHyper("lr", 0.1), P.Query(1, "optimizer"), P.SetHyper("lr", 0.2)]
    assert coalesce(batch) == batch
    # in the loop: every edit waiting in the pipe arrives in one batch
    session, sent = drive([P.Rebuild(1, default_project())])
    applied = []
    original = session.trainer.set_hyperparameter

    def spy(key, value, **kwargs):
        applied.append(value)
        original(key, value, **kwargs)

    session.trainer.set_hyperparameter = spy
    drive([*(P.SetHyper("lr", 0.01 * i) for i in range(1, 30)), ("idle", 1), P.Query(1, "optimizer")], session)
    assert applied == [0.29]
    assert results(sent)[1][0]["lr"] == 0.29


def test_a_bad_live_setting_is_reported_with_its_code():
    _session, sent = drive([P.Rebuild(1, default_project()), P.SetOption("epochs", 0)])
    (failed,) = of(sent, P.Failed)
    assert failed.code == "config_error" and "training.epochs" in failed.text


def test_play_stops_after_the_planned_epochs():
    project = default_project()
    project["training"]["epochs"] = 2
    session, sent = drive([P.Rebuild(1, project), P.Play(), ("idle", 200)])
    assert session.trainer.epoch == 2
    assert any("Finished 2 epochs" in m.text for m in of(sent, P.Info))
    assert of(sent, P.Playing)[-1].playing is False


def test_divergence_pauses_with_the_step_and_layer():
    project = load_project(os.path.join(EXAMPLES, "exploding_init.json"))
    session, sent = drive([P.Rebuild(1, project), P.Play(), ("idle", 300)])
    failed = of(sent, P.Failed)
    assert failed and "at step" in failed[0].text and "network.layers[" in failed[0].text
    assert failed[0].code in ("nonfinite_loss", "loss_overflow", "nonfinite_gradient", "gradient_norm_overflow",
                              "nonfinite_weights_after_update") and failed[0].args["step"] >= 1
    assert session.trainer.finished and not session.playing


def test_an_error_with_its_own_code_passes_it_on():
    from core.session import failure

    class Coded(ValueError):
        code = "output_width"
        params = {"units": 3}

    assert failure(Coded("x"), "h") == ("x", "output_width", {"units": 3})


def test_trainer_iterate_yields_snapshots():
    trainer = Trainer(default_project())
    snaps = list(trainer.iterate(steps=25, snapshot_every=10))
    assert [s.step for s in snaps] == [10, 20, 25]
    assert sum(len(s.history["step"]) for s in snaps) == 25


def test_update_ratios_are_measured_for_the_snapshots_taken_while_playing():
    """The weights before a step are copied only when a snapshot may follow it."""
    project = default_project()
    project["training"]["epochs"] = 3
    _session, sent = drive([P.Rebuild(1, project), P.Play(), ("idle", 400)])
    played = [m.snapshot for m in of(sent, P.SnapshotMsg) if m.snapshot.step > 0]
    assert played
    assert all(np.isfinite(layer.update_ratio) for s in played[:-1] for layer in s.layers)
