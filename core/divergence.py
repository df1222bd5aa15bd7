"""Naming why training diverged: which step, which layer or parameter, and the cause.

A step fails before anything is updated when the loss or a gradient is not
finite, and after the update when the optimizer itself produced non-finite
weights (Adam, RMSProp or AdaGrad with ``eps = 0`` divide 0 by 0 for a
parameter whose gradient has always been 0; a huge learning rate overflows).
Each failure is a :class:`TrainingDiverged` with an English message, a ``code``
and the ``details`` the message was made from (for a translated message).  The
failed step is never counted: its number is the trainer's ``step_count + 1``.
"""

from __future__ import annotations

import math

import numpy as np

from .stats import sum_of_squares

#: second-moment state per optimizer (the denominator that eps guards)
_SECOND_MOMENT = {
    "adam": ("max_exp_avg_sq", "exp_avg_sq"),
    "adamw": ("max_exp_avg_sq", "exp_avg_sq"),
    "rmsprop": ("square_avg",),
    "adagrad": ("sum",),
}
_USUAL_ADVICE = "try a lower learning rate, gradient clipping or a smaller initialisation"


class TrainingDiverged(RuntimeError):
    """Loss, gradients or weights became NaN or infinite.

    ``step`` is the step that failed (``step_count + 1``; it was not counted),
    ``where`` names the layer or parameter, ``code`` the kind of failure and
    ``details`` the values the message names (``BaseException.args`` keeps the
    message alone, as for any exception).  Codes: ``nonfinite_loss``,
    ``loss_overflow``, ``nonfinite_gradient``, ``gradient_norm_overflow``,
    ``nonfinite_weights_after_update``.
    """

    def __init__(self, message: str, step: int, where: str, code: str = "diverged", details: dict | None = None):
        super().__init__(message)
        self.step, self.where, self.code = step, where, code
        self.details = dict(details or {})
        self.details.setdefault("step", step)

    def __reduce__(self):
        return (type(self), (str(self), self.step, self.where, self.code, self.details))

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "step": self.step,
            "where": self.where,
            "details": dict(self.details),
            "message": str(self),
        }


def loss_failure(net, tape, loss_fn, loss: float, step: int, epoch: int) -> TrainingDiverged:
    entry = net.first_nonfinite_activation(tape)
    at = f"at step {step} (epoch {epoch})"
    if entry is not None:
        where = f"the output of {entry.key} ({entry.label})"
        code, detail = "nonfinite_loss", f"first non-finite values in {where}"
    else:  # every output finite, but too large for the loss (its square overflows)
        entry = next(e for e in net.entries if e.layer is net.layers[-1])
        where = f"the output of {entry.key} ({entry.label})"
        code, detail = "loss_overflow", f"{where} is too large for the {loss_fn.name} loss"
    message = f"Loss became {loss} {at}: {detail}. Training stopped; {_USUAL_ADVICE}."
    return TrainingDiverged(
        message, step, where, code, {"epoch": epoch, "layer": entry.key, "label": entry.label, "loss": loss_fn.name}
    )


def gradient_failure(net, step: int, epoch: int) -> TrainingDiverged:
    at = f"at step {step} (epoch {epoch})"
    param = net.first_nonfinite_grad()
    if param is not None:
        head, code = f"Gradients became non-finite {at}", "nonfinite_gradient"
        where = f"the gradient of {param.name} ({net.describe_array(param.name)})"
        detail = f"first non-finite values in {where}"
    else:  # every gradient finite, but the squared norm overflows: name the largest
        head, code = f"The gradient norm overflowed {at}", "gradient_norm_overflow"
        param = max(net.params, key=lambda q: float(np.max(np.abs(q.grad))))
        where = f"the gradient of {param.name} ({net.describe_array(param.name)})"
        detail = f"the largest is {where}"
    message = f"{head}: {detail}. Training stopped; {_USUAL_ADVICE}."
    return TrainingDiverged(message, step, where, code, {"epoch": epoch, "param": param.name})


def weights_are_finite(flat: np.ndarray) -> bool:
    """Cheap on the hot path: one sum of squares in single-threaded dot products
    (finite unless a value is not, or the squares of huge finite values overflow,
    which the exact check then rules out).  Call with overflow warnings off."""
    return math.isfinite(sum_of_squares(flat)) or bool(np.all(np.isfinite(flat)))


def update_failure(net, optimizer, step: int, epoch: int) -> TrainingDiverged:
    """The optimizer's update made weights non-finite (gradients were finite)."""
    bad = ~np.isfinite(net.flat)
    first = int(np.argmax(bad))
    param = next(p for p in reversed(net.params) if p.offset <= first)
    name = optimizer.name
    group = optimizer.group
    lr, eps = group.get("lr"), group.get("eps")
    details = {
        "epoch": epoch,
        "param": param.name,
        "optimizer": name,
        "lr": lr,
        "eps": eps,
        "count": int(np.count_nonzero(bad)),
    }
    where = f"{param.name} ({net.describe_array(param.name)})"
    head = f"The {name} update at step {step} (epoch {epoch}) made {where} non-finite"
    moments = [optimizer.state.get(k) for k in _SECOND_MOMENT.get(name, ())]
    moment = next((m for m in moments if m is not None), None)
    if eps == 0 and moment is not None and np.any(moment[bad] == 0):
        details["cause"] = "eps_zero"
        message = (
            f"{head}: eps is 0, so for a parameter whose gradient has been 0 so far the update "
            f"is 0 / 0 = NaN. Training stopped; set the optimizer's eps to a small positive "
            f"value (the default is {_default_eps(optimizer)})."
        )
    elif not np.all(np.isfinite(optimizer.flat_grad)):
        details["cause"] = "nonfinite_gradient"
        message = f"{head}: the gradient was not finite. Training stopped; {_USUAL_ADVICE}."
    else:
        details["cause"] = "update_overflow"
        message = (
            f"{head}: the update overflowed with the learning rate {lr:g}. Training stopped; "
            f"try a lower learning rate or gradient clipping."
        )
    return TrainingDiverged(message, step, where, "nonfinite_weights_after_update", details)


def _default_eps(optimizer) -> str:
    param = optimizer.params.get("eps")
    return f"{param.default:g}" if param is not None else "1e-8"
