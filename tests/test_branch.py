"""Branching a run: go back to step N and continue with other settings as a new run of the tree.

Core: the ``branch`` query rewinds and marks the trainer; with unchanged settings the branch
continues bit-identically to a run that never branched; a rebuild after a branch that keeps the
weights (another activation) carries the step, history and optimizer state.  Window: Branch Here
records the parent run (its curve kept) and the child with ``parent_id`` and ``branch_step``; the
child's history starts after N; the loss plot draws the tree; Make Current reopens a run's weights.
"""

from __future__ import annotations

import numpy as np

from core import protocol as P
from core.project import default_project
from core.session import Session
from core.trainer import Trainer
from gui.commands import SetHyperparameter


def drive(script, session=None):
    sent = [] if session is None else session.sent
    if session is None:
        session = Session(sent.append, snapshot_rate=1e6)
        session.sent = sent
    queue = []
    for item in script:
        queue.extend([None] * item[1] if isinstance(item, tuple) and item[0] == "idle" else [item])
    queue.append(P.Quit())
    session.quit = False
    session.run(lambda _t: queue.pop(0) if queue else P.Quit())
    return session, sent


def results(sent):
    return {m.id: (m.value, m.error) for m in sent if isinstance(m, P.Result)}


def _project(optimizer="adam"):
    p = default_project()
    p["optimizer"] = {"name": optimizer, "lr": 0.01}
    return p


def test_branch_with_unchanged_settings_continues_bit_identically():
    project = _project()
    straight = Trainer(project)
    straight.run(steps=170)
    session, sent = drive([P.Rebuild(1, project), P.Step(150), ("idle", 160), P.Query(1, "branch", (120,))])
    value, error = results(sent)[1]
    assert error is None and value == {"step": 120, "replayed": 20}
    assert session.trainer.branch_step == 120 and len(session.trainer.history) == 120
    drive([P.Step(50), ("idle", 60)], session)
    tr = session.trainer
    assert tr.step_count == 170
    np.testing.assert_array_equal(tr.network.flat, straight.network.flat)
    np.testing.assert_array_equal(tr.history.rows(0)["batch_loss"], straight.history.rows(0)["batch_loss"])


def test_a_branch_with_another_lr_differs_after_the_branch_point_only():
    project = _project()
    session, sent = drive([P.Rebuild(1, project), P.Step(60), ("idle", 70), P.Query(1, "history")])
    parent = results(sent)[1][0].rows(0)["batch_loss"]
    drive(
        [P.Query(2, "branch", (30,)), P.SetHyper("lr", 0.1), P.Step(30), ("idle", 40), P.Query(3, "history")], session
    )
    child = results(sent)[3][0].rows(0)["batch_loss"]
    np.testing.assert_array_equal(child[:31], parent[:31])  # step 31 is the first with lr 0.1 applied after it
    assert not np.array_equal(child[31:], parent[31:])


def test_a_rebuild_after_a_branch_carries_the_step_and_the_optimizer_state():
    project = _project()
    session, sent = drive([P.Rebuild(1, project), P.Step(80), ("idle", 90), P.Query(1, "branch", (50,))])
    before = session.trainer.optimizer.state_dict()
    other = _project()
    other["network"]["layers"][0]["activation"] = "relu"  # same shapes: the weights are kept
    drive([P.Rebuild(2, other, ".", True), P.Query(2, "step_count")], session)
    assert [m for m in sent if isinstance(m, P.Built)][-1].weights_kept
    tr = session.trainer
    assert results(sent)[2][0] == 50 and len(tr.history) == 50 and tr.branch_step == 50
    assert tr.optimizer_state_kept
    after = tr.optimizer.state_dict()
    for name, entry in before["state"].items():
        assert after["state"][name]["step"] == entry["step"] == 50
        np.testing.assert_array_equal(after["state"][name]["exp_avg"], entry["exp_avg"])
    # another optimizer: the step carries, its state starts afresh
    sgd = _project("sgd")
    sgd["network"]["layers"][0]["activation"] = "relu"
    drive([P.Rebuild(3, sgd, ".", True)], session)
    assert session.trainer.step_count == 50 and not session.trainer.optimizer_state_kept


def test_a_plain_keep_weights_rebuild_still_starts_a_new_history():
    project = _project()
    session, sent = drive([P.Rebuild(1, project), P.Step(20), ("idle", 25)])
    other = _project()
    other["network"]["layers"][0]["activation"] = "relu"
    drive([P.Rebuild(2, other, ".", True)], session)
    assert session.trainer.step_count == 0 and getattr(session.trainer, "branch_step", None) is None


