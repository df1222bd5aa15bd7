"""Two-dimensional test surfaces for the optimizer race: value and gradient.

Each surface is a function ``f(x, y)`` with its analytic gradient, a view range
that shows its interesting part, a default start and the value of its global
minimum (so a loss plot can show ``f - f*`` on a log scale).  Both functions
broadcast over NumPy arrays, so the same code evaluates one point for an
optimizer step and a 200×200 grid for the contour map.  Pure NumPy; the
tests check every gradient against central finite differences.

Not here: "the current network along two directions" (the loss landscape).

    >>> s = make_surface("rosenbrock")
    >>> s.value(1.0, 1.0), s.grad(1.0, 1.0)
    (0.0, (0.0, 0.0))
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .registry import ConfigError


@dataclass(frozen=True)
class SurfaceParam:
    """The one adjustable number of a surface (condition number, valley steepness...)."""

    key: str
    label: str
    default: float
    low: float
    high: float
    log_scale: bool = False


@dataclass(frozen=True)
class Surface:
    """A surface made for one parameter value (see :func:`make_surface`)."""

    key: str
    title: str
    value_fn: Callable
    grad_fn: Callable
    xrange: tuple[float, float]
    yrange: tuple[float, float]
    start: tuple[float, float]
    f_min: float
    minima: tuple[tuple[float, float], ...]
    param: float | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    # ---- Public API
    def value(self, x, y):
        """``f(x, y)``; arrays broadcast; a Python float for float arguments."""
        with np.errstate(all="ignore"):
            out = self.value_fn(x, y)
        return float(out) if np.ndim(out) == 0 else out

    def grad(self, x, y):
        """``(df/dx, df/dy)`` at ``(x, y)``."""
        with np.errstate(all="ignore"):
            gx, gy = self.grad_fn(x, y)
        if np.ndim(gx) == 0 and np.ndim(gy) == 0:
            return float(gx), float(gy)
        return gx, gy

    def grid(self, n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(xs, ys, Z)`` over the view range; ``Z[i, j] = f(xs[i], ys[j])``."""
        xs = np.linspace(self.xrange[0], self.xrange[1], n)
        ys = np.linspace(self.yrange[0], self.yrange[1], n)
        X, Y = np.meshgrid(xs, ys, indexing="ij")
        return xs, ys, self.value(X, Y)

    def noise_scale(self) -> float:
        """A typical gradient size over the view (median norm on a 41×41 grid), so a
        noise level can be given as a fraction of it on any surface."""
        xs = np.linspace(self.xrange[0], self.xrange[1], 41)
        ys = np.linspace(self.yrange[0], self.yrange[1], 41)
        X, Y = np.meshgrid(xs, ys, indexing="ij")
        gx, gy = self.grad(X, Y)
        norm = np.hypot(gx, gy)
        norm = norm[np.isfinite(norm)]
        return float(np.median(norm)) if norm.size else 1.0


# ---- the surfaces
def _bowl(kappa: float) -> Surface:
    # f = (x^2 + kappa y^2) / 2: curvatures 1 and kappa, condition number kappa
    return Surface(
        "bowl",
        "Ill-conditioned bowl",
        lambda x, y: 0.5 * (x * x + kappa * (y * y)),
        lambda x, y: (1.0 * x, kappa * y),
        (-5.0, 5.0),
        (-3.0, 3.0),
        (-4.5, 2.0),
        0.0,
        ((0.0, 0.0),),
        kappa,
        "f = (x² + κy²)/2: curvatures 1 and κ; plain SGD's learning rate must stay below 2/κ",
    )


def _rosenbrock(b: float) -> Surface:
    return Surface(
        "rosenbrock",
        "Rosenbrock",
        lambda x, y: (1.0 - x) ** 2 + b * (y - x * x) ** 2,
        lambda x, y: (-2.0 * (1.0 - x) - 4.0 * b * x * (y - x * x), 2.0 * b * (y - x * x)),
        (-2.0, 2.0),
        (-1.0, 3.0),
        (-1.5, 2.0),
        0.0,
        ((1.0, 1.0),),
        b,
        "f = (1 − x)² + b(y − x²)²: a curved, flat-bottomed valley to the minimum at (1, 1)",
    )


def _saddle(_p) -> Surface:
    # f = x^2 - y^2 + y^4/4: a saddle at the origin between minima at (0, ±sqrt 2), f = -1
    r2 = math.sqrt(2.0)
    return Surface(
        "saddle",
        "Saddle",
        lambda x, y: x * x - y * y + 0.25 * y**4,
        lambda x, y: (2.0 * x, -2.0 * y + y**3),
        (-2.0, 2.0),
        (-2.5, 2.5),
        (-1.8, 0.01),
        -1.0,
        ((0.0, r2), (0.0, -r2)),
        None,
        "f = x² − y² + y⁴/4: a saddle point at the origin between two valleys",
    )


