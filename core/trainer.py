"""The trainer: steps, epochs, history, snapshots and a state that is a value.

A :class:`Trainer` is built from a project dict and a seed; it owns the data,
the network, the loss, the optimizer and the random generators, and nothing
else in the process: two trainers never interfere.  ``step()`` runs one
optimizer step on one batch; ``snapshot()`` returns an immutable
:class:`Snapshot` of everything a GUI draws; ``get_state()`` and
``set_state()`` hand out and restore the whole training state so a run can be
rewound or branched and continue bit-identically.

The random streams are spawned from the seed: data generation and split,
weight initialisation, batch shuffling and dropout each have their own, so
adding a layer does not change the data or the batch order.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

import numpy as np
from scipy.special import expit

from .data import DataSplit, build_data, epoch_batches
from .layers import BatchNorm, Dense
from .losses import resolve_loss
from .network import Network
from .optimizers import make_optimizer
from .project import normalize_project
from .registry import ConfigError
from .schedules import make_schedule
from .stats import LayerStats, layer_stats, sum_of_squares

HISTORY_COLUMNS = ("step", "epoch", "lr", "batch_loss", "train_loss", "val_loss",
                   "train_accuracy", "val_accuracy")
NAN = float("nan")


class TrainingDiverged(RuntimeError):
    """Loss or gradients became NaN or infinite; the message names step and layer."""

    def __init__(self, message: str, step: int, where: str):
        super().__init__(message)
        self.step, self.where = step, where


class History:
    """One row per optimizer step; the evaluation columns are filled on the rows
    where the model was evaluated (each epoch's end and the end of a run)."""

    def __init__(self):
        self.columns: dict[str, list] = {c: [] for c in HISTORY_COLUMNS}

    def __len__(self):
        return len(self.columns["step"])

    def log_step(self, step, epoch, lr, batch_loss):
        c = self.columns
        c["step"].append(step)
        c["epoch"].append(epoch)
        c["lr"].append(lr)
        c["batch_loss"].append(batch_loss)
        for name in ("train_loss", "val_loss", "train_accuracy", "val_accuracy"):
            c[name].append(NAN)

    def set_last(self, **values):
        for name, value in values.items():
            self.columns[name][-1] = value

    def rows(self, start: int = 0) -> dict[str, np.ndarray]:
        return {name: np.array(col[start:], dtype=float) for name, col in self.columns.items()}

    def last(self, name: str) -> float:
        """The latest non-NaN value of a column (NaN if none)."""
        for value in reversed(self.columns[name]):
            if not math.isnan(value):
                return value
        return NAN

    def truncate(self, n: int) -> None:
        for col in self.columns.values():
            del col[n:]

    def copy(self) -> History:
        other = History()
        other.columns = {k: list(v) for k, v in self.columns.items()}
        return other

    def write_csv(self, fh) -> None:
        fh.write(",".join(HISTORY_COLUMNS) + "\n")
        cols = [self.columns[c] for c in HISTORY_COLUMNS]
        for row in zip(*cols):
            fh.write(",".join(_fmt(v) for v in row) + "\n")


def _fmt(value) -> str:
    if isinstance(value, int):
        return str(value)
    return "" if math.isnan(value) else repr(float(value))


@dataclass(frozen=True)
class Boundary:
    """Model output over the input plane (2-D data) or line (1-D data), raw coordinates."""

    xs: np.ndarray
    ys: np.ndarray | None  # None for 1-D data
    values: np.ndarray  # (len(ys), len(xs)) probability of class 1 / max class probability, or predictions (1-D)
    classes: np.ndarray | None  # argmax class per grid point (multi-class) else None
    activations: dict = field(default_factory=dict)  # layer path -> (len(ys), len(xs), units)


@dataclass(frozen=True)
class Predictions:
    """Model outputs for data that is not drawn as a plane or a line."""

    y_true: np.ndarray | None = None  # regression: validation (or training) targets, first column
    y_pred: np.ndarray | None = None
    confusion: np.ndarray | None = None  # classification: rows true class, columns predicted
    part: str = "val"


@dataclass(frozen=True)
class LayerInfo:
    path: str
    key: str
    label: str
    kind: str
    in_width: int
    out_width: int
    activation: str | None
    depth: int  # 0 top level, 1 inside a residual block


@dataclass(frozen=True)
class RunInfo:
    """What a GUI needs to lay out its panels for a freshly built trainer (copies)."""

    task: str
    data_name: str
    feature_names: list
    class_names: list | None
    raw_x_train: np.ndarray
    y_train: np.ndarray
    raw_x_val: np.ndarray
    y_val: np.ndarray
    in_width: int
    out_width: int
    layers: list  # LayerInfo for every layer, nested ones after their block
    loss: str
    steps_per_epoch: int
    num_params: int
    dtype: str
    seed: int


@dataclass(frozen=True)
class Snapshot:
    step: int
    epoch: int  # completed epochs
    epoch_progress: float  # step / steps_per_epoch
    lr: float
    history_start: int  # index of the first row in ``history``
    history: dict  # column -> np.ndarray, rows since ``history_start``
    layers: list[LayerStats]
    grad_norm: float
    boundary: Boundary | None
    message: str | None
    finished: bool
    predictions: Predictions | None = None


class Trainer:
    """Build everything from a project dict; train step by step."""

    def __init__(self, project: dict, seed: int | None = None, base_dir: str = ".",
                 dtype: str | None = None):
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
        self.history = History()
        self.message: str | None = None  # why training stopped, if it did
        self.finished = False
        self.last_batch_loss = NAN
        self._best = None  # early stopping: (val_loss, epoch, arrays)
        self._wait = 0
        self._previous_flat: np.ndarray | None = None
        self.keep_previous = False  # set to measure update-to-weight ratios
        self.last_tape = None  # the forward/backward pass of the last training step

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

    def set_hyperparameter(self, key: str, value) -> None:
        """Change an optimizer hyper-parameter; the next step uses it."""
        if key == "lr":
            value = float(value)
            self.optimizer.set("lr", value)
            self.base_lr = value
            self.optimizer.set("lr", self.schedule.lr(value, self.epoch))
        else:
            self.optimizer.set(key, value)
        self.project["optimizer"] = self.optimizer.get_config()
        self.project["optimizer"]["lr"] = self.base_lr

    def set_training_option(self, key: str, value) -> None:
        """Change ``grad_clip``, ``batch_size`` or ``epochs`` between steps."""
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

        Raises :class:`TrainingDiverged` (before updating anything) if the loss or
        a gradient is not finite.
        """
        if self._batches is None or self._pos >= len(self._batches):
            self._start_epoch()
        idx = self._batches[self._pos]
        net = self.network
        loss, tape = net.forward_backward(self.x_train[idx], self.t_train[idx], self.loss)
        self.last_tape = tape  # what the statistics describe: this batch, with these gradients
        if not math.isfinite(loss):
            self._diverged(loss, "loss", tape)
        with np.errstate(over="ignore", invalid="ignore"):  # checked just below
            sq = float(sum_of_squares(net.flat_grad))
        if not math.isfinite(sq):
            self._diverged(loss, "grad", tape)
        self.grad_norm = math.sqrt(sq)
        if self.grad_clip is not None:
            coef = self.grad_clip / (self.grad_norm + 1e-6)
            if coef < 1.0:
                net.flat_grad *= coef
        if self.keep_previous:
            if self._previous_flat is None:
                self._previous_flat = net.flat.copy()
            else:
                self._previous_flat[...] = net.flat
        self.optimizer.step()
        self.step_count += 1
        self._pos += 1
        self.last_batch_loss = loss
        self.history.log_step(self.step_count, self.epoch + self._pos / len(self._batches),
                              self.lr, loss)
        if self._pos == len(self._batches):
            self._end_epoch()
        return loss

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

    def _diverged(self, loss: float, what: str, tape):
        net = self.network
        step = self.step_count + 1
        epoch = f"at step {step} (epoch {self.epoch + 1})"
        if what == "loss":
            head = f"Loss became {loss} {epoch}"
            entry = net.first_nonfinite_activation(tape)
            if entry is not None:
                where = f"the output of {entry.key} ({entry.label})"
                detail = f"first non-finite values in {where}"
            else:  # every output finite, but too large for the loss (its square overflows)
                entry = next(e for e in net.entries if e.layer is net.layers[-1])
                where = f"the output of {entry.key} ({entry.label})"
                detail = f"{where} is too large for the {self.loss.name} loss"
        else:
            param = net.first_nonfinite_grad()
            if param is not None:
                head = f"Gradients became non-finite {epoch}"
                where = f"the gradient of {param.name} ({net.describe_array(param.name)})"
                detail = f"first non-finite values in {where}"
            else:  # every gradient finite, but the squared norm overflows: name the largest
                head = f"The gradient norm overflowed {epoch}"
                param = max(net.params, key=lambda q: float(np.max(np.abs(q.grad))))
                where = f"the gradient of {param.name} ({net.describe_array(param.name)})"
                detail = f"the largest is {where}"
        self.message = (f"{head}: {detail}. Training stopped; "
                        "try a lower learning rate, gradient clipping or a smaller initialisation.")
        self.finished = True
        raise TrainingDiverged(self.message, step, where)

    def run(self, steps: int | None = None, epochs: int | None = None) -> None:
        """Train for exactly ``steps`` optimizer steps, or until ``epochs`` more
        epochs have completed (default: the project's ``training.epochs``)."""
        if steps is None:
            target = self.epoch + (epochs if epochs is not None else self.project["training"]["epochs"])
            while self.epoch < target and not self.finished:
                self.step()
        else:
            for _ in range(steps):
                if self.finished:
                    break
                self.step()
        self.evaluate_last_row()

    def evaluate_last_row(self) -> None:
        """Fill the evaluation columns of the last history row if no epoch ended there
        (the end of a run that stopped mid-epoch)."""
        if len(self.history) and math.isnan(self.history.columns["train_loss"][-1]):
            self.history.set_last(**self.evaluate())

    def iterate(self, steps: int | None = None, snapshot_every: int = 10, boundary: bool = False):
        """Generator: train, yielding a :class:`Snapshot` every ``snapshot_every`` steps
        (and at the end).  A GUI worker can pause or stop between yields."""
        since = len(self.history)
        done = 0
        while not self.finished and (steps is None or done < steps):
            self.keep_previous = (done + 1) % snapshot_every == 0
            try:
                self.step()
            except TrainingDiverged:
                break
            done += 1
            if done % snapshot_every == 0:
                snap = self.snapshot(since, boundary=boundary)
                since = len(self.history)
                yield snap
        yield self.snapshot(since, boundary=boundary)

    # ---- evaluation
    def predict_output(self, x: np.ndarray) -> np.ndarray:
        """The network's output in evaluation mode (no dropout, running batch-norm stats)."""
        return self.network.predict(x.astype(self.dtype, copy=False))

    def class_scores(self, output: np.ndarray) -> np.ndarray:
        """Class probabilities (or scores) from network outputs; one column per class."""
        net, loss = self.network, self.loss
        if output.shape[1] == 1:
            p = output[:, 0]
            if loss.uses_logits and not net.is_fused(loss):
                p = expit(p)
            return np.column_stack([1.0 - p, p])
        if loss.uses_logits and not net.is_fused(loss):
            shifted = output - output.max(axis=1, keepdims=True)
            e = np.exp(shifted)
            return e / e.sum(axis=1, keepdims=True)
        return output

    def evaluate(self) -> dict[str, float]:
        """Loss (and accuracy) on the whole training and validation sets, evaluation mode."""
        metrics = {}
        for part, x, t, y in (("train", self.x_train, self.t_train, self.data.y_train),
                              ("val", self.x_val, self.t_val, self.data.y_val)):
            if len(x) == 0:
                metrics[f"{part}_loss"] = NAN
                if self.data.task == "classification":
                    metrics[f"{part}_accuracy"] = NAN
                continue
            value, out = self.network.evaluate(x, t, self.loss)
            metrics[f"{part}_loss"] = value
            if self.data.task == "classification":
                pred = np.argmax(self.class_scores(out), axis=1)
                metrics[f"{part}_accuracy"] = float(np.mean(pred == y))
        return metrics

    def report(self) -> dict:
        metrics = self.evaluate()
        report = {
            "steps": self.step_count,
            "epochs": round(self.step_count / self.steps_per_epoch, 6),
            "completed_epochs": self.epoch,
            **{k: (None if math.isnan(v) else v) for k, v in metrics.items()},
        }
        if self.message:
            report["message"] = self.message
        return report

    def confusion_matrix(self, part: str = "val") -> np.ndarray:
        x, y = (self.x_val, self.data.y_val) if part == "val" else (self.x_train, self.data.y_train)
        c = self.data.n_classes
        if len(x) == 0:
            return np.zeros((c, c), np.int64)
        pred = np.argmax(self.class_scores(self.predict_output(x)), axis=1)
        return np.bincount(y * c + pred, minlength=c * c).reshape(c, c)

    # ---- snapshots
    def info(self) -> RunInfo:
        data, net = self.data, self.network
        layers = []
        for e in net.entries:
            layer = e.layer
            layers.append(LayerInfo(
                e.path, e.key, e.label, layer.kind, layer.in_width, layer.out_width,
                layer.activation.name if isinstance(layer, Dense) else None,
                e.path.count(".layers."),
            ))
        return RunInfo(
            data.task, data.name, list(data.feature_names),
            None if data.class_names is None else list(data.class_names),
            data.raw_x_train.copy(), data.y_train.copy(), data.raw_x_val.copy(), data.y_val.copy(),
            data.in_width, net.out_width, layers, self.loss.name, self.steps_per_epoch,
            net.num_params, self.dtype.name, self.project["seed"],
        )

    def predictions(self) -> Predictions:
        """Validation-set outputs (training set if there is no validation part)."""
        part = "val" if len(self.x_val) else "train"
        x = self.x_val if part == "val" else self.x_train
        y = self.data.y_val if part == "val" else self.data.y_train
        if self.data.task == "classification":
            return Predictions(confusion=self.confusion_matrix(part), part=part)
        out = self.predict_output(x)
        return Predictions(y_true=y[:, 0].copy(), y_pred=out[:, 0].copy(), part=part)

    def snapshot(self, since: int = 0, boundary: bool = False, grid: int = 50,
                 neuron_grid: int = 0, predictions: bool = False) -> Snapshot:
        """Everything a GUI draws, as fresh copies (history rows from ``since``).

        ``boundary``: the output over the input plane or line (2-D / 1-D data);
        ``predictions``: validation predictions or a confusion matrix (other data).
        """
        prev = self._previous_flat if self.keep_previous else None
        return Snapshot(
            step=self.step_count,
            epoch=self.epoch,
            epoch_progress=self.step_count / self.steps_per_epoch,
            lr=self.lr,
            history_start=since,
            history=self.history.rows(since),
            layers=layer_stats(self.network, self.last_tape, prev),
            grad_norm=getattr(self, "grad_norm", NAN),
            boundary=self.boundary(grid, neuron_grid) if boundary else None,
            message=self.message,
            finished=self.finished,
            predictions=self.predictions() if predictions else None,
        )

    def boundary(self, grid: int = 50, neuron_grid: int = 0) -> Boundary | None:
        """Predictions over the raw input plane (2-D) or line (1-D); None otherwise.

        With ``neuron_grid`` > 0 each dense layer's activations over a coarser grid
        are included too (hover a neuron to see what it computes).
        """
        data = self.data
        raw = np.concatenate([data.raw_x_train, data.raw_x_val])
        lo, hi = raw.min(axis=0), raw.max(axis=0)
        pad = 0.08 * (hi - lo)
        lo, hi = lo - pad, hi + pad
        if data.raw_columns == 1:
            xs = np.linspace(lo[0], hi[0], grid * 4)
            out = self.predict_output(data.prepare_inputs(xs[:, None]))
            return Boundary(xs, None, out[:, 0].copy(), None)
        if data.raw_columns != 2 or data.task != "classification":
            return None
        xs, ys = np.linspace(lo[0], hi[0], grid), np.linspace(lo[1], hi[1], grid)
        gx, gy = np.meshgrid(xs, ys)
        pts = np.column_stack([gx.ravel(), gy.ravel()])
        scores = self.class_scores(self.predict_output(data.prepare_inputs(pts)))
        if scores.shape[1] == 2:
            values, classes = scores[:, 1].reshape(grid, grid), None
        else:
            values = scores.max(axis=1).reshape(grid, grid)
            classes = scores.argmax(axis=1).reshape(grid, grid)
        acts = {}
        if neuron_grid:
            nx, ny = np.linspace(lo[0], hi[0], neuron_grid), np.linspace(lo[1], hi[1], neuron_grid)
            mx, my = np.meshgrid(nx, ny)
            net = self.network
            tape = net.forward(data.prepare_inputs(np.column_stack([mx.ravel(), my.ravel()])).astype(self.dtype),
                               training=False)
            for e, record in zip(net.entries, tape.entry_records()):
                if isinstance(e.layer, Dense):
                    acts[e.path] = record.a.reshape(neuron_grid, neuron_grid, -1).copy()
            acts["extent"] = (lo[0], hi[0], lo[1], hi[1])
        return Boundary(xs, ys, values, classes, acts)

    # ---- state as a value
    def get_state(self) -> dict:
        """The whole training state (copies): restoring it continues bit-identically."""
        return {
            "arrays": self.network.copy_arrays(),
            "optimizer": copy.deepcopy(self.optimizer.state_dict()),
            "base_lr": self.base_lr,
            "grad_clip": self.grad_clip,
            "batch_size": self.batch_size,
            "shuffle_rng": copy.deepcopy(self.shuffle_rng.bit_generator.state),
            "dropout_rng": copy.deepcopy(self.dropout_rng.bit_generator.state),
            "step_count": self.step_count,
            "epoch": self.epoch,
            "batches": None if self._batches is None else [b.copy() for b in self._batches],
            "pos": self._pos,
            "history": self.history.copy(),
            "message": self.message,
            "finished": self.finished,
            "last_batch_loss": self.last_batch_loss,
            "best": copy.deepcopy(self._best),
            "wait": self._wait,
        }

    def set_state(self, state: dict) -> None:
        self.network.load_arrays(state["arrays"], "state")
        self.optimizer.load_state_dict(state["optimizer"])
        self.base_lr = state["base_lr"]
        self.grad_clip = state["grad_clip"]
        if state["batch_size"] != self.batch_size:
            self.set_training_option("batch_size", state["batch_size"])
        self.shuffle_rng.bit_generator.state = copy.deepcopy(state["shuffle_rng"])
        self.dropout_rng.bit_generator.state = copy.deepcopy(state["dropout_rng"])
        self.step_count = state["step_count"]
        self.epoch = state["epoch"]
        self._batches = None if state["batches"] is None else [b.copy() for b in state["batches"]]
        self._pos = state["pos"]
        self.history = state["history"].copy()
        self.message = state["message"]
        self.finished = state["finished"]
        self.last_batch_loss = state["last_batch_loss"]
        self._best = copy.deepcopy(state["best"])
        self._wait = state["wait"]
        self._previous_flat = None
        self.last_tape = None


def train_project(project: dict, seed: int | None = None, steps: int | None = None,
                  epochs: int | None = None, base_dir: str = ".") -> tuple[dict, dict]:
    """A training run as a pure function: ``(report, weights)``, both picklable.

    Sweeps can map this over a process pool unchanged.
    """
    trainer = Trainer(project, seed=seed, base_dir=base_dir)
    try:
        trainer.run(steps=steps, epochs=epochs)
    except TrainingDiverged:
        pass
    return trainer.report(), trainer.network.copy_arrays()
