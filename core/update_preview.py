"""One optimizer step for one example, shown: "Apply the update" of the step-through.

:func:`preview_update` takes a :class:`~core.trainer.Trainer` and one example
and returns an :class:`UpdatePreview`: for every parameter tensor its old value,
the example's gradient (and the weight-decay term), the optimizer's internal
quantities before and after the step (PyTorch's state names), the quantities the
formula shows (Adam's bias-corrected moments, a denominator), the update and the
new value.

The numbers are the engine's own.  The gradient comes from the network's
``forward_backward`` on a batch of one, in training mode as the trainer's step
makes it (the dropout mask is drawn from the trainer's generator, whose state is
put back; with batch norm, which cannot normalise one row, in evaluation mode),
clipped as the trainer clips.  The step is one ``step()`` of the trainer's own
optimizer class on a deep copy of its parameters and state, at the learning rate
the trainer's next step would use.  Nothing of the trainer changes: not its
weights, gradients, optimizer state, generators or last pass.

The formula, in symbols and filled in with one scalar's numbers, is plain text
(:func:`formula_lines`, :func:`filled_lines`): mathematics, not language.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

import numpy as np

from .layers import BatchNorm
from .registry import ConfigError
from .stats import sum_of_squares

#: notes an :class:`UpdatePreview` may carry (the window says them in words)
NOTES = (
    "batchnorm_eval",  # batch norm cannot normalise one row: the pass ran in evaluation mode
    "evaluation_mode",  # asked for: the pass ran in evaluation mode (no dropout), as trace_example's
    "clipped",  # the gradient was scaled down by gradient clipping (scalar ``clip_coef``)
    "nonfinite_gradient",  # the loss or a gradient is not finite: the trainer would refuse this step
    "nonfinite_update",  # the update makes a parameter infinite or NaN
)


@dataclass(frozen=True)
class TensorUpdate:
    """One parameter tensor's step; ``values`` maps the keys of
    :attr:`UpdatePreview.columns` to arrays of the tensor's shape (None: not defined
    for this step, e.g. the momentum buffer before the first step)."""

    name: str
    shape: tuple
    values: dict

    def __getitem__(self, key: str) -> np.ndarray | None:
        return self.values.get(key)

    @property
    def old(self) -> np.ndarray:
        return self.values["old"]

    @property
    def grad(self) -> np.ndarray:
        return self.values["grad"]

    @property
    def update(self) -> np.ndarray:
        return self.values["update"]

    @property
    def new(self) -> np.ndarray:
        return self.values["new"]


@dataclass(frozen=True)
class UpdatePreview:
    """One optimizer step on one example, per parameter tensor (picklable).

    ``optimizer``: registry name; ``hyper``: its hyper-parameters as used (``lr``
    is the rate of this step); ``step``: the optimizer's step number t of this
    update (1 for the first); ``train_step``: the trainer's step this would be;
    ``columns``: ``(key, symbol)`` of every quantity in :attr:`TensorUpdate.values`,
    in display order; ``scalars``: quantities shared by all parameters (``lr``,
    ``t``, ``bias_correction1`` = 1 − β₁ᵗ, ``bias_correction2`` = 1 − β₂ᵗ,
    ``clr`` (Adagrad's decayed rate), ``clip_coef``); ``notes``: see :data:`NOTES`.
    """

    optimizer: str
    hyper: dict
    step: int
    train_step: int
    epoch: int
    columns: tuple
    scalars: dict
    tensors: tuple
    loss: float
    output: np.ndarray
    x: np.ndarray
    target: np.ndarray
    index: int | None
    part: str | None
    training: bool
    dtype: str
    first_step: bool  # no optimizer state existed before this step
    notes: tuple = field(default=())

    def tensor(self, name: str) -> TensorUpdate:
        for t in self.tensors:
            if t.name == name:
                return t
        raise KeyError(f"no parameter tensor {name!r} (known: {', '.join(t.name for t in self.tensors)})")

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.tensors]


# ---------------------------------------------------------------- the example


def example_from_data(trainer, index, part: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """Row ``index`` of the training or validation part: (network input, prepared target)."""
    if part not in ("train", "val"):
        raise ConfigError(
            f"update_preview.part: must be 'train' or 'val', got {part!r}",
            "unknown_value",
            key="update_preview.part",
            value=part,
            known="train, val",
        )
    x, t = (trainer.x_train, trainer.t_train) if part == "train" else (trainer.x_val, trainer.t_val)
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < len(x):
        raise ConfigError(
            f"update_preview.index: the {part} set has {len(x)} rows (0 to {len(x) - 1}), got {index!r}",
            "out_of_range",
            key="update_preview.index",
            value=index,
            low=0,
            high=len(x) - 1,
        )
    return x[int(index)], t[int(index)]


def example_from_values(trainer, x, target, raw: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """A typed example: ``x`` the network's input (``raw``: as the data source gives it,
    then the data's features and scaling), ``target`` a class label or regression values."""
    width = trainer.data.raw_columns if raw else trainer.network.in_width
    try:
        xv = np.asarray(x, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise ConfigError(
            f"update_preview.x: must be {width} numbers, got {x!r}", "bad_type", key="update_preview.x", value=x
        ) from None
    if xv.size != width:
        raise ConfigError(
            f"update_preview.x: the network takes {width} inputs, got {xv.size}",
            "shape_mismatch",
            key="update_preview.x",
            value=xv.size,
            units=width,
        )
    if not np.all(np.isfinite(xv)):
        raise ConfigError(
            f"update_preview.x: must be finite numbers, got {xv.tolist()}",
            "not_finite",
            key="update_preview.x",
            value=xv.tolist(),
        )
    if raw:
        xv = trainer.data.prepare_inputs(xv.reshape(1, -1))[0]
    data, loss = trainer.data, trainer.loss
    if data.task == "classification":
        n = data.n_classes
        label = target
        if isinstance(label, np.ndarray) and label.size == 1:
            label = label.reshape(-1)[0]
        if isinstance(label, float) and label.is_integer():
            label = int(label)
        if isinstance(label, bool) or not isinstance(label, (int, np.integer)) or not 0 <= label < n:
            raise ConfigError(
                f"update_preview.target: a class from 0 to {n - 1}, got {target!r}",
                "out_of_range",
                key="update_preview.target",
                value=target,
                low=0,
                high=n - 1,
            )
        y = np.array([int(label)])
    else:
        need = data.y_train.shape[1] if data.y_train.ndim == 2 else 1
        try:
            y = np.asarray(target, dtype=np.float64).reshape(1, -1)
        except (TypeError, ValueError):
            raise ConfigError(
                f"update_preview.target: must be {need} numbers, got {target!r}",
                "bad_type",
                key="update_preview.target",
                value=target,
            ) from None
        if y.shape[1] != need or not np.all(np.isfinite(y)):
            raise ConfigError(
                f"update_preview.target: must be {need} finite numbers, got {target!r}",
                "shape_mismatch",
                key="update_preview.target",
                value=target,
                units=need,
            )
    prepared = loss.prepare_targets(y, data.task, trainer.network.out_width, trainer.dtype)
    return xv.astype(trainer.dtype), prepared[0]


def next_lr(trainer) -> float:
    """The learning rate of the trainer's next step: a step that starts an epoch sets
    the schedule's rate for it first."""
    if trainer._batches is None or trainer._pos >= len(trainer._batches):
        return trainer.schedule.lr(trainer.base_lr, trainer.epoch)
    return trainer.optimizer.group["lr"]


# ---------------------------------------------------------------- the step


def preview_update(
    trainer,
    x: np.ndarray,
    target: np.ndarray,
    index: int | None = None,
    part: str | None = None,
    training: bool | None = None,
) -> UpdatePreview:
    """One step of the trainer's optimizer on the example (``x`` the network input,
    ``target`` one prepared target row), on copies: the trainer is left as it was.

    ``training``: the mode of the pass; None (default) as the trainer's step makes it
    (training mode: dropout draws its mask from the trainer's generator), except with
    batch norm, which cannot normalise one row; False as :func:`core.inspect.trace_example`
    (no dropout), so the update follows a traced backward walk."""
    net, opt = trainer.network, trainer.optimizer
    has_batchnorm = any(isinstance(e.layer, BatchNorm) for e in net.entries)
    if training is None:
        training = not has_batchnorm
        notes = [] if training else ["batchnorm_eval"]
    elif training and has_batchnorm:
        raise ConfigError(
            "update_preview.training: batch norm cannot normalise a single example in training mode",
            "conflict",
            key="update_preview.training",
            value=True,
        )
    else:
        notes = [] if training else ["evaluation_mode"]
    xb = np.asarray(x, dtype=net.dtype).reshape(1, -1)
    tb = np.asarray(target)[None, ...]
    saved_grad = net.flat_grad.copy()
    params = {p.name for p in net.params}
    saved_buffers = {k: v.copy() for k, v in net.named_arrays().items() if k not in params}
    rng_state = copy.deepcopy(trainer.dropout_rng.bit_generator.state)
    try:
        with np.errstate(all="ignore"):
            loss, tape = net.forward_backward(xb, tb, trainer.loss, training=training)
            grad = net.flat_grad.copy()
            output = tape.output[0].copy()
    finally:
        net.flat_grad[...] = saved_grad
        arrays = net.named_arrays()
        for k, v in saved_buffers.items():
            arrays[k][...] = v
        trainer.dropout_rng.bit_generator.state = rng_state

    scalars: dict = {}
    with np.errstate(all="ignore"):
        sq = float(sum_of_squares(grad))
        finite = math.isfinite(loss) and math.isfinite(sq)
        if not finite:
            notes.append("nonfinite_gradient")
        elif trainer.grad_clip is not None:  # as Trainer.step
            coef = trainer.grad_clip / (math.sqrt(sq) + 1e-6)
            if coef < 1.0:
                grad *= coef
                scalars["clip_coef"] = coef
                notes.append("clipped")

        # the engine's own optimizer object on copies of the parameters, gradient and state
        # (a deep copy would also copy the scratch arrays and the trainer's last gradient)
        work = copy.copy(opt)
        work.__dict__.pop("_work_arrays", None)
        old = opt.flat.copy()
        work.flat, work.flat_grad, work.group = opt.flat.copy(), grad.copy(), dict(opt.group)
        before = {k: (None if v is None else v.copy()) for k, v in opt.state.items()}
        work.state = {k: (None if v is None else v.copy()) for k, v in opt.state.items()}
        lr = next_lr(trainer)
        work.set("lr", lr)
        first_step = not any(v is not None for v in before.values()) and work.step_count == 0
        work.step()
        new = work.flat
        update = new - old
        if not np.all(np.isfinite(new)):
            notes.append("nonfinite_update")

    group = dict(work.group)
    t = work.step_count
    scalars.update(lr=lr, t=t)
    flat_values, columns = _quantities(work, group, old, grad, before, scalars)
    flat_values["old"], flat_values["update"], flat_values["new"] = old, update, new
    columns = (("old", "θ"), *columns, ("update", "Δθ"), ("new", "θ′"))
    tensors = []
    for name, offset, shape in work.layout:
        size = int(np.prod(shape))
        values = {
            key: None if arr is None else arr[offset : offset + size].reshape(shape)  # views: the arrays are ours
            for key, arr in flat_values.items()
        }
        tensors.append(TensorUpdate(name, tuple(shape), values))
    hyper = {k: (list(v) if isinstance(v, tuple) else v) for k, v in group.items()}
    return UpdatePreview(
        optimizer=opt.name,
        hyper=hyper,
        step=t,
        train_step=trainer.step_count + 1,
        epoch=trainer.epoch,
        columns=tuple(columns),
        scalars=scalars,
        tensors=tuple(tensors),
        loss=float(loss),
        output=output,
        x=xb[0].copy(),
        target=np.array(target, copy=True),
        index=index,
        part=part,
        training=training,
        dtype=str(net.dtype),
        first_step=first_step,
        notes=tuple(notes),
    )


def _quantities(work, group: dict, old, grad, before: dict, scalars: dict):
    """The formula's quantities as flat arrays, and their ``(key, symbol)`` columns.

    ``work`` is the optimizer after its step (its ``state`` is the state after). The
    derived quantities (m̂, v̂, a denominator) are computed here for display; the
    new value is always the engine's step.
    """
    name = work.name
    after = work.state
    vals: dict = {"grad": grad}
    cols: list = [("grad", "g")]
    wd = group.get("weight_decay", 0.0)
    decoupled = getattr(work, "decoupled", False)
    g_eff = grad
    if wd != 0 and not decoupled:
        decay = np.multiply(old, wd)  # as Optimizer._grad_with_decay: λθ, then + g
        g_eff = decay + grad
        vals["decay"], vals["grad_total"] = decay, g_eff
        cols += [("decay", "λθ"), ("grad_total", "g + λθ")]
    elif wd != 0:
        vals["decay"] = old * -(group["lr"] * wd)
        cols.append(("decay", "−ηλθ"))

    def state(key, symbol, fill=0.0, missing_before=False):
        b = before.get(key)
        if b is None and not missing_before:
            b = np.full_like(old, fill)
        vals[f"before.{key}"], vals[f"after.{key}"] = b, after.get(key)
        cols.extend([(f"before.{key}", symbol + "ₜ₋₁"), (f"after.{key}", symbol + "ₜ")])

    if name == "sgd":
        if group["momentum"] != 0:
            state("momentum_buffer", "b", missing_before=True)
            if group["nesterov"]:
                vals["direction"] = g_eff + group["momentum"] * after["momentum_buffer"]
                cols.append(("direction", "g + μb"))
    elif name == "adagrad":
        t = work.step_count
        scalars["clr"] = group["lr"] / (1 + (t - 1) * group["lr_decay"])
        state("sum", "s", group["initial_accumulator_value"])
        vals["denom"] = np.sqrt(after["sum"]) + group["eps"]
        cols.append(("denom", "√s + ε"))
    elif name == "rmsprop":
        state("square_avg", "v")
        if group["centered"]:
            state("grad_avg", "ḡ")
            ga = after["grad_avg"]
            vals["denom"] = np.sqrt(after["square_avg"] - ga * ga) + group["eps"]
            cols.append(("denom", "√(v − ḡ²) + ε"))
        else:
            vals["denom"] = np.sqrt(after["square_avg"]) + group["eps"]
            cols.append(("denom", "√v + ε"))
        if group["momentum"] > 0:
            state("momentum_buffer", "b")
    elif name in ("adam", "adamw"):
        beta1, beta2 = group["betas"]
        t = work.step_count
        bc1, bc2 = 1.0 - beta1**t, 1.0 - beta2**t
        scalars.update(bias_correction1=bc1, bias_correction2=bc2)
        state("exp_avg", "m")
        state("exp_avg_sq", "v")
        if group["amsgrad"]:
            state("max_exp_avg_sq", "vₘₐₓ")
        vals["m_hat"] = after["exp_avg"] / bc1
        vals["v_hat"] = after["max_exp_avg_sq" if group["amsgrad"] else "exp_avg_sq"] / bc2
        cols += [("m_hat", "m̂"), ("v_hat", "v̂")]
        vals["denom"] = np.sqrt(vals["v_hat"]) + group["eps"]
        cols.append(("denom", "√v̂ + ε"))
    return vals, cols


# ---------------------------------------------------------------- the formula as text

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def formula_lines(preview: UpdatePreview) -> list[str]:
    """The optimizer's update rule in symbols, one assignment a line, as PyTorch defines it
    for the hyper-parameters of ``preview`` (θ parameter, g gradient, η learning rate)."""
    h, name = preview.hyper, preview.optimizer
    wd = h.get("weight_decay", 0.0)
    lines = []
    if wd != 0 and name != "adamw":
        lines.append("g ← g + λ·θ")
    if name == "sgd":
        mu = h["momentum"]
        if mu == 0:
            lines.append("θ ← θ − η·g")
        else:
            first = preview.tensors and preview.tensors[0]["before.momentum_buffer"] is None
            lines.append("b ← g" if first else "b ← μ·b + (1 − τ)·g")
            lines.append("θ ← θ − η·(g + μ·b)" if h["nesterov"] else "θ ← θ − η·b")
    elif name == "adagrad":
        lines.append("s ← s + g²")
        if h["lr_decay"] != 0:
            lines.append("η′ = η / (1 + (t − 1)·δ)")
            lines.append("θ ← θ − η′·g / (√s + ε)")
        else:
            lines.append("θ ← θ − η·g / (√s + ε)")
    elif name == "rmsprop":
        lines.append("v ← α·v + (1 − α)·g²")
        if h["centered"]:
            lines.append("ḡ ← α·ḡ + (1 − α)·g")
            denom = "(√(v − ḡ²) + ε)"
        else:
            denom = "(√v + ε)"
        if h["momentum"] > 0:
            lines.append(f"b ← μ·b + g / {denom}")
            lines.append("θ ← θ − η·b")
        else:
            lines.append(f"θ ← θ − η·g / {denom}")
    elif name in ("adam", "adamw"):
        if name == "adamw" and wd != 0:
            lines.append("θ ← θ − η·λ·θ")
        lines.append("m ← β₁·m + (1 − β₁)·g")
        lines.append("v ← β₂·v + (1 − β₂)·g²")
        if h["amsgrad"]:
            lines.append("vₘₐₓ ← max(vₘₐₓ, v)")
        lines.append("m̂ = m / (1 − β₁ᵗ)")
        lines.append("v̂ = vₘₐₓ / (1 − β₂ᵗ)" if h["amsgrad"] else "v̂ = v / (1 − β₂ᵗ)")
        lines.append("θ ← θ − η·m̂ / (√v̂ + ε)")
    return lines


def fmt(value) -> str:
    """A number as the formula shows it: 6 significant digits, NaN and infinities spelled."""
    if value is None:
        return "—"
    v = float(value)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    text = f"{v:.6g}"
    return text.replace("-", "−")


def _p(value) -> str:
    """:func:`fmt` in brackets when negative (a product reads ``0.9 · (−0.2)``)."""
    text = fmt(value)
    return f"({text})" if text.startswith("−") else text


def filled_lines(preview: UpdatePreview, name: str, index: int = 0) -> list[str]:
    """:func:`formula_lines` with the numbers of scalar ``index`` (flat, C order) of
    parameter tensor ``name``: each line ``symbols = numbers = result``."""
    tensor = preview.tensor(name)
    h, opt = preview.hyper, preview.optimizer
    lr = h["lr"]

    def q(key):
        arr = tensor[key]
        return None if arr is None else arr.reshape(-1)[index]

    theta, g, new, upd = q("old"), q("grad"), q("new"), q("update")
    wd = h.get("weight_decay", 0.0)
    lines = []
    if wd != 0 and opt != "adamw":
        lines.append(f"g ← g + λ·θ = {_p(g)} + {fmt(wd)} · {_p(theta)} = {fmt(q('grad_total'))}")
        g = q("grad_total")
    final = f"Δθ = θ′ − θ = {fmt(new)} − {_p(q('old'))} = {fmt(upd)}"
    if opt == "sgd":
        mu = h["momentum"]
        if mu == 0:
            lines.append(f"θ ← θ − η·g = {_p(theta)} − {fmt(lr)} · {_p(g)} = {fmt(new)}")
        else:
            b0, b = q("before.momentum_buffer"), q("after.momentum_buffer")
            if b0 is None:
                lines.append(f"b ← g = {fmt(b)}")
            else:
                tau = h["dampening"]
                lines.append(f"b ← μ·b + (1 − τ)·g = {fmt(mu)} · {_p(b0)} + {fmt(1.0 - tau)} · {_p(g)} = {fmt(b)}")
            if h["nesterov"]:
                lines.append(f"θ ← θ − η·(g + μ·b) = {_p(theta)} − {fmt(lr)} · {_p(q('direction'))} = {fmt(new)}")
            else:
                lines.append(f"θ ← θ − η·b = {_p(theta)} − {fmt(lr)} · {_p(b)} = {fmt(new)}")
    elif opt == "adagrad":
        s0, s = q("before.sum"), q("after.sum")
        lines.append(f"s ← s + g² = {_p(s0)} + {_p(g)}² = {fmt(s)}")
        clr = preview.scalars["clr"]
        if h["lr_decay"] != 0:
            lines.append(
                f"η′ = η / (1 + (t − 1)·δ) = {fmt(lr)} / (1 + {preview.step - 1} · {fmt(h['lr_decay'])}) = {fmt(clr)}"
            )
            lines.append(
                f"θ ← θ − η′·g / (√s + ε) = {_p(theta)} − {fmt(clr)} · {_p(g)} / {_p(q('denom'))} = {fmt(new)}"
            )
        else:
            lines.append(f"θ ← θ − η·g / (√s + ε) = {_p(theta)} − {fmt(lr)} · {_p(g)} / {_p(q('denom'))} = {fmt(new)}")
    elif opt == "rmsprop":
        alpha = h["alpha"]
        v0, v = q("before.square_avg"), q("after.square_avg")
        lines.append(f"v ← α·v + (1 − α)·g² = {fmt(alpha)} · {_p(v0)} + {fmt(1.0 - alpha)} · {_p(g)}² = {fmt(v)}")
        if h["centered"]:
            a0, a = q("before.grad_avg"), q("after.grad_avg")
            lines.append(f"ḡ ← α·ḡ + (1 − α)·g = {fmt(alpha)} · {_p(a0)} + {fmt(1.0 - alpha)} · {_p(g)} = {fmt(a)}")
        d = q("denom")
        if h["momentum"] > 0:
            b0, b = q("before.momentum_buffer"), q("after.momentum_buffer")
            lines.append(f"b ← μ·b + g / d = {fmt(h['momentum'])} · {_p(b0)} + {_p(g)} / {_p(d)} = {fmt(b)}")
            lines.append(f"θ ← θ − η·b = {_p(theta)} − {fmt(lr)} · {_p(b)} = {fmt(new)}")
        else:
            lines.append(f"θ ← θ − η·g / d = {_p(theta)} − {fmt(lr)} · {_p(g)} / {_p(d)} = {fmt(new)}")
    elif opt in ("adam", "adamw"):
        beta1, beta2 = h["betas"]
        t = preview.step
        if opt == "adamw" and wd != 0:
            lines.append(
                f"θ ← θ − η·λ·θ = {_p(theta)} − {fmt(lr)} · {fmt(wd)} · {_p(theta)} = {fmt(theta + q('decay'))}"
            )
        m0, m = q("before.exp_avg"), q("after.exp_avg")
        v0, v = q("before.exp_avg_sq"), q("after.exp_avg_sq")
        lines.append(f"m ← β₁·m + (1 − β₁)·g = {fmt(beta1)} · {_p(m0)} + {fmt(1.0 - beta1)} · {_p(g)} = {fmt(m)}")
        lines.append(f"v ← β₂·v + (1 − β₂)·g² = {fmt(beta2)} · {_p(v0)} + {fmt(1.0 - beta2)} · {_p(g)}² = {fmt(v)}")
        if h["amsgrad"]:
            x0, x = q("before.max_exp_avg_sq"), q("after.max_exp_avg_sq")
            lines.append(f"vₘₐₓ ← max(vₘₐₓ, v) = max({fmt(x0)}, {fmt(v)}) = {fmt(x)}")
            v = x
        bc1, bc2 = preview.scalars["bias_correction1"], preview.scalars["bias_correction2"]
        tt = str(t).translate(_SUP)
        lines.append(f"m̂ = m / (1 − β₁ᵗ) = {_p(m)} / (1 − {fmt(beta1)}{tt}) = {_p(m)} / {fmt(bc1)} = {fmt(q('m_hat'))}")
        vs = "vₘₐₓ" if h["amsgrad"] else "v"
        lines.append(
            f"v̂ = {vs} / (1 − β₂ᵗ) = {_p(v)} / (1 − {fmt(beta2)}{tt}) = {_p(v)} / {fmt(bc2)} = {fmt(q('v_hat'))}"
        )
        lines.append(
            f"θ ← θ − η·m̂ / (√v̂ + ε) = {_p(theta + (q('decay') if opt == 'adamw' and wd != 0 else 0.0))}"
            f" − {fmt(lr)} · {_p(q('m_hat'))} / {_p(q('denom'))} = {fmt(new)}"
        )
    lines.append(final)
    return lines
