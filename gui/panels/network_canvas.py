"""The network drawing: layers as columns of neurons, weights as coloured lines.

Line colour shows a weight's sign (blue positive, orange negative) and its width
the magnitude; both follow training live.  For 2-D data each hidden neuron is a
small picture of its output over the input plane.  Every layer has a header
with - / + for its units, its activation and initialiser, and a menu to insert
dropout or batch norm, wrap it in a residual block (drawn as a skip arc),
move or remove it.  Headers can be dragged sideways to reorder layers.
All edits are emitted as new layer lists (``edit_requested``); the main
window turns them into undoable commands.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QDrag, QFont, QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsProxyWidget,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
)

from core.activations import ACTIVATIONS
from core.initializers import INITIALIZERS
from gui import network_edit as ne

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


def _name(spec) -> str:
    return spec.get("name") if isinstance(spec, dict) else (spec or "")


class WeightLine(QGraphicsLineItem):
    """One weight; hovering shows its value and gradient."""

    def __init__(self, canvas, path: str, row: int, col: int, *args):
        super().__init__(*args)
        self.canvas, self.path, self.row, self.col = canvas, path, row, col
        self.setAcceptHoverEvents(True)
        self.setZValue(-1)

    def hoverEnterEvent(self, event):
        text = self.canvas.weight_text(self.path, self.row, self.col)
        self.setToolTip(text)
        self.canvas.status.emit(text)
        pen = self.pen()
        pen.setColor(pen.color().darker(150))
        self.setPen(pen)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event):
        self.canvas.refresh_lines()
        super().hoverLeaveEvent(event)


class Neuron(QGraphicsRectItem):
    """A unit: hovering shows its output over the input plane (2-D data)."""

    def __init__(self, canvas, path: str | None, unit: int, x: float, y: float):
        super().__init__(x - NEURON / 2, y - NEURON / 2, NEURON, NEURON)
        self.canvas, self.path, self.unit = canvas, path, unit
        self.setAcceptHoverEvents(path is not None)
        self.setBrush(QBrush(QColor(245, 245, 245)))
        self.setPen(QPen(QColor(90, 90, 90), 1))
        self.pixmap = QGraphicsPixmapItem(self)
        self.pixmap.setOffset(x - NEURON / 2 + 1, y - NEURON / 2 + 1)

    def hoverEnterEvent(self, event):
        self.setPen(QPen(QColor(20, 20, 20), 2.5))
        self.canvas.neuron_hovered.emit(self.path, self.unit)
        self.canvas.status.emit(self.canvas.neuron_text(self.path, self.unit))
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event):
        self.setPen(QPen(QColor(90, 90, 90), 1))
        self.canvas.neuron_hovered.emit(None, -1)
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event):
        self.canvas.layer_selected.emit(self.path or "")
        super().mousePressEvent(event)


class DragLabel(QLabel):
    """The header's title: click selects the layer, dragging it reorders layers."""

    def __init__(self, text: str, header: LayerHeader):
        super().__init__(text)
        self.header = header
        self.setCursor(Qt.OpenHandCursor)
        self._press = None

    def mousePressEvent(self, event):
        self._press = event.position()
        self.header.canvas.layer_selected.emit(ne.weights_path(self.header.path))

    def mouseMoveEvent(self, event):
        if self._press is None or (event.position() - self._press).manhattanLength() < 8:
            return
        self._press = None
        drag = QDrag(self)
        mime = QMimeData()
        mime.setData(MIME, ",".join(map(str, self.header.path)).encode())
        drag.setMimeData(mime)
        drag.exec(Qt.MoveAction)


