"""Batch, stochastic and mini-batch gradient descent on the same network.

:func:`compare_descent` trains three copies of a project from bit-identical initial
weights, one with ``batch_size = null`` (the whole training set per step: batch
gradient descent), one with ``batch_size = 1`` (stochastic) and one with
``batch_size = k`` (mini-batch: the project's own batch size, or 32), each a plain
:class:`~core.trainer.Trainer` run, and records for each the loss after every step
and every epoch, the wall time and the path of two chosen weights.

The budget is the same number of epochs, which is the same number of examples seen
(every epoch shows every training row once), or the same number of updates
(optimizer steps): then the batch run sees the whole set at every step and the
stochastic run a fraction of it.  Early stopping is switched off so every run gets
its full budget; everything else (optimizer, schedule, shuffling, seed) is the
project's.

The runs are sequential, so their wall times are comparable; :func:`compare_descent`
is meant for a background thread (``concurrent.futures``): it reports progress
through a callback and stops between two steps when its ``cancel`` event is set.
No Qt here.
"""

from __future__ import annotations

import copy
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .divergence import TrainingDiverged
from .project import normalize_project
from .registry import ConfigError
from .shapes import describe_layers
from .trainer import Trainer

__all__ = [
    "DEFAULT_MINI_BATCH",
    "DescentComparison",
    "DescentRun",
    "WeightRef",
    "compare_descent",
    "descent_plan",
    "descent_project",
    "finite_or_nan",
    "weight_choices",
]

#: the mini-batch size when the project's own is null or 1
DEFAULT_MINI_BATCH = 32


@dataclass(frozen=True)
class WeightRef:
    """One weight of the network: the parameter's weights-file name and an index into it."""

    name: str  # "layers.0.weight"
    index: tuple  # (0, 1)

    @property
    def label(self) -> str:
        return f"{self.name}[{', '.join(str(i) for i in self.index)}]"


@dataclass
class DescentRun:
    """One of the three runs: per step, per epoch, and the weights' path."""

    kind: str  # "batch", "stochastic" or "mini-batch"
    batch_size: int | None
    steps: np.ndarray = field(default_factory=lambda: np.zeros(0))  # 1, 2, ... (int)
    epoch: np.ndarray = field(default_factory=lambda: np.zeros(0))  # fractional epoch after each step
    batch_loss: np.ndarray = field(default_factory=lambda: np.zeros(0))
    seconds: np.ndarray = field(default_factory=lambda: np.zeros(0))  # wall time since the run began
    #: the two chosen weights before the first step and after each step: shape (steps + 1, 2)
    path: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    #: 0 (the initial weights, before the first step), then 1, 2, ... at each epoch's end
    epochs_done: np.ndarray = field(default_factory=lambda: np.zeros(0))
    epoch_seconds: np.ndarray = field(default_factory=lambda: np.zeros(0))
    train_loss: np.ndarray = field(default_factory=lambda: np.zeros(0))  # on the whole training set
    val_loss: np.ndarray = field(default_factory=lambda: np.zeros(0))
    initial: dict | None = None  # the network's arrays before the first step (copies)
    final: dict | None = None  # and after the last
    wall_time: float = 0.0
    error: str | None = None  # why the run stopped early or could not start (English)
    error_code: str | None = None
    error_args: dict | None = None


@dataclass
class DescentComparison:
    runs: list[DescentRun]
    weights: tuple[WeightRef, WeightRef]
    budget: str  # "epochs" or "steps"
    amount: int
    cancelled: bool = False


def descent_plan(project: dict, mini_batch: int | None = None) -> list[tuple[str, int | None]]:
    """``[("batch", None), ("stochastic", 1), ("mini-batch", k)]``; ``k`` is ``mini_batch``,
    else the project's batch size, else :data:`DEFAULT_MINI_BATCH` (when the project's is
    null or 1)."""
    if mini_batch is None:
        own = project.get("training", {}).get("batch_size")
        mini_batch = own if isinstance(own, int) and own > 1 else DEFAULT_MINI_BATCH
    if isinstance(mini_batch, bool) or not isinstance(mini_batch, int) or mini_batch < 2:
        raise ConfigError(
            f"descent.mini_batch: must be an integer >= 2, got {mini_batch!r}",
            "out_of_range",
            key="descent.mini_batch",
            value=mini_batch,
        )
    return [("batch", None), ("stochastic", 1), ("mini-batch", mini_batch)]


