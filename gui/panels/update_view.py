"""Apply the update: one optimizer step for one example, with the optimizer's formula.

:class:`UpdateView` shows a :class:`core.update_preview.UpdatePreview`: the update
rule in symbols (as PyTorch defines it for the current hyper-parameters), a table of
every scalar of one parameter tensor (old value, gradient, the optimizer's internal
quantities before and after, update, new value) and, for the selected row, the rule
filled in with that scalar's numbers.  The table is a model over the preview's arrays,
so a tensor of a hundred thousand weights costs no more widgets than one of four.

Public API (the step-through window uses it): ``UpdateView(worker)``;
``show_for(index=None, part="train", x=None, target=None)`` asks the training process
(query ``"update_preview"``) and shows the answer; ``show_preview(preview)`` shows one.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.update_preview import UpdatePreview, filled_lines, fmt, formula_lines

_T = QCoreApplication.translate

# what each column of the table is, for its tooltip (context "UpdateView")
_COLUMN_TIPS = {
    "old": QT_TRANSLATE_NOOP("UpdateView", "θ: the parameter before the step"),
    "grad": QT_TRANSLATE_NOOP("UpdateView", "g: ∂L/∂θ for this example alone (a batch of one)"),
    "decay": QT_TRANSLATE_NOOP(
        "UpdateView", "The weight-decay term: λθ is added to the gradient (AdamW: the parameter shrinks by ηλθ first)"
    ),
    "grad_total": QT_TRANSLATE_NOOP("UpdateView", "g + λθ: the gradient the optimizer uses"),
    "direction": QT_TRANSLATE_NOOP("UpdateView", "Nesterov: the step goes along g + μb"),
    "denom": QT_TRANSLATE_NOOP("UpdateView", "The denominator that scales this parameter's step"),
    "m_hat": QT_TRANSLATE_NOOP("UpdateView", "m̂: the first moment corrected for its start at zero, m / (1 − β₁ᵗ)"),
    "v_hat": QT_TRANSLATE_NOOP("UpdateView", "v̂: the second moment corrected for its start at zero, v / (1 − β₂ᵗ)"),
    "update": QT_TRANSLATE_NOOP("UpdateView", "Δθ: the change this step makes (new − old)"),
    "new": QT_TRANSLATE_NOOP("UpdateView", "θ′: the parameter after the step"),
}
_STATE_TIPS = {
    "momentum_buffer": QT_TRANSLATE_NOOP("UpdateView", "b: the momentum buffer (PyTorch's momentum_buffer)"),
    "sum": QT_TRANSLATE_NOOP("UpdateView", "s: the sum of squared gradients (PyTorch's sum)"),
    "square_avg": QT_TRANSLATE_NOOP("UpdateView", "v: the running average of squared gradients (PyTorch's square_avg)"),
    "grad_avg": QT_TRANSLATE_NOOP("UpdateView", "ḡ: the running average of gradients (PyTorch's grad_avg)"),
    "exp_avg": QT_TRANSLATE_NOOP(
        "UpdateView", "m: the first moment, a running average of gradients (PyTorch's exp_avg)"
    ),
    "exp_avg_sq": QT_TRANSLATE_NOOP(
        "UpdateView", "v: the second moment, a running average of squared gradients (PyTorch's exp_avg_sq)"
    ),
    "max_exp_avg_sq": QT_TRANSLATE_NOOP(
        "UpdateView", "vₘₐₓ: the largest second moment so far (AMSGrad; PyTorch's max_exp_avg_sq)"
    ),
}
_BEFORE = QT_TRANSLATE_NOOP("UpdateView", "before this step")
_AFTER = QT_TRANSLATE_NOOP("UpdateView", "after this step")
_NAMES = {
    "sgd": QT_TRANSLATE_NOOP("UpdateView", "SGD"),
    "adagrad": QT_TRANSLATE_NOOP("UpdateView", "Adagrad"),
    "rmsprop": QT_TRANSLATE_NOOP("UpdateView", "RMSprop"),
    "adam": QT_TRANSLATE_NOOP("UpdateView", "Adam"),
    "adamw": QT_TRANSLATE_NOOP("UpdateView", "AdamW"),
}
_FLAGS = {
    "nesterov": QT_TRANSLATE_NOOP("UpdateView", "Nesterov"),
    "centered": QT_TRANSLATE_NOOP("UpdateView", "centred"),
    "amsgrad": QT_TRANSLATE_NOOP("UpdateView", "AMSGrad"),
}
_SYMBOLS = {
    "lr": "η",
    "momentum": "μ",
    "dampening": "τ",
    "weight_decay": "λ",
    "lr_decay": "δ",
    "initial_accumulator_value": "s₀",
    "eps": "ε",
    "alpha": "α",
}


# fonts whose accents sit on their letter: m̂ and v̂ are m and v with a combining circumflex,
# which some sans-serif fonts (DejaVu Sans) draw beside the letter or not at all
MATH_FAMILIES = ["DejaVu Serif", "Cambria Math", "Cambria", "STIX Two Text", "Times New Roman", "Liberation Serif"]


def math_font(base: QFont, scale: float = 1.0) -> QFont:
    """``base`` in a serif family that places combining accents (formulas and symbols)."""
    font = QFont(base)
    font.setFamilies([*MATH_FAMILIES, *base.families()])
    if scale != 1.0:
        font.setPointSizeF(base.pointSizeF() * scale)
    return font


def column_tip(key: str) -> str:
    """The translated tooltip of the column ``key`` (``before.exp_avg``...)."""
    if "." in key:
        when, state = key.split(".", 1)
        tip = _T("UpdateView", _STATE_TIPS.get(state, state))
        return f"{tip} ({_T('UpdateView', _BEFORE if when == 'before' else _AFTER)})"
    return _T("UpdateView", _COLUMN_TIPS.get(key, key))


def scalar_label(name: str, shape: tuple, flat_index: int) -> str:
    """``layers.0.weight[1, 0]`` for the scalar at ``flat_index`` (C order)."""
    if not shape:
        return name
    return f"{name}[{', '.join(str(int(i)) for i in np.unravel_index(flat_index, shape))}]"


_DISPLAY, _TIP, _ALIGN_ROLE = Qt.DisplayRole, Qt.ToolTipRole, Qt.TextAlignmentRole
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)


class UpdateTableModel(QAbstractTableModel):
    """Rows: the scalars of one parameter tensor; columns: the preview's quantities."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._preview: UpdatePreview | None = None
        self._tensor = None
        self._arrays: list = []
        self._rows = 0

    # ---- Public API
    def set_tensor(self, preview: UpdatePreview | None, name: str | None) -> None:
        self.beginResetModel()
        self._preview = preview
        self._tensor = None if preview is None or name is None else preview.tensor(name)
        self._arrays = (
            [None if self._tensor[k] is None else self._tensor[k].reshape(-1) for k, _ in preview.columns]
            if self._tensor is not None
            else []
        )
        self._rows = 0 if self._tensor is None else int(np.prod(self._tensor.shape))
        self.endResetModel()

    def value(self, row: int, key: str):
        """The number in ``row`` of column ``key`` (None where it is not defined)."""
        arr = self._tensor[key]
        return None if arr is None else arr.reshape(-1)[row]

    # ---- Qt model
    def rowCount(self, parent=None):
        return 0 if parent is not None and parent.isValid() else self._rows

    def columnCount(self, parent=None):
        return (
            0 if self._preview is None or (parent is not None and parent.isValid()) else 1 + len(self._preview.columns)
        )

    def data(self, index, role=_DISPLAY):
        # asked for every visible cell and role on each paint: kept to plain look-ups
        if role == _DISPLAY:
            row, col = index.row(), index.column()
            if self._tensor is None:
                return None
            if col == 0:
                return scalar_label(self._tensor.name, self._tensor.shape, row)
            arr = self._arrays[col - 1]
            return fmt(None if arr is None else arr[row])
        if role == _ALIGN_ROLE:
            return _RIGHT if index.column() else None
        if role == _TIP and self._tensor is not None:
            row, col = index.row(), index.column()
            if col == 0:
                return scalar_label(self._tensor.name, self._tensor.shape, row)
            arr = self._arrays[col - 1]
            if arr is None:
                return QCoreApplication.translate(
                    "UpdateView", "Not defined before the first step: the buffer starts as the first gradient."
                )
            value = arr[row]
            if not np.isfinite(value):
                return QCoreApplication.translate(
                    "UpdateView", "Infinite or NaN (not a number): this value cannot be drawn."
                )
            return repr(float(value))
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or self._preview is None:
            return None
        if section == 0:
            if role == Qt.DisplayRole:
                return QCoreApplication.translate("UpdateView", "parameter")
            if role == Qt.ToolTipRole:
                return QCoreApplication.translate(
                    "UpdateView", "The parameter tensor and the position of this scalar in it"
                )
            return None
        key, symbol = self._preview.columns[section - 1]
        if role == Qt.DisplayRole:
            return symbol
        if role == Qt.ToolTipRole:
            return column_tip(key)
        return None