class LayerHeader(QFrame):
    """Controls above a layer's column."""

    def __init__(self, canvas: NetworkCanvas, path: tuple, layer: dict, is_output: bool):
        super().__init__()
        self.canvas, self.path, self.layer = canvas, path, layer
        self.setObjectName("layerHeader")
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet("#layerHeader { background: #fbfbfd; border: 1px solid #c9ccd6; border-radius: 6px; }"
                           "QComboBox, QToolButton { font-size: 11px; }")
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 3, 4, 3)
        box.setSpacing(2)
        kind = layer.get("type")
        top = QHBoxLayout()
        title = {"dense": "Output" if is_output else "Dense", "dropout": "Dropout",
                 "batchnorm": "Batch norm"}.get(kind, kind)
        self.title = DragLabel(f"<b>{title}</b>", self)
        self.title.setToolTip("Click to inspect, drag to move this layer")
        top.addWidget(self.title)
        top.addStretch(1)
        menu_button = QToolButton()
        menu_button.setText("⋯")
        menu_button.setObjectName("layerMenu")
        menu_button.setPopupMode(QToolButton.InstantPopup)
        menu_button.setMenu(self._menu(is_output))
        menu_button.setToolTip("Insert, wrap, move or remove")
        top.addWidget(menu_button)
        box.addLayout(top)
        if kind == "dense":
            units = QHBoxLayout()
            minus, plus = QToolButton(), QToolButton()
            minus.setText("−")
            plus.setText("+")
            minus.setObjectName("unitsMinus")
            plus.setObjectName("unitsPlus")
            minus.setToolTip("One neuron fewer")
            plus.setToolTip("One neuron more")
            minus.setEnabled(not is_output)
            plus.setEnabled(not is_output)
            minus.clicked.connect(lambda: canvas._emit(ne.change_units(canvas.layers, path, -1),
                                                       "Remove a neuron"))
            plus.clicked.connect(lambda: canvas._emit(ne.change_units(canvas.layers, path, +1),
                                                      "Add a neuron"))
            count = QLabel(f"{layer.get('units')} units")
            count.setAlignment(Qt.AlignCenter)
            units.addWidget(minus)
            units.addWidget(count, 1)
            units.addWidget(plus)
            box.addLayout(units)
            self.activation = QComboBox()
            self.activation.setObjectName("activation")
            self.activation.addItems(list(ACTIVATIONS))
            self.activation.setCurrentText(_name(layer.get("activation", "linear")))
            self.activation.setToolTip("Activation function")
            self.activation.activated.connect(self._activation_chosen)
            box.addWidget(self.activation)
            self.init = QComboBox()
            self.init.setObjectName("init")
            self.init.addItem("default init", None)
            for name in INITIALIZERS:
                self.init.addItem(name, name)
            current = _name(layer.get("init"))
            if current:
                self.init.setCurrentText(INITIALIZERS.canonical(current))
            self.init.setToolTip("Weight initialisation (changing it re-initialises the weights)")
            self.init.activated.connect(self._init_chosen)
            box.addWidget(self.init)
        else:
            detail = {"dropout": f"rate {layer.get('rate', 0.5)}", "batchnorm": "normalise per unit"}
            label = QLabel(detail.get(kind, ""))
            label.setAlignment(Qt.AlignCenter)
            box.addWidget(label)
        self.setFixedWidth(128)

    def _activation_chosen(self, _index):
        name = self.activation.currentText()
        if name != _name(self.layer.get("activation")):
            self.canvas._emit(ne.set_field(self.canvas.layers, self.path, "activation", name),
                              f"Activation {name}")

    def _init_chosen(self, _index):
        name = self.init.currentData()
        self.canvas._emit(ne.set_field(self.canvas.layers, self.path, "init", name),
                          f"Initialisation {name or 'default'}")

    def _menu(self, is_output: bool) -> QMenu:
        canvas, path, layers = self.canvas, self.path, self.canvas.layers
        menu = QMenu(self)
        after = path[:-1] + (path[-1] + 1,)

        def add(text, fn, enabled=True):
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(lambda: canvas._emit(fn(), text))

        add("Insert dense layer before", lambda: ne.insert(canvas.layers, path, ne.hidden_dense()))
        add("Insert dropout after", lambda: ne.insert(canvas.layers, after, {"type": "dropout", "rate": 0.1}),
            not is_output)
        add("Insert batch norm after", lambda: ne.insert(canvas.layers, after, {"type": "batchnorm"}),
            not is_output)
        menu.addSeparator()
        if len(path) > 1:
            add("Unwrap residual block", lambda: ne.unwrap_residual(canvas.layers, path[:-1]))
        else:
            add("Wrap in residual block", lambda: ne.wrap_residual(canvas.layers, path), not is_output)
        menu.addSeparator()
        add("Move left", lambda: ne.move(canvas.layers, path, path[-1] - 1), path[-1] > 0)
        add("Move right", lambda: ne.move(canvas.layers, path, path[-1] + 1), not is_output)
        add("Remove layer", lambda: ne.remove(canvas.layers, path),
            not is_output and len(layers) > 1)
        return menu


