"""Headless command line: ``train``, ``gradcheck``, ``sweep`` (see :mod:`core.sweep_cli`),
``export-onnx``, ``export-torch`` and ``bundle`` (see :mod:`core.bundle_cli`).

Exit status 0 on success, 2 on a bad project, file or argument, or when the
work does not fit in memory (one line on stderr), 1 when training diverged
(outputs up to that step are still written).  Output paths are checked before
training starts.  An error that is a bug of this program is still one line,
``internal error: ...``, with exit status 3; Ctrl-C exits with 130.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time

import numpy as np
from threadpoolctl import threadpool_limits

from . import bundle_cli, sweep_cli
from .exported_model import from_input_arrays, from_trainer
from .inspect import gradient_check
from .project import atomic_write, check_network_size, load_project, write_target
from .registry import ConfigError, show
from .torch_export import save_torch_code
from .trainer import Trainer, TrainingDiverged
from .weights import input_arrays, load_weights, read_weights_file, save_arrays, save_weights

PROG = "backprop-lab"
#: finite differences take two passes per parameter: beyond this gradcheck would run for hours
MAX_GRADCHECK_PARAMETERS = 200_000
#: multiply-adds per step (batch rows x parameters) below which one BLAS thread is used
SINGLE_THREAD_WORK = 50_000_000


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit status 2 (argparse prints usage first)
        raise UsageError(message)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        why = "has too many digits" if text.strip().lstrip("+-").isdigit() else "must be a whole number"
        raise argparse.ArgumentTypeError(f"{why}, got {show(text)}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {show(text)}")
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
    train.add_argument("--json", action="store_true",
                       help="print the report as JSON on stdout (instead of the summary line)")
    check = sub.add_parser("gradcheck", help="compare analytic and finite-difference gradients")
    check.add_argument("project", help="project file (.json)")
    check.add_argument("--samples", type=_positive_int, default=8, help="rows of the batch (default 8)")
    check.add_argument("--seed", type=_positive_int, help="override the project's seed")
    check.add_argument("--tolerance", type=float, default=1e-6, help="largest relative error accepted")
    check.add_argument("--atol", type=float, default=1e-8,
                       help="a tensor also passes if no element differs by more than this (tiny, "
                            "vanishing gradients: finite differences are round-off there)")
    sweep_cli.add_parser(sub, _positive_int)
    bundle_cli.add_parser(sub, _positive_int)
    for name, what, out in (("export-onnx", "an ONNX model", "OUT.onnx"),
                             ("export-torch", "a PyTorch script (and its weights file beside it)", "OUT.py")):
        export = sub.add_parser(name, help=f"write trained weights as {what}")
        export.add_argument("project", help="project file (.json)")
        export.add_argument("output", metavar=out, help="file to write")
        export.add_argument("--weights", metavar="W.npz", required=True, help="the trained weights")
        export.add_argument("--seed", type=_positive_int, help="override the project's seed")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        # overflow on the way to a non-finite loss is reported as TrainingDiverged
        # (one message naming the step and layer), not as NumPy warnings
        with np.errstate(all="ignore"):
            if args.command == "train":
                return _train(args)
            if args.command == "gradcheck":
                return _gradcheck(args)
            if args.command == "sweep":
                return sweep_cli.run(args)
            if args.command == "bundle":
                return bundle_cli.run(args, PROG)
            if args.command in ("export-onnx", "export-torch"):
                return _export(args)
        raise UsageError("expected a sub-command: train, gradcheck, sweep, export-onnx, export-torch or bundle")
    except (UsageError, ConfigError) as exc:
        return _error(str(exc))
    except MemoryError:
        return _error("out of memory: the data or the network is too large for this machine")
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except RecursionError:
        return _error("the project is nested too deeply")
    except Exception as exc:  # a bug: still one line, and a status of its own
        print(f"{PROG}: internal error: {type(exc).__name__}: {_one_line(str(exc))[:500]}", file=sys.stderr)
        return 3


def _error(text: str) -> int:
    print(f"{PROG}: error: {_one_line(text)}", file=sys.stderr)
    return 2


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_output(path: str | None, option: str) -> None:
    """Before training: the output can be written (a file, or a symlink to one, in an
    existing folder where a file can be created)."""
    if path is None:
        return
    if path == "" or path.endswith(("/", os.sep)):
        raise ConfigError(f"{option}: {path!r} is not a file name", "bad_type", key=option, value=path)
    try:
        target = write_target(path)
    except OSError as exc:
        raise ConfigError(f"{option}: cannot write {path!r}: {exc.strerror or exc}", "cannot_write",
                          key=option, value=path) from None
    except ValueError as exc:  # a NUL character in the path
        raise ConfigError(f"{option}: cannot write {path!r}: {exc}", "cannot_write", key=option, value=path) from None
    folder = os.path.dirname(target)
    try:  # the real test of a writable folder (os.access says yes to root on a read-only disk)
        fd, probe = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    except OSError as exc:
        raise ConfigError(f"{option}: cannot write {path!r} in folder {folder!r}: {exc.strerror or exc}",
                          "cannot_write",
                          key=option, value=path) from None
    os.close(fd)
    os.unlink(probe)


def _write_output(option: str, path: str, write) -> bool:
    try:
        write()
    except (OSError, ValueError) as exc:  # e.g. the disk filled up during training
        _error(f"{option}: cannot write {path!r}: {getattr(exc, 'strerror', None) or exc}")
        return False
    return True


def blas_threads(trainer: Trainer, load: float | None = None) -> int:
    """BLAS threads for this run.  One for small networks, where waking a second
    thread costs more than it saves (digits 64-128-64-10, batch 32, with the other
    core busy: 0.43 ms a step with one thread, 1.39 ms with two); for large work one
    per core that is idle now (``load``: the 1-minute load average), at least one:
    OpenBLAS threads spinning against another busy process lose even on large matrices
    (1024-unit layers, batch 256: 74 ms with one thread, 207 ms with two)."""
    batch = trainer.batch_size or len(trainer.x_train)
    if batch * trainer.network.num_params < SINGLE_THREAD_WORK:
        return 1
    cpus = os.cpu_count() or 1
    if load is None:
        try:
            load = os.getloadavg()[0]
        except (OSError, AttributeError):
            load = 0.0
    return max(1, min(cpus, cpus - int(load + 0.5)))


def _train(args) -> int:
    outputs = [(path, option) for path, option in ((args.save_weights, "--save-weights"),
                                                     (args.history, "--history"), (args.report, "--report"))
               if path is not None]
    for path, option in outputs:
        _check_output(path, option)
    project = load_project(args.project)
    trainer = Trainer(project, seed=args.seed, base_dir=os.path.dirname(os.path.abspath(args.project)))
    # the data's size is known now (CSV, IDX): evaluating the whole set must fit too
    check_network_size(project["network"]["layers"], trainer.data.in_width,
                       max(len(trainer.x_train), len(trainer.x_val)))
    if args.init_weights:
        load_weights(trainer.network, args.init_weights)
    if not args.quiet:
        print(f"{trainer.data.describe()}; {trainer.network.num_params} parameters", file=sys.stderr)
    with threadpool_limits(limits=blas_threads(trainer), user_api="blas"):
        return _train_loop(args, project, trainer)


def _train_loop(args, project, trainer) -> int:
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
    ok = True
    if args.save_weights:
        ok &= _write_output("--save-weights", args.save_weights,
                            lambda: save_weights(trainer.network, args.save_weights, trainer.data))
    if args.history:
        ok &= _write_output("--history", args.history, lambda: atomic_write(args.history, trainer.history.write_csv))
    if args.report:
        text = json.dumps(report, indent=2) + "\n"
        ok &= _write_output("--report", args.report, lambda: atomic_write(args.report, lambda fh: fh.write(text)))
    if trainer.message and status == 0 and not args.quiet:
        print(trainer.message, file=sys.stderr)
    print(json.dumps(_json_safe(report), indent=2) if args.json else _summary(report))
    return status if ok else 2


def _json_safe(value):
    """Strict JSON: NaN and infinities (a diverged run) become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value


