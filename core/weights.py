"""The weights file: ``.npz`` without pickle, keys ``layers.{i}.{name}``.

Names and shapes are PyTorch's (``weight`` is ``out x in`` as in ``nn.Linear``;
batch norm adds ``running_mean`` and ``running_var``).  Loading checks every
key, shape and value before anything is copied into the network.

Reading looks at the archive before it decompresses anything: every entry must
be a plain ``.npy`` array, neither encrypted nor compressed with a method this
Python lacks; its header (shape and dtype) is read first, checked against the
network (or, without one, against a size limit), and only then is exactly the
promised number of bytes read.  A small archive cannot cost gigabytes.

Besides the network's arrays a file may carry what the network needs to be used
alone, under ``input.*`` keys (see :func:`input_arrays`; README "Weights file"):
the raw columns it takes, the feature transforms, the training set's mean and
standard deviation, the class names.  Files without them still load; loading
checks their form and hands them back apart (:func:`read_weights_file`), never
into the network.
"""

from __future__ import annotations

import math
import zipfile
import zlib

import numpy as np

from .data import DataSplit, check_input_file
from .network import Network
from .project import MAX_PARAMETERS, atomic_write
from .registry import ConfigError

#: numbers a weights file may hold when there is no network to check it against
MAX_WEIGHT_NUMBERS = 2 * MAX_PARAMETERS
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


#: the ``input.*`` keys a weights file may carry: name -> (kind of array, dimensions)
INPUT_KEYS = {
    "input.columns": ("U", 1),  # the raw columns the network's inputs are computed from
    "input.features": ("U", 1),  # the network's inputs: column names, or formulas over x1..xN
    "input.mean": ("f", 1),  # subtracted from each feature (training part's mean)
    "input.std": ("f", 1),  # then divided by this (its standard deviation; 1 where constant)
    "input.classes": ("U", 1),  # classification: the class names, in output order
    "input.task": ("U", 0),  # "classification" or "regression"
    "input.source": ("U", 0),  # the data set's name
}


def input_arrays(data: DataSplit) -> dict[str, np.ndarray]:
    """The ``input.*`` arrays that let the network be used without the project.

    A raw row ``x`` (``input.columns``) becomes the network's input by computing
    ``input.features`` (the columns themselves, or formulas such as ``x1*x2``,
    ``x1^2``, ``sin(x1)`` over the columns numbered x1, x2, ...) and then
    ``(features - input.mean) / input.std`` in float64.  Names are fixed-width
    unicode arrays, never object arrays (so loading needs no pickle).
    """
    columns = list(data.feature_names) if not data.features else [f"x{i + 1}" for i in range(data.raw_columns)]
    arrays = {
        "input.columns": np.array(columns, dtype=str),
        "input.features": np.array(list(data.feature_names), dtype=str),
        "input.mean": np.asarray(data.mean, dtype=np.float64).copy(),
        "input.std": np.asarray(data.std, dtype=np.float64).copy(),
        "input.task": np.array(data.task, dtype=str),
        "input.source": np.array(data.name, dtype=str),
    }
    if data.class_names is not None:
        arrays["input.classes"] = np.array(list(data.class_names), dtype=str)
    return arrays


def weights_file_arrays(network: Network, data: DataSplit | None = None) -> dict[str, np.ndarray]:
    """Everything a weights file holds: the network's arrays and, with ``data``, ``input.*``."""
    arrays = network.copy_arrays()
    if data is not None:
        arrays.update(input_arrays(data))
    return arrays


def save_weights(network: Network, path: str, data: DataSplit | None = None) -> None:
    """Write the network's arrays (and with ``data`` the ``input.*`` arrays) to ``path``."""
    save_arrays(weights_file_arrays(network, data), path)


def save_arrays(arrays: dict[str, np.ndarray], path: str) -> None:
    """Write named arrays as ``.npz`` through a temporary file (atomic)."""
    atomic_write(path, lambda fh: np.savez(fh, **arrays), mode="wb")