class NetworkCanvas(QGraphicsView):
    """Draws the network of the current project and the weights of the latest snapshot."""

    edit_requested = Signal(object, str)  # new layer list, description for the undo stack
    layer_selected = Signal(str)  # weights path ("layers.2"), "" for none
    neuron_hovered = Signal(object, int)  # weights path or None, unit
    status = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.Antialiasing)
        self.setAcceptDrops(True)
        self.setDragMode(QGraphicsView.NoDrag)
        self.setMinimumSize(420, 300)
        self.setBackgroundBrush(QColor(255, 255, 255))
        # every weight line changes on each update: one bounding-rect repaint is
        # cheaper than working out a minimal region from hundreds of items
        self.setViewportUpdateMode(QGraphicsView.BoundingRectViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.DontSavePainterState, True)
        self.layers: list = []
        self.in_width = 2
        self.feature_names: list[str] = []
        self.weights: dict[str, tuple] = {}  # path -> (weight, grad, bias)
        self.lines: dict[str, list[WeightLine]] = {}
        self.neurons: dict[str, list[Neuron]] = {}
        self.headers: list[tuple[tuple, QGraphicsProxyWidget, float]] = []
        self.selected = ""

    # ---- Public API
    def set_network(self, layers: list, in_width: int, feature_names: list[str] | None = None) -> None:
        self.layers = layers
        self.in_width = in_width
        self.feature_names = list(feature_names or [])
        self.weights = {}
        self._rebuild()

    def update_snapshot(self, snap) -> None:
        """Take weights, gradients and neuron pictures from a snapshot and redraw them."""
        self.weights = {s.path: (s.weight, s.weight_grad, s.bias) for s in snap.layers}
        self.refresh_lines()
        acts = snap.boundary.activations if snap.boundary is not None else {}
        for path, items in self.neurons.items():
            a = acts.get(path)
            if a is None:
                continue
            for item in items:
                if item.unit < a.shape[2]:
                    item.pixmap.setPixmap(_heat_pixmap(a[:, :, item.unit], NEURON - 2))

    def refresh_lines(self) -> None:
        for path, lines in self.lines.items():
            w = self.weights.get(path, (None,))[0]
            if w is None or not lines:
                continue
            scale = float(np.max(np.abs(w))) or 1.0
            for line in lines:
                value = w[line.row, line.col]
                level = min(int(abs(value) / scale * PEN_LEVELS), PEN_LEVELS - 1)
                line.setPen(_PENS[value >= 0][level])

    def weight_text(self, path: str, row: int, col: int) -> str:
        w, g, _ = self.weights.get(path, (None, None, None))
        if w is None:
            return f"{path}.weight[{row}, {col}]"
        grad = "" if g is None else f", gradient {g[row, col]:+.4g}"
        return f"{path}.weight[{row}, {col}] = {w[row, col]:+.4g}{grad}"

    def neuron_text(self, path: str | None, unit: int) -> str:
        if path is None:
            name = self.feature_names[unit] if unit < len(self.feature_names) else f"x{unit + 1}"
            return f"input {name}"
        _, _, b = self.weights.get(path, (None, None, None))
        bias = "" if b is None else f", bias {b[unit]:+.4g}"
        return f"{path} unit {unit}{bias}"

    # ---- Private API
    def _emit(self, layers: list, text: str) -> None:
        # Deferred: the edit rebuilds the scene, which deletes the header widget
        # whose click/menu handler is still running.
        QTimer.singleShot(0, lambda: self.edit_requested.emit(layers, text))

    def _columns(self):
        """Flatten into drawable columns: (path tuple, layer dict, width, depth)."""
        cols = []
        width = self.in_width

        def walk(layers, prefix, depth):
            nonlocal width
            for i, layer in enumerate(layers):
                path = prefix + (i,)
                if layer.get("type") == "residual":
                    start = len(cols)
                    walk(layer.get("layers", []), path, depth + 1)
                    self._blocks.append((start, len(cols) - 1))
                    continue
                if layer.get("type") == "dense":
                    width = int(layer.get("units", width))
                cols.append((path, layer, width, depth))

        self._blocks = []
        walk(self.layers, (), 0)
        return cols

    def _rebuild(self) -> None:
        scene = self.scene()
        scene.clear()
        self.lines, self.neurons, self.headers = {}, {}, []
        cols = self._columns()
        out_idx = ne.output_index(self.layers)
        tallest = max([min(self.in_width, MAX_SHOWN)] + [min(w, MAX_SHOWN) for _, _, w, _ in cols])
        header_y = -(tallest - 1) * NEURON_GAP / 2 - NEURON - 118
        positions = [(0, self._column_items(None, self.in_width, 0, None))]
        for c, (path, layer, width, _depth) in enumerate(cols, start=1):
            x = c * COLUMN_GAP
            wpath = ne.weights_path(path)
            kind = layer.get("type")
            ys = self._column_items(wpath if kind == "dense" else None, width, x, kind)
            prev_x, prev_ys = positions[-1]
            if kind == "dense":
                self._weight_lines(wpath, prev_x, prev_ys, x, ys)
            else:
                for (py, y) in zip(prev_ys, ys):
                    scene.addLine(prev_x + NEURON / 2, py, x - NEURON / 2, y,
                                  QPen(QColor(170, 170, 170), 1, Qt.DashLine))
            positions.append((x, ys))
            header = LayerHeader(self, path, layer, len(path) == 1 and path[0] == out_idx)
            proxy = scene.addWidget(header)
            # re-rendering a proxied widget on every repaint is half the canvas' cost;
            # the cache is redrawn when the header itself changes
            proxy.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
            proxy.setPos(x - 64, header_y)
            self.headers.append((path, proxy, x))
        for start, end in self._blocks:
            self._skip_arc(positions[start][0], positions[end + 1][0])
        label = scene.addSimpleText("Inputs")
        label.setFont(QFont(label.font().family(), 10, QFont.Bold))
        label.setPos(-label.boundingRect().width() / 2, header_y + 80)
        self.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self._fit()

    def _column_items(self, wpath, width, x, kind):
        shown = min(width, MAX_SHOWN)
        top = -(shown - 1) * NEURON_GAP / 2
        ys = [top + i * NEURON_GAP for i in range(shown)]
        items = []
        for i, y in enumerate(ys):
            if kind in ("dropout", "batchnorm"):
                dot = QGraphicsEllipseItem(x - 6, y - 6, 12, 12)
                dot.setBrush(QColor(200, 205, 215) if kind == "dropout" else QColor(190, 220, 200))
                dot.setPen(QPen(QColor(120, 120, 120)))
                self.scene().addItem(dot)
                continue
            item = Neuron(self, wpath, i, x, y)
            self.scene().addItem(item)
            items.append(item)
            if wpath is None and kind is None:
                name = self.feature_names[i] if i < len(self.feature_names) else f"x{i + 1}"
                text = QGraphicsSimpleTextItem(name[:10])
                text.setPos(x - NEURON / 2 - text.boundingRect().width() - 6, y - 8)
                self.scene().addItem(text)
        if wpath is not None:
            self.neurons[wpath] = items
        if width > shown:
            more = QGraphicsSimpleTextItem(f"+{width - shown} more")
            more.setPos(x - more.boundingRect().width() / 2, ys[-1] + NEURON)
            self.scene().addItem(more)
        return ys

    def _weight_lines(self, wpath, x0, ys0, x1, ys1):
        lines = []
        budget = MAX_LINES
        for row, y1 in enumerate(ys1):
            for col, y0 in enumerate(ys0):
                if budget == 0:
                    break
                budget -= 1
                line = WeightLine(self, wpath, row, col, x0 + NEURON / 2, y0, x1 - NEURON / 2, y1)
                line.setPen(QPen(QColor(180, 180, 180), 1))
                self.scene().addItem(line)
                lines.append(line)
        self.lines[wpath] = lines

    def _skip_arc(self, x0: float, x1: float):
        rect = self.scene().itemsBoundingRect()
        y = rect.bottom() + 10
        path = QPainterPath(QPointF(x0, y - 20))
        path.cubicTo(QPointF(x0, y + 40), QPointF(x1, y + 40), QPointF(x1, y - 20))
        item = QGraphicsPathItem(path)
        item.setPen(QPen(QColor(110, 80, 170), 2.5))
        self.scene().addItem(item)
        text = self.scene().addSimpleText("+ skip (residual)")
        text.setBrush(QColor(110, 80, 170))
        text.setPos((x0 + x1) / 2 - text.boundingRect().width() / 2, y + 22)

    def _fit(self):
        """Show the whole network, between 60 % (below that the headers cannot be
        read: a deep network scrolls instead) and 100 %."""
        rect = self.sceneRect()
        if rect.width() > 0:
            self.fitInView(rect, Qt.KeepAspectRatio)
            scale = self.transform().m11()
            if scale > 1.0 or scale < MIN_SCALE:
                self.resetTransform()
                self.scale(min(max(scale, MIN_SCALE), 1.0), min(max(scale, MIN_SCALE), 1.0))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()

    # ---- drag a header to reorder
    def dragEnterEvent(self, event):
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event):
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event):
        if not event.mimeData().hasFormat(MIME):
            return super().dropEvent(event)
        path = tuple(int(p) for p in bytes(event.mimeData().data(MIME)).decode().split(","))
        x = self.mapToScene(event.position().toPoint()).x()
        event.acceptProposedAction()
        self.move_to_x(path, x)

    def move_to_x(self, path: tuple, x: float) -> None:
        """Move the layer at ``path`` to the slot nearest scene x (among its siblings)."""
        siblings = [(p, hx) for p, _, hx in self.headers if len(p) == len(path) and p[:-1] == path[:-1]]
        if not siblings:
            return
        target = sum(1 for p, hx in siblings if hx < x and p != path)
        limit = ne.output_index(self.layers) if len(path) == 1 else len(siblings) - 1
        if len(path) == 1:
            target = min(target, limit - (0 if path[0] >= limit else 1))
        if target != path[-1] and not ne.is_output(self.layers, path):
            self._emit(ne.move(self.layers, path, target), "Move layer")


