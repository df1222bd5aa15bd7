"""``python main.py sweep``: a grid or random search from the command line.

    python main.py sweep PROJECT.json --grid optimizer.lr=1e-3,1e-2,1e-1 \\
        --grid training.batch_size=8,32 [--random N] [--seeds 3] [--workers N] \\
        [--scheduler ADDRESS] [--steps N | --epochs N] [--db PATH | --no-db] [--json]

Runs go to a local process pool (one BLAS thread per worker), or to the Dask
cluster whose scheduler is at ADDRESS.  Each finished run is recorded in the run
history (``--db``; default: the app's data folder) as it comes, so a sweep that
was stopped resumes: running the same command again runs only what is missing.
The table of results, sorted by validation loss, goes to stdout (``--json``: one
JSON document); progress to stderr.
"""

from __future__ import annotations

import json
import math
import os
import sys
import threading
import time

from .project import load_project
from .registry import ConfigError
from .runs import RunStore
from .sweep import default_workers, iter_sweep, parse_assignment, plan


def add_parser(sub, positive_int) -> None:
    p = sub.add_parser("sweep", help="train many variants of a project (grid or random search)")
    p.add_argument("project", help="project file (.json)")
    p.add_argument(
        "--grid",
        action="append",
        default=[],
        metavar="KEY=V1,V2,...",
        help="a setting and its values, e.g. optimizer.lr=1e-3,1e-2 (repeat for more settings)",
    )
    p.add_argument("--random", type=positive_int, metavar="N", help="N combinations drawn at random from the grid")
    p.add_argument("--seeds", type=positive_int, default=1, metavar="K", help="K seeds per combination (default 1)")
    p.add_argument("--workers", type=positive_int, metavar="N", help="local worker processes (default: one per core)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on the Dask cluster at ADDRESS (tcp://host:8786)")
    length = p.add_mutually_exclusive_group()
    length.add_argument("--steps", type=positive_int, help="exactly N optimizer steps per run")
    length.add_argument("--epochs", type=positive_int, help="N epochs per run (default: the project's)")
    store = p.add_mutually_exclusive_group()
    store.add_argument("--db", metavar="PATH", help="the run history database (default: the app's data folder)")
    store.add_argument("--no-db", action="store_true", help="record nothing (and resume nothing)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")


def run(args) -> int:
    if not args.grid:
        raise ConfigError("sweep: give at least one --grid KEY=VALUES", "missing", key="--grid", value=None)
    project = load_project(args.project)
    base_dir = os.path.dirname(os.path.abspath(args.project))
    grid = [parse_assignment(text) for text in args.grid]
    paths = [p for p, _ in grid]
    duplicate = next((p for p in paths if paths.count(p) > 1), None)
    if duplicate:
        raise ConfigError(f"--grid: {duplicate} is given twice", "conflict", key="--grid", value=duplicate)
    runs = plan(project, grid, random=args.random, seeds=args.seeds)
    spec = {
        "grid": [[p, v] for p, v in grid],
        "random": args.random,
        "seeds": args.seeds,
        "steps": args.steps,
        "epochs": args.epochs,
    }
    store = None if args.no_db else RunStore(args.db)
    try:
        return _run(args, project, runs, spec, store, base_dir)
    finally:
        if store is not None:
            store.close()


def _run(args, project, runs, spec, store, base_dir) -> int:
    sweep_id, done = None, set()
    if store is not None:
        sweep_id = store.find_sweep(project, spec)
        if sweep_id is None:
            sweep_id = store.start_sweep(project, spec, os.path.basename(args.project))
        else:
            store.forget_unfinished(sweep_id)
            done = store.done_keys(sweep_id)
    todo = [r for r in runs if r.key not in done]
    where = (
        f"the Dask cluster at {args.scheduler}"
        if args.scheduler
        else (f"{min(args.workers or default_workers(), max(1, len(todo)))} local processes")
    )
    if not args.quiet:
        resumed = f" ({len(done)} already done)" if done else ""
        print(f"sweep: {len(runs)} runs{resumed}, {len(todo)} to train on {where}", file=sys.stderr)
    by_key = {r.key: r for r in runs}
    results = []
    started = time.perf_counter()
    cancel = threading.Event()
    try:
        for i, result in enumerate(
            iter_sweep(todo, args.workers, args.scheduler, args.steps, args.epochs, base_dir, cancel), 1
        ):
            results.append(result)
            if store is not None:
                store.record_result(result, by_key[result.key].project, sweep_id)
            if not args.quiet:
                print(
                    f"[{i}/{len(todo)}] {result.label}: {result.status}, val_loss {_num(result.val_loss)} "
                    f"({result.seconds:.2f} s)",
                    file=sys.stderr,
                )
    except KeyboardInterrupt:
        cancel.set()
        print(
            f"sweep: interrupted after {len(results)} of {len(todo)} runs; run the same command to resume",
            file=sys.stderr,
        )
        return 130
    rows = _rows(results, store, sweep_id)
    if args.json:
        print(
            json.dumps(
                {"sweep_id": sweep_id, "runs": rows, "seconds": round(time.perf_counter() - started, 3)}, indent=2
            )
        )
    else:
        _print_table(rows)
    return 0 if all(r["status"] == "finished" for r in rows) else 1


def _rows(results, store, sweep_id) -> list[dict]:
    """Every run of the sweep (those resumed from the history too), sorted by validation loss."""
    rows = []
    if store is not None and sweep_id is not None:
        for rec in store.runs(sweep_id=sweep_id):
            rows.append(
                {
                    "run": rec.id,
                    "label": rec.name,
                    "seed": rec.seed,
                    "status": rec.status,
                    "overrides": dict((p, v) for p, v in rec.overrides or []),
                    **{k: rec.metric(k) for k in ("train_loss", "val_loss", "train_accuracy", "val_accuracy")},
                    "seconds": rec.metrics.get("seconds"),
                }
            )
    else:
        for r in results:
            rows.append(
                {
                    "run": None,
                    "label": r.label,
                    "seed": r.seed,
                    "status": r.status,
                    "overrides": dict(r.overrides),
                    **{
                        k: _finite(r.report.get(k))
                        for k in ("train_loss", "val_loss", "train_accuracy", "val_accuracy")
                    },
                    "seconds": round(r.seconds, 3),
                }
            )
    return sorted(rows, key=lambda r: (_sort_value(r), r["label"] or ""))


def _sort_value(row) -> float:
    for k in ("val_loss", "train_loss"):
        if row.get(k) is not None:
            return row[k]
    return math.inf


def _finite(value):
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else None


def _num(value) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{value:.6g}"


def _print_table(rows) -> None:
    has_acc = any(r.get("val_accuracy") is not None for r in rows)
    head = ["rank", "val_loss", "train_loss", *(["val_acc"] if has_acc else []), "status", "run"]
    print("  ".join(f"{h:>10s}" for h in head[:-1]) + "  run")
    for i, r in enumerate(rows, 1):
        cells = [str(i), _num(r["val_loss"]), _num(r["train_loss"])]
        if has_acc:
            cells.append(_num(r["val_accuracy"]))
        cells.append(r["status"])
        print("  ".join(f"{c:>10s}" for c in cells) + f"  {r['label']}")
