"""``python main.py bundle``: train a project headless and write its reproducible bundle.

    python main.py bundle PROJECT.json OUT(.zip|folder) [--steps N | --epochs N]
        [--weights W.npz] [--seed S] [--quiet]

See :mod:`core.bundle`.  The output path is checked before training starts; a bad
project, path or argument is one line on stderr with exit status 2 (as ``train``),
a run that diverged still gets its bundle (without ``retrain.py``) and exit status 1.
"""

from __future__ import annotations

import os
import sys
import time

from .bundle import check_out_path, make_bundle
from .project import check_network_size, load_project


def add_parser(sub, positive_int) -> None:
    p = sub.add_parser("bundle", help="train a project and write a reproducible bundle (folder or .zip)")
    p.add_argument("project", help="project file (.json)")
    p.add_argument("output", metavar="OUT", help="the bundle: a new or empty folder, or a file ending in .zip")
    length = p.add_mutually_exclusive_group()
    length.add_argument("--steps", type=positive_int, help="exactly N optimizer steps")
    length.add_argument("--epochs", type=positive_int, help="N epochs (default: the project's)")
    p.add_argument("--weights", metavar="W.npz", help="start from these weights (default: the initialisation)")
    p.add_argument("--seed", type=positive_int, help="override the project's seed")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")


def run(args, prog: str) -> int:
    check_out_path(args.output)
    project = load_project(args.project)
    base_dir = os.path.dirname(os.path.abspath(args.project))
    check_network_size(project["network"]["layers"])
    last = [time.perf_counter()]

    def progress(trainer):
        now = time.perf_counter()
        if not args.quiet and now - last[0] > 1.0:
            last[0] = now
            print(
                f"step {trainer.step_count}  epoch {trainer.epoch}  loss {trainer.last_batch_loss:.5g}", file=sys.stderr
            )

    result, report = make_bundle(
        project,
        args.output,
        base_dir,
        steps=args.steps,
        epochs=args.epochs,
        init_weights=args.weights,
        seed=args.seed,
        progress=progress,
    )
    print(f"wrote {result.path}: {len(result.files)} files after {report['steps']} steps")
    if result.retrain:
        print("check it with: python retrain.py (in the bundle; needs NumPy only)")
    else:
        print(f"{prog}: note: no retrain.py: {result.why_not}", file=sys.stderr)
    return 1 if result.diverged else 0
