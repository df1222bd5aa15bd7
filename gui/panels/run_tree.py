"""The other runs of the current run's tree, drawn on the loss plot.

After Branch Here the run history holds a tree of runs (``parent_id`` and
``branch_step``).  The loss plot draws, behind the current run's own curve, every
other run of its tree as a coloured, faded curve of its batch loss (the current
run's ancestors stronger than its siblings and cousins), each from its branch point
on, and marks every branch point with a diamond on its parent's curve and a label
("#7 from #3 at step 120").  :func:`tree_curves` reads them from a
:class:`core.runs.RunStore`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from . import style

TREE_COLORS = ("#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")
#: points per curve at most (neighbours averaged): the tree costs little per frame
MAX_POINTS = 1500
ANCESTOR_ALPHA = 150  # an ancestor up to where the current run's line leaves it
OTHER_ALPHA = 90  # every other part: the futures not taken


@dataclass
class TreeCurve:
    run_id: int
    steps: np.ndarray
    loss: np.ndarray
    color: str
    ancestor: bool  # an ancestor of the current run (drawn stronger up to ``until``)
    parent_id: int | None = None
    branch_step: int | None = None
    branch_loss: float | None = None  # the parent's loss at the branch point (where the diamond goes)
    until: float | None = None  # an ancestor: the step where the current run's line leaves it


def _thin(steps: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(steps)
    if n <= MAX_POINTS:
        return steps, values
    k = -(-n // MAX_POINTS)
    m = (n // k) * k
    return steps[:m].reshape(-1, k).mean(axis=1), np.nanmean(values[:m].reshape(-1, k), axis=1)


def absolute_steps(history: dict, branch_step: int | None) -> np.ndarray:
    """A run's steps on its tree's step axis: a branch's history counts on from its branch
    point; a child run recorded from step 0 (a rebuild that kept the weights) is shifted there."""
    steps = np.asarray(history.get("step", ()), dtype=float)
    if branch_step and len(steps) and steps[0] <= branch_step:
        return steps + branch_step
    return steps


def tree_of(store, run_id: int) -> dict:
    """``{id: RunRecord}`` of every run in ``run_id``'s tree (its root's descendants)."""
    records = {rec.id: rec for rec in store.runs()}
    if run_id not in records:
        return {}
    root = run_id
    seen = {root}
    while records[root].parent_id in records and records[root].parent_id not in seen:
        root = records[root].parent_id
        seen.add(root)
    tree, todo = {}, [root]
    children: dict[int, list[int]] = {}
    for rec in records.values():
        if rec.parent_id is not None:
            children.setdefault(rec.parent_id, []).append(rec.id)
    while todo:
        rid = todo.pop()
        if rid in tree:
            continue
        tree[rid] = records[rid]
        todo.extend(children.get(rid, []))
    return tree


def tree_curves(store, anchor: int | None, current: int | None = None, until: int | None = None) -> list[TreeCurve]:
    """The curves of ``anchor``'s tree but ``current`` (the run training now, drawn live):
    ``anchor`` is the current run, or its parent while it has not been written yet (then
    ``until`` is the step the current run left it)."""
    if store is None or anchor is None:
        return []
    try:
        tree = tree_of(store, anchor)
    except Exception:  # the history could not be read: nothing drawn
        return []
    if len(tree) < 2 and current in tree:
        return []
    ancestors: dict[int, float | None] = {}  # ancestor -> the step where the line towards the current run leaves it
    leave = until
    rid = anchor if anchor != current else tree[anchor].parent_id if anchor in tree else None
    if anchor == current and anchor in tree:
        leave = tree[anchor].branch_step
    while rid in tree and rid not in ancestors:
        ancestors[rid] = leave
        leave = tree[rid].branch_step
        rid = tree[rid].parent_id
    out: list[TreeCurve] = []
    histories: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for i, rec in enumerate(sorted(tree.values(), key=lambda r: r.id)):
        try:
            history = store.history(rec.id)
        except Exception:
            history = {}
        steps = absolute_steps(history, rec.branch_step)
        loss = np.asarray(history.get("batch_loss", np.full(len(steps), np.nan)), dtype=float)
        histories[rec.id] = (steps, loss)
        if rec.id == current:
            continue
        steps, loss = _thin(steps, style.drawable(loss)[0])
        out.append(
            TreeCurve(
                rec.id,
                steps,
                loss,
                TREE_COLORS[i % len(TREE_COLORS)],
                rec.id in ancestors,
                rec.parent_id,
                rec.branch_step,
                until=ancestors.get(rec.id),
            )
        )
    for curve in out:  # where each branch leaves its parent: the parent's loss at that step
        curve.branch_loss = loss_at(histories.get(curve.parent_id), curve.branch_step)
    return out


def loss_at(curve: tuple | None, step: int | None) -> float | None:
    """The loss of ``curve`` ``(steps, loss)`` at ``step`` (the nearest logged one at or after it)."""
    if curve is None or step is None or not len(curve[0]):
        return None
    j = int(np.clip(np.searchsorted(curve[0], step), 0, len(curve[0]) - 1))
    value = float(curve[1][j])
    return value if np.isfinite(value) else None


def branch_text(run_id: int | None, parent_id: int | None) -> str:
    """The label at a branch point (short: it sits in the plot; the tooltip says the step)."""
    if run_id is None:
        return QCoreApplication.translate("RunTreeCurves", "\u21b3 from #{parent}").format(parent=parent_id)
    return QCoreApplication.translate("RunTreeCurves", "\u21b3 #{run} from #{parent}").format(
        run=run_id, parent=parent_id
    )


def branch_tooltip(run_id: int | None, parent_id: int | None, step: int | None) -> str:
    if run_id is None:
        return QCoreApplication.translate(
            "RunTreeCurves", "This run branches from run #{parent} at step {step}"
        ).format(parent=parent_id, step=f"{step:,}")
    return QCoreApplication.translate("RunTreeCurves", "Run #{run} branches from run #{parent} at step {step}").format(
        run=run_id, parent=parent_id, step=f"{step:,}"
    )


class RunTreeCurves:
    """Draws :class:`TreeCurve` s and branch points on a plot (behind its own curves)."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        self.items: list = []
        self.curves: list[TreeCurve] = []
        self.max_step = 0.0

    def clear(self) -> None:
        for item in self.items:
            self.plot.removeItem(item)
        self.items = []
        self.curves = []
        self.max_step = 0.0

    def show(self, curves: list[TreeCurve], current_branch: tuple | None = None, scale: float = 1.0) -> None:
        """Draw ``curves``; ``current_branch`` ``(run id or None, parent id, step, loss)`` marks where the
        live run leaves its parent; ``scale`` converts the losses as the plot's own (a target's units)."""
        self.clear()
        self.curves = list(curves)
        points = []
        for curve in curves:
            if np.isfinite(curve.loss).any():
                # an ancestor strong up to where the current run leaves it, faded after (the future not taken)
                cut = 0
                if curve.ancestor:
                    cut = len(curve.steps)
                    if curve.until is not None:
                        cut = int(np.searchsorted(curve.steps, curve.until, "right"))
                parts = ((0, cut, ANCESTOR_ALPHA, 1.4), (max(cut - 1, 0), len(curve.steps), OTHER_ALPHA, 1.0))
                for start, end, alpha, width in parts:
                    if end - start < 2:
                        continue
                    item = pg.PlotDataItem(
                        curve.steps[start:end],
                        curve.loss[start:end] * scale,
                        pen=pg.mkPen(style.with_alpha(curve.color, alpha), width=width),
                        connect="finite",
                    )
                    item.setZValue(-5)
                    self._add(item)
                self.max_step = max(self.max_step, float(np.nanmax(curve.steps)))
            if curve.parent_id is not None and curve.branch_step is not None:
                loss = None if curve.branch_loss is None else curve.branch_loss * scale
                points.append((curve.run_id, curve.parent_id, curve.branch_step, loss, curve.color))
        if current_branch is not None and current_branch[1] is not None and current_branch[2] is not None:
            run_id, parent_id, step = current_branch[:3]
            loss = current_branch[3] * scale if len(current_branch) > 3 and current_branch[3] is not None else None
            points.append((run_id, parent_id, step, loss, style.TRAIN))
        for k, (run_id, parent_id, step, loss, color) in enumerate(points):
            text = branch_text(run_id, parent_id)
            line = pg.InfiniteLine(
                pos=step,
                angle=90,
                pen=pg.mkPen(style.with_alpha(color, 90), width=1, style=Qt.DotLine),
                movable=False,
                label=text,
                labelOpts={"position": 0.08 + 0.1 * (k % 3), "color": color, "anchors": [(0, 0), (0, 0)]},
            )
            line.setToolTip(branch_tooltip(run_id, parent_id, step))
            self._add(line, ignore_bounds=True)
            if loss is not None and np.isfinite(loss) and loss > 0:
                mark = pg.PlotDataItem(
                    [step], [loss], pen=None, symbol="d", symbolSize=11, symbolBrush=color, symbolPen=pg.mkPen("w")
                )
                mark.setZValue(6)
                self._add(mark)

    def _add(self, item, ignore_bounds: bool = False) -> None:
        self.plot.addItem(item, ignoreBounds=ignore_bounds)
        self.items.append(item)
