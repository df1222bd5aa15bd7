"""Export a network as an ONNX model that takes raw rows and returns the prediction.

The graph is the whole :class:`~core.exported_model.ExportedModel`:

* input ``input``: float64, ``[N, columns]``, the rows as the data source gives them;
* the feature transforms (``Gather``, ``Mul``, ``Pow``, ``Sin``, ``Cos``) and the
  standardisation (``Sub`` mean, ``Div`` std) in float64, as the engine computes them,
  then a ``Cast`` to the network's dtype (float32 or float64);
* dense layers as ``Gemm`` (weights ``out x in``, ``transB=1``; initialisers keep the
  weights-file names, ``layers.0.weight``), batch norm as ``BatchNormalization`` in
  evaluation mode, dropout as ``Identity``, a residual block as its layers and an
  ``Add``;
* outputs ``prediction`` (``[N, k]``, the network's dtype: class probabilities, or
  the regression output) and, for classification, ``label`` (int64 ``[N]``, the
  index of the first highest probability).

Every registered activation has a form: an operator where ONNX has one, an
equivalent subgraph where not (``step``, ``gelu``, ``silu``, ``softplus`` with
PyTorch's threshold).  ONNX Runtime's CPU provider has no float64 ``Erf``, ``Elu``
or ``Softplus``; a float64 model uses subgraphs for them, ``erf`` as a model-local
function ``backprop_lab.Erf64`` accurate to about 1e-15 (a series below 3, a
continued fraction above).  Opset 17, IR version 8: runtimes of 2022 on read it.
"""

from __future__ import annotations

import json
import math

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from .exported_model import ExportedModel
from .layers import BatchNorm, Dense, Dropout, Residual
from .project import atomic_write
from .registry import ConfigError

OPSET = 17
IR_VERSION = 8
LOCAL_DOMAIN = "backprop_lab"
_TYPES = {np.dtype(np.float32): TensorProto.FLOAT, np.dtype(np.float64): TensorProto.DOUBLE}


class _Graph:
    """Nodes and initialisers under construction; every value gets a unique readable name."""

    def __init__(self, dtype: np.dtype):
        self.dtype = np.dtype(dtype)
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self.functions: dict[str, onnx.FunctionProto] = {}
        self._used: set[str] = {"input", "prediction", "label"}

    def name(self, hint: str) -> str:
        name, k = hint, 1
        while name in self._used:
            k += 1
            name = f"{hint}_{k}"
        self._used.add(name)
        return name

    def const(self, value, hint: str, dtype=None) -> str:
        """An initialiser holding ``value`` (the network's dtype unless ``dtype`` says otherwise)."""
        array = np.asarray(value, dtype=self.dtype if dtype is None else dtype)
        name = self.name(hint)
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def op(
        self, op_type: str, inputs: list[str], hint: str, domain: str = "", outputs: list[str] | None = None, **attrs
    ) -> str:
        out = outputs or [self.name(hint)]
        self.nodes.append(
            helper.make_node(op_type, inputs, out, name=self.name(f"{hint}:{op_type}"), domain=domain, **attrs)
        )
        return out[0]


# ---- activations: (graph, z, activation, where) -> output name


def _step(g, z, act, where):
    return g.op(
        "Cast",
        [g.op("Greater", [z, g.const(0.0, f"{where}.zero")], f"{where}.positive")],
        f"{where}.a",
        to=_TYPES[g.dtype],
    )


def _leaky_relu(g, z, act, where):
    return g.op("LeakyRelu", [z], f"{where}.a", alpha=float(act.negative_slope))


def _prelu(g, z, act, where):
    return g.op("PRelu", [z, g.const(act.weight, f"{where}.weight")], f"{where}.a")


def _elu(g, z, act, where):
    if g.dtype == np.float32:
        return g.op("Elu", [z], f"{where}.a", alpha=float(act.alpha))
    # alpha * (exp(min(z, 0)) - 1) where z <= 0 (no float64 Elu in ONNX Runtime)
    neg = g.op("Min", [z, g.const(0.0, f"{where}.zero")], f"{where}.negative")
    em1 = g.op("Sub", [g.op("Exp", [neg], f"{where}.exp"), g.const(1.0, f"{where}.one")], f"{where}.expm1")
    scaled = g.op("Mul", [g.const(act.alpha, f"{where}.alpha"), em1], f"{where}.scaled")
    positive = g.op("Greater", [z, g.const(0.0, f"{where}.zero")], f"{where}.positive")
    return g.op("Where", [positive, z, scaled], f"{where}.a")


