"""Projects built to diverge, trained in the real window: the window stays alive,
no exception is raised inside Qt (pytest-qt fails a test on any exception in a
slot or virtual), and the banner says training stopped.

The optimizer form would refuse some of these values or never produce them
(eps = 0 from a click up and down was bug 1), so each project is set as a dict.
"""

from __future__ import annotations

import copy

import pytest

from core.project import default_project, normalize_project

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::RuntimeWarning")]


def _relu(project: dict) -> dict:
    project["network"]["layers"] = [
        {"type": "dense", "units": 16, "activation": "relu"},
        {"type": "dense", "units": 16, "activation": "relu"},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ]
    return project


def adam_eps_zero() -> dict:
    p = _relu(default_project())
    p["optimizer"] = {"name": "adam", "lr": 0.03, "eps": 0.0}
    return p


def sgd_lr_100() -> dict:
    p = default_project()  # the spiral
    p["optimizer"] = {"name": "sgd", "lr": 100.0}
    return p


def huge_init(a: float, dtype: str = "float64") -> dict:
    p = _relu(default_project())
    p["training"]["dtype"] = dtype
    p["optimizer"] = {"name": "sgd", "lr": 0.1}
    for layer in p["network"]["layers"]:
        layer["init"] = {"name": "uniform", "a": a}
    p["network"]["layers"][-1]["activation"] = "linear"
    p["loss"] = "mse"
    return p


CASES = {
    "adam_eps_0": adam_eps_zero,
    "sgd_lr_100": sgd_lr_100,
    "uniform_1e6": lambda: huge_init(1e6),
    "uniform_1e6_float32": lambda: huge_init(1e6, "float32"),  # overflows float32 (1e100 is refused now)
}


def test_exceptions_inside_qt_fail_the_tests(request):
    assert not request.config.getini("qt_no_exception_capture")


def _train(qtbot, window, name):
    project = CASES[name]()
    window.worker.set_speed("max")
    generation = window.generation
    window.doc.new(normalize_project(copy.deepcopy(project)))
    qtbot.waitUntil(lambda: window.generation != generation and window.info is not None, timeout=10000)
    qtbot.wait(100)
    window.actions_by_name["play"].trigger()
    # until the banner says training stopped, or enough steps went by to show it does not diverge
    qtbot.waitUntil(lambda: window.banner.isVisible() or window.worker.query("step_count").wait() >= 600, timeout=20000)
    if window.playing:
        window.actions_by_name["play"].trigger()
        qtbot.waitUntil(lambda: not window.playing, timeout=5000)
    qtbot.wait(200)  # the last snapshots are drawn
    for panel in window.plot_panels:
        panel.repaint()
    window.repaint()
    if name in ("adam_eps_0", "uniform_1e6_float32"):
        assert window.banner.isVisible() and window.banner.text()


@pytest.mark.parametrize("name", list(CASES))
def test_diverging_projects_plot_panels(qtbot, window, monkeypatch, name):
    """The plot panels, the read-out and the banner (the canvas is checked below)."""
    monkeypatch.setattr(type(window.canvas), "update_snapshot", lambda self, snap: None)
    _train(qtbot, window, name)


@pytest.mark.parametrize("name", list(CASES))
def test_diverging_projects_train_in_the_window(qtbot, window, name):
    _train(qtbot, window, name)
