"""The data pipeline: every source, CSV and IDX files, split, standardisation,
determinism, batches in file order, task override and feature transforms."""

from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest

from core.data import (
    Dataset,
    build_data,
    epoch_batches,
    load_csv,
    read_idx,
    transform_features,
    validate_data_spec,
)
from core.registry import ConfigError
from core.trainer import Trainer


def data(spec: dict, seed: int = 0, base_dir: str = "."):
    return build_data(validate_data_spec(spec), np.random.default_rng(seed), base_dir)


# ---- sources
@pytest.mark.parametrize("source, extra, rows, width, task, classes", [
    ("xor", {"samples": 100}, 100, 2, "classification", 2),
    ("circle", {"samples": 101}, 101, 2, "classification", 2),
    ("spiral", {"samples": 90, "classes": 3}, 90, 2, "classification", 3),
    ("moons", {"samples": 80}, 80, 2, "classification", 2),
    ("gaussians", {"samples": 120, "classes": 4}, 120, 2, "classification", 4),
    ("sine", {"samples": 50}, 50, 1, "regression", 0),
    ("digits", {}, 1797, 64, "classification", 10),
    ("iris", {}, 150, 4, "classification", 3),
    ("wine", {}, 178, 13, "classification", 3),
    ("breast_cancer", {}, 569, 30, "classification", 2),
    ("diabetes", {}, 442, 10, "regression", 0),
])
def test_sources(source, extra, rows, width, task, classes):
    d = data({"source": source, "validation_split": 0.2, **extra})
    assert d.task == task
    assert len(d.x_train) + len(d.x_val) == rows
    assert len(d.x_val) == round(0.2 * rows)
    assert d.x_train.shape[1] == d.x_val.shape[1] == d.in_width == width
    assert len(d.feature_names) == width
    assert np.all(np.isfinite(d.x_train)) and np.all(np.isfinite(d.x_val))
    if task == "classification":
        assert d.n_classes == classes
        assert d.y_train.dtype == np.int64 and d.y_train.shape == (len(d.x_train),)
        assert set(np.unique(np.concatenate([d.y_train, d.y_val]))) == set(range(classes))
    else:
        assert d.y_train.shape == (len(d.x_train), 1) and d.y_train.dtype == np.float64
        assert d.target_width() == 1


def test_sklearn_subsample_keeps_file_order():
    full = data({"source": "iris", "validation_split": 0, "standardize": False})
    part = data({"source": "iris", "samples": 40, "validation_split": 0, "standardize": False})
    assert part.x_train.shape == (40, 4)
    rows = [int(np.flatnonzero(np.all(full.x_train == r, axis=1))[0]) for r in part.x_train]
    assert rows == sorted(rows)


# ---- csv
def test_csv_with_named_target_and_string_labels(tmp_path):
    path = tmp_path / "pets.csv"
    path.write_text("weight, species ,height\n4.0,cat,25\n30,dog,60\n3.5,cat,23\n25,dog,55\n28,dog,58\n",
                    encoding="utf-8")
    ds = load_csv(str(path), "species")
    assert ds.task == "classification"
    assert ds.feature_names == ["weight", "height"]
    assert ds.class_names == ["cat", "dog"]
    np.testing.assert_array_equal(ds.y, [0, 1, 0, 1, 1])
    np.testing.assert_array_equal(ds.x[1], [30.0, 60.0])
    # through a project: the path is relative to the project's folder
    d = data({"source": "csv", "path": "pets.csv", "target": "species", "validation_split": 0},
             base_dir=str(tmp_path))
    assert d.x_train.shape == (5, 2) and d.n_classes == 2


