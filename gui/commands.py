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

The commands live in :mod:`gui.command_base` (:class:`Change`, :class:`EditCommand`),
:mod:`gui.setting_commands` and :mod:`gui.layer_commands`; this module gathers them
so ``from gui import commands as cmd; cmd.SetHyperparameter(...)`` keeps working.
"""

from __future__ import annotations

from gui.command_base import Change, EditCommand
from gui.layer_commands import (
    AddHiddenLayer,
    ChangeUnits,
    InsertLayer,
    LayerCommand,
    MoveLayer,
    RemoveHiddenLayer,
    RemoveLayer,
    SetActivation,
    SetInit,
    SetLayerField,
    SetNetwork,
    UnwrapResidual,
    WrapResidual,
)
from gui.setting_commands import (
    LIVE_TRAINING_KEYS,
    SetDataOption,
    SetDataSource,
    SetHyperparameter,
    SetLoss,
    SetOptimizer,
    SetSchedule,
    SetScheduleOption,
    SetSection,
    SetSeed,
    SetTrainingOption,
)

__all__ = [
    "Change",
    "EditCommand",
    "LIVE_TRAINING_KEYS",
    "LayerCommand",
    "ChangeUnits",
    "SetActivation",
    "SetInit",
    "SetLayerField",
    "InsertLayer",
    "RemoveLayer",
    "MoveLayer",
    "WrapResidual",
    "UnwrapResidual",
    "SetNetwork",
    "AddHiddenLayer",
    "RemoveHiddenLayer",
    "SetHyperparameter",
    "SetTrainingOption",
    "SetDataOption",
    "SetScheduleOption",
    "SetSection",
    "SetOptimizer",
    "SetSchedule",
    "SetLoss",
    "SetDataSource",
    "SetSeed",
]
