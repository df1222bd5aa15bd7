"""The look and geometry of the network drawing: sizes and spacing of columns,
neurons and cards, the weight pens (by sign and magnitude) and the neurons' heat
pictures.  Used by :mod:`gui.panels.canvas_items`, :mod:`gui.panels.layer_card`
and :mod:`gui.panels.network_canvas`."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPen, QPixmap

COLUMN_GAP = 150
NEURON = 30
NEURON_GAP = 40
MAX_SHOWN = 12  # neurons drawn per column; the rest are summarised
MAX_LINES = 400  # weight lines drawn per layer
MIN_SCALE = 0.6
PEN_LEVELS = 16  # line widths and opacities by |weight| / max |weight|
POSITIVE = QColor(33, 113, 181)
NEGATIVE = QColor(230, 120, 30)
MIME = "application/x-backprop-lab-layer"
CARD_WIDTH = 128
CARD_Y = -118  # cards' top edge (fixed: a card never moves when a column grows)
TOP = 30  # the first neuron's centre; columns hang down from here


def _name(spec) -> str:
    return spec.get("name") if isinstance(spec, dict) else (spec or "")


def _compact(n) -> str:
    """A unit count that fits a card: 8, 512, 12.5k, 100k."""
    if not isinstance(n, int) or n < 10000:
        return str(n)
    return f"{n / 1000:.3g}k" if n < 10**6 else f"{n / 10**6:.3g}M"


def _pen_keys(w: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> list:
    """Pen index per drawn line: sign * PEN_LEVELS + level, -1 for a non-finite weight."""
    with np.errstate(invalid="ignore", over="ignore"):
        magnitude = np.abs(w)
        finite = np.isfinite(magnitude)
        scale = float(magnitude[finite].max()) if finite.any() else 0.0
        values = w[rows, cols]
        ok = np.isfinite(values)
        if scale == 0.0 or not np.isfinite(scale):
            scale = 1.0
        level = np.minimum((np.where(ok, np.abs(values), 0.0) / scale * PEN_LEVELS).astype(np.int64), PEN_LEVELS - 1)
        keys = np.where(values >= 0, PEN_LEVELS, 0) + level
    return np.where(ok, keys, -1).tolist()


def _make_pens() -> list[QPen]:
    """Pens by sign and magnitude level: pale and thin to full colour and thick
    (index: negative levels, then positive).

    Paleness is mixed with white rather than made with transparency: translucent
    antialiased lines cost about ten times more to draw, and the canvas is white.
    Widths stop at 3.5 px for the same reason."""
    pens = []
    for base in (NEGATIVE, POSITIVE):
        for level in range(PEN_LEVELS):
            magnitude = (level + 0.5) / PEN_LEVELS
            strength = 0.2 + 0.8 * magnitude
            colour = QColor(*(round(255 + (c - 255) * strength) for c in (base.red(), base.green(), base.blue())))
            pens.append(QPen(colour, 0.5 + 3.0 * magnitude))
    return pens


_PENS = _make_pens()
_GREY = QPen(QColor(180, 180, 180), 1)
_CARD_BORDER = QPen(QColor(0xC9, 0xCC, 0xD6), 1)
_CARD_FILL = QBrush(QColor(0xFB, 0xFB, 0xFD))
_MISSING_PEN = QPen(QColor(150, 150, 150), 1, Qt.DashLine)


def _make_heat_table() -> np.ndarray:
    """RGBA for t in [-1, 1] in 255 steps (orange - white - blue), then grey for "missing"."""
    t = np.linspace(-1.0, 1.0, 255)[:, None]
    white = np.array([255.0, 255.0, 255.0])
    pos = np.array([POSITIVE.red(), POSITIVE.green(), POSITIVE.blue()], float)
    neg = np.array([NEGATIVE.red(), NEGATIVE.green(), NEGATIVE.blue()], float)
    rgb = np.where(t >= 0, white + (pos - white) * t, white + (neg - white) * (-t))
    table = np.empty((256, 4), np.uint8)
    table[:255, :3] = np.clip(np.rint(rgb), 0, 255)
    table[255, :3] = 160  # a non-finite value
    table[:, 3] = 255
    return table


_HEAT = _make_heat_table()


def _heat_pixmap(values: np.ndarray, size: int) -> QPixmap:
    """A blue (positive) / orange (negative) picture of one neuron's output;
    non-finite values are grey."""
    v = values[::-1]  # image rows go down, y goes up
    finite = np.isfinite(v)
    clean = np.where(finite, v, 0.0)
    scale = float(np.abs(clean).max()) if clean.size else 0.0
    if scale == 0.0 or not np.isfinite(scale):
        scale = 1.0
    with np.errstate(invalid="ignore", over="ignore"):
        index = np.rint((np.clip(clean / scale, -1.0, 1.0) + 1.0) * 127.0).astype(np.intp)
    index[~finite] = 255
    rgba = np.ascontiguousarray(_HEAT[index])
    image = QImage(rgba.data, v.shape[1], v.shape[0], 4 * v.shape[1], QImage.Format_RGBA8888).copy()
    return QPixmap.fromImage(image.scaled(size, size, Qt.IgnoreAspectRatio, Qt.SmoothTransformation))
