"""Typed, undoable edits of a project (orange-canvas-core ``document/commands.py`` style).

One :class:`QUndoCommand` per kind of edit, each named for what it does (its
undo text).  A command is made by a panel without knowing the document
(``SetHyperparameter("lr", 0.01)``); :meth:`gui.document.ProjectDocument.push`
binds it, asks it to :meth:`~EditCommand.check` the candidate value against
the engine's declarations (only the section it touches: a slider tick does not
copy or re-validate the whole project) and pushes it.  Redo and undo hand the
document one :class:`Change` that says precisely what changed, so a live
setting reaches the training process as one message and a layer's activation
redraws one layer card.

Consecutive edits of the same field (a slider drag, a spin box held down)
merge into one command.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from core.layers import build_layer
from core.losses import LOSSES
from core.optimizers import make_optimizer
from core.project import TRAINING
from core.registry import ConfigError, Param, parse_named_spec
from core.schedules import make_schedule
from core.shapes import describe_layers
from gui import network_edit as ne

#: optimizer fields are all live (read by the optimizer on every step); these training options too
LIVE_TRAINING_KEYS = ("batch_size", "grad_clip", "epochs")
_SEED = Param(0, kind="int", low=0)


@dataclass(frozen=True)
class Change:
    """What one edit (or its undo) changed in the project.

    ``section`` is a top-level key (``"optimizer"``, ``"network"``, ``"seed"``...),
    ``key`` the field inside it (``"lr"``; for the network the layer field or the
    operation: ``"units"``, ``"insert"``...), ``path`` the layer's path for
    network edits.  ``live``: the running training takes it between two steps
    (no rebuild, nothing redrawn but its control).  ``structural``: the network
    drawing's columns change (units, insert, remove, move, wrap)."""

    section: str
    key: str | None = None
    path: tuple | None = None
    old: Any = None
    new: Any = None
    live: bool = False
    structural: bool = False


class EditCommand(QUndoCommand):
    """Base: one edit of one place in the project.  Subclasses say where
    (:meth:`_get` / :meth:`_set`), how to validate and what their text is."""

    #: merge id; -1: never merges
    merge_id = -1
    section = ""
    key: str | None = None
    live = False
    structural = False

    def __init__(self, text: str = ""):
        super().__init__(text)
        self.doc = None
        self.old = None
        self.new = None

    # ---- binding (ProjectDocument.push)
    def bind(self, doc) -> bool:
        """Attach to ``doc`` and capture the old value; False if the edit changes nothing."""
        self.doc = doc
        self.old = self._get(doc.project)
        self.new = self.check(doc.project, self.new)
        if not self.text():
            self.setText(self.describe())
        return self.old != self.new

    def check(self, project: dict, value):
        """The validated value, or ConfigError naming the key."""
        return value

    def describe(self) -> str:
        return QCoreApplication.translate("EditCommand", "Edit")

    # ---- QUndoCommand
    def id(self) -> int:
        return self.merge_id

    def mergeWith(self, other) -> bool:
        if type(other) is not type(self) or other.merge_key() != self.merge_key() or self.merge_id < 0:
            return False
        self.new = other.new
        self.setText(other.text())
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def merge_key(self):
        return (self.section, self.key)

    def redo(self):
        self._apply(self.old, self.new)

    def undo(self):
        self._apply(self.new, self.old)

    # ---- Private API
    def _apply(self, old, new):
        self._set(self.doc.project, new)
        self.doc.emit_change(Change(self.section, self.key, None, old, new, self.live, self.structural))

    def _get(self, project):
        return project[self.section] if self.key is None else project[self.section].get(self.key)

    def _set(self, project, value):
        if self.key is None:
            project[self.section] = value
        else:
            project[self.section][self.key] = value


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
            if value != "auto":
                parse_named_spec(LOSSES, "loss", value)
            return value
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


# ---- the network
class LayerCommand(EditCommand):
    """An edit of the layer list.  Keeps the old and new lists (a network spec is
    small; the edit functions in :mod:`gui.network_edit` copy it once)."""

    section = "network"

    def __init__(self, path: tuple, text: str = ""):
        super().__init__(text)
        self.path = tuple(path)

    def bind(self, doc) -> bool:
        self.doc = doc
        self.old = doc.project["network"]["layers"]
        self.new = self.edit(self.old)
        self._check_layers(self.new)
        if not self.text():
            self.setText(self.describe())
        return self.old != self.new

    def edit(self, layers: list) -> list:
        raise NotImplementedError

    def _check_layers(self, layers):
        """Validate the new layer list as the engine would build it (no arrays): with
        the data's input width known, core checks every width (a residual block must
        end as wide as it starts); before the first build, the layers the edit touched."""
        if not isinstance(layers, list) or not layers:
            raise ConfigError(
                QCoreApplication.translate("EditCommand", "network.layers: the network needs at least one layer")
            )
        in_width = getattr(self.doc, "in_width", None)
        if in_width:
            describe_layers(layers, in_width)
            return
        paths = {self.path[:1]} if self.path else set(range(len(layers)))
        for path in paths:
            index = path[0] if isinstance(path, tuple) else path
            if index < len(layers):
                build_layer(layers[index], f"network.layers[{index}]")

    def merge_key(self):
        return (self.key, self.path)

    def _apply(self, old, new):
        self.doc.project["network"] = {"layers": new}
        self.doc.emit_change(Change("network", self.key, self.path, old, new, False, self.structural))


