"""The weights file: ``.npz`` without pickle, keys ``layers.{i}.{name}``.

Names and shapes are PyTorch's (``weight`` is ``out x in`` as in ``nn.Linear``;
batch norm adds ``running_mean`` and ``running_var``).  Loading checks every
key, shape and value before anything is copied into the network.
"""

from __future__ import annotations

import os
import zipfile

import numpy as np

from .network import Network
from .project import atomic_write
from .registry import ConfigError


def save_weights(network: Network, path: str) -> None:
    save_arrays(network.copy_arrays(), path)


def save_arrays(arrays: dict[str, np.ndarray], path: str) -> None:
    """Write named arrays as ``.npz`` through a temporary file (atomic)."""
    atomic_write(path, lambda fh: np.savez(fh, **arrays), mode="wb")


def read_weights(path: str) -> dict[str, np.ndarray]:
    """Read every array of a ``.npz`` file; refuses pickled objects."""
    if os.path.isfile(path) and not zipfile.is_zipfile(path):  # np.load would try .npy, then pickle
        raise ConfigError(f"{path}: not an .npz file (expected a zip archive of named arrays)")
    try:
        with np.load(path, allow_pickle=False) as npz:
            return {key: npz[key] for key in npz.files}
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ConfigError(f"{path}: not a plain .npz weights file ({exc})") from None
    except (zipfile.BadZipFile, EOFError):
        raise ConfigError(f"{path}: not an .npz file (bad zip archive)") from None


def load_weights(network: Network, path: str) -> None:
    network.load_arrays(read_weights(path), source=path)
