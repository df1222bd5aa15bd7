"""Checkpoints of a training run, and rewinding to any step.

:class:`Checkpoints` keeps the trainer's whole state (weights, optimizer state, RNG
states, schedule position, step and epoch: :meth:`Trainer.get_state`) every
``every`` steps, without the history: the run's one history is shared, and a rewind
cuts it at the step rewound to.  The states are held within ``budget`` bytes: when a
new one does not fit, every other older one is dropped (the newest is kept), so the
spacing grows with the run instead of the memory.

:meth:`Checkpoints.rewind` restores the nearest checkpoint at or before the step
asked for and replays the steps in between; the run then continues bit-identically
to one that never stopped (same weights, optimizer state and batches; tested).
Rows of the history written at a pause carry that pause's evaluation, which a run
that never stopped does not have.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .registry import ConfigError

#: default: a checkpoint every this many steps, within this many bytes
EVERY = 100
BUDGET = 256 * 1024 * 1024


@dataclass(frozen=True)
class CheckpointInfo:
    step: int
    epoch: int
    nbytes: int


def _nbytes(value) -> int:
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, dict):
        return sum(_nbytes(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(_nbytes(v) for v in value)
    return 64


class Checkpoints:
    """The checkpoints of one run (step -> state without history)."""

    def __init__(self, every: int = EVERY, budget: int = BUDGET):
        if not isinstance(every, int) or every < 1:
            raise ConfigError(
                f"checkpoints.every: must be an integer >= 1, got {every!r}",
                "bad_value",
                key="checkpoints.every",
                value=every,
            )
        if not isinstance(budget, int) or budget < 1:
            raise ConfigError(
                f"checkpoints.budget: must be a positive number of bytes, got {budget!r}",
                "bad_value",
                key="checkpoints.budget",
                value=budget,
            )
        self.every, self.budget = every, budget
        self._states: dict[int, tuple[dict, int]] = {}  # step -> (state, bytes)
        self._memory = 0  # their bytes, kept as they come and go (summing them each step grew with the run)

    # ---- taking
    def take(self, trainer) -> CheckpointInfo:
        """Keep the trainer's state now (the history is not copied)."""
        state = trainer.get_state(history=False)
        size = _nbytes(state)
        self._drop(trainer.step_count)
        self._states[trainer.step_count] = (state, size)
        self._memory += size
        self._fit()
        return CheckpointInfo(trainer.step_count, trainer.epoch, size)

    def after_step(self, trainer) -> None:
        """Call after every step: takes a checkpoint every ``every`` steps (and at step 0)."""
        if trainer.step_count % self.every == 0 or not self._states:
            self.take(trainer)

    def _fit(self) -> None:
        while self.memory > self.budget and len(self._states) > 1:
            steps = sorted(self._states)
            older = steps[:-1]
            drop = older[1::2] or older[:1]  # every other older one (the first kept), else the oldest
            for s in drop:
                self._drop(s)

    def _drop(self, step: int) -> None:
        kept = self._states.pop(step, None)
        if kept is not None:
            self._memory -= kept[1]

    def forget_after(self, step: int) -> None:
        """Drop the checkpoints of steps after ``step`` (a rewind made them another future)."""
        for s in [s for s in self._states if s > step]:
            self._drop(s)

    # ---- reading
    @property
    def memory(self) -> int:
        return self._memory

    def steps(self) -> list[int]:
        return sorted(self._states)

    def infos(self) -> list[CheckpointInfo]:
        return [CheckpointInfo(s, st["epoch"], size) for s, (st, size) in sorted(self._states.items())]

    # ---- rewinding
    def rewind(self, trainer, step: int) -> int:
        """Put ``trainer`` at ``step`` (nearest checkpoint at or before it, then replay);
        returns the number of steps replayed.  Later checkpoints are forgotten."""
        if not isinstance(step, int) or isinstance(step, bool) or step < 0:
            raise ConfigError(
                f"rewind: step must be an integer >= 0, got {step!r}", "bad_value", key="step", value=step
            )
        if step > trainer.step_count:
            raise ConfigError(
                f"rewind: step {step} is after the run's current step {trainer.step_count}",
                "out_of_range",
                key="step",
                value=step,
                limit=trainer.step_count,
            )
        base = max((s for s in self._states if s <= step), default=None)
        if base is None:
            raise ConfigError(
                f"rewind: no checkpoint at or before step {step} (the first is at step "
                f"{min(self._states) if self._states else 'none'})",
                "out_of_range",
                key="step",
                value=step,
            )
        trainer.set_state(self._states[base][0])
        trainer.history.truncate(base)
        for _ in range(step - base):
            trainer.step()
        self.forget_after(step)
        return step - base
