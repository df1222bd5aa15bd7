"""Cost of the optimizer-internals view and of an optimizer swap.

    python bench/bench_optimizer_internals.py

Prints the mean training-step time with and without ``Trainer.keep_update`` (the
weights kept before each step while the view is open), the time of one
``optimizer_internals`` answer and its pickled size, and the time of a swap.
"""

from __future__ import annotations

import os
import pickle
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from core.optimizer_internals import optimizer_internals  # noqa: E402
from core.project import default_project  # noqa: E402
from core.trainer import Trainer  # noqa: E402


def project(width: int) -> dict:
    p = default_project()
    p["network"]["layers"] = [
        {"type": "dense", "units": width, "activation": "tanh"},
        {"type": "dense", "units": width, "activation": "tanh"},
        {"type": "dense", "units": 1, "activation": "sigmoid"},
    ]
    return p


def per_step(trainer: Trainer, n: int) -> float:
    t0 = time.perf_counter()
    trainer.run(steps=n)
    return (time.perf_counter() - t0) / n


def main() -> None:
    for width in (8, 128):
        tr = Trainer(project(width))
        tr.run(steps=50)
        n = 2000 if width == 8 else 400
        params = tr.network.flat.size
        off = min(per_step(tr, n) for _ in range(3))
        tr.keep_update = True
        on = min(per_step(tr, n) for _ in range(3))
        t0 = time.perf_counter()
        for _ in range(20):
            answer = optimizer_internals(tr)
        query = (time.perf_counter() - t0) / 20
        size = len(pickle.dumps(answer))
        t0 = time.perf_counter()
        tr.set_optimizer("sgd")
        swap = time.perf_counter() - t0
        print(f"{params:6d} parameters: step {off * 1e6:7.1f} us, with keep_update {on * 1e6:7.1f} us; "
              f"optimizer_internals {query * 1e3:.2f} ms, {size / 1024:.1f} KiB pickled; swap {swap * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
