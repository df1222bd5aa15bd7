"""What an exported model is made of: the network and everything around it.

A network alone takes standardised features and returns its output layer; a model
someone uses elsewhere takes raw rows and returns the engine's prediction.
:class:`ExportedModel` holds both ends, so every exporter (ONNX in
:mod:`core.onnx_export`, PyTorch code in :mod:`core.torch_export`) builds the same
thing:

    raw columns -> feature transforms -> (x - mean) / std  (float64)
                -> cast to the network's dtype -> layers -> prediction head

The prediction is what :meth:`core.evaluation.Evaluation.class_scores` calls the
class scores: for classification the probability of each class (one column per
class, ``[1 - p, p]`` for a single sigmoid output), the output itself for
regression.  The label is the first class of highest score (``argmax``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .network import Network
from .registry import ConfigError, show

#: the feature formulas of ``data.features`` (the same grammar as :func:`core.data.transform_features`)
_FEATURE = re.compile(
    r"^(?:x(?P<i>\d{1,9})(?:\^(?P<p>\d{1,2}))?|x(?P<a>\d{1,9})\*x(?P<b>\d{1,9})|(?P<f>sin|cos)\(x(?P<j>\d{1,9})\))$"
)


@dataclass(frozen=True)
class Feature:
    """One network input as a formula of raw columns (0-based): ``kind`` is
    ``power`` (``column ** power``), ``product`` (``column * other``), ``sin`` or ``cos``."""

    name: str
    kind: str
    column: int
    other: int = -1
    power: int = 1


@dataclass
class ExportedModel:
    network: Network
    columns: list[str]  # the raw columns the model takes
    features: list[Feature] | None  # None: the columns are the network's inputs
    feature_names: list[str]
    mean: np.ndarray  # float64, one per network input
    std: np.ndarray
    task: str  # "classification" or "regression"
    classes: list[str] | None
    head: str  # see HEADS
    source: str = ""

    @property
    def dtype(self) -> np.dtype:
        return self.network.dtype

    @property
    def standardizes(self) -> bool:
        return bool(np.any(self.mean != 0.0) or np.any(self.std != 1.0))

    @property
    def prediction_width(self) -> int:
        return 2 if self.head in ("binary", "binary_sigmoid") else self.network.out_width


#: prediction heads: what turns the output layer into the prediction
HEADS = {
    "identity": "the output itself (regression, or scores that already are probabilities)",
    "softmax": "softmax of the output (logits of cross-entropy)",
    "binary": "[1 - p, p] where p is the single output (already a probability)",
    "binary_sigmoid": "[1 - p, p] where p = sigmoid(output) (logits of binary cross-entropy)",
}


def prediction_head(network: Network, loss, task: str) -> str:
    """The head that reproduces :meth:`Evaluation.class_scores` for this network and loss."""
    if task != "classification":
        return "identity"
    logits = loss.uses_logits and not network.is_fused(loss)
    if network.out_width == 1:
        return "binary_sigmoid" if logits else "binary"
    return "softmax" if logits else "identity"


def parse_features(names: list[str], columns: int) -> list[Feature]:
    """``["x1", "x1*x2", "sin(x2)"]`` -> :class:`Feature` records over ``columns`` raw columns."""
    out = []
    for name in names:
        m = _FEATURE.match(str(name).replace(" ", ""))
        if not m:
            raise ConfigError(
                f"input.features: unknown feature {show(name)} (use x1, x1^2, x1*x2, sin(x1), cos(x1))",
                "unknown_value",
                key="input.features",
                value=name,
            )
        numbers = [int(v) for v in (m["i"], m["a"], m["b"], m["j"]) if v]
        bad = [k for k in numbers if not 1 <= k <= columns]
        if bad:
            raise ConfigError(
                f"input.features: {name!r} names column {bad[0]}, the data has {columns}",
                "out_of_range",
                key="input.features",
                value=name,
                high=columns,
            )
        if m["i"]:
            out.append(Feature(name, "power", int(m["i"]) - 1, power=int(m["p"] or 1)))
        elif m["a"]:
            out.append(Feature(name, "product", int(m["a"]) - 1, int(m["b"]) - 1))
        else:
            out.append(Feature(name, m["f"], int(m["j"]) - 1))
    return out


def apply_features(model: ExportedModel, raw: np.ndarray) -> np.ndarray:
    """Raw rows -> the network's input (float64, before the cast to the network's dtype),
    computed as :func:`core.data.transform_features` and :func:`core.data.standardize` do."""
    x = np.asarray(raw, dtype=np.float64)
    if model.features is not None:
        cols = []
        for f in model.features:
            c = x[:, f.column]
            if f.kind == "power":
                cols.append(c**f.power)
            elif f.kind == "product":
                cols.append(c * x[:, f.other])
            else:
                cols.append(getattr(np, f.kind)(c))
        x = np.column_stack(cols)
    return (x - model.mean) / model.std


def from_trainer(trainer) -> ExportedModel:
    """The model of a trainer's network, data and loss as they are now."""
    from .weights import input_arrays

    return from_input_arrays(trainer.network, trainer.loss, input_arrays(trainer.data))


def from_input_arrays(network: Network, loss, arrays: dict[str, np.ndarray]) -> ExportedModel:
    """The model of ``network`` with the ``input.*`` arrays of a weights file
    (:func:`core.weights.input_arrays`)."""
    names = [str(v) for v in arrays["input.features"]]
    columns = [str(v) for v in arrays.get("input.columns", arrays["input.features"])]
    task = str(arrays.get("input.task", "classification" if "input.classes" in arrays else "regression"))
    width = network.in_width
    if len(names) != width:
        raise ConfigError(
            f"input.features: {len(names)} features but the network has {width} inputs",
            "shape_mismatch",
            key="input.features",
            value=(len(names),),
            expected=(width,),
        )
    features = None if names == columns else parse_features(names, len(columns))
    mean = np.asarray(arrays.get("input.mean", np.zeros(width)), dtype=np.float64)
    std = np.asarray(arrays.get("input.std", np.ones(width)), dtype=np.float64)
    classes = [str(v) for v in arrays["input.classes"]] if "input.classes" in arrays else None
    return ExportedModel(
        network,
        columns,
        features,
        names,
        mean,
        std,
        task,
        classes,
        prediction_head(network, loss, task),
        str(arrays.get("input.source", "")),
    )


def predict(model: ExportedModel, raw: np.ndarray) -> np.ndarray:
    """The engine's prediction for raw rows (evaluation mode): what every export must reproduce."""
    from scipy.special import expit

    x = apply_features(model, raw).astype(model.dtype)
    out = model.network.predict(x)
    if model.head == "softmax":
        e = np.exp(out - out.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    if model.head in ("binary", "binary_sigmoid"):
        p = out[:, 0] if model.head == "binary" else expit(out[:, 0])
        return np.column_stack([1.0 - p, p])
    return out
