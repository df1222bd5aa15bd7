"""The window driven as a person would: clicks, keys, slider drags, menus with
patched file dialogs; checks look at what the window shows."""

from __future__ import annotations

import csv
import json
import os

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QSpinBox, QToolButton

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def on_worker(win, path, *args):
    """``trainer.<path>`` asked of the training process (as the window does)."""
    return win.worker.query(path, *args).wait()


def steps(win) -> int:
    return on_worker(win, "step_count")


def wait_steps(qtbot, win, n, timeout=10000):
    qtbot.waitUntil(lambda: steps(win) >= n, timeout=timeout)


def header_buttons(win, name):
    """Buttons in the layer headers drawn on the canvas, left to right."""
    found = []
    for _path, proxy, _x in win.canvas.headers:
        found += [b for b in proxy.widget().findChildren(QToolButton) if b.objectName() == name]
    return found


def click_on_canvas(qtbot, canvas, widget):
    """Click where ``widget`` (inside a layer header) is drawn on the canvas, as a person would."""
    header = widget.window()
    proxy = header.graphicsProxyWidget()
    centre = widget.mapTo(header, widget.rect().center())
    view_pos = canvas.mapFromScene(proxy.mapToScene(centre.x(), centre.y()))
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton, pos=view_pos)


def plotted_points(panel) -> int:
    """Points in the data items of every plot of a panel (what a person sees drawn)."""
    total = 0
    for item in panel.plot_items().values():
        for data_item in item.listDataItems():
            x, _y = data_item.getData()
            if x is not None:
                total += len(x)
    return total


def test_first_run_trains_with_one_key(qtbot, window):
    """Open the app, press Space: the network trains and the read-out says so."""
    qtbot.keyClick(window.canvas, Qt.Key_Space)
    wait_steps(qtbot, window, 50)
    qtbot.keyClick(window.canvas, Qt.Key_Space)
    qtbot.waitUntil(lambda: not window.playing, timeout=5000)
    n = steps(window)
    assert n >= 50
    # the window shows the step it stopped at, and the curves and histograms have data
    qtbot.waitUntil(lambda: f"step <b>{n}</b>" in window.controls.readout.text(), timeout=5000)
    assert plotted_points(window.loss_panel) > 0
    for panel in (window.grad_hist_panel, window.weight_hist_panel, window.grad_norm_panel):
        assert plotted_points(panel) > 0, panel.title
    # every layer's own histogram has counts, not just the panel as a whole
    for panel in (window.grad_hist_panel, window.weight_hist_panel):
        items = panel.plot_items()
        assert len(items) == 3
        for name, item in items.items():
            counts = [data.getData()[1] for data in item.listDataItems()]
            assert counts and sum(float(np.sum(c)) for c in counts) > 0, (panel.title, name)


def test_build_with_plus_controls_and_undo(qtbot, window):
    layers = lambda: window.doc.project["network"]["layers"]  # noqa: E731
    assert layers()[0]["units"] == 8
    plus = header_buttons(window, "unitsPlus")
    click_on_canvas(qtbot, window.canvas, plus[0])
    qtbot.waitUntil(lambda: layers()[0]["units"] == 9, timeout=2000)
    window.actions_by_name["add_layer"].trigger()
    assert len(layers()) == 4
    qtbot.waitUntil(lambda: window.info is not None and len(window.info.layers) == 4, timeout=5000)
    # every layer drawn: the canvas has a header per layer and neurons for the new layer
    assert len(window.canvas.headers) == 4
    assert len(window.canvas.neurons["layers.2"]) == 8
    assert "re-initialised" in window.statusBar().currentMessage()
    window.actions_by_name["undo"].trigger()
    assert len(layers()) == 3
    window.actions_by_name["undo"].trigger()
    assert layers()[0]["units"] == 8
    assert not window.doc.modified
    window.actions_by_name["redo"].trigger()
    assert layers()[0]["units"] == 9
    assert "*" in window.windowTitle()


def test_step_exactly_one_batch(qtbot, window):
    before = steps(window)
    qtbot.mouseClick(window.controls.findChild(QToolButton, "button_step"), Qt.LeftButton)
    qtbot.waitUntil(lambda: steps(window) == before + 1, timeout=5000)
    qtbot.wait(200)
    assert steps(window) == before + 1
    qtbot.waitUntil(lambda: f"step <b>{before + 1}</b>" in window.controls.readout.text(), timeout=5000)


