r"""Loss functions with their gradients, reduced as PyTorch's ``reduction``: ``"mean"``
(the default: averaged over the elements, or over the rows for ``cross_entropy``) or
``"sum"``.  ``mse`` also takes ``"half": true`` for :math:`\tfrac12 (o - y)^2`, the form
of many course formulas (then its gradient has no factor 2).

``bce`` and ``cross_entropy`` take *logits*: when the output layer's activation
is sigmoid (``bce``) or softmax (``cross_entropy``) the network hands them that
layer's pre-activation ``z`` and the fused gradient :math:`(p - y)/N` flows
straight into ``z`` - exact and free of ``log(0)``.  With any other output
activation the output itself is treated as logits (``BCEWithLogitsLoss``,
``CrossEntropyLoss``).

Targets are prepared once per data set by :meth:`Loss.prepare_targets`:
class labels become a ``(N, 1)`` float column for one output unit, integer
labels for ``cross_entropy`` and one-hot rows for a regression loss on more
than one output.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import expit

from .registry import ConfigError, Param, Registry, parse_named_spec, validate_params

LOSSES = Registry("loss")
REDUCTIONS = ("mean", "sum")
#: every loss takes it
REDUCTION = {"reduction": Param("mean", kind="choice", choices=REDUCTIONS)}


class Loss:
    name = "loss"
    params: dict[str, Param] = REDUCTION
    #: True if this loss reads logits (pre-activation) and is fused with ``fused_activation``
    uses_logits = False
    fused_activation: str | None = None
    classification_only = False

    def __init__(self, **config):
        self.config = {k: config.get(k, p.default) for k, p in self.params.items()}
        for key, value in self.config.items():
            setattr(self, key, value)

    def get_config(self):
        """The name alone when every parameter has its default, else ``{"name": ..., **changed}``."""
        changed = {k: v for k, v in self.config.items() if v != self.params[k].default}
        return self.name if not changed else {"name": self.name, **changed}

    def _reduce(self, values: np.ndarray) -> float:
        return float(np.mean(values) if self.reduction == "mean" else np.sum(values))

    def _scale(self, n: int) -> float:
        """The factor of the gradient from the reduction: 1/n for a mean, 1 for a sum."""
        return 1.0 / n if self.reduction == "mean" else 1.0

    def prepare_targets(self, y: np.ndarray, task: str, out_width: int, dtype) -> np.ndarray:
        if task == "regression":  # (N, k) already; a 1-D target is one column (N may be 0)
            return (y if y.ndim == 2 else y.reshape(-1, 1)).astype(dtype)
        labels = y.astype(np.int64)
        if out_width == 1:
            return labels.reshape(-1, 1).astype(dtype)
        onehot = np.zeros((len(labels), out_width), dtype)
        onehot[np.arange(len(labels)), labels] = 1.0
        return onehot

    def value(self, out: np.ndarray, target: np.ndarray) -> float:
        return self.value_and_grad(out, target, need_grad=False)[0]

    def value_and_grad(self, out, target, need_grad=True):  # pragma: no cover - abstract
        raise NotImplementedError


@LOSSES.register("mse")
class MSE(Loss):
    r"""Mean (or sum) over all elements of :math:`(o - y)^2`; ``half``: of :math:`\tfrac12 (o - y)^2`."""

    params = {**REDUCTION, "half": Param(False, kind="bool")}

    def value_and_grad(self, out, target, need_grad=True):
        diff = out - target
        if self.reduction == "mean" and not self.half:  # the default, exactly as it always was
            loss = float(np.mean(diff * diff))
            return loss, (diff * (2.0 / diff.size) if need_grad else None)
        loss = self._reduce(diff * diff)
        factor = (1.0 if self.half else 2.0) * self._scale(diff.size)
        if self.half:
            loss = 0.5 * loss
        return loss, (diff * factor if need_grad else None)


@LOSSES.register("mae")
class MAE(Loss):
    r"""Mean of :math:`|o - y|`; gradient sign(o - y)/n (0 where equal)."""

    def value_and_grad(self, out, target, need_grad=True):
        diff = out - target
        loss = self._reduce(np.abs(diff))
        return loss, (np.sign(diff) * self._scale(diff.size) if need_grad else None)


@LOSSES.register("huber")
class Huber(Loss):
    r"""Quadratic within ``delta``, linear outside (``torch.nn.HuberLoss``)."""

    params = {**REDUCTION, "delta": Param(1.0, low=0.0, low_open=True)}

    def value_and_grad(self, out, target, need_grad=True):
        diff = out - target
        ad = np.abs(diff)
        d = self.delta
        loss = self._reduce(np.where(ad < d, 0.5 * diff * diff, d * (ad - 0.5 * d)))
        if not need_grad:
            return loss, None
        return loss, np.clip(diff, -d, d) * self._scale(diff.size)


@LOSSES.register("bce")
class BinaryCrossEntropy(Loss):
    r"""Binary cross-entropy from logits ``z`` (one output unit):
    :math:`\max(z,0) - zy + \log(1 + e^{-|z|})`, gradient :math:`(\sigma(z) - y)/N`."""

    uses_logits = True
    fused_activation = "sigmoid"
    classification_only = True

    def prepare_targets(self, y, task, out_width, dtype):
        return super().prepare_targets(y, task, out_width, dtype)

    def value_and_grad(self, out, target, need_grad=True):
        z = out
        loss = self._reduce(np.maximum(z, 0.0) - z * target + np.log1p(np.exp(-np.abs(z))))
        if not need_grad:
            return loss, None
        return loss, (expit(z) - target) * self._scale(z.size)


@LOSSES.register("cross_entropy")
class CrossEntropy(Loss):
    r"""Softmax cross-entropy from logits ``z`` with integer class targets:
    :math:`\operatorname{logsumexp}(z) - z_y`, gradient :math:`(\mathrm{softmax}(z) - e_y)/N`."""

    uses_logits = True
    fused_activation = "softmax"
    classification_only = True

    def prepare_targets(self, y, task, out_width, dtype):
        return y.astype(np.int64).reshape(-1)

    def value_and_grad(self, out, target, need_grad=True):
        z = out
        n = z.shape[0]
        shifted = z - z.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        total = e.sum(axis=1, keepdims=True)
        rows = np.arange(n)
        loss = self._reduce(np.log(total[:, 0]) - shifted[rows, target])
        if not need_grad:
            return loss, None
        grad = e / total
        grad[rows, target] -= 1.0
        if self.reduction == "mean":
            grad *= 1.0 / n
        return loss, grad


def check_loss_spec(spec, key: str = "loss"):
    """Validate a project's ``loss`` (``"auto"``, a name, or an object with a name and its
    parameters; ``{"name": "auto", "reduction": "sum"}`` too) and return it as given."""
    if spec == "auto":
        return spec
    if isinstance(spec, dict) and spec.get("name") == "auto":
        validate_params(key, REDUCTION, {k: v for k, v in spec.items() if k != "name"})
        return spec
    parse_named_spec(LOSSES, key, spec)
    return spec


def original_unit_scale(loss_name: str, target_std) -> float | None:
    """The factor that turns a loss of standardised targets into the loss of the same
    predictions in the target's own units, when one exists: with one target column of
    standard deviation σ, squared errors scale by σ² (mse, its ½ factor and either
    reduction alike) and absolute errors by σ (mae); None otherwise (Huber's kink moves
    with the units; several columns scale differently)."""
    if target_std is None:
        return None
    std = [float(s) for s in np.ravel(target_std)]
    if len(std) != 1 or not math.isfinite(std[0]) or std[0] <= 0.0:
        return None
    if loss_name == "mse":
        return std[0] * std[0]
    if loss_name == "mae":
        return std[0]
    return None


def resolve_loss(spec, task: str, out_width: int, key: str = "loss") -> Loss:
    """Build the loss named in a project; ``auto`` picks mse / bce / cross_entropy."""
    if spec == "auto" or (isinstance(spec, dict) and spec.get("name") == "auto"):
        if task == "regression":
            name = "mse"
        else:
            name = "bce" if out_width == 1 else "cross_entropy"
        spec = {**spec, "name": name} if isinstance(spec, dict) else name
    cls, config = parse_named_spec(LOSSES, key, spec)
    loss = cls(**config)
    if loss.classification_only and task != "classification":
        raise ConfigError(f"{key}: {loss.name!r} needs a classification task, the data is {task}", "conflict",
                          key=key, value=loss.name, task=task)
    if isinstance(loss, BinaryCrossEntropy) and out_width != 1:
        raise ConfigError(
            f"{key}: 'bce' needs one output unit, the output layer has {out_width} "
            "(use cross_entropy for several classes)", "shape_mismatch", key=key, value="bce", units=out_width
        )
    if isinstance(loss, CrossEntropy) and out_width < 2:
        raise ConfigError(
            f"{key}: 'cross_entropy' needs one output unit per class, the output layer has "
            f"{out_width} (use bce for one sigmoid unit)", "shape_mismatch", key=key, value="cross_entropy",
            units=out_width
        )
    return loss


LOSS_NAMES = ["auto", *LOSSES]
