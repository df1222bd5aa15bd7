"""The network drawing: layers as columns of neurons, weights as coloured lines.

Line colour shows a weight's sign (blue positive, orange negative) and its width
the magnitude; both follow training live.  A weight that is not a finite number
is drawn as a dashed grey line (missing), never an error.  For 2-D data each
hidden neuron is a small picture of its output over the input plane.  Every
layer has a card with - / + for its units, its activation and initialiser, and
a menu to insert dropout or batch norm, wrap it in a residual block (drawn as
a skip arc), move or remove it.  Cards can be dragged sideways to reorder layers.

The drawing is created once and then updated in place: :meth:`show_network`
compares the new columns (asked of :func:`core.shapes.describe_layers`) with
the drawn ones and rebuilds only the columns whose shapes changed; a new
activation only updates its card; a snapshot only re-colours lines and sets
pictures, for the columns in view.  Cards stay where they are (columns hang
from a fixed top), so a second click on "+" lands on "+" again.  A column
draws at most :data:`MAX_SHOWN` neurons (with a "… n more" marker), so a
100,000-unit layer draws as fast as an 8-unit one, and cards are made only for
the columns in view, so 200 layers open at once.

Edits are emitted as typed commands (:mod:`gui.commands`, ``edit_requested``);
the controller validates and applies them.
"""

from __future__ import annotations

import difflib

import numpy as np
from PySide6.QtCore import QCoreApplication, QMimeData, QPointF, QRectF, Qt, QTimer, Signal
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
from core.registry import ConfigError
from core.shapes import describe_layers
from gui import commands as cmd
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
CARD_WIDTH = 128
CARD_Y = -118  # cards' top edge (fixed: a card never moves when a column grows)
TOP = 30  # the first neuron's centre; columns hang down from here


def _name(spec) -> str:
    return spec.get("name") if isinstance(spec, dict) else (spec or "")


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
        self.column.canvas.layer_selected.emit(self.path or "")
        super().mousePressEvent(event)


class Column:
    """One drawn layer (or the inputs): a holder item at x with its neurons, its
    incoming lines and, once in view, its card."""

    def __init__(self, canvas: NetworkCanvas, shape, layer: dict | None):
        self.canvas = canvas
        self.kind = shape.kind if shape is not None else "input"
        self.path: tuple | None = shape.path if shape is not None else None
        self.layer = layer
        self.in_width = shape.in_width if shape is not None else 0
        self.width = shape.out_width if shape is not None else canvas.in_width
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
            return ("input", self.width, tuple(self.canvas.feature_names[:MAX_SHOWN]))
        return (self.kind, self.in_width, self.width)

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
            if self.kind == "input":
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


class _CardProxy(QGraphicsProxyWidget):
    """A layer card on the canvas; the card under the mouse is raised above its
    neighbours, so its combo-box lists are never drawn under the next card."""

    raised: _CardProxy | None = None

    def hoverEnterEvent(self, event):
        if _CardProxy.raised is not None and _CardProxy.raised is not self:
            try:
                _CardProxy.raised.setZValue(1)
            except RuntimeError:  # deleted with its column
                pass
        _CardProxy.raised = self
        self.setZValue(5)
        super().hoverEnterEvent(event)


