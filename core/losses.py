r"""Loss functions with their gradients, averaged as PyTorch's ``reduction="mean"``.

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

import numpy as np
from scipy.special import expit

from .registry import ConfigError, Param, Registry, parse_named_spec

LOSSES = Registry("loss")


class Loss:
    name = "loss"
    params: dict[str, Param] = {}
    #: True if this loss reads logits (pre-activation) and is fused with ``fused_activation``
    uses_logits = False
    fused_activation: str | None = None
    classification_only = False

    def __init__(self, **config):
        self.config = {k: config.get(k, p.default) for k, p in self.params.items()}
        for key, value in self.config.items():
            setattr(self, key, value)

    def get_config(self):
        return self.name if not self.config else {"name": self.name, **self.config}

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
    r"""Mean over all elements of :math:`(o - y)^2`."""

    def value_and_grad(self, out, target, need_grad=True):
        diff = out - target
        loss = float(np.mean(diff * diff))
        return loss, (diff * (2.0 / diff.size) if need_grad else None)


@LOSSES.register("mae")
class MAE(Loss):
    r"""Mean of :math:`|o - y|`; gradient sign(o - y)/n (0 where equal)."""

    def value_and_grad(self, out, target, need_grad=True):
        diff = out - target
        loss = float(np.mean(np.abs(diff)))
        return loss, (np.sign(diff) * (1.0 / diff.size) if need_grad else None)


@LOSSES.register("huber")
class Huber(Loss):
    r"""Quadratic within ``delta``, linear outside (``torch.nn.HuberLoss``)."""

    params = {"delta": Param(1.0, low=0.0, low_open=True)}

    def value_and_grad(self, out, target, need_grad=True):
        diff = out - target
        ad = np.abs(diff)
        d = self.delta
        loss = float(np.mean(np.where(ad < d, 0.5 * diff * diff, d * (ad - 0.5 * d))))
        if not need_grad:
            return loss, None
        return loss, np.clip(diff, -d, d) * (1.0 / diff.size)


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
        loss = float(np.mean(np.maximum(z, 0.0) - z * target + np.log1p(np.exp(-np.abs(z)))))
        if not need_grad:
            return loss, None
        return loss, (expit(z) - target) * (1.0 / z.size)


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
        loss = float(np.mean(np.log(total[:, 0]) - shifted[rows, target]))
        if not need_grad:
            return loss, None
        grad = e / total
        grad[rows, target] -= 1.0
        grad *= 1.0 / n
        return loss, grad


def resolve_loss(spec, task: str, out_width: int, key: str = "loss") -> Loss:
    """Build the loss named in a project; ``auto`` picks mse / bce / cross_entropy."""
    if spec == "auto" or (isinstance(spec, dict) and spec.get("name") == "auto"):
        if task == "regression":
            spec = "mse"
        else:
            spec = "bce" if out_width == 1 else "cross_entropy"
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
