"""The optimizer race: several optimizers start at one point of a 2-D surface.

Each runner owns a flat 2-vector parameter ``(x, y)`` and its gradient buffer and
steps the ENGINE's optimizer class on them (:func:`core.optimizers.make_optimizer`,
the same update code that trains networks), so what the race shows is what the
app's training does.  Optional Gaussian gradient noise (standard deviation
``noise`` per coordinate, one seeded generator per runner) shows what stochastic
gradients do.  A step that leaves the numbers finite is recorded; the first
non-finite gradient, position or value stops that runner cleanly, its path ending
at the last finite point with :attr:`Runner.stopped` saying why.

    >>> from core.surfaces import make_surface
    >>> race = Race(make_surface("bowl"), (-4.5, 2.0), ["sgd", {"name": "adam", "lr": 0.1}])
    >>> race.step(10)
    >>> race.runners[0].positions.shape
    (11, 2)
"""

from __future__ import annotations

import numpy as np

from .optimizers import make_optimizer
from .registry import ConfigError
from .surfaces import Surface

LAYOUT = [("xy", 0, (2,))]


class Runner:
    """One optimizer on the surface: its parameter, its optimizer and its path so far."""

    def __init__(
        self, surface: Surface, start, spec, noise: float = 0.0, seed: int = 0, index: int = 0, capacity: int = 256
    ):
        self.surface = surface
        self.spec = spec
        self.flat = np.array(start, dtype=np.float64)
        self.flat_grad = np.zeros(2, dtype=np.float64)
        self.optimizer = make_optimizer(spec, self.flat, self.flat_grad, LAYOUT, key=f"race.optimizers[{index}]")
        self.noise = float(noise)
        self.rng = np.random.default_rng([int(seed), int(index)])
        self._pos = np.empty((capacity, 2))
        self._loss = np.empty(capacity)
        self.n = 0
        self.stopped: str | None = None
        loss = surface.value(self.flat[0], self.flat[1])
        if not (np.all(np.isfinite(self.flat)) and np.isfinite(loss)):
            self.stopped = "start"
            return
        self._append(self.flat, loss)

    # ---- Public API
    @property
    def positions(self) -> np.ndarray:
        """``(steps + 1, 2)``: the start, then the point after each step (a view)."""
        return self._pos[: self.n]

    @property
    def losses(self) -> np.ndarray:
        """``f`` at each of :attr:`positions` (a view)."""
        return self._loss[: self.n]

    @property
    def steps(self) -> int:
        return max(self.n - 1, 0)

    def step(self, count: int = 1) -> None:
        """``count`` optimizer steps (fewer when the path stops)."""
        s = self.surface
        for _ in range(count):
            if self.stopped is not None:
                return
            gx, gy = s.grad(self.flat[0], self.flat[1])
            self.flat_grad[0] = gx
            self.flat_grad[1] = gy
            if self.noise > 0.0:
                self.flat_grad += self.rng.standard_normal(2) * self.noise
            if not np.all(np.isfinite(self.flat_grad)):
                self.stopped = "gradient"
                return
            before = self.flat.copy()
            with np.errstate(all="ignore"):
                self.optimizer.step()
            loss = s.value(self.flat[0], self.flat[1])
            if not (np.all(np.isfinite(self.flat)) and np.isfinite(loss)):
                self.flat[...] = before
                self.stopped = "diverged"
                return
            self._append(self.flat, loss)

    # ---- Private API
    def _append(self, point, loss) -> None:
        if self.n == len(self._loss):
            self._pos = np.concatenate([self._pos, np.empty_like(self._pos)])
            self._loss = np.concatenate([self._loss, np.empty_like(self._loss)])
        self._pos[self.n] = point
        self._loss[self.n] = loss
        self.n += 1


class Race:
    """Every optimizer in ``specs`` (``"adam"`` or ``{"name": "sgd", "lr": 0.1, ...}``)
    from ``start`` on ``surface``."""

    def __init__(self, surface: Surface, start, specs, noise: float = 0.0, seed: int = 0):
        if not isinstance(noise, (int, float)) or isinstance(noise, bool) or not np.isfinite(noise) or noise < 0:
            raise ConfigError(
                f"race.noise: must be a finite number ≥ 0, got {noise!r}",
                "out_of_range",
                key="race.noise",
                value=noise,
                low=0.0,
            )
        start = tuple(float(v) for v in start)
        if len(start) != 2:
            raise ConfigError(
                f"race.start: must be a point (x, y), got {start!r}", "shape_mismatch", key="race.start", value=start
            )
        self.surface, self.start, self.noise, self.seed = surface, start, float(noise), int(seed)
        self.runners = [Runner(surface, start, spec, noise, seed, i) for i, spec in enumerate(specs)]

    @property
    def steps(self) -> int:
        """Steps taken so far (by the runners that have not stopped)."""
        return max((r.steps for r in self.runners), default=0)

    @property
    def finished(self) -> bool:
        return all(r.stopped is not None for r in self.runners)

    def step(self, count: int = 1) -> None:
        for runner in self.runners:
            runner.step(count)


def run_race(surface: Surface, start, specs, steps: int, noise: float = 0.0, seed: int = 0) -> list[Runner]:
    """Run every optimizer ``steps`` steps; the runners with their paths."""
    race = Race(surface, start, specs, noise, seed)
    race.step(steps)
    return race.runners
