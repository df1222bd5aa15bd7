"""Paint the data on the Output plane: click adds a point of the chosen class, a drag paints
several as one edit, right click removes the nearest; undo, redo and save/reopen keep the points."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from gui.panels.paint_data import current_points, painted, points_spec

SMALL = {"source": "xor", "samples": 20, "validation_split": 0.25, "standardize": True}


def _viewport_pos(window, x, y):
    plot = window.output_panel.plot
    view = window.output_panel.widget
    return view.mapFromScene(plot.getViewBox().mapViewToScene(QPointF(x, y)))


def _wait_built(window, qtbot, before):
    """Wait for the build after an edit (``before``: the RunInfo shown before it) and its plot."""
    qtbot.waitUntil(lambda: window.info is not None and window.info is not before, timeout=10000)
    qtbot.waitUntil(lambda: window.output_panel.paint.info is window.info, timeout=10000)
    # the new plot has its size and its range before a click is mapped onto it
    vb = window.output_panel.plot.getViewBox()
    qtbot.waitUntil(lambda: vb.sceneBoundingRect().width() > 50, timeout=10000)
    qtbot.wait(50)
    vb.updateAutoRange()


def test_paint_click_drag_remove_undo_and_reopen(window, qtbot, tmp_path):
    before = window.info
    window.edit("data", dict(SMALL))
    _wait_built(window, qtbot, before)
    window.docks["Output"].show()
    window.docks["Output"].raise_()
    panel = window.output_panel
    paint = panel.paint
    assert paint.toggle.isVisible() and paint.picker.count() == 2
    info = window.info
    n0 = len(info.raw_x_train) + len(info.raw_x_val)
    assert n0 == 20
    # not painting: a click changes nothing
    view = panel.widget
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=_viewport_pos(window, 0.0, 0.0))
    assert window.doc.project["data"]["source"] == "xor"
    kept = {}  # generation -> the weights were kept
    window.worker.built_detail.connect(lambda gen, k: kept.__setitem__(gen, k))
    # the first click converts the data into points and adds one of class 1
    paint.toggle.setChecked(True)
    paint.picker.setCurrentIndex(1)
    (x0, x1), (y0, y1) = panel.plot.getViewBox().viewRange()
    cx, cy = x0 + 0.3 * (x1 - x0), y0 + 0.6 * (y1 - y0)
    before = window.info
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=_viewport_pos(window, cx, cy))
    _wait_built(window, qtbot, before)
    data = window.doc.project["data"]
    assert data["source"] == "points" and len(data["x"]) == n0 + 1 and data["y"][-1] == 1
    assert data["validation_split"] == 0.25 and data["standardize"] is True
    assert abs(data["x"][-1][0] - cx) < 0.03 * (x1 - x0) and abs(data["x"][-1][1] - cy) < 0.03 * (y1 - y0)
    assert paint.toggle.isChecked() and paint.painting  # paint mode survives the rebuild
    # the network keeps its weights: it goes on learning the edited set
    qtbot.waitUntil(lambda: kept.get(window.generation) is True, timeout=10000)
    # a drag of class 0 is one edit of several points
    paint.picker.setCurrentIndex(0)
    steps = window.doc.undo_stack.count()
    start, end = _viewport_pos(window, x0 + 0.2 * (x1 - x0), cy), _viewport_pos(window, x0 + 0.8 * (x1 - x0), cy)
    vp = view.viewport()
    before = window.info
    qtbot.mousePress(vp, Qt.LeftButton, pos=start)
    for i in range(1, 11):
        p = start + (end - start) * (i / 10)
        qtbot.mouseMove(vp, pos=p)
        _send_move(vp, p)
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=end)
    _wait_built(window, qtbot, before)
    data = window.doc.project["data"]
    added = len(data["x"]) - (n0 + 1)
    assert added >= 3 and data["y"][-added:] == [0] * added
    assert window.doc.undo_stack.count() == steps + 1
    qtbot.waitUntil(lambda: kept.get(window.generation) is True, timeout=10000)
    # right click removes the nearest point (the one painted first)
    before = window.info
    qtbot.mouseClick(vp, Qt.RightButton, pos=_viewport_pos(window, cx, cy))
    _wait_built(window, qtbot, before)
    assert len(window.doc.project["data"]["x"]) == n0 + added
    assert [cx, cy] not in window.doc.project["data"]["x"]
    # undo takes the removal back, then the drag; redo paints it again
    window.doc.undo_stack.undo()
    assert len(window.doc.project["data"]["x"]) == n0 + 1 + added
    window.doc.undo_stack.undo()
    assert len(window.doc.project["data"]["x"]) == n0 + 1
    window.doc.undo_stack.redo()
    assert len(window.doc.project["data"]["x"]) == n0 + 1 + added
    saved = window.doc.project["data"]
    # Escape leaves paint mode
    panel.widget.setFocus()
    qtbot.keyClick(panel.widget, Qt.Key_Escape)
    assert not paint.toggle.isChecked()
    # save and reopen: the points are in the file
    path = tmp_path / "painted.json"
    window.doc.save(str(path))
    before = window.info
    assert window.open_project(str(path))
    _wait_built(window, qtbot, before)
    assert window.doc.project["data"]["x"] == saved["x"] and window.doc.project["data"]["y"] == saved["y"]
    qtbot.waitUntil(lambda: len(window.info.raw_x_train) + len(window.info.raw_x_val) == n0 + 1 + added, timeout=10000)


def _send_move(widget, pos):
    """qtbot.mouseMove sends no buttons: a move with the left button held, as a drag does."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    local = QPointF(pos)
    event = QMouseEvent(QEvent.MouseMove, local, widget.mapToGlobal(local), Qt.NoButton, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, event)


class _Info:
    def __init__(self, x_train, x_val, y_train, y_val):
        import numpy as np

        self.raw_x_train, self.raw_x_val = np.array(x_train), np.array(x_val)
        self.y_train, self.y_val = np.array(y_train), np.array(y_val)


def test_conversion_keeps_every_row_in_order_and_the_options():
    info = _Info([[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6]], [0, 1], [1])
    x, y = current_points({"source": "spiral"}, info)
    assert x == [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]] and y == [0, 1, 1]
    spec = points_spec({"source": "spiral", "validation_split": 0.3, "standardize": False, "features": ["x1"]}, x, y)
    assert spec["validation_split"] == 0.3 and spec["standardize"] is False and spec["features"] == ["x1"]
    # points already: the rows as written, not the split ones
    assert current_points({"source": "points", "x": [[1, 2]], "y": [0]}, info) == ([[1, 2]], [0])


def test_painted_edits_keep_the_weights_other_data_edits_do_not():
    pts = {"source": "points", "x": [[0.0, 1.0]], "y": [0]}
    assert painted({"source": "spiral"}, pts) and painted(pts, {"source": "moons"}) and painted(pts, dict(pts))
    assert not painted({"source": "spiral"}, {"source": "moons"})
    assert not painted({"source": "digits"}, pts)
    assert not painted(pts, {"source": "points", "x": [[0.0, 1.0, 2.0]], "y": [0]})
    assert not painted({"source": "spiral", "features": ["x1"]}, pts)