class DragLabel(QLabel):
    """The card's title: click selects the layer, dragging it reorders layers."""

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
    """The card above a layer's column.  Made once; :meth:`update_from_layer` shows
    a new spec in place."""

    def __init__(self, column: Column):
        super().__init__()
        self.column = column
        self.canvas = column.canvas
        self.setObjectName("layerHeader")
        # painted by paintEvent, not a style sheet: polishing a style sheet per card
        # cost ~10 ms each, most of drawing a deep network
        self.setAttribute(Qt.WA_TranslucentBackground, True)
        font = self.font()
        font.setPixelSize(11)
        self.setFont(font)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 3, 4, 3)
        box.setSpacing(2)
        top = QHBoxLayout()
        self.title = DragLabel("", self)
        self.title.setToolTip(QCoreApplication.translate("NetworkCanvas", "Click to inspect, drag to move this layer"))
        top.addWidget(self.title)
        top.addStretch(1)
        self.menu_button = QToolButton()
        self.menu_button.setText("⋯")
        self.menu_button.setObjectName("layerMenu")
        self.menu_button.setToolTip(QCoreApplication.translate("NetworkCanvas", "Insert, wrap, move or remove"))
        self.menu_button.clicked.connect(self._show_menu)
        top.addWidget(self.menu_button)
        box.addLayout(top)
        self.activation = self.init = self.count = self.minus = self.plus = self.detail = None
        if column.kind == "dense":
            units = QHBoxLayout()
            self.minus, self.plus = QToolButton(), QToolButton()
            self.minus.setText("−")
            self.plus.setText("+")
            self.minus.setObjectName("unitsMinus")
            self.plus.setObjectName("unitsPlus")
            self.minus.setToolTip(QCoreApplication.translate("NetworkCanvas", "One neuron fewer"))
            self.plus.setToolTip(QCoreApplication.translate("NetworkCanvas", "One neuron more"))
            self.minus.clicked.connect(lambda: self._units(-1))
            self.plus.clicked.connect(lambda: self._units(+1))
            self.count = QLabel()
            self.count.setAlignment(Qt.AlignCenter)
            units.addWidget(self.minus)
            units.addWidget(self.count, 1)
            units.addWidget(self.plus)
            box.addLayout(units)
            self.activation = QComboBox()
            self.activation.setObjectName("activation")
            self.activation.addItems(list(ACTIVATIONS))
            self.activation.setToolTip(QCoreApplication.translate("NetworkCanvas", "Activation function"))
            self.activation.activated.connect(self._activation_chosen)
            box.addWidget(self.activation)
            self.init = QComboBox()
            self.init.setObjectName("init")
            self.init.addItem(QCoreApplication.translate("NetworkCanvas", "default init"), None)
            for name in INITIALIZERS:
                self.init.addItem(name, name)
            self.init.setToolTip(
                QCoreApplication.translate(
                    "NetworkCanvas", "Weight initialisation (changing it re-initialises the weights)"
                )
            )
            self.init.activated.connect(self._init_chosen)
            box.addWidget(self.init)
        else:
            self.detail = QLabel()
            self.detail.setAlignment(Qt.AlignCenter)
            box.addWidget(self.detail)
        self.setFixedWidth(CARD_WIDTH)
        self.update_from_layer()

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(_CARD_BORDER)
        painter.setBrush(_CARD_FILL)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)

    @property
    def path(self) -> tuple:
        return self.column.path

    @property
    def layer(self) -> dict:
        return self.column.layer

    def update_from_layer(self) -> None:
        layer, kind = self.layer, self.column.kind
        titles = {
            "dense": QCoreApplication.translate("NetworkCanvas", "Output")
            if self.column.is_output
            else QCoreApplication.translate("NetworkCanvas", "Dense"),
            "dropout": QCoreApplication.translate("NetworkCanvas", "Dropout"),
            "batchnorm": QCoreApplication.translate("NetworkCanvas", "Batch norm"),
        }
        self.title.setText(f"<b>{titles.get(kind, kind)}</b>")
        if kind == "dense":
            self.count.setText(
                QCoreApplication.translate("NetworkCanvas", "{n} units").format(n=_compact(layer.get("units")))
            )
            self.minus.setEnabled(not self.column.is_output and layer.get("units", 1) > 1)
            self.plus.setEnabled(not self.column.is_output)
            self.activation.setCurrentText(_name(layer.get("activation", "linear")))
            current = _name(layer.get("init"))
            index = self.init.findData(INITIALIZERS.canonical(current) if current else None)
            self.init.setCurrentIndex(max(index, 0))
        else:
            detail = {
                "dropout": QCoreApplication.translate("NetworkCanvas", "rate {rate}").format(
                    rate=layer.get("rate", 0.5)
                ),
                "batchnorm": QCoreApplication.translate("NetworkCanvas", "normalise per unit"),
            }
            self.detail.setText(detail.get(kind, ""))

    def make_menu(self) -> QMenu:
        """The ⋯ menu: a real pop-up window (its parent is the view, not a widget in
        the scene), so it is drawn above every card."""
        canvas, path = self.canvas, self.path
        is_output = self.column.is_output
        menu = QMenu(canvas)
        menu.setObjectName("layerMenuPopup")
        after = path[:-1] + (path[-1] + 1,)

        def add(text, make, enabled=True):
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(lambda: canvas.request(make()))

        add(
            QCoreApplication.translate("NetworkCanvas", "Insert dense layer before"),
            lambda: cmd.InsertLayer(path, ne.hidden_dense()),
        )
        add(
            QCoreApplication.translate("NetworkCanvas", "Insert dropout after"),
            lambda: cmd.InsertLayer(after, {"type": "dropout", "rate": 0.1}),
            not is_output,
        )
        add(
            QCoreApplication.translate("NetworkCanvas", "Insert batch norm after"),
            lambda: cmd.InsertLayer(after, {"type": "batchnorm"}),
            not is_output,
        )
        menu.addSeparator()
        if len(path) > 1:
            add(
                QCoreApplication.translate("NetworkCanvas", "Unwrap residual block"),
                lambda: cmd.UnwrapResidual(path[:-1]),
            )
        else:
            add(
                QCoreApplication.translate("NetworkCanvas", "Wrap in residual block"),
                lambda: cmd.WrapResidual(path),
                not is_output,
            )
        menu.addSeparator()
        add(
            QCoreApplication.translate("NetworkCanvas", "Move left"),
            lambda: cmd.MoveLayer(path, path[-1] - 1),
            path[-1] > 0,
        )
        add(
            QCoreApplication.translate("NetworkCanvas", "Move right"),
            lambda: cmd.MoveLayer(path, path[-1] + 1),
            not is_output,
        )
        add(
            QCoreApplication.translate("NetworkCanvas", "Remove layer"),
            lambda: cmd.RemoveLayer(path),
            not is_output and len(canvas.layers) > 1,
        )
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    def _show_menu(self):
        menu = self.make_menu()
        canvas = self.canvas
        button = self.menu_button
        corner = button.mapTo(self, button.rect().bottomLeft())
        proxy = self.column.proxy
        view_pos = canvas.mapFromScene(proxy.mapToScene(QPointF(corner)))
        menu.popup(canvas.viewport().mapToGlobal(view_pos))
        self.canvas.last_menu = menu

    def _units(self, delta: int):
        units = max(1, int(self.layer.get("units", 1)) + delta)
        self.canvas.request(cmd.ChangeUnits(self.path, units))

    def _activation_chosen(self, _index):
        name = self.activation.currentText()
        if name != _name(self.layer.get("activation")):
            self.canvas.request(cmd.SetActivation(self.path, name))

    def _init_chosen(self, _index):
        self.canvas.request(cmd.SetInit(self.path, self.init.currentData()))


