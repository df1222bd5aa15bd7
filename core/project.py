"""The project file: validation with defaults, loading and atomic saving.

:func:`normalize_project` checks every key of a project dict and returns a
complete copy with every default filled in, or raises :class:`ConfigError`
naming the key and the value (``optimizer.lr: must be in [0, inf], got -0.1``).
Shapes that depend on the data (the output layer's width) are checked when a
:class:`~core.trainer.Trainer` is built.
"""

from __future__ import annotations

import copy
import errno
import json
import math
import os
import stat
import tempfile

import numpy as np

from .data import check_input_file, known_data_shape, validate_data_spec
from .layers import build_layer
from .losses import check_loss_spec
from .optimizers import make_optimizer
from .registry import ConfigError, Param, show, validate_params
from .schedules import make_schedule

#: sane limits, checked before anything is allocated (a typo must not cost the machine's memory)
MAX_DEPTH = 64  # nesting of objects and lists in a project file
MAX_PROJECT_BYTES = 16 * 2**20
MAX_UNITS = 1_000_000  # per layer
MAX_PARAMETERS = 20_000_000  # weights and biases of the whole network
MAX_ACTIVATIONS = 100_000_000  # rows x summed layer widths (evaluation holds the whole set; 500 rows x 100k units fit)

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


def _check_document(spec) -> None:
    """Reject NaN and infinities anywhere in the document and nesting deeper than
    :data:`MAX_DEPTH`, naming where (iterative: any depth is safe to walk)."""
    stack = [(spec, "", 0)]
    while stack:
        value, key, depth = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            raise ConfigError(f"{key}: must be a finite number, got {value!r}", "not_finite", key=key, value=value)
        if isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                raise ConfigError(f"{key or 'project'}: nested more than {MAX_DEPTH} levels deep", "too_large",
                                  key=key or "project", limit=MAX_DEPTH)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for k, v in items:
                if isinstance(value, dict):
                    child = f"{key}.{k}" if key else str(k)
                else:
                    child = f"{key}[{k}]"
                stack.append((v, child, depth + 1))


def _walk_layers(layers: list, key: str, width: int | None):
    """Yield ``(key, spec, in_width, out_width)`` for every layer of validated
    specs (nested ones too); widths are None where the input width is unknown."""
    for i, spec in enumerate(layers):
        lkey = f"{key}[{i}]"
        kind = spec.get("type")
        if kind == "dense":
            out = spec["units"]
        elif kind == "residual":
            yield from _walk_layers(spec.get("layers", []), f"{lkey}.layers", width)
            out = width
        else:
            out = width
        yield lkey, spec, width, out
        width = out


def layer_parameters(spec: dict, in_width: int | None) -> int:
    """Parameters of one validated layer spec (a lower bound if ``in_width`` is None)."""
    kind = spec.get("type")
    if kind == "dense":
        units = spec["units"]
        n = units * (in_width or 1) + (units if spec.get("bias", True) else 0)
        activation = spec.get("activation")
        name = activation.get("name") if isinstance(activation, dict) else activation
        return n + (units if name == "prelu" else 0)
    if kind == "batchnorm":
        return 2 * (in_width or 1)
    return 0


def check_network_size(layers: list, in_width: int | None = None, rows: int | None = None,
                       key: str = "network.layers") -> None:
    """Refuse networks whose arrays would not fit in memory, before they are built:
    at most :data:`MAX_UNITS` units per layer, :data:`MAX_PARAMETERS` parameters and
    ``rows`` x summed widths at most :data:`MAX_ACTIVATIONS`."""
    total = widths = 0
    for lkey, spec, width, out in _walk_layers(layers, key, in_width):
        if spec.get("type") == "dense" and spec["units"] > MAX_UNITS:
            raise ConfigError(f"{lkey}.units: must be at most {MAX_UNITS:,}, got {show(spec['units'])}",
                              "out_of_range", key=f"{lkey}.units", value=spec["units"], high=MAX_UNITS)
        total += layer_parameters(spec, width)
        widths += out or 0
        if total > MAX_PARAMETERS:
            raise ConfigError(f"{lkey}: the network would have more than {MAX_PARAMETERS:,} parameters "
                              f"({total:,} up to this layer); use fewer units", "too_large",
                              key=lkey, value=total, limit=MAX_PARAMETERS)
    if rows is not None and rows * widths > MAX_ACTIVATIONS:
        raise ConfigError(f"data.samples: {rows:,} rows through layers {widths:,} units wide in total make "
                          f"{rows * widths:,} values per evaluation, more than {MAX_ACTIVATIONS:,}; "
                          "use fewer samples or units", "too_large", key="data.samples", value=rows,
                          units=widths, limit=MAX_ACTIVATIONS)


