r"""Layers: dense, dropout, batch norm and residual blocks.

Each layer owns ``forward(x, training)`` and ``backward(record, grad)`` side by
side, and answers from its configuration alone, without arrays, its output
width, parameter and buffer shapes (``output_width``, ``param_shapes``,
``buffer_shapes``; ``build`` creates exactly these, :mod:`core.shapes` reports
them).
Parameters live in ``self.p`` and their gradients in ``self.g`` (dicts keyed by
PyTorch's names: ``weight``, ``bias``); the :class:`~core.network.Network`
re-points them at views of one flat buffer so an optimizer updates every
parameter with a handful of NumPy calls.  Non-trainable state (batch norm's
running statistics) lives in ``self.buffers``.

``forward(x, training)`` returns the output and a *record* of the pass (the
input ``x``, output ``a`` and whatever ``backward`` needs: ``z``, a dropout
mask, batch norm's ``xhat``); ``backward(record, grad)`` takes that record,
writes the parameter gradients *into* ``self.g`` (it never re-binds them),
notes dL/da and dL/dz in the record (dense layers) and returns the gradient with
respect to the layer's input.  A layer keeps nothing from a pass, so a pass for
tracing one example or drawing a boundary cannot change the values statistics
describe: those come from the records the trainer keeps (see
:class:`core.tape.Tape`).
"""

from __future__ import annotations

import copy
import math

import numpy as np

from .activations import Activation, make_activation
from .initializers import default_init_name, make_initializer
from .registry import ConfigError, Param, Registry, show, validate_params
from .tape import BatchNormRecord, DenseRecord, DropoutRecord, Record, ResidualRecord

LAYERS = Registry("layer type")


class Layer:
    kind = "layer"
    params: dict[str, Param] = {}

    def __init__(self):
        self.p: dict[str, np.ndarray] = {}
        self.g: dict[str, np.ndarray] = {}
        self.buffers: dict[str, np.ndarray] = {}
        self.in_width = self.out_width = 0
        self.need_input_grad = True

    # ---- construction
    @classmethod
    def from_spec(cls, spec: dict, key: str) -> Layer:
        given = {k: v for k, v in spec.items() if k != "type"}
        return cls(**validate_params(key, cls.params, given))

    # ---- shapes from the configuration alone (no arrays): the one home of these rules,
    # used by ``build`` and by :mod:`core.shapes` (Keras' ``compute_output_shape``)
    def output_width(self, in_width: int, key: str = "layer") -> int:
        """The width this layer outputs for ``in_width`` inputs."""
        return in_width

    def param_shapes(self, in_width: int) -> dict[str, tuple[int, ...]]:
        """Trainable arrays by local (weights-file) name, in the order ``build`` creates them."""
        return {}

    def buffer_shapes(self, in_width: int) -> dict[str, tuple[int, ...]]:
        """Non-trainable arrays (running statistics) by local name."""
        return {}

    def init_signature(self):
        """What decides the initial values of this layer's parameters (compared to
        tell whether an edit keeps the weights); None when it has none."""
        return None

    def build(self, in_width: int, rng: np.random.Generator, dtype, key: str) -> int:
        """Create parameters for ``in_width`` inputs; return the output width."""
        self.in_width = self.out_width = self.output_width(in_width, key)
        return self.out_width

    def children(self) -> list[Layer]:
        return []

    def rebind(self) -> None:
        """Called after ``self.p``/``self.g`` were re-pointed at new arrays."""

    def set_rng(self, rng: np.random.Generator) -> None:
        for child in self.children():
            child.set_rng(rng)

    def get_config(self) -> dict:
        return {"type": self.kind}

    # ---- maths
    def forward(self, x: np.ndarray, training: bool) -> tuple[np.ndarray, Record]:
        """The output for ``x`` and the record of this pass that ``backward`` takes."""
        raise NotImplementedError

    def backward(self, record: Record, grad: np.ndarray) -> np.ndarray | None:
        """dL/dx from dL/da for the pass in ``record``; parameter gradients go to ``self.g``."""
        raise NotImplementedError


def build_layer(spec, key: str) -> Layer:
    if not isinstance(spec, dict):
        raise ConfigError(f"{key}: must be an object with a type, got {spec!r}")
    if "type" not in spec:
        raise ConfigError(f"{key}.type: missing (one of: {', '.join(LAYERS)})")
    cls = LAYERS.get(spec["type"], f"{key}.type")
    return cls.from_spec(spec, key)


