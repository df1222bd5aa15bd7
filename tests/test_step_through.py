"""The step-through window, driven as a person would: open it from the Inspect menu,
pick an example, walk with the keys, read the formulas."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from gui.panels.step_formulas import parse

XOR_221 = {
    "format": "backprop-lab/1",
    "seed": 0,
    "data": {"source": "xor", "samples": 40, "validation_split": 0.25},
    "network": {
        "layers": [
            {"type": "dense", "units": 2, "activation": "sigmoid"},
            {"type": "dense", "units": 1, "activation": "sigmoid"},
        ]
    },
    "loss": "mse",
    "training": {"batch_size": 4},
}


WIDE = dict(
    XOR_221,
    loss="cross_entropy",
    network={
        "layers": [
            {"type": "dense", "units": 12, "activation": "relu"},
            {"type": "dropout", "rate": 0.5},
            {"type": "batchnorm"},
            {"type": "residual", "layers": [{"type": "dense", "units": 12, "activation": "tanh"}]},
            {"type": "dense", "units": 2, "activation": "softmax"},
        ]
    },
)


def _open(window, qtbot):
    action = window.actions_by_name["step_through"]
    assert action in window.inspect_menu.actions()
    assert action.shortcut().toString() == "Ctrl+B"
    action.trigger()
    st = window.step_through
    qtbot.waitUntil(lambda: st.graph is not None, timeout=10000)
    return st


def _set_project(window, qtbot, project):
    from gui import commands as cmd

    gen = window.generation
    window.push(cmd.SetNetwork(project["network"]["layers"], "network"))
    window.edit("loss", project["loss"])
    qtbot.waitUntil(lambda: window.generation > gen and window.info is not None, timeout=10000)


NUM = r"\(?−?[0-9.]+(?:e[+−][0-9]+)?\)?"
PRODUCTS = re.compile(rf"{NUM} · {NUM}(?: \+ {NUM}(?: · {NUM})?)*")


def _equations(text: str) -> list[list[str]]:
    """The text's equations as their ' = ' segments (a line starting with '= ' goes on)."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("= ") and out:
            out[-1].append(line[2:])
        elif " = " in line:
            out.append(line.split(" = "))
    return out


def _check_numbers(text: str) -> int:
    """Every written product 'a · b' multiplies out to the written result at 4 significant
    figures, and a written sum of products adds up.  Returns how many were checked."""
    checked = 0
    for segments in _equations(text):
        numeric = [s for s in segments if not re.search(r"[A-Za-df-zσ∂√]", s)]  # "e" writes exponents
        if not numeric or not PRODUCTS.fullmatch(numeric[0]):
            continue
        factors = numeric[0].split(" + ")
        # a written product, or a number added as it is (a bias)
        products = [parse(f.split(" · ")[0]) * parse(f.split(" · ")[1]) if " · " in f else parse(f) for f in factors]
        result = parse(numeric[-1])
        if len(numeric) == 3:
            written = [parse(p) for p in numeric[1].split(" + ")]
            assert len(written) == len(products), segments
            for p, w in zip(products, written):
                assert f"{p:.4g}" == f"{w:.4g}", segments
            assert f"{sum(written):.4g}" == f"{result:.4g}", segments
        else:
            assert len(numeric) == 2 and len(products) == 1, segments
            assert f"{products[0]:.4g}" == f"{result:.4g}", segments
        checked += 1
    return checked


def test_open_pick_walk_and_read(window, qtbot, tmp_path):
    _set_project(window, qtbot, XOR_221)
    st = _open(window, qtbot)
    qtbot.waitUntil(lambda: [n.symbol for n in st.graph.nodes] == ["x", "z₁", "a₁", "z₂", "a₂", "L"], timeout=10000)
    try:
        assert st.isVisible() and not st.isModal()
        assert st.update_area is not None and st.update_area.parent() is st
        # pick validation row 3
        st.part.setCurrentIndex(st.part.findData("val"))
        st.row.setValue(3)
        qtbot.waitUntil(lambda: st.graph.source == {"index": 3, "part": "val"}, timeout=10000)
        st.activateWindow()
        st.view.setFocus()
        assert "Forward: step 1 of" in st.position.text()
        assert st.detail_text().startswith("x[1] = ")
        # → to z₁[1]: the weighted sum, written out and multiplied out
        for _ in range(2):
            qtbot.keyClick(st.view, Qt.Key_Right)
        assert st.detail_text().startswith("z₁[1] = W₁[1,1] · x[1] + W₁[1,2] · x[2] + b₁[1]")
        # End: the last backward step, ∂L/∂x[2]
        qtbot.keyClick(st.view, Qt.Key_End)
        assert "Backward: step" in st.position.text()
        assert st.detail_text().startswith("∂L/∂x[2] = ∂L/∂z₁[1] · W₁[1,2] + ∂L/∂z₁[2] · W₁[2,2]")
        assert "Fan-in sum" in st.detail_text()
        assert _check_numbers(st.detail_text()) >= 1
        # ← walks back through the chain: ∂L/∂z₁[2] = ∂L/∂a₁[2] · σ'(z₁[2]), with its parameters
        for _ in range(2):
            qtbot.keyClick(st.view, Qt.Key_Left)
        text = st.detail_text()
        assert text.startswith("∂L/∂z₁[2] = ∂L/∂a₁[2] · σ'(z₁[2])"), text
        assert "Chain rule" in text and "∂L/∂W₁[2,1] = ∂L/∂z₁[2] · x[1]" in text
        assert _check_numbers(text) >= 3
        # every step of the walk writes numbers that multiply out
        qtbot.keyClick(st.view, Qt.Key_Home)
        assert st.pos == 0
        total = 0
        for _ in range(len(st.walk) - 1):
            st.step_on()
            total += _check_numbers(st.detail_text())
        assert total >= 10
        # the loss's own derivative: mse, 2·(a − y)/1
        st.start_backward()
        st.step_on()
        assert st.detail_text().startswith("∂L/∂a₂[1] = 2 · (a₂[1] − y[1]) / 1")
        # Space plays the walk here, not training
        st.home()
        qtbot.keyClick(st.view, Qt.Key_Space)
        assert st.play_button.isChecked() and not window.playing
        qtbot.waitUntil(lambda: st.pos >= 2, timeout=5000)
        qtbot.keyClick(st.view, Qt.Key_Space)
        assert not st.play_button.isChecked()
        assert not window.playing
        # look at it at 1366x768
        st.resize(1366, 768)
        st._go(len(st.walk) - 4)
        qtbot.wait(20)
        assert st.grab().save(str(tmp_path / "step_through.png"))
    finally:
        st.close()


