"""A layer's card on the network drawing: title (click to select, drag to
reorder), - / + for its units, activation and initialiser, and the ⋯ menu
(insert, wrap in a residual block, move, remove).  Edits go out as typed
commands through the canvas."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMimeData, QPointF, QRectF, Qt
from PySide6.QtGui import QDrag, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGraphicsProxyWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
)

from core.activations import ACTIVATIONS
from core.initializers import INITIALIZERS
from gui import commands as cmd
from gui import network_edit as ne
from gui.panels.canvas_style import _CARD_BORDER, _CARD_FILL, CARD_WIDTH, MIME, _compact, _name

if TYPE_CHECKING:
    from gui.panels.canvas_items import Column


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