@LAYERS.register("dense")
class Dense(Layer):
    r""":math:`z = x W^\top + b`, :math:`a = f(z)`; ``weight`` is ``(out, in)``."""

    kind = "dense"
    params = {
        "units": Param(None, kind="int", low=1),
        "activation": Param("linear", kind="any"),
        "init": Param(None, kind="any", nullable=True),
        "bias_init": Param("zeros", kind="any"),
        "bias": Param(True, kind="bool"),
        "values": Param(None, kind="any", nullable=True),
    }

    def __init__(self, units, activation="linear", init=None, bias_init="zeros", bias=True,
                 key="layer", values=None):
        super().__init__()
        self.units = units
        #: explicit parameter values (``{"weight": [[..]], "bias": [..]}``) that replace the initialiser's
        self.values = _check_values(values, units, bias, f"{key}.values")
        self.activation = make_activation(activation, f"{key}.activation")
        self.explicit_init = init is not None
        init = init if init is not None else default_init_name(self.activation)
        self.init = make_initializer(init, f"{key}.init")
        self.bias_init = make_initializer(bias_init, f"{key}.bias_init")
        self.use_bias = bias

    @classmethod
    def from_spec(cls, spec, key):
        given = {k: v for k, v in spec.items() if k != "type"}
        if "units" not in given:
            raise ConfigError(f"{key}.units: missing (a dense layer needs a number of units)")
        return cls(**validate_params(key, cls.params, given), key=key)

    def output_width(self, in_width, key="layer"):
        weight = self.values.get("weight")
        if weight is not None and weight.shape[1] != in_width:
            raise ConfigError(f"{key}.values.weight: has {weight.shape[1]} columns, the layer has {in_width} "
                              f"inputs (weight is units x inputs, {self.units} x {in_width})", "shape_mismatch",
                              key=f"{key}.values.weight", value=weight.shape[1], expected=in_width)
        return self.units

    def param_shapes(self, in_width):
        shapes = {"weight": (self.units, in_width)}
        if self.use_bias:
            shapes["bias"] = (self.units,)
        shapes.update({f"activation.{name}": shape
                       for name, shape in _activation_shapes(self.activation, self.units).items()})
        return shapes

    def init_signature(self):
        act = self.activation
        return (
            _compact(self.init.get_config()) if self.explicit_init else None,
            _compact(self.bias_init.get_config()) if self.use_bias else None,
            _compact(act.get_config()) if _activation_shapes(act, 1) else None,
            tuple((name, value.tobytes()) for name, value in self.values.items()),
        )

    def build(self, in_width, rng, dtype, key):
        self.in_width, self.out_width = in_width, self.output_width(in_width, key)
        shapes = self.param_shapes(in_width)
        self.p["weight"] = self.init(shapes["weight"], rng, dtype)
        if self.use_bias:
            try:
                self.p["bias"] = self.bias_init(shapes["bias"], rng, dtype)
            except ConfigError as exc:
                raise ConfigError(f"{key}.bias_init: {str(exc).removeprefix('init: ')}") from None
        for name, value in self.values.items():  # drawn above all the same: other layers' values do not move
            self.p[name] = value.astype(dtype)
        for name, value in self.activation.build(self.units, dtype).items():
            self.p[f"activation.{name}"] = value
        self.g = {name: np.zeros_like(v) for name, v in self.p.items()}
        self.rebind()
        return self.units

    def rebind(self):
        if "activation.weight" in self.p:
            self.activation.bind(self.p["activation.weight"], self.g["activation.weight"])

    def get_config(self):
        config = {
            "type": "dense",
            "units": self.units,
            "activation": _compact(self.activation.get_config()),
            "init": _compact(self.init.get_config()),
        }
        if self.bias_init.name != "zeros" or self.bias_init.config:
            config["bias_init"] = _compact(self.bias_init.get_config())
        if not self.use_bias:
            config["bias"] = False
        if self.values:
            config["values"] = {name: value.tolist() for name, value in self.values.items()}
        return config

    def forward(self, x, training):
        z = x @ self.p["weight"].T
        if self.use_bias:
            z += self.p["bias"]
        a = self.activation.forward(z)
        return a, DenseRecord(x, z, a)

    def backward(self, record, grad, grad_is_z: bool = False):
        """``grad`` is dL/da, or dL/dz when the loss was fused with the activation."""
        if grad_is_z:
            grad_z = grad
        else:
            record.grad_a = grad
            grad_z = self.activation.backward(record.z, record.a, grad)
        record.grad_z = grad_z
        np.dot(grad_z.T, record.x, out=self.g["weight"])
        if self.use_bias:
            np.sum(grad_z, axis=0, out=self.g["bias"])
        if not self.need_input_grad:
            return None
        return grad_z @ self.p["weight"]

    def __repr__(self):
        return f"Dense({self.in_width} -> {self.units}, {self.activation!r}, init={self.init!r})"


def _finite(v) -> bool:
    try:
        return math.isfinite(float(v))
    except OverflowError:  # an integer of more than 308 digits
        return False


