"""A 16-run sweep three ways: one after another, on the local process pool, and on a Dask
``LocalCluster`` over loopback (issue 11: the pool at >= 1.8x the serial throughput on 2 cores,
Dask within 20 % of the pool).  Prints the wall time of each and the ratios; checks that every
way gives the same final losses.

    python bench/bench_sweep.py [--steps 1500] [--workers 2]

The serial runs go through the same ``run_one`` (one BLAS thread), in this process.  The pool's
time includes starting its processes; the Dask cluster is started before the clock starts (a
person with a cluster already runs one), its workers one thread each.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from core.project import load_project  # noqa: E402
from core.sweep import plan, run_one, run_sweep  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    project = load_project(os.path.join(ROOT, "resources", "examples", "spiral.json"))
    runs = plan(project, {"optimizer.lr": [0.003, 0.01, 0.03, 0.1], "training.batch_size": [8, 16, 32, 64]})
    print(f"16 runs of the spiral example, {args.steps} steps each, {args.workers} workers, {os.cpu_count()} cores")

    t = time.perf_counter()
    serial = {r.key: r for r in (run_one(run, args.steps) for run in runs)}
    t_serial = time.perf_counter() - t
    print(f"serial      {t_serial:7.2f} s")

    t = time.perf_counter()
    pool = {r.key: r for r in run_sweep(runs, workers=args.workers, steps=args.steps)}
    t_pool = time.perf_counter() - t
    print(f"pool        {t_pool:7.2f} s   {t_serial / t_pool:.2f}x serial (goal >= 1.8x)")

    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cl,
        Client(cl) as client,
    ):
        client.submit(sum, [1]).result()  # the workers are up
        t = time.perf_counter()
        dask = {r.key: r for r in run_sweep(runs, scheduler=client, steps=args.steps)}
        t_dask = time.perf_counter() - t
    print(f"dask        {t_dask:7.2f} s   {t_dask / t_pool - 1:+.0%} against the pool (goal within 20 %)")

    same = all(serial[k].report == pool[k].report == dask[k].report for k in serial)
    print("results identical in all three:", same)


if __name__ == "__main__":
    main()