# ---- in the window


def _train_to(window, qtbot, steps):
    window.controller.step(steps - window.controller.step_count)
    qtbot.waitUntil(
        lambda: window.controller.info_ is not None and window.controller.step_count >= steps, timeout=10000
    )


def test_branch_in_the_window_keeps_the_parent_records_the_child_and_draws_the_tree(window, qtbot):
    _train_to(window, qtbot, 150)
    answers = []
    window.branching.branched.connect(answers.append)
    window.loss_panel.branch_requested.emit(120)  # right-click on the curve → Branch from Step 120…
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    parent = answers[0]["parent"]
    qtbot.waitUntil(lambda: window.controller.step_count == 120, timeout=10000)
    store = window.run_recorder.store
    assert answers[0]["step"] == 120 and parent is not None
    kept = store.run(parent)
    assert kept.metrics["steps"] == 150 and len(store.history(parent)["step"]) == 150  # the whole curve kept
    # the parent's curve is drawn on the loss plot, with the branch point marked
    tree = window.loss_panel.tree
    assert [c.run_id for c in tree.curves] == [parent] and tree.curves[0].steps[-1] == 150
    assert tree.curves[0].ancestor and tree.curves[0].until == 120  # strong up to 120, faded after
    lines = [item for item in tree.items if getattr(item, "label", None) is not None]
    assert [line.value() for line in lines] == [120] and f"#{parent}" in lines[0].label.toPlainText()
    # another learning rate, then train: a new run, child of the parent at 120, its history after 120
    lr = window.doc.project["optimizer"]["lr"] * 3
    assert window.push(SetHyperparameter("lr", lr, "lr"))
    _train_to(window, qtbot, 140)
    window.run_recorder.save("paused")
    qtbot.waitUntil(lambda: window.run_recorder.run_id is not None, timeout=10000)
    child = store.run(window.run_recorder.run_id)
    assert child.parent_id == parent and child.branch_step == 120
    assert child.project["optimizer"]["lr"] == lr
    steps = store.history(child.id)["step"]
    assert steps[0] == 121 and steps[-1] == 140  # the child's own steps start after N
    window.branching.redraw_tree()
    assert [c.run_id for c in window.loss_panel.tree.curves] == [parent]
    # the Runs panel shows the tree: the child indented under its parent
    panel = window.runs_panel
    panel.refresh()
    labels = {panel.proxy.index(r, 0).data(): panel.proxy.index(r, 9).data() for r in range(panel.proxy.rowCount())}
    assert labels[f"\u21b3 {child.id}"] == f"{parent} @ 120"


def test_make_current_continues_from_a_runs_last_weights(window, qtbot):
    _train_to(window, qtbot, 40)
    window.run_recorder.save("paused")
    qtbot.waitUntil(lambda: window.run_recorder.run_id is not None, timeout=10000)
    first = window.run_recorder.run_id
    weights = window.worker.query("weights").wait(5.0)
    _train_to(window, qtbot, 60)  # the run goes on; Make Current takes the weights stored at step 40
    done = []
    window.branching.made_current.connect(done.append)
    assert window.branching.make_current(first)
    qtbot.waitUntil(lambda: done == [first], timeout=10000)
    now = window.worker.query("weights").wait(5.0)
    assert all(np.array_equal(now[k], weights[k]) for k in weights)
    assert "fresh optimizer state" in window.statusBar().currentMessage()
    assert window.run_recorder._parent == (first, 40)


def test_an_activation_changed_after_a_branch_continues_the_branch(window, qtbot):
    from gui import commands as cmd

    _train_to(window, qtbot, 80)
    answers = []
    window.branching.branched.connect(answers.append)
    window.branching.branch_from(50)
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    parent = answers[0]["parent"]
    with qtbot.waitSignal(window.controller.built, timeout=10000):
        assert window.push(cmd.SetActivation((0,), "relu"))  # same shapes: a rebuild that keeps the weights
    qtbot.waitUntil(lambda: window.controller.step_count == 50, timeout=10000)  # the step carried over
    _train_to(window, qtbot, 70)
    window.run_recorder.save("paused")
    qtbot.waitUntil(lambda: window.run_recorder.run_id is not None, timeout=10000)
    store = window.run_recorder.store
    child = store.run(window.run_recorder.run_id)
    assert (child.parent_id, child.branch_step) == (parent, 50)
    assert child.project["network"]["layers"][0]["activation"] == "relu"
    steps = store.history(child.id)["step"]
    assert steps[0] == 51 and steps[-1] == 70
