r"""Activation functions, each with its derivative next to it.

An activation maps the pre-activation ``z`` of a dense layer to its output
``a``.  ``backward(z, a, grad_a)`` returns :math:`\partial L/\partial z` given
:math:`\partial L/\partial a`; both ``z`` and ``a`` are passed so each rule can
use whichever is cheaper.  Definitions follow PyTorch's ``torch.nn`` modules
(``Softplus`` with ``beta=1, threshold=20``, exact-erf ``GELU`` unless
``approximate="tanh"``, ``PReLU`` initialised to 0.25 per unit).

``PReLU`` is the only one with a learnable parameter: one slope per unit,
exposed as ``weight`` and trained like any other parameter.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import erf, expit

from .registry import Param, Registry, parse_named_spec

ACTIVATIONS = Registry("activation")

# Python floats, not NumPy float64 scalars: NumPy 2 promotes a float32 array times a
# float64 scalar to float64, and a float32 run must stay float32 end to end
_SQRT_HALF = math.sqrt(0.5)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def _peak(derivative, lo: float, hi: float) -> tuple[float, float]:
    """``(z, derivative(z))`` at the maximum of a derivative that rises then falls on
    [lo, hi] (golden-section search in Python floats, to round-off)."""
    g = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = lo, hi
    for _ in range(200):
        c, d = b - g * (b - a), a + g * (b - a)
        if derivative(c) > derivative(d):
            b = d
        else:
            a = c
        if b - a < 1e-12:
            break
    z = 0.5 * (a + b)
    return z, derivative(z)


def _phi(z: float) -> float:
    return _INV_SQRT_2PI * math.exp(-0.5 * z * z)


def _gelu_tanh_derivative(z: float) -> float:
    k = math.sqrt(2.0 / math.pi)
    t = math.tanh(k * (z + 0.044715 * z**3))
    return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * k * (1.0 + 3 * 0.044715 * z * z)


def _silu_derivative(z: float) -> float:
    s = 1.0 / (1.0 + math.exp(-z))
    return s * (1.0 + z * (1.0 - s))


# exact GELU: d/dz [Phi + z phi] = phi (2 - z^2) = 0 at z = sqrt 2
_GELU_PEAK = (math.sqrt(2.0), 0.5 * (1.0 + math.erf(1.0)) + math.sqrt(2.0) * _phi(math.sqrt(2.0)))
_GELU_TANH_PEAK = _peak(_gelu_tanh_derivative, 0.5, 3.0)
_SILU_PEAK = _peak(_silu_derivative, 0.5, 5.0)


class Activation:
    """Base class: identity.  Subclasses override ``forward``/``backward``."""

    name = "activation"
    params: dict[str, Param] = {}
    #: family used to pick a default initialiser and the statistics to show
    family = "linear"
    #: the largest |f'(z)| over all z (a supremum where it is only approached): a
    #: gradient passing back through n such layers is multiplied by at most this
    #: to the n-th power by the activations (sigmoid 0.25: shrinks like 0.25^n)
    max_derivative = 1.0
    #: the z where |f'| reaches ``max_derivative`` (None: on a whole half-line, or nowhere)
    peak_z: float | None = None

    def __init__(self, **config):
        self.config = {k: config.get(k, p.default) for k, p in self.params.items()}
        for key, value in self.config.items():
            setattr(self, key, value)

    # ---- learnable parameters (only PReLU has any)
    def build(self, units: int, dtype) -> dict[str, np.ndarray]:
        """Create learnable parameters for a layer of ``units``; return them by name."""
        return {}

    def get_config(self) -> dict:
        return {"name": self.name, **self.config}

    def __repr__(self) -> str:
        extra = ", ".join(f"{k}={v!r}" for k, v in self.config.items())
        return f"{self.name}({extra})" if extra else self.name

    # ---- maths
    def forward(self, z: np.ndarray) -> np.ndarray:
        return z

    def backward(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        return grad_a

    # ---- statistics for the vanishing-gradient panels
    def saturated(self, a: np.ndarray) -> np.ndarray | None:
        """Boolean mask of saturated outputs, or None if the notion does not apply."""
        return None


@ACTIVATIONS.register("linear")
class Linear(Activation):
    pass


@ACTIVATIONS.register("step")
class Step(Activation):
    """Heaviside step (the perceptron's): its derivative is zero almost everywhere,
    so no gradient reaches the weights - why perceptrons were not trained by
    gradient descent."""

    family = "sigmoid"
    max_derivative = 0.0  # zero almost everywhere

    def forward(self, z):
        return (z > 0).astype(z.dtype)

    def backward(self, z, a, grad_a):
        return np.zeros_like(grad_a)


@ACTIVATIONS.register("sigmoid")
class Sigmoid(Activation):
    r""":math:`\sigma(z) = 1/(1+e^{-z})`, :math:`\sigma' = \sigma(1-\sigma)`."""

    family = "sigmoid"
    max_derivative = 0.25  # sigma(0) (1 - sigma(0)) = 1/2 * 1/2
    peak_z = 0.0

    def forward(self, z):
        return expit(z)

    def backward(self, z, a, grad_a):
        return grad_a * (a * (1.0 - a))

    def saturated(self, a):
        return (a < 0.01) | (a > 0.99)


@ACTIVATIONS.register("tanh")
class Tanh(Activation):
    r""":math:`\tanh' = 1 - \tanh^2`."""

    family = "sigmoid"
    max_derivative = 1.0
    peak_z = 0.0

    def forward(self, z):
        return np.tanh(z)

    def backward(self, z, a, grad_a):
        return grad_a * (1.0 - a * a)

    def saturated(self, a):
        return np.abs(a) > 0.99


@ACTIVATIONS.register("relu")
class ReLU(Activation):
    """max(0, z); derivative 1 for z > 0, else 0 (0 at z = 0, as PyTorch)."""

    family = "relu"

    def forward(self, z):
        return np.maximum(z, 0.0)

    def backward(self, z, a, grad_a):
        return grad_a * (z > 0)


@ACTIVATIONS.register("leaky_relu")
class LeakyReLU(Activation):
    params = {"negative_slope": Param(0.01, low=0.0)}
    family = "relu"

    @property
    def max_derivative(self):
        return max(1.0, float(self.negative_slope))

    def forward(self, z):
        return np.where(z > 0, z, z * self.negative_slope)

    def backward(self, z, a, grad_a):
        return np.where(z > 0, grad_a, grad_a * self.negative_slope)


@ACTIVATIONS.register("prelu")
class PReLU(Activation):
    """Leaky ReLU whose negative slope is learned, one per unit (``weight``)."""

    params = {"init": Param(0.25, doc="initial slope")}
    family = "relu"

    @property
    def max_derivative(self):
        """1, or the largest |slope| if one is steeper (the learned slopes once built)."""
        slopes = getattr(self, "weight", None)
        if isinstance(slopes, np.ndarray) and slopes.size:
            steepest = float(np.max(np.abs(slopes)))
            return max(1.0, steepest) if math.isfinite(steepest) else float("nan")
        return max(1.0, abs(float(self.init)))

    def build(self, units, dtype):
        self.weight = np.full(units, self.init, dtype=dtype)
        self.grad_weight = np.zeros_like(self.weight)
        return {"weight": self.weight}

    def bind(self, weight: np.ndarray, grad_weight: np.ndarray) -> None:
        """Use externally owned arrays (views into the network's flat buffers)."""
        self.weight, self.grad_weight = weight, grad_weight

    def forward(self, z):
        return np.where(z > 0, z, z * self.weight)

    def backward(self, z, a, grad_a):
        negative = z <= 0
        np.sum(np.where(negative, grad_a * z, 0.0), axis=0, out=self.grad_weight)
        return np.where(negative, grad_a * self.weight, grad_a)


@ACTIVATIONS.register("elu")
class ELU(Activation):
    params = {"alpha": Param(1.0, low=0.0)}
    family = "relu"

    @property
    def max_derivative(self):
        """1 for z > 0; alpha e^z < alpha below (approached as z -> 0-)."""
        return max(1.0, float(self.alpha))

    def forward(self, z):
        return np.where(z > 0, z, self.alpha * np.expm1(np.minimum(z, 0.0)))

    def backward(self, z, a, grad_a):
        # alpha * exp(z), as PyTorch: ``a + alpha`` cancels catastrophically for z << 0
        return np.where(z > 0, grad_a, grad_a * (self.alpha * np.exp(np.minimum(z, 0.0))))


@ACTIVATIONS.register("gelu")
class GELU(Activation):
    r"""Exact :math:`z\,\Phi(z)`, or PyTorch's tanh approximation."""

    params = {"approximate": Param("none", kind="choice", choices=("none", "tanh"))}
    family = "relu"

    _K = math.sqrt(2.0 / math.pi)

    @property
    def max_derivative(self):
        return (_GELU_TANH_PEAK if self.approximate == "tanh" else _GELU_PEAK)[1]

    @property
    def peak_z(self):
        return (_GELU_TANH_PEAK if self.approximate == "tanh" else _GELU_PEAK)[0]

    def forward(self, z):
        if self.approximate == "tanh":
            return 0.5 * z * (1.0 + np.tanh(self._K * (z + 0.044715 * z**3)))
        return 0.5 * z * (1.0 + erf(z * _SQRT_HALF))

    def backward(self, z, a, grad_a):
        if self.approximate == "tanh":
            inner = self._K * (z + 0.044715 * z**3)
            t = np.tanh(inner)
            d_inner = self._K * (1.0 + 3 * 0.044715 * z * z)
            return grad_a * (0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * d_inner)
        cdf = 0.5 * (1.0 + erf(z * _SQRT_HALF))
        pdf = _INV_SQRT_2PI * np.exp(-0.5 * z * z)
        return grad_a * (cdf + z * pdf)


@ACTIVATIONS.register("silu", "swish")
class SiLU(Activation):
    r""":math:`z\,\sigma(z)`, derivative :math:`\sigma(z)(1 + z(1-\sigma(z)))`."""

    family = "relu"
    peak_z, max_derivative = _SILU_PEAK

    def forward(self, z):
        return z * expit(z)

    def backward(self, z, a, grad_a):
        s = expit(z)
        return grad_a * (s * (1.0 + z * (1.0 - s)))


@ACTIVATIONS.register("softplus")
class Softplus(Activation):
    """log(1 + e^(beta z)) / beta, linear above ``threshold`` (PyTorch's rule)."""

    params = {"beta": Param(1.0, low=0.0, low_open=True), "threshold": Param(20.0)}
    family = "relu"

    def forward(self, z):
        bz = self.beta * z
        soft = np.logaddexp(0.0, bz) / self.beta
        return np.where(bz > self.threshold, z, soft)

    def backward(self, z, a, grad_a):
        bz = self.beta * z
        return np.where(bz > self.threshold, grad_a, grad_a * expit(bz))


@ACTIVATIONS.register("softmax")
class Softmax(Activation):
    r"""Row-wise softmax; the backward pass is the Jacobian-vector product
    :math:`a \odot (g - \langle g, a\rangle)`."""

    family = "sigmoid"
    #: the largest entry of its Jacobian: s_i (1 - s_i) <= 1/4 on the diagonal, s_i s_j <= 1/4 off it;
    #: reached for two equal logits (z = 0 against 0 in :func:`derivative_curve`)
    max_derivative = 0.25
    peak_z = 0.0

    def forward(self, z):
        shifted = z - z.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        return e / e.sum(axis=1, keepdims=True)

    def backward(self, z, a, grad_a):
        return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))

    def saturated(self, a):
        return (a < 0.01) | (a > 0.99)