def _gelu(g, z, act, where):
    half_z = g.op("Mul", [g.const(0.5, f"{where}.half"), z], f"{where}.half_z")
    if act.approximate == "tanh":  # 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))
        cube = g.op("Mul", [g.op("Mul", [z, z], f"{where}.z2"), z], f"{where}.z3")
        inner = g.op("Add", [z, g.op("Mul", [g.const(0.044715, f"{where}.c"), cube], f"{where}.cz3")], f"{where}.sum")
        scaled = g.op("Mul", [g.const(math.sqrt(2.0 / math.pi), f"{where}.k"), inner], f"{where}.inner")
        t = g.op("Tanh", [scaled], f"{where}.tanh")
    else:  # exact: 0.5 z (1 + erf(z / sqrt 2))
        scaled = g.op("Mul", [z, g.const(math.sqrt(0.5), f"{where}.sqrt_half")], f"{where}.scaled")
        t = _erf(g, scaled, where)
    return g.op("Mul", [half_z, g.op("Add", [g.const(1.0, f"{where}.one"), t], f"{where}.one_plus")], f"{where}.a")


def _silu(g, z, act, where):
    return g.op("Mul", [z, g.op("Sigmoid", [z], f"{where}.sigmoid")], f"{where}.a")


def _softplus(g, z, act, where):
    # log(1 + exp(beta z)) / beta, z itself where beta z > threshold (PyTorch's rule)
    bz = g.op("Mul", [g.const(act.beta, f"{where}.beta"), z], f"{where}.bz")
    if g.dtype == np.float32:
        soft = g.op("Softplus", [bz], f"{where}.softplus")
    else:  # max(bz, 0) + log(1 + exp(-|bz|)): no float64 Softplus in ONNX Runtime
        pos = g.op("Max", [bz, g.const(0.0, f"{where}.zero")], f"{where}.max0")
        e = g.op("Exp", [g.op("Neg", [g.op("Abs", [bz], f"{where}.abs")], f"{where}.neg")], f"{where}.exp")
        log = g.op("Log", [g.op("Add", [g.const(1.0, f"{where}.one"), e], f"{where}.one_plus")], f"{where}.log")
        soft = g.op("Add", [pos, log], f"{where}.softplus")
    soft = g.op("Div", [soft, g.const(act.beta, f"{where}.beta")], f"{where}.soft")
    above = g.op("Greater", [bz, g.const(act.threshold, f"{where}.threshold")], f"{where}.above")
    return g.op("Where", [above, z, soft], f"{where}.a")


def _simple(op_type, **attrs):
    return lambda g, z, act, where: g.op(op_type, [z], f"{where}.a", **attrs)


ACTIVATION_EXPORTS = {
    "linear": lambda g, z, act, where: z,
    "step": _step,
    "sigmoid": _simple("Sigmoid"),
    "tanh": _simple("Tanh"),
    "relu": _simple("Relu"),
    "leaky_relu": _leaky_relu,
    "prelu": _prelu,
    "elu": _elu,
    "gelu": _gelu,
    "silu": _silu,
    "softplus": _softplus,
    "softmax": _simple("Softmax", axis=-1),
}


def _erf(g: _Graph, x: str, where: str) -> str:
    if g.dtype == np.float32:
        return g.op("Erf", [x], f"{where}.erf")
    if "Erf64" not in g.functions:
        g.functions["Erf64"] = _erf64_function()
    return g.op("Erf64", [x], f"{where}.erf", domain=LOCAL_DOMAIN)


#: terms of the series below 3 and depth of the continued fraction above (errors < 1e-15)
_SERIES_TERMS, _FRACTION_DEPTH, _SPLIT = 50, 40, 3.0