class NetworkCanvas(QGraphicsView):
    """Draws the network of the current project and the weights of the latest snapshot."""

    edit_requested = Signal(object)  # a gui.commands.EditCommand
    layer_selected = Signal(str)  # weights path ("layers.2"), "" for none
    neuron_hovered = Signal(object, int)  # weights path or None, unit
    status = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.Antialiasing)
        self.setAcceptDrops(True)
        self.setDragMode(QGraphicsView.NoDrag)
        self.setMinimumSize(300, 240)
        self.setBackgroundBrush(QColor(255, 255, 255))
        self.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        # every weight line changes on each update: one bounding-rect repaint is
        # cheaper than working out a minimal region from hundreds of items
        self.setViewportUpdateMode(QGraphicsView.BoundingRectViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.DontSavePainterState, True)
        self.layers: list = []
        self.in_width = 2
        self.feature_names: list[str] = []
        self.weights: dict[str, tuple] = {}  # path -> (weight, grad, bias)
        self.activations: dict = {}
        self.columns: list[Column] = []
        self.arcs: list[QGraphicsItem] = []
        self.last_menu: QMenu | None = None
        self._bottom = TOP
        #: counters a test (and the benchmark) reads: full drawings, and column bodies made
        self.rebuilds = 0
        self.bodies_built = 0
        self._headers_timer = QTimer(self)
        self._headers_timer.setSingleShot(True)
        self._headers_timer.setInterval(0)
        self._headers_timer.timeout.connect(self._on_view_moved)

    # ---- Public API
    def set_network(self, layers: list, in_width: int, feature_names: list[str] | None = None) -> None:
        """Draw ``layers`` from scratch (a new project or a new input width)."""
        for column in self.columns:
            column.remove()
        self.columns = []
        self.rebuilds += 1
        self.in_width = in_width
        self.feature_names = list(feature_names or [])
        self.weights = {}
        self.show_network(layers, fit=True)

    def show_network(self, layers: list, in_width: int | None = None, feature_names=None, fit=False) -> None:
        """Show ``layers``, rebuilding only the columns whose shapes changed and
        updating the cards of the others in place."""
        if (in_width is not None and in_width != self.in_width) or (
            feature_names is not None and list(feature_names) != self.feature_names
        ):
            self.set_network(layers, in_width if in_width is not None else self.in_width, feature_names)
            return
        try:
            shapes = [s for s in describe_layers(layers, self.in_width) if s.kind != "residual"]
        except ConfigError as exc:  # the document refuses such edits; never break the drawing
            self.status.emit(str(exc))
            return
        self.layers = layers
        out_idx = ne.output_index(layers)
        wanted = [None] + shapes
        old_keys = [c.key for c in self.columns]
        new_keys = [("input", self.in_width, tuple(self.feature_names[:MAX_SHOWN]))] + [
            (s.kind, s.in_width, s.out_width) for s in shapes
        ]
        new_columns: list[Column] = []
        count_before = len(self.columns)
        matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        for op, i0, i1, j0, j1 in matcher.get_opcodes():
            if op == "equal":
                new_columns += self.columns[i0:i1]
                continue
            old = self.columns[i0:i1]
            for j in range(j0, j1):
                spec = wanted[j]
                reuse = old.pop(0) if old and old[0].kind == (spec.kind if spec else "input") else None
                if reuse is None:
                    column = Column(self, spec, ne.get(layers, spec.path) if spec else None)
                else:
                    column = reuse
                    if spec is not None:
                        column.in_width, column.width = spec.in_width, spec.out_width
                    else:
                        column.width = self.in_width
                column.build_body()
                new_columns.append(column)
            for column in old:
                column.remove()
        moved = [c.path for c in self.columns] != [s.path if s else None for s in wanted]
        self.columns = new_columns
        if moved or old_keys != new_keys:  # the last snapshot's arrays belong to other layers now
            self.weights, self.activations = {}, {}
        for c, (column, spec) in enumerate(zip(self.columns, wanted)):
            column.set_x(c * COLUMN_GAP)
            if spec is not None:
                column.set_layer(spec.path, ne.get(layers, spec.path), len(spec.path) == 1 and spec.path[0] == out_idx)
        tallest = max(min(c.width, MAX_SHOWN) for c in self.columns)
        more = any(c.width > MAX_SHOWN for c in self.columns)
        self._bottom = TOP + (tallest - 1) * NEURON_GAP + NEURON / 2 + (22 if more else 0)
        self._draw_arcs(layers)
        right = (len(self.columns) - 1) * COLUMN_GAP
        # the drawing hangs from the cards: a taller column grows it downwards only,
        # so (with the view aligned to the top) nothing on screen moves
        self.scene().setSceneRect(
            QRectF(
                -110,
                CARD_Y - 20,
                right + 110 + CARD_WIDTH / 2 + 30,
                self._bottom + (90 if self.arcs else 20) - CARD_Y + 20,
            )
        )
        if fit or len(self.columns) != count_before:
            self._fit()
        self._ensure_visible()
        self._apply_weights(self._visible_columns())

    @property
    def headers(self) -> list[tuple[tuple, QGraphicsProxyWidget, float]]:
        """The cards made so far (those in view): (layer path, proxy, x)."""
        return [(c.path, c.proxy, c.x) for c in self.columns if c.proxy is not None]

    @property
    def neurons(self) -> dict[str, list[Neuron]]:
        return {c.wpath: c.neurons for c in self.columns if c.wpath is not None}

    @property
    def lines(self) -> dict[str, list[WeightLine]]:
        return {c.wpath: c.lines for c in self.columns if c.wpath is not None}

    def header_for(self, path: tuple) -> LayerHeader | None:
        for column in self.columns:
            if column.path == tuple(path):
                column.ensure_header()
                return column.header
        return None

    def update_snapshot(self, snap) -> None:
        """Take weights, gradients and neuron pictures from a snapshot and redraw
        the columns in view."""
        self.weights = {s.path: (s.weight, s.weight_grad, s.bias) for s in snap.layers}
        if snap.boundary is not None:  # a snapshot without the output keeps the last pictures
            self.activations = snap.boundary.activations
        self._apply_weights(self._visible_columns())

    def refresh_lines(self) -> None:
        for column in self._visible_columns():
            self._colour_lines(column)

    def weight_text(self, path: str, row: int, col: int) -> str:
        w, g, _ = self.weights.get(path, (None, None, None))
        if w is None:
            return f"{path}.weight[{row}, {col}]"
        grad = (
            ""
            if g is None
            else QCoreApplication.translate("NetworkCanvas", ", gradient {value}").format(value=f"{g[row, col]:+.4g}")
        )
        return f"{path}.weight[{row}, {col}] = {w[row, col]:+.4g}{grad}"

    def neuron_text(self, path: str | None, unit: int) -> str:
        if path is None:
            name = self.feature_names[unit] if unit < len(self.feature_names) else f"x{unit + 1}"
            return QCoreApplication.translate("NetworkCanvas", "input {name}").format(name=name)
        _, _, b = self.weights.get(path, (None, None, None))
        bias = (
            ""
            if b is None
            else QCoreApplication.translate("NetworkCanvas", ", bias {value}").format(value=f"{b[unit]:+.4g}")
        )
        return QCoreApplication.translate("NetworkCanvas", "{path} unit {unit}").format(path=path, unit=unit) + bias

    def request(self, command) -> None:
        """Emit an edit, deferred: the edit may rebuild the card whose click or
        menu handler is still running."""
        QTimer.singleShot(0, lambda: self.edit_requested.emit(command))

    # ---- Private API
    def _visible_columns(self) -> list[Column]:
        if not self.columns:
            return []
        rect = self.mapToScene(self.viewport().rect()).boundingRect()
        left, right = rect.left() - COLUMN_GAP, rect.right() + COLUMN_GAP
        return [c for c in self.columns if left <= c.x <= right]

    def _ensure_visible(self) -> None:
        for column in self._visible_columns():
            column.ensure_header()

    def _on_view_moved(self) -> None:
        visible = self._visible_columns()
        for column in visible:
            column.ensure_header()
        self._apply_weights(visible)

    def _apply_weights(self, columns) -> None:
        for column in columns:
            self._colour_lines(column)
            a = self.activations.get(column.wpath) if column.wpath else None
            if a is None or a.ndim != 3:
                continue
            for neuron in column.neurons:
                # the same pictures as last time (snapshots between two pictures carry the
                # last ones again): drawn already
                if neuron.unit < a.shape[2] and getattr(neuron, "picture", None) is not a:
                    neuron.picture = a
                    neuron.pixmap.setPixmap(_heat_pixmap(a[:, :, neuron.unit], NEURON - 2))

    def _colour_lines(self, column: Column) -> None:
        if not column.lines:
            return
        w = self.weights.get(column.wpath, (None,))[0]
        if w is None or w.ndim != 2 or w.shape[0] <= column.rows.max() or w.shape[1] <= column.cols.max():
            keys = [None] * len(column.lines)
        else:
            keys = _pen_keys(w, column.rows, column.cols)
        previous = column.pen_keys
        for i, (line, key) in enumerate(zip(column.lines, keys)):
            if previous is None or previous[i] != key:
                line.setPen(_GREY if key is None else _MISSING_PEN if key == -1 else _PENS[key])
        column.pen_keys = keys

    def _draw_arcs(self, layers: list) -> None:
        scene = self.scene()
        for item in self.arcs:
            scene.removeItem(item)
        self.arcs = []
        index = {c.path: i for i, c in enumerate(self.columns)}

        def walk(specs, prefix):
            for i, spec in enumerate(specs):
                path = prefix + (i,)
                if isinstance(spec, dict) and spec.get("type") == "residual":
                    inner = [j for p, j in index.items() if p is not None and p[: len(path)] == path]
                    if inner:
                        self._skip_arc(self.columns[min(inner) - 1].x, self.columns[max(inner)].x)
                    walk(spec.get("layers", []), path)

        walk(layers, ())

    def _skip_arc(self, x0: float, x1: float):
        y = self._bottom + 20
        path = QPainterPath(QPointF(x0, y - 20))
        path.cubicTo(QPointF(x0, y + 40), QPointF(x1, y + 40), QPointF(x1, y - 20))
        item = QGraphicsPathItem(path)
        item.setPen(QPen(QColor(110, 80, 170), 2.5))
        self.scene().addItem(item)
        text = self.scene().addSimpleText(QCoreApplication.translate("NetworkCanvas", "+ skip (residual)"))
        text.setBrush(QColor(110, 80, 170))
        text.setPos((x0 + x1) / 2 - text.boundingRect().width() / 2, y + 22)
        self.arcs += [item, text]

    def _fit(self):
        """Show the whole network, between 60 % (below that the cards cannot be
        read: a deep network scrolls instead) and 100 %."""
        rect = self.sceneRect()
        if rect.width() > 0 and self.viewport().width() > 0:
            self.fitInView(rect, Qt.KeepAspectRatio)
            scale = self.transform().m11()
            if scale > 1.0 or scale < MIN_SCALE:
                self.resetTransform()
                self.scale(min(max(scale, MIN_SCALE), 1.0), min(max(scale, MIN_SCALE), 1.0))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()
        self._headers_timer.start()

    def scrollContentsBy(self, dx, dy):
        super().scrollContentsBy(dx, dy)
        self._headers_timer.start()  # cards and colours for what came into view, after the scroll

    # ---- drag a card to reorder
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
        siblings = [
            (c.path, c.x)
            for c in self.columns
            if c.path is not None and len(c.path) == len(path) and c.path[:-1] == path[:-1]
        ]
        if not siblings:
            return
        target = sum(1 for p, hx in siblings if hx < x and p != path)
        limit = ne.output_index(self.layers) if len(path) == 1 else len(siblings) - 1
        if len(path) == 1:
            target = min(target, limit - (0 if path[0] >= limit else 1))
        if target != path[-1] and not ne.is_output(self.layers, path):
            self.request(cmd.MoveLayer(path, target))


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
