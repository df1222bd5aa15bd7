"""Data as a pipeline: source -> feature transforms -> split -> standardise -> batches.

Each step is its own function so new sources and feature crosses slot in:

* :func:`load_source` makes a :class:`Dataset` from ``data.source`` (generated
  2-D sets, 1-D ``sine``, scikit-learn's bundled sets, ``csv``, ``idx``; the
  file readers are in :mod:`core.datafiles`);
* :func:`transform_features` adds crosses such as ``x1^2``, ``x1*x2``, ``sin(x1)``;
* :func:`split` holds out a validation part (training rows keep file order);
* :func:`standardize` fits mean and standard deviation on the training part only;
* :func:`batches` yields index arrays, shuffled per epoch or in file order.

Nothing here downloads: every source is generated or ships with a package.
"""

from __future__ import annotations

import copy
import math
import os
import re
from dataclasses import dataclass, field

import numpy as np

from .datafiles import (  # noqa: F401 (re-exported: the readers and their limits are part of the pipeline)
    MAX_DATA_BYTES,
    MAX_DATA_ELEMENTS,
    Dataset,
    check_input_file,
    load_csv,
    load_idx,
    read_idx,
)
from .registry import ConfigError, Param, show, validate_params

GENERATED_2D = ("xor", "circle", "spiral", "moons", "gaussians")
SKLEARN_SETS = ("digits", "iris", "wine", "breast_cancer", "diabetes")
SOURCES = (*GENERATED_2D, "sine", *SKLEARN_SETS, "csv", "idx")
#: sources written into the project itself (``"points"``: rows of inputs and targets); not in the Data panel's list
INLINE_SOURCES = ("points",)
ALL_SOURCES = (*SOURCES, *INLINE_SOURCES)
#: at most this many class labels for inline points (labels are 0, 1, ... as written)
MAX_POINT_CLASSES = 1000

#: a typo must not cost the machine's memory (the file limits are in core.datafiles)
MAX_SAMPLES = 10_000_000

COMMON_KEYS = {
    "source": Param("spiral", kind="choice", choices=ALL_SOURCES),
    "samples": Param(None, kind="int", low=2, high=MAX_SAMPLES, nullable=True),
    "noise": Param(0.1, low=0.0, high=1e6),
    "validation_split": Param(0.2, low=0.0, high=1.0, high_open=True),
    "standardize": Param(True, kind="bool"),
    "task": Param(None, kind="choice", choices=("classification", "regression", None),
                  nullable=True),
    "features": Param(None, kind="any", nullable=True),
}
EXTRA_KEYS = {
    "spiral": {"classes": Param(2, kind="int", low=2, high=10)},
    "gaussians": {"classes": Param(2, kind="int", low=2, high=10)},
    "csv": {"path": Param(None, kind="str"), "target": Param(None, kind="str")},
    "idx": {"path": Param(None, kind="str"), "labels": Param(None, kind="str")},
    "points": {"x": Param(None, kind="any"), "y": Param(None, kind="any")},
}
#: optional keys of a source, left out of the validated spec when they hold their default
#: (so a project without them reads, and saves, as before); read by core.tabular
OPTIONAL_KEYS = {
    "csv": {
        "columns": Param(None, kind="any", nullable=True),
        "missing": Param(None, kind="choice", choices=("drop", "mean", "median", "most_frequent", None),
                         nullable=True),
        "standardize_target": Param(False, kind="bool"),
    },
}
#: defaults that differ for inline points: a worked example trains on every row, unscaled
POINTS_DEFAULTS = {"validation_split": 0.0, "standardize": False}
DEFAULT_SAMPLES = 500


