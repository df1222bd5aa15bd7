"""CSV import with pandas (core.tabular): roles, missing values, one-hot encoding, the
standardised regression target, broken files, and old csv projects unchanged."""

from __future__ import annotations

import copy
import json
import os

import numpy as np
import pytest

from core.data import build_data, load_csv, validate_data_spec
from core.project import default_project, load_project, normalize_project
from core.registry import ConfigError
from core.tabular import (
    MISSING_LEVEL,
    guess_roles,
    guess_task,
    load_table,
    read_table,
    table_dataset,
)
from core.trainer import Trainer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "resources", "examples")
HOUSES = os.path.join(EXAMPLES, "data", "house_prices.csv")


def data(spec, base_dir=".", seed=0):
    return build_data(validate_data_spec(spec), np.random.default_rng(seed), base_dir)


def write(tmp_path, text, name="t.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ---- guessing roles
def test_roles_guessed_on_the_house_prices_file():
    df = read_table(HOUSES)
    assert df.shape == (300, 81)
    roles = guess_roles(df, "SalePrice")
    assert "SalePrice" not in roles
    assert roles["Id"] == "ignore"  # unique whole numbers 1..300
    for col in ("LotArea", "OverallQual", "GrLivArea", "LotFrontage", "GarageYrBlt", "MSSubClass"):
        assert roles[col] == "numeric", col
    for col in ("Neighborhood", "Alley", "PoolQC", "MasVnrType", "KitchenQual", "CentralAir"):
        assert roles[col] == "categorical", col
    assert guess_task(df["SalePrice"]) == "regression"
    assert df["Alley"].isna().sum() > 200 and (df["MasVnrType"] == "None").any()  # "None" is a level, "NA" missing


def test_roles_guessed_free_text_and_ids(tmp_path):
    rows = "".join(f"{i + 10},{i},name {i},{'ab'[i % 2]},{i * 0.5},{i % 3}\n" for i in range(60))
    df = read_table(write(tmp_path, "CustomerId,n,name,kind,x,y\n" + rows))
    roles = guess_roles(df, "y")
    assert roles == {"CustomerId": "ignore", "n": "ignore", "name": "ignore", "kind": "categorical", "x": "numeric"}
    assert guess_task(df["y"]) == "classification"


# ---- missing values, one-hot encoding
MISSING_CSV = "a,b,c,y\n1,red,10,1.5\nNA,blue,,2.5\n3,?,30,3.5\n5,red,NA,\n7,blue,70,7.5\n"


@pytest.mark.parametrize(
    "how, a, c, rows",
    [
        ("mean", [1, 11 / 3, 3, 7], [10, 110 / 3, 30, 70], 4),
        ("median", [1, 3, 3, 7], [10, 30, 30, 70], 4),
        ("most_frequent", [1, 1, 3, 7], [10, 10, 30, 70], 4),
        ("drop", [1, 7], [10, 70], 2),
    ],
)
def test_missing_values_counted_and_filled(tmp_path, how, a, c, rows):
    path = write(tmp_path, MISSING_CSV)
    ds, summary = load_table(path, "y", "regression", {"b": "categorical"}, how)
    assert summary.rows_read == 5 and summary.rows_used == rows
    assert summary.missing == {"a": 1, "b": 1, "c": 2, "y": 1}
    assert summary.target_missing == 1  # the row without a target is dropped whatever the choice
    np.testing.assert_allclose(ds.x[:, 0], a)
    np.testing.assert_allclose(ds.x[:, -1], c)
    if how == "drop":
        assert summary.dropped_rows == 2 and summary.imputed == {}
        assert ds.feature_names == ["a", "b=blue", "b=red", "c"]
    else:
        assert summary.dropped_rows == 0 and summary.imputed == {"a": 1, "b": 1, "c": 1}
    if how in ("mean", "median"):  # a categorical's missing cells are a level of their own
        assert ds.feature_names == ["a", f"b={MISSING_LEVEL}", "b=blue", "b=red", "c"]
        np.testing.assert_array_equal(ds.x[:, 1:4], [[0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 1, 0]])
    if how == "most_frequent":
        assert ds.feature_names == ["a", "b=blue", "b=red", "c"]
        np.testing.assert_array_equal(ds.x[:, 1:3], [[0, 1], [1, 0], [1, 0], [1, 0]])  # ties: the first level
    np.testing.assert_array_equal(ds.y[:, 0], [1.5, 2.5, 3.5, 7.5] if how != "drop" else [1.5, 7.5])


def test_one_hot_and_ignored_columns(tmp_path):
    path = write(tmp_path, "id,colour,size,label\n1,red,1.5,cat\n2,green,2,dog\n3,red,3,cat\n4,blue,4,dog\n")
    ds, summary = load_table(path, "label", None, {"id": "ignore", "colour": "categorical"})
    assert ds.task == "classification" and ds.class_names == ["cat", "dog"]
    assert ds.feature_names == ["colour=blue", "colour=green", "colour=red", "size"]
    np.testing.assert_array_equal(ds.x, [[0, 0, 1, 1.5], [0, 1, 0, 2], [0, 0, 1, 3], [1, 0, 0, 4]])
    np.testing.assert_array_equal(ds.y, [0, 1, 0, 1])
    assert summary.roles == {"id": "ignore", "colour": "categorical", "size": "numeric"}


# ---- the standardised regression target
def test_target_standardisation_round_trip_is_in_original_units(tmp_path):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(80, 2))
    y = 50_000 + 20_000 * x[:, 0] - 5_000 * x[:, 1] + 1000 * rng.normal(size=80)
    path = write(tmp_path, "a,b,price\n" + "".join(f"{p!r},{q!r},{r!r}\n" for (p, q), r in zip(x.tolist(), y.tolist())))
    spec = {"source": "csv", "path": path, "target": "price", "task": "regression", "standardize_target": True}
    d = data(spec)
    assert d.target_standardized
    assert abs(d.y_train.mean()) < 1e-9 and abs(d.y_train.std() - 1) < 1e-9
    np.testing.assert_allclose(d.to_target_units(d.y_train), d.raw_y_train, rtol=1e-12)
    np.testing.assert_allclose(d.to_target_units(d.y_val), d.raw_y_val, rtol=1e-12)
    plain = data({**spec, "standardize_target": False})
    np.testing.assert_array_equal(plain.y_train, d.raw_y_train)  # the same rows, split the same way

    project = {
        "format": "backprop-lab/1",
        "data": spec,
        "network": {"layers": [{"type": "dense", "units": 1, "activation": "linear"}]},
        "loss": "mse",
        "optimizer": {"name": "adam", "lr": 0.05},
        "training": {"epochs": 30},
    }
    trainer = Trainer(project)
    trainer.run()
    report = trainer.report()
    d = trainer.data  # (the trainer splits with its own seed)
    std = float(d.y_std[0])
    # the training loss is the standardised problem's; the original-unit loss is named so
    assert report["val_loss"] < 0.05
    assert report["val_loss_original_units"] == pytest.approx(report["val_loss"] * std**2, rel=1e-6)
    assert report["train_loss_original_units"] == pytest.approx(report["train_loss"] * std**2, rel=1e-6)
    pred = trainer.predictions()
    np.testing.assert_array_equal(pred.y_true, d.raw_y_val[:, 0])
    assert np.sqrt(np.mean((pred.y_pred - pred.y_true) ** 2)) < 0.25 * std  # predictions in dollars, not z-scores
    assert np.isclose(trainer.info().y_val.mean(), d.raw_y_val.mean())


