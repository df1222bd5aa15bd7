"""Image data in the engine: IDX files (plain and gzipped) know their picture shape,
the MNIST-shaped example's files and project, misclassified rows and weight pictures
in snapshots (issue 12, "Images you can see")."""

from __future__ import annotations

import gzip
import json
import os

import numpy as np
import pytest

from core import snapshot as snapshot_module
from core.datafiles import load_idx, read_idx
from core.trainer import Trainer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "resources", "examples")
MNIST_LIKE = os.path.join(EXAMPLES, "data", "mnist_like")


def _script():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_mnist_like", os.path.join(ROOT, "scripts", "make_mnist_like.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("gz, suffix", [(False, ""), (True, ".gz"), (True, ""), (False, ".idx")])
def test_idx_round_trip_plain_and_gzipped(tmp_path, gz, suffix):
    """Gzipped or not, named .gz or not (a gzipped file is known by its first bytes)."""
    make = _script()
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(7, 5, 3), dtype=np.uint8)
    labels = np.array([3, 1, 4, 1, 5, 9, 2], np.uint8)
    paths = []
    for name, array in (("img", images), ("lab", labels)):
        path = str(tmp_path / (name + suffix))
        data = make.idx_bytes(array)
        with open(path, "wb") as f:
            f.write(gzip.compress(data) if gz else data)
        paths.append(path)
    np.testing.assert_array_equal(read_idx(paths[0]), images)
    ds = load_idx(*paths)
    assert ds.image_shape == (5, 3)
    assert ds.class_names == ["1", "2", "3", "4", "5", "9"]
    np.testing.assert_array_equal(ds.x, images.reshape(7, -1) / 255.0)
    np.testing.assert_array_equal(np.array(ds.class_names)[ds.y], labels.astype(str))


def test_rows_of_numbers_in_idx_are_not_pictures(tmp_path):
    make = _script()
    (tmp_path / "x").write_bytes(make.idx_bytes(np.zeros((4, 6), np.uint8)))
    (tmp_path / "y").write_bytes(make.idx_bytes(np.array([0, 1, 0, 1], np.uint8)))
    assert load_idx(str(tmp_path / "x"), str(tmp_path / "y")).image_shape is None


def test_the_script_writes_mnist_shaped_files(tmp_path):
    make = _script()
    images_path, labels_path = make.make(str(tmp_path))
    images, labels = read_idx(images_path), read_idx(labels_path)
    assert images.shape == (1797, 28, 28) and images.dtype == np.dtype(">u1")
    assert labels.shape == (1797,) and set(np.unique(labels)) == set(range(10))
    assert images.max() == 255 and images.min() == 0
    from sklearn.datasets import load_digits

    digits = load_digits()
    np.testing.assert_array_equal(labels, digits.target)
    # the upscaled picture is the 8x8 one: averaging 28x28 back down keeps its bright pixels bright
    small = images[0].astype(float)
    assert np.corrcoef(make.upscale(digits.images[:1])[0].ravel(), small.ravel())[0, 1] == pytest.approx(1.0)
    # the committed files are what the script writes
    for path in (images_path, labels_path):
        with open(path, "rb") as a, open(os.path.join(MNIST_LIKE, os.path.basename(path)), "rb") as b:
            assert a.read() == b.read()


def test_the_bundled_files_stay_small():
    total = sum(os.path.getsize(os.path.join(MNIST_LIKE, n)) for n in os.listdir(MNIST_LIKE))
    assert total < 1_500_000


def mnist_like(**training):
    with open(os.path.join(EXAMPLES, "mnist_like.json"), encoding="utf-8") as f:
        project = json.load(f)
    project["training"].update(training)
    return project


def test_the_mnist_like_example_trains_above_chance():
    project = mnist_like()
    assert [layer.get("units") for layer in project["network"]["layers"]] == [16, 16, 10]
    t = Trainer(project, base_dir=EXAMPLES)
    assert t.data.in_width == 784 and t.data.image_shape == (28, 28)
    info = t.info()
    assert info.image_shape == (28, 28) and info.class_names == [str(i) for i in range(10)]
    t.run(epochs=4)
    assert t.evaluate()["val_accuracy"] > 0.6  # chance is 0.1


