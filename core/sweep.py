"""Sweeps: a grid or random search over a project's settings, run in parallel.

A sweep is a list of :class:`SweepRun` values (a project with some settings
changed, and a seed), each trained by :func:`run_one`, a pure function of its
argument returning a picklable :class:`SweepResult`.  :func:`run_sweep` maps it
over an existing engine: a local process pool (``concurrent.futures``, one BLAS
thread per worker) by default, or a Dask distributed cluster given its
scheduler's address.  Nothing here schedules work itself.

    runs = plan(project, {"optimizer.lr": [1e-3, 1e-2], "training.batch_size": [8, 32]}, seeds=2)
    for result in run_sweep(runs, workers=2):
        print(result.label, result.report["val_loss"])
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import copy
import ctypes
import hashlib
import itertools
import json
import math
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from .project import normalize_project
from .registry import ConfigError

#: how long to try reaching a Dask scheduler before saying it cannot be reached
CONNECT_TIMEOUT = "10s"
#: runs a sweep may plan (a typo such as 1e6 seeds is refused, not started)
MAX_RUNS = 10_000


@dataclass(frozen=True)
class SweepRun:
    """One run of a sweep: the project with ``overrides`` applied, trained with ``seed``."""

    overrides: tuple[tuple[str, object], ...]
    seed: int
    project: dict = field(repr=False, compare=False)

    @property
    def key(self) -> str:
        """A stable name of this run within its sweep (the same settings and seed: the same key)."""
        text = json.dumps([list(self.overrides), self.seed], sort_keys=True, default=str)
        return hashlib.sha1(text.encode()).hexdigest()[:16]

    @property
    def label(self) -> str:
        parts = [f"{path}={_show(value)}" for path, value in self.overrides]
        return " ".join([*parts, f"seed={self.seed}"])


@dataclass
class SweepResult:
    """What one run gives back (all picklable)."""

    key: str
    overrides: tuple[tuple[str, object], ...]
    seed: int
    status: str  # finished, diverged or failed
    report: dict  # as ``Trainer.report()``; empty when the run failed to start
    history: dict[str, np.ndarray]  # column -> values (core.history.HISTORY_COLUMNS)
    weights: dict[str, np.ndarray]  # the weights file's keys
    seconds: float
    error: str | None = None
    started: float = 0.0  # time.time() when the run began

    @property
    def label(self) -> str:
        return SweepRun(self.overrides, self.seed, {}).label

    @property
    def val_loss(self) -> float:
        """The sort key of a results table: validation loss, else training loss, failures last."""
        for name in ("val_loss", "train_loss"):
            value = self.report.get(name)
            if isinstance(value, (int, float)) and math.isfinite(value):
                return float(value)
        return math.inf


def _show(value) -> str:
    return json.dumps(value) if not isinstance(value, str) else value


# ---- planning


def parse_values(text: str) -> list:
    """``"1e-3,1e-2,adam"`` -> ``[0.001, 0.01, "adam"]`` (JSON numbers, true/false/null; else text)."""
    values = []
    for token in _split_top(text):
        token = token.strip()
        if token == "":
            raise ConfigError(f"--grid: an empty value in {text!r}", "bad_value", key="--grid", value=text)
        try:
            values.append(json.loads(token))
        except ValueError:
            values.append(token)
    return values


def _split_top(text: str) -> list[str]:
    """Split on commas outside brackets, so ``optimizer.betas=[0.9,0.99],[0.8,0.9]`` has two values."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def parse_assignment(text: str) -> tuple[str, list]:
    """``"optimizer.lr=1e-3,1e-2"`` -> ``("optimizer.lr", [0.001, 0.01])``."""
    path, sep, values = text.partition("=")
    path = path.strip()
    if not sep or not path or not values.strip():
        raise ConfigError(f"--grid: expected KEY=VALUE[,VALUE...], got {text!r}", "bad_value", key="--grid", value=text)
    return path, parse_values(values)