def normalize_project(spec) -> dict:
    """Validate ``spec`` and return a complete copy with every default filled in."""
    if not isinstance(spec, dict):
        raise ConfigError(f"project: must be a JSON object, got {type(spec).__name__}", "bad_type",
                          key="project", expected="object")
    _check_document(spec)
    for key in spec:
        if key not in TOP_KEYS:
            raise ConfigError(f"{key}: unknown key (known: {', '.join(TOP_KEYS)})", "unknown_key",
                              key=key, known=list(TOP_KEYS))
    if "format" not in spec:
        raise ConfigError(f"format: missing (expected {FORMAT!r})", "missing", key="format", expected=FORMAT)
    if spec["format"] != FORMAT:
        raise ConfigError(f"format: unsupported format {show(spec['format'])} (expected {FORMAT!r})",
                          "unknown_value", key="format", value=spec["format"], expected=FORMAT)
    out: dict = {"format": FORMAT}
    for key in ("name", "description"):
        if key in spec:
            out[key] = Param("", kind="str").validate(key, spec[key])
    out["seed"] = Param(0, kind="int", low=0).validate("seed", spec.get("seed", 0))
    if "data" not in spec:
        raise ConfigError("data: missing (an object with a source)", "missing", key="data")
    out["data"] = validate_data_spec(spec["data"])

    network = spec.get("network")
    if not isinstance(network, dict):
        raise ConfigError(f"network: must be an object with a list of layers, got {show(network)}", "bad_type",
                          key="network", value=network, expected="object")
    for key in network:
        if key != "layers":
            raise ConfigError(f"network.{key}: unknown key (known: layers)", "unknown_key",
                              key=f"network.{key}", known=["layers"])
    layers = network.get("layers")
    if not isinstance(layers, list) or not layers:
        raise ConfigError(f"network.layers: must be a non-empty list of layers, got {show(layers)}", "bad_type",
                          key="network.layers", value=layers, expected="list")
    for i, layer in enumerate(layers):
        build_layer(layer, f"network.layers[{i}]")  # validates, builds no arrays
    in_width, rows = known_data_shape(out["data"])
    check_network_size(layers, in_width, rows)
    out["network"] = {"layers": copy.deepcopy(layers)}

    loss = check_loss_spec(spec.get("loss", "auto"))
    out["loss"] = copy.deepcopy(loss)

    optimizer = spec.get("optimizer", {"name": "adam"})
    if isinstance(optimizer, str):
        optimizer = {"name": optimizer}
    if not isinstance(optimizer, dict):
        raise ConfigError(f"optimizer: must be a name or an object with a name, got {show(optimizer)}", "bad_type",
                          key="optimizer", value=optimizer, expected="name")
    probe = make_optimizer(optimizer, np.zeros(1), np.zeros(1), None)
    out["optimizer"] = probe.get_config()

    training = spec.get("training", {})
    if not isinstance(training, dict):
        raise ConfigError(f"training: must be an object, got {show(training)}", "bad_type", key="training",
                          value=training, expected="object")
    out["training"] = validate_params("training", TRAINING, training)
    early = out["training"]["early_stopping"]
    if early is not None:
        if early is True:
            early = {}
        if not isinstance(early, dict):
            raise ConfigError(f"training.early_stopping: must be null or an object, got {show(early)}", "bad_type",
                              key="training.early_stopping", value=early, expected="object")
        out["training"]["early_stopping"] = validate_params("training.early_stopping",
                                                            EARLY_STOPPING, early)
        if out["data"]["validation_split"] == 0:
            raise ConfigError("training.early_stopping: needs a validation set "
                              "(data.validation_split is 0)", "conflict", key="training.early_stopping",
                              other="data.validation_split")

    schedule = spec.get("schedule", {"name": "constant"})
    out["schedule"] = make_schedule(schedule, out["training"]["epochs"]).get_config()
    return out


# ---- files
def load_project(path: str) -> dict:
    """Read and validate a project file; errors name the file and the key."""
    check_input_file(path, MAX_PROJECT_BYTES)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read(MAX_PROJECT_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}", "cannot_read", key=path) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not a UTF-8 text file", "bad_file", key=path) from None
    return normalize_project(parse_project_text(text, path))


def parse_project_text(text: str, path: str = "project") -> object:
    """JSON text -> a Python value, every failure a ConfigError naming ``path``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                          "bad_file", key=path, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to read (more than {MAX_DEPTH} levels are refused)",
                          "too_large", key=path, limit=MAX_DEPTH) from None
    except ValueError as exc:  # an integer over Python's 4300-digit limit
        raise ConfigError(f"{path}: not a usable project file ({_one_line(str(exc)).split(';')[0]})",
                          "bad_file", key=path) from None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _umask() -> int:
    try:  # Linux: read it without changing it (os.umask sets it, racing other threads)
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_target(path: str) -> str:
    """The file a write to ``path`` replaces: ``path`` itself, or the regular file a
    symlink at ``path`` points to (written through).  Raises OSError if that is a
    directory, a device, a pipe or anything else but a regular file, or if the
    folder does not exist."""
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, path) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise OSError(errno.EISDIR if stat.S_ISDIR(st.st_mode) else errno.EINVAL,
                      f"{what}; refusing to replace it", path)
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise OSError(errno.ENOENT, f"folder {folder!r} does not exist", path)
    return target


def atomic_write(path: str, write, mode: str = "w") -> None:
    """Write through a temporary file in the same folder, then rename over ``path``:
    a half-written file never replaces a good one.

    A symlink at ``path`` is written through to the regular file it names; a
    directory, device, pipe or socket there is refused (OSError), never replaced.
    The new file gets the mode of the file it replaces, or the umask's
    (``0o666 & ~umask``) for a new one.  The temporary file is removed on any
    failure, KeyboardInterrupt included.
    """
    target = write_target(os.fspath(path))
    folder = os.path.dirname(target)
    try:
        perm = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        perm = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=os.path.splitext(target)[1], dir=folder)
    try:
        try:
            fh = os.fdopen(fd, mode, **({"encoding": "utf-8"} if "b" not in mode else {}))
        except BaseException:
            os.close(fd)
            raise
        with fh:
            os.fchmod(fh.fileno(), perm)
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def save_project(spec: dict, path: str) -> None:
    text = json.dumps(spec, indent=2) + "\n"
    atomic_write(path, lambda fh: fh.write(text))
