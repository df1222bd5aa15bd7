"""The run history in the window: runs are recorded, listed, overlaid, exported and
reopened; a damaged history is reported and left alone; the Sweep dialog plans,
runs, records, resumes and cancels."""

import os

import pytest


def _train_and_pause(window, qtbot, steps=30):
    window.controller.step(steps)
    qtbot.waitUntil(lambda: window.controller.info_ is not None and window.run_recorder._steps >= steps, timeout=10000)
    window.run_recorder.save("paused")
    qtbot.waitUntil(lambda: window.run_recorder.run_id is not None, timeout=10000)


def test_a_run_is_recorded_listed_overlaid_exported_and_reopened(window, qtbot, tmp_path):
    _train_and_pause(window, qtbot)
    store = window.run_recorder.store
    (rec,) = store.runs()
    assert rec.status == "paused" and rec.metrics["steps"] == 30 and rec.seed == window.doc.project["seed"]
    assert len(store.history(rec.id)["step"]) == 30 and os.path.exists(rec.weights_path)
    panel = window.runs_panel
    panel.refresh()
    assert panel.proxy.rowCount() == 1
    panel.table.selectRow(0)
    assert len(panel.plot.listDataItems()) >= 1  # its curves are drawn
    assert panel.export_csv(str(tmp_path / "runs.csv"))
    assert (tmp_path / "runs.csv").read_text().count("\n") == 2
    panel.filter_edit.setText("no such run")
    assert panel.proxy.rowCount() == 0
    panel.filter_edit.setText("")
    panel.table.selectRow(0)
    window.doc.project["optimizer"]["lr"] = 0.5  # the document moves on; the run keeps its project
    panel.open_selected()
    assert window.doc.project["optimizer"]["lr"] == rec.project["optimizer"]["lr"]


def test_a_run_continued_after_a_rebuild_that_keeps_weights_has_a_parent(window, qtbot):
    _train_and_pause(window, qtbot, 20)
    first = window.run_recorder.run_id
    window.controller.rebuild(keep=True)
    qtbot.waitUntil(lambda: window.run_recorder.run_id is None, timeout=10000)
    _train_and_pause(window, qtbot, 10)
    rec = window.run_recorder.store.run(window.run_recorder.run_id)
    assert rec.parent_id == first and rec.branch_step == 20


def test_a_damaged_history_is_reported_and_left_as_it_is(qtbot, settings, monkeypatch):
    from gui.main_window import MainWindow

    path = os.path.join(os.path.dirname(settings.fileName()), "runs.sqlite")
    with open(path, "wb") as f:
        f.write(b"garbage" * 500)
    monkeypatch.setattr(MainWindow, "_confirm_discard", lambda self: True)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    try:
        qtbot.waitUntil(lambda: win.info is not None, timeout=10000)
        assert win.run_recorder.store is None
        assert "damaged" in win.runs_panel.message.text()
        win.controller.step(5)
        qtbot.wait(300)
    finally:
        win.close()
    with open(path, "rb") as f:
        assert f.read() == b"garbage" * 500


def test_sweep_dialog_plans_runs_records_and_resumes(window, qtbot):
    d = window.show_sweep_dialog()
    d.workers_spin.setValue(1)  # in the dialog's thread: no pool to start in a test
    d.epochs_spin.setValue(2)
    d.params.item(0, 1).setText("0.01, 0.1")
    assert "2 run" in d.plan_label.text()
    d.params.item(0, 1).setText("0.01, abc")
    assert not d.run_button.isEnabled() and "abc" in d.plan_label.text()
    d.params.item(0, 1).setText("0.01, 0.1")
    assert d.start()
    qtbot.waitUntil(lambda: d.thread is None, timeout=60000)
    assert len(d.results) == 2 and d.table.rowCount() == 2
    losses = [float(d.table.item(r, 1).text()) for r in range(2)]
    assert losses == sorted(losses)
    store = window.run_recorder.store
    assert len(store.runs(sweep_id=d.sweep_id)) == 2
    window.runs_panel.refresh()
    assert window.runs_panel.proxy.rowCount() == 2
    assert d.start()  # the same sweep again: nothing left to train
    assert d.thread is None and "already" in d.plan_label.text() and d.table.rowCount() == 2
    d.table.selectRow(0)
    d.open_selected()
    assert window.doc.project["training"]["epochs"] == 2
    d.close()


def test_cancelling_a_sweep_drops_the_runs_not_started(window, qtbot):
    d = window.show_sweep_dialog()
    d.workers_spin.setValue(1)
    d.epochs_spin.setValue(3)
    d.params.item(0, 1).setText(", ".join(str(0.001 * (i + 1)) for i in range(20)))
    assert d.start()
    qtbot.waitUntil(lambda: len(d.results) >= 1, timeout=60000)
    d.cancel()
    qtbot.waitUntil(lambda: d.thread is None, timeout=60000)
    assert 1 <= len(d.results) < 20
    d.close()


@pytest.fixture(autouse=True)
def _no_pool_in_gui_tests(monkeypatch):
    """A dialog left at several local processes would spawn a pool: keep these tests in-thread."""
    monkeypatch.setattr("gui.sweep_dialog.default_workers", lambda: 1)
