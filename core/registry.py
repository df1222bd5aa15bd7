"""Name -> class registries shared by the project file, the engine and the GUI.

A registry is a plain dict with a ``get`` that fails with a message naming the
unknown value and the known ones.  The GUI fills its combo boxes from the same
registries, so a class registered here appears everywhere.

Configurable things (activations, initialisers, optimizers, schedules) declare
their parameters in a class attribute ``params``: a dict mapping each name to a
:class:`Param` (default value and validation).  :func:`parse_named_spec` turns
a project-file value (``"relu"`` or ``{"name": "leaky_relu",
"negative_slope": 0.1}``) into a class and a validated keyword dict.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class ConfigError(ValueError):
    """A bad value in a project, named by its key path (``optimizer.lr``)."""


@dataclass(frozen=True)
class Param:
    """One configurable hyper-parameter: its default and what values it takes.

    ``kind`` is one of ``"float"``, ``"int"``, ``"bool"``, ``"choice"``,
    ``"pair"`` (two floats, e.g. Adam's betas), ``"str"`` or ``"any"`` (checked
    by the code that uses it).
    """

    default: Any
    kind: str = "float"
    low: float | None = None
    high: float | None = None
    low_open: bool = False  # True: value must be > low (not >=)
    high_open: bool = False  # True: value must be < high
    choices: tuple = ()
    nullable: bool = False
    doc: str = ""
    log_scale: bool = False  # a hint for GUI sliders

    def describe_range(self) -> str:
        lo = "(" if self.low_open else "["
        hi = ")" if self.high_open else "]"
        low = "-inf" if self.low is None else f"{self.low:g}"
        high = "inf" if self.high is None else f"{self.high:g}"
        return f"{lo}{low}, {high}{hi}"

    def validate(self, key: str, value: Any) -> Any:
        """Return ``value`` converted to this parameter's type, or raise ConfigError."""
        if self.kind == "any":
            return value
        if value is None:
            if self.nullable:
                return None
            raise ConfigError(f"{key}: must not be null")
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ConfigError(f"{key}: must be true or false, got {value!r}")
            return value
        if self.kind == "str":
            if not isinstance(value, str):
                raise ConfigError(f"{key}: must be a string, got {value!r}")
            return value
        if self.kind == "choice":
            if value not in self.choices:
                known = ", ".join("null" if c is None else str(c) for c in self.choices)
                raise ConfigError(f"{key}: unknown value {value!r} (known: {known})")
            return value
        if self.kind == "pair":
            if not isinstance(value, (list, tuple)) or len(value) != 2:
                raise ConfigError(f"{key}: must be a list of two numbers, got {value!r}")
            return tuple(
                self._number(f"{key}[{i}]", v, float) for i, v in enumerate(value)
            )
        if self.kind == "int":
            return self._number(key, value, int)
        return self._number(key, value, float)

    def _number(self, key: str, value: Any, typ: type) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            want = "an integer" if typ is int else "a number"
            raise ConfigError(f"{key}: must be {want}, got {value!r}")
        if typ is int and not float(value).is_integer():
            raise ConfigError(f"{key}: must be an integer, got {value!r}")
        if not math.isfinite(value):
            raise ConfigError(f"{key}: must be a finite number, got {value!r}")
        value = typ(value)
        bad_low = self.low is not None and (
            value <= self.low if self.low_open else value < self.low
        )
        bad_high = self.high is not None and (
            value >= self.high if self.high_open else value > self.high
        )
        if bad_low or bad_high:
            raise ConfigError(f"{key}: must be in {self.describe_range()}, got {value!r}")
        return value


class Registry(dict):
    """A dict from project-file names to classes, with helpful lookup errors."""

    def __init__(self, what: str):
        super().__init__()
        self.what = what
        self.aliases: dict[str, str] = {}

    def register(self, name: str, *aliases: str) -> Callable[[type], type]:
        def decorator(cls: type) -> type:
            self[name] = cls
            cls.name = name
            for alias in aliases:
                self.aliases[alias] = name
            return cls

        return decorator

    def canonical(self, name: str) -> str:
        return self.aliases.get(name, name)

    def get(self, name: str, key: str | None = None) -> type:  # type: ignore[override]
        canonical = self.canonical(name) if isinstance(name, str) else name
        if canonical not in self:
            known = ", ".join(sorted(self))
            where = f"{key}: " if key else ""
            raise ConfigError(f"{where}unknown {self.what} {name!r} (known: {known})")
        return self[canonical]

    def names(self) -> list[str]:
        return list(self)


def validate_params(key: str, params: dict[str, Param], given: dict) -> dict:
    """Validate ``given`` against declared ``params``; fill in defaults."""
    unknown = [k for k in given if k not in params]
    if unknown:
        known = ", ".join(params) or "none"
        raise ConfigError(f"{key}.{unknown[0]}: unknown key (known: {known})")
    out = {}
    for name, param in params.items():
        value = given.get(name, param.default)
        out[name] = param.validate(f"{key}.{name}", value)
    return out


def parse_named_spec(registry: Registry, key: str, spec: Any) -> tuple[type, dict]:
    """Turn ``"name"`` or ``{"name": ..., **params}`` into ``(cls, params)``."""
    if isinstance(spec, str):
        name, given = spec, {}
    elif isinstance(spec, dict):
        if "name" not in spec:
            raise ConfigError(f"{key}.name: missing (an object here needs a name)")
        name = spec["name"]
        if not isinstance(name, str):
            raise ConfigError(f"{key}.name: must be a string, got {name!r}")
        given = {k: v for k, v in spec.items() if k != "name"}
    else:
        raise ConfigError(
            f"{key}: must be a name or an object with a name, got {spec!r}"
        )
    cls = registry.get(name, key)
    return cls, validate_params(key, getattr(cls, "params", {}), given)
