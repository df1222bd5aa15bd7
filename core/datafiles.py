"""Reading data files: CSV and IDX (MNIST format), with limits checked before reading.

A wrong path or a broken file must end in a :class:`ConfigError` naming the key
and the value, never in a traceback or in a machine out of memory:
:func:`check_input_file` refuses what is not a regular file (a folder,
``/dev/zero``, a pipe) or is larger than :data:`MAX_DATA_BYTES` before a byte is
read; the CSV reader streams rows into a compact array and stops at
:data:`MAX_DATA_ELEMENTS`; the IDX reader checks the header's dimensions before
it reads (or decompresses) the data.
"""

from __future__ import annotations

import csv
import gzip
import math
import os
import stat
import zlib
from array import array
from dataclasses import dataclass

import numpy as np

from .registry import ConfigError, show

MAX_DATA_BYTES = 2**30  # a CSV or IDX file (compressed size for .gz; the same for its contents)
MAX_DATA_ELEMENTS = 50_000_000  # rows x columns of the inputs (MNIST's training set is 47 million)


@dataclass
class Dataset:
    """Raw rows: ``x`` is ``(N, d)``; ``y`` is integer labels ``(N,)`` for
    classification or ``(N, k)`` floats for regression."""

    x: np.ndarray
    y: np.ndarray
    task: str
    name: str
    feature_names: list[str]
    class_names: list[str] | None = None
    #: (height, width) of the picture each row is (digits, IDX images); None for other data
    image_shape: tuple[int, int] | None = None

    @property
    def n_classes(self) -> int:
        return len(self.class_names) if self.class_names is not None else 0


def check_input_file(path: str, limit: int, key: str | None = None) -> int:
    """Refuse, before reading, what is not a regular file of at most ``limit`` bytes
    (a folder, /dev/zero, a pipe); return its size.  Messages start with ``key``
    (or the path itself)."""
    prefix, where = (f"{key}: ", f" {path!r}") if key else (f"{path}: ", "")
    name = key or path
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ConfigError(f"{prefix}cannot read{where}: {exc.strerror or exc}", "cannot_read", key=name,
                          value=path) from None
    except ValueError as exc:  # e.g. a NUL character in the path
        raise ConfigError(f"{prefix}cannot read{where}: {exc}", "cannot_read", key=name, value=path) from None
    if not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise ConfigError(f"{prefix}cannot read{where}: {what}", "bad_file", key=name, value=path)
    if st.st_size > limit:
        raise ConfigError(f"{prefix}cannot read{where}: {st.st_size:,} bytes is more than the limit of {limit:,}",
                          "too_large", key=name, value=path, size=st.st_size, limit=limit)
    return st.st_size


def load_csv(path: str, target: str, task: str | None = None) -> Dataset:
    """A CSV file with a header row; every column but ``target`` must be numeric.

    Read row by row into a compact array, so memory follows the numbers, not the
    text; a file, a field or a table over the limits is refused with a message."""
    check_input_file(path, MAX_DATA_BYTES, "data.path")
    header: list[str] | None = None
    values = array("d")
    labels: list[str] = []
    reader = None
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if header is None:
                    header = [h.strip() for h in row]
                    if target not in header:
                        raise ConfigError(f"data.target: no column {target!r} in {path!r} "
                                          f"(columns: {', '.join(header)})", "unknown_value", key="data.target",
                                          value=target, known=header)
                    if len(header) < 2:
                        raise ConfigError(f"data.path: {path!r} has only the target column {target!r}; it needs "
                                          "at least one input column", "bad_file", key="data.path", value=path)
                    t = header.index(target)
                    continue
                _csv_row(row, reader.line_num, header, t, path, values, labels)
    except OSError as exc:
        raise ConfigError(f"data.path: cannot read {path!r}: {exc.strerror or exc}", "cannot_read",
                          key="data.path", value=path) from None
    except UnicodeDecodeError:
        raise ConfigError(f"data.path: {path!r} is not a UTF-8 text file", "bad_file", key="data.path",
                          value=path) from None
    except csv.Error as exc:  # a field over 128 KB, a NUL character...
        line = reader.line_num if reader is not None else 0
        raise ConfigError(f"data.path: {path!r} line {line}: {exc}", "bad_file", key="data.path", value=path,
                          line=line) from None
    if header is None or len(labels) < 2:
        raise ConfigError(f"data.path: {path!r} needs a header row and at least two data rows", "bad_file",
                          key="data.path", value=path)
    x = np.frombuffer(values, dtype=np.float64).reshape(len(labels), len(header) - 1).copy()
    names = [h for i, h in enumerate(header) if i != t]
    numeric = _all_numbers(labels)
    if task is None:
        if numeric is None:
            task = "classification"
        else:
            distinct = np.unique(numeric)
            integral = np.all(distinct == np.round(distinct))
            task = "classification" if integral and len(distinct) <= 20 else "regression"
    if task == "regression":
        if numeric is None:
            raise ConfigError(f"data.target: column {target!r} is not numeric, so it cannot be a regression target",
                              "bad_type", key="data.target", value=target)
        return Dataset(x, numeric.reshape(-1, 1), "regression", os.path.basename(path), names)
    classes, y = np.unique(np.array(labels) if numeric is None else numeric, return_inverse=True)
    class_names = [str(c if numeric is None else (int(c) if float(c).is_integer() else c)) for c in classes]
    return Dataset(x, y.astype(np.int64), "classification", os.path.basename(path), names, class_names)


