"""Undoable edits of the network's layer list (units, activation, init, insert,
remove, move, residual wrap, whole network), validated as the engine would build it."""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication

from core.layers import build_layer
from core.registry import ConfigError
from core.shapes import describe_layers
from gui import network_edit as ne
from gui.command_base import Change, EditCommand, _short


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
