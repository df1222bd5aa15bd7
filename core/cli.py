"""Headless command line: ``train`` and ``gradcheck``.

Exit status 0 on success, 2 on a bad project or argument (one line on
stderr), 1 when training diverged (outputs up to that step are still written).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np

from .inspect import gradient_check
from .project import atomic_write, load_project
from .registry import ConfigError
from .trainer import Trainer, TrainingDiverged
from .weights import load_weights, save_weights

PROG = "backprop-lab"


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit status 2 (argparse prints usage first)
        raise UsageError(message)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Backprop Lab: train neural networks and see inside them.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    train = sub.add_parser("train", help="train a project without a window")
    train.add_argument("project", help="project file (.json)")
    length = train.add_mutually_exclusive_group()
    length.add_argument("--steps", type=_positive_int, help="exactly N optimizer steps")
    length.add_argument("--epochs", type=_positive_int, help="N epochs (default: the project's)")
    train.add_argument("--seed", type=_positive_int, help="override the project's seed")
    train.add_argument("--init-weights", metavar="W.npz", help="start from these weights")
    train.add_argument("--save-weights", metavar="OUT.npz", help="write the trained weights")
    train.add_argument("--history", metavar="OUT.csv", help="write one row per step")
    train.add_argument("--report", metavar="OUT.json", help="write the final losses and accuracies")
    train.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    check = sub.add_parser("gradcheck", help="compare analytic and finite-difference gradients")
    check.add_argument("project", help="project file (.json)")
    check.add_argument("--samples", type=_positive_int, default=8, help="rows of the batch (default 8)")
    check.add_argument("--seed", type=_positive_int, help="override the project's seed")
    check.add_argument("--tolerance", type=float, default=1e-6, help="largest relative error accepted")
    check.add_argument("--atol", type=float, default=1e-8,
                       help="a tensor also passes if no element differs by more than this (tiny, "
                            "vanishing gradients: finite differences are round-off there)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        if args.command == "train":
            # overflow on the way to a non-finite loss is reported as TrainingDiverged
            # (one message naming the step and layer), not as NumPy warnings
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                return _train(args)
        if args.command == "gradcheck":
            return _gradcheck(args)
        raise UsageError("expected a sub-command: train or gradcheck")
    except (UsageError, ConfigError) as exc:
        print(f"{PROG}: error: {_one_line(str(exc))}", file=sys.stderr)
        return 2


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_output(path: str | None, option: str) -> None:
    if path is None:
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ConfigError(f"{option}: folder {folder!r} does not exist")


def _train(args) -> int:
    for path, option in ((args.save_weights, "--save-weights"), (args.history, "--history"),
                         (args.report, "--report")):
        _check_output(path, option)
    project = load_project(args.project)
    try:
        trainer = Trainer(project, seed=args.seed, base_dir=os.path.dirname(os.path.abspath(args.project)))
    except MemoryError as exc:  # e.g. data.samples or units far too large
        raise ConfigError(f"{args.project}: the data or network is too large for memory ({exc})") from None
    if args.init_weights:
        load_weights(trainer.network, args.init_weights)
    if not args.quiet:
        print(f"{trainer.data.describe()}; {trainer.network.num_params} parameters", file=sys.stderr)
    status = 0
    started = last_print = time.perf_counter()
    total = args.steps if args.steps is not None else (
        (args.epochs if args.epochs is not None else project["training"]["epochs"]) * trainer.steps_per_epoch)
    if args.history:  # the file gets every row: none thinned
        trainer.history.max_rows = None
    try:  # the trainer's one loop (it fills in the last row's evaluation when it ends)
        for _ in trainer.training_steps(steps=args.steps, epochs=args.epochs):
            now = time.perf_counter()
            if not args.quiet and now - last_print > 1.0:
                last_print = now
                print(f"step {trainer.step_count}/{total}  epoch {trainer.epoch}  "
                      f"loss {trainer.last_batch_loss:.5g}", file=sys.stderr)
    except TrainingDiverged as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        status = 1
    report = trainer.report()
    report["seconds"] = round(time.perf_counter() - started, 3)
    if args.save_weights:
        save_weights(trainer.network, args.save_weights)
    if args.history:
        atomic_write(args.history, trainer.history.write_csv)
    if args.report:
        text = json.dumps(report, indent=2) + "\n"
        atomic_write(args.report, lambda fh: fh.write(text))
    if trainer.message and status == 0 and not args.quiet:
        print(trainer.message, file=sys.stderr)
    print(_summary(report))
    return status


def _summary(report: dict) -> str:
    parts = [f"steps {report['steps']}", f"epochs {report['epochs']:g}"]
    for key in ("train_loss", "val_loss", "train_accuracy", "val_accuracy"):
        if report.get(key) is not None:
            parts.append(f"{key} {report[key]:.6g}")
    return "  ".join(parts)


def _gradcheck(args) -> int:
    project = load_project(args.project)
    trainer = Trainer(project, seed=args.seed, base_dir=os.path.dirname(os.path.abspath(args.project)),
                      dtype="float64")
    n = max(2, min(args.samples, len(trainer.x_train)))
    results = gradient_check(trainer.network, trainer.loss, trainer.x_train[:n], trainer.t_train[:n])
    # central differences carry round-off of about |loss| * machine-eps / h (h = 1e-6):
    # with exploding activations that, not the gradient, is what differs
    loss_value, _ = trainer.network.evaluate(trainer.x_train[:n], trainer.t_train[:n], trainer.loss)
    atol = args.atol + 100 * abs(loss_value) * np.finfo(np.float64).eps / 1e-6
    worst = 0.0
    failed = []
    print(f"{'parameter':40s} {'relative error':>15s} {'max abs error':>15s}")
    for r in results:
        worst = max(worst, r["relative_error"])
        passed = r["relative_error"] <= args.tolerance or r["max_abs_error"] <= atol
        if not passed:
            failed.append(r["name"])
        print(f"{r['name']:40s} {r['relative_error']:15.3e} {r['max_abs_error']:15.3e}{'' if passed else '  FAILED'}")
    verdict = "ok" if not failed else f"FAILED ({', '.join(failed)})"
    print(f"{verdict}: largest relative error {worst:.3e} (tolerance {args.tolerance:g}, "
          f"or every element within {atol:.3g})")
    return 0 if not failed else 1