def test_step_one_epoch(qtbot, window):
    window.actions_by_name["step_epoch"].trigger()
    per_epoch = window.info.steps_per_epoch
    qtbot.waitUntil(lambda: steps(window) == per_epoch, timeout=5000)
    qtbot.wait(100)
    assert on_worker(window, "epoch") == 1


def test_learning_rate_slider_takes_effect_next_step(qtbot, window):
    window.worker.set_speed("fast")
    window.worker.set_training_option("epochs", 10**6)  # never runs out while the test looks
    window.actions_by_name["play"].trigger()
    wait_steps(qtbot, window, 20)
    slider = window.training_panel.lr.slider
    slider.setValue(slider.minimum() + 40)  # as a drag would
    new_lr = window.doc.project["optimizer"]["lr"]
    assert new_lr < 1e-3
    assert window.training_panel.lr.label.text() == f"{new_lr:.3g}"
    changed_at = steps(window)
    wait_steps(qtbot, window, changed_at + 10)
    window.actions_by_name["play"].trigger()
    qtbot.waitUntil(lambda: not window.playing, timeout=5000)
    columns = on_worker(window, "history.columns")
    lrs = list(zip(columns["step"], columns["lr"]))
    assert lrs[0][1] == pytest.approx(0.03)
    after = [lr for step, lr in lrs if step > changed_at + 2]
    assert after and all(lr == pytest.approx(new_lr) for lr in after)


def test_optimizer_change_shows_only_its_parameters(qtbot, window):
    combo = window.training_panel.optimizer
    combo.setCurrentText("sgd")
    combo.activated.emit(combo.currentIndex())
    assert window.doc.project["optimizer"]["name"] == "sgd"
    form = window.training_panel.opt_form
    assert set(form.editors) == {"momentum", "dampening", "nesterov", "weight_decay"}
    form.editors["momentum"].setValue(0.9)
    assert window.doc.project["optimizer"]["momentum"] == 0.9
    qtbot.waitUntil(lambda: on_worker(window, "optimizer.group").get("momentum") == 0.9, timeout=5000)


def test_invalid_edit_is_refused_with_a_message(qtbot, window):
    training = dict(window.doc.project["training"])
    training["early_stopping"] = {"patience": 5}
    data = dict(window.doc.project["data"], validation_split=0.0)
    assert window.edit("data", data, "split")
    assert not window.edit("training", training, "early")
    assert window.banner.isVisible()
    assert "validation" in window.banner.text()


def test_exports_read_back(qtbot, window, tmp_path, monkeypatch):
    window.worker.step(25)
    wait_steps(qtbot, window, 25)
    qtbot.wait(200)
    target = {}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target["path"], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "all"))
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a))

    target["path"] = str(tmp_path / "w.npz")
    window.actions_by_name["export_weights"].trigger()
    qtbot.waitUntil(lambda: (tmp_path / "w.npz").exists(), timeout=5000)
    with np.load(tmp_path / "w.npz", allow_pickle=False) as npz:
        assert {"input.mean", "input.std", "input.features"} <= set(npz.files)  # usable alone
        assert sorted(k for k in npz.files if not k.startswith("input.")) == [
            "layers.0.bias",
            "layers.0.weight",
            "layers.1.bias",
            "layers.1.weight",
            "layers.2.bias",
            "layers.2.weight",
        ]
        assert npz["layers.0.weight"].shape == (8, 2)
        assert npz["layers.2.weight"].shape == (1, 8)

    target["path"] = str(tmp_path / "h.csv")
    window.actions_by_name["export_history"].trigger()
    qtbot.waitUntil(lambda: (tmp_path / "h.csv").exists(), timeout=5000)
    rows = list(csv.DictReader(open(tmp_path / "h.csv")))
    assert len(rows) == 25 and rows[-1]["step"] == "25"

    target["path"] = str(tmp_path / "p.json")
    window.actions_by_name["save_as"].trigger()
    assert json.load(open(tmp_path / "p.json"))["format"] == "backprop-lab/1"
    assert not window.doc.modified

    names = list(window.plot_items())
    assert any("Loss" in n for n in names)
    for fmt in ("png", "svg", "csv"):
        target["path"] = str(tmp_path / f"loss.{fmt}")
        window.export_plot_dialog(names[0], fmt)
    assert not QImage(str(tmp_path / "loss.png")).isNull()
    assert (tmp_path / "loss.svg").read_text().lstrip().startswith("<?xml")
    assert list(csv.reader(open(tmp_path / "loss.csv")))

    window.actions_by_name["export_all"].trigger()
    folder = tmp_path / "all"
    qtbot.waitUntil(lambda: (folder / "network.png").exists(), timeout=5000)
    for name in ("project.json", "weights.npz", "history.csv", "report.json", "network.png"):
        assert (folder / name).exists(), name
    assert len(list(folder.glob("*.png"))) >= 4
    assert json.load(open(folder / "report.json"))["steps"] == 25
    assert not errors