def descent_project(project: dict, batch_size: int | None, epochs: int | None = None) -> dict:
    """The project one run trains: a copy with ``batch_size``, ``epochs`` (if given) and
    no early stopping."""
    p = normalize_project(copy.deepcopy(project))
    p["training"]["batch_size"] = batch_size
    if epochs is not None:
        p["training"]["epochs"] = epochs
    p["training"]["early_stopping"] = None
    return p


def weight_choices(layer_specs: list, in_width: int, limit: int = 200) -> list[WeightRef]:
    """Weights a trajectory can follow: the matrix entries of the trainable parameters,
    first layers first, at most ``limit`` of them (biases after all the matrices)."""
    shapes = describe_layers(layer_specs, in_width)
    matrices, vectors = [], []
    for shape in shapes:
        for local, dims in shape.param_shapes.items():
            name = f"{shape.weights_path}.{local}"
            (matrices if len(dims) >= 2 else vectors).append((name, tuple(dims)))
    out = []
    for name, dims in matrices + vectors:
        for index in np.ndindex(*dims):
            out.append(WeightRef(name, tuple(int(i) for i in index)))
            if len(out) >= limit:
                return out
    return out


def _flat_index(trainer: Trainer, ref: WeightRef) -> int:
    param = next((p for p in trainer.network.params if p.name == ref.name), None)
    if param is None:
        raise ConfigError(
            f"descent.weights: the network has no parameter {ref.name!r}",
            "unknown_value",
            key="descent.weights",
            value=ref.name,
        )
    shape = param.value.shape
    if len(ref.index) != len(shape) or any(not 0 <= i < n for i, n in zip(ref.index, shape)):
        raise ConfigError(
            f"descent.weights: {ref.label} is outside {ref.name}'s shape {shape}",
            "out_of_range",
            key="descent.weights",
            value=ref.label,
        )
    return param.offset + int(np.ravel_multi_index(ref.index, shape))


def _default_weights(trainer: Trainer) -> tuple[WeightRef, WeightRef]:
    refs = []
    for p in trainer.network.params:
        for index in np.ndindex(*p.value.shape):
            refs.append(WeightRef(p.name, tuple(int(i) for i in index)))
            if len(refs) == 2:
                return refs[0], refs[1]
    return (refs[0], refs[0]) if refs else (WeightRef("", ()), WeightRef("", ()))


