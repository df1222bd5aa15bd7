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
import reprlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class ConfigError(ValueError):
    """A bad value in a project, named by its key path (``optimizer.lr``).

    ``str(exc)`` is the English message.  ``code`` (optional) is a short stable
    string saying what kind of problem it is, and ``args`` a dict of what the
    message is made of (``key``, ``value``, limits...), so a window can say the
    same in another language:

    ``unknown_key``, ``unknown_value``, ``bad_type``, ``null``, ``not_finite``,
    ``out_of_range``, ``too_large``, ``missing``, ``shape_mismatch``,
    ``bad_file``, ``cannot_read``, ``cannot_write``, ``conflict``.
    """

    def __init__(self, message: str, code: str | None = None, **args: Any):
        super().__init__(message)
        self.code = code
        self._details = args

    @property
    def args(self) -> dict:  # type: ignore[override]
        """The message's parts by name (``BaseException.args`` is the message, as ``str(exc)``)."""
        return self._details

    def __reduce__(self):  # keep code and details across processes
        return _rebuild_config_error, (str(self), self.code, self._details)


def _rebuild_config_error(message: str, code: str | None, details: dict) -> ConfigError:
    return ConfigError(message, code, **details)


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 80
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = 8
_REPR.maxlevel = 3


def show(value: Any) -> str:
    """``repr(value)`` for a message: short, on one line, safe for any JSON value
    (integers of thousands of digits, lists nested thousands of levels deep)."""
    if value is None or isinstance(value, bool):  # as written in JSON
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int) and value.bit_length() > 200:
        digits = int(value.bit_length() * math.log10(2)) + 1
        return f"{'-' if value < 0 else ''}<an integer of about {digits} digits>"
    if isinstance(value, (str, int, float, bool)) or value is None:
        text = repr(value)
        return text if len(text) <= 120 else _REPR.repr(value)
    return _REPR.repr(value)


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
            raise ConfigError(f"{key}: must not be null", "null", key=key)
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ConfigError(f"{key}: must be true or false, got {show(value)}", "bad_type", key=key,
                                  value=value, expected="bool")
            return value
        if self.kind == "str":
            if not isinstance(value, str):
                raise ConfigError(f"{key}: must be a string, got {show(value)}", "bad_type", key=key,
                                  value=value, expected="str")
            return value
        if self.kind == "choice":
            if value not in self.choices:
                known = ", ".join("null" if c is None else str(c) for c in self.choices)
                raise ConfigError(f"{key}: unknown value {show(value)} (known: {known})", "unknown_value",
                                  key=key, value=value, known=list(self.choices))
            return value
        if self.kind == "pair":
            if not isinstance(value, (list, tuple)) or len(value) != 2:
                raise ConfigError(f"{key}: must be a list of two numbers, got {show(value)}", "bad_type",
                                  key=key, value=value, expected="pair")
            return tuple(
                self._number(f"{key}[{i}]", v, float) for i, v in enumerate(value)
            )
        if self.kind == "int":
            return self._number(key, value, int)
        return self._number(key, value, float)

    def _number(self, key: str, value: Any, typ: type) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            want = "an integer" if typ is int else "a number"
            raise ConfigError(f"{key}: must be {want}, got {show(value)}", "bad_type", key=key, value=value,
                              expected="int" if typ is int else "float")
        if isinstance(value, float) and not math.isfinite(value):
            raise ConfigError(f"{key}: must be a finite number, got {value!r}", "not_finite", key=key, value=value)
        if typ is int and isinstance(value, float) and not value.is_integer():
            raise ConfigError(f"{key}: must be an integer, got {value!r}", "bad_type", key=key, value=value,
                              expected="int")
        if typ is float and isinstance(value, int):
            try:
                value = float(value)
            except OverflowError:  # an integer of more than 308 digits
                raise ConfigError(f"{key}: must be in {self.describe_range()}, got {show(value)} "
                                  "(too large for a number)", "out_of_range", key=key, value=value,
                                  low=self.low, high=self.high) from None
        value = typ(value)
        bad_low = self.low is not None and (
            value <= self.low if self.low_open else value < self.low
        )
        bad_high = self.high is not None and (
            value >= self.high if self.high_open else value > self.high
        )
        if bad_low or bad_high:
            raise ConfigError(f"{key}: must be in {self.describe_range()}, got {show(value)}", "out_of_range",
                              key=key, value=value, low=self.low, high=self.high,
                              low_open=self.low_open, high_open=self.high_open)
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
        known = ", ".join(sorted(self))
        where = f"{key}: " if key else ""
        if not isinstance(name, str):  # a list or an object where a name belongs
            raise ConfigError(f"{where}must be the name of a {self.what} (one of: {known}), got {show(name)}",
                              "bad_type", key=key, value=name, known=sorted(self))
        canonical = self.canonical(name)
        if canonical not in self:
            raise ConfigError(f"{where}unknown {self.what} {show(name)} (known: {known})", "unknown_value",
                              key=key, value=name, known=sorted(self))
        return self[canonical]

    def names(self) -> list[str]:
        return list(self)


def validate_params(key: str, params: dict[str, Param], given: dict) -> dict:
    """Validate ``given`` against declared ``params``; fill in defaults."""
    unknown = [k for k in given if k not in params]
    if unknown:
        known = ", ".join(params) or "none"
        raise ConfigError(f"{key}.{unknown[0]}: unknown key (known: {known})", "unknown_key",
                          key=f"{key}.{unknown[0]}", known=list(params))
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
            raise ConfigError(f"{key}.name: missing (an object here needs a name)", "missing", key=f"{key}.name")
        name = spec["name"]
        if not isinstance(name, str):
            raise ConfigError(f"{key}.name: must be a string, got {show(name)}", "bad_type", key=f"{key}.name",
                              value=name, expected="str")
        given = {k: v for k, v in spec.items() if k != "name"}
    else:
        raise ConfigError(f"{key}: must be a name or an object with a name, got {show(spec)}", "bad_type",
                          key=key, value=spec, expected="name")
    cls = registry.get(name, key)
    return cls, validate_params(key, getattr(cls, "params", {}), given)
