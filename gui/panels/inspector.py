"""Settings of the layer selected on the canvas: every field the engine accepts."""

from __future__ import annotations

import copy

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from core.activations import ACTIVATIONS
from core.initializers import INITIALIZERS
from core.layers import LAYERS
from core.registry import Param
from gui import commands as cmd
from gui import network_edit as ne
from gui.forms import ComboBox, ParamForm


def _split(spec, default):
    """``"relu"`` or ``{"name": "relu", ...}`` -> (name, params)."""
    if spec is None:
        return default, {}
    if isinstance(spec, str):
        return spec, {}
    return spec.get("name", default), {k: v for k, v in spec.items() if k != "name"}


class LayerInspector(QWidget):
    title = "Layer"
    #: a gui.commands.EditCommand
    edit = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layers: list = []
        self.path: tuple | None = None
        self.box = QVBoxLayout(self)
        self.hint = QLabel(
            QCoreApplication.translate(
                "LayerInspector", "Click a layer's title or a neuron on the network to see its settings."
            )
        )
        self.hint.setWordWrap(True)
        self.box.addWidget(self.hint)
        self.content: QWidget | None = None
        self.box.addStretch(1)

    # ---- Public API
    def show_layer(self, layers: list, path: tuple | None) -> None:
        try:
            same = path is not None and path == self.path and ne.get(layers, path) == ne.get(self.layers, path)
        except (IndexError, KeyError, TypeError):
            same = False
        if same and self.content is not None:
            self.layers = layers  # this layer did not change: keep its editors (and their focus)
            return
        self.layers = layers
        self.path = path
        if self.content is not None:
            self.content.setParent(None)
            self.content.deleteLater()
            self.content = None
        try:
            layer = ne.get(layers, path) if path else None
        except (IndexError, KeyError, TypeError):
            layer = None
        self.hint.setVisible(layer is None)
        if layer is None:
            return
        self.content = QWidget()
        v = QVBoxLayout(self.content)
        v.setContentsMargins(0, 0, 0, 0)
        kind = layer["type"]
        kinds = {
            "dense": QCoreApplication.translate("LayerInspector", "dense layer"),
            "dropout": QCoreApplication.translate("LayerInspector", "dropout"),
            "batchnorm": QCoreApplication.translate("LayerInspector", "batch norm"),
            "residual": QCoreApplication.translate("LayerInspector", "residual block"),
        }
        title = QLabel(f"<b>{ne.weights_path(path)}</b> — {kinds.get(kind, kind)}")
        title.setObjectName("inspectorTitle")
        v.addWidget(title)
        params = {k: p for k, p in LAYERS[kind].params.items() if p.kind != "any"}
        if params:
            form = ParamForm(params, layer, owner=kind)
            form.changed.connect(lambda k, val: self._set(k, val))
            v.addWidget(form)
        if kind == "dense":
            v.addWidget(
                self._named_group(
                    QCoreApplication.translate("LayerInspector", "Activation"),
                    "activation",
                    ACTIVATIONS,
                    layer.get("activation"),
                    "linear",
                )
            )
            v.addWidget(
                self._named_group(
                    QCoreApplication.translate("LayerInspector", "Weight initialisation"),
                    "init",
                    INITIALIZERS,
                    layer.get("init"),
                    None,
                )
            )
            v.addWidget(
                self._named_group(
                    QCoreApplication.translate("LayerInspector", "Bias initialisation"),
                    "bias_init",
                    INITIALIZERS,
                    layer.get("bias_init"),
                    "zeros",
                )
            )
        self.box.insertWidget(1, self.content)

    # ---- Private API
    def _set(self, key, value):
        if key == "activation":
            command = cmd.SetActivation(self.path, value)
        elif key in ("init", "bias_init"):
            command = cmd.SetInit(self.path, value, key)
        elif key == "units":
            command = cmd.ChangeUnits(self.path, value)
        else:
            command = cmd.SetLayerField(self.path, key, value)
        self.edit.emit(command)

    def _named_group(self, title, key, registry, spec, default):
        name, values = _split(spec, default)
        group = QGroupBox(title)
        form = QFormLayout(group)
        combo = ComboBox()
        combo.setObjectName(f"inspector_{key}")
        if default is None:
            combo.addItem(QCoreApplication.translate("LayerInspector", "default for the activation"), None)
        for n in registry:
            combo.addItem(n, n)
        index = combo.findData(registry.canonical(name) if name else None)
        combo.setCurrentIndex(max(index, 0))
        combo.setToolTip(_combo_tip(key))
        combo.activated.connect(lambda i: self._set(key, combo.itemData(i)))
        form.addRow(QCoreApplication.translate("LayerInspector", "name"), combo)
        if name:
            params = registry.get(name).params
            pform = ParamForm(
                {k: p for k, p in params.items() if isinstance(p, Param)}, values, owner=registry.canonical(name)
            )
            pform.changed.connect(lambda k, v: self._set_param(key, name, values, k, v))
            form.addRow(pform)
        return group

    def _set_param(self, key, name, values, param, value):
        spec = {"name": name, **copy.deepcopy(values), param: value}
        self._set(key, spec)


def _combo_tip(key: str) -> str:
    tips = {
        "activation": QT_TRANSLATE_NOOP(
            "LayerInspector",
            "The function f applied to each neuron's sum, a = f(W·x + b): sigmoid and tanh saturate "
            "(vanishing gradients), ReLU can die (always 0), softmax turns outputs into class probabilities",
        ),
        "init": QT_TRANSLATE_NOOP(
            "LayerInspector",
            "How the weights start: He (Kaiming) for ReLU, Glorot (Xavier) for tanh / sigmoid keep the signal's "
            "variance from layer to layer; default: the one that suits the activation",
        ),
        "bias_init": QT_TRANSLATE_NOOP("LayerInspector", "How the biases start; zeros is usual"),
    }
    return QCoreApplication.translate("LayerInspector", tips[key]) if key in tips else ""
