"""Training-step throughput of the NumPy core, against PyTorch CPU when it is installed.

    python bench/bench_core.py            # full run (about a minute)
    python bench/bench_core.py --quick    # about 20 s, noisier

One training step is forward + backward + optimizer update on one batch, the
data already in memory.  Rows, per case:

* ``ours``: :meth:`core.trainer.Trainer.step` (batch indexing, loss,
  finiteness checks, history row) with the epoch-end evaluation on the whole
  training and validation sets switched off: the same work as the torch loop;
* ``ours + stats every N``: the same plus a snapshot with per-layer statistics
  every N steps (``keep_previous`` set on the step before, as
  :meth:`Trainer.iterate` does); its overhead over ``ours`` is the percentage;
* ``ours incl. epoch-end eval``: ``step()`` exactly as the app runs it
  (timed after the others: the evaluation wakes OpenBLAS's threads);
* ``torch ...``: the same network (same initial weights), loss and optimizer
  in PyTorch, a plain loop over pre-made tensors: index a batch,
  ``zero_grad(set_to_none=True)``, forward, loss, ``backward()``, ``step()``;
  float64 and float32, one thread and torch's default; one row with
  ``Adam(fused=True)`` for reference (not the default, different round-off).

The target ratio compares ``ours`` with the faster of the two float64 torch
rows with the default Adam.  Figures are medians of interleaved blocks (all
rows of a case take turns, so drifting machine speed hits them alike); the
ratios and the statistics overhead in the verdict lines are medians of the
ratios within each round (steadier on a busy machine); best blocks are shown
too.  The app never imports torch; this script uses it only if it is there.

OpenBLAS reads ``OPENBLAS_CORETYPE`` / ``OPENBLAS_L2_SIZE`` when it loads, so if
either is set our figures are also measured in child processes, alternately
with the variables as set and with both removed (``--no-env-check`` skips
this).  Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from core.trainer import Trainer  # noqa: E402

BLAS_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")

CASES = {
    "a": {
        "title": "(a) spiral 2-8-8-8-1 tanh, bce, batch 10, adam",
        "target": 3.0,
        "project": {
            "format": "backprop-lab/1",
            "seed": 0,
            "data": {"source": "spiral", "samples": 500, "noise": 0.1, "validation_split": 0.2},
            "network": {"layers": [
                {"type": "dense", "units": 8, "activation": "tanh"},
                {"type": "dense", "units": 8, "activation": "tanh"},
                {"type": "dense", "units": 8, "activation": "tanh"},
                {"type": "dense", "units": 1, "activation": "sigmoid"},
            ]},
            "loss": "bce",
            "optimizer": {"name": "adam", "lr": 0.01},
            "training": {"batch_size": 10, "shuffle": True},
        },
    },
    "b": {
        "title": "(b) digits 64-128-64-10 relu, cross_entropy, batch 32, adam",
        "target": 2.0,
        "project": {
            "format": "backprop-lab/1",
            "seed": 0,
            "data": {"source": "digits", "validation_split": 0.2},
            "network": {"layers": [
                {"type": "dense", "units": 128, "activation": "relu"},
                {"type": "dense", "units": 64, "activation": "relu"},
                {"type": "dense", "units": 10, "activation": "softmax"},
            ]},
            "loss": "cross_entropy",
            "optimizer": {"name": "adam", "lr": 0.001},
            "training": {"batch_size": 32, "shuffle": True},
        },
    },
}


# ---------------------------------------------------------------- timing
class Runner:
    """A named loop ``run(k)`` doing k training steps, timed in blocks."""

    def __init__(self, label: str, run, before=None, after=None):
        self.label, self.run, self.before, self.after = label, run, before, after
        self.rates: list[float] = []  # steps per wall-clock second, one per block
        self.cpu_rates: list[float] = []  # steps per CPU second of the whole process
        self.block = 10

    def calibrate(self, seconds: float) -> None:
        """Warm up, then pick a block of whole tens of steps lasting about ``seconds``."""
        self.timed(20)
        rate = self.timed(50)
        self.block = max(10, int(rate * seconds) // 10 * 10)

    def timed(self, k: int) -> float:
        if self.before:
            self.before()
        t0, c0 = time.perf_counter(), time.process_time()
        self.run(k)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        if self.after:
            self.after()
        self.last_cpu_rate = k / cpu if cpu > 0 else float("nan")
        return k / elapsed

    def measure(self) -> None:
        self.rates.append(self.timed(self.block))
        self.cpu_rates.append(self.last_cpu_rate)

    @property
    def median(self) -> float:
        return statistics.median(self.rates)

    @property
    def best(self) -> float:
        return max(self.rates)

    def summary(self) -> dict:
        return {"median": self.median, "best": self.best, "cpu": statistics.median(self.cpu_rates)}


def paired(a: Runner, b: Runner) -> float:
    """Median over rounds of rate(a) / rate(b): blocks of one round ran back to back,
    under the same load, so this ratio is steadier than a ratio of medians."""
    return statistics.median(x / y for x, y in zip(a.rates, b.rates))


def interleave(runners: list[Runner], repeats: int, seconds: float) -> None:
    """Time every runner ``repeats`` times, round-robin, so a machine whose speed
    drifts (other processes, clock changes) affects all of them alike."""
    for r in runners:
        r.calibrate(seconds)
    for _ in range(repeats):
        for r in runners:
            r.measure()


# ---------------------------------------------------------------- ours
def ours_runners(project: dict, every: int) -> list[Runner]:
    """``Trainer.step()`` as it is; without the epoch-end evaluation (the work
    the torch loop does too); and that plus a snapshot every ``every`` steps."""
    full = Trainer(project)

    def run_full(n):
        step = full.step
        for _ in range(n):
            step()

    def no_eval_trainer():
        trainer = Trainer(project)

        def end_epoch():  # count the epoch, skip evaluating the whole data set
            trainer.epoch += 1

        trainer._end_epoch = end_epoch
        return trainer

    plain, stats = no_eval_trainer(), no_eval_trainer()

    def run_plain(n):
        step = plain.step
        for _ in range(n):
            step()

    def run_stats(n):
        step, t = stats.step, stats
        since = len(t.history)
        for i in range(1, n + 1):
            t.keep_previous = i % every == 0
            step()
            if i % every == 0:
                t.snapshot(since)
                since = len(t.history)
        t.keep_previous = False

    return [Runner("ours", run_plain), Runner(f"ours + stats every {every}", run_stats),
            Runner("ours incl. epoch-end eval", run_full)]


# ---------------------------------------------------------------- torch
def torch_available() -> bool:
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def torch_runner(project: dict, dtype: str, threads: int | None, fused: bool = False) -> Runner:
    """The same network (same initial weights), loss and optimizer in PyTorch:
    pre-made tensors, index a batch, zero_grad(set_to_none=True), forward, loss,
    backward(), step()."""
    import torch
    from torch import nn

    default_threads = torch.get_num_threads()
    ours = Trainer(project, dtype="float64")
    tdtype = {"float64": torch.float64, "float32": torch.float32}[dtype]
    acts = {"tanh": nn.Tanh, "relu": nn.ReLU}
    modules = []
    for layer in ours.network.layers:
        lin = nn.Linear(layer.in_width, layer.units, dtype=tdtype)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(layer.p["weight"]))
            lin.bias.copy_(torch.from_numpy(layer.p["bias"]))
        modules.append(lin)
        name = layer.activation.name
        if name in acts:
            modules.append(acts[name]())
    model = nn.Sequential(*modules)  # the last layer gives logits; the loss takes them
    if ours.loss.name == "bce":
        loss_fn = nn.BCEWithLogitsLoss()
        target = torch.from_numpy(ours.t_train).to(tdtype)
    else:
        loss_fn = nn.CrossEntropyLoss()
        target = torch.from_numpy(ours.t_train)
    x = torch.from_numpy(ours.x_train).to(tdtype)
    group = ours.optimizer.group
    extra = {"fused": True} if fused else {}
    opt = torch.optim.Adam(model.parameters(), lr=group["lr"], betas=group["betas"],
                           eps=group["eps"], weight_decay=group["weight_decay"], **extra)
    n, b = len(x), ours.batch_size
    gen = torch.Generator().manual_seed(0)
    state = {"order": torch.randperm(n, generator=gen), "pos": 0}

    def run(k):
        order, pos = state["order"], state["pos"]
        for _ in range(k):
            if pos >= n:
                order, pos = torch.randperm(n, generator=gen), 0
            idx = order[pos:pos + b]
            pos += b
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), target[idx])
            loss.backward()
            opt.step()
        state["order"], state["pos"] = order, pos

    label = f"torch {dtype}, {'1 thread' if threads else f'{default_threads} threads'}"
    if fused:
        label += ", Adam(fused=True)"
    return Runner(label, run, before=lambda: torch.set_num_threads(threads or default_threads),
                  after=lambda: torch.set_num_threads(default_threads))


# ---------------------------------------------------------------- report
def measure_ours(args) -> dict:
    """Our rows only (the child processes of the BLAS-environment comparison)."""
    out = {}
    for key in args.cases:
        ours, stats, full = ours_runners(CASES[key]["project"], args.snapshot_every)
        interleave([ours, stats], args.repeats, args.block_seconds)
        out[key] = {"steps": ours.median, "overhead": paired(ours, stats) - 1.0}
    return out


def compare_blas_env(args, rounds: int = 3) -> dict:
    """Our figures in child processes with the BLAS variables as set and with both
    removed, alternating so that drifting machine speed hits both alike."""
    cmd = [sys.executable, __file__, "--json", "--quick", "--cases", "".join(args.cases),
           "--snapshot-every", str(args.snapshot_every)]
    envs = {"as set": dict(os.environ),
            "unset": {k: v for k, v in os.environ.items() if k not in BLAS_ENV}}
    runs: dict[str, list] = {name: [] for name in envs}
    for _ in range(rounds):
        for name, env in envs.items():
            done = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
            runs[name].append(json.loads(done.stdout))
    return {
        name: {key: {field: statistics.median(r[key][field] for r in results)
                     for field in ("steps", "overhead")} for key in args.cases}
        for name, results in runs.items()
    }


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer, shorter blocks (about 10 s)")
    ap.add_argument("--repeats", type=int, default=None, help="timed blocks per figure (default 11, quick 3)")
    ap.add_argument("--cases", default="ab", help="which cases to run: a, b or ab")
    ap.add_argument("--snapshot-every", type=int, default=10)
    ap.add_argument("--no-torch", action="store_true", help="skip the PyTorch reference")
    ap.add_argument("--no-env-check", action="store_true",
                    help=f"do not re-run without {' / '.join(BLAS_ENV)} when they are set")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # child process mode
    args = ap.parse_args(argv)
    args.cases = [c for c in args.cases if c in CASES]
    args.repeats = args.repeats or (5 if args.quick else 15)
    args.block_seconds = 0.04 if args.quick else 0.08

    if args.json:  # child process of the BLAS-environment check: ours only
        print(json.dumps(measure_ours(args)))
        return 0

    env_set = {k: os.environ[k] for k in BLAS_ENV if k in os.environ}
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}, {os.cpu_count()} cpu(s); "
          f"BLAS env: {env_set or 'OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE not set'}")
    have_torch = not args.no_torch and torch_available()
    if have_torch:
        import torch
        print(f"torch {torch.__version__} (default {torch.get_num_threads()} threads)")
    elif not args.no_torch:
        print("torch is not installed: only our figures are shown")
    print(f"steps/s: median and best of {args.repeats} interleaved blocks of ~{args.block_seconds:g} s "
          f"each; cpu: steps per CPU-second of the process (all threads), median")
    print(f"load average before: {_load()}")

    ok = True
    for key in args.cases:
        case = CASES[key]
        runners = ours_runners(case["project"], args.snapshot_every)
        ours, stats, full = runners
        torch_rows = []
        if have_torch:
            for dtype in ("float64", "float32"):
                for threads in (1, None):
                    torch_rows.append(torch_runner(case["project"], dtype, threads))
            torch_rows.append(torch_runner(case["project"], "float64", 1, fused=True))
        interleave([ours, stats] + torch_rows, args.repeats, args.block_seconds)
        # on its own: the evaluation's large matrix products wake OpenBLAS's threads,
        # which then spin for a while and would slow whichever row came next
        interleave([full], args.repeats, args.block_seconds)

        o = ours.summary()
        print(f"\n{case['title']}")
        print(f"  {'':42s} {'median':>8s} {'best':>8s} {'cpu':>8s}   ours/this (medians, bests)")
        rows = [(r.label, r.summary()) for r in runners + torch_rows]
        for label, s in rows:
            print(f"  {label:42s} {s['median']:>8,.0f} {s['best']:>8,.0f} {s['cpu']:>8,.0f}   "
                  f"{o['median'] / s['median']:6.2f}x {o['best'] / s['best']:6.2f}x")
        over, over_best = paired(ours, stats) - 1.0, ours.best / stats.best - 1.0
        hit = over <= 0.25
        ok &= hit
        print(f"  statistics snapshot every {args.snapshot_every} steps costs {over:+.1%} "
              f"(best blocks {over_best:+.1%}); target <= +25%: {'ok' if hit else 'MISSED'}")
        if torch_rows:
            ref = max(torch_rows[:2], key=lambda r: r.median)  # float64, default Adam
            r_med, r_best = paired(ours, ref), ours.best / ref.best
            hit = r_med >= case["target"]
            ok &= hit
            print(f"  ours / {ref.label}: {r_med:.2f}x (best blocks {r_best:.2f}x); "
                  f"target >= {case['target']:g}x: {'ok' if hit else 'MISSED'}; "
                  f"step() incl. epoch-end eval {full.median / ref.median:.2f}x")
    if env_set and not args.no_env_check:
        print(f"\nBLAS environment {env_set} against both unset: our steps/s and statistics "
              "overhead, medians of 3 alternating child processes (--quick each)")
        compared = compare_blas_env(args)
        for name, cases in compared.items():
            cells = "   ".join(f"({key}) {c['steps']:>7,.0f} steps/s {c['overhead']:+6.1%}"
                               for key, c in cases.items())
            print(f"  {name:7s} {cells}")
    print(f"\nload average after: {_load()}  (other processes on the machine make figures noisy)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
