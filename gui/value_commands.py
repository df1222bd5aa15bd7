"""Typed parameter values: one undoable edit sets one scalar of one weight or bias.

:class:`SetParameterValue` is live: the running network takes the value between two
steps (the session's ``set_param`` query), nothing is rebuilt.  At step 0 it also
writes the layer's whole array into the layer spec's ``values`` (so Save and Reset
keep it); after step 0 the project is left as it is and only the live weights change.
Undo sets the old value back (and the old ``values``).  The controller turns the
:class:`~gui.command_base.Change` it emits (section ``"network"``, key ``"value"``)
into the query: see :meth:`gui.controller.Controller.set_parameter_value`.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from core.registry import ConfigError
from gui import network_edit as ne
from gui.command_base import Change, EditCommand


@dataclass(frozen=True)
class ParameterValue:
    """What a :class:`SetParameterValue` change carries: the engine's parameter name
    (``layers.0.weight``), the index in it and the value to set."""

    name: str
    index: tuple
    value: float
    #: called with the value the running network had (the first redo only)
    on_answer: object = field(default=None, compare=False)


def index_text(index: tuple) -> str:
    return "[" + ", ".join(str(i) for i in index) + "]"


class SetParameterValue(EditCommand):
    """``path`` (layer path tuple), ``name`` (``"weight"`` / ``"bias"``), ``index``
    (``(row, column)`` / ``(unit,)``), the new ``value`` and the ``old`` one (None: the
    answer of the first ``set_param`` fills it in).  ``spec_array``: the layer's whole
    array with the new value in it, to be written into the spec's ``values`` (None:
    the spec is left as it is)."""

    section = "network"
    key = "value"
    live = True

    def __init__(self, path, name: str, index, value: float, old: float | None, spec_array=None, text: str = ""):
        super().__init__(text)
        self.path = tuple(path)
        self.name = name
        self.index = tuple(int(i) for i in index)
        self.new = float(value)
        self.old = old
        self.spec_array = spec_array
        self.old_layers: list | None = None
        self.new_layers: list | None = None
        self._answered = False

    @property
    def parameter(self) -> str:
        return f"{ne.weights_path(self.path)}.{self.name}"

    @property
    def writes_spec(self) -> bool:
        return self.new_layers is not None

    def bind(self, doc) -> bool:
        self.doc = doc
        if not math.isfinite(self.new):
            raise ConfigError(
                f"{self.parameter}{index_text(self.index)}: must be a finite number, got {self.new!r}",
                "not_finite",
                key=self.parameter,
                value=self.new,
            )
        if self.spec_array is not None:
            layers = doc.project["network"]["layers"]
            values = copy.deepcopy(ne.get(layers, self.path).get("values") or {})
            values[self.name] = self.spec_array
            self.old_layers = layers
            self.new_layers = ne.set_field(layers, self.path, "values", values)
        if not self.text():
            self.setText(self.describe())
        return self.old is None or self.old != self.new or self.writes_spec

    def describe(self) -> str:
        return QCoreApplication.translate("EditCommand", "Set {name} to {value}").format(
            name=f"{self.parameter}{index_text(self.index)}", value=f"{self.new:.6g}"
        )

    def redo(self):
        self._apply_value(self.new, self.new_layers, None if self._answered else self.answered)

    def undo(self):
        self._apply_value(self.old, self.old_layers, None)

    def answered(self, old: float) -> None:
        """The exact value the running network had (the first ``set_param`` answer):
        undo sets back this one (a snapshot's copy may be a few steps old)."""
        if not self._answered:
            self._answered = True
            self.old = old

    # ---- Private API
    def _apply_value(self, value, layers, on_answer):
        if layers is not None:
            self.doc.project["network"] = {"layers": layers}
        if value is None:  # undone before the running network answered: nothing to set back
            return
        self.doc.emit_change(
            Change(
                "network",
                "value",
                self.path,
                None,
                ParameterValue(self.parameter, self.index, value, on_answer),
                live=True,
            )
        )
