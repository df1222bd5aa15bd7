"""The network drawing on its own: non-finite weights, cards that stay put, the
⋯ menu above every card, and networks far larger than a screen."""

from __future__ import annotations

import copy
import time
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from core.project import default_project
from gui.panels.network_canvas import MAX_SHOWN, NetworkCanvas

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def canvas(qtbot):
    view = NetworkCanvas()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    edits = []
    view.edit_requested.connect(edits.append)
    view.edits = edits
    return view


def layers_of(*units, activation="tanh"):
    return [{"type": "dense", "units": u, "activation": activation} for u in units]


def snapshot(weights: dict, activations: dict | None = None):
    """A stand-in for core's Snapshot with only what the canvas reads."""
    layers = [
        SimpleNamespace(path=p, weight=w, weight_grad=np.zeros_like(w), bias=np.zeros(w.shape[0]))
        for p, w in weights.items()
    ]
    boundary = SimpleNamespace(activations=activations) if activations is not None else None
    return SimpleNamespace(layers=layers, boundary=boundary)


def click(qtbot, canvas, widget):
    """Click where ``widget`` (inside a layer card) is drawn on the canvas."""
    header = widget.window()
    proxy = header.graphicsProxyWidget()
    centre = widget.mapTo(header, widget.rect().center())
    pos = canvas.mapFromScene(proxy.mapToScene(centre.x(), centre.y()))
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton, pos=pos)
    return pos


# ---- bugs 1 and 2: NaN and infinity are drawn as missing
def test_non_finite_weights_and_pictures_never_raise(qtbot, canvas):
    canvas.set_network(layers_of(4, 3, 1), 2)
    w0 = np.array([[np.nan, 1.0], [np.inf, -2.0], [0.5, -np.inf], [1e308, 0.0]])
    w1 = np.full((3, 4), np.nan)
    w2 = np.ones((1, 3))
    acts = np.random.default_rng(0).normal(size=(24, 24, 4))
    acts[3, 4, 0] = np.nan
    acts[:, :, 1] = np.inf
    acts[:, :, 2] = np.nan
    canvas.update_snapshot(
        snapshot(
            {"layers.0": w0, "layers.1": w1, "layers.2": w2},
            {"layers.0": acts, "layers.1": np.full((24, 24, 3), np.nan)},
        )
    )
    styles = [line.pen().style() for line in canvas.lines["layers.0"]]
    # lines are (row, col) in order: w0[0, 0] is NaN, w0[1, 0] +inf, w0[2, 1] -inf -> dashed (missing)
    missing = {(line.row, line.col) for line in canvas.lines["layers.0"] if line.pen().style() == Qt.DashLine}
    assert missing == {(0, 0), (1, 0), (2, 1)}
    assert styles.count(Qt.SolidLine) == 5
    assert all(line.pen().style() == Qt.DashLine for line in canvas.lines["layers.1"])
    assert all(n.pixmap.pixmap().width() > 0 for n in canvas.neurons["layers.0"])
    # hovering a NaN weight says so instead of failing
    assert "nan" in canvas.weight_text("layers.0", 0, 0)
    canvas.grab()  # and it paints


def test_stale_weights_of_another_shape_are_ignored(qtbot, canvas):
    canvas.set_network(layers_of(4, 1), 2)
    canvas.update_snapshot(snapshot({"layers.0": np.ones(4), "layers.1": np.ones((9, 9))}))
    canvas.grab()


# ---- bug 8: a card stays where it is after "+"
def test_a_second_click_on_plus_lands_on_plus(qtbot, canvas):
    layers = layers_of(8, 8, 1)
    canvas.set_network(layers, 2)

    def apply(command):
        nonlocal layers
        layers = command.edit(layers)
        canvas.show_network(layers)

    canvas.edit_requested.connect(apply)
    plus = canvas.header_for((0,)).plus
    first = click(qtbot, canvas, plus)
    qtbot.waitUntil(lambda: layers[0]["units"] == 9, timeout=2000)
    plus = canvas.header_for((0,)).plus
    assert click(qtbot, canvas, plus) == first  # the same place on screen
    qtbot.waitUntil(lambda: layers[0]["units"] == 10, timeout=2000)
    assert layers[0]["activation"] == "tanh"
    assert len(canvas.neurons["layers.0"]) == 10


# ---- bug 12: the ⋯ menu is a real pop-up, drawn above every card
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_the_layer_menu_is_a_popup_above_the_next_card(qtbot, canvas):
    canvas.set_network(layers_of(8, 8, 1), 2)
    header = canvas.header_for((0,))
    click(qtbot, canvas, header.menu_button)
    qtbot.waitUntil(lambda: isinstance(canvas.last_menu, QMenu) and canvas.last_menu.isVisible(), timeout=2000)
    menu = canvas.last_menu
    assert menu.graphicsProxyWidget() is None, "a menu embedded in the scene is drawn under later cards"
    assert menu.isWindow()
    assert [a.text() for a in menu.actions() if a.text()][0] == "Insert dense layer before"
    menu.close()