class ChangeUnits(LayerCommand):
    key = "units"
    structural = True

    def __init__(self, path, units: int, text: str = ""):
        super().__init__(path, text)
        self.units = units

    def edit(self, layers):
        return ne.set_field(layers, self.path, "units", self.units)

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Set {layer} to {units} neurons").format(
            layer=ne.weights_path(self.path), units=self.units
        )


class SetActivation(LayerCommand):
    key = "activation"

    def __init__(self, path, activation, text: str = ""):
        super().__init__(path, text)
        self.activation = activation

    def edit(self, layers):
        return ne.set_field(layers, self.path, "activation", self.activation)

    def describe(self):
        name = self.activation if isinstance(self.activation, str) else (self.activation or {}).get("name")
        return QCoreApplication.translate("EditCommand", "Set {layer} activation to {name}").format(
            layer=ne.weights_path(self.path), name=name
        )


class SetInit(LayerCommand):
    key = "init"

    def __init__(self, path, init, key: str = "init", text: str = ""):
        super().__init__(path, text)
        self.init, self.key = init, key

    def edit(self, layers):
        return ne.set_field(layers, self.path, self.key, self.init)

    def describe(self):
        name = self.init if isinstance(self.init, str) or self.init is None else self.init.get("name")
        return QCoreApplication.translate("EditCommand", "Set {layer} {what} to {name}").format(
            layer=ne.weights_path(self.path),
            what=QCoreApplication.translate("EditCommand", "bias initialisation")
            if self.key == "bias_init"
            else QCoreApplication.translate("EditCommand", "initialisation"),
            name=name or QCoreApplication.translate("EditCommand", "default"),
        )


class SetLayerField(LayerCommand):
    """Any other field of one layer (a dropout rate, batch norm's momentum, use of a bias)."""

    merge_id = 110

    def __init__(self, path, key: str, value, text: str = ""):
        super().__init__(path, text)
        self.key, self.value = key, value
        self.structural = key == "units"

    def edit(self, layers):
        return ne.set_field(layers, self.path, self.key, self.value)

    def mergeWith(self, other) -> bool:
        if type(other) is not type(self) or other.merge_key() != self.merge_key():
            return False
        self.new = other.new
        self.setText(other.text())
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Set {layer} {key} to {value}").format(
            layer=ne.weights_path(self.path), key=self.key.replace("_", " "), value=_short(self.value)
        )


class InsertLayer(LayerCommand):
    key = "insert"
    structural = True

    def __init__(self, path, layer: dict, text: str = ""):
        super().__init__(path, text)
        self.layer = copy.deepcopy(layer)

    def edit(self, layers):
        return ne.insert(layers, self.path, self.layer)

    def describe(self):
        kind = {
            "dense": QCoreApplication.translate("EditCommand", "dense layer"),
            "dropout": QCoreApplication.translate("EditCommand", "dropout"),
            "batchnorm": QCoreApplication.translate("EditCommand", "batch norm"),
        }
        return QCoreApplication.translate("EditCommand", "Insert {what}").format(
            what=kind.get(self.layer.get("type"), self.layer.get("type"))
        )


class RemoveLayer(LayerCommand):
    key = "remove"
    structural = True

    def edit(self, layers):
        return ne.remove(layers, self.path)

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Remove {layer}").format(layer=ne.weights_path(self.path))


class MoveLayer(LayerCommand):
    key = "move"
    structural = True

    def __init__(self, path, index: int, text: str = ""):
        super().__init__(path, text)
        self.index = index

    def edit(self, layers):
        return ne.move(layers, self.path, self.index)

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Move {layer}").format(layer=ne.weights_path(self.path))


class WrapResidual(LayerCommand):
    key = "wrap"
    structural = True

    def edit(self, layers):
        return ne.wrap_residual(layers, self.path)

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Wrap {layer} in a residual block").format(
            layer=ne.weights_path(self.path)
        )


class UnwrapResidual(LayerCommand):
    key = "unwrap"
    structural = True

    def edit(self, layers):
        return ne.unwrap_residual(layers, self.path)

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Unwrap residual block {layer}").format(
            layer=ne.weights_path(self.path)
        )


class SetNetwork(LayerCommand):
    """A whole new layer list (from a script or a pasted spec)."""

    key = "replace"
    structural = True

    def __init__(self, layers: list, text: str = ""):
        super().__init__((), text)
        self.layers = copy.deepcopy(layers)

    def edit(self, layers):
        return copy.deepcopy(self.layers)

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Change the network")


class AddHiddenLayer(LayerCommand):
    key = "insert"
    structural = True

    def __init__(self):
        super().__init__(())

    def edit(self, layers):
        self.path = (ne.output_index(layers),)
        return ne.add_hidden_layer(layers)

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Add hidden layer")


class RemoveHiddenLayer(LayerCommand):
    key = "remove"
    structural = True

    def __init__(self):
        super().__init__(())

    def edit(self, layers):
        out = ne.output_index(layers)
        self.path = (out - 1,) if out > 0 else ()
        return ne.remove_hidden_layer(layers)

    def describe(self):
        return QCoreApplication.translate("EditCommand", "Remove hidden layer")


# ---- helpers
def _check_data(project: dict, spec) -> dict:
    """The data section validated, with the one cross-section rule it takes part in."""
    from core.data import validate_data_spec

    data = validate_data_spec(spec)
    if project["training"].get("early_stopping") is not None and data["validation_split"] == 0:
        raise ConfigError("training.early_stopping: needs a validation set (data.validation_split is 0)")
    return data


def _short(value) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)