def apply_overrides(project: dict, overrides) -> dict:
    """A normalised copy of ``project`` with each dotted ``path`` set to its value.

    The path must name a setting the project has (after defaults), or a key of a
    section that takes named parameters (``optimizer.momentum``); a layer is
    ``network.layers.0.units``.  The result is validated as a project file is.
    """
    spec = normalize_project(copy.deepcopy(project))
    for path, value in overrides:
        _set_path(spec, path, value)
    try:
        return normalize_project(spec)
    except ConfigError as exc:
        raise ConfigError(
            f"{_overrides_text(overrides)}: {exc}",
            getattr(exc, "code", "bad_value"),
            **(exc.args if isinstance(exc.args, dict) else {}),
        ) from None


def _overrides_text(overrides) -> str:
    return ", ".join(f"{path}={_show(value)}" for path, value in overrides)


def _set_path(spec: dict, path: str, value) -> None:
    keys = path.split(".")
    node = spec
    for i, key in enumerate(keys):
        last = i == len(keys) - 1
        where = ".".join(keys[: i + 1])
        if isinstance(node, list):
            if not key.isdigit() or int(key) >= len(node):
                raise ConfigError(
                    f"--grid: {where}: no item {key!r} (there are {len(node)})", "unknown_key", key=path, value=key
                )
            key = int(key)
        elif isinstance(node, dict):
            if key not in node and not (last and _takes_named_parameters(keys[:-1])):
                raise ConfigError(
                    f"--grid: unknown setting {path!r} (no {where!r} in the project)",
                    "unknown_key",
                    key=path,
                    value=key,
                )
        else:
            raise ConfigError(
                f"--grid: {'.'.join(keys[:i])} is a value, not a section: {path!r}", "unknown_key", key=path, value=key
            )
        if last:
            node[key] = copy.deepcopy(value)
        else:
            if isinstance(node, dict) and isinstance(node[key], str):  # "activation": "relu" -> {"name": "relu"}
                node[key] = {"name": node[key]}
            node = node[key]


def _takes_named_parameters(section: list[str]) -> bool:
    """Sections whose keys are a named component's parameters (optimizer, schedule, loss, ...)."""
    return bool(section) and section[-1] in ("optimizer", "schedule", "loss", "activation", "init", "early_stopping")


def plan(
    project: dict,
    grid: dict[str, list] | list[tuple[str, list]],
    random: int | None = None,
    seeds: int = 1,
    rng_seed: int = 0,
) -> list[SweepRun]:
    """The runs of a sweep: every combination of ``grid`` (or ``random`` of them,
    drawn without replacement with ``rng_seed``), each with ``seeds`` seeds
    (the project's seed, then the next ones).  Every run's project is checked now."""
    items = list(grid.items()) if isinstance(grid, dict) else list(grid)
    for path, values in items:
        if not values:
            raise ConfigError(f"--grid: {path} has no values", "bad_value", key=path, value=values)
    if seeds < 1:
        raise ConfigError(f"--seeds: must be at least 1, got {seeds}", "bad_value", key="--seeds", value=seeds)
    total = math.prod(len(v) for _, v in items)
    if random is not None:
        if random < 1:
            raise ConfigError(f"--random: must be at least 1, got {random}", "bad_value", key="--random", value=random)
        picks = np.random.default_rng(rng_seed).permutation(total)[: min(random, total)]
        combos = [_combo(items, int(i)) for i in sorted(picks)]
    else:
        combos = [tuple(zip([p for p, _ in items], values)) for values in itertools.product(*[v for _, v in items])]
    if len(combos) * seeds > MAX_RUNS:
        raise ConfigError(
            f"the sweep has {len(combos) * seeds:,} runs; at most {MAX_RUNS:,} are planned at once",
            "too_large",
            key="--grid",
            value=len(combos) * seeds,
            limit=MAX_RUNS,
        )
    base_seed = int(normalize_project(copy.deepcopy(project))["seed"])
    runs = []
    for combo in combos:
        spec = apply_overrides(project, combo)
        for s in range(seeds):
            run_spec = copy.deepcopy(spec)
            run_spec["seed"] = base_seed + s
            runs.append(SweepRun(tuple(combo), base_seed + s, run_spec))
    return runs


