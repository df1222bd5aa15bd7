"""The optimizer's internals as binned summaries: per layer, a histogram of log10|value|
of each state buffer, read from the engine's optimizer by PyTorch's names.

What is summarised (:func:`quantities`), each as one flat array over the parameters:

* the optimizer's state as it holds it: ``momentum_buffer`` (SGD, RMSprop with
  momentum), ``sum`` (Adagrad), ``square_avg`` and ``grad_avg`` (RMSprop),
  ``exp_avg``, ``exp_avg_sq`` and ``max_exp_avg_sq`` (Adam, AdamW);
* Adam's bias-corrected moments ``exp_avg_hat`` = m̂ = exp_avg / (1 − β1^t) and
  ``exp_avg_sq_hat`` = v̂ = exp_avg_sq / (1 − β2^t) (t: the optimizer's own step);
* ``update_per_lr``: the last step's change of each weight divided by the learning
  rate it used, |Δθ| / lr, measured (the weights before the step minus after it),
  never recomputed from a copy of the update rule.  It needs the weights before
  the step, which the trainer keeps while :attr:`Trainer.keep_update` is set (the
  query sets it; the first answer after that has no ``update_per_lr`` yet).

:func:`optimizer_internals` is the ``"optimizer_internals"`` query: a few
histograms of :data:`BINS` counts per layer, cheap to compute and to send, asked
by the window at a bounded rate (it only asks again after an answer has arrived).
"""

from __future__ import annotations

import numpy as np

from .optimizers import Adam

#: log10|value| bin edges: 1e-12 to 1e4, four bins a decade
LOG_LOW, LOG_HIGH, BINS = -12.0, 4.0, 64
EDGES = np.linspace(LOG_LOW, LOG_HIGH, BINS + 1)

#: the order quantities are listed in (state names first, as PyTorch names them)
ORDER = (
    "momentum_buffer", "sum", "square_avg", "grad_avg", "exp_avg", "exp_avg_sq", "max_exp_avg_sq",
    "exp_avg_hat", "exp_avg_sq_hat", "update_per_lr",
)


def quantities(trainer) -> dict[str, np.ndarray]:
    """Flat arrays (one value per parameter) by name; see the module's docstring."""
    opt = trainer.optimizer
    out = {key: buf for key, buf in opt.state.items() if buf is not None and key != "step"}
    if isinstance(opt, Adam) and opt.step_count > 0:
        beta1, beta2 = opt.group["betas"]
        t = opt.step_count
        if "exp_avg" in out:
            out["exp_avg_hat"] = out["exp_avg"] / (1.0 - beta1**t)  # Python floats: float32 stays float32
        if "exp_avg_sq" in out:
            out["exp_avg_sq_hat"] = out["exp_avg_sq"] / (1.0 - beta2**t)
    update = last_update(trainer)
    lr = float(opt.group["lr"])
    if update is not None and lr > 0:
        out["update_per_lr"] = update / lr
    return {name: out[name] for name in ORDER if name in out}


def last_update(trainer) -> np.ndarray | None:
    """The last step's change of the weights (after minus before), if the weights before it were kept."""
    prev = trainer._previous_flat
    if prev is None or trainer.step_count == 0 or trainer._previous_step != trainer.step_count - 1:
        return None
    return trainer.network.flat - prev


def log_histogram(values: np.ndarray) -> dict:
    """Counts of log10|value| in :data:`EDGES`, and what falls outside them."""
    a = np.abs(np.asarray(values, dtype=np.float64).reshape(-1))
    finite = np.isfinite(a)
    zero = a == 0
    logs = np.log10(a[finite & ~zero])
    return {
        "counts": _bin(logs),
        "below": int(np.count_nonzero(logs < LOG_LOW)),
        "above": int(np.count_nonzero(logs > LOG_HIGH)),
        "zeros": int(np.count_nonzero(zero)),
        "nonfinite": int(a.size - np.count_nonzero(finite)),
        "size": int(a.size),
    }


def _bin(logs: np.ndarray) -> np.ndarray:
    """``np.histogram(logs, EDGES)[0]``, four times faster: the bin from arithmetic,
    corrected against the edges themselves (as NumPy does), the last bin closed."""
    inside = logs[(logs >= LOG_LOW) & (logs <= LOG_HIGH)]
    idx = ((inside - LOG_LOW) * (BINS / (LOG_HIGH - LOG_LOW))).astype(np.intp)
    np.clip(idx, 0, BINS - 1, out=idx)
    idx -= inside < EDGES[idx]
    idx += (inside >= EDGES[idx + 1]) & (idx != BINS - 1)
    return np.bincount(idx, minlength=BINS).astype(np.int64)


def layer_slices(trainer) -> list[tuple[str, list[tuple[int, int]]]]:
    """``(layer path, [(offset, size) of each of its parameters])`` in network order."""
    layers: dict[str, list] = {}
    for p in trainer.network.params:
        layers.setdefault(p.name.rsplit(".", 1)[0], []).append((p.offset, int(p.value.size)))
    return list(layers.items())


def optimizer_internals(trainer, watch: bool = True) -> dict:
    """Per-layer histograms of every quantity at the trainer's current step.

    ``watch``: keep the weights before every step from now on (for ``update_per_lr``);
    False stops that.  Returns ``{"step", "optimizer", "optimizer_step", "lr", "edges",
    "names", "layers": [{"layer", "size", "histograms": {name: log_histogram}}]}``.
    """
    trainer.keep_update = bool(watch)
    values = quantities(trainer)
    layers = []
    for path, parts in layer_slices(trainer):
        histograms = {}
        for name, flat in values.items():
            chunk = np.concatenate([flat[offset:offset + size] for offset, size in parts])
            histograms[name] = log_histogram(chunk)
        layers.append({"layer": path, "size": sum(size for _o, size in parts), "histograms": histograms})
    opt = trainer.optimizer
    return {
        "step": trainer.step_count,
        "optimizer": opt.name,
        "optimizer_step": opt.step_count,
        "lr": float(opt.group["lr"]),
        "edges": EDGES.copy(),
        "names": list(values),
        "layers": layers,
    }