def _himmelblau(_p) -> Surface:
    minima = ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126))
    return Surface(
        "himmelblau",
        "Himmelblau",
        lambda x, y: (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2,
        lambda x, y: (
            4.0 * x * (x * x + y - 11.0) + 2.0 * (x + y * y - 7.0),
            2.0 * (x * x + y - 11.0) + 4.0 * y * (x + y * y - 7.0),
        ),
        (-5.0, 5.0),
        (-5.0, 5.0),
        (0.0, -0.5),
        0.0,
        minima,
        None,
        "four minima of equal value: which one a path reaches depends on the start and the optimizer",
    )


def _beale(_p) -> Surface:
    def value(x, y):
        return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y**3) ** 2

    def grad(x, y):
        a = 1.5 - x + x * y
        b = 2.25 - x + x * y * y
        c = 2.625 - x + x * y**3
        gx = 2.0 * a * (y - 1.0) + 2.0 * b * (y * y - 1.0) + 2.0 * c * (y**3 - 1.0)
        gy = 2.0 * a * x + 2.0 * b * (2.0 * x * y) + 2.0 * c * (3.0 * x * y * y)
        return gx, gy

    return Surface(
        "beale",
        "Beale",
        value,
        grad,
        (-4.5, 4.5),
        (-4.5, 4.5),
        (1.0, 1.4),
        0.0,
        ((3.0, 0.5),),
        None,
        "flat plateaus and steep walls; the minimum at (3, 0.5) lies in a narrow valley",
    )


def _two_minima(tilt: float) -> Surface:
    # f = (x^2 - 1)^2 + tilt x + y^2: two wells near x = ±1, the left one deeper (tilt > 0)
    roots = np.roots([4.0, 0.0, -4.0, tilt])
    xs = sorted(float(r.real) for r in roots if abs(r.imag) < 1e-12)
    wells = [x for x in xs if 12.0 * x * x - 4.0 > 0]  # second derivative > 0

    def f1(x):
        return (x * x - 1.0) ** 2 + tilt * x

    global_x = min(wells, key=f1)
    return Surface(
        "two_minima",
        "Local and global minimum",
        lambda x, y: (x * x - 1.0) ** 2 + tilt * x + y * y,
        lambda x, y: (4.0 * x * (x * x - 1.0) + tilt, 2.0 * y),
        (-2.0, 2.0),
        (-1.5, 1.5),
        (1.9, 1.2),
        f1(global_x),
        tuple((w, 0.0) for w in wells),
        tilt,
        "f = (x² − 1)² + tx + y²: a shallow local minimum on the right, the global one on the left",
    )


_MAKERS: dict[str, tuple[Callable[[float | None], Surface], SurfaceParam | None]] = {
    "bowl": (_bowl, SurfaceParam("condition", "condition number κ", 20.0, 1.0, 1000.0, True)),
    "rosenbrock": (_rosenbrock, SurfaceParam("b", "valley steepness b", 100.0, 1.0, 1000.0, True)),
    "saddle": (_saddle, None),
    "himmelblau": (_himmelblau, None),
    "beale": (_beale, None),
    "two_minima": (_two_minima, SurfaceParam("tilt", "tilt t", 0.5, 0.0, 1.5)),
}

SURFACES: tuple[str, ...] = tuple(_MAKERS)


def surface_param(key: str) -> SurfaceParam | None:
    """The adjustable parameter of surface ``key`` (None when it has none)."""
    return _lookup(key)[1]


def make_surface(key: str, param: float | None = None) -> Surface:
    """Surface ``key`` (one of :data:`SURFACES`) with its parameter (default when None)."""
    maker, spec = _lookup(key)
    if spec is None:
        return maker(None)
    if param is None:
        param = spec.default
    if isinstance(param, bool) or not isinstance(param, (int, float)):
        raise ConfigError(
            f"surface.{spec.key}: must be a number, got {param!r}",
            "bad_type",
            key=f"surface.{spec.key}",
            value=param,
            expected="float",
        )
    param = float(param)
    if not math.isfinite(param) or not spec.low <= param <= spec.high:
        raise ConfigError(
            f"surface.{spec.key}: must be between {spec.low:g} and {spec.high:g}, got {param!r}",
            "out_of_range",
            key=f"surface.{spec.key}",
            value=param,
            low=spec.low,
            high=spec.high,
        )
    return maker(param)


def _lookup(key: str):
    if key not in _MAKERS:
        raise ConfigError(
            f"surface: unknown surface {key!r} (known: {', '.join(SURFACES)})",
            "unknown_value",
            key="surface",
            value=key,
            known=list(SURFACES),
        )
    return _MAKERS[key]
