"""Changing the optimizer of a running training without starting it again.

:func:`swap_optimizer` replaces a :class:`~core.trainer.Trainer`'s optimizer
between two steps: the weights, the step count, the epoch, the batch order and
the history carry over (the loss curve continues); the new optimizer starts with
empty state (no momentum buffer, Adam's moments at zero, its own step count at
0, so Adam's bias correction starts again).  The change is a
:class:`~core.history.ChangeMark` with key ``"optimizer"`` whose old and new
values are short labels (``"sgd"``, ``"sgd momentum=0.9"``, ``"adam"``).

Swapping back to the previous optimizer before another step has been taken
(the window's undo) restores it as it was, state included, and removes the mark.
"""

from __future__ import annotations

import copy

from .history import ChangeMark
from .optimizers import make_optimizer


def optimizer_label(config: dict) -> str:
    """A short name for a configured optimizer: its name, and SGD's momentum if it has one."""
    name = str(config.get("name", "?"))
    if name == "sgd" and config.get("momentum"):
        label = f"sgd momentum={config['momentum']:g}"
        return label + " nesterov" if config.get("nesterov") else label
    if name == "rmsprop" and config.get("centered"):
        return "rmsprop centered"
    if name in ("adam", "adamw") and config.get("amsgrad"):
        return f"{name} amsgrad"
    return name


def _config(optimizer, base_lr: float) -> dict:
    return {**optimizer.get_config(), "lr": base_lr}


def swap_optimizer(trainer, spec) -> dict:
    """Give ``trainer`` the optimizer ``spec`` (a name or a dict, validated as the project's
    ``optimizer`` section); returns what happened::

        {"step", "old", "new" (labels), "reset" (the state names the old optimizer held),
         "restored" (True: an undone swap, the old optimizer back with its state)}
    """
    old = trainer.optimizer
    old_config = _config(old, trainer.base_lr)
    fresh = make_optimizer(spec, trainer.network.flat, trainer.network.flat_grad, old.layout)
    new_config = _config(fresh, fresh.group["lr"])
    swapped = trainer._swapped
    restored = (
        swapped is not None
        and swapped["step"] == trainer.step_count
        and swapped["config"] == new_config
        and swapped["mark"] is not None
        and trainer.changes
        and trainer.changes[-1] is swapped["mark"]
    )
    reset = [key for key, buf in old.state.items() if buf is not None]
    if restored:
        trainer.optimizer = swapped["optimizer"]
        trainer.changes.pop()
        trainer._swapped = None
    else:
        trainer.optimizer = fresh
        mark = None
        if old_config != new_config and trainer.step_count > 0:
            mark = ChangeMark(trainer.step_count, "optimizer", optimizer_label(old_config), optimizer_label(new_config))
            trainer.changes.append(mark)
        trainer._swapped = {"step": trainer.step_count, "config": old_config, "optimizer": old, "mark": mark}
    trainer.base_lr = trainer.optimizer.group["lr"] if not restored else swapped["config"]["lr"]
    if not restored:
        trainer.optimizer.set("lr", trainer.schedule.lr(trainer.base_lr, trainer.epoch))
    trainer.project["optimizer"] = copy.deepcopy(_config(trainer.optimizer, trainer.base_lr))
    return {
        "step": trainer.step_count,
        "old": optimizer_label(old_config),
        "new": optimizer_label(_config(trainer.optimizer, trainer.base_lr)),
        "reset": reset,
        "restored": bool(restored),
    }