def _read_header(fh) -> tuple[tuple, bool, np.dtype]:
    version = np.lib.format.read_magic(fh)
    if version == (1, 0):
        return np.lib.format.read_array_header_1_0(fh)
    if version == (2, 0):
        return np.lib.format.read_array_header_2_0(fh)
    raise ValueError(f"unsupported .npy format version {version}")


def read_headers(path: str) -> dict[str, tuple[tuple, np.dtype]]:
    """``{key: (shape, dtype)}`` of every array in a ``.npz``, from the headers only."""
    return {key: (shape, dtype) for key, (shape, _, dtype, _) in _scan(path).items()}


def _bad(path: str, message: str, code: str = "bad_file", **args) -> ConfigError:
    return ConfigError(f"{path}: {message}", code, key=path, **args)


def _scan(path: str) -> dict[str, tuple]:
    """Open the archive and read each entry's header; nothing is decompressed beyond them."""
    check_input_file(path, 2**40)  # a regular file (not a folder, /dev/zero, a pipe)
    if not zipfile.is_zipfile(path):  # np.load would try .npy, then pickle
        raise _bad(path, "not an .npz file (expected a zip archive of named arrays)")
    found: dict[str, tuple] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                name = info.filename
                if not name.endswith(".npy") or info.is_dir():
                    raise _bad(path, f"entry {name!r} is not an array (.npy)")
                key = name[:-4]
                if key in found:
                    raise _bad(path, f"array {key!r} appears twice")
                if info.flag_bits & 0x1:
                    raise _bad(path, f"array {key!r} is encrypted")
                if info.compress_type not in _METHODS:
                    raise _bad(path, f"array {key!r} uses an unsupported compression method "
                                     f"({info.compress_type})")
                with zf.open(info) as fh:
                    shape, fortran, dtype = _read_header(fh)
                if dtype.hasobject:
                    raise _bad(path, f"{key} holds Python objects (dtype {dtype}), not numbers", "bad_type")
                found[key] = (shape, fortran, dtype, info)
    except ConfigError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError,
            OSError) as exc:
        raise _bad(path, f"not an .npz file (bad zip archive or array header: {_reason(exc)})") from None
    return found


def _reason(exc: BaseException) -> str:
    return " ".join((getattr(exc, "strerror", None) or str(exc) or type(exc).__name__).split())[:200]


def _check_input(path: str, found: dict, in_width: int | None) -> None:
    """The ``input.*`` entries have the kind and shape their keys promise (from the headers)."""
    widths = {}
    for key, (kind, ndim) in INPUT_KEYS.items():
        if key not in found:
            continue
        shape, _, dtype, _ = found[key]
        if dtype.kind != kind or (kind == "f" and dtype.itemsize not in (4, 8)):
            what = "text" if kind == "U" else "floating-point numbers"
            raise ConfigError(f"{path}: {key} must be {what}, got dtype {dtype}", "bad_type", key=key,
                              value=str(dtype), file=path)
        if len(shape) != ndim:
            raise ConfigError(f"{path}: {key} must have {ndim} dimension{'s' if ndim != 1 else ''}, got shape "
                              f"{tuple(shape)}", "shape_mismatch", key=key, value=tuple(shape), file=path)
        if key in ("input.features", "input.mean", "input.std"):
            widths[key] = shape[0]
    expected = in_width if in_width is not None else next(iter(widths.values()), None)
    for key, width in widths.items():
        if width != expected:
            raise ConfigError(f"{path}: {key} has {width} entries but the network has {expected} inputs",
                              "shape_mismatch", key=key, value=(width,), expected=(expected,), file=path)


def _check_input_values(path: str, info: dict[str, np.ndarray]) -> None:
    for key in ("input.mean", "input.std"):
        if key in info and not np.all(np.isfinite(info[key])):
            raise ConfigError(f"{path}: {key} contains NaN or infinite values", "not_finite", key=key, file=path)
    if "input.std" in info and np.any(info["input.std"] <= 0):
        raise ConfigError(f"{path}: input.std must be positive (a feature is divided by it)", "out_of_range",
                          key="input.std", file=path)


