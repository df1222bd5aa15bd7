"""Learning-rate schedules, evaluated per epoch in closed form.

``lr(base_lr, epoch)`` gives the learning rate for the given (0-based) epoch,
as PyTorch's ``StepLR``, ``ExponentialLR`` and ``CosineAnnealingLR`` do when
``scheduler.step()`` is called once per epoch.  The base rate is the one the
user set (and may change live); the schedule only scales it.
"""

from __future__ import annotations

import math
import sys

from .registry import Param, Registry, parse_named_spec

SCHEDULES = Registry("schedule")


def _scaled(base_lr: float, gamma: float, power: int) -> float:
    """``base_lr * gamma ** power``, held at the largest float where it overflows
    (gamma > 1 for hundreds of epochs): training then diverges with a message
    instead of raising OverflowError."""
    try:
        value = base_lr * gamma**power
    except OverflowError:
        value = math.inf
    return value if math.isfinite(value) else sys.float_info.max


class Schedule:
    name = "schedule"
    params: dict[str, Param] = {}

    def __init__(self, epochs: int | None = None, **config):
        self.config = {k: config.get(k, p.default) for k, p in self.params.items()}
        for key, value in self.config.items():
            setattr(self, key, value)
        self.epochs = epochs

    def get_config(self) -> dict:
        return {"name": self.name, **self.config}

    def lr(self, base_lr: float, epoch: int) -> float:
        return base_lr


@SCHEDULES.register("constant")
class Constant(Schedule):
    pass


@SCHEDULES.register("step")
class StepDecay(Schedule):
    """Multiply by ``gamma`` every ``step_size`` epochs."""

    params = {"step_size": Param(10, kind="int", low=1), "gamma": Param(0.1, low=0.0)}

    def lr(self, base_lr, epoch):
        return _scaled(base_lr, self.gamma, epoch // self.step_size)


@SCHEDULES.register("exponential")
class Exponential(Schedule):
    params = {"gamma": Param(0.95, low=0.0)}

    def lr(self, base_lr, epoch):
        return _scaled(base_lr, self.gamma, epoch)


@SCHEDULES.register("cosine")
class Cosine(Schedule):
    """Half a cosine from the base rate to ``eta_min`` over ``T_max`` epochs
    (default: the run's epochs), then back up, as ``CosineAnnealingLR``."""

    params = {
        "T_max": Param(None, kind="int", low=1, nullable=True),
        "eta_min": Param(0.0, low=0.0),
    }

    def lr(self, base_lr, epoch):
        t_max = self.T_max or self.epochs or 1
        return self.eta_min + (base_lr - self.eta_min) * (1 + math.cos(math.pi * epoch / t_max)) / 2


def make_schedule(spec, epochs: int | None = None, key: str = "schedule") -> Schedule:
    cls, config = parse_named_spec(SCHEDULES, key, spec if spec is not None else "constant")
    return cls(epochs=epochs, **config)