def _check_values(values, units: int, bias: bool, key: str) -> dict[str, np.ndarray]:
    """A dense layer's explicit ``values`` as float64 arrays, checked against its units:
    ``weight`` a units x inputs list of rows (the inputs are checked when the layer is
    built), ``bias`` a list of ``units`` numbers; every number finite."""
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise ConfigError(f"{key}: must be an object such as {{\"weight\": [[...]], \"bias\": [...]}}, "
                          f"got {show(values)}", "bad_type", key=key, value=values, expected="object")
    out = {}
    for name, value in values.items():
        vkey = f"{key}.{name}"
        if name not in ("weight", "bias"):
            raise ConfigError(f"{vkey}: unknown key (known: weight, bias)", "unknown_key", key=vkey,
                              known=["weight", "bias"])
        if name == "bias" and not bias:
            raise ConfigError(f"{vkey}: the layer has no bias (\"bias\": false)", "conflict", key=vkey)
        rows = value if name == "weight" else [value]
        if not isinstance(rows, list) or not rows or not all(isinstance(r, list) for r in rows):
            want = "a list of rows, one per unit" if name == "weight" else "a list of numbers, one per unit"
            raise ConfigError(f"{vkey}: must be {want}, got {show(value)}", "bad_type", key=vkey, value=value,
                              expected="list")
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                where = f"{vkey}[{i}][{j}]" if name == "weight" else f"{vkey}[{j}]"
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    raise ConfigError(f"{where}: must be a number, got {show(v)}", "bad_type", key=where, value=v,
                                      expected="float")
                if not _finite(v):
                    raise ConfigError(f"{where}: must be a finite number, got {show(v)}", "not_finite", key=where,
                                      value=v)
        widths = {len(r) for r in rows}
        if name == "weight" and (len(widths) != 1 or 0 in widths):
            first = len(rows[0])
            bad = next(i for i, r in enumerate(rows) if len(r) != first or not r)
            raise ConfigError(f"{vkey}[{bad}]: has {len(rows[bad])} numbers, row 0 has {first} (one per input)",
                              "shape_mismatch", key=f"{vkey}[{bad}]", value=len(rows[bad]), expected=first)
        array = np.array(rows, dtype=np.float64)
        if name == "bias":
            array = array[0]
        if array.shape[0] != units:
            what = "rows" if name == "weight" else "numbers"
            raise ConfigError(f"{vkey}: has {array.shape[0]} {what}, the layer has {units} units", "shape_mismatch",
                              key=vkey, value=array.shape[0], expected=units)
        out[name] = array
    return out


@LAYERS.register("dropout")
class Dropout(Layer):
    """Inverted dropout: zero each input with probability ``rate`` and scale the
    rest by 1/(1-rate) while training; the identity in evaluation."""

    kind = "dropout"
    params = {"rate": Param(0.5, low=0.0, high=1.0, high_open=True)}

    def __init__(self, rate=0.5):
        super().__init__()
        self.rate = rate
        self.rng: np.random.Generator | None = None

    def set_rng(self, rng):
        self.rng = rng

    def get_config(self):
        return {"type": "dropout", "rate": self.rate}

    def forward(self, x, training):
        if not training or self.rate == 0.0:
            return x, DropoutRecord(x, x, None)
        keep = self.rng.random(x.shape) >= self.rate
        mask = keep.astype(x.dtype) * (1.0 / (1.0 - self.rate))
        a = x * mask
        return a, DropoutRecord(x, a, mask)

    def backward(self, record, grad):
        return grad if record.mask is None else grad * record.mask

    def __repr__(self):
        return f"Dropout({self.rate})"