@dataclass
class DataSplit:
    """What training consumes: standardised train and validation parts."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    task: str
    name: str
    feature_names: list[str]
    class_names: list[str] | None
    mean: np.ndarray = field(repr=False)
    std: np.ndarray = field(repr=False)
    raw_x_train: np.ndarray = field(repr=False)  # before feature transforms and scaling
    raw_x_val: np.ndarray = field(repr=False)
    features: list[str] | None = None
    #: (height, width) of the picture each raw row is (digits, IDX images), else None
    image_shape: tuple[int, int] | None = None
    #: regression with ``data.standardize_target``: ``y_train``/``y_val`` are standardised with
    #: these (fitted on the training rows); ``to_target_units`` maps outputs back
    y_mean: np.ndarray | None = field(default=None, repr=False)
    y_std: np.ndarray | None = field(default=None, repr=False)
    raw_y_train: np.ndarray | None = field(default=None, repr=False)  # targets in their own units
    raw_y_val: np.ndarray | None = field(default=None, repr=False)

    @property
    def target_standardized(self) -> bool:
        return self.y_mean is not None

    def to_target_units(self, values: np.ndarray) -> np.ndarray:
        """Regression outputs (or standardised targets) in the target's own units."""
        if self.y_mean is None:
            return values
        return values * self.y_std.astype(values.dtype) + self.y_mean.astype(values.dtype)

    def original_targets(self, part: str) -> np.ndarray:
        """``y_train`` / ``y_val`` in the target's own units."""
        if self.y_mean is None:
            return self.y_train if part == "train" else self.y_val
        return self.raw_y_train if part == "train" else self.raw_y_val

    @property
    def raw_columns(self) -> int:
        return self.raw_x_train.shape[1]

    def prepare_inputs(self, raw_x: np.ndarray) -> np.ndarray:
        """Raw rows (as the source gives them) -> network inputs: same features, same scaling."""
        ds = Dataset(raw_x, np.zeros(len(raw_x)), self.task, self.name,
                     [f"x{i + 1}" for i in range(raw_x.shape[1])], self.class_names)
        x = transform_features(ds, self.features).x
        return (x - self.mean) / self.std

    @property
    def in_width(self) -> int:
        return self.x_train.shape[1]

    @property
    def n_classes(self) -> int:
        return len(self.class_names) if self.class_names is not None else 0

    def target_width(self) -> int:
        return self.y_train.shape[1] if self.task == "regression" else self.n_classes

    def describe(self) -> str:
        what = f"{self.n_classes} classes" if self.task == "classification" else "regression"
        return (f"{self.name}: {len(self.x_train)} training and {len(self.x_val)} validation "
                f"rows, {self.in_width} inputs, {what}")


# ---- validation
def validate_data_spec(spec) -> dict:
    if not isinstance(spec, dict):
        raise ConfigError(f"data: must be an object, got {show(spec)}", "bad_type", key="data", value=spec,
                          expected="object")
    if "source" not in spec:
        raise ConfigError(f"data.source: missing (one of: {', '.join(ALL_SOURCES)})", "missing", key="data.source",
                          known=list(ALL_SOURCES))
    source = COMMON_KEYS["source"].validate("data.source", spec["source"])
    params = {**COMMON_KEYS, **EXTRA_KEYS.get(source, {}), **OPTIONAL_KEYS.get(source, {})}
    if source == "points":
        spec = {**POINTS_DEFAULTS, **spec}
    out = validate_params("data", params, spec)
    for key, param in OPTIONAL_KEYS.get(source, {}).items():
        if out[key] == param.default:
            del out[key]
    if "columns" in out:
        from .tabular import validate_columns

        out["columns"] = validate_columns(out["columns"])
    for key in EXTRA_KEYS.get(source, {}):
        if out[key] is None:
            raise ConfigError(f"data.{key}: missing (source {source!r} needs it)", "missing", key=f"data.{key}")
    if source == "points":
        out.update(validate_points(out["x"], out["y"], out["task"]))
    if out["features"] is not None:
        if not isinstance(out["features"], list) or not all(isinstance(f, str) for f in out["features"]):
            raise ConfigError(f"data.features: must be a list of names such as \"x1*x2\", "
                              f"got {show(out['features'])}", "bad_type", key="data.features",
                              value=out["features"], expected="list")
    width, rows = known_data_shape(out)
    if width is not None and rows is not None and width * rows > MAX_DATA_ELEMENTS:
        raise ConfigError(f"data.features: {width:,} features of {rows:,} rows make {width * rows:,} values, "
                          f"more than {MAX_DATA_ELEMENTS:,}", "too_large", key="data.features", value=width,
                          rows=rows, limit=MAX_DATA_ELEMENTS)
    return out


