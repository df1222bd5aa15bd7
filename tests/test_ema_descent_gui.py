"""The EMA view and the batch / stochastic / mini-batch window: on their own, and from
the Inspect menu of the main window."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from core.ema import ema, momentum_buffer_series, random_walk, sma
from core.project import default_project


@pytest.fixture
def ema_view(qtbot):
    from gui.ema_window import EmaWindow

    view = EmaWindow()
    qtbot.addWidget(view)
    view.show()
    return view


@pytest.fixture
def descent_view(qtbot):
    from gui.descent_window import DescentWindow

    project = default_project()
    project["data"]["samples"] = 100  # 80 training rows
    view = DescentWindow(lambda: (project, ".", 2))
    qtbot.addWidget(view)
    view.load_project()
    view.show()
    yield view
    view.close()
    assert view._executor is None


def test_ema_view_draws_the_core_averages(ema_view, qtbot):
    view = ema_view
    assert view.source.currentData() == "walk"
    assert "= 10 values" in view.caption.text() and "0.9" in view.caption.text()
    view.beta.setValue(0.99)
    assert "= 100 values" in view.caption.text() and view.beta_slider.value() == 990
    view.window_n.setValue(20)
    x = random_walk(250, seed=0)
    ys = {name: curve.getData()[1] for name, curve in view.curves.items()}
    np.testing.assert_array_equal(ys["series"], x)
    np.testing.assert_array_equal(ys["sma"], sma(x, 20))
    np.testing.assert_array_equal(ys["ema"], ema(x, 0.99))
    np.testing.assert_array_equal(ys["corrected"], ema(x, 0.99, bias_correction=True))
    np.testing.assert_array_equal(ys["buffer"], momentum_buffer_series(x, 0.99))
    assert not view.curves["buffer"].isVisible()
    qtbot.mouseClick(view.show_buffer, Qt.LeftButton)
    assert view.curves["buffer"].isVisible()
    view.beta_slider.setValue(500)
    assert view.beta.value() == 0.5 and "= 2 values" in view.caption.text()
    view.seed.setValue(3)
    np.testing.assert_array_equal(view.curves["series"].getData()[1], random_walk(250, seed=3))


def test_ema_view_missing_values_are_gaps(ema_view):
    view = ema_view
    view.set_series([1.0, np.nan, 2.0, np.inf, 3.0])
    assert not view.note.isHidden() and "2 of 5" in view.note.text()
    assert np.isnan(view.curves["ema"].getData()[1][1])
    view.set_series([])
    assert view.curves["ema"].getData()[1] is None or len(view.curves["ema"].getData()[1]) == 0


def test_descent_window_runs_cancels_and_counts_updates(descent_view, qtbot):
    view = descent_view
    assert view.k.value() == 10 and view.amount.value() == 100  # the project's batch size and epochs
    assert view.weights[0].currentText() == "layers.0.weight[0, 0]"
    assert view.weights[1].currentText() == "layers.0.weight[0, 1]"
    view.amount.setValue(2)
    qtbot.mouseClick(view.run_button, Qt.LeftButton)
    assert not view.run_button.isEnabled() and view.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: view.result is not None, timeout=20000)
    result = view.result
    assert [r.kind for r in result.runs] == ["batch", "stochastic", "mini-batch"]
    assert [len(r.steps) for r in result.runs] == [2, 160, 16]
    for run in result.runs:
        for name, value in result.runs[0].initial.items():
            assert np.array_equal(run.initial[name], value)
        x, y = view.curves[run.kind]["path"].getData()
        assert (x[0], y[0]) == tuple(result.runs[0].path[0]) and (x[-1], y[-1]) == tuple(run.path[-1])
        assert list(view.curves[run.kind]["epoch"].getData()[0]) == [0.0, 1.0, 2.0]
    assert "160 steps" in view.summary.text() and view.run_button.isEnabled()
    assert view.progress.value() == 1000
    qtbot.mouseClick(view.show_steps, Qt.LeftButton)
    assert not view.curves["stochastic"]["epoch_steps"].isVisible()

    view.amount.setValue(5000)
    view.start()
    qtbot.waitUntil(lambda: view._progress[0] > 0, timeout=10000)
    qtbot.mouseClick(view.cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.result is not result, timeout=10000)
    assert view.result.cancelled and "Cancelled" in view.summary.text()

    view.budget.setCurrentIndex(view.budget.findData("steps"))
    view.amount.setValue(3)
    view.start()
    qtbot.waitUntil(lambda: not view.running and not view.timer.isActive(), timeout=10000)
    assert [len(r.steps) for r in view.result.runs] == [3, 3, 3]


def test_inspect_menu_opens_both_and_closing_joins_the_comparison(window, qtbot):
    window.actions_by_name["ema_view"].trigger()
    ema_view = window.ema_window
    assert ema_view.isVisible()
    ema_view.source.setCurrentIndex(ema_view.source.findData("loss"))
    qtbot.waitUntil(lambda: not ema_view._asking, timeout=10000)
    assert len(ema_view.x) == 0 and not ema_view.note.isHidden()  # no steps yet: said, not drawn
    c = window.controller
    c.step(25)
    qtbot.waitUntil(lambda: c.last_snapshot is not None and c.last_snapshot.step >= 25, timeout=10000)
    ema_view.refresh()
    qtbot.waitUntil(lambda: len(ema_view.x) >= 25, timeout=10000)
    assert np.all(np.isfinite(ema_view.x)) and ema_view.note.isHidden()

    window.actions_by_name["descent_compare"].trigger()
    view = window.descent_window
    assert view.isVisible() and view.k.value() == 10
    view.amount.setValue(5000)
    view.start()
    qtbot.waitUntil(lambda: view._progress[0] > 0, timeout=10000)
    window.close()
    assert view._executor is None and view._future.done()