def test_csv_numeric_target_task(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,y\n" + "".join(f"{i},{i % 3}\n" for i in range(12)))
    assert load_csv(str(path), "y").task == "classification"  # few whole numbers
    reg = load_csv(str(path), "y", task="regression")
    assert reg.task == "regression" and reg.y.shape == (12, 1)
    path.write_text("a,y\n" + "".join(f"{i},{i * 0.37}\n" for i in range(12)))
    assert load_csv(str(path), "y").task == "regression"


@pytest.mark.parametrize("text, target, message", [
    ("a,b,y\n1,2,x\n3,oops,y\n", "y", r"line 3, column 'b': 'oops' is not a number"),
    ("a,b,y\n1,2,x\n3,y\n4,5,y\n", "y", "line 3 has 2 fields"),
    ("a,b,y\n1,2,x\n3,4,y\n", "label", "data.target: no column 'label'"),
    ("a,y\n1,x\n", "y", "header row and at least two data rows"),
    ("a,y\n1,cat\n2,dog\n", "y", None),  # fine
])
def test_csv_errors_name_line_and_column(tmp_path, text, target, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    if message is None:
        load_csv(str(path), target)
        return
    with pytest.raises(ConfigError, match=message):
        load_csv(str(path), target)


def test_csv_string_target_cannot_be_regression(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("a,y\n1,cat\n2,dog\n3,cat\n")
    with pytest.raises(ConfigError, match="data.target"):
        load_csv(str(path), "y", task="regression")


# ---- idx (MNIST format)
def write_idx(path, array: np.ndarray, type_code: int, compress: bool = False) -> None:
    header = bytes([0, 0, type_code, array.ndim]) + b"".join(struct.pack(">I", n) for n in array.shape)
    big = array.astype(array.dtype.newbyteorder(">"))
    raw = header + big.tobytes()
    if compress:
        with gzip.open(path, "wb") as fh:
            fh.write(raw)
    else:
        path.write_bytes(raw)


@pytest.mark.parametrize("compress", [False, True])
def test_idx_images_and_labels(tmp_path, compress):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(30, 4, 5), dtype=np.uint8)
    labels = (np.arange(30) % 3).astype(np.uint8)
    suffix = ".gz" if compress else ""
    write_idx(tmp_path / f"img-idx3-ubyte{suffix}", images, 0x08, compress)
    write_idx(tmp_path / f"lab-idx1-ubyte{suffix}", labels, 0x08, compress)
    np.testing.assert_array_equal(read_idx(str(tmp_path / f"img-idx3-ubyte{suffix}")), images)
    d = data({"source": "idx", "path": f"img-idx3-ubyte{suffix}", "labels": f"lab-idx1-ubyte{suffix}",
              "validation_split": 0.2, "standardize": False}, base_dir=str(tmp_path))
    assert d.task == "classification" and d.n_classes == 3
    assert d.in_width == 20 and len(d.x_train) == 24 and len(d.x_val) == 6
    assert d.x_train.min() >= 0.0 and d.x_train.max() <= 1.0  # bytes scaled to [0, 1]
    flat = images.reshape(30, 20) / 255.0
    row = int(np.flatnonzero(np.all(flat == d.x_train[0], axis=1))[0])
    assert d.y_train[0] == labels[row]


def test_idx_float_images(tmp_path):
    images = np.linspace(-1, 1, 24).reshape(6, 2, 2)
    write_idx(tmp_path / "x.idx", images, 0x0E)
    np.testing.assert_array_equal(read_idx(str(tmp_path / "x.idx")), images)


def test_idx_errors(tmp_path):
    (tmp_path / "junk").write_bytes(b"\x01\x02\x03\x04hello")
    with pytest.raises(ConfigError, match="bad magic number"):
        read_idx(str(tmp_path / "junk"))
    write_idx(tmp_path / "short", np.zeros((5, 2), np.uint8), 0x08)
    (tmp_path / "short").write_bytes((tmp_path / "short").read_bytes()[:-3])
    with pytest.raises(ConfigError, match="header promises"):
        read_idx(str(tmp_path / "short"))
    write_idx(tmp_path / "img", np.zeros((5, 2, 2), np.uint8), 0x08)
    write_idx(tmp_path / "lab", np.zeros(4, np.uint8), 0x08)
    with pytest.raises(ConfigError, match="data.labels: 4 labels for 5 images"):
        data({"source": "idx", "path": "img", "labels": "lab"}, base_dir=str(tmp_path))
    with pytest.raises(ConfigError, match="data.path: cannot read"):
        data({"source": "idx", "path": "nope", "labels": "lab"}, base_dir=str(tmp_path))


# ---- split and standardisation
def test_validation_split_zero():
    d = data({"source": "moons", "samples": 50, "validation_split": 0})
    assert d.x_train.shape == (50, 2) and d.x_val.shape == (0, 2) and d.y_val.shape == (0,)
    t = Trainer({"format": "backprop-lab/1",
                 "data": {"source": "moons", "samples": 50, "validation_split": 0},
                 "network": {"layers": [{"type": "dense", "units": 1, "activation": "sigmoid"}]}})
    t.run(steps=12)
    report = t.report()
    assert report["val_loss"] is None and report["val_accuracy"] is None
    assert report["train_loss"] > 0


def test_standardisation_is_fitted_on_the_training_part_only():
    d = data({"source": "wine", "validation_split": 0.3})
    np.testing.assert_allclose(d.x_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(d.x_train.std(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(d.mean, d.raw_x_train.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(d.std, d.raw_x_train.std(axis=0), rtol=1e-12)
    np.testing.assert_allclose(d.x_val, (d.raw_x_val - d.mean) / d.std, rtol=1e-12)
    assert np.abs(d.x_val.mean(axis=0)).max() > 1e-3  # not refitted on the validation rows
    np.testing.assert_allclose(d.prepare_inputs(d.raw_x_val), d.x_val, rtol=1e-12)


def test_standardize_false_keeps_raw_values():
    d = data({"source": "iris", "standardize": False})
    np.testing.assert_array_equal(d.x_train, d.raw_x_train)


def test_constant_column_does_not_divide_by_zero(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("a,b,y\n" + "".join(f"{i},7,{i % 2}\n" for i in range(10)))
    d = data({"source": "csv", "path": str(path), "target": "y", "validation_split": 0})
    assert np.all(np.isfinite(d.x_train)) and np.all(d.x_train[:, 1] == 0.0)


def test_deterministic_from_the_seed():
    spec = {"source": "spiral", "samples": 80, "noise": 0.1, "validation_split": 0.25}
    a, b, c = data(spec, seed=5), data(spec, seed=5), data(spec, seed=6)
    for name in ("x_train", "y_train", "x_val", "y_val"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.x_train, c.x_train)
    # sklearn sets: the same split for the same seed, another for another seed
    i1, i2, i3 = (data({"source": "iris"}, seed=s) for s in (1, 1, 2))
    np.testing.assert_array_equal(i1.x_val, i2.x_val)
    assert not np.array_equal(i1.x_val, i3.x_val)


# ---- batches
def test_epoch_batches_in_file_order_with_a_smaller_last_batch():
    rng = np.random.default_rng(0)
    batches = epoch_batches(10, 4, False, rng)
    assert [b.tolist() for b in batches] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert [b.tolist() for b in epoch_batches(5, None, False, rng)] == [[0, 1, 2, 3, 4]]
    shuffled = epoch_batches(10, 4, True, rng)
    assert [len(b) for b in shuffled] == [4, 4, 2]
    assert sorted(np.concatenate(shuffled).tolist()) == list(range(10))


def test_trainer_without_shuffle_takes_training_rows_in_file_order():
    spec = {"format": "backprop-lab/1", "seed": 1,
            "data": {"source": "circle", "samples": 30, "validation_split": 0.2},  # 24 training rows
            "network": {"layers": [{"type": "dense", "units": 5, "activation": "tanh"},
                                   {"type": "dense", "units": 1, "activation": "sigmoid"}]},
            "optimizer": {"name": "sgd", "lr": 0.1},
            "training": {"batch_size": 7, "shuffle": False}}
    t = Trainer(spec)
    assert t.steps_per_epoch == 4
    expected = [slice(0, 7), slice(7, 14), slice(14, 21), slice(21, 24)] * 2  # two epochs, last batch 3
    for rows in expected:
        want, _ = t.network.evaluate(t.x_train[rows], t.t_train[rows], t.loss)
        assert t.step() == want
    assert t.epoch == 2 and t.step_count == 8


# ---- task override and features
def test_task_override():
    iris = data({"source": "iris", "task": "regression"})
    assert iris.task == "regression" and iris.y_train.shape[1] == 1
    assert set(np.unique(iris.y_train)) == {0.0, 1.0, 2.0}
    diabetes = data({"source": "diabetes", "task": "regression"})
    assert diabetes.task == "regression"
    with pytest.raises(ConfigError, match="data.task"):
        data({"source": "sine", "task": "classification"})


def test_task_override_csv(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,y\n" + "".join(f"{i},{i % 3}\n" for i in range(12)))
    d = data({"source": "csv", "path": str(path), "target": "y", "task": "regression"})
    assert d.task == "regression"


def test_feature_transforms():
    ds = Dataset(np.array([[1.0, 2.0], [-0.5, 3.0], [2.0, -1.0]]), np.array([0, 1, 0]), "classification",
                 "t", ["x1", "x2"], ["a", "b"])
    out = transform_features(ds, ["x1", "x2", "x1*x2", "x1^2", "sin(x1)", "cos(x2)", "x2^3"])
    x1, x2 = ds.x[:, 0], ds.x[:, 1]
    np.testing.assert_array_equal(out.x, np.column_stack([x1, x2, x1 * x2, x1 ** 2, np.sin(x1),
                                                          np.cos(x2), x2 ** 3]))
    assert out.feature_names == ["x1", "x2", "x1*x2", "x1^2", "sin(x1)", "cos(x2)", "x2^3"]
    assert transform_features(ds, None) is ds
    with pytest.raises(ConfigError, match="data.features: 'x3' names column 3"):
        transform_features(ds, ["x3"])
    with pytest.raises(ConfigError, match="data.features: unknown feature 'tan\\(x1\\)'"):
        transform_features(ds, ["tan(x1)"])


def test_feature_transforms_in_the_pipeline():
    features = ["x1", "x2", "x1*x2", "x1^2", "sin(x1)"]
    d = data({"source": "xor", "samples": 60, "features": features})
    assert d.in_width == 5 and d.feature_names == features
    assert d.raw_x_train.shape[1] == 2  # the raw columns are kept for drawing
    x1, x2 = d.raw_x_train[:, 0], d.raw_x_train[:, 1]
    expected = np.column_stack([x1, x2, x1 * x2, x1 ** 2, np.sin(x1)])
    np.testing.assert_allclose(d.x_train, (expected - d.mean) / d.std, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(d.prepare_inputs(d.raw_x_val), d.x_val, rtol=1e-12, atol=1e-12)
    with pytest.raises(ConfigError, match="data.features"):
        validate_data_spec({"source": "xor", "features": "x1*x2"})