def _csv_row(row, line, header, t, path, values, labels) -> None:
    if len(row) != len(header):
        raise ConfigError(f"data.path: {path!r} line {line} has {len(row)} fields, the header has {len(header)}",
                          "bad_file", key="data.path", value=path, line=line)
    if (len(labels) + 1) * (len(header) - 1) > MAX_DATA_ELEMENTS:
        raise ConfigError(f"data.path: {path!r} has more than {MAX_DATA_ELEMENTS:,} values (at line {line})",
                          "too_large", key="data.path", value=path, limit=MAX_DATA_ELEMENTS)
    for col, cell in enumerate(row):
        if col == t:
            labels.append(cell.strip())
            continue
        try:
            value = float(cell)
        except ValueError:
            raise ConfigError(f"data.path: {path!r} line {line}, column {header[col]!r}: {show(cell)} is not a "
                              "number", "bad_type", key="data.path", value=cell, line=line,
                              column=header[col]) from None
        if not math.isfinite(value):
            raise ConfigError(f"data.path: {path!r} line {line}, column {header[col]!r}: {show(cell)} is not "
                              "finite", "not_finite", key="data.path", value=cell, line=line, column=header[col])
        values.append(value)


def _all_numbers(cells: list[str]) -> np.ndarray | None:
    try:
        values = np.array([float(c) for c in cells])
    except ValueError:
        return None
    return values if np.all(np.isfinite(values)) else None


_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def read_idx(path: str, key: str = "data.path") -> np.ndarray:
    """Read one IDX (MNIST-format) file, optionally gzip-compressed.  The header is
    checked (dimensions, size) before the data is read; the data is read in one
    piece of exactly the promised size."""
    check_input_file(path, MAX_DATA_BYTES, key)

    def bad(message, code="bad_file", **args):
        return ConfigError(f"{key}: {path!r} {message}", code, key=key, value=path, **args)

    opener = gzip.open if path.endswith(".gz") or _gzip_magic(path) else open
    try:
        with opener(path, "rb") as fh:
            head = fh.read(4)
            if len(head) < 4 or head[0] != 0 or head[1] != 0 or head[2] not in _IDX_TYPES:
                raise bad("is not an IDX file (bad magic number)")
            ndim = head[3]
            if ndim == 0:
                raise bad("is an IDX file with no dimensions")
            raw_dims = fh.read(4 * ndim)
            if len(raw_dims) < 4 * ndim:
                raise bad(f"ends inside its header ({ndim} dimensions promised)")
            dims = tuple(int.from_bytes(raw_dims[4 * i: 4 * i + 4], "big") for i in range(ndim))
            if 0 in dims:
                raise bad(f"has a dimension of size 0 (shape {dims})")
            dtype = np.dtype(_IDX_TYPES[head[2]])
            count = math.prod(dims)
            header = 4 + 4 * ndim
            expected = header + count * dtype.itemsize
            if count > MAX_DATA_ELEMENTS or count * dtype.itemsize > MAX_DATA_BYTES:
                raise bad(f"promises shape {dims} ({count:,} values), more than the limit of "
                          f"{MAX_DATA_ELEMENTS:,}", "too_large", shape=dims, limit=MAX_DATA_ELEMENTS)
            body = fh.read(count * dtype.itemsize)
            extra = len(fh.read(1))
    except ConfigError:
        raise
    except (OSError, EOFError, zlib.error) as exc:  # truncated or corrupt gzip stream
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise ConfigError(f"{key}: cannot read {path!r}: {reason}", "cannot_read", key=key, value=path) from None
    if len(body) + header != expected or extra:
        size = f"more than {expected}" if extra else str(header + len(body))
        raise bad(f"has {size} bytes, its header promises {expected}", size=header + len(body), expected=expected)
    out = np.frombuffer(body, dtype=dtype).reshape(dims)
    if dtype.kind == "f" and not np.all(np.isfinite(out)):
        raise bad("contains NaN or infinite values", "not_finite")
    return out


def _gzip_magic(path: str) -> bool:
    """True if the file starts as gzip does (an IDX file starts with two zero bytes):
    a gzipped file read whatever its name (a download renamed without ``.gz``)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(2) == b"\x1f\x8b"
    except OSError:
        return False  # reported when it is opened for reading


def load_idx(images_path: str, labels_path: str) -> Dataset:
    images = read_idx(images_path, "data.path")
    labels = read_idx(labels_path, "data.labels").reshape(-1)
    if len(images) != len(labels):
        raise ConfigError(f"data.labels: {len(labels)} labels for {len(images)} images in {images_path!r}",
                          "shape_mismatch", key="data.labels", value=len(labels), expected=len(images))
    x = images.reshape(len(images), -1).astype(np.float64)
    if images.dtype == np.dtype(">u1"):
        x /= 255.0
    classes, y = np.unique(labels, return_inverse=True)
    # an (N, rows, columns) file holds pictures; (N, d) is rows of numbers
    shape = (int(images.shape[1]), int(images.shape[2])) if images.ndim == 3 else None
    return Dataset(x, y.astype(np.int64), "classification", os.path.basename(images_path),
                   [f"px{i}" for i in range(x.shape[1])], [str(c) for c in classes], shape)