def test_float32_standardised_target(tmp_path):
    path = write(tmp_path, "a,y\n" + "".join(f"{i},{1000 + 10 * i}\n" for i in range(20)))
    project = {
        "format": "backprop-lab/1",
        "data": {"source": "csv", "path": path, "target": "y", "task": "regression", "standardize_target": True},
        "network": {"layers": [{"type": "dense", "units": 1, "activation": "linear"}]},
        "training": {"epochs": 2, "dtype": "float32"},
    }
    trainer = Trainer(project)
    trainer.run()
    assert trainer.predictions().y_pred.dtype == np.float32
    assert trainer.predictions().y_true.dtype == np.float64
    assert np.isfinite(trainer.report()["val_loss_original_units"])


# ---- broken files: the problem, the row and the column
def _houses_with(tmp_path, row: int, column: str, value: str) -> str:
    lines = open(HOUSES, encoding="utf-8").read().splitlines()
    header = lines[0].split(",")
    cells = lines[row].split(",")
    cells[header.index(column)] = value
    lines[row] = ",".join(cells)
    return write(tmp_path, "\n".join(lines) + "\n", "houses.csv")


def _houses_project(path: str) -> dict:
    spec = json.load(open(os.path.join(EXAMPLES, "house_prices.json"), encoding="utf-8"))
    spec["data"]["path"] = path
    return spec


def test_a_text_value_in_a_numeric_column_names_row_and_column(tmp_path):
    path = _houses_with(tmp_path, 17, "LotArea", "abc")
    roles = guess_roles(read_table(path), "SalePrice")
    assert roles["LotArea"] == "numeric"  # one text cell in 300 does not change the guess
    with pytest.raises(ConfigError, match=r"column 'LotArea' row 17: 'abc' is not a number") as info:
        Trainer(_houses_project(path))
    assert info.value.code == "csv_not_a_number"
    assert info.value.args["row"] == 17 and info.value.args["column"] == "LotArea"