class UpdateView(QWidget):
    """One optimizer step for one example: the rule, a table, the rule filled in."""

    shown = Signal(object)  # the UpdatePreview now on screen
    failed = Signal(str)  # a query that failed, in words

    def __init__(self, worker=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("update_view")
        self.worker = worker
        self._preview: UpdatePreview | None = None
        self._asked = 0  # the latest query: older answers are dropped
        self._error: str | None = None
        self._setup_ui()
        self.retranslate()

    # ---- Public API
    @property
    def preview(self) -> UpdatePreview | None:
        return self._preview

    def show_for(
        self, index=None, part: str = "train", x=None, target=None, raw: bool = False, training: bool | None = None
    ) -> None:
        """Ask the training process for the step on row ``index`` of ``part`` (or the typed
        input ``x`` and ``target``: the network's input, or with ``raw`` the data's own units,
        e.g. a point clicked on the input plane; a class label or regression values) and show
        it when the answer comes.  ``training=False`` runs the pass in evaluation mode (no
        dropout), as ``trace_example`` does, so the update follows a traced backward walk;
        None runs it as the trainer's next step would."""
        if self.worker is None:
            return
        self._asked += 1
        asked = self._asked

        def done(preview):
            if asked == self._asked:
                self.show_preview(preview)

        def error(exc):
            if asked == self._asked:
                self._show_error(exc)

        self.worker.ask("update_preview", index, part, x, target, raw, training, on_done=done, on_error=error)

    def show_preview(self, preview: UpdatePreview) -> None:
        self._preview, self._error = preview, None
        keep = self.tensor_combo.currentData()
        self.tensor_combo.blockSignals(True)
        self.tensor_combo.clear()
        for t in preview.tensors:
            shape = "×".join(str(n) for n in t.shape)
            self.tensor_combo.addItem(f"{t.name} ({shape})", t.name)
        names = preview.names
        self.tensor_combo.setCurrentIndex(names.index(keep) if keep in names else 0)
        self.tensor_combo.blockSignals(False)
        self._update_texts()
        self._on_tensor_changed()
        self.shown.emit(preview)

    def select(self, name: str, flat_index: int = 0) -> None:
        """Show tensor ``name`` and select its scalar ``flat_index`` (the filled formula follows)."""
        i = self.tensor_combo.findData(name)
        if i < 0:
            raise KeyError(name)
        self.tensor_combo.setCurrentIndex(i)
        self.table.selectRow(flat_index)

    def formula_text(self) -> str:
        """The rule in symbols, one line each (plain text)."""
        return "\n".join(formula_lines(self._preview)) if self._preview is not None else ""

    def filled_text(self) -> str:
        """The rule with the selected scalar's numbers (plain text)."""
        return self._filled_plain

    # ---- Private API
    def _setup_ui(self):
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        self.summary = QLabel()
        self.summary.setObjectName("update_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.notes = QLabel()
        self.notes.setObjectName("update_notes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #a04000;")
        self.formula = QLabel()
        self.formula.setObjectName("update_formula")
        self.formula.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = math_font(self.formula.font(), 1.2)
        self.formula.setFont(font)
        row = QHBoxLayout()
        self.tensor_label = QLabel()
        self.tensor_combo = QComboBox()
        self.tensor_combo.setObjectName("update_tensor")
        self.tensor_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.tensor_combo.currentIndexChanged.connect(self._on_tensor_changed)
        self.tensor_label.setBuddy(self.tensor_combo)
        row.addWidget(self.tensor_label)
        row.addWidget(self.tensor_combo)
        row.addStretch(1)
        self.model = UpdateTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("update_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(64)  # rows looked at to size a column
        self.table.horizontalHeader().setFont(math_font(self.table.horizontalHeader().font()))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_filled())
        self.filled = QLabel()
        self.filled.setObjectName("update_filled")
        self.filled.setWordWrap(True)
        self.filled.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.filled.setFont(font)
        self._filled_plain = ""
        box.addWidget(self.summary)
        box.addWidget(self.notes)
        box.addWidget(self.formula)
        box.addLayout(row)
        box.addWidget(self.table, 1)
        box.addWidget(self.filled)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        self.tensor_label.setText(self.tr("&Tensor:"))
        self.tensor_combo.setToolTip(self.tr("The parameter tensor whose scalars the table lists"))
        self.table.setToolTip(self.tr("Every scalar of the tensor: select a row to see its numbers in the formula"))
        self.formula.setToolTip(
            self.tr("The optimizer's update rule as PyTorch defines it: θ parameter, g gradient, η learning rate")
        )
        self.filled.setToolTip(self.tr("The update rule with the selected scalar's numbers"))
        self._update_texts()
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, max(0, self.model.columnCount() - 1))

    def _show_error(self, exc) -> None:
        from gui.controller import coded_message

        self._error = coded_message(getattr(exc, "code", None), getattr(exc, "args", None), str(exc))
        self._update_texts()
        self.failed.emit(self._error)

    def _update_texts(self):
        p = self._preview
        if p is None:
            self.summary.setText(self.tr("Pick an example to see one optimizer step on it."))
            self.formula.setText("")
            self.notes.setText(self._error or "")
            self.notes.setVisible(bool(self._error))
            return
        name = _T("UpdateView", _NAMES[p.optimizer]) if p.optimizer in _NAMES else p.optimizer
        hyper = []
        for key, value in p.hyper.items():
            if key == "betas":
                hyper.append(f"β₁ = {fmt(value[0])}, β₂ = {fmt(value[1])}")
            elif key in _SYMBOLS:
                hyper.append(f"{_SYMBOLS[key]} = {fmt(value)}")
            elif value is True:
                hyper.append(_T("UpdateView", _FLAGS[key]) if key in _FLAGS else key)
        if p.index is not None:
            where = (self.tr("training row {0}") if p.part == "train" else self.tr("validation row {0}")).format(
                p.index
            )
        else:
            where = self.tr("the typed example")
        text = self.tr("{0} step t = {1} on {2} (training step {3}), loss {4}").format(
            name, p.step, where, p.train_step, fmt(p.loss)
        )
        self.summary.setText(f"<b>{html.escape(text)}</b><br>{html.escape(', '.join(hyper))}")
        lines = [html.escape(line) for line in formula_lines(p)]
        self.formula.setText("<br>".join(lines))
        notes = [self._note(n) for n in p.notes]
        if self._error:
            notes.insert(0, self._error)
        self.notes.setText(" ".join(notes))
        self.notes.setVisible(bool(notes))

    def _note(self, code: str) -> str:
        p = self._preview
        if code == "batchnorm_eval":
            return self.tr(
                "Batch norm cannot normalise a single example: this pass used its running statistics "
                "(evaluation mode), so training on a batch would give other numbers."
            )
        if code == "evaluation_mode":
            return self.tr(
                "This pass ran in evaluation mode (no dropout), as the backward walk traces it; "
                "the trainer's own step would drop units at random."
            )
        if code == "clipped":
            return self.tr("Gradient clipping scaled this gradient by {0}.").format(fmt(p.scalars.get("clip_coef")))
        if code == "nonfinite_gradient":
            return self.tr(
                "The loss or a gradient is infinite or NaN: training would stop here instead of updating "
                "(missing values are shown as —)."
            )
        if code == "nonfinite_update":
            return self.tr("This update makes a parameter infinite or NaN.")
        return code

    def _on_tensor_changed(self, *_):
        p = self._preview
        self.model.set_tensor(p, self.tensor_combo.currentData() if p is not None else None)
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()  # from the first rows only: widen for the rest
        fm = self.table.fontMetrics()
        rows = self.model.rowCount()
        if rows:
            tensor = p.tensor(self.tensor_combo.currentData())
            widest = scalar_label(tensor.name, tensor.shape, rows - 1)  # the largest indices
            header.resizeSection(0, max(header.sectionSize(0), fm.horizontalAdvance(widest) + 16))
        number = fm.horizontalAdvance("−0.000123456") + 16  # fmt's longest usual form
        for section in range(1, self.model.columnCount()):
            header.resizeSection(section, max(header.sectionSize(section), number))
        if rows:
            self.table.selectRow(0)
        self._update_filled()

    def _update_filled(self):
        p = self._preview
        row = self.table.currentIndex().row()
        if p is None or row < 0 or self.tensor_combo.currentData() is None:
            self._filled_plain = ""
            self.filled.setText("")
            return
        name = self.tensor_combo.currentData()
        tensor = p.tensor(name)
        lines = filled_lines(p, name, row)
        self._filled_plain = "\n".join(lines)
        label = html.escape(scalar_label(name, tensor.shape, row))
        self.filled.setText(f"<b>{label}</b><br>" + "<br>".join(html.escape(line) for line in lines))
