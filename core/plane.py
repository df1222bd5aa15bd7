"""The plane a decision map is drawn on, for classification data with two or more inputs.

- two raw inputs: the input plane itself (``kind="raw"``);
- more: the plane of the first two principal components of the network's inputs
  (after feature transforms and standardisation; ``kind="pca"``), through their
  mean, with every point projected onto it; or two chosen raw inputs with the
  others held at their training means (``kind="inputs"``).

A :class:`Plane` carries its axis names, the share of variance each principal
component explains, the projected training and validation points and the extent
to draw; :func:`plane_inputs` maps plane coordinates ``(u, v)`` to network
inputs, so the decision map and the neuron pictures are computed on it exactly as
on a 2-D input plane.  The principal components come from at most
:data:`PCA_ROWS` evenly spaced training rows (a covariance eigendecomposition:
the input width squared, whatever the number of rows).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .registry import ConfigError

PCA_ROWS = 5000
#: the extent is the points' range padded by this fraction on each side
PAD = 0.08


@dataclass(frozen=True)
class Plane:
    kind: str  # "raw", "pca" or "inputs"
    columns: tuple[int, int] | None  # the raw inputs on the axes (raw, inputs); None for pca
    labels: tuple[str, str]  # axis names: input names, or "PC1" / "PC2"
    explained: tuple[float, float] | None  # pca: the share of the inputs' variance along each axis
    lo: np.ndarray  # (2,) low corner of the extent drawn
    hi: np.ndarray  # (2,) high corner
    train_uv: np.ndarray  # (n, 2) the training points on the plane
    val_uv: np.ndarray  # (m, 2) the validation points on the plane
    origin: np.ndarray  # pca: the inputs' mean (network-input space); inputs: the raw means
    directions: np.ndarray | None  # pca: (2, width) orthonormal directions in network-input space


def make_plane(trainer, choice: tuple[int, int] | None = None) -> Plane | None:
    """The plane for ``trainer``'s data: ``choice`` = two raw input columns, or None
    (the input plane for 2-D data, the principal components otherwise).  None for
    data that is not classification over at least two inputs."""
    data = trainer.data
    if data.task != "classification" or data.raw_columns < 2:
        return None
    names = (
        list(data.feature_names)
        if len(data.feature_names) == data.raw_columns
        else [f"x{i + 1}" for i in range(data.raw_columns)]
    )
    raw_train, raw_val = data.raw_x_train, data.raw_x_val
    if choice is None and data.raw_columns == 2:
        choice = (0, 1)
        kind = "raw"
    else:
        kind = "inputs"
    if choice is not None:
        i, j = (int(c) for c in choice)
        for c in (i, j):
            if not 0 <= c < data.raw_columns:
                raise ConfigError(
                    f"plane: input {c} does not exist (the data has {data.raw_columns} inputs)",
                    "out_of_range",
                    key="plane",
                    value=c,
                    limit=data.raw_columns - 1,
                )
        if i == j:
            raise ConfigError(f"plane: choose two different inputs, got {i} twice", "bad_value", key="plane", value=i)
        train_uv = np.asarray(raw_train[:, [i, j]], dtype=np.float64)
        val_uv = np.asarray(raw_val[:, [i, j]], dtype=np.float64)
        origin = raw_train.mean(axis=0) if len(raw_train) else np.zeros(data.raw_columns)
        if kind == "raw":  # the extent the input plane has always been drawn over
            lo, hi = (np.asarray(a, dtype=np.float64)[[i, j]] for a in trainer.input_extent())
        else:
            lo, hi = _extent(train_uv, val_uv)
        return Plane(kind, (i, j), (names[i], names[j]), None, lo, hi, train_uv, val_uv, origin, None)
    x = np.asarray(trainer.x_train, dtype=np.float64)
    rows = x if len(x) <= PCA_ROWS else x[np.linspace(0, len(x) - 1, PCA_ROWS).round().astype(np.intp)]
    mean = rows.mean(axis=0)
    centred = rows - mean
    cov = centred.T @ centred / max(len(rows) - 1, 1)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1][:2]
    directions = vectors[:, order].T.copy()
    if directions.shape[0] < 2:  # one network input (cannot happen with two raw columns, but be safe)
        directions = np.vstack([directions, np.zeros_like(directions)])
    for d in directions:  # a deterministic sign: the largest component positive
        if d[np.argmax(np.abs(d))] < 0:
            d *= -1.0
    total = float(values.sum())
    explained = tuple(float(values[k] / total) if total > 0 else 0.0 for k in order) + (0.0,) * (2 - len(order))
    train_uv = (x - mean) @ directions.T
    val_uv = (np.asarray(trainer.x_val, dtype=np.float64) - mean) @ directions.T
    lo, hi = _extent(train_uv, val_uv)
    return Plane("pca", None, ("PC1", "PC2"), explained, lo, hi, train_uv, val_uv, mean, directions)


def plane_inputs(plane: Plane, trainer, uv: np.ndarray) -> np.ndarray:
    """Network inputs (the trainer's dtype) at plane coordinates ``uv`` (k, 2)."""
    uv = np.asarray(uv, dtype=np.float64)
    data = trainer.data
    if plane.kind == "pca":
        x = plane.origin + uv @ plane.directions
    elif plane.kind == "raw":
        x = data.prepare_inputs(uv)
    else:
        raw = np.repeat(plane.origin[None, :], len(uv), axis=0)
        raw[:, plane.columns[0]] = uv[:, 0]
        raw[:, plane.columns[1]] = uv[:, 1]
        x = data.prepare_inputs(raw)
    return np.asarray(x, dtype=trainer.dtype)


def _extent(*parts) -> tuple[np.ndarray, np.ndarray]:
    pts = np.concatenate([p for p in parts if len(p)]) if any(len(p) for p in parts) else np.zeros((1, 2))
    finite = pts[np.all(np.isfinite(pts), axis=1)]
    if not len(finite):
        return np.array([-1.0, -1.0]), np.array([1.0, 1.0])
    lo, hi = finite.min(axis=0), finite.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    return lo - PAD * span, hi + PAD * span
