"""ROC and precision-recall: the curves equal scikit-learn's, the snapshot carries the scores
behind its confusion matrix, and the panel draws them for binary classification only."""

import numpy as np
import pytest
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve

from core.curves import binary_curves
from core.project import default_project
from core.snapshot import take_snapshot
from core.trainer import Trainer


@pytest.mark.parametrize("seed", range(40))
def test_curves_equal_scikit_learns(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 80))
    y = rng.integers(0, 2, n)
    y[:2] = [0, 1]
    score = np.round(rng.random(n), int(rng.integers(1, 4)))  # ties too
    c = binary_curves(y, score)
    fpr, tpr, _ = roc_curve(y, score, drop_intermediate=False)
    np.testing.assert_allclose(c.fpr, fpr)
    np.testing.assert_allclose(c.tpr, tpr)
    assert c.auc == pytest.approx(roc_auc_score(y, score), abs=1e-12)
    precision, recall, thresholds = precision_recall_curve(y, score)
    np.testing.assert_allclose(c.precision, precision)
    np.testing.assert_allclose(c.recall, recall)
    np.testing.assert_allclose(c.pr_thresholds, thresholds)
    assert c.average_precision == pytest.approx(average_precision_score(y, score), abs=1e-12)


def test_non_finite_scores_are_left_out_and_one_class_has_no_curve():
    c = binary_curves([0, 1, 1, 0], [0.1, np.nan, 0.9, np.inf])
    assert c.left_out == 2 and c.auc == 1.0
    assert binary_curves([1, 1, 1], [0.2, 0.5, 0.9]) is None


def test_binary_snapshot_scores_agree_with_its_confusion_matrix():
    tr = Trainer(default_project())
    for _ in range(30):
        tr.step()
    p = take_snapshot(tr, predictions=True).predictions
    assert p.scores.shape == p.labels.shape == (p.rows,)
    pred = (p.scores > 0.5).astype(int)
    np.testing.assert_array_equal(np.bincount(p.labels * 2 + pred, minlength=4).reshape(2, 2), p.confusion)
    np.testing.assert_array_equal(p.confusion, tr.confusion_of(tr.x_val, tr.data.y_val))


def test_panel_draws_binary_curves_and_explains_other_tasks(qtbot):
    from gui.panels.roc_panel import RocPanel

    panel = RocPanel()
    qtbot.addWidget(panel)
    tr = Trainer(default_project())
    for _ in range(200):
        tr.step()
    panel.reset(tr.info())
    snap = take_snapshot(tr, predictions=True)
    panel.update_snapshot(snap)
    c = binary_curves(snap.predictions.labels, snap.predictions.scores)
    x, y = panel.roc_curve.getData()
    np.testing.assert_allclose(x, c.fpr)
    assert f"{c.auc:.3f}" in panel.auc_text.toPlainText()
    assert f"{c.average_precision:.3f}" in panel.ap_text.toPlainText()
    assert [t.toPlainText() for t in panel.cell_text] == [f"{n:,}" for n in snap.predictions.confusion.ravel()]
    p = default_project()
    p["data"] = {"source": "gaussians", "classes": 3}
    p["network"]["layers"][-1] = {"type": "dense", "units": 3, "activation": "softmax"}
    panel.reset(Trainer(p).info())
    assert panel.widget.isHidden() and "binary" in panel.message.text()
    assert panel.export_items() == []
