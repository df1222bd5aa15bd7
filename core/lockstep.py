"""The lock-step race: two to four variants of one project, trained side by side, step for step.

A :class:`Variant` is the project with some settings overridden (dotted keys, as a
sweep's: ``optimizer.lr``, ``training.batch_size``, ``network.layers.0.units``);
:func:`make_variant` turns one row of the window (a kind and a value) into one.
:class:`LockstepRace` builds one plain :class:`~core.trainer.Trainer` per variant and
``step(n)`` advances every variant by ``n`` optimizer steps in lock step (step 1 of
every variant, then step 2, ...), returning one :class:`VariantFrame` per variant: its
:class:`~core.snapshot.Snapshot` (the history rows since the last frame, the per-layer
statistics behind the Gradient histograms dock, the decision boundary) and its losses
and accuracies on the whole training and validation sets now.

**Same start.**  Every variant starts from the same initial weights where its
parameters have the same names and shapes: the current run's weights when given,
else those the project's seed draws for the project as it is.  A variant whose shapes
differ (another width; PReLU's slopes) keeps its own weights, drawn with the same
seed; so does a variant that changes an initialisation (its point is other weights).
:attr:`VariantRun.start` says which (``"shared"``, ``"seed_shapes"``, ``"seed_init"``).

**Same batches.**  Every variant draws its batches from the same shuffle stream (the
project's seed), and the stream is consumed once per epoch whatever the batch size:
epoch *e* visits the training rows in the same order in every variant.  With equal
batch sizes every variant therefore sees the same batch at every step.  With
different batch sizes, "same batches" means the same order of rows: at each step a
variant takes its next ``batch_size`` rows of that order (the last batch of an epoch
may be smaller), so after ``s`` steps a variant with batches of 32 has seen four
times the rows of one with batches of 8 and is further along in the same sequence
of epochs (:attr:`VariantFrame.epoch` says where).  A variant that changes the data
the seed or the shuffling (a custom key) sees other batches: :attr:`VariantRun.same_data` is False.

A variant whose step fails (a non-finite loss, gradient or weight: see
:mod:`core.divergence`) stops there, with its message and code; the others go on.

    >>> race = LockstepRace(project, [make_variant(project, "optimizer", "sgd"),
    ...                               make_variant(project, "optimizer", "adam lr=0.01")])
    >>> frames = race.step(10)
    >>> [f.snapshot.step for f in frames]
    [10, 10]
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

import numpy as np

from .divergence import TrainingDiverged
from .project import normalize_project
from .registry import ConfigError
from .snapshot import Snapshot
from .sweep import _set_path, parse_assignment, parse_values
from .trainer import Trainer

#: the kinds of variant a row can be
KINDS = ("baseline", "optimizer", "init", "activation", "width", "batch_size", "custom")
MIN_VARIANTS = 2
MAX_VARIANTS = 4
#: side of the decision-boundary grid of a frame
GRID = 40


@dataclass(frozen=True)
class Variant:
    """The project with ``overrides`` ((dotted key, value), ...) applied."""

    label: str
    overrides: tuple = ()
    kind: str = "custom"
    changes_init: bool = False  # its point is other initial weights: never given the shared ones


@dataclass(frozen=True)
class VariantFrame:
    """One variant after a call of :meth:`LockstepRace.step` (immutable copies)."""

    index: int
    label: str
    snapshot: Snapshot  # history rows since the last frame, layer statistics, boundary
    metrics: dict  # train_loss, val_loss (and train_accuracy, val_accuracy) on the whole sets, now
    stopped: str | None  # None (training), "diverged" or "finished" (early stopping)
    message: str | None  # why it stopped (English)
    code: str | None  # the divergence code (core.divergence), for a translated message
    details: dict  # the divergence message's parts by name
    start: str  # "shared", "seed_shapes" or "seed_init" (see the module docstring)
    same_data: bool
    batch_size: int | None
    steps_per_epoch: int


@dataclass
class VariantRun:
    """One variant's trainer and where it stands."""

    variant: Variant
    trainer: Trainer
    start: str
    same_data: bool
    stopped: str | None = None
    since: int = 0  # the first history row the next frame carries
    last: VariantFrame | None = field(default=None, repr=False)


# ---- variants


