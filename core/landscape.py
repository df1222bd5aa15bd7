"""The loss landscape around the current weights: a 2-D slice along two random directions.

Following Li et al. (2018), "Visualizing the Loss Landscape of Neural Nets", the two
directions d₁, d₂ are *filter-normalised*: a Gaussian random direction of the
network's shape in which every row of every dense layer's weight matrix (one unit's
incoming weights: the dense layer's "filter") is rescaled to the norm of the same row
of the weights, so a step of α = 1 moves every unit by as much as its own weights are
long.  Biases, batch-norm parameters and an activation's learnable parameters are
zero in the directions (the paper's convention); buffers (batch norm's running
statistics) are kept as they are.  The directions are drawn from ``seed``: the same
seed and weights give the same directions.

:func:`loss_surface` evaluates the loss of θ + αd₁ + βd₂ on a grid of α, β in
[−r, r]² (an odd number of points a side, so the centre (0, 0) is on the grid and is
θ itself: its loss is exactly the loss of the current weights), in evaluation mode
(no dropout, running batch-norm statistics), on the rows it is given (the whole
training set, or a fixed subsample from :func:`sample_rows`).  It reports progress,
checks a cancel flag between grid points (:class:`LandscapeCancelled`), and always
puts the network's weights back.

:func:`project_path` projects weight vectors (a training path) onto the plane of the
two directions by least squares: the (α, β) of each point's nearest point in the plane,
and the fraction of its distance from θ that lies outside the plane.

Pure NumPy; float32 networks stay float32 (scalars are Python floats).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from .layers import BatchNorm
from .registry import ConfigError
from .snapshot import chunk_rows

MIN_RESOLUTION = 3
MAX_RESOLUTION = 201
DEFAULT_RESOLUTION = 31
DEFAULT_RADIUS = 1.0


class LandscapeCancelled(Exception):
    """The computation was cancelled; the network's weights are as they were."""


@dataclass(frozen=True)
class Landscape:
    """``losses[i, j]``: the loss at α = ``alphas[i]``, β = ``betas[j]`` (NaN or inf
    where the loss is not finite); ``center``: the loss at (0, 0), the current weights;
    ``rows`` of ``total_rows`` training rows were used."""

    alphas: np.ndarray
    betas: np.ndarray
    losses: np.ndarray
    center: float
    radius: float
    seed: int
    rows: int
    total_rows: int
    dtype: str
    seconds: float = 0.0
    notes: tuple = field(default=())

    @property
    def resolution(self) -> int:
        return len(self.alphas)

    @property
    def nonfinite(self) -> int:
        return int(np.count_nonzero(~np.isfinite(self.losses)))


# ---------------------------------------------------------------- directions


def perturbed(network, param) -> bool:
    """True if the directions move ``param``: a 2-D weight matrix of a layer that is
    not batch norm (biases, batch-norm and activation parameters stay put)."""
    return param.value.ndim == 2 and param.local == "weight" and not isinstance(param.layer, BatchNorm)


def filter_normalized_direction(network, rng: np.random.Generator) -> np.ndarray:
    """One random direction (a flat vector like ``network.flat``, its dtype): Gaussian,
    every row of every dense weight rescaled to that row's norm in the weights, zero
    elsewhere.  Draws one normal per parameter from ``rng``, in parameter order."""
    d = np.zeros(network.flat.size, np.float64)
    for p in network.params:
        draw = rng.standard_normal(p.value.shape)
        if not perturbed(network, p):
            continue
        w = p.value.astype(np.float64)
        w_norm = np.linalg.norm(w, axis=1, keepdims=True)
        d_norm = np.linalg.norm(draw, axis=1, keepdims=True)
        scale = np.divide(w_norm, d_norm, out=np.zeros_like(w_norm), where=d_norm > 0)
        d[p.offset : p.offset + p.value.size] = (draw * scale).ravel()
    return d.astype(network.dtype)


def random_directions(network, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The two filter-normalised directions d₁, d₂ for ``network``'s current weights."""
    rng = np.random.default_rng(int(seed))
    return filter_normalized_direction(network, rng), filter_normalized_direction(network, rng)


# ---------------------------------------------------------------- the grid


def grid_coordinates(resolution: int, radius: float) -> np.ndarray:
    """``resolution`` (odd) evenly spaced values over [−radius, radius], the middle one exactly 0."""
    m = resolution // 2
    return np.array([radius * (k / m) for k in range(-m, m + 1)], np.float64)


def sample_rows(n: int, max_rows: int | None) -> np.ndarray:
    """The rows used: all ``n``, or ``max_rows`` evenly spaced ones (always the same)."""
    if max_rows is None or n <= max_rows:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, int(max_rows)).round().astype(np.int64))


def check_settings(resolution, radius, seed) -> None:
    """A :class:`ConfigError` naming the setting and the value if any is out of range."""
    if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)):
        raise ConfigError(
            f"landscape.resolution: must be a whole number, got {resolution!r}",
            "bad_type",
            key="landscape.resolution",
            value=resolution,
        )
    if not MIN_RESOLUTION <= resolution <= MAX_RESOLUTION or resolution % 2 == 0:
        raise ConfigError(
            f"landscape.resolution: must be odd, from {MIN_RESOLUTION} to {MAX_RESOLUTION}, got {resolution}",
            "out_of_range",
            key="landscape.resolution",
            value=resolution,
            low=MIN_RESOLUTION,
            high=MAX_RESOLUTION,
        )
    if (
        isinstance(radius, bool)
        or not isinstance(radius, (int, float, np.floating, np.integer))
        or not math.isfinite(radius)
        or radius <= 0
    ):
        raise ConfigError(
            f"landscape.radius: must be a positive finite number, got {radius!r}",
            "out_of_range",
            key="landscape.radius",
            value=radius,
        )
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ConfigError(
            f"landscape.seed: must be a whole number ≥ 0, got {seed!r}",
            "out_of_range",
            key="landscape.seed",
            value=seed,
        )


