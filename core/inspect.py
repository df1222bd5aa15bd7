"""Looking inside one step: the per-example chain-rule trace and the gradient check.

:func:`trace_example` runs one example forward and back (evaluation mode) and
returns every dense layer's pre-activation ``z``, activation ``a`` and, on the
way back, dL/da, dL/dz, dL/dW and dL/db: the numbers behind a step-through of
backpropagation.  :func:`gradient_check` compares the analytic gradient of
every parameter with central finite differences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .layers import Dense
from .losses import Loss
from .network import Network


@dataclass(frozen=True)
class LayerTrace:
    path: str
    label: str
    x: np.ndarray
    z: np.ndarray
    a: np.ndarray
    grad_a: np.ndarray | None  # None on the output layer when the loss is fused (reads z)
    grad_z: np.ndarray
    grad_weight: np.ndarray
    grad_bias: np.ndarray | None


def trace_example(network: Network, loss: Loss, x: np.ndarray, target: np.ndarray) -> dict:
    """Forward and backward for one example; the network's gradients are left untouched.

    ``target`` is one row of :meth:`Loss.prepare_targets` (a class index for
    cross-entropy, a vector otherwise).
    """
    saved = network.flat_grad.copy()
    try:
        x = np.asarray(x, dtype=network.dtype).reshape(1, -1)
        target = np.asarray(target)[None, ...]  # one row as the loss prepared it
        tape = network.forward(x, training=False)
        fused = network.is_fused(loss)
        value, grad = loss.value_and_grad(network.loss_input(tape, loss), target)
        network.backward(tape, grad, fused)
        layers = []
        for e, r in zip(network.entries, tape.entry_records()):
            layer = e.layer
            if isinstance(layer, Dense):
                layers.append(LayerTrace(
                    e.path, e.label, r.x[0].copy(), r.z[0].copy(), r.a[0].copy(),
                    None if r.grad_a is None else np.array(r.grad_a[0]),
                    r.grad_z[0].copy(), layer.g["weight"].copy(),
                    layer.g["bias"].copy() if "bias" in layer.g else None,
                ))
        return {"loss": value, "output": tape.output[0].copy(), "layers": layers}
    finally:
        network.flat_grad[...] = saved


class GradientCheckCancelled(Exception):
    """:func:`gradient_check` stopped because ``cancelled()`` said so (the network is
    left as it was)."""


def gradient_check(network: Network, loss: Loss, x: np.ndarray, target: np.ndarray,
                   eps: float = 1e-6, training: bool = True, progress=None, cancelled=None,
                   every: int = 64) -> list[dict]:
    """Relative error ``|g - n| / max(|g| + |n|, tiny)`` (norms) per parameter tensor.

    Dropout draws the same mask for every evaluation; batch-norm running
    statistics are restored afterwards.  ``progress(done, total)`` (parameters
    perturbed so far, of all) is called every ``every`` parameters and at the end;
    ``cancelled()`` is asked as often, and when it returns True the check stops
    with :class:`GradientCheckCancelled`, the parameters, buffers and dropout
    generator restored.  Neither changes the results.
    """
    if network.dtype != np.float64:
        raise ValueError("gradient checks need float64")
    rng = getattr(_first_dropout(network), "rng", None)
    rng_state = rng.bit_generator.state if rng is not None else None
    buffers = {k: v.copy() for k, v in network.named_arrays().items()
               if k not in {p.name for p in network.params}}

    def evaluate(need_grad: bool) -> float:
        if rng is not None:
            rng.bit_generator.state = rng_state
        tape = network.forward(x, training)
        fused = network.is_fused(loss)
        value, grad = loss.value_and_grad(network.loss_input(tape, loss), target, need_grad)
        if need_grad:
            network.backward(tape, grad, fused)
        return value

    try:
        evaluate(True)
        analytic = network.flat_grad.copy()
        numeric = np.zeros_like(analytic)
        flat = network.flat
        total = flat.size
        for i in range(total):
            if i % every == 0 and i:
                if progress is not None:
                    progress(i, total)
                if cancelled is not None and cancelled():
                    raise GradientCheckCancelled(f"gradient check cancelled after {i} of {total} parameters")
            old = flat[i]
            flat[i] = old + eps
            plus = evaluate(False)
            flat[i] = old - eps
            minus = evaluate(False)
            flat[i] = old
            numeric[i] = (plus - minus) / (2 * eps)
        if progress is not None:
            progress(total, total)
    finally:
        arrays = network.named_arrays()
        for k, v in buffers.items():
            arrays[k][...] = v
        if rng is not None:
            rng.bit_generator.state = rng_state
    results = []
    for p in network.params:
        a = analytic[p.offset:p.offset + p.value.size]
        n = numeric[p.offset:p.offset + p.value.size]
        denom = max(np.linalg.norm(a) + np.linalg.norm(n), 1e-12)
        results.append({
            "name": p.name,
            "relative_error": float(np.linalg.norm(a - n) / denom),
            "max_abs_error": float(np.max(np.abs(a - n))),
            "analytic": a.reshape(p.value.shape).copy(),
            "numeric": n.reshape(p.value.shape).copy(),
        })
    return results


def _first_dropout(network: Network):
    for e in network.entries:
        if e.layer.kind == "dropout":
            return e.layer
    return None