def hidden_layers(project: dict) -> list[tuple[str, dict]]:
    """(dotted key, spec) of every dense layer but the output layer (the last top-level
    layer), blocks' layers included, in order."""
    layers = normalize_project(copy.deepcopy(project))["network"]["layers"]
    found = []

    def walk(specs, prefix, top):
        for i, spec in enumerate(specs):
            if top and i == len(specs) - 1:
                continue
            key = f"{prefix}.{i}"
            if spec.get("type") == "dense":
                found.append((key, spec))
            elif isinstance(spec.get("layers"), list):
                walk(spec["layers"], f"{key}.layers", False)

    walk(layers, "network.layers", True)
    return found


def dense_layers(project: dict) -> list[str]:
    """Dotted keys of every dense layer, the output layer included."""
    layers = normalize_project(copy.deepcopy(project))["network"]["layers"]
    keys = [key for key, _ in hidden_layers(project)]
    last = len(layers) - 1
    if last >= 0 and layers[last].get("type") == "dense":
        keys.append(f"network.layers.{last}")
    return keys


def _bad(kind: str, value, why: str, code: str = "lockstep_bad_value", **extra) -> ConfigError:
    return ConfigError(f"variant {kind}: {why}, got {value!r}", code, key=kind, value=str(value), **extra)


def _named_spec(kind: str, text) -> object:
    """``"adam"`` -> ``"adam"``; ``"uniform a=0.05"`` -> ``{"name": "uniform", "a": 0.05}``."""
    if isinstance(text, dict):
        return copy.deepcopy(text)
    tokens = [t for t in _split_words(str(text)) if t]
    if not tokens:
        raise _bad(kind, text, "give a name", "lockstep_empty")
    name, params = tokens[0], {}
    for token in tokens[1:]:
        key, sep, value = token.partition("=")
        if not sep or not key or not value:
            raise _bad(kind, text, "expected NAME [KEY=VALUE ...]")
        values = parse_values(value)
        params[key] = values[0] if len(values) == 1 else values
    return {"name": name, **params} if params else name


def _split_words(text: str) -> list[str]:
    """Split on spaces outside brackets (``betas=[0.9, 0.99]`` is one word)."""
    words, depth, current = [], 0, []
    for ch in text.strip():
        depth += ch in "[{"
        depth -= ch in "]}"
        if ch.isspace() and depth == 0:
            words.append("".join(current))
            current = []
        else:
            current.append(ch)
    words.append("".join(current))
    return [w for w in words if w]