def compare_descent(
    project: dict,
    mini_batch: int | None = None,
    budget: str = "epochs",
    amount: int | None = None,
    weights: tuple[WeightRef, WeightRef] | None = None,
    base_dir: str = ".",
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DescentComparison:
    """Train the batch, stochastic and mini-batch runs one after the other.

    ``budget="epochs"``: each run trains ``amount`` epochs (default: the project's
    ``training.epochs``); ``budget="steps"``: each run takes ``amount`` optimizer steps
    (default: the mini-batch run's steps in the project's epochs).  ``weights``: the
    two weights whose path is recorded (default: the first two entries of the first
    parameter).  ``progress(done, total)`` is called every few steps with the steps done
    over all runs; setting ``cancel`` stops between two steps (the result says
    ``cancelled`` and holds what was done).  A run that cannot start (batch norm with
    one row per batch) or diverges says so in its ``error``; the others still run.
    """
    if budget not in ("epochs", "steps"):
        raise ConfigError(
            f"descent.budget: must be 'epochs' or 'steps', got {budget!r}",
            "unknown_value",
            key="descent.budget",
            value=budget,
        )
    base = normalize_project(copy.deepcopy(project))
    plan = descent_plan(base, mini_batch)
    epochs = base["training"]["epochs"]
    if amount is None:
        amount = epochs
        if budget == "steps":
            rows = Trainer(descent_project(base, plan[2][1]), base_dir=base_dir).steps_per_epoch
            amount = epochs * rows
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
        raise ConfigError(
            f"descent.{budget}: must be an integer >= 1, got {amount!r}",
            "out_of_range",
            key=f"descent.{budget}",
            value=amount,
        )
    trainers: list[Trainer | None] = []
    runs: list[DescentRun] = []
    for kind, size in plan:
        run = DescentRun(kind, size)
        runs.append(run)
        try:
            trainer = Trainer(
                descent_project(base, size, epochs if budget == "steps" else amount),
                base_dir=base_dir,
                full_history=True,
            )
        except ConfigError as exc:
            run.error, run.error_code, run.error_args = str(exc), exc.code, dict(exc.args)
            trainers.append(None)
            continue
        trainers.append(trainer)
    first = next((t for t in trainers if t is not None), None)
    if first is None:
        return DescentComparison(runs, weights or (WeightRef("", ()), WeightRef("", ())), budget, amount)
    initial = first.network.copy_arrays()
    weights = weights or _default_weights(first)
    for trainer in trainers:
        if trainer is not None:
            trainer.network.load_arrays(initial, "initial weights")  # bit-identical starts, by construction
    totals = [0 if t is None else (amount * t.steps_per_epoch if budget == "epochs" else amount) for t in trainers]
    total, done_before = sum(totals), 0
    cancelled = False
    for run, trainer, count in zip(runs, trainers, totals):
        if trainer is None:
            continue
        index = [_flat_index(trainer, w) for w in weights]
        cancelled = _train(run, trainer, budget, amount, index, cancel, progress, done_before, total)
        done_before += count
        if cancelled:
            break
    return DescentComparison(runs, weights, budget, amount, cancelled)


def _train(
    run: DescentRun,
    trainer: Trainer,
    budget: str,
    amount: int,
    index: list[int],
    cancel: threading.Event | None,
    progress,
    done_before: int,
    total: int,
) -> bool:
    """Train one run, filling ``run``; True if cancelled."""
    flat = trainer.network.flat
    run.initial = trainer.network.copy_arrays()
    before = trainer.evaluate()  # the common start (not timed; evaluating changes nothing)
    path = [[float(flat[i]) for i in index]]
    seconds = []
    ends: list[tuple[int, float]] = []  # (step, seconds) at each epoch's end
    cancelled = False
    loop = trainer.training_steps(amount if budget == "steps" else None, amount if budget == "epochs" else None)
    every = max(1, total // 200)
    start = time.perf_counter()
    epoch = trainer.epoch
    try:
        for done in loop:
            now = time.perf_counter() - start
            seconds.append(now)
            path.append([float(flat[i]) for i in index])
            if trainer.epoch != epoch:
                epoch = trainer.epoch
                ends.append((done, now))
            if progress is not None and done % every == 0:
                progress(done_before + done, total)
            if cancel is not None and cancel.is_set():
                cancelled = True
                break
    except TrainingDiverged as exc:
        run.error, run.error_code, run.error_args = str(exc), exc.code, {**exc.details, "where": exc.where}
    finally:
        loop.close()
    run.wall_time = time.perf_counter() - start
    rows = trainer.history.columns
    n = len(seconds)
    run.steps = np.asarray(rows["step"][:n], dtype=np.int64)
    run.epoch = np.asarray(rows["epoch"][:n], dtype=np.float64)
    run.batch_loss = np.asarray(rows["batch_loss"][:n], dtype=np.float64)
    run.seconds = np.asarray(seconds, dtype=np.float64)
    run.path = np.asarray(path, dtype=np.float64).reshape(-1, 2)
    at = [s - 1 for s, _ in ends]
    run.epochs_done = np.arange(0, len(ends) + 1, dtype=np.int64)
    run.epoch_seconds = np.asarray([0.0] + [t for _, t in ends], dtype=np.float64)
    run.train_loss = np.asarray([before["train_loss"], *rows["train_loss"][at]], dtype=np.float64)
    run.val_loss = np.asarray([before["val_loss"], *rows["val_loss"][at]], dtype=np.float64)
    run.final = trainer.network.copy_arrays()
    if progress is not None:
        progress(done_before + n, total)
    return cancelled


def finite_or_nan(values: np.ndarray) -> np.ndarray:
    """A copy with inf as NaN (a view draws both as gaps)."""
    out = np.array(values, dtype=np.float64)
    out[~np.isfinite(out)] = math.nan
    return out