def evaluation_loss(network, loss, x: np.ndarray, target: np.ndarray) -> float:
    """The loss in evaluation mode on all of ``x``, computed as the trainer's
    ``evaluate`` computes it (same chunks of rows), so the numbers agree exactly."""
    x = x.astype(network.dtype, copy=False)
    step = chunk_rows(network, len(x))
    inputs = []
    for start in range(0, max(len(x), 1), step):
        tape = network.forward(x[start : start + step], training=False)
        inputs.append(network.loss_input(tape, loss))
    return float(loss.value(inputs[0] if len(inputs) == 1 else np.concatenate(inputs), target))


def loss_surface(
    network,
    loss,
    x,
    target,
    d1,
    d2,
    resolution: int = DEFAULT_RESOLUTION,
    radius: float = DEFAULT_RADIUS,
    progress=None,
    cancelled=None,
) -> np.ndarray:
    """The loss at θ + αd₁ + βd₂ for every α (axis 0) and β (axis 1) of
    :func:`grid_coordinates`; θ is ``network.flat`` as it is now and is put back at
    the end (also when cancelled or failing).  ``progress(done, total)`` is called
    after each grid row; ``cancelled()`` is checked before every point."""
    check_settings(resolution, float(radius), 0)
    if len(x) == 0:
        raise ConfigError(
            "landscape: the training set is empty: there is no loss to draw", "missing", key="data", value=0
        )
    coords = grid_coordinates(resolution, float(radius))
    flat = network.flat
    theta = flat.copy()
    d1 = np.asarray(d1, network.dtype)
    d2 = np.asarray(d2, network.dtype)
    row = np.empty_like(theta)
    step2 = np.empty_like(theta)
    losses = np.full((resolution, resolution), np.nan)
    total = resolution * resolution
    try:
        with np.errstate(all="ignore"):
            for i, a in enumerate(coords):
                np.multiply(d1, float(a), out=row)
                row += theta  # θ + αd₁ (α = 0: θ exactly)
                for j, b in enumerate(coords):
                    if cancelled is not None and cancelled():
                        raise LandscapeCancelled("cancelled")
                    np.multiply(d2, float(b), out=step2)
                    np.add(row, step2, out=flat)
                    losses[i, j] = evaluation_loss(network, loss, x, target)
                if progress is not None:
                    progress((i + 1) * resolution, total)
    finally:
        flat[...] = theta
    return losses


def compute_landscape(
    trainer,
    resolution: int = DEFAULT_RESOLUTION,
    radius: float = DEFAULT_RADIUS,
    seed: int = 0,
    max_rows: int | None = None,
    progress=None,
    cancelled=None,
) -> Landscape:
    """The landscape of ``trainer``'s network around its current weights on its
    training set (``max_rows`` evenly spaced rows of it when it has more)."""
    check_settings(resolution, radius, seed)
    started = time.perf_counter()
    net = trainer.network
    rows = sample_rows(len(trainer.x_train), max_rows)
    x, t = trainer.x_train, trainer.t_train
    if len(rows) < len(x):
        x, t = x[rows], t[rows]
    d1, d2 = random_directions(net, seed)
    losses = loss_surface(net, trainer.loss, x, t, d1, d2, resolution, radius, progress, cancelled)
    coords = grid_coordinates(resolution, float(radius))
    m = resolution // 2
    return Landscape(
        alphas=coords,
        betas=coords.copy(),
        losses=losses,
        center=float(losses[m, m]),
        radius=float(radius),
        seed=int(seed),
        rows=len(x),
        total_rows=len(trainer.x_train),
        dtype=str(net.dtype),
        seconds=time.perf_counter() - started,
    )


# ---------------------------------------------------------------- training path


def flat_vector(network, arrays: dict) -> np.ndarray:
    """The parameters of ``arrays`` (weights-file keys, as the ``weights`` query gives)
    as one flat vector in ``network.flat``'s order (buffers are left out)."""
    out = np.empty(network.flat.size, np.float64)
    for p in network.params:
        if p.name not in arrays:
            raise ConfigError(f"landscape path: missing array {p.name!r}", "missing", key=p.name, value=None)
        value = np.asarray(arrays[p.name])
        if value.shape != p.value.shape:
            raise ConfigError(
                f"landscape path: {p.name} has shape {value.shape}, the network needs {p.value.shape}",
                "shape_mismatch",
                key=p.name,
                value=list(value.shape),
            )
        out[p.offset : p.offset + p.value.size] = value.ravel()
    return out


def project_path(path, theta, d1, d2) -> tuple[np.ndarray, np.ndarray]:
    """Least-squares coordinates of each weight vector in ``path`` in the plane
    θ + αd₁ + βd₂: an ``(n, 2)`` array of (α, β), and for each point the fraction of
    its distance from θ off the plane (0: in the plane; 0 for θ itself).  In float64."""
    theta = np.asarray(theta, np.float64)
    basis = np.column_stack([np.asarray(d1, np.float64), np.asarray(d2, np.float64)])
    gram = basis.T @ basis
    coords = np.zeros((len(path), 2))
    off = np.zeros(len(path))
    for k, w in enumerate(path):
        v = np.asarray(w, np.float64) - theta
        if not np.any(v):
            continue  # θ itself: exactly (0, 0)
        c = np.linalg.lstsq(gram, basis.T @ v, rcond=None)[0]
        coords[k] = c
        norm = float(np.linalg.norm(v))
        off[k] = float(np.linalg.norm(v - basis @ c)) / norm if norm > 0 else 0.0
    return coords, off