def _make_pens() -> dict[bool, list[QPen]]:
    """Pens by sign and magnitude level: pale and thin to full colour and thick.

    Paleness is mixed with white rather than made with transparency: translucent
    antialiased lines cost about ten times more to draw, and the canvas is white.
    Widths stop at 3.5 px for the same reason."""
    pens = {}
    for positive, base in ((True, POSITIVE), (False, NEGATIVE)):
        pens[positive] = []
        for level in range(PEN_LEVELS):
            magnitude = (level + 0.5) / PEN_LEVELS
            strength = 0.2 + 0.8 * magnitude
            colour = QColor(*(round(255 + (c - 255) * strength) for c in (base.red(), base.green(), base.blue())))
            pens[positive].append(QPen(colour, 0.5 + 3.0 * magnitude))
    return pens


_PENS = _make_pens()


def _heat_pixmap(values: np.ndarray, size: int) -> QPixmap:
    """A blue (positive) / orange (negative) picture of one neuron's output."""
    v = values[::-1]  # image rows go down, y goes up
    scale = float(np.max(np.abs(v))) or 1.0
    t = np.clip(v / scale, -1.0, 1.0)[..., None]
    white = np.array([255.0, 255.0, 255.0])
    pos = np.array([POSITIVE.red(), POSITIVE.green(), POSITIVE.blue()], float)
    neg = np.array([NEGATIVE.red(), NEGATIVE.green(), NEGATIVE.blue()], float)
    rgb = np.where(t >= 0, white + (pos - white) * t, white + (neg - white) * (-t))
    rgba = np.empty(v.shape + (4,), np.uint8)
    rgba[..., :3] = rgb.astype(np.uint8)
    rgba[..., 3] = 255
    image = QImage(rgba.data, v.shape[1], v.shape[0], 4 * v.shape[1], QImage.Format_RGBA8888).copy()
    return QPixmap.fromImage(image.scaled(size, size, Qt.IgnoreAspectRatio, Qt.SmoothTransformation))