@LAYERS.register("batchnorm")
class BatchNorm(Layer):
    r"""Batch normalisation over the batch axis, as ``torch.nn.BatchNorm1d``:
    training normalises with the batch mean and biased variance and updates
    running statistics with ``momentum`` (running variance from the unbiased
    estimate); evaluation uses the running statistics."""

    kind = "batchnorm"
    params = {
        "momentum": Param(0.1, low=0.0, high=1.0),
        "eps": Param(1e-5, low=0.0, low_open=True),
    }

    def __init__(self, momentum=0.1, eps=1e-5):
        super().__init__()
        self.momentum, self.eps = momentum, eps

    def param_shapes(self, in_width):
        return {"weight": (in_width,), "bias": (in_width,)}

    def buffer_shapes(self, in_width):
        return {"running_mean": (in_width,), "running_var": (in_width,)}

    def init_signature(self):
        return ("ones", "zeros")  # fixed: weight 1, bias 0

    def build(self, in_width, rng, dtype, key):
        self.in_width = self.out_width = self.output_width(in_width, key)
        p, b = self.param_shapes(in_width), self.buffer_shapes(in_width)
        self.p = {"weight": np.ones(p["weight"], dtype), "bias": np.zeros(p["bias"], dtype)}
        self.g = {name: np.zeros_like(v) for name, v in self.p.items()}
        self.buffers = {
            "running_mean": np.zeros(b["running_mean"], dtype),
            "running_var": np.ones(b["running_var"], dtype),
        }
        return in_width

    def get_config(self):
        config = {"type": "batchnorm"}
        if self.momentum != 0.1:
            config["momentum"] = self.momentum
        if self.eps != 1e-5:
            config["eps"] = self.eps
        return config

    def forward(self, x, training):
        if training:
            n = x.shape[0]
            if n < 2:
                raise ValueError(
                    "batch norm needs at least 2 rows per batch in training "
                    f"(got a batch of {n}); use a larger batch_size"
                )
            mean = x.mean(axis=0)
            centred = x - mean
            var = np.mean(centred * centred, axis=0)
            m = self.momentum
            rm, rv = self.buffers["running_mean"], self.buffers["running_var"]
            rm *= 1.0 - m
            rm += m * mean
            rv *= 1.0 - m
            rv += m * var * (n / (n - 1))
        else:
            centred = x - self.buffers["running_mean"]
            var = self.buffers["running_var"]
        inv_std = 1.0 / np.sqrt(var + self.eps)
        xhat = centred * inv_std
        a = xhat * self.p["weight"] + self.p["bias"]
        return a, BatchNormRecord(x, a, xhat, inv_std, training)

    def backward(self, record, grad):
        xhat, inv_std = record.xhat, record.inv_std
        np.sum(grad * xhat, axis=0, out=self.g["weight"])
        np.sum(grad, axis=0, out=self.g["bias"])
        dxhat = grad * self.p["weight"]
        if not record.training:
            return dxhat * inv_std
        n = grad.shape[0]
        return (inv_std / n) * (
            n * dxhat - dxhat.sum(axis=0) - xhat * np.sum(dxhat * xhat, axis=0)
        )

    def __repr__(self):
        return f"BatchNorm({self.in_width})"


@LAYERS.register("residual")
class Residual(Layer):
    """y = x + f(x), where f is the block's own layers; the block's output width
    must equal its input width.  Drawn as a skip arc."""

    kind = "residual"
    params = {"layers": Param(None, kind="any")}

    def __init__(self, layers: list[Layer]):
        super().__init__()
        self.layers = layers

    @classmethod
    def from_spec(cls, spec, key):
        unknown = [k for k in spec if k not in ("type", "layers")]
        if unknown:
            raise ConfigError(f"{key}.{unknown[0]}: unknown key (known: type, layers)")
        sub = spec.get("layers")
        if not isinstance(sub, list) or not sub:
            raise ConfigError(f"{key}.layers: must be a non-empty list of layers, got {sub!r}")
        return cls([build_layer(s, f"{key}.layers[{i}]") for i, s in enumerate(sub)])

    def children(self):
        return self.layers

    def output_width(self, in_width, key="layer"):
        width = in_width
        for i, layer in enumerate(self.layers):
            width = layer.output_width(width, f"{key}.layers[{i}]")
        _check_residual_width(key, in_width, width)
        return in_width

    def build(self, in_width, rng, dtype, key):
        width = in_width
        for i, layer in enumerate(self.layers):
            width = layer.build(width, rng, dtype, f"{key}.layers[{i}]")
        _check_residual_width(key, in_width, width)
        self.in_width = self.out_width = in_width
        return in_width

    def get_config(self):
        return {"type": "residual", "layers": [layer.get_config() for layer in self.layers]}

    def forward(self, x, training):
        out = x
        children = []
        for layer in self.layers:
            out, record = layer.forward(out, training)
            children.append(record)
        a = x + out
        return a, ResidualRecord(x, a, children)

    def backward(self, record, grad):
        inner = grad
        for layer, child in zip(reversed(self.layers), reversed(record.children)):
            inner = layer.backward(child, inner)
        return grad + inner

    def __repr__(self):
        return "Residual(" + ", ".join(map(repr, self.layers)) + ")"


def _check_residual_width(key: str, in_width: int, width: int) -> None:
    if width != in_width:
        raise ConfigError(
            f"{key}: a residual block's output width ({width}) must equal "
            f"its input width ({in_width})"
        )


def _activation_shapes(activation, units: int) -> dict[str, tuple[int, ...]]:
    """An activation's own parameters (PReLU's slopes) by name: asked of a copy, so
    the layer's activation stays bound to the arrays it has."""
    if type(activation).build is Activation.build:  # no parameters (all but PReLU)
        return {}
    return {name: v.shape for name, v in copy.copy(activation).build(units, np.float32).items()}


def _compact(config: dict):
    """``{"name": "relu"}`` -> ``"relu"``; keep objects that carry parameters."""
    return config["name"] if len(config) == 1 else config