def make_variant(project: dict, kind: str, value, layer: int | None = None) -> Variant:
    """One variant of ``project`` from a window's row: ``kind`` (one of :data:`KINDS`)
    and ``value`` (text as typed, or a value):

    - ``baseline``: the project as it is (``value`` is ignored);
    - ``optimizer``: ``"adam"``, ``"sgd momentum=0.9 lr=0.1"`` (the project's learning
      rate unless given; the other settings at their defaults) or a spec dict;
    - ``init`` / ``activation``: a name, with parameters as ``"leaky_relu negative_slope=0.1"``;
      ``init`` of every dense layer, ``activation`` of every hidden layer, or of hidden
      layer number ``layer`` (:func:`hidden_layers`) only;
    - ``width``: the units of hidden layer ``layer`` (default the first);
    - ``batch_size``: an integer, or ``full`` (the whole training set);
    - ``custom``: ``KEY=VALUE`` assignments separated by ``;`` (``optimizer.lr=0.01``).

    The result is checked as a project file is (:class:`ConfigError` names the key)."""
    if kind not in KINDS:
        raise ConfigError(
            f"variant: unknown kind {kind!r} (known: {', '.join(KINDS)})",
            "unknown_value",
            key="kind",
            value=kind,
            known=list(KINDS),
        )
    if kind == "baseline":  # the project as it is
        return Variant("project", (), kind)
    text = value if isinstance(value, (dict, int)) and not isinstance(value, bool) else str(value).strip()
    if text == "" or text is None:
        raise _bad(kind, value, "give a value", "lockstep_empty")
    spec = normalize_project(copy.deepcopy(project))
    hidden = [key for key, _ in hidden_layers(spec)]
    if layer is not None and not 0 <= layer < len(hidden):
        raise _bad(
            kind, layer, f"no hidden layer {layer} (there are {len(hidden)})", "lockstep_no_layer", layers=len(hidden)
        )
    changes_init = False
    if kind == "optimizer":
        named = _named_spec(kind, text)
        named = {"name": named} if isinstance(named, str) else named
        if "lr" not in named:
            named["lr"] = spec["optimizer"]["lr"]
        overrides = [("optimizer", named)]
        label = _label(named)
    elif kind in ("init", "activation"):
        named = _named_spec(kind, text)
        if layer is not None:
            targets = [hidden[layer]]
        else:
            targets = dense_layers(spec) if kind == "init" else hidden
        if not targets:
            raise _bad(kind, value, "the network has no hidden layer", "lockstep_no_layer", layers=0)
        overrides = [(f"{key}.{kind}", named) for key in targets]
        label = _label(named)
        changes_init = kind == "init"
    elif kind == "width":
        units = _integer(kind, text)
        if not hidden:
            raise _bad(kind, value, "the network has no hidden layer", "lockstep_no_layer", layers=0)
        if units < 1:
            raise _bad(kind, value, "must be a whole number of units, at least 1", "lockstep_bad_integer")
        overrides = [(f"{hidden[layer or 0]}.units", units)]
        label = str(units)
    elif kind == "batch_size":
        if isinstance(text, str) and text.lower() in ("full", "null", "none", "all"):
            size = None
        else:
            size = _integer(kind, text)
            if size < 1:
                raise _bad(kind, value, "must be a whole number of rows, at least 1", "lockstep_bad_integer")
        overrides = [("training.batch_size", size)]
        label = "full" if size is None else str(size)
    else:
        overrides = []
        for part in str(text).split(";"):
            if not part.strip():
                continue
            try:
                path, values = parse_assignment(part)
            except ConfigError:
                raise _bad(kind, part.strip(), "expected KEY=VALUE", "lockstep_bad_assignment") from None
            overrides.append((path, values[0] if len(values) == 1 else values))
            changes_init = changes_init or path.split(".")[-1] in ("init", "bias_init", "seed")
        if not overrides:
            raise _bad(kind, value, "give a value", "lockstep_empty")
        label = "; ".join(part.strip() for part in str(text).split(";") if part.strip())
    apply_variant(spec, overrides)  # checked now: the row can say what is wrong
    return Variant(label, tuple(overrides), kind, changes_init)


def apply_variant(project: dict, overrides) -> dict:
    """A normalised copy of ``project`` with each dotted key set (as a sweep's
    :func:`core.sweep.apply_overrides`; a layer's ``init`` or ``activation`` may be set
    where the project leaves it at its default), checked as a project file is."""
    spec = normalize_project(copy.deepcopy(project))
    try:
        for path, value in overrides:
            keys = path.split(".")
            if keys[0] == "network" and keys[-1] in _LAYER_KEYS and len(keys) > 3:
                node = spec
                for key in keys[:-1]:
                    node = node[int(key)] if isinstance(node, list) else node[key]
                node[keys[-1]] = copy.deepcopy(value)
            else:
                _set_path(spec, path, value)
        return normalize_project(spec)
    except (KeyError, IndexError, ValueError, TypeError) as exc:
        if isinstance(exc, ConfigError):
            text = str(exc).removeprefix("--grid: ")
            raise ConfigError(text, exc.code, **exc.args) from None
        raise ConfigError(f"{path}: no such setting", "unknown_key", key=path, value=path) from None


_LAYER_KEYS = ("init", "bias_init", "activation")


def _integer(kind: str, text) -> int:
    try:
        number = float(text)
    except (TypeError, ValueError):
        raise _bad(kind, text, "must be a whole number", "lockstep_bad_integer") from None
    if not math.isfinite(number) or number != int(number):
        raise _bad(kind, text, "must be a whole number", "lockstep_bad_integer")
    return int(number)


def _label(named) -> str:
    if isinstance(named, str):
        return named
    rest = " ".join(f"{k}={_show(v)}" for k, v in named.items() if k != "name")
    return f"{named.get('name', '?')} {rest}".strip()


def _show(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_show(v) for v in value) + "]"
    return str(value)


# ---- the race


