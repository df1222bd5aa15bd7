"""The reproducible bundle: one folder (or zip) that lets anyone check a training run.

A bundle holds the project file, a manifest with the seed and the run resolved to plain
numbers, the weights the run started from and ended with (weights-file format), the
history as CSV, the exact arrays the run trained on (``data.npz``), a README stating the
versions, and ``retrain.py``: a script that needs nothing but NumPy, replays every
optimizer step from the initial weights and checks that it reaches the final weights
within 1e-12 (``core/retrain_template.py``, copied unchanged).  The app adds every plot
as PNG and SVG (``extra`` writers: this module never imports Qt).

Two halves, so that the window can ask the training process for what only it has and
write the files itself:

* :func:`bundle_state` runs where the :class:`~core.trainer.Trainer` is (the training
  process, or the command line) and returns a picklable dict;
* :func:`write_bundle` writes that dict (and the extra files) to a folder or ``.zip``,
  through a temporary folder renamed into place: never half a bundle.

When the script cannot replay a run (settings changed while it trained, a weight set by
hand, a run that diverged, a layer or activation the script does not know) the bundle is
written all the same, without ``retrain.py``, and the README and :class:`BundleResult`
say why.  A run from the window is checked by replaying it in the training process
(:func:`replay_matches`) before ``retrain.py`` is promised.
"""

from __future__ import annotations

import copy
import datetime
import io
import json
import math
import os
import platform
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .history import History
from .layers import BatchNorm, Dense, Dropout, Residual
from .optimizers import make_optimizer
from .project import atomic_write, save_project, write_target
from .registry import ConfigError
from .snapshot import PASS_CELLS
from .weights import input_arrays, save_arrays

BUNDLE_FORMAT = "backprop-lab-bundle/1"
TOLERANCE = 1e-12
TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "retrain_template.py")
PYPROJECT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pyproject.toml")

#: what retrain.py knows
SCRIPT_ACTIVATIONS = {
    "linear",
    "step",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "prelu",
    "elu",
    "gelu",
    "silu",
    "swish",
    "softplus",
    "softmax",
}
SCRIPT_LOSSES = {"mse", "mae", "huber", "bce", "cross_entropy"}
SCRIPT_OPTIMIZERS = {"sgd", "adagrad", "rmsprop", "adam", "adamw"}
SCRIPT_SCHEDULES = {"constant", "step", "exponential", "cosine"}


@dataclass
class BundleResult:
    """What :func:`write_bundle` wrote: the bundle's path, the files in it (relative
    names), and whether ``retrain.py`` is among them (if not, ``why_not`` says why)."""

    path: str
    files: list[str] = field(default_factory=list)
    retrain: bool = False
    why_not: str | None = None
    diverged: bool = False  # training diverged (the bundle holds the weights up to that step)


def app_version() -> str:
    """Backprop Lab's version: the installed distribution's, else pyproject.toml's."""
    try:
        from importlib import metadata

        return metadata.version("backprop-lab")
    except Exception:
        pass
    try:
        import tomllib

        with open(PYPROJECT, "rb") as fh:
            return str(tomllib.load(fh)["project"]["version"])
    except Exception:
        return "unknown"


# ---- what the script needs, resolved from the trainer


def _layer_specs(layers, prefix: str) -> list[dict]:
    out = []
    for i, layer in enumerate(layers):
        path = f"{prefix}.{i}"
        if isinstance(layer, Dense):
            out.append(
                {
                    "type": "dense",
                    "path": path,
                    "units": layer.units,
                    "bias": layer.use_bias,
                    "activation": layer.activation.get_config(),
                }
            )
        elif isinstance(layer, Dropout):
            out.append({"type": "dropout", "path": path, "rate": layer.rate})
        elif isinstance(layer, BatchNorm):
            out.append({"type": "batchnorm", "path": path, "momentum": layer.momentum, "eps": layer.eps})
        elif isinstance(layer, Residual):
            out.append({"type": "residual", "path": path, "layers": _layer_specs(layer.layers, f"{path}.layers")})
        else:
            out.append({"type": layer.kind, "path": path})
    return out