def test_typed_input_fused_loss_wide_layers_and_refresh(window, qtbot):
    project = dict(XOR_221, loss="bce")
    _set_project(window, qtbot, project)
    st = _open(window, qtbot)
    try:
        qtbot.waitUntil(lambda: st.graph.fused == "sigmoid_bce", timeout=10000)
        st.source.setCurrentIndex(st.source.findData("input"))
        st.input.setText("0.5, abc")
        st.refresh()
        assert st.message.isVisible() and "0.5, abc" in st.message.text()
        st.input.setText("0.5, 0.25")
        st.target.setText("7")
        st.refresh()
        qtbot.waitUntil(lambda: "from 0 to 1" in st.message.text(), timeout=10000)
        st.target.setText("1")
        qtbot.keyClick(st.target, Qt.Key_Return)
        qtbot.waitUntil(lambda: st.graph.source.get("input") == [0.5, 0.25], timeout=10000)
        assert not st.message.isVisible()
        st.start_backward()
        st.step_on()  # after ∂L/∂L: the fused step straight into z₂
        text = st.detail_text()
        assert text.startswith("∂L/∂z₂[1] = a₂[1] − y[1]"), text
        assert "Fused σ + BCE" in text
        # a point clicked on the plane is traced with the typed target
        assert st.pick.isEnabled()
        st.pick.setChecked(True)
        plot = window.output_panel.plot
        view = window.output_panel.widget
        window.docks["Output"].show()
        window.docks["Output"].raise_()
        qtbot.wait(50)
        vb = plot.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        point = vb.mapViewToScene(QPointF((x0 + x1) / 2, (y0 + y1) / 2))
        qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(point))
        qtbot.waitUntil(lambda: "input" in st.graph.source and st.graph.source["input"] != [0.5, 0.25], timeout=10000)
        clicked = st.graph.source["input"]
        assert abs(clicked[0] - (x0 + x1) / 2) < 0.05 * (x1 - x0) and st.graph.source["target"] == 1
        st.pick.setChecked(False)
        st.pick_point(-0.75, 1.5)
        qtbot.waitUntil(lambda: st.graph.source.get("input") == [-0.75, 1.5], timeout=10000)
        assert st.graph.raw_input.tolist() == [-0.75, 1.5]
        # a wide network: layers of more than 8 units are collapsed, one step each
        _set_project(window, qtbot, WIDE)
        qtbot.waitUntil(lambda: st.graph.nodes[1].units == 12, timeout=10000)
        st.source.setCurrentIndex(st.source.findData("row"))
        qtbot.waitUntil(lambda: "index" in st.graph.source, timeout=10000)
        walk = st.walk
        assert ("forward", "layers.0:z", -1) in walk and ("backward", "layers.3:add", -1) in walk
        st._go(walk.index(("backward", "layers.2", -1)))
        assert st.unit.isVisible()
        st.unit.setValue(5)
        text = st.detail_text()
        assert text.startswith("∂L/∂n₁[5] = ∂L/∂r₁[5] · 1 + ∂L/∂z₂[1] · W₂[1,5] +"), text
        assert "∂L/∂γ₁[5] = ∂L/∂n₁[5] · x̂₁[5]" in text
        assert text.count("… (5 more)") == 3  # 12 + 1 terms: 8 written out in symbols, numbers, products
        # training moves the weights: the window asks again and redraws the new numbers
        before = st.graph.param_grads["layers.0.weight"].copy()
        window.controller.step(3)
        qtbot.waitUntil(lambda: (st.graph.param_grads["layers.0.weight"] != before).any(), timeout=10000)
        assert st.view.graph is st.graph
    finally:
        st.close()