def _combo(items, index: int) -> tuple:
    """The ``index``-th combination of the grid in ``itertools.product`` order."""
    chosen = []
    for path, values in reversed(items):
        index, i = divmod(index, len(values))
        chosen.append((path, values[i]))
    return tuple(reversed(chosen))


# ---- running one


#: glibc's mallopt parameters
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_DEFAULT_MMAP_THRESHOLD = 128 * 1024


@contextlib.contextmanager
def _malloc_kept():
    """Let glibc keep freed memory for the length of a run, then put back what the process had.

    A Dask worker starts with ``MALLOC_TRIM_THRESHOLD_=65536`` (to give memory back to the
    system), which also fixes the mmap threshold at 128 KiB: every step's larger temporary
    arrays are then mapped, faulted in and unmapped again, and training runs 10–20 % slower
    than in a plain process (measured: bench/bench_sweep.py).  Nothing lasts: after the run
    the worker gets its values back.  A process without the variable is left alone (glibc's
    own dynamic thresholds serve it well)."""
    trim = os.environ.get("MALLOC_TRIM_THRESHOLD_", "")
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt if trim.isdigit() else None
    except (OSError, AttributeError):  # not glibc
        mallopt = None
    if mallopt is None:
        yield
        return
    mallopt(_M_TRIM_THRESHOLD, 1 << 30)
    mallopt(_M_MMAP_THRESHOLD, 32 << 20)
    try:
        yield
    finally:
        mallopt(_M_TRIM_THRESHOLD, int(trim))
        mallopt(_M_MMAP_THRESHOLD, _DEFAULT_MMAP_THRESHOLD)


def run_one(run: SweepRun, steps: int | None = None, epochs: int | None = None, base_dir: str = ".") -> SweepResult:
    """Train one run (one BLAS thread) and return its result; never raises for a bad run."""
    from threadpoolctl import threadpool_limits

    from .trainer import Trainer, TrainingDiverged

    started = time.time()
    t0 = time.perf_counter()
    status, error, report, history, weights = "finished", None, {}, {}, {}
    with threadpool_limits(limits=1, user_api="blas"), np.errstate(all="ignore"), _malloc_kept():
        try:
            trainer = Trainer(run.project, seed=run.seed, base_dir=base_dir, full_history=True)
        except (ConfigError, ValueError, OSError, MemoryError) as exc:
            return SweepResult(
                run.key,
                run.overrides,
                run.seed,
                "failed",
                {},
                {},
                {},
                time.perf_counter() - t0,
                f"{type(exc).__name__}: {exc}",
                started,
            )
        try:
            for _ in trainer.training_steps(steps, epochs):
                pass
        except TrainingDiverged as exc:
            status, error = "diverged", str(exc)
        except (ValueError, MemoryError, FloatingPointError) as exc:
            status, error = "failed", f"{type(exc).__name__}: {exc}"
        report = trainer.report()
        history = trainer.history.rows(0)
        weights = trainer.network.copy_arrays()
    return SweepResult(
        run.key, run.overrides, run.seed, status, report, history, weights, time.perf_counter() - t0, error, started
    )


# ---- running many