def test_digits_know_their_shape_and_features_drop_it():
    t = Trainer(
        {
            "format": "backprop-lab/1",
            "data": {"source": "digits"},
            "network": {"layers": [{"type": "dense", "units": 10, "activation": "softmax"}]},
            "loss": "cross_entropy",
        }
    )
    assert t.info().image_shape == (8, 8)
    t = Trainer(
        {
            "format": "backprop-lab/1",
            "data": {"source": "digits", "features": ["x1", "x2"]},
            "network": {"layers": [{"type": "dense", "units": 10, "activation": "softmax"}]},
            "loss": "cross_entropy",
        }
    )
    assert t.info().image_shape is None
    spiral = {
        "format": "backprop-lab/1",
        "data": {"source": "spiral"},
        "network": {"layers": [{"type": "dense", "units": 2, "activation": "softmax"}]},
        "loss": "cross_entropy",
    }
    t = Trainer(spiral)
    assert t.info().image_shape is None
    assert t.predictions().misclassified is None  # listed for image data only


def test_misclassified_rows_match_the_predictions():
    t = Trainer(mnist_like(), base_dir=EXAMPLES)
    t.run(steps=20)
    p = t.snapshot(predictions=True).predictions
    np.testing.assert_array_equal(p.confusion, t.confusion_of(t.x_val, t.data.y_val))
    pred = np.argmax(t.class_scores(t.predict_output(t.x_val)), axis=1)
    wrong = np.flatnonzero(pred != t.data.y_val)
    assert len(wrong) > 0
    expected = np.column_stack([wrong, t.data.y_val[wrong], pred[wrong]])[: snapshot_module.MISCLASSIFIED_ROWS]
    np.testing.assert_array_equal(p.misclassified, expected)


def test_misclassified_rows_of_a_subsample_name_rows_of_the_whole_part(monkeypatch):
    monkeypatch.setattr(snapshot_module, "PREDICTION_ROWS", 50)
    t = Trainer(mnist_like(), base_dir=EXAMPLES)
    t.step()
    p = t.predictions()
    rows = np.linspace(0, len(t.x_val) - 1, 50).round().astype(int)
    pred = np.argmax(t.class_scores(t.predict_output(t.x_val[rows])), axis=1)
    assert len(p.misclassified) == min(int((pred != t.data.y_val[rows]).sum()), snapshot_module.MISCLASSIFIED_ROWS)
    for row, true, predicted in p.misclassified:
        assert row in rows and t.data.y_val[row] == true and true != predicted


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_weight_images_are_the_first_layer_rows(dtype):
    t = Trainer(mnist_like(dtype=dtype), base_dir=EXAMPLES)
    assert t.snapshot(predictions=True).weight_images is None  # only with the neuron pictures
    w = t.snapshot(boundary=True, neuron_grid=24).weight_images
    assert w.path == "layers.0" and w.units == 16 and w.images.shape == (16, 28, 28)
    assert w.images.dtype == np.float32
    np.testing.assert_array_equal(
        w.images, t.network.entries[0].layer.p["weight"].astype(np.float32).reshape(16, 28, 28)
    )
    t.run(steps=5)
    after = t.snapshot(boundary=True, neuron_grid=24).weight_images
    assert not np.array_equal(after.images, w.images)
    w.images[:] = 0  # a copy: the trainer's weights do not change
    assert np.any(t.network.entries[0].layer.p["weight"] != 0)


def test_weight_images_are_bounded_for_wide_layers():
    project = mnist_like()
    project["network"]["layers"][0]["units"] = 300
    t = Trainer(project, base_dir=EXAMPLES)
    w = t.snapshot(boundary=True, neuron_grid=24).weight_images
    assert w.images.shape == (snapshot_module.NEURON_UNITS, 28, 28) and w.units == 300
    assert w.images.nbytes <= 64 * 784 * 4
