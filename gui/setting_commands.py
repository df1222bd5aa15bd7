"""Undoable edits of the project's settings: one field of a section (optimizer,
training, data, schedule) or a whole section (optimizer, schedule, loss, data source, seed)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from core.losses import check_loss_spec
from core.optimizers import make_optimizer
from core.project import TRAINING
from core.registry import ConfigError, Param
from core.schedules import make_schedule
from gui.command_base import EditCommand, _short

#: optimizer fields are all live (read by the optimizer on every step); these training options too
LIVE_TRAINING_KEYS = ("batch_size", "grad_clip", "epochs")
_SEED = Param(0, kind="int", low=0)


# ---- one field of a section
class SetHyperparameter(EditCommand):
    """An optimizer field (``lr``, ``momentum``, ``eps``...): live."""

    merge_id = 101
    section = "optimizer"
    live = True

    def __init__(self, key: str, value, text: str = ""):
        super().__init__(text)
        self.key, self.new = key, value

    def check(self, project, value):
        candidate = {**project["optimizer"], self.key: value}
        probe = make_optimizer(candidate, np.zeros(1), np.zeros(1), None)
        return probe.get_config()[self.key]

    def describe(self):
        name = (
            QCoreApplication.translate("EditCommand", "learning rate")
            if self.key == "lr"
            else self.key.replace("_", " ")
        )
        return QCoreApplication.translate("EditCommand", "Set {name} to {value}").format(
            name=name, value=_short(self.new)
        )


class SetTrainingOption(EditCommand):
    """A ``training`` field; batch size, gradient clipping and epochs are live."""

    merge_id = 102
    section = "training"

    def __init__(self, key: str, value, text: str = ""):
        super().__init__(text)
        self.key, self.new = key, value
        self.live = key in LIVE_TRAINING_KEYS

    def check(self, project, value):
        if self.key == "early_stopping":
            from core.project import normalize_project

            candidate = {**project, "training": {**project["training"], self.key: value}}
            return normalize_project(candidate)["training"][self.key]
        if self.key not in TRAINING:
            raise ConfigError(f"training.{self.key}: unknown key (known: {', '.join(TRAINING)})")
        return TRAINING[self.key].validate(f"training.{self.key}", value)

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Set {name} to {value}").format(
            name=self.key.replace("_", " "), value=_short(self.new)
        )


class SetDataOption(EditCommand):
    """A ``data`` field (samples, noise, validation split...): rebuilds with new data."""

    merge_id = 103
    section = "data"

    def __init__(self, key: str, value, text: str = ""):
        super().__init__(text)
        self.key, self.new = key, value

    def check(self, project, value):
        return _check_data(project, {**project["data"], self.key: value})[self.key]

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Set data {name} to {value}").format(
            name=self.key.replace("_", " "), value=_short(self.new)
        )


class SetScheduleOption(EditCommand):
    """A learning-rate schedule's parameter."""

    merge_id = 104
    section = "schedule"

    def __init__(self, key: str, value, text: str = ""):
        super().__init__(text)
        self.key, self.new = key, value

    def check(self, project, value):
        spec = {**project["schedule"], self.key: value}
        return make_schedule(spec, project["training"]["epochs"]).get_config()[self.key]

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Set schedule {name} to {value}").format(
            name=self.key.replace("_", " "), value=_short(self.new)
        )


# ---- a whole section
class SetSection(EditCommand):
    """Replace one top-level section (a new optimizer, schedule or data source)."""

    def __init__(self, section: str, value, text: str = ""):
        super().__init__(text)
        self.section, self.new = section, value

    def check(self, project, value):
        if self.section == "data":
            return _check_data(project, value)
        if self.section == "optimizer":
            return make_optimizer(value, np.zeros(1), np.zeros(1), None).get_config()
        if self.section == "schedule":
            return make_schedule(value, project["training"]["epochs"]).get_config()
        if self.section == "loss":
            return check_loss_spec(value)
        if self.section == "seed":
            return _SEED.validate("seed", value)
        raise ConfigError(f"{self.section}: cannot be edited as a whole")

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Change {section}").format(section=self.section)


class SetOptimizer(SetSection):
    """Another optimizer (keeping the learning rate)."""

    def __init__(self, name: str, lr: float | None = None):
        super().__init__(
            "optimizer",
            {"name": name, "lr": lr} if lr else {"name": name},
            QCoreApplication.translate("EditCommand", "Use the {name} optimizer").format(name=name),
        )


class SetSchedule(SetSection):
    def __init__(self, spec: dict):
        super().__init__(
            "schedule",
            spec,
            QCoreApplication.translate("EditCommand", "Use the {name} schedule").format(name=spec.get("name")),
        )


class SetLoss(SetSection):
    def __init__(self, loss):
        name = loss if isinstance(loss, str) else loss.get("name")
        super().__init__(
            "loss", loss, QCoreApplication.translate("EditCommand", "Use the {name} loss").format(name=name)
        )


class SetDataSource(SetSection):
    def __init__(self, spec: dict, text: str = ""):
        super().__init__(
            "data",
            spec,
            text
            or QCoreApplication.translate("EditCommand", "Use the {name} data set").format(name=spec.get("source")),
        )


class SetSeed(SetSection):
    merge_id = 105

    def __init__(self, seed: int, text: str = ""):
        super().__init__(
            "seed", seed, text or QCoreApplication.translate("EditCommand", "Set seed to {seed}").format(seed=seed)
        )


# ---- helpers
def _check_data(project: dict, spec) -> dict:
    """The data section validated, with the one cross-section rule it takes part in."""
    from core.data import validate_data_spec

    data = validate_data_spec(spec)
    if project["training"].get("early_stopping") is not None and data["validation_split"] == 0:
        raise ConfigError("training.early_stopping: needs a validation set (data.validation_split is 0)")
    return data
