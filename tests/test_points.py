"""Inline data (``data.source: "points"``): validation naming key, row and value; loading; one-row sets."""

from __future__ import annotations

import numpy as np
import pytest

from core.data import build_data, validate_data_spec
from core.project import default_project, normalize_project
from core.registry import ConfigError
from core.trainer import Trainer


def points(**extra) -> dict:
    return {"source": "points", "x": [[0.1, 0.8], [0.5, -1.0], [2.0, 3.0]], "y": [0, 1, 1], **extra}


def project(data: dict, units: int = 1, activation: str = "sigmoid", **extra) -> dict:
    p = default_project()
    p.update(data=data, network={"layers": [{"type": "dense", "units": units, "activation": activation}]}, **extra)
    return p


def test_defaults_and_task_inference():
    spec = validate_data_spec(points())
    assert spec["task"] == "classification"
    assert spec["validation_split"] == 0.0 and spec["standardize"] is False
    assert validate_data_spec(points(y=[0.5, 1, 2]))["task"] == "regression"
    assert validate_data_spec(points(y=[1.0, 0.0, 1.0]))["task"] == "regression"  # 1.0 is written as a float
    assert validate_data_spec(points(y=[1.0, 0.0, 1.0], task="classification"))["task"] == "classification"
    # explicit values win
    spec = validate_data_spec(points(validation_split=0.34, standardize=True))
    assert spec["validation_split"] == 0.34 and spec["standardize"] is True


def test_loading_keeps_the_numbers_and_file_order():
    d = build_data(validate_data_spec(points()), np.random.default_rng(0))
    np.testing.assert_array_equal(d.x_train, [[0.1, 0.8], [0.5, -1.0], [2.0, 3.0]])
    np.testing.assert_array_equal(d.y_train, [0, 1, 1])
    assert d.task == "classification" and d.class_names == ["0", "1"] and len(d.x_val) == 0
    reg = build_data(validate_data_spec(points(y=[[0.5, 1.0], [0.0, 2.0], [1.5, 1.5]])), np.random.default_rng(0))
    assert reg.task == "regression" and reg.y_train.shape == (3, 2)
    np.testing.assert_array_equal(reg.y_train[1], [0.0, 2.0])


def test_one_row_trains_without_validation_rows():
    p = project({"source": "points", "x": [[0.1, 0.8]], "y": [0.5], "validation_split": 0.5})
    t = Trainer(p)
    assert len(t.x_train) == 1 and len(t.x_val) == 0
    assert np.isfinite(t.step())
    # one class label still makes a two-class problem for one sigmoid unit
    t = Trainer(project({"source": "points", "x": [1], "y": [1]}, training={"batch_size": 1}))
    assert t.data.n_classes == 2 and np.isfinite(t.step())


def test_round_trip_through_normalize():
    p = normalize_project(project(points()))
    assert normalize_project(p) == p
    assert p["data"]["x"] == [[0.1, 0.8], [0.5, -1.0], [2.0, 3.0]]


@pytest.mark.parametrize(
    "data, key, words",
    [
        ({"x": [[1, 2], [3]], "y": [0, 1]}, "data.x[1]", "has 1 values, row 0 has 2"),
        ({"x": [], "y": []}, "data.x", "non-empty"),
        ({"x": [[1, 2]], "y": []}, "data.y", "non-empty"),
        ({"x": [[1, 2], [3, 4]], "y": [0]}, "data.y", "1 targets, data.x has 2 rows"),
        ({"x": [[1, "a"]], "y": [0]}, "data.x[0][1]", "'a'"),
        ({"x": [[1, float("nan")]], "y": [0]}, "data.x[0][1]", "finite"),
        ({"x": [[1, 2]], "y": [float("inf")]}, "data.y[0]", "finite"),
        ({"x": [[1, 2], [3, 4]], "y": [[1, 2], [3]]}, "data.y[1]", "row 0 has 2"),
        ({"x": [[1, 2]], "y": [-1], "task": "classification"}, "data.y[0]", "class label"),
        ({"x": [[1, 2]], "y": [0.5], "task": "classification"}, "data.y[0]", "class label"),
        ({"x": [[]], "y": [0]}, "data.x[0]", "empty row"),
        ({"x": "rows", "y": [0]}, "data.x", "non-empty list"),
        ({"y": [0]}, "data.x", "missing"),
    ],
)
def test_bad_points_name_key_row_and_value(data, key, words):
    with pytest.raises(ConfigError) as err:
        validate_data_spec({"source": "points", **data})
    assert str(err.value).startswith(key + ":"), str(err.value)
    assert words in str(err.value)
    assert err.value.code and err.value.args["key"] == key


def test_output_width_must_match():
    with pytest.raises(ConfigError, match="units"):
        Trainer(project(points(y=[[0.5, 1.0], [0.0, 2.0], [1.5, 1.5]]), activation="linear"))
