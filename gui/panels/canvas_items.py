"""The scene items of the network drawing: a column (one layer or the inputs)
with its neurons and incoming weight lines; its card is in :mod:`gui.panels.layer_card`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPixmapItem,
    QGraphicsProxyWidget,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
)

from gui import feature_inputs as fi
from gui import network_edit as ne
from gui.panels.canvas_style import (
    _GREY,
    CARD_WIDTH,
    CARD_Y,
    COLUMN_GAP,
    MAX_LINES,
    MAX_SHOWN,
    NEURON,
    NEURON_GAP,
    TOP,
    _heat_pixmap,
)
from gui.panels.layer_card import LayerHeader, _CardProxy

if TYPE_CHECKING:
    from gui.panels.network_canvas import NetworkCanvas


class _Holder(QGraphicsItem):
    """An invisible parent: a column's items move together with it."""

    def __init__(self):
        super().__init__()
        self.setFlag(QGraphicsItem.ItemHasNoContents, True)

    def boundingRect(self):
        return QRectF()

    def paint(self, *args):
        pass


class WeightLine(QGraphicsLineItem):
    """One weight; hovering shows its value and gradient."""

    def __init__(self, column: Column, row: int, col: int, *args):
        super().__init__(*args)
        self.column, self.row, self.col = column, row, col
        self.setAcceptHoverEvents(True)
        self.setZValue(-1)

    def hoverEnterEvent(self, event):
        canvas = self.column.canvas
        text = canvas.weight_text(self.column.wpath, self.row, self.col)
        self.setToolTip(text)
        canvas.status.emit(text)
        pen = self.pen()
        pen.setColor(pen.color().darker(150))
        self.setPen(pen)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event):
        self.column.pen_keys = None  # restore every pen on the next refresh
        self.column.canvas.refresh_lines()
        super().hoverLeaveEvent(event)

    def mouseDoubleClickEvent(self, event):
        """Type this weight's value."""
        self.column.canvas.edit_parameter(self.column.wpath, "weight", (self.row, self.col), event.screenPos())
        event.accept()


class Neuron(QGraphicsRectItem):
    """A unit: hovering shows its output over the input plane (2-D data)."""

    def __init__(self, column: Column, unit: int, y: float):
        super().__init__(-NEURON / 2, y - NEURON / 2, NEURON, NEURON)
        self.column, self.unit = column, unit
        self.setAcceptHoverEvents(column.kind == "dense")
        self.setBrush(QBrush(QColor(245, 245, 245)))
        self.setPen(QPen(QColor(90, 90, 90), 1))
        self.pixmap = QGraphicsPixmapItem(self)
        self.pixmap.setOffset(-NEURON / 2 + 1, y - NEURON / 2 + 1)

    @property
    def path(self) -> str | None:
        return self.column.wpath

    def hoverEnterEvent(self, event):
        canvas = self.column.canvas
        self.setPen(QPen(QColor(20, 20, 20), 2.5))
        canvas.neuron_hovered.emit(self.path, self.unit)
        canvas.status.emit(canvas.neuron_text(self.path, self.unit))
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event):
        self.setPen(QPen(QColor(90, 90, 90), 1))
        self.column.canvas.neuron_hovered.emit(None, -1)
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event):
        canvas = self.column.canvas
        if self.column.kind == "input" and canvas.feature_slots is not None and event.button() == Qt.LeftButton:
            canvas.toggle_feature(self.unit)  # a candidate feature: switch it
            event.accept()
            return
        canvas.layer_selected.emit(self.path or "")
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event):
        """Type this unit's bias (dense layers with a bias)."""
        layer = self.column.layer or {}
        if self.path is not None and layer.get("bias", True):
            self.column.canvas.edit_parameter(self.path, "bias", (self.unit,), event.screenPos())
            event.accept()
            return
        super().mouseDoubleClickEvent(event)


