"""The timeline strip under the loss curve: the checkpoints from the query, the memory, a click rewinds."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from gui.panels.timeline import TimelineStrip


def test_the_strip_shows_the_checkpoints_of_the_query_and_a_click_rewinds(window, qtbot):
    window.resize(1366, 768)
    window.controller.step(250)
    qtbot.waitUntil(lambda: window.controller.step_count >= 250, timeout=10000)
    strip = window.loss_panel.timeline
    answers = []
    window.controller.ask("checkpoints", on_done=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    strip._asking = False
    strip.refresh()
    qtbot.waitUntil(lambda: strip.checkpoints == answers[0]["steps"] == [0, 100, 200], timeout=5000)
    assert strip.step == 250 and strip.current.value() == 250
    assert strip.label.text().startswith("3 checkpoints · ") and strip.label.text().endswith(" of 256 MB")
    assert strip.describe(100) == "step 100 (checkpoint)"
    assert "replayed from the checkpoint at step 100" in strip.describe(150)

    # the strip shares the loss plot's step axis
    def screen_x(widget, plot, step):
        scene = plot.getViewBox().mapViewToScene(QPointF(step, 0))
        return widget.mapToGlobal(widget.mapFromScene(scene)).x()

    loss = window.loss_panel
    for step in (0, 200):
        assert abs(screen_x(strip.widget, strip.plot, step) - screen_x(loss.loss_widget, loss.loss_plot, step)) <= 2
    # a click near the tick at 100 rewinds there
    vb = strip.plot.getViewBox()
    x = vb.mapViewToScene(QPointF(101, 0.5)).x()
    assert strip.step_at(x) == 100
    asked = []
    strip.rewind_requested.connect(asked.append)
    assert strip.request_rewind(strip.step_at(x))
    qtbot.waitUntil(lambda: window.controller.step_count == 100, timeout=10000)
    assert asked == [100]
    strip.refresh()
    qtbot.waitUntil(lambda: strip.checkpoints == [0, 100], timeout=5000)
    window.loss_panel.grab().save("/tmp/branch/timeline_loss.png")


def test_a_click_that_drops_many_steps_asks_first(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    strip = TimelineStrip()
    qtbot.addWidget(strip)
    strip.set_checkpoints(
        {"steps": [0, 1000, 2000], "memory": 3 * 1024 * 1024, "budget": 256 * 1024 * 1024, "every": 100, "step": 2500}
    )
    asked = []
    strip.rewind_requested.connect(asked.append)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Cancel)
    assert not strip.request_rewind(1000)
    assert strip.request_rewind(2000) and asked == [2000]  # 500 steps dropped: no question
    assert strip.context_menu(1000).actions()[1].text() == "Branch from Step 1,000…"
    assert strip.text() == "3 checkpoints · 3 MB of 256 MB"
    strip.set_checkpoints({"steps": [], "memory": 0, "budget": 0, "every": 0, "step": 0})
    assert strip.text() == "No checkpoints yet"