_SKLEARN_SHAPES = {"digits": (64, 1797), "iris": (4, 150), "wine": (13, 178), "breast_cancer": (30, 569),
                   "diabetes": (10, 442)}


def known_data_shape(spec: dict) -> tuple[int | None, int | None]:
    """``(input width, rows)`` of a validated data spec, as far as they are known
    without reading a file (None where not)."""
    source, samples = spec["source"], spec.get("samples")
    if source in GENERATED_2D or source == "sine":
        width, rows = (2 if source != "sine" else 1), samples or DEFAULT_SAMPLES
    elif source == "points":
        first = spec["x"][0]
        width, rows = (len(first) if isinstance(first, list) else 1), len(spec["x"])
    elif source in _SKLEARN_SHAPES:
        width, rows = _SKLEARN_SHAPES[source]
        rows = min(rows, samples or rows)
    else:
        width, rows = None, samples
    if spec.get("features"):
        width = len(spec["features"])
    return width, rows


# ---- inline points
def _point_number(key: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{key}: must be a number, got {show(value)}", "bad_type", key=key, value=value,
                          expected="float")
    try:
        number = float(value)
    except OverflowError:  # an integer of more than 308 digits
        number = math.inf
    if not math.isfinite(number):
        raise ConfigError(f"{key}: must be a finite number, got {show(value)}", "not_finite", key=key, value=value)
    return number


def _point_rows(key: str, rows, what: str) -> list[list[float]]:
    """A non-empty list of equally long rows of finite numbers; a bare number is a row of one."""
    if not isinstance(rows, list) or not rows:
        raise ConfigError(f"{key}: must be a non-empty list of {what}, got {show(rows)}", "bad_type", key=key,
                          value=rows, expected="list")
    if len(rows) > MAX_SAMPLES:
        raise ConfigError(f"{key}: {len(rows):,} rows are more than {MAX_SAMPLES:,}", "too_large", key=key,
                          value=len(rows), limit=MAX_SAMPLES)
    out = []
    width = None
    for i, row in enumerate(rows):
        rkey = f"{key}[{i}]"
        if isinstance(row, list):
            if not row:
                raise ConfigError(f"{rkey}: an empty row (a row needs at least one number)", "bad_type", key=rkey,
                                  value=row, expected="list")
            values = [_point_number(f"{rkey}[{j}]", v) for j, v in enumerate(row)]
        else:
            values = [_point_number(rkey, row)]
        if width is None:
            width = len(values)
        elif len(values) != width:
            raise ConfigError(f"{rkey}: has {len(values)} values, row 0 has {width} (every row needs the same number)",
                              "shape_mismatch", key=rkey, value=row, expected=width, got=len(values))
        out.append(values)
    if width * len(out) > MAX_DATA_ELEMENTS:
        raise ConfigError(f"{key}: {width * len(out):,} values are more than {MAX_DATA_ELEMENTS:,}", "too_large",
                          key=key, value=width * len(out), limit=MAX_DATA_ELEMENTS)
    return out


def points_task(y: list) -> str:
    """``classification`` if every target is an integer as written (``1``, not ``1.0``), else ``regression``."""
    ok = all(isinstance(v, int) and not isinstance(v, bool) for v in y)
    return "classification" if ok else "regression"


