"""Loss, optimizer and its parameters, batch mode, schedule, regularisation, seed.

The optimizer's fields are built from its registered parameter declarations,
so only the parameters that optimizer has are shown.  The learning rate is a
log-scale slider; like every optimizer field it takes effect on the next step
while training runs.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from core.losses import LOSS_NAMES
from core.optimizers import OPTIMIZERS
from core.schedules import SCHEDULES
from gui.forms import ComboBox, DoubleSpinBox, LogSlider, ParamForm, SpinBox

BATCH_MODES = ("mini-batch", "batch", "stochastic")


class TrainingPanel(QWidget):
    title = "Training"
    #: section, new value, undo text, merge key
    edit = Signal(str, object, str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: dict = {}
        outer = QVBoxLayout(self)
        top = QFormLayout()
        self.loss = ComboBox()
        self.loss.setObjectName("loss")
        self.loss.addItems(LOSS_NAMES)
        self.loss.activated.connect(lambda _i: self._emit("loss", self.loss.currentText(), "Loss"))
        top.addRow("Loss", self.loss)
        self.optimizer = ComboBox()
        self.optimizer.setObjectName("optimizer")
        self.optimizer.addItems(list(OPTIMIZERS))
        self.optimizer.activated.connect(self._on_optimizer)
        top.addRow("Optimizer", self.optimizer)
        self.lr = LogSlider(1e-5, 1.0, 1e-3)
        self.lr.setObjectName("learningRate")
        self.lr.changed.connect(lambda v: self._set_optimizer("lr", v))
        top.addRow("Learning rate", self.lr)
        outer.addLayout(top)
        self.opt_box = QGroupBox("Optimizer parameters")
        self.opt_layout = QVBoxLayout(self.opt_box)
        self.opt_form: ParamForm | None = None
        outer.addWidget(self.opt_box)

        batch = QGroupBox("Gradient descent")
        form = QFormLayout(batch)
        mode_row = QHBoxLayout()
        self.batch_mode = ComboBox()
        self.batch_mode.setObjectName("batchMode")
        self.batch_mode.addItems(BATCH_MODES)
        self.batch_mode.setToolTip("batch: the whole training set per step; stochastic: one example; "
                                   "mini-batch: k examples")
        self.batch_mode.activated.connect(self._on_batch_mode)
        self.batch_size = SpinBox()
        self.batch_size.setObjectName("batchSize")
        self.batch_size.setRange(2, 100000)
        self.batch_size.setKeyboardTracking(False)
        self.batch_size.valueChanged.connect(lambda v: self._set_training("batch_size", v, "Batch size"))
        mode_row.addWidget(self.batch_mode)
        mode_row.addWidget(self.batch_size)
        form.addRow("Batch", mode_row)
        self.epochs = SpinBox()
        self.epochs.setObjectName("epochs")
        self.epochs.setRange(1, 1000000)
        self.epochs.setKeyboardTracking(False)
        self.epochs.valueChanged.connect(lambda v: self._set_training("epochs", v, "Epochs"))
        form.addRow("Epochs", self.epochs)
        self.schedule = ComboBox()
        self.schedule.setObjectName("schedule")
        self.schedule.addItems(list(SCHEDULES))
        self.schedule.activated.connect(
            lambda _i: self._emit("schedule", {"name": self.schedule.currentText()}, "Schedule"))
        form.addRow("LR schedule", self.schedule)
        self.schedule_form_holder = QVBoxLayout()
        form.addRow(self.schedule_form_holder)
        outer.addWidget(batch)

        reg = QGroupBox("Stability and regularisation")
        form = QFormLayout(reg)
        clip_row = QHBoxLayout()
        self.clip_on = QCheckBox()
        self.clip_on.setObjectName("clipOn")
        self.clip = DoubleSpinBox()
        self.clip.setObjectName("gradClip")
        self.clip.setRange(0.001, 1e6)
        self.clip.setValue(1.0)
        self.clip.setKeyboardTracking(False)
        self.clip_on.toggled.connect(self._on_clip)
        self.clip.valueChanged.connect(self._on_clip)
        clip_row.addWidget(self.clip_on)
        clip_row.addWidget(self.clip, 1)
        form.addRow("Clip gradient norm", clip_row)
        early_row = QHBoxLayout()
        self.early_on = QCheckBox()
        self.early_on.setObjectName("earlyOn")
        self.patience = SpinBox()
        self.patience.setObjectName("patience")
        self.patience.setRange(1, 10000)
        self.patience.setValue(10)
        self.patience.setPrefix("patience ")
        self.patience.setKeyboardTracking(False)
        self.early_on.toggled.connect(self._on_early)
        self.patience.valueChanged.connect(self._on_early)
        early_row.addWidget(self.early_on)
        early_row.addWidget(self.patience, 1)
        form.addRow("Early stopping", early_row)
        self.seed = SpinBox()
        self.seed.setObjectName("seed")
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setKeyboardTracking(False)
        self.seed.valueChanged.connect(lambda v: self._emit("seed", v, "Seed"))
        form.addRow("Seed", self.seed)
        self.dtype = ComboBox()
        self.dtype.setObjectName("dtype")
        self.dtype.addItems(["float64", "float32"])
        self.dtype.activated.connect(lambda _i: self._set_training("dtype", self.dtype.currentText(), "Precision"))
        form.addRow("Precision", self.dtype)
        outer.addWidget(reg)
        outer.addStretch(1)

    # ---- Public API
    def set_project(self, project: dict) -> None:
        """Show ``project``'s values (no signals are emitted)."""
        self.project = copy.deepcopy(project)
        widgets = [self.loss, self.optimizer, self.batch_mode, self.batch_size, self.epochs, self.schedule,
                   self.clip_on, self.clip, self.early_on, self.patience, self.seed, self.dtype]
        for w in widgets:
            w.blockSignals(True)
        loss = project["loss"]
        self.loss.setCurrentText(loss if isinstance(loss, str) else loss.get("name", "auto"))
        opt = project["optimizer"]
        self.optimizer.setCurrentText(opt["name"])
        self.lr.set_value(opt.get("lr", OPTIMIZERS[opt["name"]].params["lr"].default))
        training = project["training"]
        size = training["batch_size"]
        self.batch_mode.setCurrentText("batch" if size is None else "stochastic" if size == 1 else "mini-batch")
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
        self.seed.setValue(project["seed"])
        self.dtype.setCurrentText(training["dtype"])
        for w in widgets:
            w.blockSignals(False)
        self._rebuild_optimizer_form(opt)
        self._rebuild_schedule_form(project["schedule"])

    # ---- Private API
    def _emit(self, section, value, text, merge_key=None):
        self.edit.emit(section, value, text, merge_key)

    def _rebuild_optimizer_form(self, opt: dict):
        if self.opt_form is not None:
            self.opt_form.setParent(None)
            self.opt_form.deleteLater()
        cls = OPTIMIZERS[opt["name"]]
        self.opt_form = ParamForm(cls.params, opt, skip=("lr",))
        self.opt_form.changed.connect(self._set_optimizer)
        self.opt_layout.addWidget(self.opt_form)
        self.opt_box.setTitle(f"{opt['name']} parameters")

    def _rebuild_schedule_form(self, schedule: dict):
        while self.schedule_form_holder.count():
            item = self.schedule_form_holder.takeAt(0)
            if item.widget():
                item.widget().setParent(None)
        cls = SCHEDULES[schedule["name"]]
        if cls.params:
            form = ParamForm(cls.params, schedule)
            form.changed.connect(self._set_schedule)
            self.schedule_form_holder.addWidget(form)

    def _on_optimizer(self, _index):
        name = self.optimizer.currentText()
        if name == self.project["optimizer"]["name"]:
            return
        lr = self.project["optimizer"].get("lr")
        self._emit("optimizer", {"name": name, "lr": lr} if lr else {"name": name}, f"Optimizer {name}")

    def _set_optimizer(self, key, value):
        opt = copy.deepcopy(self.project["optimizer"])
        opt[key] = value
        self._emit("optimizer", opt, f"Optimizer {key}", f"optimizer.{key}")

    def _set_schedule(self, key, value):
        schedule = copy.deepcopy(self.project["schedule"])
        schedule[key] = value
        self._emit("schedule", schedule, f"Schedule {key}", f"schedule.{key}")

    def _set_training(self, key, value, text):
        training = copy.deepcopy(self.project["training"])
        training[key] = value
        self._emit("training", training, text, f"training.{key}")

    def _on_batch_mode(self, _index):
        mode = self.batch_mode.currentText()
        size = {"batch": None, "stochastic": 1}.get(mode, self.batch_size.value())
        self._set_training("batch_size", size, f"{mode.capitalize()} gradient descent")

    def _on_clip(self, *_):
        self._set_training("grad_clip", self.clip.value() if self.clip_on.isChecked() else None, "Gradient clipping")

    def _on_early(self, *_):
        value = {"patience": self.patience.value()} if self.early_on.isChecked() else None
        self._set_training("early_stopping", value, "Early stopping")