def _erf64_function() -> onnx.FunctionProto:
    r"""erf in float64 from operators ONNX Runtime has for doubles.

    Below 3: :math:`\frac{2}{\sqrt\pi} e^{-x^2} x \sum_n \frac{(2x^2)^n}{(2n+1)!!}` (all terms
    positive: no cancellation); above: :math:`1 - \mathrm{erfc}(x)` with Laplace's continued
    fraction :math:`\mathrm{erfc}(x) = \frac{e^{-x^2}}{\sqrt\pi}\,\frac{1}{x+\frac{1/2}{x+\frac{1}{x+\dots}}}`.
    """
    nodes: list[onnx.NodeProto] = []
    count = [0]

    def op(op_type, *inputs, **attrs):
        count[0] += 1
        out = f"t{count[0]}"
        nodes.append(helper.make_node(op_type, list(inputs), [out], **attrs))
        return out

    def const(value):
        return op("Constant", value=numpy_helper.from_array(np.array(value, dtype=np.float64)))

    ax = op("Abs", "X")
    small = op("Min", ax, const(_SPLIT))
    large = op("Max", ax, const(_SPLIT))
    # series on min(|x|, 3): Horner in u = x^2 / 9 with c_n = (2 * 9)^n / (2n+1)!! (in u rather
    # than x^2 the coefficients stay above 1e-18: ONNX Runtime's graph optimiser loses
    # constants below float32's range, 1e-38, that a series in x^2 would need)
    coefficients = [1.0]
    for n in range(1, _SERIES_TERMS + 1):
        coefficients.append(coefficients[-1] * 2.0 * _SPLIT**2 / (2 * n + 1))
    y = op("Mul", small, small)
    u = op("Div", y, const(_SPLIT**2))
    acc = const(coefficients[-1])
    for c in reversed(coefficients[:-1]):
        acc = op("Add", op("Mul", acc, u), const(c))
    gauss = op("Exp", op("Neg", y))
    series = op("Mul", op("Mul", op("Mul", const(2.0 / math.sqrt(math.pi)), gauss), small), acc)
    # continued fraction on max(|x|, 3), evaluated from the bottom up
    t = large
    for k in range(_FRACTION_DEPTH, 0, -1):
        t = op("Add", large, op("Div", const(k / 2.0), t))
    tail = op("Div", op("Exp", op("Neg", op("Mul", large, large))), op("Mul", const(math.sqrt(math.pi)), t))
    fraction = op("Sub", const(1.0), tail)
    magnitude = op("Where", op("Less", ax, const(_SPLIT)), series, fraction)
    nodes.append(helper.make_node("Mul", [op("Sign", "X"), magnitude], ["Y"]))
    return helper.make_function(LOCAL_DOMAIN, "Erf64", ["X"], ["Y"], nodes, [helper.make_opsetid("", OPSET)])


# ---- layers


def _layers(g: _Graph, layers, x: str, prefix: str) -> str:
    for i, layer in enumerate(layers):
        where = f"{prefix}.{i}"
        if isinstance(layer, Dense):
            inputs = [x, g.const(layer.p["weight"], f"{where}.weight")]
            if layer.use_bias:
                inputs.append(g.const(layer.p["bias"], f"{where}.bias"))
            z = g.op("Gemm", inputs, f"{where}.z", transB=1)
            export = ACTIVATION_EXPORTS.get(layer.activation.name)
            if export is None:
                raise ConfigError(
                    f"{where}.activation: {layer.activation.name!r} has no ONNX form in this version",
                    "unknown_value",
                    key=f"{where}.activation",
                    value=layer.activation.name,
                    known=sorted(ACTIVATION_EXPORTS),
                )
            x = export(g, z, layer.activation, f"{where}.activation")
        elif isinstance(layer, Dropout):
            x = g.op("Identity", [x], f"{where}.a")  # evaluation mode
        elif isinstance(layer, BatchNorm):
            stats = [
                g.const(layer.p["weight"], f"{where}.weight"),
                g.const(layer.p["bias"], f"{where}.bias"),
                g.const(layer.buffers["running_mean"], f"{where}.running_mean"),
                g.const(layer.buffers["running_var"], f"{where}.running_var"),
            ]
            x = g.op("BatchNormalization", [x, *stats], f"{where}.a", epsilon=float(layer.eps))
        elif isinstance(layer, Residual):
            inner = _layers(g, layer.layers, x, f"{where}.layers")
            x = g.op("Add", [x, inner], f"{where}.a")
        else:
            raise ConfigError(
                f"{where}: a {layer.kind} layer has no ONNX form in this version",
                "unknown_value",
                key=where,
                value=layer.kind,
            )
    return x