def run_sweep(
    runs: list[SweepRun],
    workers: int | None = None,
    scheduler: str | None = None,
    steps: int | None = None,
    epochs: int | None = None,
    base_dir: str = ".",
    cancel: threading.Event | None = None,
    on_result: Callable[[SweepResult], None] | None = None,
) -> list[SweepResult]:
    """Train ``runs`` in parallel and return their results in the order they finished.

    ``scheduler``: a Dask distributed scheduler's address (``tcp://host:8786``) or a
    ``distributed.Client``; else a local process pool of ``workers`` processes
    (default: one per core).  ``cancel`` set: runs not yet started are dropped
    (those running finish).  ``on_result`` is called with each result as it comes.
    """
    results = []
    for result in iter_sweep(runs, workers, scheduler, steps, epochs, base_dir, cancel):
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def iter_sweep(
    runs, workers=None, scheduler=None, steps=None, epochs=None, base_dir=".", cancel: threading.Event | None = None
) -> Iterator[SweepResult]:
    """:func:`run_sweep` as a generator of results in the order they finish."""
    if not runs:
        return
    if scheduler is not None:
        yield from _iter_dask(runs, scheduler, steps, epochs, base_dir, cancel)
    else:
        yield from _iter_pool(runs, workers, steps, epochs, base_dir, cancel)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _iter_pool(runs, workers, steps, epochs, base_dir, cancel):
    workers = max(1, min(workers or default_workers(), len(runs)))
    if workers == 1:  # no pool for one worker: the same function, in this process
        for run in runs:
            if cancel is not None and cancel.is_set():
                return
            yield run_one(run, steps, epochs, base_dir)
        return
    context = multiprocessing.get_context(_start_method())
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = {pool.submit(run_one, run, steps, epochs, base_dir) for run in longest_first(runs, steps, epochs)}
        try:
            while pending:
                done, pending = cf.wait(pending, timeout=0.2, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    if not future.cancelled():
                        yield future.result()
                if cancel is not None and cancel.is_set():
                    for future in pending:
                        future.cancel()
                    pending = {f for f in pending if not f.cancelled()}
        finally:
            for future in pending:
                future.cancel()


def estimated_cost(run: SweepRun, steps: int | None = None, epochs: int | None = None) -> float:
    """A rough relative cost of ``run`` (rows pushed through the network times its width),
    only to order the runs: the longest go first, so that no worker is left with a long
    run while the others have finished (the tail of a sweep on a few cores)."""
    project = run.project if isinstance(run.project, dict) else {}
    training = project.get("training") or {}
    layers = (project.get("network") or {}).get("layers") or []
    width = 1 + sum(int(layer.get("units", 0) or 0) for layer in layers if isinstance(layer, dict))
    batch = training.get("batch_size")
    batch = batch if isinstance(batch, int) and batch > 0 else 256
    per_step = (batch + 8) * width  # a step has a fixed cost besides its rows
    if steps:
        return float(steps * per_step)
    n_epochs = epochs or training.get("epochs") or 1
    n_epochs = n_epochs if isinstance(n_epochs, (int, float)) and n_epochs > 0 else 1
    return float(n_epochs * per_step / batch)  # per row of the data set, which is the same for all


def longest_first(runs: list[SweepRun], steps: int | None = None, epochs: int | None = None) -> list[SweepRun]:
    """``runs`` by :func:`estimated_cost`, the most costly first (ties keep their order)."""
    return sorted(runs, key=lambda run: -estimated_cost(run, steps, epochs))


def _start_method() -> str:
    """Use "fork" (workers start at once, with everything imported) from a plain process;
    "spawn" from one running Qt, whose threads a forked child must not inherit."""
    if "fork" in multiprocessing.get_all_start_methods() and not any(m.startswith("PySide6") for m in sys.modules):
        return "fork"
    return "spawn"


def _iter_dask(runs, scheduler, steps, epochs, base_dir, cancel):
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ConfigError(
            "--scheduler: running on a Dask cluster needs the 'distributed' package (pip install 'dask[distributed]')",
            "missing_package",
            key="--scheduler",
            value="distributed",
        ) from None
    own = not isinstance(scheduler, Client)
    if own:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ConfigError(
                f"--scheduler: cannot reach the Dask scheduler at {scheduler!r}: {exc}",
                "cannot_connect",
                key="--scheduler",
                value=str(scheduler),
            ) from None
    else:
        client = scheduler
    try:
        futures = client.map(
            run_one, longest_first(runs, steps, epochs), steps=steps, epochs=epochs, base_dir=base_dir, pure=False
        )
        # the results come back with the completions (one round trip per batch, not per run)
        stream = as_completed(futures, with_results=True, raise_errors=False)
        for future, result in stream:
            if cancel is not None and cancel.is_set():
                client.cancel([f for f in futures if not f.done()])
                if future.status != "finished":
                    continue
            if future.status == "error":
                result = future.result()  # raises the run's error, as before
            yield result
            if cancel is not None and cancel.is_set():
                client.cancel([f for f in futures if not f.done()])
                return
    finally:
        if own:
            client.close()