def _unsupported(trainer) -> str | None:
    """Why retrain.py cannot replay this trainer's configuration, or None."""
    for e in trainer.network.entries:
        layer = e.layer
        if not isinstance(layer, (Dense, Dropout, BatchNorm, Residual)):
            return f"{e.key}: retrain.py does not know the layer type {layer.kind!r}"
        if isinstance(layer, Dense) and layer.activation.name not in SCRIPT_ACTIVATIONS:
            return f"{e.key}.activation: retrain.py does not know {layer.activation.name!r}"
    if trainer.loss.name not in SCRIPT_LOSSES:
        return f"loss: retrain.py does not know {trainer.loss.name!r}"
    if trainer.optimizer.name not in SCRIPT_OPTIMIZERS:
        return f"optimizer: retrain.py does not know {trainer.optimizer.name!r}"
    if trainer.schedule.name not in SCRIPT_SCHEDULES:
        return f"schedule: retrain.py does not know {trainer.schedule.name!r}"
    return None


def _why_not(trainer) -> str | None:
    """Why the run, as it happened, is not a replay of one configuration from step 0, or None."""
    if trainer.divergence is not None:
        return f"training diverged ({trainer.divergence}), so there are no final weights to reach"
    if trainer.changes:
        marks = ", ".join(f"{c.key} at step {c.step}" for c in trainer.changes[:4])
        more = f" and {len(trainer.changes) - 4} more" if len(trainer.changes) > 4 else ""
        return (
            f"settings were changed while training ({marks}{more}); retrain.py replays a run "
            "with one configuration from start to end"
        )
    return _unsupported(trainer)


