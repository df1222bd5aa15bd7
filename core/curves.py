"""ROC and precision-recall curves of a binary classifier, as scikit-learn defines them.

``roc(y, score)``: false and true positive rates at every distinct threshold (the
highest first, starting from (0, 0)), and the area under the curve (trapezoids).
``precision_recall(y, score)``: precision and recall at every distinct threshold
(lowest first, ending at recall 0, precision 1), and average precision
AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ (no interpolation).  Non-finite scores are left out and
counted; with only one class present the curves are undefined (None).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BinaryCurves:
    fpr: np.ndarray
    tpr: np.ndarray
    roc_thresholds: np.ndarray
    auc: float
    precision: np.ndarray
    recall: np.ndarray
    pr_thresholds: np.ndarray
    average_precision: float
    positives: int
    negatives: int
    left_out: int  # rows whose score was not finite


def _counts(y: np.ndarray, score: np.ndarray):
    order = np.argsort(score, kind="mergesort")[::-1]
    score, y = score[order], y[order]
    last = np.r_[np.flatnonzero(np.diff(score)), y.size - 1]  # the last row of each distinct score
    tps = np.cumsum(y)[last]
    fps = 1 + last - tps
    return fps.astype(np.float64), tps.astype(np.float64), score[last]


def binary_curves(y, score) -> BinaryCurves | None:
    """Both curves for labels ``y`` (0/1) and scores (higher: more likely class 1)."""
    y = np.asarray(y).ravel().astype(np.int64)
    score = np.asarray(score, dtype=np.float64).ravel()
    keep = np.isfinite(score)
    left_out = int(np.count_nonzero(~keep))
    y, score = y[keep], score[keep]
    pos = int(np.count_nonzero(y == 1))
    neg = int(y.size - pos)
    if pos == 0 or neg == 0:
        return None
    fps, tps, thresholds = _counts(y, score)
    fpr = np.r_[0.0, fps / neg]
    tpr = np.r_[0.0, tps / pos]
    auc = float(np.trapezoid(tpr, fpr)) if hasattr(np, "trapezoid") else float(np.trapz(tpr, fpr))
    precision = tps / (tps + fps)
    recall = tps / pos
    # every threshold, lowest first (as sklearn.metrics.precision_recall_curve), ending at
    # recall 0, precision 1
    precision = np.r_[precision[::-1], 1.0]
    recall = np.r_[recall[::-1], 0.0]
    ap = float(-np.sum(np.diff(recall) * precision[:-1]))
    return BinaryCurves(
        fpr, tpr, np.r_[np.inf, thresholds], auc, precision, recall, thresholds[::-1], ap, pos, neg, left_out
    )