class Column:
    """One drawn layer (or the inputs): a holder item at x with its neurons, its
    incoming lines and, once in view, its card."""

    def __init__(self, canvas: NetworkCanvas, shape, layer: dict | None):
        self.canvas = canvas
        self.kind = shape.kind if shape is not None else "input"
        self.path: tuple | None = shape.path if shape is not None else None
        self.layer = layer
        self.in_width = shape.in_width if shape is not None else 0
        self.width = shape.out_width if shape is not None else canvas.input_width
        #: the first layer under switchable input features: the input slot of each of its inputs
        self.input_slots: tuple = ()
        self.is_output = False
        self.holder = _Holder()
        canvas.scene().addItem(self.holder)
        self.neurons: list[Neuron] = []
        self.lines: list[WeightLine] = []
        self.rows = self.cols = np.zeros(0, int)
        self.pen_keys: list | None = None
        self.body: list[QGraphicsItem] = []
        self.header: LayerHeader | None = None
        self.proxy: QGraphicsProxyWidget | None = None
        self.x = 0.0

    @property
    def key(self):
        """What the drawn body depends on: equal keys, equal drawings."""
        if self.kind == "input":
            return ("input", self.width, tuple(self.canvas.feature_names[:MAX_SHOWN]), self.canvas.feature_slots or ())
        return (self.kind, self.in_width, self.width) + tuple(self.input_slots)

    @property
    def wpath(self) -> str | None:
        return ne.weights_path(self.path) if self.path is not None and self.kind == "dense" else None

    def set_x(self, x: float) -> None:
        self.x = x
        self.holder.setPos(x, 0)
        if self.proxy is not None:
            self.proxy.setPos(x - CARD_WIDTH / 2, CARD_Y)

    def build_body(self) -> None:
        """(Re)create the neurons and incoming lines for the current widths."""
        scene = self.canvas.scene()
        for item in self.body:
            scene.removeItem(item)
        self.body, self.neurons, self.lines, self.pen_keys = [], [], [], None
        self.canvas.bodies_built += 1
        shown = min(self.width, MAX_SHOWN)
        ys = [TOP + i * NEURON_GAP for i in range(shown)]
        for i, y in enumerate(ys):
            if self.kind in ("dropout", "batchnorm"):
                dot = QGraphicsEllipseItem(-6, y - 6, 12, 12, self.holder)
                dot.setBrush(QColor(200, 205, 215) if self.kind == "dropout" else QColor(190, 220, 200))
                dot.setPen(QPen(QColor(120, 120, 120)))
                self.body.append(dot)
                continue
            neuron = Neuron(self, i, y)
            neuron.setParentItem(self.holder)
            self.neurons.append(neuron)
            self.body.append(neuron)
            if self.kind == "input" and self.canvas.feature_slots is not None:
                self._feature_neuron(neuron, i, y)
            elif self.kind == "input":
                names = self.canvas.feature_names
                text = QGraphicsSimpleTextItem((names[i] if i < len(names) else f"x{i + 1}")[:10], self.holder)
                text.setPos(-NEURON / 2 - text.boundingRect().width() - 6, y - 8)
                self.body.append(text)
        if self.width > shown:
            more = QGraphicsSimpleTextItem(
                QCoreApplication.translate("NetworkCanvas", "… {n} more").format(n=f"{self.width - shown:,}"),
                self.holder,
            )
            more.setPos(-more.boundingRect().width() / 2, ys[-1] + NEURON / 2 + 2)
            self.body.append(more)
        if self.kind == "input":
            label = QGraphicsSimpleTextItem(QCoreApplication.translate("NetworkCanvas", "Inputs"), self.holder)
            label.setFont(QFont(label.font().family(), 10, QFont.Bold))
            label.setPos(-label.boundingRect().width() / 2, TOP - NEURON - 12)
            self.body.append(label)
            return
        if self.input_slots:  # switchable features: lines only from the ones on
            prev = [TOP + s * NEURON_GAP for s in self.input_slots]
        else:
            prev = [TOP + i * NEURON_GAP for i in range(min(self.in_width, MAX_SHOWN))]
        x0 = -COLUMN_GAP + NEURON / 2
        if self.kind == "dense":
            rows, cols = [], []
            for row, y1 in enumerate(ys):
                for col, y0 in enumerate(prev):
                    if len(rows) >= MAX_LINES:
                        break
                    line = WeightLine(self, row, col, x0, y0, -NEURON / 2, y1, self.holder)
                    line.setPen(_GREY)
                    self.lines.append(line)
                    self.body.append(line)
                    rows.append(row)
                    cols.append(col)
            self.rows, self.cols = np.array(rows, int), np.array(cols, int)
        else:
            for y0, y1 in zip(prev, ys):
                line = QGraphicsLineItem(x0, y0, -6, y1, self.holder)
                line.setPen(QPen(QColor(170, 170, 170), 1, Qt.DashLine))
                line.setZValue(-1)
                self.body.append(line)

    def _feature_neuron(self, neuron: Neuron, slot: int, y: float) -> None:
        """A candidate input feature: its picture over the input plane, dimmed when off."""
        on = slot in self.canvas.feature_slots
        lo, hi = self.canvas.feature_extent
        neuron.pixmap.setPixmap(_heat_pixmap(fi.feature_values(slot, lo, hi), NEURON - 2))
        neuron.setCursor(Qt.PointingHandCursor)
        neuron.setToolTip(fi.tooltip(slot, on))
        neuron.feature_on = on
        text = QGraphicsSimpleTextItem(fi.LABELS[slot], self.holder)
        text.setPos(-NEURON / 2 - text.boundingRect().width() - 6, y - 8)
        text.setToolTip(neuron.toolTip())
        if on:
            neuron.setPen(QPen(QColor(40, 40, 40), 1.5))
        else:
            neuron.setOpacity(0.3)
            text.setBrush(QColor(160, 160, 160))
        self.body.append(text)

    def ensure_header(self) -> None:
        if self.proxy is not None or self.kind == "input":
            return
        self.header = LayerHeader(self)
        self.proxy = _CardProxy()
        self.proxy.setWidget(self.header)
        # re-rendering a proxied widget on every repaint is half the canvas' cost;
        # the cache is redrawn when the card itself changes
        self.proxy.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.proxy.setZValue(1)
        self.canvas.scene().addItem(self.proxy)
        self.proxy.setPos(self.x - CARD_WIDTH / 2, CARD_Y)

    def set_layer(self, path: tuple, layer: dict, is_output: bool) -> None:
        changed = (path, layer, is_output) != (self.path, self.layer, self.is_output)
        self.path, self.layer, self.is_output = path, layer, is_output
        if changed and self.header is not None:
            self.header.update_from_layer()

    def remove(self) -> None:
        scene = self.canvas.scene()
        if self.proxy is not None:
            # the scene owns the card until it is deleted (removeItem would hand it to
            # Python, which frees it at once, and a pending deleteLater would then crash)
            self.proxy.hide()
            self.proxy.deleteLater()
            self.proxy = self.header = None
        scene.removeItem(self.holder)
