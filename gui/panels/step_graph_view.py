"""The step-through view's drawing: the computation graph of one example, left to
right like the network canvas.

Each :class:`core.graph.Node` is a column of unit boxes showing the unit's value
and, once the walk back has reached it, ∂L/∂unit.  A node of more than
:data:`MAX_UNITS` units is drawn collapsed: one box with its shape and norms.
Edges join the units that read one another (all pairs for a dense layer, unit
to unit for an elementwise one); the edges the current step uses are
highlighted.  Values not reached by the walk yet are shown as "·"; NaN and
infinities as written by :func:`gui.panels.step_formulas.number`.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from gui.panels.step_formulas import number

MAX_UNITS = 8  # a node with more units is drawn collapsed
MAX_EDGES = 64  # unit-to-unit edges drawn between two nodes; more: one edge
COLUMN = 118
BOX_W, BOX_H, GAP = 86, 40, 8
COLLAPSED_H = 74
MIN_SCALE, MAX_SCALE = 0.55, 1.6

_EDGE = QPen(QColor(190, 195, 205), 1)
_EDGE_ON = QPen(QColor(230, 120, 30), 2.2)
_BORDER = QPen(QColor(150, 156, 170), 1)
_CURRENT = QPen(QColor(230, 120, 30), 3)
_HIDDEN = QBrush(QColor(240, 241, 244))
_FORWARD = QBrush(QColor(255, 255, 255))
_BACKWARD = QBrush(QColor(234, 242, 251))
_GRAD = QColor(33, 90, 160)


def kind_name(kind: str) -> str:
    names = {
        "input": QCoreApplication.translate("StepGraphView", "input"),
        "weighted_sum": QCoreApplication.translate("StepGraphView", "weighted sum"),
        "activation": QCoreApplication.translate("StepGraphView", "activation"),
        "dropout": QCoreApplication.translate("StepGraphView", "dropout"),
        "batchnorm": QCoreApplication.translate("StepGraphView", "batch norm"),
        "residual_add": QCoreApplication.translate("StepGraphView", "residual add"),
        "loss": QCoreApplication.translate("StepGraphView", "loss"),
    }
    return names.get(kind, kind)


class _Unit:
    """One drawn box: a unit, or a whole collapsed node (``unit`` -1)."""

    def __init__(self, scene, rect: QRectF, node_id: str, unit: int):
        self.node_id, self.unit = node_id, unit
        self.box = QGraphicsRectItem(rect)
        self.box.setPen(_BORDER)
        self.box.setBrush(_HIDDEN)
        self.box.setData(0, (node_id, unit))
        scene.addItem(self.box)
        self.value = QGraphicsSimpleTextItem(self.box)
        self.grad = QGraphicsSimpleTextItem(self.box)
        self.grad.setBrush(_GRAD)
        self.rect = rect

    def set_text(self, value: str, grad: str):
        r = self.rect
        h = r.height() / 2
        for item, text, row in ((self.value, value, 0), (self.grad, grad, 1)):
            item.setText(text)
            box = item.boundingRect()
            item.setPos(r.center().x() - box.width() / 2, r.top() + h * row + (h - box.height()) / 2)

    def anchor(self, right: bool) -> QPointF:
        r = self.rect
        return QPointF(r.right() if right else r.left(), r.center().y())


class GraphView(QGraphicsView):
    """Draws a :class:`core.graph.Graph`; :meth:`show_walk` reveals and highlights."""

    unit_clicked = Signal(str, int)  # node id, unit (-1: a collapsed node)
    #: a double-click on a weight (an edge into a weighted sum) or a bias (a weighted-sum box):
    #: layer weights path, "weight" or "bias", index ((unit, input) or (unit,)), its value
    value_edit_requested = Signal(str, str, object, float, QPointF)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stepGraph")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.Antialiasing)
        self.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.setBackgroundBrush(QColor(255, 255, 255))
        self.graph = None
        self.units: dict[tuple, _Unit] = {}
        self.edges: dict[tuple, QGraphicsPathItem] = {}
        self._edge_ends: dict[tuple, tuple] = {}
        self._lit: list = []
        self._current = None

    # ---- Public API
    def collapsed(self, node) -> bool:
        return node.units > MAX_UNITS

    def set_graph(self, graph) -> None:
        """Draw ``graph`` from scratch (nothing revealed)."""
        scene = self.scene()
        scene.clear()
        self.units, self.edges, self._lit, self._current = {}, {}, [], None
        self._edge_ends = {}
        self._tops: dict[str, float] = {}
        self.graph = graph
        small = QFont()
        small.setPointSizeF(max(small.pointSizeF() - 1.5, 6.5))
        for node in graph.nodes:
            x = node.column * COLUMN
            if self.collapsed(node):
                rect = QRectF(x, -COLLAPSED_H / 2, BOX_W, COLLAPSED_H)
                self.units[(node.id, -1)] = _Unit(scene, rect, node.id, -1)
                top = rect.top()
            else:
                n = node.units
                height = n * BOX_H + (n - 1) * GAP
                top = -height / 2
                for u in range(n):
                    rect = QRectF(x, top + u * (BOX_H + GAP), BOX_W, BOX_H)
                    self.units[(node.id, u)] = _Unit(scene, rect, node.id, u)
            self._tops[node.id] = top
            title = QGraphicsSimpleTextItem(node.symbol)
            bold = QFont()
            bold.setBold(True)
            title.setFont(bold)
            kind = QGraphicsSimpleTextItem(kind_name(node.kind))
            kind.setFont(small)
            kind.setBrush(QColor(110, 115, 130))
            for item, dy in ((title, -34), (kind, -18)):
                item.setPos(x + BOX_W / 2 - item.boundingRect().width() / 2, top + dy)
                scene.addItem(item)
            for u in range(1 if self.collapsed(node) else node.units):
                key = (node.id, -1 if self.collapsed(node) else u)
                self.units[key].value.setFont(small)
                self.units[key].grad.setFont(small)
        for node in graph.nodes:
            for src_id in node.inputs:
                self._add_edges(graph.node(src_id), node)
        rect = scene.itemsBoundingRect().adjusted(-12, -12, 12, 12)
        scene.setSceneRect(rect)

    def update_graph(self, graph) -> None:
        """New numbers for the graph drawn (same nodes and widths): shown by the next
        :meth:`show_walk`."""
        self.graph = graph

    def show_walk(self, walk: list, pos: int) -> None:
        """Reveal what the walk has computed up to ``pos`` (entries (phase, node id, unit))
        and highlight the entry at ``pos``."""
        g = self.graph
        if g is None:
            return
        done = walk[: pos + 1]
        backward_started = any(p == "backward" for p, _, _ in done)
        values = {(n, u) for p, n, u in done if p == "forward"}
        grads = {(n, u) for p, n, u in done if p == "backward"}
        for (node_id, unit), item in self.units.items():
            node = g.node(node_id)
            if unit < 0:
                seen_v = backward_started or (node_id, -1) in values
                seen_g = (node_id, -1) in grads
                shape = QCoreApplication.translate("StepGraphView", "{n} units").format(n=f"{node.units:,}")
                value = shape + ("\n‖v‖ " + number(_norm(node.value)) if seen_v else "")
                item.set_text(value, ("‖∂‖ " + number(_norm(node.grad))) if seen_g else "")
            else:
                seen_v = backward_started or (node_id, unit) in values
                seen_g = (node_id, unit) in grads
                grad = ("∂ " + number(node.grad[unit])) if seen_g else ""
                if node.info.get("fused") is True and backward_started:
                    grad = "∂ —"  # the loss hands ∂L/∂z straight to the weighted sum
                item.set_text(number(node.value[unit]) if seen_v else "·", grad)
            item.box.setBrush(_BACKWARD if seen_g else _FORWARD if seen_v else _HIDDEN)
            item.box.setPen(_BORDER)
        for line in self._lit:
            line.setPen(_EDGE)
            line.setZValue(-2)
        self._lit = []
        self._current = None
        if 0 <= pos < len(walk):
            phase, node_id, unit = walk[pos]
            item = self.units.get((node_id, unit))
            if item is not None:
                item.box.setPen(_CURRENT)
                self._current = item
                self.ensureVisible(item.box, 40, 40)
            for key, line in self.edges.items():
                src, su, dst, du = key
                if phase == "forward":
                    hit = dst == node_id and du in (unit, -1)
                else:
                    hit = src == node_id and su in (unit, -1)
                if hit:
                    line.setPen(_EDGE_ON)
                    line.setZValue(-1)
                    self._lit.append(line)

    def fit(self) -> None:
        """Scale the drawing to the view (between :data:`MIN_SCALE` and :data:`MAX_SCALE`;
        a wider graph scrolls sideways)."""
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        sy = (self.viewport().height() - 4) / rect.height()
        sx = (self.viewport().width() - 4) / rect.width()
        s = max(MIN_SCALE, min(MAX_SCALE, sy, sx))
        self.resetTransform()
        self.scale(s, s)
        if self._current is not None:
            self.ensureVisible(self._current.box, 40, 40)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fit()

    # ---- Private API
    def _add_edges(self, src, dst) -> None:
        scene = self.scene()
        sc, dc = self.collapsed(src), self.collapsed(dst)
        pairs = []
        if dst.wiring == "elementwise" and not sc and not dc:
            pairs = [(u, u) for u in range(dst.units)]
        elif not sc and not dc and src.units * dst.units <= MAX_EDGES:
            pairs = [(i, j) for i in range(src.units) for j in range(dst.units)]
        if not pairs:  # one edge between the nodes
            a = self._anchor(src, True)
            b = self._anchor(dst, False)
            self._line(scene, a, b, (src.id, -1, dst.id, -1))
            return
        for i, j in pairs:
            a = self.units[(src.id, i)].anchor(True)
            b = self.units[(dst.id, j)].anchor(False)
            self._line(scene, a, b, (src.id, i, dst.id, j))

    def _anchor(self, node, right: bool) -> QPointF:
        if self.collapsed(node):
            return self.units[(node.id, -1)].anchor(right)
        x = node.column * COLUMN + (BOX_W if right else 0)
        return QPointF(x, 0)

    def _line(self, scene, a, b, key) -> None:
        path = QPainterPath(a)
        src, dst = self.graph.node(key[0]), self.graph.node(key[2])
        if dst.column - src.column > 1:  # a skip connection: an arc over the nodes between
            between = [n for n in self.graph.nodes if src.column < n.column < dst.column]
            top = min(self._tops[n.id] for n in between) - 84
            path.cubicTo(QPointF(a.x() + 40, top), QPointF(b.x() - 40, top), b)
        else:
            path.lineTo(b)
        line = QGraphicsPathItem(path)
        line.setPen(_EDGE)
        line.setZValue(-2)
        scene.addItem(line)
        self.edges[key] = line
        self._edge_ends[key] = (QPointF(a), QPointF(b))

    def mousePressEvent(self, event):
        item = self.itemAt(event.position().toPoint())
        while item is not None and item.data(0) is None:
            item = item.parentItem()
        if item is not None and event.button() == Qt.LeftButton:
            node_id, unit = item.data(0)
            self.unit_clicked.emit(node_id, unit)
            return
        super().mousePressEvent(event)


    def mouseDoubleClickEvent(self, event):
        """Type a weight (double-click its edge) or a bias (double-click a weighted sum's unit)."""
        if event.button() != Qt.LeftButton or self.graph is None:
            return super().mouseDoubleClickEvent(event)
        pos = event.position().toPoint()
        target = self._parameter_at(self.mapToScene(pos))
        if target is None:
            return super().mouseDoubleClickEvent(event)
        self.value_edit_requested.emit(*target, QPointF(self.mapToGlobal(pos)))

    def _parameter_at(self, point: QPointF):
        """``(path, name, index, value)`` of the weight or bias drawn at ``point``, if any."""
        item = self.itemAt(self.mapFromScene(point))
        while item is not None and item.data(0) is None:
            item = item.parentItem()
        if item is not None:
            node_id, unit = item.data(0)
            node = self.graph.node(node_id)
            bias = node.info.get("bias") if node.kind == "weighted_sum" else None
            if bias is not None and unit >= 0:
                return node.path, "bias", (unit,), float(bias[unit])
            return None
        best, best_d = None, 6.0  # pixels of the view: an edge within this reach
        scale = max(self.transform().m11(), 1e-9)
        for key, (a, b) in self._edge_ends.items():
            src_id, i, dst_id, j = key
            dst = self.graph.node(dst_id)
            if dst.kind != "weighted_sum" or i < 0 or j < 0 or dst.info.get("weight") is None:
                continue
            d = _distance(point, a, b) * scale
            if d < best_d:
                best, best_d = (dst.path, "weight", (j, i), float(dst.info["weight"][j, i])), d
        return best


def _distance(p: QPointF, a: QPointF, b: QPointF) -> float:
    """Distance from ``p`` to the segment ``a``–``b`` (scene units)."""
    ax, ay, bx, by, px, py = a.x(), a.y(), b.x(), b.y(), p.x(), p.y()
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    cx, cy = ax + t * dx - px, ay + t * dy - py
    return (cx * cx + cy * cy) ** 0.5


def _norm(v) -> float:
    v = np.asarray(v, float)
    finite = v[np.isfinite(v)]
    return float(np.linalg.norm(finite)) if finite.size == v.size else float("nan")
