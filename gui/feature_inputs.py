"""Input features on the canvas, as in TensorFlow Playground: for data with two raw
inputs the input column shows seven candidate features (x1, x2, x1², x2², x1·x2,
sin x1, sin x2) as switchable neurons.  Switching one is one undoable edit of
``data.features`` (:class:`SetFeatures`); ``None`` stands for the raw inputs.

Pure helpers (no drawing) plus the command; the drawing is in
:mod:`gui.panels.canvas_items` and :mod:`gui.panels.network_canvas`.
"""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QCoreApplication

from gui.setting_commands import SetDataOption

# the candidates, in the canonical order, spelled as the engine reads them (core.data.transform_features)
CANDIDATES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
# how each is drawn beside its neuron
LABELS = ("x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2")
_RAW = (0, 1)
_POWER = re.compile(r"^x([12])\^1$")
_PRODUCT = re.compile(r"^x([12])\*x([12])$")
# a feature expression other than the seven (``cos(x1)``, ``x1^3``): the column is drawn as before
_EXPRESSION = re.compile(r"^(?:x\d+(?:[\^*].*)?|(?:sin|cos)\(.*\))$")


def canonical(name) -> int | None:
    """The slot (index into :data:`CANDIDATES`) of a feature name as a project may
    spell it (spaces, ``x1^1``, ``x2*x1``), or None if it is not one of the seven."""
    if not isinstance(name, str):
        return None
    text = name.replace(" ", "")
    if text in CANDIDATES:
        return CANDIDATES.index(text)
    m = _POWER.match(text)
    if m:
        return int(m[1]) - 1
    m = _PRODUCT.match(text)
    if m and m[1] != m[2]:
        return CANDIDATES.index("x1*x2")
    return None


def enabled_slots(feature_names, raw_columns: int) -> tuple[int, ...] | None:
    """The slots of the network's inputs, in the network's input order, when the data
    has two raw inputs and every input is one of the seven candidates; else None (the
    input column is drawn as before).  Raw inputs with their own names (a CSV's
    columns) count as x1, x2."""
    if raw_columns != 2:
        return None
    names = list(feature_names or [])
    slots = [canonical(n) for n in names]
    if names and all(s is not None for s in slots):
        return tuple(slots)
    if len(names) in (0, 2) and not any(_EXPRESSION.match(str(n).replace(" ", "")) for n in names):
        return _RAW
    return None


def toggled(slots, slot: int) -> list[str] | None | bool:
    """``data.features`` after switching ``slot``: the explicit list in the canonical
    order, None when that is just the raw inputs (x1, x2), False when nothing would be left."""
    on = set(slots)
    on ^= {slot}
    if not on:
        return False
    if on == set(_RAW):
        return None
    return [CANDIDATES[s] for s in sorted(on)]


def feature_values(slot: int, lo: float, hi: float, size: int = 24) -> np.ndarray:
    """One candidate over the square [lo, hi]² of the raw inputs, as a (size, size)
    array whose rows go up x2 and columns along x1 (the neuron pictures' layout)."""
    t = np.linspace(lo, hi, size)
    x1, x2 = np.meshgrid(t, t)
    return (x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2))[slot]


def input_extent(raw) -> tuple[float, float]:
    """A square around the raw inputs (symmetric about 0, as Playground draws it)."""
    try:
        values = np.asarray(raw, dtype=float)
        values = values[np.isfinite(values)]
        r = float(np.abs(values).max()) if values.size else 1.0
    except (TypeError, ValueError):
        r = 1.0
    if not np.isfinite(r) or r == 0.0:
        r = 1.0
    return -r, r


def tooltip(slot: int, on: bool) -> str:
    name = LABELS[slot]
    if on:
        return QCoreApplication.translate(
            "FeatureInputs",
            'Input feature {name} (data.features: "{key}"): on; the picture shows it over the input plane '
            "(blue high, orange low).\nClick to switch it off: the first layer is made again without it.",
        ).format(name=name, key=CANDIDATES[slot])
    return QCoreApplication.translate(
        "FeatureInputs",
        'Input feature {name} (data.features: "{key}"): off, the network does not see it.\n'
        "Click to switch it on: the first layer is made again with one more input.",
    ).format(name=name, key=CANDIDATES[slot])


def last_one_message() -> str:
    return QCoreApplication.translate(
        "FeatureInputs", "At least one input feature must stay on: switch another feature on first."
    )


class SetFeatures(SetDataOption):
    """Switch one input feature on or off: one undoable edit of ``data.features``
    (never merged with the next switch)."""

    merge_id = -1

    def __init__(self, value, slot: int, on: bool):
        text = (
            QCoreApplication.translate("FeatureInputs", "Switch input feature {name} on")
            if on
            else QCoreApplication.translate("FeatureInputs", "Switch input feature {name} off")
        ).format(name=LABELS[slot])
        super().__init__("features", value, text)