def _export(args) -> int:
    """``export-onnx`` / ``export-torch``: the project's network with the trained weights,
    and the input standardisation of the weights file (or, for a file written before
    it carried one, of the project's data)."""
    _check_output(args.output, args.command)
    project = load_project(args.project)
    trainer = Trainer(project, seed=args.seed, base_dir=os.path.dirname(os.path.abspath(args.project)))
    arrays, inputs = read_weights_file(args.weights, trainer.network)
    trainer.network.load_arrays(arrays, source=args.weights)
    if "input.features" in inputs:
        model = from_input_arrays(trainer.network, trainer.loss, inputs)
    else:
        print(f"{PROG}: note: {args.weights} does not carry the input standardisation (input.*); "
              "using the project's data", file=sys.stderr)
        model = from_trainer(trainer)
    if args.command == "export-onnx":
        try:
            from .onnx_export import save_onnx
        except ImportError as exc:
            raise UsageError(f"export-onnx needs the onnx package ({exc}); pip install onnx") from None
        if not _write_output(args.command, args.output, lambda: save_onnx(model, args.output)):
            return 2
        print(f"wrote {args.output}: input {len(model.columns)} float64 columns, "
              f"prediction {model.prediction_width} {model.dtype} columns")
        return 0
    base = os.path.splitext(args.output)[0]
    weights_out = base + ".npz"
    _check_output(weights_out, args.command)
    input_info = inputs if "input.features" in inputs else input_arrays(trainer.data)
    arrays = {**trainer.network.copy_arrays(), **input_info}
    ok = _write_output(args.command, weights_out, lambda: save_arrays(arrays, weights_out))
    ok = ok and _write_output(args.command, args.output,
                              lambda: save_torch_code(model, args.output, os.path.basename(weights_out)))
    if not ok:
        return 2
    print(f"wrote {args.output} and {weights_out}")
    return 0


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
    if trainer.network.num_params > MAX_GRADCHECK_PARAMETERS:
        raise ConfigError(f"network.layers: gradcheck compares every one of the {trainer.network.num_params:,} "
                          f"parameters by finite differences; at most {MAX_GRADCHECK_PARAMETERS:,} are checked "
                          "(use a smaller network)", "too_large", key="network.layers",
                          value=trainer.network.num_params, limit=MAX_GRADCHECK_PARAMETERS)
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