def make_activation(spec, key: str = "activation") -> Activation:
    """Build an activation from a project-file value (name or object)."""
    cls, config = parse_named_spec(ACTIVATIONS, key, spec)
    return cls(**config)


def derivative(act: Activation, z: np.ndarray) -> np.ndarray:
    """f'(z) elementwise for a batch ``z`` (rows x units) of the layer whose activation is
    ``act``, without touching ``act`` (a PReLU's backward pass writes its slopes'
    gradient: a copy with the same slopes is used).  Softmax: the diagonal of its
    Jacobian, s_i (1 - s_i)."""
    z = np.asarray(z)
    fresh = type(act)(**act.config)
    slopes = getattr(act, "weight", None)
    if fresh.build(z.shape[1], z.dtype) and isinstance(slopes, np.ndarray) and slopes.shape == (z.shape[1],):
        fresh.weight[...] = slopes
    a = fresh.forward(z)
    if isinstance(fresh, Softmax):
        return a * (1.0 - a)
    return fresh.backward(z, a, np.ones_like(a))


def derivative_curve(act: Activation, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(f(z), f'(z))`` along a 1-D grid ``z``, for plotting: each value of ``z`` as
    one unit's pre-activation (softmax: the first of two logits ``(z, 0)``, so its
    curve is the sigmoid's and its derivative the Jacobian's diagonal entry)."""
    z = np.asarray(z, dtype=np.float64)
    zz = np.column_stack([z, np.zeros_like(z)])
    fresh = type(act)(**act.config)
    fresh.build(2, zz.dtype)
    a = fresh.forward(zz)
    if isinstance(fresh, Softmax):
        return a[:, 0].copy(), a[:, 0] * (1.0 - a[:, 0])
    d = fresh.backward(zz, a, np.ones_like(a))
    return a[:, 0].copy(), np.asarray(d[:, 0], dtype=np.float64).copy()
