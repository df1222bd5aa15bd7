"""The trainer: steps, epochs, one training loop, and a state that is a value.

A :class:`Trainer` is built from a project dict and a seed; it owns the data,
the network, the loss, the optimizer and the random generators, and nothing
else in the process: two trainers never interfere.  ``step()`` runs one
optimizer step on one batch; :meth:`Trainer.training_steps` is the one loop
that :meth:`Trainer.run`, :meth:`Trainer.iterate`, :func:`train_project` and
the command line drive; ``snapshot()`` returns an immutable
:class:`~core.snapshot.Snapshot` of everything a GUI draws; ``get_state()`` and
``set_state()`` hand out and restore the whole training state so a run can be
rewound or branched and continue bit-identically.

The random streams are spawned from the seed: data generation and split,
weight initialisation, batch shuffling and dropout each have their own, so
adding a layer does not change the data or the batch order.

The history lives in :mod:`core.history`, snapshots and what they contain in
:mod:`core.snapshot`, divergence diagnosis in :mod:`core.divergence`; their
names are importable from here as before.
"""

from __future__ import annotations

import copy
import math

import numpy as np

from . import snapshot as snapshots
from .data import DataSplit, build_data, epoch_batches
from .divergence import TrainingDiverged, gradient_failure, loss_failure, update_failure, weights_are_finite
from .evaluation import Evaluation
from .history import DEFAULT_MAX_ROWS, HISTORY_COLUMNS, ChangeMark, History
from .layers import BatchNorm
from .losses import resolve_loss
from .network import Network
from .optimizers import make_optimizer
from .project import normalize_project
from .registry import ConfigError
from .schedules import make_schedule
from .snapshot import Boundary, LayerInfo, Predictions, RunInfo, Snapshot
from .stats import LayerStats, sum_of_squares

__all__ = [
    "HISTORY_COLUMNS", "Boundary", "History", "LayerInfo", "LayerStats", "Predictions", "RunInfo",
    "Snapshot", "Trainer", "TrainingDiverged", "train_project",
]

NAN = float("nan")