def test_the_card_under_the_mouse_is_raised(qtbot, canvas):
    canvas.set_network(layers_of(8, 8, 1), 2)
    proxies = [proxy for _p, proxy, _x in canvas.headers]
    pos = canvas.mapFromScene(proxies[0].mapToScene(proxies[0].boundingRect().center()))
    qtbot.mouseMove(canvas.viewport(), pos)
    qtbot.waitUntil(lambda: proxies[0].zValue() > proxies[1].zValue(), timeout=2000)


# ---- scale: draw what a person can see
def test_a_100000_unit_layer_draws_at_once(qtbot, canvas):
    start = time.perf_counter()
    canvas.set_network(layers_of(100_000, 100_000, 1), 100_000)
    QApplication.processEvents()
    assert time.perf_counter() - start < 2.0
    assert len(canvas.neurons["layers.0"]) == MAX_SHOWN
    assert sum(len(lines) for lines in canvas.lines.values()) <= 2 * MAX_SHOWN * MAX_SHOWN + MAX_SHOWN
    texts = [item.text() for item in canvas.scene().items() if hasattr(item, "text") and callable(item.text)]
    assert any("99,988 more" in t for t in texts)


def test_two_hundred_layers_open_and_stay_responsive(qtbot, canvas):
    layers = layers_of(*([8] * 199), 1)
    start = time.perf_counter()
    canvas.set_network(layers, 2)
    QApplication.processEvents()
    canvas.grab()
    assert time.perf_counter() - start < 2.0
    assert len(canvas.columns) == 201
    assert len(canvas.headers) < 40, "cards are made for the columns in view"
    weights = {f"layers.{i}": np.full((8, 8 if i else 2), 0.5) for i in range(199)}
    weights["layers.199"] = np.ones((1, 8))
    start = time.perf_counter()
    for _ in range(10):
        canvas.update_snapshot(snapshot(weights))
    assert (time.perf_counter() - start) / 10 < 0.05
    # scrolling to the end makes the cards there
    canvas.horizontalScrollBar().setValue(canvas.horizontalScrollBar().maximum())
    qtbot.waitUntil(lambda: any(p == (199,) for p, _proxy, _x in canvas.headers), timeout=2000)
    # an edit far along touches only its columns
    bodies = canvas.bodies_built
    layers = copy.deepcopy(layers)
    layers[150]["units"] = 5
    start = time.perf_counter()
    canvas.show_network(layers)
    assert time.perf_counter() - start < 0.2
    assert canvas.bodies_built - bodies == 2


def test_residual_blocks_draw_a_skip_arc_each(qtbot, canvas):
    project = default_project()
    layers = project["network"]["layers"]
    layers[1] = {"type": "residual", "layers": [layers[1]]}
    canvas.set_network(layers, 2)
    assert len(canvas.arcs) == 2  # the arc and its label
    assert canvas.neurons.keys() == {"layers.0", "layers.1.layers.0", "layers.2"}


def drawing(canvas):
    """What a person sees, column by column: kind, path, neurons, lines, card title."""
    out = []
    for c in canvas.columns:
        title = c.header.title.text() if c.header is not None else None
        count = c.header.count.text() if c.header is not None and c.header.count is not None else None
        out.append((c.kind, c.path, c.key, len(c.neurons), len(c.lines), round(c.x), title, count))
    return out, sorted(round(item.path().boundingRect().left()) for item in canvas.arcs if hasattr(item, "path"))


def test_edits_in_place_draw_what_a_fresh_drawing_draws(qtbot, canvas):
    """Random sequences of edits, applied in place, against the same network drawn anew."""
    from core.registry import ConfigError
    from core.shapes import describe_layers
    from gui import commands as cmd

    rng = np.random.default_rng(7)
    layers = layers_of(6, 5, 1)
    canvas.set_network(layers, 3)
    fresh = NetworkCanvas()
    qtbot.addWidget(fresh)
    fresh.resize(1000, 600)
    for _ in range(60):
        paths = [s.path for s in describe_layers(layers, 3)]
        path = paths[rng.integers(len(paths))]
        choice = rng.integers(6)
        if choice == 0:
            command = cmd.ChangeUnits(path, int(rng.integers(1, 15)))
        elif choice == 1:
            command = cmd.InsertLayer(path, {"type": ["dense", "dropout", "batchnorm"][rng.integers(3)], "units": 4})
        elif choice == 2:
            command = cmd.RemoveLayer(path)
        elif choice == 3:
            command = cmd.MoveLayer(path, int(rng.integers(0, 4)))
        elif choice == 4:
            command = cmd.WrapResidual(path)
        else:
            command = cmd.UnwrapResidual(path[:-1]) if len(path) > 1 else cmd.SetActivation(path, "relu")
        try:
            new = command.edit(layers)
            for spec in new:  # dropout and batch norm take no units
                if spec.get("type") in ("dropout", "batchnorm"):
                    spec.pop("units", None)
            describe_layers(new, 3)
        except (ConfigError, IndexError, KeyError, TypeError):
            continue  # the document refuses it
        if not new:
            continue
        layers = new
        canvas.show_network(layers)
        fresh.set_network(layers, 3)
        for view in (canvas, fresh):
            view.header_for(view.columns[-1].path)  # cards for every column compared below
            for column in view.columns:
                column.ensure_header()
        assert drawing(canvas) == drawing(fresh), layers