def test_bad_project_file_shows_error_and_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "backprop-lab/1", "data": {"source": "spiral"}, '
        '"network": {"layers": [{"type": "dense", "units": 1, "activation": "reluu"}]}}'
    )
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    before = json.dumps(window.doc.project, sort_keys=True)
    for path in (bad, broken):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, p=path, **k: (str(p), ""))
        window.actions_by_name["open"].trigger()
    assert "reluu" in shown[0] and "activation" in shown[0]
    assert "not valid JSON" in shown[1]
    assert json.dumps(window.doc.project, sort_keys=True) == before


def test_bad_weights_file_is_refused(qtbot, window, tmp_path, monkeypatch):
    np.savez(tmp_path / "w.npz", **{"layers.0.weight": np.zeros((3, 3))})
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "w.npz"), ""))
    window.actions_by_name["load_weights"].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "layers.0" in shown[0]


def test_open_example_and_divergence_message(qtbot, window):
    import glob
    import os

    from gui.main_window import EXAMPLES_DIR

    examples = sorted(glob.glob(os.path.join(EXAMPLES_DIR, "*.json")))
    assert examples, "File > Examples is empty"
    exploding = [p for p in examples if "explod" in os.path.basename(p)]
    if not exploding:
        pytest.skip("no exploding example yet")
    window.open_example(exploding[0])
    qtbot.waitUntil(lambda: window.info is not None and window.info.data_name != "spiral", timeout=5000)
    assert window.doc.path is None
    assert window.description.isVisible() and "Exploding" in window.description.text()
    window.actions_by_name["play"].trigger()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=20000)
    text = window.banner.text()
    assert "step" in text and "layer" in text.lower() and "learning rate" in text
    assert not window.playing


def test_close_during_training_joins_the_thread(qtbot, settings, monkeypatch):
    from gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_confirm_discard", lambda self: True)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.info is not None, timeout=10000)
    win.actions_by_name["play"].trigger()
    wait_steps(qtbot, win, 30)
    win.close()
    assert not win.worker.isRunning()
    assert settings.value("geometry") is not None


def header_menu(win, index):
    """The ⋯ menu of the layer header at ``index`` (left to right)."""
    header = win.canvas.headers[index][1].widget()
    return {a.text(): a for a in header.make_menu().actions() if a.text()}


def test_layer_menu_inserts_wraps_and_moves(qtbot, window):
    layers = lambda: window.doc.project["network"]["layers"]  # noqa: E731
    header_menu(window, 0)["Insert batch norm after"].trigger()
    qtbot.waitUntil(lambda: [la["type"] for la in layers()] == ["dense", "batchnorm", "dense", "dense"], timeout=2000)
    qtbot.waitUntil(lambda: len(window.canvas.headers) == 4, timeout=2000)
    header_menu(window, 2)["Wrap in residual block"].trigger()
    qtbot.waitUntil(lambda: layers()[2]["type"] == "residual", timeout=2000)
    qtbot.waitUntil(lambda: window.info is not None and any(la.depth == 1 for la in window.info.layers), timeout=5000)
    header_menu(window, 1)["Move left"].trigger()
    qtbot.waitUntil(lambda: layers()[0]["type"] == "batchnorm", timeout=2000)
    # dragging a title onto another place does the same through the canvas
    window.canvas.move_to_x((0,), window.canvas.headers[1][2] + 10)
    qtbot.waitUntil(lambda: layers()[1]["type"] == "batchnorm", timeout=2000)
    for _ in range(4):
        window.actions_by_name["undo"].trigger()
    assert [la["type"] for la in layers()] == ["dense", "dense", "dense"]


