"""The project file: validation with defaults, loading and atomic saving.

:func:`normalize_project` checks every key of a project dict and returns a
complete copy with every default filled in, or raises :class:`ConfigError`
naming the key and the value (``optimizer.lr: must be in [0, inf], got -0.1``).
Shapes that depend on the data (the output layer's width) are checked when a
:class:`~core.trainer.Trainer` is built.
"""

from __future__ import annotations

import copy
import json
import math
import os
import tempfile

import numpy as np

from .data import validate_data_spec
from .layers import build_layer
from .losses import LOSSES
from .optimizers import make_optimizer
from .registry import ConfigError, Param, parse_named_spec, validate_params
from .schedules import make_schedule

FORMAT = "backprop-lab/1"
TOP_KEYS = ("format", "seed", "data", "network", "loss", "optimizer", "schedule", "training",
            "name", "description")

TRAINING = {
    "batch_size": Param(10, kind="int", low=1, nullable=True),
    "epochs": Param(100, kind="int", low=1),
    "shuffle": Param(True, kind="bool"),
    "dtype": Param("float64", kind="choice", choices=("float64", "float32")),
    "grad_clip": Param(None, low=0.0, low_open=True, nullable=True),
    "early_stopping": Param(None, kind="any", nullable=True),
}
EARLY_STOPPING = {
    "patience": Param(10, kind="int", low=1),
    "min_delta": Param(0.0, low=0.0),
    "restore_best": Param(True, kind="bool"),
}

DEFAULT_PROJECT = {
    "format": FORMAT,
    "seed": 0,
    "data": {"source": "spiral", "samples": 500, "noise": 0.05, "validation_split": 0.2,
             "standardize": True},
    "network": {"layers": [
        {"type": "dense", "units": 8, "activation": "tanh"},
        {"type": "dense", "units": 8, "activation": "tanh"},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ]},
    "loss": "auto",
    "optimizer": {"name": "adam", "lr": 0.03},
    "schedule": {"name": "constant"},
    "training": {"batch_size": 10, "epochs": 100, "shuffle": True, "dtype": "float64"},
}


def default_project() -> dict:
    return copy.deepcopy(DEFAULT_PROJECT)


def _check_finite(value, key: str) -> None:
    """Reject NaN and infinities anywhere in the document, naming where."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{key}: must be a finite number, got {value!r}")
    if isinstance(value, dict):
        for k, v in value.items():
            _check_finite(v, f"{key}.{k}" if key else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_finite(v, f"{key}[{i}]")


def normalize_project(spec) -> dict:
    """Validate ``spec`` and return a complete copy with every default filled in."""
    if not isinstance(spec, dict):
        raise ConfigError(f"project: must be a JSON object, got {type(spec).__name__}")
    _check_finite(spec, "")
    for key in spec:
        if key not in TOP_KEYS:
            raise ConfigError(f"{key}: unknown key (known: {', '.join(TOP_KEYS)})")
    if "format" not in spec:
        raise ConfigError(f"format: missing (expected {FORMAT!r})")
    if spec["format"] != FORMAT:
        raise ConfigError(f"format: unsupported format {spec['format']!r} (expected {FORMAT!r})")
    out: dict = {"format": FORMAT}
    for key in ("name", "description"):
        if key in spec:
            out[key] = Param("", kind="str").validate(key, spec[key])
    out["seed"] = Param(0, kind="int", low=0).validate("seed", spec.get("seed", 0))
    if "data" not in spec:
        raise ConfigError("data: missing (an object with a source)")
    out["data"] = validate_data_spec(spec["data"])

    network = spec.get("network")
    if not isinstance(network, dict):
        raise ConfigError(f"network: must be an object with a list of layers, got {network!r}")
    for key in network:
        if key != "layers":
            raise ConfigError(f"network.{key}: unknown key (known: layers)")
    layers = network.get("layers")
    if not isinstance(layers, list) or not layers:
        raise ConfigError(f"network.layers: must be a non-empty list of layers, got {layers!r}")
    for i, layer in enumerate(layers):
        build_layer(layer, f"network.layers[{i}]")  # validates, builds no arrays
    out["network"] = {"layers": copy.deepcopy(layers)}

    loss = spec.get("loss", "auto")
    if loss != "auto":
        parse_named_spec(LOSSES, "loss", loss)
    out["loss"] = copy.deepcopy(loss)

    optimizer = spec.get("optimizer", {"name": "adam"})
    if isinstance(optimizer, str):
        optimizer = {"name": optimizer}
    probe = make_optimizer(optimizer, np.zeros(1), np.zeros(1), None)
    out["optimizer"] = probe.get_config()

    training = spec.get("training", {})
    if not isinstance(training, dict):
        raise ConfigError(f"training: must be an object, got {training!r}")
    out["training"] = validate_params("training", TRAINING, training)
    early = out["training"]["early_stopping"]
    if early is not None:
        if early is True:
            early = {}
        if not isinstance(early, dict):
            raise ConfigError(f"training.early_stopping: must be null or an object, got {early!r}")
        out["training"]["early_stopping"] = validate_params("training.early_stopping",
                                                            EARLY_STOPPING, early)
        if out["data"]["validation_split"] == 0:
            raise ConfigError("training.early_stopping: needs a validation set "
                              "(data.validation_split is 0)")

    schedule = spec.get("schedule", {"name": "constant"})
    out["schedule"] = make_schedule(schedule, out["training"]["epochs"]).get_config()
    return out


# ---- files
def load_project(path: str) -> dict:
    """Read and validate a project file; errors name the file and the key."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not a UTF-8 text file") from None
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    return normalize_project(spec)


def atomic_write(path: str, write, mode: str = "w") -> None:
    """Write through a temporary file in the same folder, then rename over ``path``:
    a half-written file never replaces a good one."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=os.path.splitext(path)[1], dir=folder)
    try:
        with os.fdopen(fd, mode, **({"encoding": "utf-8"} if "b" not in mode else {})) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def save_project(spec: dict, path: str) -> None:
    text = json.dumps(spec, indent=2) + "\n"
    atomic_write(path, lambda fh: fh.write(text))