def manifest(trainer, steps: int) -> dict:
    """The run resolved to plain numbers (``manifest.json``): what retrain.py reads."""
    p = trainer.project
    loss = trainer.loss
    net = trainer.network
    widest = max([net.in_width] + [e.layer.out_width for e in net.entries])
    return {
        "format": BUNDLE_FORMAT,
        "app_version": app_version(),
        "seed": p["seed"],
        "dtype": str(trainer.dtype),
        "steps": int(steps),
        "epochs_completed": int(trainer.epoch),
        "tolerance": TOLERANCE,
        "layers": _layer_specs(net.layers, "layers"),
        "params": [[q.name, list(q.value.shape)] for q in net.params],
        "loss": {**loss.config, "name": loss.name, "fused": bool(net.is_fused(loss))},
        "optimizer": {**trainer.optimizer.get_config(), "lr": trainer.base_lr},
        "schedule": trainer.schedule.get_config(),
        "training": {
            "batch_size": trainer.batch_size,
            "shuffle": bool(trainer.shuffle),
            "grad_clip": trainer.grad_clip,
            "epochs": trainer.schedule.epochs,
            "early_stopping": copy.deepcopy(trainer.early),
        },
        "rows_per_pass": max(1, PASS_CELLS // max(widest, 1)),
        "data": {
            "source": trainer.data.name,
            "task": trainer.data.task,
            "rows_train": len(trainer.x_train),
            "rows_val": len(trainer.x_val),
            "inputs": net.in_width,
        },
    }


def _initial_state(trainer, initial_arrays: dict) -> dict:
    """The trainer's state at step 0 of a run from ``initial_arrays`` (fresh optimizer and
    random streams), as :meth:`Trainer.set_state` takes it."""
    p = trainer.project
    config = copy.deepcopy(p["optimizer"])
    fresh = make_optimizer(
        config, np.zeros_like(trainer.network.flat), np.zeros_like(trainer.network.flat), trainer.optimizer.layout
    )
    _, _, shuffle_ss, dropout_ss = np.random.SeedSequence(p["seed"]).spawn(4)
    return {
        "arrays": {k: np.array(v, copy=True) for k, v in initial_arrays.items()},
        "optimizer": fresh.state_dict(),
        "optimizer_config": config,
        "base_lr": config["lr"],
        "grad_clip": p["training"]["grad_clip"],
        "batch_size": p["training"]["batch_size"],
        "shuffle_rng": np.random.default_rng(shuffle_ss).bit_generator.state,
        "dropout_rng": np.random.default_rng(dropout_ss).bit_generator.state,
        "step_count": 0,
        "epoch": 0,
        "batches": None,
        "pos": 0,
        "history": History(None),
        "message": None,
        "finished": False,
        "last_batch_loss": math.nan,
        "best": None,
        "wait": 0,
        "changes": [],
    }


def replay_matches(trainer, initial_arrays: dict) -> tuple[bool, float]:
    """Replay the trainer's run from ``initial_arrays`` with its own code and compare with
    where it is now: ``(identical, max abs difference)``.  The trainer is put back exactly
    as it was (state, gradients, last pass) whatever happens."""
    steps = trainer.step_count
    if trainer.changes or trainer.divergence is not None:
        return False, math.inf
    saved = trainer.get_state()
    now = trainer.network.copy_arrays()
    grad = trainer.network.flat_grad.copy()
    tape, previous, previous_step = trainer.last_tape, trainer._previous_flat, trainer._previous_step
    keep = trainer.keep_previous, trainer.keep_update
    try:
        trainer.keep_previous = trainer.keep_update = False
        trainer.set_state(_initial_state(trainer, initial_arrays))
        with np.errstate(all="ignore"):
            for _ in range(steps):
                if trainer.finished:
                    break
                trainer.step()
        replayed = trainer.network.copy_arrays()
        done = trainer.step_count
    except Exception:
        return False, math.inf
    finally:
        trainer.set_state(saved)
        trainer.network.flat_grad[...] = grad
        trainer.last_tape, trainer._previous_flat, trainer._previous_step = tape, previous, previous_step
        trainer.keep_previous, trainer.keep_update = keep
    if done != steps:
        return False, math.inf
    worst = 0.0
    identical = True
    for k, v in now.items():
        w = replayed[k]
        identical &= bool(np.array_equal(v, w))
        with np.errstate(all="ignore"):
            d = float(np.max(np.abs(v.astype(np.float64) - w.astype(np.float64)), initial=0.0))
        worst = max(worst, d) if math.isfinite(d) else math.inf
    return identical, worst


def bundle_state(
    trainer, initial_arrays: dict | None = None, verify: bool = True, history_csv: str | None = None
) -> dict:
    """Everything a bundle holds that only the trainer knows, as a picklable dict.

    ``initial_arrays``: the network's arrays before the first step (None: the run kept
    none; retrain.py is then left out).  ``verify``: replay the run in this process
    first (:func:`replay_matches`) and leave retrain.py out if it does not end where
    the run is (a weight edited by hand, weights loaded mid-run...); the command line,
    whose runs are replays by construction, passes False.
    """
    why = _why_not(trainer)
    if why is None and initial_arrays is None:
        why = "the weights the run started from were not kept"
    if why is None and verify and trainer.step_count > 0:
        same, diff = replay_matches(trainer, initial_arrays)
        if not same:
            why = (
                "replaying the run from its initial weights does not reach its current weights "
                f"(max difference {diff:.3g}): it was edited while training (a weight set by hand, "
                "weights loaded, a rewind to another branch...)"
            )
    data = trainer.data
    if history_csv is None:
        out = io.StringIO()
        trainer.history.write_csv(out)
        history_csv = out.getvalue()
    inputs = input_arrays(data)
    arrays = {
        "x_train": trainer.x_train,
        "t_train": trainer.t_train,
        "x_val": trainer.x_val,
        "t_val": trainer.t_val,
        "y_train": data.y_train,
        "y_val": data.y_val,
    }
    return {
        "project": copy.deepcopy(trainer.project),
        "manifest": manifest(trainer, trainer.step_count),
        "initial": None
        if initial_arrays is None
        else {**{k: np.array(v) for k, v in initial_arrays.items()}, **inputs},
        "final": {**trainer.network.copy_arrays(), **inputs},
        "data": {k: np.array(v, copy=True) for k, v in arrays.items()},
        "history_csv": history_csv,
        "report": trainer.report(),
        "why_not": why,
        "diverged": trainer.divergence is not None,
    }


# ---- writing


def check_out_path(out_path: str) -> str:
    """The bundle's path, checked before anything is trained or written (a ConfigError
    naming the path otherwise): a ``.zip`` file in an existing folder, or a folder that
    does not exist yet, is empty, or holds an earlier bundle (replaced)."""
    key = "bundle"
    if not isinstance(out_path, str) or not out_path.strip() or "\0" in out_path:
        raise ConfigError(f"{key}: {out_path!r} is not a path", "bad_type", key=key, value=out_path)
    path = os.path.abspath(os.path.expanduser(out_path))
    parent = os.path.dirname(path)
    if not os.path.isdir(parent):
        raise ConfigError(
            f"{key}: cannot write {out_path!r}: folder {parent!r} does not exist",
            "cannot_write",
            key=key,
            value=out_path,
        )
    if path.lower().endswith(".zip"):
        try:
            write_target(path)
        except OSError as exc:
            raise ConfigError(
                f"{key}: cannot write {out_path!r}: {exc.strerror or exc}", "cannot_write", key=key, value=out_path
            ) from None
    elif os.path.lexists(path):
        if not os.path.isdir(path):
            raise ConfigError(
                f"{key}: {out_path!r} exists and is not a folder (a bundle is a folder or a .zip)",
                "cannot_write",
                key=key,
                value=out_path,
            )
        if os.listdir(path) and not os.path.isfile(os.path.join(path, "manifest.json")):
            raise ConfigError(
                f"{key}: folder {out_path!r} is not empty and holds no earlier bundle; choose a new or empty folder",
                "cannot_write",
                key=key,
                value=out_path,
            )
    try:
        fd, probe = tempfile.mkstemp(prefix=".tmp-", dir=parent)
    except OSError as exc:
        raise ConfigError(
            f"{key}: cannot write in folder {parent!r}: {exc.strerror or exc}", "cannot_write", key=key, value=out_path
        ) from None
    os.close(fd)
    os.unlink(probe)
    return path


def _readme(state: dict, files: list[str], retrain: bool, why_not: str | None, when: str) -> str:
    m = state["manifest"]
    report = state["report"]
    lines = [
        f"# Reproducible bundle: {state['project'].get('name') or m['data']['source']}",
        "",
        f"Written by Backprop Lab {m['app_version']} on {when}.",
        "",
        "## Versions",
        "",
        f"- Backprop Lab {m['app_version']}",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- NumPy {np.__version__}",
        f"- Platform {platform.platform()} ({platform.machine()})",
        "",
        "## The run",
        "",
        f"- data: {m['data']['source']} ({m['data']['task']}), {m['data']['rows_train']} training rows, "
        f"{m['data']['rows_val']} validation rows, {m['data']['inputs']} inputs",
        f"- seed {m['seed']}, dtype {m['dtype']}, {m['steps']} optimizer steps "
        f"({m['epochs_completed']} complete epochs), batch size {m['training']['batch_size']}",
        f"- optimizer: {json.dumps(m['optimizer'])}",
        f"- loss: {json.dumps({k: v for k, v in m['loss'].items() if k != 'fused'})}",
    ]
    for key in ("train_loss", "val_loss", "train_accuracy", "val_accuracy"):
        if report.get(key) is not None:
            lines.append(f"- final {key.replace('_', ' ')}: {report[key]:.6g}")
    lines += ["", "## Files", ""]
    about = {
        "project.json": "the project file, as Backprop Lab saves it (open it in the app)",
        "manifest.json": "the seed, and the run resolved to plain numbers (what retrain.py reads)",
        "initial_weights.npz": "the weights the run started from (Backprop Lab weights file)",
        "final_weights.npz": "the weights it ended with (Backprop Lab weights file)",
        "history.csv": "one row per optimizer step: step, epoch, lr, batch loss, evaluations",
        "data.npz": "the exact arrays trained on: x_train, t_train (targets as the loss takes them), "
        "x_val, t_val, y_train, y_val (class labels or targets)",
        "retrain.py": "retrains with NumPy alone and checks the final weights",
        "README.md": "this file",
    }
    for name in files:
        lines.append(f"- `{name}`: {about.get(name, 'a plot of the window' if '/' in name else '')}".rstrip(": "))
    lines += ["", "## Retraining", ""]
    if retrain:
        lines += [
            "```",
            "python retrain.py",
            "```",
            "",
            "needs Python 3 and NumPy only (not Backprop Lab). It starts from `initial_weights.npz`, replays",
            f"all {m['steps']} optimizer steps on `data.npz` as the app's trainer does (the batch order and",
            "the dropout masks drawn from the random streams spawned from the seed, the same float operations",
            "in the same order), prints the largest absolute difference from `final_weights.npz` and exits",
            f"with status 0 if it is at most {TOLERANCE:g}, 1 if not. `--save OUT.npz` keeps the retrained weights.",
            "",
            "The logistic function and erf are computed with the C library, as SciPy does in the app; the",
            "random streams are NumPy's (PCG64 through `Generator.permutation` and `Generator.random`).",
            "A NumPy far from the version above, or another platform's C library, can differ in the last",
            "bit, which a float32 run in particular may not forgive.",
        ]
    else:
        lines += [
            "There is no `retrain.py` in this bundle: " + (why_not or "the run cannot be replayed") + ".",
            "",
            "Everything else is here; the app itself can train `project.json` again "
            + (
                "(`python main.py train project.json --init-weights initial_weights.npz`)."
                if "initial_weights.npz" in files
                else "(`python main.py train project.json`)."
            ),
        ]
    return "\n".join(lines) + "\n"


def write_bundle(
    state: dict,
    out_path: str,
    extra: dict[str, Callable[[str], None]] | None = None,
    now: datetime.datetime | None = None,
) -> BundleResult:
    """Write the bundle of :func:`bundle_state`'s ``state`` to ``out_path`` (a folder, or a
    zip when it ends with ``.zip``).  ``extra``: relative file name -> function writing
    that file at the path it is given (the window's plots).  Everything is written in a
    temporary folder beside the target and renamed (or zipped, then renamed) into place."""
    path = check_out_path(out_path)
    parent = os.path.dirname(path)
    why_not = state.get("why_not")
    retrain = why_not is None and state.get("initial") is not None
    when = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y-%m-%d %H:%M:%S %Z").strip()
    tmp = tempfile.mkdtemp(prefix=".tmp-bundle-", dir=parent)
    try:
        files = []

        def out(name):
            files.append(name)
            full = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            return full

        save_project(state["project"], out("project.json"))
        text = (
            json.dumps({**state["manifest"], "retrain": retrain, "why_not": why_not, "written": when}, indent=2) + "\n"
        )
        atomic_write(out("manifest.json"), lambda fh: fh.write(text))
        if state.get("initial") is not None:
            save_arrays(state["initial"], out("initial_weights.npz"))
        save_arrays(state["final"], out("final_weights.npz"))
        atomic_write(out("history.csv"), lambda fh: fh.write(state["history_csv"]))
        save_arrays(state["data"], out("data.npz"))
        if retrain:
            script = out("retrain.py")
            shutil.copyfile(TEMPLATE, script)
            os.chmod(script, 0o777 & ~_umask())  # python retrain.py, or ./retrain.py
        for name, write in (extra or {}).items():
            write(out(name))
        files.append("README.md")
        readme = _readme(state, files, retrain, why_not, when)
        atomic_write(os.path.join(tmp, "README.md"), lambda fh: fh.write(readme))
        _move_into_place(tmp, path, files)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return BundleResult(
        path, files, retrain, None if retrain else (why_not or "no initial weights"), bool(state.get("diverged"))
    )


def _move_into_place(tmp: str, path: str, files: list[str]) -> None:
    if path.lower().endswith(".zip"):
        stem = os.path.splitext(os.path.basename(path))[0]

        def write(fh):
            with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
                for name in files:
                    zf.write(os.path.join(tmp, name), f"{stem}/{name}")

        atomic_write(path, write, mode="wb")
        return
    os.chmod(tmp, 0o777 & ~_umask())
    if os.path.isdir(path):  # empty, or an earlier bundle: set it aside, then drop it
        old = tempfile.mkdtemp(prefix=".tmp-old-bundle-", dir=os.path.dirname(path))
        os.rmdir(old)
        os.rename(path, old)
        try:
            os.rename(tmp, path)
        except OSError:
            os.rename(old, path)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, path)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ---- headless: train and bundle


def make_bundle(
    project: dict,
    out_path: str,
    base_dir: str = ".",
    steps: int | None = None,
    epochs: int | None = None,
    init_weights: str | None = None,
    seed: int | None = None,
    progress: Callable[[object], None] | None = None,
) -> tuple[BundleResult, dict]:
    """Train ``project`` headless (``steps`` optimizer steps, or ``epochs``, default the
    project's) and write its bundle; returns the result and the run's report."""
    from .trainer import Trainer, TrainingDiverged
    from .weights import load_weights

    check_out_path(out_path)
    trainer = Trainer(project, seed=seed, base_dir=base_dir, full_history=True)
    if init_weights:
        load_weights(trainer.network, init_weights)
    initial = trainer.network.copy_arrays()
    try:
        for _ in trainer.training_steps(steps, epochs):
            if progress is not None:
                progress(trainer)
    except TrainingDiverged:
        pass
    state = bundle_state(trainer, initial, verify=False)
    return write_bundle(state, out_path), state["report"]


__all__ = [
    "BUNDLE_FORMAT",
    "TOLERANCE",
    "BundleResult",
    "bundle_state",
    "check_out_path",
    "make_bundle",
    "manifest",
    "replay_matches",
    "write_bundle",
]