def _is_input(key: str) -> bool:
    return key.startswith("input.")


def _check_against(path: str, found: dict, network: Network) -> None:
    mine = network.named_arrays()
    _check_input(path, found, network.in_width)
    extra = [k for k in found if k not in mine and not _is_input(k)]
    missing = [k for k in mine if k not in found]
    if extra:
        raise ConfigError(
            f"{path}: unexpected array {extra[0]!r} (this network has "
            f"{len(mine)} arrays: {', '.join(list(mine)[:6])}{', ...' if len(mine) > 6 else ''})",
            "unknown_key", key=extra[0], file=path)
    if missing:
        raise ConfigError(f"{path}: missing array {missing[0]!r} ({network.describe_array(missing[0])})",
                          "missing", key=missing[0], file=path)
    for name, target in mine.items():
        shape, _, dtype, _ = found[name]
        if tuple(shape) != target.shape:
            raise ConfigError(f"{path}: {name} has shape {tuple(shape)} but {network.describe_array(name)} "
                              f"needs {target.shape}", "shape_mismatch", key=name, value=tuple(shape),
                              expected=target.shape, file=path)
        if dtype.kind not in "biuf":
            raise ConfigError(f"{path}: {name} is not real numbers (dtype {dtype})", "bad_type", key=name,
                              value=str(dtype), file=path)


def read_weights(path: str, network: Network | None = None) -> dict[str, np.ndarray]:
    """The network's arrays of a ``.npz`` file (``input.*`` checked and left out);
    refuses pickled objects.

    With ``network`` the names, shapes and dtypes are checked against it from the
    headers, before any array is decompressed; without, the arrays together may
    hold at most :data:`MAX_WEIGHT_NUMBERS` numbers.
    """
    return read_weights_file(path, network)[0]


def read_weights_file(path: str, network: Network | None = None) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """``(network arrays, input arrays)`` of a weights file: as :func:`read_weights`, and
    the known ``input.*`` arrays apart (empty for a file written before they existed;
    unknown ``input.*`` keys are ignored)."""
    found = _scan(path)
    if network is not None:
        _check_against(path, found, network)
    else:
        _check_input(path, found, None)
    found = {k: v for k, v in found.items() if not _is_input(k) or k in INPUT_KEYS}
    total = sum(math.prod(shape) for shape, *_ in found.values())
    if total > MAX_WEIGHT_NUMBERS:
        raise _bad(path, f"holds {total:,} numbers, more than the limit of {MAX_WEIGHT_NUMBERS:,}", "too_large",
                   value=total, limit=MAX_WEIGHT_NUMBERS)
    arrays = {}
    try:
        with zipfile.ZipFile(path) as zf:
            for key, (shape, fortran, dtype, info) in found.items():
                nbytes = math.prod(shape) * dtype.itemsize
                with zf.open(info) as fh:
                    _read_header(fh)
                    body = fh.read(nbytes)
                    if len(body) != nbytes:
                        raise _bad(path, f"array {key!r} is truncated ({len(body)} of {nbytes} bytes)")
                    if fh.read(1):  # also reaches the end, where the CRC is checked
                        raise _bad(path, f"array {key!r} has more data than its header says")
                arrays[key] = np.frombuffer(body, dtype=dtype).reshape(shape, order="F" if fortran else "C").copy()
    except ConfigError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError,
            OSError) as exc:
        raise _bad(path, f"cannot read the arrays (bad zip archive: {_reason(exc)})") from None
    except MemoryError:
        raise _bad(path, "the arrays are too large for memory", "too_large") from None
    info = {k: arrays.pop(k) for k in list(arrays) if _is_input(k)}
    _check_input_values(path, info)
    return arrays, info


def load_weights(network: Network, path: str) -> None:
    network.load_arrays(read_weights(path, network), source=path)