@pytest.mark.parametrize(
    "text, target, task, code, words",
    [
        ("", "y", None, "csv_empty", ["is empty"]),
        ("a,b,y\n", "y", None, "csv_empty", ["no data rows"]),
        ("1,2,3\n4,5,6\n", "y", None, "csv_no_header", ["no header row", "'1,2,3'"]),
        ("a,y\n1,NA\n2,\n3,?\n", "y", None, "csv_target_missing", ["column 'y'", "every row"]),
        ("a,y\n1,10\n2,20\n3,cheap\n", "y", "regression", "csv_text_target", ["column 'y' row 3", "'cheap'"]),
        ("a,b,y\n1,2,0\n3,4,1\n5,6,7,8\n", "y", None, "csv_bad_row", ["line 4", "4 fields"]),
        ("a,b,y\n1,2,0\n3,inf,1\n", "y", None, "csv_not_finite", ["column 'b' row 2", "'inf'"]),
        ("a,b,y\n1,2,0\n3,NA,1\n", "y", None, "csv_missing_value", ["column 'b' row 2", "missing"]),
        ("a,a,y\n1,2,0\n3,4,1\n", "y", None, "csv_duplicate_column", ["two columns named 'a'"]),
        ('a,"y\n1,0\n', "y", None, "bad_file", ["EOF inside string"]),
        ("y\n1\n2\n", "y", None, "csv_no_inputs", ["only the target column"]),
    ],
)
def test_broken_files_name_the_problem_row_and_column(tmp_path, text, target, task, code, words):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_table(path, target, task, {})
    assert info.value.code == code, str(info.value)
    for word in words:
        assert word in str(info.value)
    if "row" in info.value.args:
        assert isinstance(info.value.args["row"], int)


def test_unknown_column_and_role_are_refused(tmp_path):
    path = write(tmp_path, "a,y\n1,0\n2,1\n")
    with pytest.raises(ConfigError, match="data.columns: no column 'b'"):
        load_table(path, "y", None, {"b": "numeric"})
    with pytest.raises(ConfigError, match="data.columns.a: role 'text'"):
        validate_data_spec({"source": "csv", "path": path, "target": "y", "columns": {"a": "text"}})
    with pytest.raises(ConfigError, match="data.missing"):
        validate_data_spec({"source": "csv", "path": path, "target": "y", "missing": "zero"})
    with pytest.raises(ConfigError, match="every column"):
        load_table(path, "y", None, {"a": "ignore"})


# ---- old projects unchanged
def test_old_csv_projects_read_and_normalise_as_before(tmp_path):
    path = write(tmp_path, "a,b,y\n" + "".join(f"{i * 0.1!r},{(i * 7) % 5},{i % 2}\n" for i in range(30)))
    spec = {"source": "csv", "path": path, "target": "y"}
    out = validate_data_spec(spec)
    assert not {"columns", "missing", "standardize_target"} & set(out)  # nothing new written back
    project = default_project()
    project["data"] = spec
    project = normalize_project(project)
    assert "columns" not in project["data"]
    old = data(spec)
    assert not old.target_standardized
    # the pandas reader gives the same numbers, bit for bit, when asked for every column as numeric
    new = data({**spec, "columns": {"a": "numeric", "b": "numeric"}})
    np.testing.assert_array_equal(old.x_train, new.x_train)
    np.testing.assert_array_equal(old.y_val, new.y_val)
    ds = load_csv(path, "y")
    ds2, _ = load_table(path, "y", None, {})
    np.testing.assert_array_equal(ds.x, ds2.x)
    assert ds.class_names == ds2.class_names and ds.feature_names == ds2.feature_names


def test_table_dataset_limits(tmp_path, monkeypatch):
    import core.tabular as tabular

    path = write(tmp_path, "a,c,y\n" + "".join(f"{i},{'xyz'[i % 3]},{i % 2}\n" for i in range(10)))
    monkeypatch.setattr(tabular, "MAX_DATA_ELEMENTS", 30)
    with pytest.raises(ConfigError, match="more than 30 values"):
        table_dataset(read_table(path), "y", None, {"c": "categorical"})


# ---- the shipped example
def test_house_prices_example_trains_well_below_predicting_the_mean():
    project = load_project(os.path.join(EXAMPLES, "house_prices.json"))
    assert project["data"]["standardize_target"] and project["data"]["missing"] == "median"
    kinds = [layer["type"] for layer in project["network"]["layers"]]
    assert "dropout" in kinds and project["optimizer"]["weight_decay"] > 0
    trainer = Trainer(copy.deepcopy(project), base_dir=EXAMPLES)
    assert trainer.data.in_width > 200
    trainer.run()
    report = trainer.report()
    data_ = trainer.data
    mean_guess = float(np.mean((data_.raw_y_val - data_.raw_y_train.mean()) ** 2))
    assert report["val_loss_original_units"] < 0.4 * mean_guess, (report, mean_guess)
    assert report["val_loss"] < 0.4 * float(np.mean(data_.y_val**2))


def test_semicolon_and_tab_separated_files(tmp_path):
    for sep in (";", "\t"):
        path = write(tmp_path, sep.join("ayb") + "\n" + "".join(f"{i}{sep}{i % 2}{sep}{i * 0.5}\n" for i in range(6)))
        ds, _ = load_table(path, "y")
        assert ds.feature_names == ["a", "b"] and ds.x.shape == (6, 2) and ds.class_names == ["0", "1"]
