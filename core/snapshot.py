"""What a GUI draws, as immutable values: snapshots, boundaries, predictions, run info.

Every function here reads a :class:`~core.trainer.Trainer` and returns fresh
copies; none changes the trainer (passes made here are evaluation passes whose
tapes are dropped).  The cost of a snapshot does not grow with the data: the
boundary is a fixed grid, predictions and confusion matrices use at most
:data:`PREDICTION_ROWS` evenly spaced rows, neuron pictures show at most
:data:`NEURON_UNITS` units per layer within :data:`NEURON_CELLS` values in all,
and large passes run in chunks of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .layers import Dense
from .plane import make_plane, plane_inputs
from .stats import LayerStats, layer_stats

NAN = float("nan")
#: rows of the validation (or training) set that predictions describe at most
PREDICTION_ROWS = 4096
#: neuron pictures: units per layer at most, and values over all layers at most
NEURON_UNITS = 64
NEURON_CELLS = 1_000_000
#: a pass over many rows runs in chunks of at most this many activation values
PASS_CELLS = 1 << 20
#: misclassified rows a snapshot lists at most (image data: the window shows them)
MISCLASSIFIED_ROWS = 64


@dataclass(frozen=True)
class Boundary:
    """Model output over the input plane (2-D data) or line (1-D data), raw coordinates."""

    xs: np.ndarray
    ys: np.ndarray | None  # None for 1-D data
    values: np.ndarray  # (len(ys), len(xs)) probability of class 1 / max class probability, or predictions (1-D)
    classes: np.ndarray | None  # argmax class per grid point (multi-class) else None
    #: layer path -> (rows, columns, units shown) over a coarser grid: the first
    #: NEURON_UNITS units of each dense layer (a unit beyond ``shape[2]`` has no picture);
    #: "extent" -> (x0, x1, y0, y1)
    activations: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Predictions:
    """Model outputs for data that is not drawn as a plane or a line."""

    y_true: np.ndarray | None = None  # regression: validation (or training) targets, first column
    y_pred: np.ndarray | None = None
    confusion: np.ndarray | None = None  # classification: rows true class, columns predicted
    part: str = "val"
    rows: int = 0  # rows described (an evenly spaced subsample when fewer than ``of``)
    of: int = 0  # rows in that part of the data
    scores: np.ndarray | None = None  # binary classification: P(class 1) of each row described
    labels: np.ndarray | None = None  # binary classification: the true class of each row described
    #: classification of image data: (k, 3) int64 rows ``(row in that part, true class, predicted
    #: class)`` of the first :data:`MISCLASSIFIED_ROWS` misclassified rows among those described
    misclassified: np.ndarray | None = None


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
    plane: object = None  # core.plane.Plane: where the decision map is drawn (classification, >= 2 inputs)
    #: regression with ``data.standardize_target``: the network's outputs are in units of
    #: ``target_std`` around ``target_mean`` (one value per target column); None otherwise.
    #: ``y_train``/``y_val`` above and predictions are in the target's own units.
    target_mean: list | None = None
    target_std: list | None = None
    #: (height, width) of the picture each raw input row is (digits, IDX images), else None
    image_shape: tuple | None = None


@dataclass(frozen=True)
class WeightImages:
    """The first dense layer's incoming weights of its first units, one picture per unit
    (image data only): ``images[u]`` is row ``u`` of the weight reshaped to ``shape``."""

    path: str  # the layer's weights path ("layers.0")
    images: np.ndarray  # (units shown, height, width) float32
    units: int  # units of the layer (more than shown when wide)


@dataclass(frozen=True)
class Snapshot:
    step: int
    epoch: int  # completed epochs
    epoch_progress: float  # step / steps_per_epoch
    lr: float
    history_start: int  # number of the first history row asked for (rows are numbered from 0)
    history: dict  # column -> np.ndarray, the rows held since ``history_start``
    layers: list[LayerStats]  # statistics of the last training step (see core.stats)
    grad_norm: float  # L2 norm of the whole gradient of the last step, before clipping
    boundary: Boundary | None
    message: str | None
    finished: bool
    predictions: Predictions | None = None
    failed_step: int | None = None  # the step that diverged (not counted in ``step``), if one did
    changes: tuple = ()  # core.history.ChangeMark: every setting changed while training, in order
    weight_images: WeightImages | None = None  # image data: the first layer's weights as pictures


def run_info(trainer) -> RunInfo:
    data, net = trainer.data, trainer.network
    layers = []
    for e in net.entries:
        layer = e.layer
        layers.append(
            LayerInfo(
                e.path,
                e.key,
                e.label,
                layer.kind,
                layer.in_width,
                layer.out_width,
                layer.activation.name if isinstance(layer, Dense) else None,
                e.path.count(".layers."),
            )
        )
    return RunInfo(
        data.task,
        data.name,
        list(data.feature_names),
        None if data.class_names is None else list(data.class_names),
        data.raw_x_train.copy(),
        _original_targets(data, "train").copy(),
        data.raw_x_val.copy(),
        _original_targets(data, "val").copy(),
        data.in_width,
        net.out_width,
        layers,
        trainer.loss.name,
        trainer.steps_per_epoch,
        net.num_params,
        trainer.dtype.name,
        trainer.project["seed"],
        current_plane(trainer),
        *(
            (data.y_mean.tolist(), data.y_std.tolist())
            if getattr(data, "target_standardized", False)
            else (None, None)
        ),
        None if data.image_shape is None else tuple(data.image_shape),
    )


def _original_targets(data, part: str) -> np.ndarray:
    """Targets in their own units (a standardised regression target mapped back)."""
    if getattr(data, "target_standardized", False):
        return data.original_targets(part)
    return data.y_train if part == "train" else data.y_val


def _target_units(data, values: np.ndarray) -> np.ndarray:
    return data.to_target_units(values) if getattr(data, "target_standardized", False) else values


def take_snapshot(
    trainer, since: int = 0, boundary: bool = False, grid: int = 50, neuron_grid: int = 0, predictions: bool = False
) -> Snapshot:
    """Everything a GUI draws, as fresh copies (history rows from ``since``).

    The weight pictures (image data) come with the neuron pictures: ``boundary`` and
    ``neuron_grid`` > 0 (as often as the window draws them)."""
    prev = trainer._previous_flat if trainer.keep_previous else None
    return Snapshot(
        step=trainer.step_count,
        epoch=trainer.epoch,
        epoch_progress=trainer.step_count / trainer.steps_per_epoch,
        lr=trainer.lr,
        history_start=since,
        history=trainer.history.rows(since),
        layers=layer_stats(trainer.network, trainer.last_tape, prev),
        grad_norm=trainer.grad_norm,
        boundary=compute_boundary(trainer, grid, neuron_grid) if boundary else None,
        message=trainer.message,
        finished=trainer.finished,
        predictions=compute_predictions(trainer) if predictions else None,
        failed_step=getattr(trainer.divergence, "step", None),
        changes=tuple(trainer.changes),
        weight_images=weight_images(trainer) if boundary and neuron_grid else None,
    )


def weight_images(trainer) -> WeightImages | None:
    """The first dense layer's weights as pictures (float32 copies of the first
    :data:`NEURON_UNITS` rows), if the data is pictures and that layer reads the
    pixels directly (the first layer of the network, or after dropout); else None."""
    shape = getattr(trainer.data, "image_shape", None)
    if shape is None:
        return None
    height, width = shape
    for e in trainer.network.entries:
        layer = e.layer
        if isinstance(layer, Dense):
            if e.path.count(".layers.") or layer.in_width != height * width:
                return None
            w = layer.p["weight"][:NEURON_UNITS]
            images = w.astype(np.float32).reshape(len(w), height, width)  # astype copies
            return WeightImages(e.path, images, layer.out_width)
        if layer.kind != "dropout":  # batch norm or a block first: the weights see other inputs
            return None
    return None


def evenly_spaced(n: int, limit: int) -> np.ndarray | slice:
    """Row indices of at most ``limit`` evenly spaced rows out of ``n`` (all: a slice)."""
    if n <= limit:
        return slice(None)
    return np.linspace(0, n - 1, limit).round().astype(np.intp)


def compute_predictions(trainer, limit: int | None = None) -> Predictions:
    """Validation-set outputs (training set if there is no validation part), on at
    most ``limit`` (default :data:`PREDICTION_ROWS`) evenly spaced rows."""
    limit = PREDICTION_ROWS if limit is None else limit
    part = "val" if len(trainer.x_val) else "train"
    x = trainer.x_val if part == "val" else trainer.x_train
    y = trainer.data.y_val if part == "val" else trainer.data.y_train
    rows = evenly_spaced(len(x), limit)
    x, y_rows = x[rows], y[rows]
    if trainer.data.task == "classification":
        c = trainer.data.n_classes
        images = getattr(trainer.data, "image_shape", None) is not None  # a gallery shows the misclassified
        if len(x) == 0:
            none = np.zeros((0, 3), np.int64) if images else None
            return Predictions(confusion=np.zeros((c, c), np.int64), part=part, rows=0, of=len(y), misclassified=none)
        # as Evaluation.confusion_of, keeping the class scores and the predicted classes
        class_scores = trainer.class_scores(trainer.predict_output(x))
        pred = np.argmax(class_scores, axis=1)
        confusion = np.bincount(y_rows * c + pred, minlength=c * c).reshape(c, c)
        misclassified = None
        if images:
            index = np.arange(len(y))[rows]
            wrong = np.flatnonzero(pred != y_rows)[:MISCLASSIFIED_ROWS]
            misclassified = np.column_stack([index[wrong], y_rows[wrong], pred[wrong]]).astype(np.int64)
        binary = c == 2  # the ROC / PR curves need each row's P(class 1)
        return Predictions(
            confusion=confusion,
            part=part,
            rows=len(x),
            of=len(y),
            scores=np.asarray(class_scores[:, 1], dtype=np.float64).copy() if binary else None,
            labels=np.asarray(y_rows).copy() if binary else None,
            misclassified=misclassified,
        )
    out = _target_units(trainer.data, trainer.predict_output(x))  # a standardised target: its own units
    y_rows = _original_targets(trainer.data, part)[rows]
    return Predictions(y_true=y_rows[:, 0].copy(), y_pred=out[:, 0].copy(), part=part, rows=len(x), of=len(y))


def chunk_rows(network, rows: int, cells: int | None = None) -> int:
    """Rows per chunk so that no layer's activations exceed ``cells`` values
    (default :data:`PASS_CELLS`)."""
    cells = PASS_CELLS if cells is None else cells
    widest = max([network.in_width] + [e.layer.out_width for e in network.entries])
    return max(1, min(rows, cells // max(widest, 1)))


def compute_boundary(trainer, grid: int = 50, neuron_grid: int = 0) -> Boundary | None:
    """Predictions over the raw input plane (2-D) or line (1-D); None otherwise.

    With ``neuron_grid`` > 0 the first :data:`NEURON_UNITS` units of each dense
    layer over a coarser grid are included too (hover a neuron to see what it
    computes), the grid made coarser if needed to stay within :data:`NEURON_CELLS`.
    """
    data = trainer.data
    lo, hi = trainer.input_extent()
    if data.raw_columns == 1:
        xs = np.linspace(lo[0], hi[0], grid * 4)
        out = _target_units(data, trainer.predict_output(data.prepare_inputs(xs[:, None])))
        return Boundary(xs, None, out[:, 0].copy(), None)
    if data.raw_columns < 2 or data.task != "classification":
        return None
    plane = current_plane(trainer)
    if plane.kind == "raw":  # the input plane itself, in raw coordinates
        def to_inputs(uv):
            return data.prepare_inputs(uv)
    else:  # principal components, or two inputs with the others at their means
        lo, hi = plane.lo, plane.hi

        def to_inputs(uv):
            return plane_inputs(plane, trainer, uv)
    xs, ys = np.linspace(lo[0], hi[0], grid), np.linspace(lo[1], hi[1], grid)
    gx, gy = np.meshgrid(xs, ys)
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    scores = trainer.class_scores(trainer.predict_output(to_inputs(pts)))
    if scores.shape[1] == 2:
        values, classes = scores[:, 1].reshape(grid, grid), None
    else:
        values = scores.max(axis=1).reshape(grid, grid)
        classes = scores.argmax(axis=1).reshape(grid, grid)
    acts = neuron_pictures(trainer, lo, hi, neuron_grid, to_inputs) if neuron_grid else {}
    return Boundary(xs, ys, values, classes, acts)


def current_plane(trainer):
    """The plane of ``trainer.plane_choice`` (None: the input plane or the principal
    components), computed once per choice; None for data without one."""
    choice = getattr(trainer, "plane_choice", None)
    cached = trainer.__dict__.get("_plane_cache")
    if cached is None or cached[0] != choice:
        cached = (choice, make_plane(trainer, choice))
        trainer.__dict__["_plane_cache"] = cached
    return cached[1]


def set_plane(trainer, choice=None):
    """Draw the decision map on the plane of two raw inputs ``choice`` (None: the default plane)."""
    choice = None if choice is None else (int(choice[0]), int(choice[1]))
    plane = make_plane(trainer, choice)  # checks the choice before anything changes
    trainer.plane_choice = choice
    trainer.__dict__["_plane_cache"] = (choice, plane)
    return plane


def neuron_pictures(trainer, lo, hi, neuron_grid: int, to_inputs=None) -> dict:
    net = trainer.network
    dense = [i for i, e in enumerate(net.entries) if isinstance(e.layer, Dense)]
    shown = sum(min(net.entries[i].layer.out_width, NEURON_UNITS) for i in dense)
    side = neuron_grid
    while side > 2 and side * side * shown > NEURON_CELLS:
        side -= 1
    nx, ny = np.linspace(lo[0], hi[0], side), np.linspace(lo[1], hi[1], side)
    mx, my = np.meshgrid(nx, ny)
    prepare = to_inputs or trainer.data.prepare_inputs
    x = np.asarray(prepare(np.column_stack([mx.ravel(), my.ravel()])), dtype=trainer.dtype)
    parts: dict[int, list] = {i: [] for i in dense}
    step = chunk_rows(net, len(x))
    for start in range(0, len(x), step):
        records = net.forward(x[start : start + step], training=False).entry_records()
        for i in dense:
            parts[i].append(records[i].a[:, :NEURON_UNITS].copy())  # not a view: frees the chunk
    acts = {net.entries[i].path: np.concatenate(parts[i]).reshape(side, side, -1) for i in dense}
    acts["extent"] = (lo[0], hi[0], lo[1], hi[1])
    return acts
