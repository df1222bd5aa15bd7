"""Image data in the window: the gallery of samples and of misclassified examples,
the output neurons labelled 0-9, the first layer's weights as pictures that follow
training, the enlarged picture on hover, and the Images dock shown for pictures only."""

from __future__ import annotations

import json
import os

import pytest

from core.trainer import Trainer
from gui.panels import image_gallery
from gui.panels.image_gallery import PAGE, ImageGalleryPanel
from gui.panels.network_canvas import NetworkCanvas

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "resources", "examples")
MNIST_LIKE = os.path.join(EXAMPLES, "mnist_like.json")


@pytest.fixture(scope="module")
def trained():
    """The MNIST-shaped example after a few steps: its info and a full snapshot."""
    with open(MNIST_LIKE, encoding="utf-8") as f:
        project = json.load(f)
    t = Trainer(project, base_dir=EXAMPLES)
    t.run(steps=15)
    return t


def full_snapshot(t):
    return t.snapshot(boundary=True, neuron_grid=24, predictions=True)


@pytest.fixture
def gallery(qtbot):
    panel = ImageGalleryPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show()
    return panel


def test_the_gallery_shows_a_page_of_samples_with_their_labels(gallery, trained):
    info = trained.info()
    gallery.reset(info)
    assert gallery.stack.currentWidget() is gallery.tabs
    assert gallery.samples.labels() == [info.class_names[int(y)] for y in info.y_train[:PAGE]]
    assert all(pix.width() == 56 for pix, *_ in gallery.samples.cells)
    gallery.next_button.click()
    assert gallery.page == 1
    assert gallery.samples.labels() == [info.class_names[int(y)] for y in info.y_train[PAGE : 2 * PAGE]]
    gallery.show_page(10**6)  # the last page, however far one asks
    n = len(info.y_train)
    assert len(gallery.samples.cells) == n - gallery.page * PAGE and not gallery.next_button.isEnabled()
    gallery.samples.grab()  # paints


def test_the_misclassified_gallery_matches_the_predictions(gallery, trained, monkeypatch):
    info = trained.info()
    gallery.reset(info)
    snap = full_snapshot(trained)
    wrong = snap.predictions.misclassified
    assert len(wrong) > 0
    gallery.update_snapshot(snap)  # the first one is drawn at once
    names = info.class_names
    assert gallery.misclassified.labels() == [f"{names[t]} → {names[p]}" for _row, t, p in wrong]
    assert all(info.y_val[row] == t and t != p for row, t, p in wrong)
    assert str(len(wrong)) in gallery.wrong_label.full_text()
    # while training, at most MISCLASSIFIED_RATE redraws a second: the next waits for the timer
    monkeypatch.setattr(image_gallery, "MISCLASSIFIED_RATE", 1000.0)
    trained.run(steps=5)
    later = full_snapshot(trained)
    gallery.update_snapshot(later)
    expected = [f"{names[t]} → {names[p]}" for _row, t, p in later.predictions.misclassified]
    assert gallery.misclassified.labels() == expected


def test_the_gallery_says_when_the_data_has_no_pictures(gallery):
    spiral = Trainer(
        {
            "format": "backprop-lab/1",
            "data": {"source": "spiral", "samples": 60},
            "network": {"layers": [{"type": "dense", "units": 2, "activation": "softmax"}]},
            "loss": "cross_entropy",
        }
    )
    gallery.reset(spiral.info())
    assert gallery.stack.currentWidget() is gallery.empty and not gallery.samples.cells
    gallery.update_snapshot(spiral.snapshot(predictions=True))
    assert not gallery.misclassified.cells


def test_digits_show_8x8_pictures(gallery):
    t = Trainer(
        {
            "format": "backprop-lab/1",
            "data": {"source": "digits"},
            "network": {"layers": [{"type": "dense", "units": 10, "activation": "softmax"}]},
            "loss": "cross_entropy",
        }
    )
    gallery.reset(t.info())
    assert gallery.samples.labels()[:5] == [str(int(y)) for y in t.data.y_train[:5]]
    assert gallery.samples.cells[0][0].width() == 56  # 8 pixels, 7 screen pixels each


@pytest.fixture
def canvas(qtbot):
    view = NetworkCanvas()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def first_layer_images(canvas):
    return [n.pixmap.pixmap().toImage() for n in canvas.neurons["layers.0"]]


def test_output_labels_and_weight_pictures_follow_training(qtbot, canvas, trained):
    info = trained.info()
    layers = trained.project["network"]["layers"]
    canvas.set_run_info(info)
    canvas.set_network(layers, info.in_width, info.feature_names)
    labels = [t.text() for t in canvas.columns[-1].class_labels]
    assert labels == [str(i) for i in range(10)]
    snap = full_snapshot(trained)
    canvas.update_snapshot(snap)
    assert canvas.weight_images is snap.weight_images
    before = first_layer_images(canvas)
    assert all(not image.isNull() and image.width() == 28 for image in before)
    trained.run(steps=10)
    canvas.update_snapshot(full_snapshot(trained))
    after = first_layer_images(canvas)
    assert any(a != b for a, b in zip(after, before))
    # a snapshot without pictures keeps the last ones
    canvas.update_snapshot(trained.snapshot())
    assert first_layer_images(canvas) == after
    # hover: the unit's weights, large
    canvas.neuron_hovered.emit("layers.0", 3)
    popup = canvas.unit_popup
    assert popup.isVisible() and popup.picture.pixmap().width() == 28 * 7
    assert "layers.0" in popup.text.text()
    canvas.neuron_hovered.emit("layers.1", 0)  # not a picture layer
    assert not popup.isVisible()
    # a network edit that changes the shapes forgets the pictures and relabels the outputs
    canvas.show_network(layers[:1] + layers[1:2] * 2 + layers[2:])
    assert canvas.weight_images is None
    assert [t.text() for t in canvas.columns[-1].class_labels] == labels


def test_no_labels_or_pictures_for_2d_data(qtbot, canvas):
    t = Trainer(
        {
            "format": "backprop-lab/1",
            "data": {"source": "spiral", "samples": 60, "classes": 3},
            "network": {"layers": [{"type": "dense", "units": 3, "activation": "softmax"}]},
            "loss": "cross_entropy",
        }
    )
    canvas.set_run_info(t.info())
    canvas.set_network(t.project["network"]["layers"], 2, ["x1", "x2"])
    assert canvas.columns[-1].class_labels == []
    canvas.update_snapshot(t.snapshot(boundary=True, neuron_grid=8))
    assert canvas.weight_images is None


def test_the_window_shows_the_images_dock_for_image_data(qtbot, window):
    dock = window.docks["Images"]
    assert not dock.isVisible()  # the spiral
    window.open_example(MNIST_LIKE)
    qtbot.waitUntil(lambda: window.info is not None and window.info.image_shape == (28, 28), timeout=10000)
    qtbot.waitUntil(lambda: dock.isVisible(), timeout=5000)
    assert len(window.image_gallery.samples.cells) == PAGE
    window.actions_by_name["step"].trigger()
    qtbot.waitUntil(lambda: bool(window.image_gallery.misclassified.cells), timeout=10000)
    qtbot.waitUntil(lambda: window.canvas.weight_images is not None, timeout=10000)
    assert [t.text() for t in window.canvas.columns[-1].class_labels] == [str(i) for i in range(10)]
    images = [n.pixmap.pixmap() for n in window.canvas.neurons["layers.0"]]
    assert all(not p.isNull() for p in images)
