"""Pictures of image data: a sample as grey ink on white, a unit's incoming weights
as blue (positive) / orange (negative) on white, the colours of the weight lines.

Values that are not finite are drawn grey (missing), never an error.  Pixels stay
square and sharp when enlarged (nearest neighbour): a pixel is a pixel.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

from gui.panels.canvas_style import _HEAT

MISSING_GREY = 160


def ink_image(values: np.ndarray, top: float) -> QImage:
    """A ``(height, width)`` picture with values 0..``top`` as ink: 0 white, ``top`` black."""
    v = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(v)
    scale = top if np.isfinite(top) and top > 0 else 1.0
    with np.errstate(invalid="ignore", over="ignore"):
        grey = 255.0 - np.clip(np.where(finite, v, 0.0) / scale, 0.0, 1.0) * 255.0
    grey = np.rint(grey).astype(np.uint8)
    grey[~finite] = MISSING_GREY
    grey = np.ascontiguousarray(grey)
    return QImage(grey.data, grey.shape[1], grey.shape[0], grey.shape[1], QImage.Format_Grayscale8).copy()


#: weight pictures are scaled to this percentile of |w|: a few large weights at the edge of
#: the picture (pixels that are rarely ink) would otherwise leave the rest white
ROBUST_PERCENTILE = 99.0


def signed_image(values: np.ndarray, robust: bool = True) -> tuple[QImage, float]:
    """A ``(height, width)`` picture of signed values (white 0, blue positive, orange
    negative, grey not finite), full colour at :data:`ROBUST_PERCENTILE` of their
    magnitudes (``robust``) or at the largest; and that magnitude."""
    v = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(v)
    clean = np.where(finite, v, 0.0)
    if not clean.size:
        scale = 0.0
    elif robust:
        scale = float(np.percentile(np.abs(clean[finite]), ROBUST_PERCENTILE)) if finite.any() else 0.0
    else:
        scale = float(np.abs(clean).max())
    if scale == 0.0 or not np.isfinite(scale):
        scale = 1.0
    with np.errstate(invalid="ignore", over="ignore"):
        index = np.rint((np.clip(clean / scale, -1.0, 1.0) + 1.0) * 127.0).astype(np.intp)
    index[~finite] = 255
    rgba = np.ascontiguousarray(_HEAT[index])
    image = QImage(rgba.data, v.shape[1], v.shape[0], 4 * v.shape[1], QImage.Format_RGBA8888).copy()
    return image, scale


def scaled_pixmap(image: QImage, size: int) -> QPixmap:
    """``image`` enlarged (or shrunk) to ``size`` x ``size`` pixels, pixels kept sharp."""
    return QPixmap.fromImage(image.scaled(size, size, Qt.IgnoreAspectRatio, Qt.FastTransformation))