def test_clicking_a_layer_opens_the_inspector(qtbot, window):
    title = [proxy.widget().title for _p, proxy, _x in window.canvas.headers][1]
    click_on_canvas(qtbot, window.canvas, title)
    qtbot.waitUntil(lambda: window.docks["Layer"].isVisible(), timeout=2000)
    assert "layers.1" in window.inspector.content.findChild(QLabel, "inspectorTitle").text()
    units = window.inspector.content.findChild(QSpinBox, "param_units")
    units.setValue(5)
    qtbot.waitUntil(lambda: window.doc.project["network"]["layers"][1]["units"] == 5, timeout=2000)
    qtbot.waitUntil(lambda: "re-initialised" in window.statusBar().currentMessage(), timeout=2000)


def test_space_in_a_text_field_types_instead_of_playing(qtbot, window):
    window.docks["Data"].show()
    window.data_panel.file_row.setEnabled(True)  # as for a CSV data set
    field = window.data_panel.path
    field.setFocus()
    qtbot.keyClick(field, Qt.Key_Space)
    qtbot.wait(200)
    assert not window.playing
    assert field.text() == " "


def test_hovering_a_neuron_shows_its_output(qtbot, window):
    window.worker.step(5)
    wait_steps(qtbot, window, 5)
    qtbot.waitUntil(lambda: "layers.0" in window._activations, timeout=5000)
    neuron = window.canvas.neurons["layers.0"][3]
    window.canvas.neuron_hovered.emit(neuron.path, neuron.unit)
    assert "Neuron 3" in window.output_panel.plot.titleLabel.text
    window.canvas.neuron_hovered.emit(None, -1)
    assert "Neuron" not in window.output_panel.plot.titleLabel.text


def test_unsaved_edits_survive_a_crash(qtbot, settings, monkeypatch):
    """Every edit is written to a recovery file; after a crash the next start offers it."""
    from gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_confirm_discard", lambda self: True)
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: first.info is not None, timeout=10000)
    first.actions_by_name["add_layer"].trigger()
    # written off the edit path, a moment after the last edit
    assert not os.path.exists(first.recovery_path)
    qtbot.waitUntil(lambda: os.path.exists(first.recovery_path), timeout=3000)
    first.worker.stop()  # a crash: no closeEvent, the recovery file stays
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.Yes)
    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: second.info is not None, timeout=10000)
    assert asked and len(second.doc.project["network"]["layers"]) == 4
    assert second.doc.modified and "*" in second.windowTitle()
    second.close()
    assert not os.path.exists(second.recovery_path)  # closed on purpose
    first.doc.undo_stack.clear()


def test_a_failed_build_then_an_edit_recovers_without_a_dialog(qtbot, window, monkeypatch):
    dialogs = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: dialogs.append(a))
    data = {"source": "csv", "path": "missing.csv", "target": "y"}
    window.edit("data", data, "csv")  # valid project, but the file is not there: the build fails
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5000)
    assert "missing.csv" in window.banner.text()
    layers = [dict(la) for la in window.doc.project["network"]["layers"]]
    layers[0]["activation"] = "relu"  # same shapes: the window asks for the weights to keep
    window.edit("network", {"layers": layers}, "activation")
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()  # back to the spiral: builds again
    qtbot.waitUntil(lambda: window.info is not None and window.info.data_name == "spiral", timeout=5000)
    assert not dialogs


@pytest.mark.parametrize("size", [(1366, 768), (1600, 1000), (1920, 1080)])
def test_layout_fits_common_screens(qtbot, window, size, tmp_path):
    """Every dock keeps room to be read, and the read-out is not cut off."""
    from PySide6.QtWidgets import QApplication

    area = window.screen().availableGeometry()
    if area.width() >= 1366 and area.height() >= 740:  # a real screen (offscreen's is 800x800)
        assert window.width() <= area.width() and window.height() <= area.height()
    window.resize(*size)
    window._size_docks()
    for _ in range(5):
        QApplication.processEvents()
    assert window.docks["Loss"].height() >= 190
    assert window.docks["Output"].height() >= 170
    assert window.loss_panel.accuracy_widget.height() >= 60
    assert window.docks["Gradient histograms"].height() >= 140
    assert window.controls.readout.width() >= 450
    assert window.canvas.height() >= 240
    window.grab().save(str(tmp_path / f"window_{size[0]}x{size[1]}.png"))
