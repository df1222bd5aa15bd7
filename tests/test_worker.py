"""The training worker with a real training process: futures, callbacks, a process
that dies (kill -9, a crash) and is restarted with the project, live-edit thinning."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from core.project import default_project
from gui.worker import QueryFuture, TrainingProcessDied, TrainingWorker


@pytest.fixture
def worker(qtbot, monkeypatch):
    monkeypatch.setenv("BACKPROP_LAB_TEST_HOOKS", "1")
    w = TrainingWorker()
    w.start()
    yield w
    w.stop()
    assert not w.isRunning()


def build(qtbot, worker, project=None, *args, **kwargs):
    with qtbot.waitSignal(worker.built_detail, timeout=10000) as blocker:
        gen = worker.rebuild(project or default_project(), *args, **kwargs)
    assert blocker.args[0] == gen
    return gen, blocker.args[1]


def test_queries_are_futures_and_callbacks_arrive_on_the_gui_thread(qtbot, worker):
    build(qtbot, worker)
    future = worker.query("step_count")
    assert isinstance(future, QueryFuture)
    assert future.result(10) == 0
    assert worker.query("network.copy_arrays").wait().keys() == worker.query("weights").wait().keys()
    with pytest.raises(LookupError, match="unknown query 'nope'"):
        worker.query("nope").wait()
    got = []
    worker.ask("step_count", on_done=lambda v: got.append((v, threading.current_thread() is threading.main_thread())))
    worker.ask("nope", on_done=got.append, on_error=lambda e: got.append(("error", type(e).__name__)))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    assert got == [(0, True), ("error", "UnknownQuery")]


def test_a_killed_process_is_reported_at_once_and_restarted_with_the_project(qtbot, worker):
    project = default_project()
    project["name"] = "mine"
    gen, _ = build(qtbot, worker, project)
    worker.step(7)
    qtbot.waitUntil(lambda: worker.query("step_count").wait() == 7, timeout=5000)
    worker.play()
    pid = worker.query("test_pid").wait()
    assert pid == worker._process.pid
    # a query that cannot be answered: the process is stopped, then killed
    os.kill(pid, signal.SIGSTOP)
    pending = worker.query("step_count")
    states, rebuilt = [], []
    worker.state_changed.connect(lambda g, playing: states.append((g, playing)))
    worker.built.connect(lambda g, info: rebuilt.append(g))
    t0 = time.perf_counter()
    with qtbot.waitSignal(worker.died, timeout=1000) as died:
        os.kill(pid, signal.SIGKILL)
    assert time.perf_counter() - t0 < 1.0
    message = died.args[0]
    assert "stopped unexpectedly" in message and "killed by signal 9" in message
    assert "restarted with your project" in message
    with pytest.raises(TrainingProcessDied, match="killed by signal 9"):
        pending.result(0.5)  # failed already: no 20 s wait
    qtbot.waitUntil(lambda: (gen, False) in states, timeout=1000)
    # the same project is built again in the new process, for the same generation
    qtbot.waitUntil(lambda: rebuilt == [gen], timeout=10000)
    assert worker.restarts == 1 and worker._process.pid != pid
    assert worker.query("project").wait()["name"] == "mine"
    assert worker.query("step_count").wait() == 0
    # and it keeps working: a later rebuild builds, queries answer, steps run
    gen2, _ = build(qtbot, worker)
    assert gen2 == gen + 1
    worker.step(3)
    qtbot.waitUntil(lambda: worker.query("step_count").wait() == 3, timeout=5000)


def test_live_settings_are_replayed_after_a_restart(qtbot, worker):
    build(qtbot, worker)
    worker.set_hyperparameter("lr", 0.125)
    worker.set_speed("slow")
    assert worker.query("optimizer").wait()["lr"] == 0.125
    rebuilt = []
    worker.built.connect(lambda g, info: rebuilt.append(g))
    with qtbot.waitSignal(worker.died, timeout=2000):
        os.kill(worker._process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: bool(rebuilt), timeout=10000)
    assert worker.query("optimizer").wait()["lr"] == 0.125


def test_an_exception_in_a_step_pauses_and_the_process_lives_on(qtbot, worker):
    gen, _ = build(qtbot, worker)
    pid = worker.query("test_pid").wait()
    worker.query("test_raise_in_next_step", "ZeroDivisionError").wait()
    details = []
    worker.failed_detail.connect(lambda g, m: details.append((g, m)))
    with qtbot.waitSignal(worker.failed, timeout=5000) as failed:
        worker.play()
    assert failed.args[0] == gen and "ZeroDivisionError" in failed.args[1]
    qtbot.waitUntil(lambda: bool(details), timeout=1000)
    assert details[0][1].code == "internal_error" and details[0][1].args["type"] == "ZeroDivisionError"
    assert worker.query("test_pid").wait() == pid
    assert worker.query("step_count").wait() == 0
    worker.step(2)
    qtbot.waitUntil(lambda: worker.query("step_count").wait() == 2, timeout=5000)


def test_a_crash_of_the_session_loop_is_reported_with_its_cause(qtbot, worker):
    build(qtbot, worker)
    with qtbot.waitSignal(worker.died, timeout=5000) as died:
        with pytest.raises(TrainingProcessDied):
            worker.query("test_crash").wait(5)
    assert "injected crash" in died.args[0] and "restarted with your project" in died.args[0]
    qtbot.waitUntil(lambda: worker.query("step_count").wait() == 0, timeout=10000)


def test_a_process_that_dies_again_while_rebuilding_is_not_given_the_project_again(qtbot, worker):
    build(qtbot, worker)
    with qtbot.waitSignal(worker.died, timeout=2000):
        os.kill(worker._process.pid, signal.SIGKILL)
    # killed again before the re-sent project was built
    with qtbot.waitSignal(worker.died, timeout=2000) as died:
        os.kill(worker._process.pid, signal.SIGKILL)
    assert "again" in died.args[0] and "without it" in died.args[0]
    with pytest.raises(RuntimeError, match="no network is built"):
        worker.query("step_count").wait(10)
    build(qtbot, worker)  # the next project builds
    assert worker.query("step_count").wait() == 0


def test_keep_weights_stay_in_the_process(qtbot, worker):
    build(qtbot, worker)
    worker.step(20)
    qtbot.waitUntil(lambda: worker.query("step_count").wait() == 20, timeout=5000)
    trained = worker.query("weights").wait()
    project = default_project()
    project["network"]["layers"][0]["activation"] = "relu"
    _gen, kept = build(qtbot, worker, project, keep_weights=True)
    assert kept and worker.last_weights_kept
    again = worker.query("weights").wait()
    assert all((again[k] == trained[k]).all() for k in trained)
    project = default_project()
    project["network"]["layers"][0]["units"] += 2
    _gen, kept = build(qtbot, worker, project, ".", None, True)  # positional, as before plus keep_weights
    assert not kept and not worker.last_weights_kept


def test_failed_detail_carries_the_code(qtbot, worker):
    project = default_project()
    project["network"]["layers"][-1]["units"] = 3
    with qtbot.waitSignal(worker.failed_detail, timeout=10000) as blocker:
        gen = worker.rebuild(project)
    assert blocker.args[0] == gen
    assert blocker.args[1].code == "config_error" and "network.layers[2].units" in blocker.args[1].text


def test_a_slider_storm_is_thinned_and_the_last_value_arrives(qtbot, worker):
    build(qtbot, worker)
    sent = []
    conn = worker._conn
    real_send = conn.send

    def spy(message):
        sent.append(message)
        real_send(message)

    conn.send = spy
    for i in range(1, 101):
        worker.set_hyperparameter("lr", i / 1000)
    hypers = [m for m in sent if type(m).__name__ == "SetHyper"]
    assert len(hypers) == 1 and hypers[0].value == 0.001  # the first at once
    qtbot.wait(60)  # the throttle delivers the last one
    hypers = [m for m in sent if type(m).__name__ == "SetHyper"]
    assert len(hypers) == 2 and hypers[-1].value == 0.1
    # a command never overtakes a held-back edit
    for i in range(1, 4):
        worker.set_hyperparameter("lr", i / 100)
    assert worker.query("optimizer").wait()["lr"] == 0.03


def test_after_stop_queries_fail_at_once(qtbot):
    w = TrainingWorker()
    w.start()
    w.stop()
    assert not w.isRunning()
    t0 = time.perf_counter()
    with pytest.raises(TrainingProcessDied):
        w.query("step_count").wait()
    assert time.perf_counter() - t0 < 0.1
    w.stop()  # twice is fine


def test_huge_weights_do_not_kill_the_training_process(qtbot, worker):
    """Bug 16: SGD at lr 100 on the spiral once ended the process in the statistics, unnoticed."""
    from core.project import load_project

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    project = load_project(os.path.join(root, "resources", "examples", "spiral.json"))
    project["optimizer"] = {"name": "sgd", "lr": 100.0}
    gen, _ = build(qtbot, worker, project)
    pid = worker.query("test_pid").wait()
    deaths, failures, states = [], [], []
    worker.died.connect(deaths.append)
    worker.failed.connect(lambda g, text: failures.append(text))
    worker.state_changed.connect(lambda g, playing: states.append(playing))
    worker.snapshot.connect(lambda g, snap: worker.drawn())
    worker.play()
    qtbot.waitUntil(lambda: worker.query("step_count").wait() >= 600 or bool(failures), timeout=20000)
    qtbot.waitUntil(lambda: not failures or states[-1:] == [False], timeout=2000)
    assert not deaths
    assert worker.query("test_pid").wait() == pid
    worker.pause()
