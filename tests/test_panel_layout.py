"""Panels fit the docks of ordinary screens (1366x768, 1600x1000, 1920x1080).

At 1366x768 a right-hand dock is about 420 x 330 px and a bottom dock about
680 x 230; nothing may run past a panel's edge (the Output panel's colour bar
and the confusion matrix's last column did, bug 7).  Each panel is grabbed to
/tmp/panels_layout/ for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pytest
from test_plot_panels import PANELS, Run

from gui.panels.output_view import OutputPanel

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
SHOTS = Path("/tmp/panels_layout")
# (width, height) of the docks at 1366x768, 1600x1000 and 1920x1080
SIZES = {"1366": [(420, 330), (680, 230)], "1600": [(560, 420), (800, 300)], "1920": [(640, 480), (960, 340)]}


@pytest.fixture(scope="module")
def runs():
    return {name: Run(name, chunks=(5, 5)) for name in ("spiral", "gaussians", "digits", "diabetes")}


def _inside(panel) -> None:
    """Every plot (with its colour bar) lies within its view's width."""
    for view in panel.findChildren(pg.GraphicsView):
        if not view.isVisible():
            continue
        width = view.viewport().width()
        for item in view.scene().items():
            if isinstance(item, (pg.PlotItem, pg.ColorBarItem)) and item.isVisible():
                rect = item.sceneBoundingRect()
                assert rect.left() >= -1 and rect.right() <= width + 1, (type(item).__name__, rect, width)


@pytest.mark.parametrize("screen", list(SIZES))
@pytest.mark.parametrize("name", ["spiral", "digits"])
def test_panels_fit_their_docks(qtbot, runs, screen, name):
    SHOTS.mkdir(exist_ok=True)
    for cls, size in ((cls, SIZES[screen][0 if cls in (OutputPanel, PANELS[0]) else 1]) for cls in PANELS):
        panel = cls()
        qtbot.addWidget(panel)
        panel.resize(*size)
        panel.show()
        panel.reset(runs[name].info)
        for snap in runs[name].snaps:
            panel.update_snapshot(snap)
        qtbot.waitExposed(panel)
        qtbot.wait(20)
        _inside(panel)
        assert panel.grab().save(str(SHOTS / f"{cls.__name__}_{name}_{screen}.png"))


def test_output_keeps_its_colour_bar(qtbot, runs):
    """After a neuron hover, and after regression then classification (bug 7)."""
    panel = OutputPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 330)
    panel.show()
    panel.reset(runs["diabetes"].info)
    panel.update_snapshot(runs["diabetes"].snaps[-1])
    for name in ("spiral", "digits"):
        panel.reset(runs[name].info)
        panel.update_snapshot(runs[name].snaps[-1])
        qtbot.wait(20)
        assert panel.color_bar is not None and panel.color_bar.isVisible()
        _inside(panel)
    # the confusion matrix shows all ten columns, the last one included
    x_range = panel.plot.getViewBox().viewRange()[0]
    assert x_range[0] <= -0.5 and x_range[1] >= 9.5
    panel.reset(runs["spiral"].info)
    acts = runs["spiral"].snaps[-1].boundary.activations
    panel.show_neuron("layers.1", 3, acts)
    qtbot.wait(20)
    assert "Neuron 3" in panel.plot.titleLabel.text
    _inside(panel)
    panel.show_neuron(None, 0, acts)
    qtbot.wait(20)
    _inside(panel)


def test_captions_hide_and_come_back(qtbot, runs):
    for cls in PANELS:
        panel = cls()
        qtbot.addWidget(panel)
        panel.resize(500, 300)
        panel.show()
        panel.reset(runs["spiral"].info)
        caption = panel.caption
        assert len(caption.text()) > 40, cls.__name__  # says what the panel shows
        assert caption.label.toolTip()  # the whole text, when the line is cut
        seen = []
        caption.toggled.connect(seen.append)
        qtbot.mouseClick(caption.close_button, pg.QtCore.Qt.LeftButton)
        assert not caption.is_shown() and caption.show_button.isVisible()
        qtbot.mouseClick(caption.show_button, pg.QtCore.Qt.LeftButton)
        assert caption.is_shown() and seen == [False, True]


def test_readout_wraps_and_can_move(qtbot):
    from PySide6.QtGui import QAction

    from gui.panels.controls import Controls

    actions = {name: QAction(name) for name in ("play", "step", "step_epoch", "reset")}
    controls = Controls(actions)
    qtbot.addWidget(controls)
    controls.resize(600, 60)
    controls.show()
    readout = controls.readout
    assert readout.height() >= 2 * readout.fontMetrics().lineSpacing()
    readout.setText(
        "epoch <b>12</b> · step <b>3000</b> · loss <b>0.06362 / 0.06541</b> · accuracy "
        "<b>98.1% / 97.5%</b> · (train / validation) · <b>1,234</b> steps/s"
    )
    assert "0.06541" in readout.toolTip()
    moved = controls.take_readout()
    assert moved is readout and controls.findChild(type(readout)) is None


def test_palette_selection_is_readable(qtbot):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from gui.panels.style import apply_palette

    app = QApplication.instance()
    old = app.palette()
    try:
        apply_palette(app)
        for group in (QPalette.Active, QPalette.Inactive):
            back = app.palette().color(group, QPalette.Highlight)
            text = app.palette().color(group, QPalette.HighlightedText)
            assert abs(back.lightness() - text.lightness()) > 100
    finally:
        app.setPalette(old)
