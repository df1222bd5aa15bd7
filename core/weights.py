"""The weights file: ``.npz`` without pickle, keys ``layers.{i}.{name}``.

Names and shapes are PyTorch's (``weight`` is ``out x in`` as in ``nn.Linear``;
batch norm adds ``running_mean`` and ``running_var``).  Loading checks every
key, shape and value before anything is copied into the network.

Reading looks at the archive before it decompresses anything: every entry must
be a plain ``.npy`` array, neither encrypted nor compressed with a method this
Python lacks; its header (shape and dtype) is read first, checked against the
network (or, without one, against a size limit), and only then is exactly the
promised number of bytes read.  A small archive cannot cost gigabytes.
"""

from __future__ import annotations

import math
import zipfile
import zlib

import numpy as np

from .data import check_input_file
from .network import Network
from .project import MAX_PARAMETERS, atomic_write
from .registry import ConfigError

#: numbers a weights file may hold when there is no network to check it against
MAX_WEIGHT_NUMBERS = 2 * MAX_PARAMETERS
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


def save_weights(network: Network, path: str) -> None:
    save_arrays(network.copy_arrays(), path)


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


def _check_against(path: str, found: dict, network: Network) -> None:
    mine = network.named_arrays()
    extra = [k for k in found if k not in mine]
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
    """Read every array of a ``.npz`` file; refuses pickled objects.

    With ``network`` the names, shapes and dtypes are checked against it from the
    headers, before any array is decompressed; without, the arrays together may
    hold at most :data:`MAX_WEIGHT_NUMBERS` numbers.
    """
    found = _scan(path)
    if network is not None:
        _check_against(path, found, network)
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
    return arrays


def load_weights(network: Network, path: str) -> None:
    network.load_arrays(read_weights(path, network), source=path)