class LockstepRace:
    """Two to four variants of ``project`` training in lock step (see the module docstring).

    ``weights``: the start (the current run's weights); None: the project's initial
    weights.  ``grid``: the side of each frame's decision-boundary grid (0: none).
    ``evaluate``: each frame also evaluates every variant on the whole sets."""

    def __init__(
        self,
        project: dict,
        variants: list[Variant],
        base_dir: str = ".",
        weights: dict | None = None,
        grid: int = GRID,
        evaluate: bool = True,
    ):
        if not MIN_VARIANTS <= len(variants) <= MAX_VARIANTS:
            raise ConfigError(
                f"variants: give {MIN_VARIANTS} to {MAX_VARIANTS} variants, got {len(variants)}",
                "lockstep_count",
                key="variants",
                value=len(variants),
                low=MIN_VARIANTS,
                high=MAX_VARIANTS,
            )
        self.project = normalize_project(copy.deepcopy(project))
        self.grid, self.evaluate = int(grid), bool(evaluate)
        self.steps = 0
        with np.errstate(all="ignore"):
            base = Trainer(self.project, base_dir=base_dir)
            start = base.network.copy_arrays() if weights is None else {k: np.asarray(v) for k, v in weights.items()}
            self.runs: list[VariantRun] = []
            for i, variant in enumerate(variants):
                spec = apply_variant(self.project, variant.overrides) if variant.overrides else self.project
                try:
                    trainer = Trainer(spec, base_dir=base_dir)
                except ConfigError as exc:
                    raise ConfigError(f"variants[{i}] ({variant.label}): {exc}", exc.code, **exc.args) from None
                mine = trainer.network.named_arrays()
                fits = set(mine) == set(start) and all(mine[k].shape == np.shape(start[k]) for k in mine)
                if variant.changes_init:
                    how = "seed_init"
                elif fits:
                    trainer.network.load_arrays(start, "weights")
                    how = "shared"
                else:
                    how = "seed_shapes"
                same = (
                    np.array_equal(trainer.x_train, base.x_train)
                    and trainer.project["seed"] == base.project["seed"]
                    and trainer.shuffle == base.shuffle
                )
                self.runs.append(VariantRun(variant, trainer, how, bool(same)))

    # ---- Public API
    @property
    def trainers(self) -> list[Trainer]:
        return [run.trainer for run in self.runs]

    def infos(self) -> list:
        """Every variant's :class:`~core.snapshot.RunInfo` (data, layers, plane)."""
        return [run.trainer.info() for run in self.runs]

    @property
    def finished(self) -> bool:
        """Every variant has stopped."""
        return all(run.stopped is not None for run in self.runs)

    def step(self, n: int = 1, cancel=None) -> list[VariantFrame]:
        """``n`` optimizer steps of every variant still training, in lock step (``cancel``,
        a ``threading.Event``, stops between two steps); one frame per variant."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for _ in range(int(n)):
                if cancel is not None and cancel.is_set():
                    break
                if self.finished:
                    break
                for run in self.runs:
                    if run.stopped is not None:
                        continue
                    try:
                        run.trainer.step()
                    except TrainingDiverged:
                        run.stopped = "diverged"
                        continue
                    if run.trainer.finished:
                        run.stopped = "finished"
                self.steps += 1
        return self.frames()

    def frames(self) -> list[VariantFrame]:
        """Every variant as it stands (a variant that stopped and was described since
        gives the same frame again)."""
        out = []
        for i, run in enumerate(self.runs):
            if run.last is None or run.stopped is None or run.since < len(run.trainer.history):
                run.last = self._frame(i, run)
            out.append(run.last)
        return out

    # ---- Private API
    def _frame(self, i: int, run: VariantRun) -> VariantFrame:
        tr = run.trainer
        with np.errstate(all="ignore"):
            finite = bool(np.isfinite(tr.network.flat).all())
            snap = tr.snapshot(run.since, boundary=bool(self.grid) and finite, grid=max(self.grid, 2))
            metrics = tr.evaluate() if self.evaluate and finite else {}
        run.since = len(tr.history)
        div = tr.divergence
        return VariantFrame(
            index=i,
            label=run.variant.label,
            snapshot=snap,
            metrics={k: float(v) for k, v in metrics.items()},
            stopped=run.stopped,
            message=tr.message,
            code=None if div is None else div.code,
            details={} if div is None else dict(div.details),
            start=run.start,
            same_data=run.same_data,
            batch_size=tr.batch_size,
            steps_per_epoch=tr.steps_per_epoch,
        )


def run_lockstep(project: dict, variants: list[Variant], steps: int, **options) -> list[VariantFrame]:
    """Every variant ``steps`` steps in lock step; the last frames."""
    race = LockstepRace(project, variants, **options)
    return race.step(steps)