def _inputs(g: _Graph, model: ExportedModel) -> str:
    """Raw float64 rows -> the network's input (features, standardisation, cast)."""
    x = "input"
    f64 = np.float64
    if model.features is not None:
        cols = []
        for f in model.features:
            hint = f"feature.{f.name}"

            def column(k):
                return g.op("Gather", ["input", g.const([k], f"column.{k + 1}", np.int64)], f"x{k + 1}", axis=1)

            c = column(f.column)
            if f.kind == "power":
                if f.power == 2:
                    c = g.op("Mul", [c, c], hint)
                elif f.power != 1:
                    c = g.op("Pow", [c, g.const(float(f.power), f"power.{f.power}", f64)], hint)
            elif f.kind == "product":
                c = g.op("Mul", [c, column(f.other)], hint)
            else:
                c = g.op("Sin" if f.kind == "sin" else "Cos", [c], hint)
            cols.append(c)
        x = g.op("Concat", cols, "features", axis=1)
    if model.standardizes:
        x = g.op("Sub", [x, g.const(model.mean, "input.mean", f64)], "centred")
        x = g.op("Div", [x, g.const(model.std, "input.std", f64)], "standardized")
    if g.dtype != np.float64:
        x = g.op("Cast", [x], "network_input", to=_TYPES[g.dtype])
    return x


def _head(g: _Graph, model: ExportedModel, out: str) -> None:
    if model.head == "softmax":
        g.op("Softmax", [out], "prediction", outputs=["prediction"], axis=-1)
    elif model.head in ("binary", "binary_sigmoid"):
        p = g.op("Sigmoid", [out], "p") if model.head == "binary_sigmoid" else out
        q = g.op("Sub", [g.const([[1.0]], "one"), p], "q")
        g.op("Concat", [q, p], "prediction", outputs=["prediction"], axis=1)
    else:
        g.op("Identity", [out], "prediction", outputs=["prediction"])
    if model.task == "classification":
        g.op("ArgMax", ["prediction"], "label", outputs=["label"], axis=1, keepdims=0)


# ---- public API


def to_onnx(model: ExportedModel) -> onnx.ModelProto:
    """The ONNX model of ``model`` (checked with :func:`onnx.checker.check_model`)."""
    dtype = np.dtype(model.dtype)
    if dtype not in _TYPES:
        raise ConfigError(
            f"training.dtype: {dtype} networks cannot be exported (float32 or float64)",
            "unknown_value",
            key="training.dtype",
            value=str(dtype),
        )
    g = _Graph(dtype)
    x = _inputs(g, model)
    out = _layers(g, model.network.layers, x, "layers")
    _head(g, model, out)
    rows = "N"
    outputs = [helper.make_tensor_value_info("prediction", _TYPES[dtype], [rows, model.prediction_width])]
    if model.task == "classification":
        outputs.append(helper.make_tensor_value_info("label", TensorProto.INT64, [rows]))
    inputs = [helper.make_tensor_value_info("input", TensorProto.DOUBLE, [rows, len(model.columns)])]
    graph = helper.make_graph(
        g.nodes,
        "backprop_lab",
        inputs,
        outputs,
        g.initializers,
        doc_string="input: raw rows (float64), columns " + ", ".join(model.columns),
    )
    opsets = [helper.make_opsetid("", OPSET)]
    if g.functions:
        opsets.append(helper.make_opsetid(LOCAL_DOMAIN, 1))
    onnx_model = helper.make_model(
        graph,
        opset_imports=opsets,
        functions=list(g.functions.values()),
        producer_name="Backprop Lab",
        ir_version=IR_VERSION,
    )
    onnx_model.doc_string = (
        f"{model.source or 'model'}: {model.task}; prediction = "
        f"{'class probabilities' if model.task == 'classification' else 'output'}"
    )
    meta = {
        "columns": model.columns,
        "features": model.feature_names,
        "task": model.task,
        "classes": model.classes,
        "source": model.source,
        "dtype": str(dtype),
    }
    helper.set_model_props(onnx_model, {k: json.dumps(v) for k, v in meta.items()})
    onnx.checker.check_model(onnx_model)
    return onnx_model


def to_onnx_bytes(model: ExportedModel) -> bytes:
    return to_onnx(model).SerializeToString()


def save_onnx(model: ExportedModel, path: str) -> None:
    """Write the ONNX model of ``model`` to ``path`` through a temporary file (atomic)."""
    data = to_onnx_bytes(model)
    atomic_write(path, lambda fh: fh.write(data), mode="wb")