class Trainer(Evaluation):
    """Build everything from a project dict; train step by step."""

    def __init__(self, project: dict, seed: int | None = None, base_dir: str = ".",
                 dtype: str | None = None, full_history: bool = False):
        """``full_history``: keep every history row (default: at most
        :data:`~core.history.DEFAULT_MAX_ROWS`, older rows thinned)."""
        self.project = normalize_project(project)
        if seed is not None:
            self.project["seed"] = int(seed)
        if dtype is not None:
            self.project["training"]["dtype"] = dtype
        p = self.project
        training = p["training"]
        self.dtype = np.dtype(training["dtype"])
        data_ss, init_ss, shuffle_ss, dropout_ss = np.random.SeedSequence(p["seed"]).spawn(4)
        self.data: DataSplit = build_data(p["data"], np.random.default_rng(data_ss), base_dir)
        self.network = Network.from_spec(p["network"]["layers"], self.data.in_width,
                                         np.random.default_rng(init_ss), self.dtype)
        self.loss = self._make_loss(p["loss"])
        self.x_train = self.data.x_train.astype(self.dtype)
        self.x_val = self.data.x_val.astype(self.dtype)
        width = self.network.out_width
        self.t_train = self.loss.prepare_targets(self.data.y_train, self.data.task, width, self.dtype)
        self.t_val = self.loss.prepare_targets(self.data.y_val, self.data.task, width, self.dtype)
        layout = [(q.name, q.offset, q.value.shape) for q in self.network.params]
        self.optimizer = make_optimizer(p["optimizer"], self.network.flat,
                                        self.network.flat_grad, layout)
        self.base_lr = self.optimizer.group["lr"]
        self.schedule = make_schedule(p["schedule"], training["epochs"])
        self.batch_size = training["batch_size"]
        self.shuffle = training["shuffle"]
        self.grad_clip = training["grad_clip"]
        self.early = training["early_stopping"]
        self._check_batchnorm()
        self.shuffle_rng = np.random.default_rng(shuffle_ss)
        self.dropout_rng = np.random.default_rng(dropout_ss)
        self.network.set_rng(self.dropout_rng)
        self.steps_per_epoch = len(epoch_batches(len(self.x_train), self.batch_size, False, self.shuffle_rng))
        self.step_count = 0
        self.epoch = 0
        self._batches: list[np.ndarray] | None = None
        self._pos = 0
        self.history = History(None if full_history else DEFAULT_MAX_ROWS)
        self.message: str | None = None  # why training stopped, if it did
        self.finished = False
        self.last_batch_loss = NAN
        self._best = None  # early stopping: (val_loss, epoch, arrays)
        self._wait = 0
        self._previous_flat: np.ndarray | None = None
        self.keep_previous = False  # set to measure update-to-weight ratios
        self.keep_update = False  # set to keep the weights before every step (the optimizer-internals view)
        self._previous_step = -1  # the step count when _previous_flat was kept
        self.last_tape = None  # the forward/backward pass of the last training step
        self.grad_norm = NAN  # of the last step's whole gradient, before clipping
        self.divergence: TrainingDiverged | None = None  # why training stopped, if it diverged
        self._extent = None
        self.changes: list[ChangeMark] = []  # settings changed while training, in order
        self._swapped = None  # the last optimizer swap, for undoing it before another step

    # ---- construction helpers
    def _make_loss(self, spec):
        net, data = self.network, self.data
        last = len(self.project["network"]["layers"]) - 1
        key = f"network.layers[{last}]"
        width = net.out_width
        if data.task == "classification":
            c = data.n_classes
            ok = width == c or (c == 2 and width == 1)
            need = "1 (sigmoid) or 2 (softmax)" if c == 2 else str(c)
            if not ok:
                raise ConfigError(
                    f"{key}.units: the output layer has {width} units but {data.name} "
                    f"has {c} classes, so it needs {need}"
                )
        else:
            need = data.y_train.shape[1]
            if width != need:
                raise ConfigError(
                    f"{key}.units: the output layer has {width} units but {data.name} has "
                    f"{need} regression target{'s' if need > 1 else ''}"
                )
        return resolve_loss(spec, data.task, width)

    def _check_batchnorm(self):
        if not any(isinstance(e.layer, BatchNorm) for e in self.network.entries):
            return
        n, b = len(self.x_train), self.batch_size
        if b == 1 or n < 2:
            raise ConfigError(f"training.batch_size: batch norm needs at least 2 rows per batch, "
                              f"got batch_size={b}")
        if b is not None and n % b == 1:
            raise ConfigError(
                f"training.batch_size: with {n} training rows and batch_size={b} the last batch of "
                "each epoch holds 1 row, and batch norm needs at least 2; change batch_size"
            )

    # ---- hyper-parameters (live)
    @property
    def lr(self) -> float:
        return self.optimizer.group["lr"]

    def set_hyperparameter(self, key: str, value, merge: bool = False) -> None:
        """Change an optimizer hyper-parameter; the next step uses it (marked in :attr:`changes`;
        ``merge``: into the last mark, if it is of the same setting, see :meth:`_mark`)."""
        old = self.base_lr if key == "lr" else self.optimizer.group.get(key)
        self._set_hyperparameter(key, value)
        self._mark(key, old, self.base_lr if key == "lr" else self.optimizer.group.get(key), merge)

    def _mark(self, key, old, new, merge: bool = False) -> None:
        """Mark a change at this step.  ``merge`` (a slider being dragged: the session asks for
        it when the same setting changes again within a second): if the last mark is of this
        setting, it takes the new value and keeps its step and old value (and goes when the
        setting is back where it was), so one drag is one mark; the steps in between ran with
        the values in between, as the history's ``lr`` column shows."""
        last = self.changes[-1] if self.changes else None
        if merge and last is not None and last.key == key:
            if last.old == new:
                self.changes.pop()
            elif last.new != new:
                self.changes[-1] = ChangeMark(last.step, key, last.old, copy.deepcopy(new))
            return
        if self.step_count > 0 and old != new:
            self.changes.append(ChangeMark(self.step_count, key, copy.deepcopy(old), copy.deepcopy(new)))

    def _set_hyperparameter(self, key: str, value) -> None:
        if key == "lr":
            value = float(value)
            self.optimizer.set("lr", value)
            self.base_lr = value
            self.optimizer.set("lr", self.schedule.lr(value, self.epoch))
        else:
            self.optimizer.set(key, value)
        self.project["optimizer"] = self.optimizer.get_config()
        self.project["optimizer"]["lr"] = self.base_lr

    def set_optimizer(self, spec) -> dict:
        """Swap the optimizer between two steps (see :func:`core.optimizer_swap.swap_optimizer`):
        the weights, the step count and the history carry over, the optimizer's state starts
        afresh; marked in :attr:`changes` with key ``"optimizer"``."""
        from .optimizer_swap import swap_optimizer

        return swap_optimizer(self, spec)

    def set_training_option(self, key: str, value, merge: bool = False) -> None:
        """Change ``grad_clip``, ``batch_size`` or ``epochs`` between steps (marked in :attr:`changes`,
        ``merge`` as for :meth:`set_hyperparameter`)."""
        old = self.project["training"].get(key)
        self._set_training_option(key, value)
        self._mark(key, old, value, merge)

    def _set_training_option(self, key: str, value) -> None:
        if key == "epochs":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"training.epochs: must be an integer >= 1, got {value!r}")
            self.schedule.epochs = value
        elif key == "grad_clip":
            if value is not None and not (isinstance(value, (int, float)) and value > 0):
                raise ConfigError(f"training.grad_clip: must be null or > 0, got {value!r}")
            self.grad_clip = value
        elif key == "batch_size":
            if value is not None and (not isinstance(value, int) or value < 1):
                raise ConfigError(f"training.batch_size: must be null or an integer >= 1, got {value!r}")
            self.batch_size = value
            self._check_batchnorm()
            self.steps_per_epoch = len(epoch_batches(len(self.x_train), value, False, self.shuffle_rng))
            self._batches = None  # takes effect from the next epoch
        else:
            raise ConfigError(f"training.{key}: cannot be changed while training")
        self.project["training"][key] = value

    # ---- training
    def step(self) -> float:
        """One optimizer step on the next batch; returns the batch loss.

        Raises :class:`TrainingDiverged` if the loss or a gradient is not finite
        (before updating anything) or if the update made a weight non-finite; a
        failed step is not counted (the message names step ``step_count + 1``).
        """
        if self._batches is None or self._pos >= len(self._batches):
            self._start_epoch()
        idx = self._batches[self._pos]
        net = self.network
        self.last_tape = None  # free the last pass's arrays before this pass makes its own
        loss, tape = net.forward_backward(self.x_train[idx], self.t_train[idx], self.loss)
        self.last_tape = tape  # what the statistics describe: this batch, with these gradients
        if not math.isfinite(loss):
            self._fail(loss_failure(net, tape, self.loss, loss, self.step_count + 1, self.epoch + 1))
        with np.errstate(over="ignore", invalid="ignore"):  # overflow and NaN are checked here
            sq = float(sum_of_squares(net.flat_grad))
            if not math.isfinite(sq):
                self._fail(gradient_failure(net, self.step_count + 1, self.epoch + 1))
            self.grad_norm = math.sqrt(sq)
            if self.grad_clip is not None:
                coef = self.grad_clip / (self.grad_norm + 1e-6)
                if coef < 1.0:
                    net.flat_grad *= coef
            if self.keep_previous or self.keep_update:
                if self._previous_flat is None:
                    self._previous_flat = net.flat.copy()
                else:
                    self._previous_flat[...] = net.flat
                self._previous_step = self.step_count
            self.optimizer.step()
            flat = net.flat  # finite weights have a finite sum of squares (else check exactly)
            if not (math.isfinite(np.dot(flat, flat) if flat.size <= 10_000 else sum_of_squares(flat))
                    or weights_are_finite(flat)):
                self._fail(update_failure(net, self.optimizer, self.step_count + 1, self.epoch + 1))
        self.step_count += 1
        self._pos += 1
        self.last_batch_loss = loss
        n_batches = len(self._batches)
        self.history.log_step(self.step_count, self.epoch + self._pos / n_batches,
                              self.optimizer.group["lr"], loss)
        if self._pos == n_batches:
            self._end_epoch()
        return loss

    def _fail(self, exc: TrainingDiverged):
        self.message = str(exc)
        self.divergence = exc
        self.finished = True
        raise exc

    def _start_epoch(self):
        self._batches = epoch_batches(len(self.x_train), self.batch_size, self.shuffle, self.shuffle_rng)
        self._pos = 0
        self.optimizer.set("lr", self.schedule.lr(self.base_lr, self.epoch))

    def _end_epoch(self):
        self.epoch += 1
        metrics = self.evaluate()
        self.history.set_last(**metrics)
        if self.early is not None:
            self._early_stopping(metrics["val_loss"])

    def _early_stopping(self, val_loss: float):
        best = self._best
        if best is None or val_loss < best[0] - self.early["min_delta"]:
            self._best = (val_loss, self.epoch, self.network.copy_arrays())
            self._wait = 0
            return
        self._wait += 1
        if self._wait >= self.early["patience"]:
            self.finished = True
            msg = (f"Early stopping at epoch {self.epoch}: validation loss has not improved for "
                   f"{self._wait} epochs (best {best[0]:.6g} at epoch {best[1]})")
            if self.early["restore_best"]:
                self.network.load_arrays(best[2])
                msg += f"; weights restored from epoch {best[1]}"
                self.history.set_last(**self.evaluate())
            self.message = msg

    # ---- the one training loop
    def training_steps(self, steps: float | None = None, epochs: int | None = None,
                       keep_previous_every: int | None = None):
        """Generator: train, yielding the number of steps done after each step.

        Runs ``steps`` optimizer steps (``math.inf``: until finished), or else
        until ``epochs`` more epochs have completed (default: the project's
        ``training.epochs``), stopping early when training finishes.  With
        ``keep_previous_every`` = N the weights before every N-th step are kept
        (for the update-to-weight ratio of a snapshot taken after it).  When the
        loop ends, or a step diverges (:class:`TrainingDiverged` propagates), the
        evaluation columns of the last history row are filled in.  ``run``,
        ``iterate``, :func:`train_project` and the command line drive this loop;
        an interactive session calls :meth:`step` itself.
        """
        if steps is None:
            target = self.epoch + (epochs if epochs is not None else self.project["training"]["epochs"])

            def more(done):
                return self.epoch < target
        else:
            def more(done):
                return done < steps
        done = 0
        try:
            while not self.finished and more(done):
                if keep_previous_every:
                    self.keep_previous = (done + 1) % keep_previous_every == 0
                self.step()
                done += 1
                yield done
        except TrainingDiverged:
            with np.errstate(all="ignore"):  # the weights may hold NaN after a failed update
                self.evaluate_last_row()
            raise
        self.evaluate_last_row()

    def run(self, steps: int | None = None, epochs: int | None = None) -> None:
        """Train for exactly ``steps`` optimizer steps, or until ``epochs`` more
        epochs have completed (default: the project's ``training.epochs``)."""
        for _ in self.training_steps(steps, epochs):
            pass

    def evaluate_last_row(self) -> None:
        """Fill the evaluation columns of the last history row if no epoch ended there
        (the end of a run that stopped mid-epoch)."""
        last = self.history.last_row()
        if last is not None and math.isnan(last["train_loss"]):
            self.history.set_last(**self.evaluate())

    def iterate(self, steps: int | None = None, snapshot_every: int = 10, boundary: bool = False):
        """Generator: train, yielding a :class:`Snapshot` every ``snapshot_every`` steps
        (and at the end).  A GUI worker can pause or stop between yields."""
        since = len(self.history)
        loop = self.training_steps(math.inf if steps is None else steps, keep_previous_every=snapshot_every)
        try:
            for done in loop:
                if done % snapshot_every == 0:
                    snap = self.snapshot(since, boundary=boundary)
                    since = len(self.history)
                    yield snap
        except TrainingDiverged:
            pass
        yield self.snapshot(since, boundary=boundary)

    # ---- snapshots (see core.snapshot)
    def info(self) -> RunInfo:
        return snapshots.run_info(self)

    def predictions(self) -> Predictions:
        """Validation-set outputs (training set if there is no validation part), on at
        most :data:`core.snapshot.PREDICTION_ROWS` evenly spaced rows."""
        return snapshots.compute_predictions(self)

    def snapshot(self, since: int = 0, boundary: bool = False, grid: int = 50,
                 neuron_grid: int = 0, predictions: bool = False) -> Snapshot:
        """Everything a GUI draws, as fresh copies (history rows from ``since``).

        ``boundary``: the output over the input plane or line (2-D / 1-D data);
        ``predictions``: validation predictions or a confusion matrix (other data).
        """
        return snapshots.take_snapshot(self, since, boundary, grid, neuron_grid, predictions)

    def boundary(self, grid: int = 50, neuron_grid: int = 0) -> Boundary | None:
        """Predictions over the raw input plane (2-D) or line (1-D); None otherwise."""
        return snapshots.compute_boundary(self, grid, neuron_grid)

    # ---- state as a value
    def get_state(self, history: bool = True) -> dict:
        """The whole training state (copies): restoring it continues bit-identically.
        ``history=False`` leaves the history out (checkpoints share the run's one history)."""
        state = {
            "arrays": self.network.copy_arrays(),
            "optimizer": copy.deepcopy(self.optimizer.state_dict()),
            "optimizer_config": {**self.optimizer.get_config(), "lr": self.base_lr},
            "base_lr": self.base_lr,
            "grad_clip": self.grad_clip,
            "batch_size": self.batch_size,
            "shuffle_rng": copy.deepcopy(self.shuffle_rng.bit_generator.state),
            "dropout_rng": copy.deepcopy(self.dropout_rng.bit_generator.state),
            "step_count": self.step_count,
            "epoch": self.epoch,
            "batches": None if self._batches is None else [b.copy() for b in self._batches],
            "pos": self._pos,
            "message": self.message,
            "finished": self.finished,
            "last_batch_loss": self.last_batch_loss,
            "best": copy.deepcopy(self._best),
            "wait": self._wait,
            "grad_norm": self.grad_norm,
            "divergence": self.divergence,
            "changes": list(self.changes),
        }
        if history:
            state["history"] = self.history.copy()
        return state

    def set_state(self, state: dict) -> None:
        """Restore :meth:`get_state`'s value; a state without a history keeps the current one."""
        self.network.load_arrays(state["arrays"], "state")
        config = state.get("optimizer_config")
        if config is not None and config["name"] != self.optimizer.name:  # saved before an optimizer swap
            self.optimizer = make_optimizer(config, self.network.flat, self.network.flat_grad, self.optimizer.layout)
            self.project["optimizer"] = copy.deepcopy(config)
        self._swapped = None
        self.optimizer.load_state_dict(state["optimizer"])
        self.base_lr = state["base_lr"]
        self.grad_clip = state["grad_clip"]
        if state["batch_size"] != self.batch_size:
            self._set_training_option("batch_size", state["batch_size"])
        self.shuffle_rng.bit_generator.state = copy.deepcopy(state["shuffle_rng"])
        self.dropout_rng.bit_generator.state = copy.deepcopy(state["dropout_rng"])
        self.step_count = state["step_count"]
        self.epoch = state["epoch"]
        self._batches = None if state["batches"] is None else [b.copy() for b in state["batches"]]
        self._pos = state["pos"]
        if "history" in state:
            self.history = state["history"].copy()
        self.message = state["message"]
        self.finished = state["finished"]
        self.last_batch_loss = state["last_batch_loss"]
        self._best = copy.deepcopy(state["best"])
        self._wait = state["wait"]
        self.grad_norm = state.get("grad_norm", NAN)
        self.divergence = state.get("divergence")
        self.changes = list(state.get("changes", []))
        self._previous_flat = None
        self.last_tape = None  # no pass of the restored state: no activation statistics until a step


def train_project(project: dict, seed: int | None = None, steps: int | None = None,
                  epochs: int | None = None, base_dir: str = ".") -> tuple[dict, dict]:
    """A training run as a pure function: ``(report, weights)``, both picklable.

    Sweeps can map this over a process pool unchanged.
    """
    trainer = Trainer(project, seed=seed, base_dir=base_dir)
    try:
        for _ in trainer.training_steps(steps, epochs):
            pass
    except TrainingDiverged:
        pass
    return trainer.report(), trainer.network.copy_arrays()