def validate_points(x, y, task: str | None) -> dict:
    """Check inline ``data.x`` / ``data.y`` rows; return the validated ``x``, ``y`` and ``task``
    (JSON values as written, so a saved project keeps them)."""
    _point_rows("data.x", x, "rows of input numbers such as [[0.1, 0.8]]")
    if not isinstance(y, list) or not y:
        raise ConfigError(f"data.y: must be a non-empty list of targets (one per row of data.x), got {show(y)}",
                          "bad_type", key="data.y", value=y, expected="list")
    if len(y) != len(x):
        raise ConfigError(f"data.y: has {len(y)} targets, data.x has {len(x)} rows (one target per row)",
                          "shape_mismatch", key="data.y", value=len(y), expected=len(x))
    task = task or points_task(y)
    if task == "classification":
        for i, v in enumerate(y):
            number = v[0] if isinstance(v, list) and len(v) == 1 else v
            if isinstance(number, bool) or not isinstance(number, (int, float)) or (
                    isinstance(number, float) and not number.is_integer()) or not 0 <= number < MAX_POINT_CLASSES:
                raise ConfigError(f"data.y[{i}]: a class label must be an integer from 0 to {MAX_POINT_CLASSES - 1}, "
                                  f"got {show(v)}", "bad_type", key=f"data.y[{i}]", value=v, expected="int")
    else:
        _point_rows("data.y", y, "target numbers or rows of them")
    return {"x": copy.deepcopy(x), "y": copy.deepcopy(y), "task": task}


def load_points(spec: dict) -> Dataset:
    """The inline rows of a validated ``points`` spec as a data set (labels 0, 1, ... are kept as written;
    there are at least two classes so a single point can train a sigmoid unit)."""
    x = np.array(_point_rows("data.x", spec["x"], "rows"), dtype=np.float64)
    names = [f"x{i + 1}" for i in range(x.shape[1])]
    if spec["task"] == "classification":
        y = np.array([int(v[0] if isinstance(v, list) else v) for v in spec["y"]], dtype=np.int64)
        classes = max(2, int(y.max()) + 1)
        return Dataset(x, y, "classification", "points", names, [str(i) for i in range(classes)])
    y = np.array(_point_rows("data.y", spec["y"], "rows"), dtype=np.float64)
    return Dataset(x, y, "regression", "points", names)


# ---- sources
def load_source(spec: dict, rng: np.random.Generator, base_dir: str = ".") -> Dataset:
    source = spec["source"]
    n = spec.get("samples") or DEFAULT_SAMPLES
    noise = spec.get("noise", 0.1)
    if source in GENERATED_2D:
        x, y = _GENERATORS[source](n, noise, rng, spec.get("classes", 2))
        classes = int(y.max()) + 1
        return Dataset(x, y, "classification", source, ["x1", "x2"],
                       [f"class {i}" for i in range(classes)])
    if source == "sine":
        x = rng.uniform(-np.pi, np.pi, size=(n, 1))
        y = np.sin(x) + noise * rng.standard_normal((n, 1))
        return Dataset(x, y, "regression", "sine", ["x"])
    if source == "points":
        return load_points(spec)
    if source in SKLEARN_SETS:
        ds = _load_sklearn(source)
    elif source == "csv":
        from .tabular import load_table, uses_table_options

        path = _resolve(spec["path"], base_dir)
        if uses_table_options(spec):
            ds = load_table(path, spec["target"], spec.get("task"), spec.get("columns"), spec.get("missing"))[0]
        else:
            ds = load_csv(path, spec["target"], spec.get("task"))
    else:
        ds = load_idx(_resolve(spec["path"], base_dir), _resolve(spec["labels"], base_dir))
    if spec.get("samples") and spec["samples"] < len(ds.x):
        keep = np.sort(rng.permutation(len(ds.x))[: spec["samples"]])
        ds.x, ds.y = ds.x[keep], ds.y[keep]
    return ds


def _xor(n, noise, rng, classes):
    x = rng.uniform(-1.0, 1.0, size=(n, 2))
    x += np.sign(x) * 0.05  # keep points off the axes so the classes are separable
    y = (x[:, 0] * x[:, 1] > 0).astype(np.int64)
    return x + noise * rng.standard_normal((n, 2)), y


