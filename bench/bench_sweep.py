"""A 16-run sweep three ways: one after another, on the local process pool, and on a Dask
``LocalCluster`` over loopback (issue 11: the pool at >= 1.8x the serial throughput on 2 cores,
Dask within 20 % of the pool).  Prints the wall time of each and the ratios; checks that every
way gives the same final losses.

    python bench/bench_sweep.py [--steps 1500] [--workers 2] [--repeat 3]

The serial runs go through the same ``run_one`` (one BLAS thread), in this process.  The pool's
time includes starting its processes (forked: they have the engine imported, as the parent
has); the Dask cluster is started before the clock starts (a person with a cluster already
runs one), its workers one thread each, and they import the engine before the clock starts
too, so both are timed warm.  Each way is timed ``--repeat`` times and the best time counts
(this machine's CPU time varies by 10-20 % from one minute to the next).
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from core.project import load_project  # noqa: E402
from core.sweep import plan, run_one, run_sweep  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _import_the_engine() -> None:
    import core.trainer  # noqa: F401  (and NumPy, SciPy)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    project = load_project(os.path.join(ROOT, "resources", "examples", "spiral.json"))
    runs = plan(project, {"optimizer.lr": [0.003, 0.01, 0.03, 0.1], "training.batch_size": [8, 16, 32, 64]})
    print(f"16 runs of the spiral example, {args.steps} steps each, {args.workers} workers, {os.cpu_count()} cores")

    def best(sweep):
        times = []
        for _ in range(max(1, args.repeat)):
            t = time.perf_counter()
            results = {r.key: r for r in sweep()}
            times.append(time.perf_counter() - t)
        return min(times), results

    t_serial, serial = best(lambda: [run_one(run, args.steps) for run in runs])
    print(f"serial      {t_serial:7.2f} s")
    t_pool, pool = best(lambda: run_sweep(runs, workers=args.workers, steps=args.steps))
    print(f"pool        {t_pool:7.2f} s   {t_serial / t_pool:.2f}x serial (goal >= 1.8x)")

    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cl,
        Client(cl) as client,
    ):
        client.run(_import_the_engine)  # the workers are up, and warm like the pool's
        t_dask, dask = best(lambda: run_sweep(runs, scheduler=client, steps=args.steps))
    print(f"dask        {t_dask:7.2f} s   {t_dask / t_pool - 1:+.0%} against the pool (goal within 20 %)")

    same = all(serial[k].report == pool[k].report == dask[k].report for k in serial)
    print("results identical in all three:", same)


if __name__ == "__main__":
    main()