def test_the_walk_follows_the_graphs_orders(qtbot):
    """The window's walk is the graph's forward and backward orders, wide nodes once."""
    import numpy as np

    from core.graph import build_graph
    from core.losses import resolve_loss
    from core.network import Network
    from gui.panels.step_graph_view import GraphView
    from gui.panels.step_through import StepThroughWindow

    net = Network.from_spec(
        [{"type": "dense", "units": 9, "activation": "relu"}, {"type": "dense", "units": 2, "activation": "softmax"}],
        3,
        np.random.default_rng(0),
    )
    g = build_graph(net, resolve_loss("cross_entropy", "classification", 2), np.ones(3), np.array(1))
    fake = type("Fake", (), {"view": GraphView()})()
    qtbot.addWidget(fake.view)
    walk = StepThroughWindow._make_walk(fake, g)
    expected = []
    for phase, order in (("forward", g.forward_order()), ("backward", g.backward_order())):
        for node_id, unit in order:
            entry = (phase, node_id, -1 if g.node(node_id).units > 8 else unit)
            if not expected or expected[-1] != entry or entry[2] != -1:
                expected.append(entry)
    assert walk == expected


def test_written_products_and_sums_multiply_out_for_random_numbers():
    import numpy as np

    from core.graph import term
    from gui.panels.step_formulas import products_text

    rng = np.random.default_rng(0)
    for _ in range(500):
        n = int(rng.integers(1, 6))
        scale = 10.0 ** rng.integers(-6, 4, size=(n, 2))
        terms = [term("a", a, "b", b) for a, b in rng.normal(size=(n, 2)) * scale]
        offset = ("b", float(rng.normal())) if rng.random() < 0.3 else None
        value = sum(t.product for t in terms) + (offset[1] if offset else 0.0)
        factors, products, result = products_text(terms, float(np.float32(value)), offset)
        lines = f"s = x\n= {factors}\n" + (f"= {products}\n" if products else "") + f"= {result}"
        assert _check_numbers(lines) == 1, lines


def test_apply_the_update_follows_the_example_walked(window, qtbot):
    """The update pane under the graph shows the optimizer's step on the same example."""
    st = _open(window, qtbot)
    view = st.update_view
    assert view.isHidden()
    st.update_button.setChecked(True)  # as a person clicks it after the backward walk
    qtbot.waitUntil(lambda: view.preview is not None, timeout=10000)
    source = st.graph.source
    expected = window.worker.query("update_preview", source.get("index"), source.get("part", "train")).wait()
    first = expected.tensors[0]
    assert view.preview.tensors[0].name == first.name
    np.testing.assert_array_equal(view.preview.tensors[0].values["new"], first.values["new"])
    # its gradient is the graph's own for that example
    np.testing.assert_allclose(first.values["grad"].reshape(-1), st.graph.param_grads[first.name].reshape(-1))
    st.row.setValue(st.row.value() + 1)  # another example: the update follows it
    qtbot.waitUntil(
        lambda: view.preview is not None and view.preview.index == source.get("index", 0) + 1, timeout=10000
    )
    st.close()


@pytest.mark.qt_log_ignore("does not support (propagateSizeHints|raise|grabbing the keyboard)")
def test_a_weight_and_a_bias_are_typed_in_the_graph(window, qtbot):
    """Double-click an edge into a weighted sum (a weight) or its box (a bias) and type a value:
    the running network takes it, undoably, and the graph shows it."""
    import os

    from core.project import load_project

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    window.doc.new(load_project(os.path.join(root, "resources", "examples", "worked_2_2_1.json")))
    qtbot.waitUntil(lambda: window.info is not None and window.info.in_width == 2, timeout=10000)
    st = _open(window, qtbot)
    view = st.view
    z1 = next(n for n in st.graph.nodes if n.kind == "weighted_sum")
    key = next(k for k in view._edge_ends if k[2] == z1.id and k[1] == 0 and k[3] == 0)
    a, b = view._edge_ends[key]
    middle = (a + b) / 2
    assert view._parameter_at(middle) == (z1.path, "weight", (0, 0), 1.0)
    requests = []
    view.value_edit_requested.connect(lambda *args: requests.append(args))
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(middle))
    assert requests and requests[-1][:4] == (z1.path, "weight", (0, 0), 1.0)
    st._edit_value(*requests[-1])
    st.value_editor.box.setValue(3.0)
    st.value_editor.commit()
    qtbot.waitUntil(
        lambda: st.graph is not None and next(n for n in st.graph.nodes if n.id == z1.id).info["weight"][0, 0] == 3.0,
        timeout=10000,
    )
    unit = view.units[(z1.id, 1)]
    assert view._parameter_at(unit.rect.center()) == (z1.path, "bias", (1,), 0.0)
    window.doc.undo_stack.undo()
    qtbot.waitUntil(lambda: next(n for n in st.graph.nodes if n.id == z1.id).info["weight"][0, 0] == 1.0, timeout=10000)
    st.close()