def _circle(n, noise, rng, classes):
    y = (np.arange(n) % 2).astype(np.int64)
    radius = np.where(y == 1, rng.uniform(0.0, 0.5, n), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    x = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return x + noise * rng.standard_normal((n, 2)), y


def _spiral(n, noise, rng, classes):
    y = (np.arange(n) % classes).astype(np.int64)
    t = rng.uniform(0.0, 1.0, n)
    radius = 0.1 + 0.9 * t
    # one and a quarter turns: clearly a spiral, yet learnable by a small tanh net in seconds
    angle = 1.25 * 2 * np.pi * t + y * (2 * np.pi / classes)
    x = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    return x + noise * rng.standard_normal((n, 2)), y


def _moons(n, noise, rng, classes):
    y = (np.arange(n) % 2).astype(np.int64)
    t = rng.uniform(0.0, np.pi, n)
    x = np.where(
        (y == 0)[:, None],
        np.column_stack([np.cos(t), np.sin(t)]),
        np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)]),
    )
    return x + noise * rng.standard_normal((n, 2)), y


def _gaussians(n, noise, rng, classes):
    y = (np.arange(n) % classes).astype(np.int64)
    angle = 2 * np.pi * y / classes + np.pi / 4
    centres = np.column_stack([np.cos(angle), np.sin(angle)]) * 0.6
    return centres + (0.25 + noise) * rng.standard_normal((n, 2)), y


_GENERATORS = {"xor": _xor, "circle": _circle, "spiral": _spiral, "moons": _moons,
               "gaussians": _gaussians}


def _load_sklearn(name: str) -> Dataset:
    from sklearn import datasets

    bunch = getattr(datasets, f"load_{name}")()
    x = np.asarray(bunch.data, dtype=np.float64)
    names = [str(f) for f in getattr(bunch, "feature_names", [])] or [
        f"x{i + 1}" for i in range(x.shape[1])
    ]
    if name == "diabetes":
        return Dataset(x, bunch.target.astype(np.float64).reshape(-1, 1), "regression", name, names)
    target_names = [str(t) for t in getattr(bunch, "target_names", [])]
    y = bunch.target.astype(np.int64)
    shape = (8, 8) if name == "digits" else None
    return Dataset(x, y, "classification", name, names, target_names or None, shape)


def _resolve(path: str, base_dir: str) -> str:
    path = os.path.expanduser(path)
    return path if os.path.isabs(path) else os.path.join(base_dir, path)


# ---- feature transforms
_FEATURE = re.compile(
    r"^(?:x(?P<i>\d{1,9})(?:\^(?P<p>\d{1,2}))?|x(?P<a>\d{1,9})\*x(?P<b>\d{1,9})|(?P<f>sin|cos)\(x(?P<j>\d{1,9})\))$"
)


def transform_features(ds: Dataset, features: list[str] | None) -> Dataset:
    """Replace the inputs by named features of them: ``x1``, ``x1^2``, ``x1*x2``,
    ``sin(x1)``, ``cos(x2)`` (1-based column numbers)."""
    if not features:
        return ds
    cols = []
    d = ds.x.shape[1]
    if len(ds.x) * len(features) > MAX_DATA_ELEMENTS:
        raise ConfigError(f"data.features: {len(features):,} features of {len(ds.x):,} rows are more than "
                          f"{MAX_DATA_ELEMENTS:,} values", "too_large", key="data.features", value=len(features),
                          limit=MAX_DATA_ELEMENTS)

    def column(num: str, name: str) -> np.ndarray:
        k = int(num)
        if not 1 <= k <= d:
            raise ConfigError(f"data.features: {name!r} names column {k}, the data has {d}", "out_of_range",
                              key="data.features", value=name, high=d)
        return ds.x[:, k - 1]

    for name in features:
        m = _FEATURE.match(name.replace(" ", ""))
        if not m:
            raise ConfigError(f"data.features: unknown feature {show(name)} (use x1, x1^2, x1*x2, sin(x1), cos(x1))",
                              "unknown_value", key="data.features", value=name)
        if m["i"]:
            cols.append(column(m["i"], name) ** int(m["p"] or 1))
        elif m["a"]:
            cols.append(column(m["a"], name) * column(m["b"], name))
        else:
            cols.append(getattr(np, m["f"])(column(m["j"], name)))
    return Dataset(np.column_stack(cols), ds.y, ds.task, ds.name, list(features), ds.class_names)


