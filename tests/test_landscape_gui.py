"""Inspect → Loss Landscape…: compute in the background (the centre is the run's
current loss), the training path collected while training, cancel, thread joined."""

from __future__ import annotations

import dataclasses
import time

import numpy as np

import gui.landscape_compute as lc
from core.landscape import LandscapeCancelled


def test_landscape_window_computes_and_cancels(qtbot, window, monkeypatch):
    action = window.actions_by_name["loss_landscape"]
    assert action in window.inspect_menu.actions() and action.shortcut().toString() == "Ctrl+Shift+L"
    action.trigger()
    view = window.landscape_window
    assert view.isVisible() and view.state == "idle"
    assert view.gl_view is None and "OpenGL" in view.summary.text()  # offscreen: the contour map alone
    recorder = view.recorder
    for target in (10, 20):  # weights are collected while the person trains
        window.controller.step(10)
        qtbot.waitUntil(lambda n=target // 10: len(recorder.points) >= n, timeout=20000)
    view.resolution.setValue(7)
    view.radius.setValue(0.5)
    view.start()
    qtbot.waitUntil(lambda: view.state == "done", timeout=30000)
    assert view.thread is None
    land = view.result["landscape"]
    report = window.worker.query("report").wait(10.0)
    assert land.center == report["train_loss"]  # bit for bit: the run's own loss
    assert land.losses.shape == (7, 7) and land.alphas[3] == 0.0
    path = view.result["path"]
    assert len(path) == 3 and path[-1].tolist() == [0.0, 0.0]
    assert np.all(np.isfinite(path))
    assert view.image.image.shape == (7, 7)
    assert "Loss at the centre" in view.summary.text() and "3 points" in view.summary.text()
    assert view.progress.value() == view.progress.maximum() == 49
    # the language switch says the result again in Chinese
    from PySide6.QtCore import QCoreApplication

    from gui import i18n

    try:
        assert i18n.switch_language(QCoreApplication.instance(), "zh_CN")
        assert "中心" in view.summary.text() and view.windowTitle() == "损失地形"
    finally:
        assert i18n.switch_language(QCoreApplication.instance(), "en")
    assert "Loss at the centre" in view.summary.text()
    # NaN and infinite losses are drawn as missing and said
    losses = land.losses.copy()
    losses[0, 0], losses[0, 1] = np.nan, np.inf
    broken = dict(view.result, landscape=dataclasses.replace(land, losses=losses))
    view._draw(broken)
    assert "2 grid points have a loss that is not finite" in view._result_text(broken)
    view._draw(view.result)

    def slow(trainer, resolution, radius, seed, max_rows, progress=None, cancelled=None):
        progress(1, 100)
        while not cancelled():
            time.sleep(0.005)
        raise LandscapeCancelled("cancelled")

    monkeypatch.setattr(lc, "compute_landscape", slow)
    view.start()
    qtbot.waitUntil(lambda: view.state == "running" and view.progress.value() == 1, timeout=10000)
    assert view.cancel_button.isEnabled() and not view.compute_button.isEnabled()
    view.cancel_button.click()
    qtbot.waitUntil(lambda: view.state == "cancelled", timeout=10000)
    assert view.thread is None and view.compute_button.isEnabled()
    assert view.result["landscape"] is land  # the last result stays drawn
    # closing while it runs stops and joins the thread
    view.start()
    qtbot.waitUntil(lambda: view.state == "running", timeout=10000)
    thread = view.thread
    view.close()
    assert view.thread is None and not thread.isRunning()
