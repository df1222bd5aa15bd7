"""Step through backpropagation: one example's computation graph, walked forward
node by node and back with the chain rule, with the numbers of the network being
trained (a non-modal window, Inspect ▸ Step Through Backpropagation, Ctrl+B).

The example is a data row (training or validation), a point clicked on the Output
panel's plane, or a typed input and target.  The training process answers the
``"graph"`` query (:func:`core.graph.graph_query`) for the example chosen in the
first row (:mod:`gui.panels.step_example`); this window only draws it:
:class:`~gui.panels.step_graph_view.GraphView` the nodes, the detail area the
formula of the current step in symbols and in numbers
(:mod:`gui.panels.step_formulas`).  → / ← step, Home / End jump, Space plays the
walk (in this window Space plays the walk, not training).  While the window is
open the graph is asked again when the network changes (at most
:data:`REFRESH_MS` apart while training runs).

``update_area`` is an empty widget at the bottom where the lead embeds the
"apply the update" view.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gui.panels.step_example import StepExample, _error_text
from gui.panels.step_formulas import SHOWN_TERMS, equation, equation_lines, explanation, number
from gui.panels.step_graph_view import GraphView

REFRESH_MS = 350  # the graph is asked again at most this often while training runs
PLAY_MS = 650  # one step of the walk while it plays


class StepThroughWindow(StepExample, QWidget):
    """The window.  ``window`` is the main window (its worker, controller, output panel).

    ``graph_changed`` carries each :class:`core.graph.Graph` received (its ``source``
    names the example: ``{"index", "part"}`` or ``{"input", "target", "raw"}``), so a
    view embedded in ``update_area`` can follow the example shown.
    """

    graph_changed = Signal(object)

    def __init__(self, window, parent=None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("stepThroughWindow")
        self.main = window
        self.setWindowTitle(self.tr("Step through backpropagation"))
        self.graph = None
        self.walk: list = []  # (phase, node id, unit); unit -1: a collapsed node
        self.pos = 0
        self._asking = False
        self._again = False
        self._last_step = None
        self._picking = False
        self._units: dict[str, int] = {}  # collapsed node -> the unit its formula shows
        self._build()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._play_timer = QTimer(self)
        self._play_timer.setInterval(PLAY_MS)
        self._play_timer.timeout.connect(self._on_play_tick)
        c = window.controller
        c.snapshot.connect(self._on_snapshot)
        c.built.connect(self._on_built)
        window.installEventFilter(self)
        if window.info is not None:
            self._on_built(window.info)

    # ---- layout
    def _build(self):
        top = self._build_example_row()
        walk = QHBoxLayout()
        self.forward_button = QPushButton(self.tr("Forward"))
        self.forward_button.setToolTip(self.tr("Walk the forward pass from the input (Home)"))
        self.backward_button = QPushButton(self.tr("Backward"))
        self.backward_button.setToolTip(self.tr("Walk back from the loss with the chain rule"))
        icon = self.style().standardIcon
        self.prev_button = QPushButton(icon(QStyle.SP_MediaSeekBackward), "")
        self.prev_button.setToolTip(self.tr("One step back (←)"))
        self.next_button = QPushButton(icon(QStyle.SP_MediaSeekForward), "")
        self.next_button.setToolTip(self.tr("One step on (→)"))
        self.end_button = QPushButton(icon(QStyle.SP_MediaSkipForward), "")
        self.end_button.setToolTip(self.tr("Jump to the last step (End)"))
        self.play_button = QPushButton(icon(QStyle.SP_MediaPlay), self.tr("Play"))
        self.play_button.setCheckable(True)
        self.play_button.setToolTip(self.tr("Walk on by itself (Space)"))
        self.position = QLabel()
        self.position.setObjectName("stepPosition")
        for w in (self.forward_button, self.backward_button, self.prev_button, self.next_button, self.end_button):
            walk.addWidget(w)
        walk.addWidget(self.play_button)
        walk.addWidget(self.position, 1)
        self.summary = QLabel()
        self.summary.setObjectName("stepSummary")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("stepMessage")
        self.message.setStyleSheet("color: #7a1c14;")
        self.message.setWordWrap(True)
        self.message.hide()

        self.view = GraphView()
        self.view.setToolTip(self.tr("Click a unit to jump to it"))
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("stepDetail")
        self.detail.setReadOnly(True)
        self.detail.setToolTip(self.tr("The current step: the formula in symbols, then in numbers"))
        font = self.detail.font()
        font.setPointSizeF(font.pointSizeF() + 1)
        self.detail.setFont(font)
        unit_row = QHBoxLayout()
        self.unit_label = QLabel(self.tr("Unit of the collapsed layer:"))
        self.unit = QSpinBox()
        self.unit.setObjectName("stepUnit")
        self.unit.setToolTip(
            self.tr("A wide layer is drawn as one node: which of its units the formula shows (from 1)")
        )
        unit_row.addWidget(self.unit_label)
        unit_row.addWidget(self.unit)
        unit_row.addStretch(1)
        detail_box = QWidget()
        dl = QVBoxLayout(detail_box)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addLayout(unit_row)
        dl.addWidget(self.detail)
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 260])
        self.detail.setMinimumHeight(110)
        # where the lead embeds the "apply the update" view (empty here)
        self.update_area = QWidget()
        self.update_area.setObjectName("updateArea")
        QVBoxLayout(self.update_area).setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(walk)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.update_area)
        self._show_source()

        self.source.currentIndexChanged.connect(self._on_source_changed)
        self.row.valueChanged.connect(lambda _v: self.refresh())
        self.part.currentIndexChanged.connect(self._on_part_changed)
        self.input.returnPressed.connect(self.refresh)
        self.target.returnPressed.connect(self.refresh)
        self.dropout.toggled.connect(lambda _on: self.refresh())
        self.pick.toggled.connect(self._on_pick_toggled)
        self.refresh_button.clicked.connect(self.refresh)
        self.forward_button.clicked.connect(self.home)
        self.backward_button.clicked.connect(self.start_backward)
        self.prev_button.clicked.connect(self.step_back)
        self.next_button.clicked.connect(self.step_on)
        self.end_button.clicked.connect(self.end)
        self.play_button.toggled.connect(self._on_play_toggled)
        self.view.unit_clicked.connect(self._on_unit_clicked)
        self.view.value_edit_requested.connect(self._edit_value)
        self.main.doc.undo_stack.indexChanged.connect(self._on_edit)
        self.unit.valueChanged.connect(self._on_unit_changed)
        for key, slot in (
            (Qt.Key_Right, self.step_on),
            (Qt.Key_Left, self.step_back),
            (Qt.Key_Home, self.home),
            (Qt.Key_End, self.end),
        ):
            QShortcut(QKeySequence(key), self, slot, context=Qt.WindowShortcut)
        # Space plays the walk here: caught before the main window's application-wide
        # Play shortcut can see it
        for w in [self, *self.findChildren(QWidget)]:
            w.installEventFilter(self)
        self.resize(1100, 680)

    # ---- Public API
    def refresh(self) -> None:
        """Ask the training process for the graph of the chosen example."""
        args = self._query_args()
        if args is None:
            return
        if self._asking:  # one question at a time: ask again when the answer is in
            self._again = True
            return
        self._asking = True
        self.main.worker.ask("graph", *args, on_done=self._on_graph, on_error=self._on_error)

    def step_on(self):
        self._go(self.pos + 1)

    def step_back(self):
        self._go(self.pos - 1)

    def home(self):
        self._go(0)

    def end(self):
        self._go(len(self.walk) - 1)

    def start_backward(self):
        first = next((k for k, entry in enumerate(self.walk) if entry[0] == "backward"), None)
        if first is not None:
            self._go(first)

    def detail_text(self) -> str:
        return self.detail.toPlainText()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ---- answers
    def _on_graph(self, graph):
        self._asking = False
        self._show_message("")
        same = self.graph is not None and _shape(self.graph) == _shape(graph)
        self.graph = graph
        if same:
            self.view.update_graph(graph)
        else:
            self._units = {}
            self.view.set_graph(graph)
            self.view.fit()
        self.walk = self._make_walk(graph)
        self.pos = min(self.pos, len(self.walk) - 1) if same else 0
        self._show_summary()
        self._show_position()
        self.graph_changed.emit(graph)
        if self._again:
            self._again = False
            self.refresh()

    def _on_error(self, exc):
        self._asking = False
        self._show_message(_error_text(exc))
        if self._again:
            self._again = False
            self.refresh()

    def _make_walk(self, graph) -> list:
        """The graph's forward and backward orders, a collapsed node one entry (unit -1)."""
        walk = []
        backward = [n for n in reversed(graph.nodes) if n.info.get("fused") is not True]
        for phase, nodes in (("forward", graph.nodes), ("backward", backward)):
            for node in nodes:
                units = [-1] if self.view.collapsed(node) else range(node.units)
                walk.extend((phase, node.id, u) for u in units)
        return walk

    def _show_summary(self):
        g = self.graph
        src = g.source
        if "index" in src:
            part = self.tr("training") if src["part"] == "train" else self.tr("validation")
            where = self.tr("{part} row {index}").format(part=part, index=src["index"])
        else:
            where = self.tr("typed input")
        x = g.raw_input if g.raw_input is not None else g.nodes[0].value
        shown = ", ".join(number(v) for v in x[:SHOWN_TERMS]) + (", …" if x.size > SHOWN_TERMS else "")
        target = str(g.target_class) if g.target_class is not None else ", ".join(number(v) for v in g.target[:4])
        text = self.tr("Example: {where} · x = ({x}) · target {t} · loss L = {loss} · {dtype}").format(
            where=where, x=shown, t=target, loss=number(g.loss), dtype=g.dtype
        )
        kinds = {n.kind for n in g.nodes}
        if "dropout" in kinds:
            text += " · " + (
                self.tr("dropout: the mask of this pass")
                if g.modes["dropout"] == "train"
                else self.tr("dropout: evaluation mode (off)")
            )
        if "batchnorm" in kinds:
            text += " · " + self.tr("batch norm: evaluation mode (running statistics)")
        if not all(np.isfinite(n.value).all() and np.isfinite(n.grad[~np.isnan(n.grad)]).all() for n in g.nodes):
            text += " " + self.tr(
                "Some values are not finite (NaN or ∞, written as such): the network has diverged; "
                "reset it or lower the learning rate."
            )
        self.summary.setText(text)

    # ---- the walk
    def _go(self, pos: int):
        if not self.walk:
            return
        self.pos = max(0, min(pos, len(self.walk) - 1))
        self._show_position()

    def _show_position(self):
        if not self.walk or self.graph is None:
            self.position.setText("")
            self.detail.setPlainText("")
            return
        phase, node_id, unit = self.walk[self.pos]
        forward = [k for k, e in enumerate(self.walk) if e[0] == "forward"]
        if phase == "forward":
            text = self.tr("Forward: step {k} of {n}").format(k=self.pos + 1, n=len(forward))
        else:
            text = self.tr("Backward: step {k} of {n}").format(
                k=self.pos + 1 - len(forward), n=len(self.walk) - len(forward)
            )
        self.position.setText(text)
        self.view.show_walk(self.walk, self.pos)
        node = self.graph.node(node_id)
        collapsed = unit < 0
        self.unit_label.setVisible(collapsed)
        self.unit.setVisible(collapsed)
        if collapsed:
            self.unit.blockSignals(True)
            self.unit.setRange(1, node.units)
            self.unit.setValue(self._units.get(node_id, 0) + 1)
            self.unit.blockSignals(False)
            unit = self._units.get(node_id, 0)
        self.detail.setPlainText(self._detail(phase, node_id, unit))

    def _detail(self, phase: str, node_id: str, unit: int) -> str:
        g = self.graph
        if phase == "forward":
            step = g.forward_step(node_id, unit)
        else:
            step = g.backward_step(node_id, unit, max_params=SHOWN_TERMS)
        lines = equation_lines(step)
        out = [lines[0], *("    " + line for line in lines[1:]), "", explanation(step)]
        if step.terms and step.direction == "backward" and len(step.terms) == 1:
            t = step.terms[0]
            out.append(
                self.tr("Local derivative {ls} = {l}; upstream gradient {us} = {u}; product {p}.").format(
                    ls=t.second_symbol, l=number(t.second), us=t.first_symbol, u=number(t.first), p=number(t.product)
                )
            )
        if len(step.terms) > SHOWN_TERMS:
            out.append(
                self.tr("{n} terms in all; the first {k} are written out.").format(n=len(step.terms), k=SHOWN_TERMS)
            )
        if step.params:
            out += ["", self.tr("Gradients of this unit's parameters:")]
            out += [equation(p) for p in step.params[:SHOWN_TERMS]]
            total = step.args.get("params_total", len(step.params))
            if total > len(step.params):
                out.append(self.tr("… and {n} more.").format(n=total - len(step.params)))
        return "\n".join(out)

    def _on_play_toggled(self, on: bool):
        if on:
            if self.pos >= len(self.walk) - 1:
                self.home()
            self._play_timer.start()
        else:
            self._play_timer.stop()

    def _on_play_tick(self):
        if self.pos >= len(self.walk) - 1:
            self.play_button.setChecked(False)
            return
        self.step_on()

    def _edit_value(self, path: str, name: str, index, value: float, where) -> None:
        """Type a weight or bias of the graph (as on the network canvas): one undoable edit of
        the running network; the graph is asked again when the change is drawn."""
        from gui.panels.value_editor import ValueEditor

        symbol = "W" if name == "weight" else "b"
        title = self.tr("{symbol}[{index}] of {layer}").format(
            symbol=symbol, index=", ".join(str(i + 1) for i in index), layer=path
        )
        editor = ValueEditor(title, value, self)
        editor.committed.connect(
            lambda v: self.main.controller.set_parameter_value(path, name, tuple(index), float(v))
        )
        self.value_editor = editor
        editor.open_at(where.toPoint())

    def _on_unit_clicked(self, node_id: str, unit: int):
        phase = self.walk[self.pos][0] if self.walk else "forward"
        for k, entry in enumerate(self.walk):
            if entry == (phase, node_id, unit):
                self._go(k)
                return

    def _on_unit_changed(self, value: int):
        if self.walk:
            self._units[self.walk[self.pos][1]] = value - 1
            self._show_position()

    # ---- the network changes
    def _on_built(self, info):
        plane = info.task == "classification" and info.raw_x_train.ndim == 2 and info.raw_x_train.shape[1] == 2
        self.pick.setEnabled(plane)
        if not plane and self.pick.isChecked():
            self.pick.setChecked(False)
        self._update_row_range()
        self._last_step = None
        if self.isVisible():
            self.refresh()

    def _on_edit(self, _index=None):
        """An edit or its undo (a typed weight changes no step count): ask again."""
        self._last_step = None
        if self.isVisible() and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _on_snapshot(self, snap):
        if not self.isVisible() or snap.step == self._last_step:
            return
        self._last_step = snap.step
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def showEvent(self, event):
        super().showEvent(event)
        self.refresh()  # the weights may have moved while the window was closed

    def closeEvent(self, event):
        self._play_timer.stop()
        self._refresh_timer.stop()
        self.play_button.setChecked(False)
        if self.pick.isChecked():
            self.pick.setChecked(False)
        super().closeEvent(event)

    # ---- keys: Space plays the walk; the main window closing closes this one
    def eventFilter(self, watched, event):
        if watched is self.main:
            if event.type() == QEvent.Close:
                QTimer.singleShot(0, self._close_if_main_closed)
            return False
        kind = event.type()
        if kind in (QEvent.ShortcutOverride, QEvent.KeyPress) and event.key() == Qt.Key_Space:
            if event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier) and not _types_space(watched):
                if kind == QEvent.ShortcutOverride:
                    event.accept()  # not the application's Play shortcut
                elif not event.isAutoRepeat():
                    self.play_button.toggle()
                return True
        return super().eventFilter(watched, event)

    def _close_if_main_closed(self):
        if getattr(self.main, "_closed", False) or not self.main.isVisible():
            self.close()


def _types_space(widget) -> bool:
    if isinstance(widget, QLineEdit):
        return not isinstance(widget.parent(), QAbstractSpinBox) and not widget.isReadOnly()
    return False


def _shape(graph) -> tuple:
    return tuple((n.id, n.units) for n in graph.nodes)
