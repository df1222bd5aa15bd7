"""Weight initialisers, as in ``torch.nn.init``, drawing from a ``numpy.random.Generator``.

Every initialiser is called as ``init(shape, rng, dtype)`` and returns a new array.
Shapes are PyTorch's: a weight is ``(out, in)`` so ``fan_in = shape[1]`` and
``fan_out = shape[0]``; for a 1-D shape (a bias) both fans are its length.
"""

from __future__ import annotations

import math

import numpy as np

from .registry import ConfigError, Param, Registry, parse_named_spec

INITIALIZERS = Registry("initializer")

#: one initialised array may hold at most this many numbers (checked before sampling)
MAX_INIT_ELEMENTS = 20_000_000
#: initialiser parameters beyond this are typos (1e308 overflows the sampler, 1e200 squared overflows)
LIMIT = 1e6


def fans(shape: tuple[int, ...]) -> tuple[int, int]:
    if len(shape) == 1:
        return shape[0], shape[0]
    return shape[1], shape[0]


class Initializer:
    name = "initializer"
    params: dict[str, Param] = {}

    def __init__(self, **config):
        self.config = {k: config.get(k, p.default) for k, p in self.params.items()}
        for key, value in self.config.items():
            setattr(self, key, value)

    def get_config(self) -> dict:
        return {"name": self.name, **self.config}

    def __repr__(self) -> str:
        extra = ", ".join(f"{k}={v!r}" for k, v in self.config.items())
        return f"{self.name}({extra})" if extra else self.name

    def __call__(self, shape, rng: np.random.Generator, dtype=np.float64) -> np.ndarray:
        shape = tuple(shape)
        size = math.prod(shape)
        if size > MAX_INIT_ELEMENTS:
            raise ConfigError(f"init: an array of shape {shape} has {size:,} numbers, more than the limit of "
                              f"{MAX_INIT_ELEMENTS:,}; use fewer units", "too_large", key="init", value=shape,
                              limit=MAX_INIT_ELEMENTS)
        return self.sample(shape, rng).astype(dtype, copy=False)

    def sample(self, shape, rng):  # pragma: no cover - abstract
        raise NotImplementedError


@INITIALIZERS.register("zeros")
class Zeros(Initializer):
    def sample(self, shape, rng):
        return np.zeros(shape)


@INITIALIZERS.register("constant")
class Constant(Initializer):
    params = {"value": Param(0.1, low=-LIMIT, high=LIMIT)}

    def sample(self, shape, rng):
        return np.full(shape, self.value, dtype=float)


@INITIALIZERS.register("uniform")
class Uniform(Initializer):
    """U(-a, a)."""

    params = {"a": Param(0.05, low=0.0, high=LIMIT)}

    def sample(self, shape, rng):
        return rng.uniform(-self.a, self.a, size=shape)


@INITIALIZERS.register("normal")
class Normal(Initializer):
    params = {"std": Param(0.01, low=0.0, high=LIMIT), "mean": Param(0.0, low=-LIMIT, high=LIMIT)}

    def sample(self, shape, rng):
        return rng.normal(self.mean, self.std, size=shape)


@INITIALIZERS.register("xavier_uniform", "glorot_uniform")
class XavierUniform(Initializer):
    """U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out))."""

    params = {"gain": Param(1.0, low=0.0, high=LIMIT)}

    def sample(self, shape, rng):
        fan_in, fan_out = fans(shape)
        bound = self.gain * math.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-bound, bound, size=shape)


@INITIALIZERS.register("xavier_normal", "glorot_normal")
class XavierNormal(Initializer):
    """N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out))."""

    params = {"gain": Param(1.0, low=0.0, high=LIMIT)}

    def sample(self, shape, rng):
        fan_in, fan_out = fans(shape)
        return rng.normal(0.0, self.gain * math.sqrt(2.0 / (fan_in + fan_out)), size=shape)


_KAIMING = {
    "negative_slope": Param(0.0, low=0.0, high=LIMIT, doc="leaky-ReLU slope the gain is computed for"),
    "mode": Param("fan_in", kind="choice", choices=("fan_in", "fan_out")),
}


def _kaiming_std(init, shape) -> float:
    fan_in, fan_out = fans(shape)
    fan = fan_in if init.mode == "fan_in" else fan_out
    gain = math.sqrt(2.0 / (1.0 + init.negative_slope**2))
    return gain / math.sqrt(fan)


@INITIALIZERS.register("he_uniform", "kaiming_uniform")
class HeUniform(Initializer):
    """U(-b, b) with b = sqrt(3) * sqrt(2 / (1 + slope^2)) / sqrt(fan)."""

    params = _KAIMING

    def sample(self, shape, rng):
        bound = math.sqrt(3.0) * _kaiming_std(self, shape)
        return rng.uniform(-bound, bound, size=shape)


@INITIALIZERS.register("he_normal", "kaiming_normal")
class HeNormal(Initializer):
    params = _KAIMING

    def sample(self, shape, rng):
        return rng.normal(0.0, _kaiming_std(self, shape), size=shape)


@INITIALIZERS.register("lecun_uniform")
class LecunUniform(Initializer):
    """U(-b, b) with b = sqrt(3 / fan_in): unit variance for linear units."""

    def sample(self, shape, rng):
        bound = math.sqrt(3.0 / fans(shape)[0])
        return rng.uniform(-bound, bound, size=shape)


@INITIALIZERS.register("lecun_normal")
class LecunNormal(Initializer):
    def sample(self, shape, rng):
        return rng.normal(0.0, 1.0 / math.sqrt(fans(shape)[0]), size=shape)


@INITIALIZERS.register("orthogonal")
class Orthogonal(Initializer):
    """A (semi-)orthogonal matrix from the QR decomposition of a Gaussian one,
    with the sign correction of ``torch.nn.init.orthogonal_``."""

    params = {"gain": Param(1.0, low=0.0, high=LIMIT)}

    def sample(self, shape, rng):
        if len(shape) < 2:
            raise ConfigError("init: orthogonal needs a matrix (it cannot initialise a bias)", "bad_type",
                              key="init", value="orthogonal")
        rows, cols = shape
        flat = rng.normal(0.0, 1.0, size=(rows, cols))
        if rows < cols:
            flat = flat.T
        q, r = np.linalg.qr(flat)
        q *= np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return self.gain * q


def default_init_name(activation) -> str:
    """He for the ReLU family, Glorot for the rest (sigmoid, tanh, linear)."""
    return "he_uniform" if getattr(activation, "family", "") == "relu" else "xavier_uniform"


def make_initializer(spec, key: str = "init") -> Initializer:
    cls, config = parse_named_spec(INITIALIZERS, key, spec)
    return cls(**config)
