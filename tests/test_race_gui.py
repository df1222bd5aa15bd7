"""Inspect → Optimizer Race…: opened from the menu, a click places the start, the paths
animate and equal the core race (which steps the engine's optimizer classes)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from core.race import run_race
from core.surfaces import make_surface


def _click_map(qtbot, rw, x, y):
    vb = rw.map.getViewBox()
    scene = vb.mapViewToScene(QPointF(x, y))
    point = rw.map.mapFromScene(scene)
    qtbot.mouseClick(rw.map.viewport(), Qt.MouseButton.LeftButton, pos=point)


def _open(window):
    action = next(a for a in window.inspect_menu.actions() if a.objectName() == "optimizer_race")
    assert action.shortcut().toString() == "Ctrl+Shift+R"
    action.trigger()
    return window.race_window


def test_open_click_play_and_the_paths_match_the_core(qtbot, window):
    rw = _open(window)
    try:
        assert rw.isVisible() and len(rw.optimizers.rows) == 5
        rw.resize(1366, 768)
        qtbot.wait(20)
        _click_map(qtbot, rw, -3.0, 1.5)
        assert rw.start == pytest.approx((-3.0, 1.5), abs=0.1)
        assert rw.race.steps == 0 and rw.race.start == rw.start
        rw.speed.setValue(3)
        rw.play()
        assert rw.play_button.text() == "Pause"
        qtbot.waitUntil(lambda: rw.race.steps >= 12, timeout=5000)
        rw.pause()
        steps = rw.race.steps
        assert steps % 3 == 0 and not rw.playing
        expected = run_race(make_surface("bowl", 20.0), rw.start, rw.optimizers.specs(), steps)
        for runner, path, curve, want in zip(rw.race.runners, rw.paths, rw.loss_curves, expected):
            np.testing.assert_array_equal(runner.positions, want.positions)
            xs, ys = path.getData()
            np.testing.assert_array_equal(xs, want.positions[:, 0])
            np.testing.assert_array_equal(ys, want.positions[:, 1])
            assert len(curve.getData()[0]) == steps + 1
        assert rw.step_label.text() == f"Step {steps}"
        rw.step_button.click()
        assert rw.race.steps == steps + 1
        rw.reset_button.click()
        assert rw.race.steps == 0
    finally:
        rw.close()
    assert not rw.timer.isActive()


def test_rows_settings_noise_and_divergence(qtbot, window):
    rw = _open(window)
    try:
        row = rw.optimizers.add_row("adam", 0.05)
        assert len(rw.race.runners) == 6 and len(rw.paths) == 6
        row.p_spins[0].setValue(0.5)
        assert rw.race.runners[5].spec == {"name": "adam", "lr": 0.05, "betas": (0.5, 0.999)}
        rw.optimizers.remove_row(rw.optimizers.rows[0])
        assert len(rw.race.runners) == 5
        # one seed: the noisy window race equals the core's
        rw.noise_slider.setValue(30)
        assert rw.noise() > 0
        rw.advance(20)
        expected = run_race(rw.surface, rw.start, rw.optimizers.specs(), 20, noise=rw.noise(), seed=0)
        for runner, want in zip(rw.race.runners, expected):
            np.testing.assert_array_equal(runner.positions, want.positions)
        # a learning rate far too large: that path stops and says so; the others go on
        rw.noise_slider.setValue(0)
        rw.set_surface("rosenbrock")
        first = rw.optimizers.rows[0]
        first.set_kind("sgd")
        first.lr.setValue(0.5)
        rw.advance(50)
        assert rw.race.runners[0].stopped == "diverged"
        assert "diverged after step" in first.status.text()
        assert rw.race.runners[-1].steps == 50
        assert all(np.isfinite(p.getData()[0]).all() for p in rw.paths)
        # every surface builds its map and races
        for key in ("saddle", "himmelblau", "beale", "two_minima", "bowl"):
            rw.set_surface(key)
            rw.advance(5)
            assert rw.race.steps == 5 and rw.surface.key == key
        rw.param_spin.setValue(100.0)
        assert rw.surface.grad(1.0, 1.0) == (1.0, 100.0)
    finally:
        rw.close()


def test_controls_explain_themselves_and_the_window_speaks_chinese(qtbot, qapp):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QSlider

    from gui import i18n
    from gui.race_window import RaceWindow

    rw = RaceWindow()
    qtbot.addWidget(rw)
    rw.show()
    try:
        controls = [
            w
            for kind in (QAbstractButton, QAbstractSpinBox, QComboBox, QSlider)
            for w in rw.findChildren(kind)
            if w.isVisibleTo(rw) and not w.parent().inherits("QAbstractSpinBox")
        ]
        assert len(controls) > 20
        assert [w.objectName() or type(w).__name__ for w in controls if not w.toolTip()] == []
        assert i18n.switch_language(qapp, "zh_CN")
        assert rw.windowTitle() == "优化器竞赛"
        assert rw.play_button.text() == "播放"
        assert rw.optimizers.rows[1].kind.currentText() == "动量"
        assert rw.step_label.text().startswith("第 ")
    finally:
        i18n.switch_language(qapp, "en")
        rw.close()
    assert rw.windowTitle() == "Optimizer race"


def test_the_contour_picture_draws_non_finite_values_grey():
    import dataclasses

    from gui.race_window import contour_image

    s = make_surface("bowl")
    holed = dataclasses.replace(s, value_fn=lambda x, y: np.where(x > 0, np.nan, s.value_fn(x, y)))
    image = contour_image(holed, 50)
    assert image.shape == (50, 50, 4) and image.dtype == np.uint8
    assert (image[40:, :, :3] == 170).all() and not (image[:20, :, :3] == 170).all()
    empty = dataclasses.replace(s, value_fn=lambda x, y: np.full(np.shape(x), np.inf))
    assert (contour_image(empty, 20)[..., :3] == 170).all()