# ---- split, standardise, batches
def split(ds: Dataset, validation_split: float, rng: np.random.Generator):
    """Random hold-out of ``validation_split`` of the rows; both parts keep file order."""
    n = len(ds.x)
    n_val = int(round(n * validation_split))
    if validation_split > 0 and n_val == 0 and n > 1:  # one row: it trains, no validation rows
        n_val = 1
    if n - n_val < 1:
        raise ConfigError(f"data.validation_split: {validation_split} leaves no training rows out of {n}",
                          "out_of_range", key="data.validation_split", value=validation_split, rows=n)
    perm = rng.permutation(n)
    val_idx, train_idx = np.sort(perm[:n_val]), np.sort(perm[n_val:])
    return train_idx, val_idx


def standardize(x_train: np.ndarray, x_val: np.ndarray):
    """Zero mean, unit variance, fitted on the training part only."""
    mean = x_train.mean(axis=0)
    std = x_train.std(axis=0)
    std[std == 0] = 1.0
    return (x_train - mean) / std, (x_val - mean) / std, mean, std


def build_data(spec: dict, rng: np.random.Generator, base_dir: str = ".") -> DataSplit:
    """Run the whole pipeline for a validated ``data`` spec."""
    raw = load_source(spec, rng, base_dir)
    if spec.get("task") and spec["task"] != raw.task:
        raw = _retask(raw, spec["task"])
    ds = transform_features(raw, spec.get("features"))
    if ds.task == "classification" and ds.n_classes < 2:
        raise ConfigError(f"data: {ds.name} has only one class; classification needs two or more", "bad_file",
                          key="data", value=ds.name)
    train_idx, val_idx = split(ds, spec.get("validation_split", 0.2), rng)
    x_train, x_val = ds.x[train_idx], ds.x[val_idx]
    if spec.get("standardize", True):
        x_train, x_val, mean, std = standardize(x_train, x_val)
    else:
        mean, std = np.zeros(ds.x.shape[1]), np.ones(ds.x.shape[1])
    # feature transforms make other columns than the pixels: no picture then
    image_shape = raw.image_shape if not spec.get("features") else None
    out = DataSplit(x_train, ds.y[train_idx], x_val, ds.y[val_idx], ds.task, ds.name,
                    ds.feature_names, ds.class_names, mean, std,
                    raw.x[train_idx], raw.x[val_idx], spec.get("features"), image_shape)
    if spec.get("standardize_target") and ds.task == "regression":
        y_train, y_val = out.y_train, out.y_val
        out.y_train, out.y_val, out.y_mean, out.y_std = standardize(y_train, y_val)
        out.raw_y_train, out.raw_y_val = y_train, y_val
    return out


def _retask(ds: Dataset, task: str) -> Dataset:
    if task == "regression":
        y = ds.y.astype(np.float64).reshape(len(ds.y), -1)
        return Dataset(ds.x, y, "regression", ds.name, ds.feature_names)
    values = ds.y.reshape(-1)
    if ds.y.ndim > 1 and ds.y.shape[1] != 1:
        raise ConfigError("data.task: a target with several columns cannot be classification", "conflict",
                          key="data.task")
    if not np.all(values == np.round(values)) or len(np.unique(values)) > 100:
        raise ConfigError(f"data.task: the target of {ds.name} is not a set of class labels", "conflict",
                          key="data.task", value=ds.name)
    classes, y = np.unique(values, return_inverse=True)
    return Dataset(ds.x, y.astype(np.int64), "classification", ds.name, ds.feature_names,
                   [str(int(c)) for c in classes], ds.image_shape)


def epoch_batches(n: int, batch_size: int | None, shuffle: bool, rng: np.random.Generator):
    """Index arrays for one epoch: ``batch_size=None`` is the whole set; the last
    batch may be smaller (``DataLoader`` without ``drop_last``)."""
    order = rng.permutation(n) if shuffle else np.arange(n)
    size = n if batch_size is None else batch_size
    return [order[i:i + size] for i in range(0, n, size)]
