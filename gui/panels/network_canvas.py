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
the controller validates and applies them.  Double-clicking a weight line or a
neuron opens a small editor to type that weight or bias (``value_edit_requested``,
applied live by :meth:`gui.controller.Controller.set_parameter_value`).

This module is the view; the scene items (columns, neurons, weight lines) are in
:mod:`gui.panels.canvas_items`, the layer cards in :mod:`gui.panels.layer_card`,
sizes, pens and heat pictures in :mod:`gui.panels.canvas_style`.
"""

from __future__ import annotations

import difflib

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsProxyWidget,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from core.data import GENERATED_2D
from core.registry import ConfigError
from core.shapes import describe_layers
from gui import commands as cmd
from gui import feature_inputs as fi
from gui import network_edit as ne
from gui.panels.canvas_items import Column, Neuron, WeightLine
from gui.panels.canvas_style import (
    _GREY,
    _MISSING_PEN,
    _PENS,
    CARD_WIDTH,
    CARD_Y,
    COLUMN_GAP,
    MAX_LINES,
    MAX_SHOWN,
    MIME,
    MIN_SCALE,
    NEGATIVE,
    NEURON,
    NEURON_GAP,
    PEN_LEVELS,
    POSITIVE,
    TOP,
    _heat_pixmap,
    _pen_keys,
)
from gui.panels.image_pictures import scaled_pixmap, signed_image
from gui.panels.layer_card import DragLabel, LayerHeader

__all__ = [
    "CARD_WIDTH",
    "CARD_Y",
    "COLUMN_GAP",
    "MAX_LINES",
    "MAX_SHOWN",
    "MIME",
    "MIN_SCALE",
    "NEGATIVE",
    "NEURON",
    "NEURON_GAP",
    "PEN_LEVELS",
    "POSITIVE",
    "TOP",
    "Column",
    "DragLabel",
    "LayerHeader",
    "NetworkCanvas",
    "Neuron",
    "WeightLine",
]


class NetworkCanvas(QGraphicsView):
    """Draws the network of the current project and the weights of the latest snapshot."""

    edit_requested = Signal(object)  # a gui.commands.EditCommand
    layer_selected = Signal(str)  # weights path ("layers.2"), "" for none
    neuron_hovered = Signal(object, int)  # weights path or None, unit
    status = Signal(str)
    #: a typed value: weights path ("layers.0"), "weight" or "bias", index tuple, value
    value_edit_requested = Signal(str, str, object, float)

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
        #: data with two raw inputs: the candidate features' slots the network takes, in its
        #: input order (gui.feature_inputs); None: the input column is drawn as the inputs
        self.raw_columns: int | None = None
        self.feature_slots: tuple[int, ...] | None = None
        self.feature_extent = (-1.0, 1.0)
        self._inputs_changed = False
        self.weights: dict[str, tuple] = {}  # path -> (weight, grad, bias)
        self.activations: dict = {}
        self.columns: list[Column] = []
        self.arcs: list[QGraphicsItem] = []
        self.last_menu: QMenu | None = None
        self.value_editor = None  # the last typed-value editor opened (double-click a weight or neuron)
        self._bottom = TOP
        #: counters a test (and the benchmark) reads: full drawings, and column bodies made
        self.rebuilds = 0
        self.bodies_built = 0
        self._headers_timer = QTimer(self)
        self._headers_timer.setSingleShot(True)
        self._headers_timer.setInterval(0)
        self._headers_timer.timeout.connect(self._on_view_moved)
        # image data: the output column's labels (class names) and the first layer's
        # weights as pictures (a core.snapshot.WeightImages), drawn in its neurons
        self.output_names: list[str] | None = None
        self.image_shape: tuple | None = None
        self.weight_images = None
        self.unit_popup: UnitPopup | None = None
        self.neuron_hovered.connect(self._show_unit_popup)

    # ---- Public API
    def set_network(self, layers: list, in_width: int, feature_names: list[str] | None = None) -> None:
        """Draw ``layers`` from scratch (a new project or a new input width)."""
        for column in self.columns:
            column.remove()
        self.columns = []
        self.rebuilds += 1
        self.in_width = in_width
        self.feature_names = list(feature_names or [])
        slots = fi.enabled_slots(self.feature_names, self.raw_columns) if self.raw_columns else None
        self.feature_slots = slots if slots is not None and len(slots) == in_width else None
        self._inputs_changed = False
        self.weights = {}
        self.show_network(layers, fit=True)

    def set_run_info(self, info) -> None:
        """A new run (a :class:`~core.snapshot.RunInfo`): image data labels the output
        neurons with the class names and draws the first layer's weights as pictures."""
        self.image_shape = getattr(info, "image_shape", None)
        raw = getattr(info, "raw_x_train", None)
        # the generated 2-D sets (as in Playground) take switchable input features
        generated = getattr(info, "data_name", None) in GENERATED_2D and getattr(raw, "ndim", 0) == 2
        raw_columns = raw.shape[1] if generated else None
        if raw_columns != self.raw_columns:
            self._inputs_changed = True  # the input column is drawn otherwise: the next drawing starts anew
        self.raw_columns = raw_columns
        if raw_columns == 2:
            self.feature_extent = fi.input_extent(raw)
        names = info.class_names if info.task == "classification" and self.image_shape is not None else None
        self.output_names = None if names is None else [str(n) for n in names]
        self.weight_images = None
        self._label_outputs()

    def take_weight_images(self, snap) -> None:
        """Keep the weight pictures of ``snap`` (if it has them) for the next drawing."""
        pictures = getattr(snap, "weight_images", None)
        if pictures is not None:
            self.weight_images = pictures

    def show_network(self, layers: list, in_width: int | None = None, feature_names=None, fit=False) -> None:
        """Show ``layers``, rebuilding only the columns whose shapes changed and
        updating the cards of the others in place."""
        if (
            (in_width is not None and in_width != self.in_width)
            or (feature_names is not None and list(feature_names) != self.feature_names)
            or self._inputs_changed
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
        slots = self.feature_slots or ()
        new_keys = [("input", self.input_width, tuple(self.feature_names[:MAX_SHOWN]), slots)] + [
            (s.kind, s.in_width, s.out_width) + (slots if j == 0 else ()) for j, s in enumerate(shapes)
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
                        column.width = self.input_width
                column.input_slots = new_keys[j][3:] if spec is not None else ()
                column.build_body()
                new_columns.append(column)
            for column in old:
                column.remove()
        moved = [c.path for c in self.columns] != [s.path if s else None for s in wanted]
        self.columns = new_columns
        if moved or old_keys != new_keys:  # the last snapshot's arrays belong to other layers now
            self.weights, self.activations = {}, {}
            self.weight_images = None
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
        self._label_outputs()
        self._apply_weights(self._visible_columns())

    @property
    def input_width(self) -> int:
        """Neurons in the input column: the seven candidate features, or the inputs."""
        return len(fi.CANDIDATES) if self.feature_slots is not None else self.in_width

    def toggle_feature(self, slot: int) -> None:
        """Switch candidate feature ``slot`` on or off: one edit of ``data.features``
        (the last one on stays on, with a message)."""
        if self.feature_slots is None:
            return
        value = fi.toggled(self.feature_slots, slot)
        if value is False:
            self.status.emit(fi.last_one_message())
            return
        self.request(fi.SetFeatures(value, slot, slot not in self.feature_slots))

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
        self.take_weight_images(snap)
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
        if path is None and self.feature_slots is not None and unit < len(fi.LABELS):
            return fi.tooltip(unit, unit in self.feature_slots).split("\n")[0]
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

    def edit_parameter(self, wpath: str, name: str, index: tuple, screen_pos=None):
        """Open the small editor for one weight (``index`` (row, column)) or bias
        (``(unit,)``); Enter emits ``value_edit_requested``.  Returns the editor."""
        from gui.panels.value_editor import ValueEditor

        w, _g, b = self.weights.get(wpath, (None, None, None))
        array = w if name == "weight" else b
        try:
            value = float(array[tuple(index)]) if array is not None else None
        except (IndexError, TypeError, ValueError):
            value = None
        where = ", ".join(str(i) for i in index)
        title = f"{wpath}.{name}[{where}] ="
        editor = ValueEditor(title, value, self)
        editor.committed.connect(lambda v: self.value_edit_requested.emit(wpath, name, tuple(index), v))
        if screen_pos is None:
            screen_pos = self.mapToGlobal(self.viewport().rect().center())
        editor.open_at(screen_pos.toPoint() if hasattr(screen_pos, "toPoint") else screen_pos)
        self.value_editor = editor
        return editor

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
        pictures = self.weight_images
        for column in columns:
            self._colour_lines(column)
            if pictures is not None and column.wpath == pictures.path:
                self._draw_weight_pictures(column, pictures)
                continue
            a = self.activations.get(column.wpath) if column.wpath else None
            if a is None or a.ndim != 3:
                continue
            for neuron in column.neurons:
                # the same pictures as last time (snapshots between two pictures carry the
                # last ones again): drawn already
                if neuron.unit < a.shape[2] and getattr(neuron, "picture", None) is not a:
                    neuron.picture = a
                    neuron.pixmap.setPixmap(_heat_pixmap(a[:, :, neuron.unit], NEURON - 2))

    def _draw_weight_pictures(self, column: Column, pictures) -> None:
        """Each neuron of the first layer shows its incoming weights as a picture."""
        images = pictures.images
        for neuron in column.neurons:
            if neuron.unit < len(images) and getattr(neuron, "picture", None) is not images:
                neuron.picture = images
                neuron.pixmap.setPixmap(scaled_pixmap(signed_image(images[neuron.unit])[0], NEURON - 2))

    def _label_outputs(self) -> None:
        """The output column's neurons labelled with the class names (image data)."""
        for column in self.columns:
            for item in getattr(column, "class_labels", ()):
                self.scene().removeItem(item)
            column.class_labels = []
        names = self.output_names
        if not names or not self.columns:
            return
        column = self.columns[-1]
        if not column.is_output or column.kind != "dense" or column.width != len(names):
            return
        for neuron in column.neurons:
            text = QGraphicsSimpleTextItem(names[neuron.unit][:12], column.holder)
            font = text.font()
            font.setBold(True)
            text.setFont(font)
            y = neuron.rect().center().y()
            text.setPos(NEURON / 2 + 6, y - text.boundingRect().height() / 2)
            text.setToolTip(
                QCoreApplication.translate("NetworkCanvas", "Output for class {name}").format(name=names[neuron.unit])
            )
            column.class_labels.append(text)

    def unit_picture(self, path: str | None, unit: int):
        """``(image, largest |weight|)`` of a first-layer unit's weights (image data), else None."""
        pictures = self.weight_images
        if pictures is None or path != pictures.path or not 0 <= unit < len(pictures.images):
            return None
        return signed_image(pictures.images[unit])

    def _show_unit_popup(self, path, unit) -> None:
        picture = self.unit_picture(path, unit) if path is not None else None
        if picture is None:
            if self.unit_popup is not None:
                self.unit_popup.hide()
            return
        if self.unit_popup is None:
            self.unit_popup = UnitPopup(self.viewport())
        image, scale = picture
        self.unit_popup.show_picture(
            image,
            QCoreApplication.translate(
                "NetworkCanvas",
                "Weights into {path} unit {unit}, as the {h}×{w} picture they multiply: blue positive, orange "
                "negative, white 0 (full colour at |w| ≥ {scale})",
            ).format(path=path, unit=unit, h=image.height(), w=image.width(), scale=f"{scale:.3g}"),
            self.viewport().mapFromGlobal(QCursor.pos()) + QPoint(18, 18),
        )

    def hideEvent(self, event):
        if self.unit_popup is not None:
            self.unit_popup.hide()
        super().hideEvent(event)

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
            # fitInView centres the scene: when it does not fit (a short window, a deep
            # network) that hides the layer cards; show the cards and the inputs first
            self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())

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


class UnitPopup(QWidget):
    """A hovered first-layer unit's weights, large, beside the mouse (image data): a
    child of the canvas' viewport, kept inside it, that lets the mouse through."""

    SIZE = 196

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("unitPopup")
        self.setAttribute(Qt.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet("#unitPopup { background: white; border: 1px solid #b0b4c0; }")
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        self.picture = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setFixedWidth(self.SIZE)
        box.addWidget(self.picture)
        box.addWidget(self.text)

    def show_picture(self, image, text: str, at: QPoint) -> None:
        side = max(image.width(), image.height())
        size = side * max(1, self.SIZE // side)
        self.picture.setPixmap(scaled_pixmap(image, size))
        self.text.setText(text)
        self.adjustSize()
        area = self.parentWidget().rect()
        if at.x() + self.width() > area.right():  # the other side of the mouse
            at.setX(at.x() - self.width() - 36)
        if at.y() + self.height() > area.bottom():
            at.setY(area.bottom() - self.height())
        self.move(max(0, at.x()), max(0, at.y()))
        self.show()
        self.raise_()
