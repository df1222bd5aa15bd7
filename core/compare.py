"""Compare optimizers on the current problem, fairly.

:func:`compare_optimizers` trains the project's network once per optimizer spec,
in lock step (one step of each run in turn).  Every run is a plain
:class:`~core.trainer.Trainer` of the same project with only its ``optimizer``
section replaced: the data, the initial weights and the shuffle generator come
from the project's seed through their own random streams, so every run starts
from bit-identical weights and sees the same batches in the same order (checked
here, and recorded when asked: ``record_batches``).  With ``weights`` given
(the current run's weights), every run starts from those instead.

The result of each run: its history (loss and accuracy per step and epoch), the
final decision boundary (:func:`core.snapshot.compute_boundary`, None for data
without a plane), the message if it diverged or stopped early, and its time.
``progress(done, total)`` is called now and then; ``cancel`` (a
``threading.Event``) stops all runs between two steps (the results so far are
returned, marked ``cancelled``).
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field

import numpy as np

from .optimizer_swap import optimizer_label
from .registry import ConfigError
from .snapshot import Boundary, compute_boundary
from .trainer import Trainer, TrainingDiverged


@dataclass
class CompareRun:
    """One optimizer's run in a comparison."""

    label: str
    spec: dict  # the optimizer section as validated
    history: dict  # column name -> array (core.history.HISTORY_COLUMNS)
    boundary: Boundary | None
    message: str | None  # why it stopped early (divergence, early stopping)
    seconds: float
    steps: int
    batches: list = field(default_factory=list)  # the batch index arrays, when recorded
    initial: dict = field(default_factory=dict)  # the starting weights, when recorded


@dataclass
class CompareResult:
    runs: list[CompareRun]
    steps: int  # the steps each run was asked for
    cancelled: bool = False


def plan_steps(trainer: Trainer, steps: int | None, epochs: int | None) -> int:
    """The number of steps for ``epochs`` epochs (default: the project's), or ``steps``."""
    if steps is not None:
        return int(steps)
    epochs = trainer.project["training"]["epochs"] if epochs is None else int(epochs)
    return epochs * trainer.steps_per_epoch


def make_runs(project: dict, specs: list, base_dir: str = ".", weights: dict | None = None) -> list[Trainer]:
    """One trainer per optimizer spec, each the project with that optimizer (ConfigError
    names the spec: ``optimizers[i].key``)."""
    if len(specs) < 1:
        raise ConfigError("optimizers: give at least one optimizer to compare")
    trainers = []
    for i, spec in enumerate(specs):
        candidate = copy.deepcopy(project)
        candidate["optimizer"] = copy.deepcopy(spec)
        try:
            trainer = Trainer(candidate, base_dir=base_dir, full_history=True)
        except ConfigError as exc:
            raise ConfigError(f"optimizers[{i}]: {exc}") from exc
        if weights is not None:
            trainer.network.load_arrays(weights, "weights")
        trainers.append(trainer)
    first = trainers[0].network.flat
    for trainer in trainers[1:]:  # the promise of this module, checked every time
        if not np.array_equal(trainer.network.flat, first):
            raise RuntimeError("compare: the runs do not start from the same weights")
    return trainers


def compare_optimizers(
    project: dict,
    specs: list,
    steps: int | None = None,
    epochs: int | None = None,
    base_dir: str = ".",
    weights: dict | None = None,
    grid: int = 40,
    progress=None,
    cancel=None,
    record_batches: bool = False,
) -> CompareResult:
    """Train the project once per optimizer spec from the same weights on the same batches."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # divergence is caught by the trainer
        return _compare(project, specs, steps, epochs, base_dir, weights, grid, progress, cancel, record_batches)


def _compare(project, specs, steps, epochs, base_dir, weights, grid, progress, cancel, record_batches):
    trainers = make_runs(project, specs, base_dir, weights)
    total = plan_steps(trainers[0], steps, epochs)
    initial = trainers[0].network.copy_arrays() if record_batches else {}
    seconds = [0.0] * len(trainers)
    messages: list[str | None] = [None] * len(trainers)
    batches: list[list] = [[] for _ in trainers]
    stopped = [False] * len(trainers)
    cancelled = False
    last_report = time.perf_counter()
    for done in range(total):
        if cancel is not None and cancel.is_set():
            cancelled = True
            break
        for i, trainer in enumerate(trainers):
            if stopped[i]:
                continue
            t0 = time.perf_counter()
            try:
                trainer.step()
            except TrainingDiverged as exc:
                messages[i] = str(exc)
                stopped[i] = True
            seconds[i] += time.perf_counter() - t0
            if record_batches and not stopped[i]:
                batches[i].append(trainer._batches[trainer._pos - 1].copy())
            if trainer.finished and not stopped[i]:
                messages[i] = trainer.message
                stopped[i] = True
        if all(stopped):
            break
        now = time.perf_counter()
        if progress is not None and (done == 0 or now - last_report > 0.1 or done + 1 == total):
            progress(done + 1, total)
            last_report = now
    runs = []
    for i, trainer in enumerate(trainers):
        with np.errstate(all="ignore"):
            trainer.evaluate_last_row()
            boundary = compute_boundary(trainer, grid) if np.isfinite(trainer.network.flat).all() else None
        runs.append(
            CompareRun(
                label=f"{optimizer_label(trainer.project['optimizer'])} lr={trainer.project['optimizer']['lr']:g}",
                spec=copy.deepcopy(trainer.project["optimizer"]),
                history=trainer.history.columns,
                boundary=boundary,
                message=messages[i],
                seconds=seconds[i],
                steps=trainer.step_count,
                batches=batches[i],
                initial=initial,
            )
        )
    return CompareResult(runs, total, cancelled)
