"""Loss, optimizer and its parameters, batch mode, schedule, regularisation, seed.

The optimizer's fields are built from its registered parameter declarations,
so only the parameters that optimizer has are shown.  The learning rate is a
log-scale slider; like every optimizer field it takes effect on the next step
while training runs.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.losses import LOSS_NAMES, REDUCTIONS
from core.optimizers import OPTIMIZERS
from core.schedules import SCHEDULES
from gui import commands as cmd
from gui import explanations
from gui.forms import ComboBox, DoubleSpinBox, LogSlider, ParamForm, SpinBox

BATCH_MODES = ("batch", "stochastic", "mini-batch")
#: the optimizer combo's item for the "SGD with momentum" preset (sgd, momentum=β, dampening=β)
SGD_MOMENTUM = "sgd+momentum"
#: the glossary entry of each descent choice
GLOSSARY_BATCH = {
    "batch": "batch_gradient_descent",
    "stochastic": "stochastic_gradient_descent",
    "mini-batch": "mini_batch_gradient_descent",
}
#: seeds are any whole number >= 0 (the command line takes them); 20 digits hold every 64-bit one
SEED_PATTERN = r"\d{1,20}"


class TrainingPanel(QWidget):
    title = "Training"
    #: a gui.commands.EditCommand
    edit = Signal(object)
    #: a glossary entry's key (gui/help/glossary.py): the window opens Help → Glossary on it
    glossary_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: dict = {}
        outer = QVBoxLayout(self)
        top = QFormLayout()
        self.loss = ComboBox()
        self.loss.setObjectName("loss")
        self.loss.addItems(LOSS_NAMES)
        self.loss.activated.connect(self._on_loss)
        top.addRow(self.tr("Loss"), self.loss)
        # PyTorch's reduction and mse's ½ factor: a course's formula matched exactly
        self.reduction = ComboBox()
        self.reduction.setObjectName("lossReduction")
        reduction_names = {"mean": self.tr("mean"), "sum": self.tr("sum")}
        for name in REDUCTIONS:
            self.reduction.addItem(reduction_names.get(name, name), name)
        self.reduction.setToolTip(explanations.tip("loss", "reduction"))
        self.reduction.activated.connect(self._on_reduction)
        top.addRow(self.tr("Reduction"), self.reduction)
        self.half = QCheckBox(self.tr("Halve the squared error: ½ (y − t)²"))
        self.half.setObjectName("lossHalf")
        self.half.setToolTip(explanations.tip("mse", "half"))
        self.half.toggled.connect(self._on_half)
        top.addRow(self.half)
        self.loss.setToolTip(
            self.tr(
                "The loss measures how wrong the output is: auto picks cross-entropy for classes and "
                "mean squared error (MSE) for values"
            )
        )
        self.optimizer = ComboBox()
        self.optimizer.setObjectName("optimizer")
        for name in OPTIMIZERS:
            self.optimizer.addItem(name, name)
            if name == "sgd":
                # a preset, not an engine optimizer: sgd with momentum=β, dampening=β (the EMA form)
                self.optimizer.addItem(self.tr("SGD with momentum"), SGD_MOMENTUM)
        self.optimizer.setToolTip(
            self.tr(
                "How each step turns the gradient g into a change of the weights. sgd: w ← w − η·g; "
                "SGD with momentum: steps along an exponentially weighted average of g; "
                "adagrad, rmsprop, adam: a step size per weight from the history of g²"
            )
        )
        self.optimizer.activated.connect(self._on_optimizer)
        top.addRow(self.tr("Optimizer"), self._with_help(self.optimizer, self._optimizer_glossary_key))
        self.equivalence = QLabel()
        self.equivalence.setObjectName("optimizerEquivalence")
        self.equivalence.setWordWrap(True)
        self.equivalence.setToolTip(self.tr("The same optimizer as the project file writes it"))
        top.addRow(self.equivalence)
        self.lr = LogSlider(1e-5, 10.0, 1e-3)
        self.lr.setObjectName("learningRate")
        self.lr.setToolTip(explanations.tip("*", "lr"))
        self.lr.changed.connect(lambda v: self._set_optimizer("lr", v))
        top.addRow(self.tr("Learning rate"), self.lr)
        outer.addLayout(top)
        self.opt_box = QGroupBox(self.tr("Optimizer parameters"))
        self.opt_layout = QVBoxLayout(self.opt_box)
        self.opt_form: ParamForm | None = None
        outer.addWidget(self.opt_box)

        batch = QGroupBox(self.tr("Gradient descent"))
        form = QFormLayout(batch)
        mode_row = QHBoxLayout()
        self.batch_mode = ComboBox()
        self.batch_mode.setObjectName("batchMode")
        names = {
            "batch": self.tr("Batch (BGD): whole training set"),
            "stochastic": self.tr("Stochastic (SGD): one example"),
            "mini-batch": self.tr("Mini-batch: k examples"),
        }
        for mode in BATCH_MODES:
            self.batch_mode.addItem(names[mode], mode)
        self.batch_mode.setToolTip(
            self.tr(
                "How many training examples each step averages the gradient over. Batch gradient descent (BGD): "
                "all of them, one step per epoch; stochastic (SGD): one, noisy but many steps; "
                "mini-batch: k at a time, the usual compromise"
            )
        )
        # the long course names must not widen the dock: the combo shows what fits, the list shows all
        self.batch_mode.setSizeAdjustPolicy(ComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.batch_mode.setMinimumContentsLength(4)
        self.batch_mode.view().setMinimumWidth(self.batch_mode.view().sizeHintForColumn(0) + 24)
        self.batch_mode.activated.connect(self._on_batch_mode)
        self.batch_size = SpinBox()
        self.batch_size.setObjectName("batchSize")
        self.batch_size.setRange(2, 100000)
        self.batch_size.setKeyboardTracking(False)
        self.batch_size.setToolTip(self.tr("k: the number of examples in each mini-batch"))
        self.batch_size.valueChanged.connect(lambda v: self._set_training("batch_size", v))
        mode_row.addWidget(self.batch_mode)
        mode_row.addWidget(self.batch_size)
        mode_row.addWidget(
            self._help_button(lambda: GLOSSARY_BATCH.get(self.batch_mode.currentData(), "gradient_descent"))
        )
        form.addRow(self.tr("Batch"), mode_row)
        self.epochs = SpinBox()
        self.epochs.setObjectName("epochs")
        self.epochs.setRange(1, 1000000)
        self.epochs.setKeyboardTracking(False)
        self.epochs.setToolTip(
            self.tr("An epoch is one pass over the whole training set; training stops after this many")
        )
        self.epochs.valueChanged.connect(lambda v: self._set_training("epochs", v))
        form.addRow(self.tr("Epochs"), self.epochs)
        self.schedule = ComboBox()
        self.schedule.setObjectName("schedule")
        self.schedule.addItems(list(SCHEDULES))
        self.schedule.setToolTip(
            self.tr(
                "How the learning rate changes over the epochs: constant; step (× γ every few epochs); "
                "exponential (× γ every epoch); cosine (down to η_min along half a cosine)"
            )
        )
        self.schedule.activated.connect(lambda _i: self._emit(cmd.SetSchedule({"name": self.schedule.currentText()})))
        form.addRow(self.tr("LR schedule"), self.schedule)
        self.schedule_form_holder = QVBoxLayout()
        form.addRow(self.schedule_form_holder)
        outer.addWidget(batch)

        reg = QGroupBox(self.tr("Stability and regularisation"))
        form = QFormLayout(reg)
        clip_row = QHBoxLayout()
        self.clip_on = QCheckBox()
        self.clip_on.setObjectName("clipOn")
        self.clip = DoubleSpinBox()
        self.clip.setObjectName("gradClip")
        self.clip.setRange(0.001, 1e6)
        self.clip.setValue(1.0)
        self.clip.setKeyboardTracking(False)
        clip_tip = self.tr(
            "Gradient clipping: if the norm ‖g‖ of all gradients exceeds this value, g is scaled down to it "
            "(g ← g·c/‖g‖); a guard against exploding gradients"
        )
        self.clip_on.setToolTip(clip_tip)
        self.clip.setToolTip(clip_tip)
        self.clip_on.toggled.connect(self._on_clip)
        self.clip.valueChanged.connect(self._on_clip)
        clip_row.addWidget(self.clip_on)
        clip_row.addWidget(self.clip, 1)
        form.addRow(self.tr("Clip gradient norm"), clip_row)
        early_row = QHBoxLayout()
        self.early_on = QCheckBox()
        self.early_on.setObjectName("earlyOn")
        self.patience = SpinBox()
        self.patience.setObjectName("patience")
        self.patience.setRange(1, 10000)
        self.patience.setValue(10)
        self.patience.setPrefix(self.tr("patience "))
        self.patience.setKeyboardTracking(False)
        early_tip = self.tr(
            "Early stopping: stop when the validation loss has not improved for this many epochs "
            "(patience), before the network overfits"
        )
        self.early_on.setToolTip(early_tip)
        self.patience.setToolTip(early_tip)
        self.early_on.toggled.connect(self._on_early)
        self.patience.valueChanged.connect(self._on_early)
        early_row.addWidget(self.early_on)
        early_row.addWidget(self.patience, 1)
        form.addRow(self.tr("Early stopping"), early_row)
        # a line edit, not a QSpinBox: a seed >= 2**31 (which the command line takes)
        # overflows a spin box's int
        self.seed = QLineEdit()
        self.seed.setObjectName("seed")
        self.seed.setValidator(QRegularExpressionValidator(QRegularExpression(SEED_PATTERN), self.seed))
        self.seed.setToolTip(self.tr("Any whole number from 0: the same seed gives the same data and weights"))
        self.seed.editingFinished.connect(self._on_seed)
        form.addRow(self.tr("Seed"), self.seed)
        self.dtype = ComboBox()
        self.dtype.setObjectName("dtype")
        self.dtype.addItems(["float64", "float32"])
        self.dtype.setToolTip(
            self.tr(
                "Number precision: float64 is exact enough for gradient checks; float32 is faster and overflows sooner"
            )
        )
        self.dtype.activated.connect(lambda _i: self._set_training("dtype", self.dtype.currentText()))
        form.addRow(self.tr("Precision"), self.dtype)
        outer.addWidget(reg)
        outer.addStretch(1)

    # ---- Public API
    def set_project(self, project: dict) -> None:
        """Show ``project``'s values (no signals are emitted)."""
        self.project = copy.deepcopy(project)
        self._show_values()
        self._rebuild_optimizer_form(project["optimizer"])
        self._rebuild_schedule_form(project["schedule"])

    def _show_values(self) -> None:
        project = self.project
        widgets = [
            self.loss,
            self.reduction,
            self.half,
            self.optimizer,
            self.batch_mode,
            self.batch_size,
            self.epochs,
            self.schedule,
            self.clip_on,
            self.clip,
            self.early_on,
            self.patience,
            self.seed,
            self.dtype,
        ]
        for w in widgets:
            w.blockSignals(True)
        loss = project["loss"]
        self.loss.setCurrentText(loss if isinstance(loss, str) else loss.get("name", "auto"))
        options = loss if isinstance(loss, dict) else {}
        self.reduction.setCurrentIndex(self.reduction.findData(options.get("reduction", "mean")))
        self.half.setChecked(bool(options.get("half", False)))
        self.half.setEnabled(self.loss.currentText() == "mse")
        opt = project["optimizer"]
        self.optimizer.setCurrentIndex(self.optimizer.findData(_optimizer_choice(opt)))
        self._show_equivalence(opt)
        self.lr.set_value(opt.get("lr", OPTIMIZERS[opt["name"]].params["lr"].default))
        training = project["training"]
        size = training["batch_size"]
        mode = "batch" if size is None else "stochastic" if size == 1 else "mini-batch"
        self.batch_mode.setCurrentIndex(self.batch_mode.findData(mode))
        self.batch_size.setEnabled(size not in (None, 1))
        if size not in (None, 1):
            self.batch_size.setValue(size)
        self.epochs.setValue(training["epochs"])
        self.schedule.setCurrentText(project["schedule"]["name"])
        self.clip_on.setChecked(training["grad_clip"] is not None)
        self.clip.setEnabled(training["grad_clip"] is not None)
        if training["grad_clip"] is not None:
            self.clip.setValue(training["grad_clip"])
        early = training["early_stopping"]
        self.early_on.setChecked(early is not None)
        self.patience.setEnabled(early is not None)
        if early is not None:
            self.patience.setValue(early.get("patience", 10))
        self.seed.setText(str(project["seed"]))
        self.dtype.setCurrentText(training["dtype"])
        for w in widgets:
            w.blockSignals(False)

    # ---- Private API
    def show_change(self, change) -> None:
        """Show one changed value (an undo, or an edit refused) without rebuilding the panel."""
        self.project[change.section] = copy.deepcopy(self.project.get(change.section))
        if change.key is None:
            self.project[change.section] = copy.deepcopy(change.new)
        else:
            self.project[change.section][change.key] = copy.deepcopy(change.new)
        section, key = change.section, change.key
        if section == "optimizer" and key == "lr":
            if self.lr.value() != change.new:
                self.lr.set_value(change.new)
        elif section == "optimizer" and key is not None:
            if not _shows(self.opt_form, key, change.new):
                self._rebuild_optimizer_form(self.project["optimizer"])
        elif section == "schedule" and key is not None:
            if not _shows(self._schedule_form(), key, change.new):
                self._rebuild_schedule_form(self.project["schedule"])
        elif section in ("optimizer", "schedule"):
            self.set_project(self.project)
        else:
            self._show_values()
        if section == "optimizer":
            opt = self.project["optimizer"]
            self.optimizer.blockSignals(True)
            self.optimizer.setCurrentIndex(self.optimizer.findData(_optimizer_choice(opt)))
            self.optimizer.blockSignals(False)
            self._show_equivalence(opt)

    def _emit(self, command):
        self.edit.emit(command)

    def _loss_options(self) -> dict:
        loss = self.project.get("loss", "auto")
        return {k: v for k, v in loss.items() if k != "name"} if isinstance(loss, dict) else {}

    def _on_loss(self, _index):
        """Another loss keeps the reduction (and the ½ while it stays mse)."""
        name = self.loss.currentText()
        loss = self.project.get("loss", "auto")
        if name == (loss if isinstance(loss, str) else loss.get("name", "auto")):
            return
        options = {k: v for k, v in self._loss_options().items() if k == "reduction" or (k == "half" and name == "mse")}
        self._emit(cmd.SetLoss(loss_spec(name, options)))

    def _on_reduction(self, _index):
        loss = self.project.get("loss", "auto")
        name = loss if isinstance(loss, str) else loss.get("name", "auto")
        value = self.reduction.currentData()
        spec = loss_spec(name, {**self._loss_options(), "reduction": value})
        self._emit(cmd.SetSection("loss", spec, self.tr("Set the loss reduction to {value}").format(value=value)))

    def _on_half(self, checked: bool):
        loss = self.project.get("loss", "auto")
        name = loss if isinstance(loss, str) else loss.get("name", "auto")
        spec = loss_spec(name, {**self._loss_options(), "half": checked})
        text = self.tr("Use ½ (y − t)² in the loss") if checked else self.tr("Use (y − t)² in the loss")
        self._emit(cmd.SetSection("loss", spec, text))

    def _rebuild_optimizer_form(self, opt: dict):
        if self.opt_form is not None:
            self.opt_form.setParent(None)
            self.opt_form.deleteLater()
        cls = OPTIMIZERS[opt["name"]]
        self.opt_form = ParamForm(cls.params, opt, skip=("lr",), owner=opt["name"])
        self.opt_form.changed.connect(self._set_optimizer)
        self.opt_layout.addWidget(self.opt_form)
        self.opt_box.setTitle(self.tr("{name} parameters").format(name=opt["name"]))

    def _schedule_form(self):
        item = self.schedule_form_holder.itemAt(0) if self.schedule_form_holder.count() else None
        return item.widget() if item is not None else None

    def _rebuild_schedule_form(self, schedule: dict):
        while self.schedule_form_holder.count():
            item = self.schedule_form_holder.takeAt(0)
            if item.widget():
                item.widget().setParent(None)
        cls = SCHEDULES[schedule["name"]]
        if cls.params:
            form = ParamForm(cls.params, schedule, owner=schedule["name"])
            form.changed.connect(self._set_schedule)
            self.schedule_form_holder.addWidget(form)

    def _on_optimizer(self, _index):
        choice = self.optimizer.currentData()
        opt = self.project["optimizer"]
        if choice == _optimizer_choice(opt):
            return
        if choice == SGD_MOMENTUM:
            beta = 0.9
            spec = {"name": "sgd", "lr": opt.get("lr") or 0.01, "momentum": beta, "dampening": beta}
            self._emit(cmd.SetSection("optimizer", spec, self.tr("Use SGD with momentum")))
            return
        self._emit(cmd.SetOptimizer(choice, opt.get("lr")))

    def _help_button(self, key_of) -> QToolButton:
        """A "?" that opens the glossary on ``key_of()``."""
        button = QToolButton()
        button.setText("?")
        button.setAutoRaise(True)
        button.setObjectName("glossaryLink")
        button.setToolTip(self.tr("Explain this in the glossary (Help → Glossary)"))
        button.clicked.connect(lambda: self.glossary_requested.emit(key_of()))
        return button

    def _with_help(self, widget: QWidget, key_of) -> QWidget:
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(widget, 1)
        h.addWidget(self._help_button(key_of))
        return row

    def _optimizer_glossary_key(self) -> str:
        choice = self.optimizer.currentData()
        return {SGD_MOMENTUM: "momentum", "sgd": "stochastic_gradient_descent", "adamw": "adam"}.get(choice, choice)

    def _show_equivalence(self, opt: dict) -> None:
        if _optimizer_choice(opt) == SGD_MOMENTUM:
            text = self.tr("project file: sgd, momentum={momentum}, dampening={dampening}").format(
                momentum=opt.get("momentum", 0.0), dampening=opt.get("dampening", 0.0)
            )
        else:
            text = self.tr("project file: {name}").format(name=opt["name"])
        self.equivalence.setText(text)

    def _set_optimizer(self, key, value):
        self._emit(cmd.SetHyperparameter(key, value))

    def _set_schedule(self, key, value):
        self._emit(cmd.SetScheduleOption(key, value))

    def _set_training(self, key, value, text=""):
        self._emit(cmd.SetTrainingOption(key, value, text))

    def _on_batch_mode(self, _index):
        mode = self.batch_mode.currentData()
        size = {"batch": None, "stochastic": 1}.get(mode, self.batch_size.value())
        text = {"batch": self.tr("Batch gradient descent"), "stochastic": self.tr("Stochastic gradient descent")}
        self._set_training("batch_size", size, text.get(mode, self.tr("Mini-batch gradient descent")))

    def _on_clip(self, *_):
        self._set_training(
            "grad_clip", self.clip.value() if self.clip_on.isChecked() else None, self.tr("Gradient clipping")
        )

    def _on_early(self, *_):
        value = {"patience": self.patience.value()} if self.early_on.isChecked() else None
        self._set_training("early_stopping", value, self.tr("Early stopping"))

    def _on_seed(self):
        text = self.seed.text()
        if not text.isdigit():
            self.seed.setText(str(self.project.get("seed", 0)))
            return
        if int(text) != self.project.get("seed"):
            self._emit(cmd.SetSeed(int(text)))


def loss_spec(name: str, options: dict):
    """A project's ``loss`` value: the name alone while every option has its default
    (so files stay as they were), else ``{"name": ..., **options}``."""
    changed = {k: v for k, v in options.items() if v != {"reduction": "mean", "half": False}.get(k)}
    return name if not changed else {"name": name, **changed}


def _optimizer_choice(opt: dict) -> str:
    """The optimizer combo's item for ``opt``: SGD with momentum is sgd with momentum > 0."""
    if opt.get("name") == "sgd" and (opt.get("momentum") or 0.0) > 0.0:
        return SGD_MOMENTUM
    return opt.get("name")


def _shows(form, key, value) -> bool:
    """True if ``form``'s editor for ``key`` already shows ``value`` (the edit came from it)."""
    editor = form.editors.get(key) if form is not None else None
    if editor is None:
        return False
    for getter in ("isChecked", "currentData", "value"):
        if hasattr(editor, getter):
            try:
                return getattr(editor, getter)() == value
            except TypeError:
                return False
    return False
