"""Tooltips for the parameters of optimizers, schedules, layers, activations and
initialisers: one table keyed by ``(owner, parameter)``.

``owner`` is the registered name (``"adam"``, ``"step"``, ``"dropout"``, ``"leaky_relu"``,
``"he_normal"``); ``"*"`` is the fallback for a parameter every owner means the same way.
A new optimizer gets its tooltips by adding its rows here; a parameter with no row shows
the ``doc`` of its declaration. :data:`GLOSSARY_KEYS` names the glossary entry a parameter
belongs to (Help → Glossary).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Explain"

TIPS: dict[tuple[str, str], str] = {
    # ---- losses
    ("loss", "reduction"): QT_TRANSLATE_NOOP(
        "Explain",
        "How the losses of the examples in a batch become one number (PyTorch's reduction): mean averages them, "
        "so the step size does not depend on the batch size; sum adds them, as many course formulas do "
        "(L = Σ …), so the gradient grows with the batch.",
    ),
    ("mse", "half"): QT_TRANSLATE_NOOP(
        "Explain",
        "Use ½·(y − t)² instead of (y − t)²: the 2 of the derivative cancels, ∂L/∂y = y − t. Many textbooks and "
        "worked examples write the squared error this way.",
    ),
    # ---- optimizers
    ("*", "lr"): QT_TRANSLATE_NOOP(
        "Explain",
        "Learning rate η: the size of each step downhill, w ← w − η·g. Too small: slow; too large: the loss jumps or "
        "diverges.",
    ),
    ("*", "weight_decay"): QT_TRANSLATE_NOOP(
        "Explain",
        "Weight decay λ (L2): adds λ·w to the gradient, g ← g + λ·w, pulling weights towards zero; 0 turns it off.",
    ),
    ("adamw", "weight_decay"): QT_TRANSLATE_NOOP(
        "Explain",
        "Decoupled weight decay λ: each step shrinks the weights directly, w ← w − η·λ·w, apart from the Adam step; "
        "0.01 by default.",
    ),
    ("sgd", "momentum"): QT_TRANSLATE_NOOP(
        "Explain",
        "Momentum β: keeps a running direction v ← β·v + (1 − dampening)·g and steps along it; 0 is plain gradient "
        "descent, 0.9 is usual.",
    ),
    ("sgd", "dampening"): QT_TRANSLATE_NOOP(
        "Explain",
        "Dampening: scales the new gradient in v ← β·v + (1 − dampening)·g. Dampening = momentum gives the "
        "exponentially weighted average (EMA) form.",
    ),
    ("sgd", "nesterov"): QT_TRANSLATE_NOOP(
        "Explain",
        "Nesterov momentum: step along g + β·v, looking ahead along the running direction; needs momentum > 0 and "
        "dampening 0.",
    ),
    ("adagrad", "lr_decay"): QT_TRANSLATE_NOOP(
        "Explain", "Learning-rate decay: step t uses η / (1 + (t − 1)·decay); 0 keeps η fixed."
    ),
    ("adagrad", "initial_accumulator_value"): QT_TRANSLATE_NOOP(
        "Explain",
        "Starting value of the sum of squared gradients G (G ← G + g²); above 0 makes the first steps smaller.",
    ),
    ("adagrad", "eps"): QT_TRANSLATE_NOOP("Explain", "ε: added to √G to avoid dividing by zero; 1e-10 by default."),
    ("rmsprop", "alpha"): QT_TRANSLATE_NOOP(
        "Explain", "Smoothing α of the running average of squared gradients, s ← α·s + (1 − α)·g²; 0.99 by default."
    ),
    ("rmsprop", "eps"): QT_TRANSLATE_NOOP("Explain", "ε: added to √s to avoid dividing by zero; 1e-8 by default."),
    ("rmsprop", "momentum"): QT_TRANSLATE_NOOP(
        "Explain", "Momentum on top of RMSProp: b ← β·b + g/(√s + ε), w ← w − η·b; 0 turns it off."
    ),
    ("rmsprop", "centered"): QT_TRANSLATE_NOOP(
        "Explain", "Centred RMSProp: divides by an estimate of the gradient's variance, √(s − m²), instead of √s."
    ),
    ("adam", "betas"): QT_TRANSLATE_NOOP(
        "Explain",
        "β₁, β₂: how slowly the averages of g (m ← β₁·m + (1 − β₁)·g) and of g² (v ← β₂·v + (1 − β₂)·g²) forget; 0.9 "
        "and 0.999 by default.",
    ),
    ("adam", "eps"): QT_TRANSLATE_NOOP("Explain", "ε: added to √v̂ to avoid dividing by zero; 1e-8 by default."),
    ("adam", "amsgrad"): QT_TRANSLATE_NOOP(
        "Explain", "AMSGrad: divide by the largest v̂ seen so far, so the step never grows back."
    ),
    # ---- schedules
    ("step", "step_size"): QT_TRANSLATE_NOOP("Explain", "Every this many epochs the learning rate is multiplied by γ."),
    ("step", "gamma"): QT_TRANSLATE_NOOP(
        "Explain", "γ: the factor the learning rate is multiplied by at each step; 0.1 divides it by ten."
    ),
    ("exponential", "gamma"): QT_TRANSLATE_NOOP("Explain", "γ: every epoch, η ← γ·η; 0.95 loses 5% per epoch."),
    ("cosine", "T_max"): QT_TRANSLATE_NOOP(
        "Explain", "Epochs of one half cosine from η down to η_min; auto: the number of epochs."
    ),
    ("cosine", "eta_min"): QT_TRANSLATE_NOOP(
        "Explain", "η_min: the smallest learning rate, reached after T_max epochs."
    ),
    # ---- layers
    ("dense", "units"): QT_TRANSLATE_NOOP("Explain", "Number of neurons in this layer (its output width)."),
    ("dense", "bias"): QT_TRANSLATE_NOOP("Explain", "Whether each neuron adds a learned bias b: y = W·x + b."),
    ("dropout", "rate"): QT_TRANSLATE_NOOP(
        "Explain",
        "Dropout rate p: while training, each value is set to zero with probability p and the rest are scaled by 1/(1 "
        "− p); off when evaluating.",
    ),
    ("batchnorm", "momentum"): QT_TRANSLATE_NOOP(
        "Explain",
        "How fast the running mean and variance used for evaluation follow each batch: r ← (1 − m)·r + m·batch; 0.1 by "
        "default.",
    ),
    ("batchnorm", "eps"): QT_TRANSLATE_NOOP(
        "Explain", "ε: added to the batch variance before the square root, (x − μ)/√(σ² + ε); 1e-5 by default."
    ),
    # ---- activations
    ("leaky_relu", "negative_slope"): QT_TRANSLATE_NOOP(
        "Explain", "Slope for negative inputs: f(x) = x if x > 0, else slope·x."
    ),
    ("prelu", "init"): QT_TRANSLATE_NOOP(
        "Explain", "Starting value of the learned negative slope a: f(x) = x if x > 0, else a·x."
    ),
    ("elu", "alpha"): QT_TRANSLATE_NOOP("Explain", "α: f(x) = x if x > 0, else α·(eˣ − 1)."),
    ("gelu", "approximate"): QT_TRANSLATE_NOOP("Explain", "none: exact x·Φ(x); tanh: the faster tanh approximation."),
    ("softplus", "beta"): QT_TRANSLATE_NOOP("Explain", "β: f(x) = log(1 + e^(βx)) / β; larger β is closer to ReLU."),
    ("softplus", "threshold"): QT_TRANSLATE_NOOP(
        "Explain", "Above β·x > threshold the output is x itself (avoids overflow)."
    ),
    # ---- initialisers
    ("constant", "value"): QT_TRANSLATE_NOOP("Explain", "Every weight starts at this value."),
    ("uniform", "a"): QT_TRANSLATE_NOOP("Explain", "Weights start uniformly in [−a, a]."),
    ("normal", "std"): QT_TRANSLATE_NOOP(
        "Explain", "Standard deviation of the normal distribution the weights start from."
    ),
    ("normal", "mean"): QT_TRANSLATE_NOOP("Explain", "Mean of the normal distribution the weights start from."),
    ("*", "gain"): QT_TRANSLATE_NOOP(
        "Explain", "Multiplies the scale of the starting weights (Glorot: √(2/(fan_in + fan_out)))."
    ),
    ("*", "negative_slope"): QT_TRANSLATE_NOOP(
        "Explain", "Slope of the leaky ReLU this He initialisation is for; 0 for ReLU."
    ),
    ("*", "mode"): QT_TRANSLATE_NOOP(
        "Explain", "fan_in keeps the forward signal's variance; fan_out keeps the backward gradient's."
    ),
}

#: the label shown before each parameter's field (its project-file key, in words)
LABELS: dict[str, str] = {
    "lr": QT_TRANSLATE_NOOP("ParamForm", "learning rate"),
    "momentum": QT_TRANSLATE_NOOP("ParamForm", "momentum"),
    "dampening": QT_TRANSLATE_NOOP("ParamForm", "dampening"),
    "nesterov": QT_TRANSLATE_NOOP("ParamForm", "nesterov"),
    "weight_decay": QT_TRANSLATE_NOOP("ParamForm", "weight decay"),
    "lr_decay": QT_TRANSLATE_NOOP("ParamForm", "lr decay"),
    "initial_accumulator_value": QT_TRANSLATE_NOOP("ParamForm", "initial accumulator value"),
    "eps": QT_TRANSLATE_NOOP("ParamForm", "eps"),
    "alpha": QT_TRANSLATE_NOOP("ParamForm", "alpha"),
    "centered": QT_TRANSLATE_NOOP("ParamForm", "centered"),
    "betas": QT_TRANSLATE_NOOP("ParamForm", "betas"),
    "amsgrad": QT_TRANSLATE_NOOP("ParamForm", "amsgrad"),
    "step_size": QT_TRANSLATE_NOOP("ParamForm", "step size"),
    "gamma": QT_TRANSLATE_NOOP("ParamForm", "gamma"),
    "T_max": QT_TRANSLATE_NOOP("ParamForm", "T max"),
    "eta_min": QT_TRANSLATE_NOOP("ParamForm", "eta min"),
    "units": QT_TRANSLATE_NOOP("ParamForm", "units"),
    "bias": QT_TRANSLATE_NOOP("ParamForm", "bias"),
    "rate": QT_TRANSLATE_NOOP("ParamForm", "rate"),
    "negative_slope": QT_TRANSLATE_NOOP("ParamForm", "negative slope"),
    "init": QT_TRANSLATE_NOOP("ParamForm", "init"),
    "approximate": QT_TRANSLATE_NOOP("ParamForm", "approximate"),
    "beta": QT_TRANSLATE_NOOP("ParamForm", "beta"),
    "threshold": QT_TRANSLATE_NOOP("ParamForm", "threshold"),
    "value": QT_TRANSLATE_NOOP("ParamForm", "value"),
    "a": QT_TRANSLATE_NOOP("ParamForm", "a"),
    "std": QT_TRANSLATE_NOOP("ParamForm", "std"),
    "mean": QT_TRANSLATE_NOOP("ParamForm", "mean"),
    "gain": QT_TRANSLATE_NOOP("ParamForm", "gain"),
    "mode": QT_TRANSLATE_NOOP("ParamForm", "mode"),
}

#: the glossary entry (gui/help/glossary.py) a parameter belongs to
GLOSSARY_KEYS: dict[tuple[str, str], str] = {
    ("sgd", "momentum"): "momentum",
    ("sgd", "dampening"): "momentum",
    ("sgd", "nesterov"): "momentum",
    ("adam", "betas"): "adam",
    ("adam", "eps"): "adam",
    ("adamw", "betas"): "adam",
    ("adamw", "eps"): "adam",
    ("rmsprop", "alpha"): "rmsprop",
    ("adagrad", "lr_decay"): "adagrad",
    ("*", "weight_decay"): "weight_decay",
    ("dropout", "rate"): "dropout",
    ("batchnorm", "momentum"): "batch_norm",
    ("batchnorm", "eps"): "batch_norm",
}

# AdamW shares Adam's betas / eps / amsgrad
for _key in ("betas", "eps", "amsgrad"):
    TIPS[("adamw", _key)] = TIPS[("adam", _key)]


def tip(owner: str, param: str, fallback: str = "") -> str:
    """The tooltip of ``owner``'s ``param`` in the current language (``fallback`` if none)."""
    source = TIPS.get((owner, param)) or TIPS.get(("*", param))
    if source:
        return QCoreApplication.translate(CONTEXT, source)
    return QCoreApplication.translate("Param", fallback) if fallback else ""


def label(param: str) -> str:
    """The label of ``param``'s field in the current language."""
    source = LABELS.get(param, param.replace("_", " "))
    return QCoreApplication.translate("ParamForm", source)


def glossary_key(owner: str, param: str) -> str | None:
    return GLOSSARY_KEYS.get((owner, param)) or GLOSSARY_KEYS.get(("*", param))
