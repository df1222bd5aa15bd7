r"""The computation graph of one example, with the engine's own numbers.

:func:`build_graph` runs one example ``(x, target)`` through the network layer by
layer (each layer's own ``forward``) and back (each layer's own ``backward``), and
returns a :class:`Graph`: one :class:`Node` per vector the pass computes - the
input, each dense layer's weighted sum ``z = W·a + b`` and activation
``a = f(z)``, dropout ``d = m ⊙ a`` (with the mask of this pass), batch norm
(evaluation mode: running statistics), a residual add, the loss - with its
forward values and ``∂L/∂node``.

For any scalar the graph explains itself as a :class:`Step`:
:meth:`Graph.forward_step` (how the value was computed) and
:meth:`Graph.backward_step` (the chain rule: for every unit that reads it, the
local derivative times that unit's upstream gradient, summed over every reader -
a fan-in sum ``∂L/∂a₁[i] = Σⱼ ∂L/∂z₂[j] · W₂[j,i]`` - or, on the output of a fused
loss, ``∂L/∂z = a − y`` directly).  A backward step also carries the gradients of
the node's own parameters (``∂L/∂W₁[i,k] = ∂L/∂z₁[i] · x[k]``, ``∂L/∂b₁[i]``).

Symbols are plain strings: layers are subscripts, units 1-based in brackets
(``z₂[1]``, ``W₂[1,3]``), ``x`` the input, ``y`` the target, ``L`` the loss.
No English is baked in: kinds and rules are codes a window translates.
Everything here is picklable (floats, tuples, small float64 arrays); steps are
made on demand so that a wide layer costs nothing until one unit is looked at.

Node kinds: ``input``, ``weighted_sum``, ``activation``, ``dropout``,
``batchnorm``, ``residual_add``, ``loss``.  Wiring (how a node's units read its
inputs' units): ``dense`` (every unit reads every input unit through ``W``),
``elementwise`` (unit i reads unit i), ``all`` (softmax, the loss), ``none``.

Step rules, forward: ``input``, ``weighted_sum``, ``activation``, ``softmax``,
``dropout``, ``dropout_eval``, ``batchnorm``, ``residual_add``, ``loss``;
backward: ``seed`` (∂L/∂L = 1), ``loss`` (the loss's own derivative), ``fused``
(sigmoid + bce or softmax + cross-entropy: ∂L/∂z = a − y), ``chain`` (one
product), ``sum`` (a sum of products), ``param`` (a parameter's gradient).
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

import numpy as np

from .layers import BatchNorm, Dense, Dropout, Residual
from .losses import Loss
from .network import Network
from .registry import ConfigError, show
from .tape import ResidualRecord

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

#: how each activation is written in a formula (math, not words)
FUNCTION_SYMBOLS = {
    "linear": "id",
    "step": "H",
    "sigmoid": "σ",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "LReLU",
    "prelu": "PReLU",
    "elu": "ELU",
    "gelu": "GELU",
    "silu": "SiLU",
    "softplus": "softplus",
    "softmax": "softmax",
}

#: at most this many terms are written out in a formula that sums over units (the rest is Σ)
WRITTEN_TERMS = 8

#: a weight matrix (and its gradient) with more entries is not carried by the graph: the
#: sums that need it are given in symbols only (``args["omitted"]``), so a graph of a
#: 100,000-unit layer stays small enough to send to the window a few times a second
MAX_MATRIX = 200_000


def sub(n: int) -> str:
    """``12`` -> ``₁₂``."""
    return str(n).translate(_SUB)


@dataclass(frozen=True)
class Term:
    """One product of a sum: ``first · second = product``.

    Backward: ``first`` is the upstream gradient (∂L/∂ of the reader), ``second``
    the local derivative; forward: ``first`` a weight (or mask), ``second`` an input.
    ``product`` is ``first * second`` in float64.
    """

    first_symbol: str
    first: float
    second_symbol: str
    second: float
    product: float

    @property
    def upstream(self) -> float:
        return self.first

    @property
    def local(self) -> float:
        return self.second


def term(first_symbol: str, first, second_symbol: str, second) -> Term:
    a, b = float(first), float(second)
    return Term(first_symbol, a, second_symbol, b, a * b)


@dataclass(frozen=True)
class Step:
    """How one scalar was computed: ``symbol = formula = value``.

    ``formula`` is in symbols; ``inputs`` are the (symbol, value) pairs that put
    numbers into it; ``terms`` (with ``offset`` added) are the products when the
    right side is a sum of products.  ``value`` is the engine's number.
    A backward step lists the gradients of the node's own parameters in
    ``params``; a parameter step names its weights-file key and index in ``param``.
    """

    node: str
    unit: int
    direction: str  # "forward" | "backward" | "param"
    symbol: str
    value: float
    rule: str
    formula: str = ""
    inputs: tuple = ()
    terms: tuple = ()
    offset: tuple | None = None  # (symbol, value) added to the terms (a bias, β)
    params: tuple = ()
    param: tuple | None = None  # (weights-file key, index tuple)
    args: dict = field(default_factory=dict)


@dataclass
class Node:
    id: str
    kind: str
    symbol: str  # "z₁", "a₂", "x", "L"
    column: int  # left to right
    path: str  # the engine layer's path ("layers.0"), "" for the input and the loss
    value: np.ndarray  # float64 vector
    grad: np.ndarray  # float64 vector ∂L/∂node; NaN where none is computed (a fused activation)
    inputs: tuple = ()
    wiring: str = "none"
    info: dict = field(default_factory=dict)

    @property
    def units(self) -> int:
        return int(self.value.size)


@dataclass
class Graph:
    nodes: list
    loss: float
    loss_name: str
    target: np.ndarray  # float64 vector in the output's shape (one-hot for cross-entropy)
    target_class: int | None  # the class of a classification target
    fused: str | None  # "sigmoid_bce" | "softmax_cross_entropy" | None
    dtype: str
    modes: dict  # {"dropout": "train" | "eval", "batchnorm": "eval"}
    output: np.ndarray
    input_grad: np.ndarray  # ∂L/∂x
    param_grads: dict  # weights-file key -> the engine's gradient (float64 copy)
    raw_input: np.ndarray | None = None
    source: dict = field(default_factory=dict)
    _index: dict = field(default_factory=dict, repr=False)
    _readers: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._index = {n.id: n for n in self.nodes}
        self._readers = {n.id: [] for n in self.nodes}
        for n in self.nodes:
            for i in n.inputs:
                self._readers[i].append(n.id)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_index"], state["_readers"] = {}, {}
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.__post_init__()

    # ---- Public API
    def node(self, node_id: str) -> Node:
        return self._index[node_id]

    def readers(self, node_id: str) -> list:
        """The nodes that read ``node_id``."""
        return [self._index[i] for i in self._readers[node_id]]

    def forward_order(self) -> list:
        """Every (node id, unit) in the order the forward pass computes them."""
        return [(n.id, u) for n in self.nodes for u in range(n.units)]

    def backward_order(self) -> list:
        """Every (node id, unit) whose ∂L/∂ the backward pass computes, loss first,
        input last (a fused activation is skipped: the loss hands ∂L/∂z)."""
        return [(n.id, u) for n in reversed(self.nodes) if n.info.get("fused") is not True for u in range(n.units)]

    def forward_step(self, node_id: str, unit: int) -> Step:
        return _forward_step(self, self._index[node_id], unit)

    def backward_step(self, node_id: str, unit: int, max_params: int | None = None) -> Step:
        """∂L/∂ one unit; ``max_params`` keeps only the first parameter gradients
        (``args["params_total"]`` says how many there are)."""
        return _backward_step(self, self._index[node_id], unit, max_params)

    def unit_symbol(self, node_id: str, unit: int) -> str:
        n = self._index[node_id]
        return n.symbol if n.kind == "loss" else f"{n.symbol}[{unit + 1}]"


# ---- building


class _Builder:
    def __init__(self, network: Network, dropout_train: bool):
        self.network = network
        self.dropout_train = dropout_train
        self.nodes: list[Node] = []
        self.counts: dict[str, int] = {}
        self.dense_nodes: dict[int, tuple[Node, Node]] = {}  # id(record) -> (z node, output node)

    def number(self, letter: str) -> int:
        self.counts[letter] = self.counts.get(letter, 0) + 1
        return self.counts[letter]

    def add(self, node: Node) -> Node:
        node.column = len(self.nodes)
        self.nodes.append(node)
        return node

    def forward(self, layers, path: str, x, src: Node):
        """Each layer's own ``forward`` (a residual block's layers one by one, as its
        ``forward`` does); returns the output, the records and the output nodes."""
        records, outs = [], []
        for i, layer in enumerate(layers):
            p = f"{path}.{i}"
            if isinstance(layer, Residual):
                inner, children, inner_outs = self.forward(layer.layers, f"{p}.layers", x, src)
                a = x + inner
                record = ResidualRecord(x, a, children)
                k = self.number("r")
                node = self.add(
                    Node(
                        f"{p}:add",
                        "residual_add",
                        f"r{sub(k)}",
                        0,
                        p,
                        _vec(a),
                        None,
                        (src.id, inner_outs[-1].id),
                        "elementwise",
                        {"inner": [n.id for n in inner_outs]},
                    )
                )
            elif isinstance(layer, Dense):
                a, record = layer.forward(x, False)
                node = self._dense(layer, record, p, src)
            elif isinstance(layer, Dropout):
                a, record = layer.forward(x, self.dropout_train)
                k = self.number("d")
                mask = None if record.mask is None else _vec(record.mask)
                node = self.add(
                    Node(
                        p,
                        "dropout",
                        f"d{sub(k)}",
                        0,
                        p,
                        _vec(a),
                        None,
                        (src.id,),
                        "elementwise",
                        {
                            "rate": float(layer.rate),
                            "mask": mask,
                            "number": k,
                            "mode": "train" if mask is not None else "eval",
                        },
                    )
                )
            elif isinstance(layer, BatchNorm):
                a, record = layer.forward(x, False)
                k = self.number("n")
                info = {
                    "number": k,
                    "mode": "eval",
                    "eps": float(layer.eps),
                    "gamma": _vec(layer.p["weight"]),
                    "beta": _vec(layer.p["bias"]),
                    "mean": _vec(layer.buffers["running_mean"]),
                    "var": _vec(layer.buffers["running_var"]),
                    "xhat": _vec(record.xhat),
                    "inv_std": _vec(np.broadcast_to(record.inv_std, record.xhat.shape)),
                }
                node = self.add(Node(p, "batchnorm", f"n{sub(k)}", 0, p, _vec(a), None, (src.id,), "elementwise", info))
            else:  # pragma: no cover - a layer kind this view does not know yet
                raise TypeError(f"graph: layer kind {layer.kind!r} is not supported")
            records.append(record)
            outs.append(node)
            x, src = a, node
        return x, records, outs

    def _dense(self, layer: Dense, record, path: str, src: Node) -> Node:
        k = self.number("layer")
        act = layer.activation
        info = {
            "number": k,
            "weight": np.array(layer.p["weight"], np.float64) if layer.p["weight"].size <= MAX_MATRIX else None,
            "bias": np.array(layer.p["bias"], np.float64) if layer.use_bias else None,
            "activation": act.name,
        }
        z = self.add(
            Node(f"{path}:z", "weighted_sum", f"z{sub(k)}", 0, path, _vec(record.z), None, (src.id,), "dense", info)
        )
        out = z
        if act.name != "linear":
            ainfo = {"number": k, "function": act.name, "config": act.get_config()}
            if act.name != "softmax":
                ainfo["derivative"] = _derivative(act, record.z, record.a)
            if act.name == "prelu":
                ainfo["slope"] = _vec(layer.p["activation.weight"])
            out = self.add(
                Node(
                    f"{path}:a",
                    "activation",
                    f"a{sub(k)}",
                    0,
                    path,
                    _vec(record.a),
                    None,
                    (z.id,),
                    "all" if act.name == "softmax" else "elementwise",
                    ainfo,
                )
            )
        self.dense_nodes[id(record)] = (z, out)
        return out

    def backward(self, layers, records, outs, grad, fused: bool):
        """Each layer's own ``backward`` (a residual block as its ``backward`` does),
        noting ∂L/∂ every node; returns ∂L/∂ the layers' input."""
        for i in range(len(layers) - 1, -1, -1):
            layer, record, out = layers[i], records[i], outs[i]
            if isinstance(layer, Dense):
                z, node = self.dense_nodes[id(record)]
                last_fused = fused and i == len(layers) - 1
                grad = layer.backward(record, grad, grad_is_z=True) if last_fused else layer.backward(record, grad)
                z.grad = _vec(record.grad_z)
                if node is not z:
                    node.grad = np.full(node.units, np.nan) if last_fused else _vec(record.grad_a)
                    node.info["fused"] = last_fused
            elif isinstance(layer, Residual):
                out.grad = _vec(grad)
                inner = self.backward(layer.layers, record.children, self._inner_outs(out), grad, False)
                grad = grad + inner
            else:
                out.grad = _vec(grad)
                grad = layer.backward(record, grad)
        return grad

    def _inner_outs(self, add: Node) -> list:
        ids = add.info["inner"]
        return [next(n for n in self.nodes if n.id == i) for i in ids]


def build_graph(
    network: Network, loss: Loss, x, target, dropout: str = "train", raw_input=None, source: dict | None = None
) -> Graph:
    """The computation graph of one example; the network is left as it was.

    ``target`` is one row as :meth:`Loss.prepare_targets` makes it (a class index
    for cross-entropy, a vector otherwise).  ``dropout="train"`` draws each dropout
    layer's mask as a training step would, from a copy of the dropout generator
    (training is not disturbed); ``"eval"`` passes through.  Batch norm is always
    in evaluation mode (running statistics): one example has no batch statistics.
    """
    if dropout not in ("train", "eval"):
        raise ValueError(f"graph.dropout: must be 'train' or 'eval', got {dropout!r}")
    saved_grad = network.flat_grad.copy()
    errors = np.seterr(all="ignore")  # a diverged network gives NaN and inf: shown as such
    first = network.layers[0]
    saved_need = first.need_input_grad
    dropouts = [e.layer for e in network.entries if isinstance(e.layer, Dropout)]
    saved_rngs = [d.rng for d in dropouts]
    try:
        if dropouts and saved_rngs[0] is not None:
            shared = copy.deepcopy(saved_rngs[0])  # one generator feeds every dropout layer in turn
            for d in dropouts:
                d.rng = shared
        first.need_input_grad = True
        xb = np.asarray(x, dtype=network.dtype).reshape(1, -1)
        tb = np.asarray(target)[None, ...]
        builder = _Builder(network, dropout == "train")
        in_node = builder.add(Node("x", "input", "x", 0, "", _vec(xb), None, (), "none", {}))
        out, records, outs = builder.forward(network.layers, "layers", xb, in_node)
        fused = network.is_fused(loss)
        loss_in = records[-1].z if fused else out
        value, grad = loss.value_and_grad(loss_in, tb)
        out_width = out.shape[1]
        target_vec, target_class = _target_vector(loss, tb, out_width)
        fused_name = None
        if fused:
            fused_name = "sigmoid_bce" if loss.fused_activation == "sigmoid" else "softmax_cross_entropy"
        loss_node = builder.add(
            Node(
                "L",
                "loss",
                "L",
                0,
                "",
                np.array([value], np.float64),
                np.ones(1),
                (outs[-1].id,),
                "all",
                {
                    "loss": loss.name,
                    "config": loss.get_config(),
                    "fused": fused_name,
                    "grad": _vec(grad),
                    "reads": "logits" if fused else "output",
                },
            )
        )
        del loss_node
        input_grad = builder.backward(network.layers, records, outs, grad, fused)
        in_node.grad = _vec(input_grad)
        param_grads = {p.name: np.array(p.grad, np.float64) for p in network.params if p.grad.size <= MAX_MATRIX}
        return Graph(
            builder.nodes,
            float(value),
            loss.name,
            target_vec,
            target_class,
            fused_name,
            str(network.dtype),
            {"dropout": dropout, "batchnorm": "eval"},
            _vec(out),
            _vec(input_grad),
            param_grads,
            None if raw_input is None else np.asarray(raw_input, np.float64).ravel(),
            dict(source or {}),
        )
    finally:
        np.seterr(**errors)
        first.need_input_grad = saved_need
        for d, rng in zip(dropouts, saved_rngs):
            d.rng = rng
        network.flat_grad[...] = saved_grad


def _vec(a) -> np.ndarray:
    return np.array(a, dtype=np.float64).reshape(-1)


def _derivative(act, z, a) -> np.ndarray:
    """f'(z) of an elementwise activation, from its own backward rule (dL/da = 1).
    PReLU's backward also writes its slope's gradient: a copy of the activation is asked."""
    act = copy.copy(act)
    if act.name == "prelu":
        act.grad_weight = np.zeros_like(act.weight)
    return _vec(act.backward(z, a, np.ones_like(z)))


def _target_vector(loss: Loss, tb, width: int):
    if loss.name == "cross_entropy":
        k = int(tb.reshape(-1)[0])
        v = np.zeros(width)
        v[k] = 1.0
        return v, k
    v = _vec(tb)
    cls = int(v[0]) if loss.name == "bce" else None
    return v, cls


# ---- steps


def _u(symbol: str, unit: int) -> str:
    return f"{symbol}[{unit + 1}]"


def _sum_formula(terms, offset=None) -> str:
    parts = [f"{t.first_symbol} · {t.second_symbol}" for t in terms]
    if offset is not None:
        parts.append(offset[0])
    return " + ".join(parts)


def _forward_step(g: Graph, n: Node, i: int) -> Step:
    sym = g.unit_symbol(n.id, i)
    v = float(n.value[i])
    if n.kind == "input":
        args = {} if g.raw_input is None or g.raw_input.size != n.units else {"raw": float(g.raw_input[i])}
        return Step(n.id, i, "forward", sym, v, "input", args=args)
    src = g.node(n.inputs[0])
    if n.kind == "weighted_sum":
        k = n.info["number"]
        w, b = n.info["weight"], n.info["bias"]
        if w is None:
            bias = f" + b{sub(k)}[{i + 1}]" if b is not None else ""
            formula = f"Σⱼ W{sub(k)}[{i + 1},j] · {src.symbol}[j]{bias}"
            return Step(n.id, i, "forward", sym, v, "weighted_sum", formula, args={"omitted": True})
        terms = tuple(
            term(f"W{sub(k)}[{i + 1},{j + 1}]", w[i, j], _u(src.symbol, j), src.value[j]) for j in range(src.units)
        )
        offset = None if b is None else (f"b{sub(k)}[{i + 1}]", float(b[i]))
        return Step(n.id, i, "forward", sym, v, "weighted_sum", _sum_formula(terms, offset), terms=terms, offset=offset)
    if n.kind == "activation":
        fname = n.info["function"]
        f = FUNCTION_SYMBOLS.get(fname, fname)
        zs = _u(src.symbol, i)
        if fname == "softmax":
            if src.units <= WRITTEN_TERMS:
                denom = " + ".join(f"exp({_u(src.symbol, j)})" for j in range(src.units))
                inputs = tuple((_u(src.symbol, j), float(src.value[j])) for j in range(src.units))
            else:
                denom = f"Σₖ exp({src.symbol}[k])"
                inputs = ((zs, float(src.value[i])),)
            return Step(
                n.id, i, "forward", sym, v, "softmax", f"exp({zs}) / ({denom})", inputs, args={"function": fname}
            )
        return Step(
            n.id,
            i,
            "forward",
            sym,
            v,
            "activation",
            f"{f}({zs})",
            ((zs, float(src.value[i])),),
            args={"function": fname},
        )
    if n.kind == "dropout":
        xs = _u(src.symbol, i)
        mask = n.info["mask"]
        if mask is None:
            return Step(
                n.id,
                i,
                "forward",
                sym,
                v,
                "dropout_eval",
                xs,
                ((xs, float(src.value[i])),),
                args={"rate": n.info["rate"]},
            )
        t = term(f"m{sub(n.info['number'])}[{i + 1}]", mask[i], xs, src.value[i])
        return Step(
            n.id, i, "forward", sym, v, "dropout", _sum_formula((t,)), terms=(t,), args={"rate": n.info["rate"]}
        )
    if n.kind == "batchnorm":
        k, info = sub(n.info["number"]), n.info
        xs = _u(src.symbol, i)
        gs, bs, ms, vs = f"γ{k}[{i + 1}]", f"β{k}[{i + 1}]", f"μ{k}[{i + 1}]", f"σ{k}²[{i + 1}]"
        formula = f"{gs} · ({xs} − {ms}) / √({vs} + ε) + {bs}"
        inputs = (
            (gs, float(info["gamma"][i])),
            (xs, float(src.value[i])),
            (ms, float(info["mean"][i])),
            (vs, float(info["var"][i])),
            ("ε", info["eps"]),
            (bs, float(info["beta"][i])),
        )
        return Step(n.id, i, "forward", sym, v, "batchnorm", formula, inputs, args={"mode": "eval"})
    if n.kind == "residual_add":
        other = g.node(n.inputs[1])
        a, b = _u(src.symbol, i), _u(other.symbol, i)
        return Step(
            n.id,
            i,
            "forward",
            sym,
            v,
            "residual_add",
            f"{a} + {b}",
            ((a, float(src.value[i])), (b, float(other.value[i]))),
        )
    if n.kind == "loss":
        formula, inputs = _loss_formula(g, src)
        return Step(n.id, 0, "forward", "L", v, "loss", formula, inputs, args={"loss": g.loss_name})
    raise KeyError(n.kind)  # pragma: no cover


def _loss_formula(g: Graph, out: Node):
    """L in symbols of the output node and the target (written out for a few units)."""
    name, y = g.loss_name, g.target
    n = out.units
    reduction, half, known = _loss_options(g)
    few = n <= WRITTEN_TERMS
    o = [(_u(out.symbol, j), float(out.value[j])) for j in range(n)]
    t = [(f"y[{j + 1}]", float(y[j])) for j in range(n)]
    if not known:
        return "", ()
    if name in ("mse", "mae") and few:
        piece = "({o} − {t})²" if name == "mse" else "|{o} − {t}|"
        body = " + ".join(piece.format(o=o[j][0], t=t[j][0]) for j in range(n))
        formula = body if n == 1 or reduction == "sum" else f"({body}) / {n}"
        if half:
            formula = f"½ · {formula}" if n == 1 or reduction == "mean" else f"½ · ({formula})"
        return formula, tuple(o + t)
    if name == "bce":
        ps = o[0][0] if g.fused else f"σ({o[0][0]})"
        return f"−({t[0][0]} · ln {ps} + (1 − {t[0][0]}) · ln(1 − {ps}))", (o[0], t[0])
    if name == "cross_entropy" and g.target_class is not None:
        j = g.target_class
        if g.fused:
            return f"−ln {o[j][0]}", (o[j],)
        if few:
            return f"ln({' + '.join(f'exp({s})' for s, _ in o)}) − {o[j][0]}", tuple(o)
    return "", ()


def _loss_options(g: Graph) -> tuple[str, bool, bool]:
    """``(reduction, half, written)``: the loss's options, and whether its formula can be
    written (the plain losses, and PyTorch's ``reduction`` and mse's ½ factor; one example,
    so mean and sum differ only over the output units)."""
    cfg = g.node("L").info["config"]
    if isinstance(cfg, str):
        return "mean", False, True
    if not isinstance(cfg, dict):
        return "mean", False, False
    extra = set(cfg) - {"name", "reduction", "half"}
    return str(cfg.get("reduction", "mean")), bool(cfg.get("half", False)), not extra


def _loss_grad_formula(g: Graph, out: Node, i: int):
    name = g.loss_name
    o = (_u(out.symbol, i), float(out.value[i]))
    t = (f"y[{i + 1}]", float(g.target[i]))
    reduction, half, known = _loss_options(g)
    if not known:
        return "", ()
    n = out.units
    per = f" / {n}" if reduction == "mean" else ""  # a sum over the outputs: no division
    if name == "mse":
        return (f"({o[0]} − {t[0]}){per}" if half else f"2 · ({o[0]} − {t[0]}){per}"), (o, t)
    if name == "mae":
        return f"sign({o[0]} − {t[0]}){per}", (o, t)
    if name == "bce":
        return f"σ({o[0]}) − {t[0]}", (o, t)
    if name == "cross_entropy":
        return f"softmax({out.symbol})[{i + 1}] − {t[0]}", (
            (f"softmax({out.symbol})[{i + 1}]", float(_softmax(out.value)[i])),
            t,
        )
    return "", ()


def _softmax(v):
    e = np.exp(v - v.max())
    return e / e.sum()


def _local(g: Graph, reader: Node, src: Node, i: int):
    """The reader's units that read unit ``i`` of ``src``: [(j, local symbol, ∂reader[j]/∂src[i])]."""
    k = reader.info.get("number")
    if reader.kind == "weighted_sum":
        w = reader.info["weight"]
        return [(j, f"W{sub(k)}[{j + 1},{i + 1}]", w[j, i]) for j in range(reader.units)]
    if reader.kind == "activation":
        if reader.info["function"] == "softmax":
            a = reader.value
            return [
                (j, f"∂{_u(reader.symbol, j)}/∂{_u(src.symbol, i)}", a[j] * ((j == i) - a[i]))
                for j in range(reader.units)
            ]
        f = FUNCTION_SYMBOLS.get(reader.info["function"], reader.info["function"])
        return [(i, f"{f}'({_u(src.symbol, i)})", reader.info["derivative"][i])]
    if reader.kind == "dropout":
        mask = reader.info["mask"]
        return [(i, "1", 1.0)] if mask is None else [(i, f"m{sub(k)}[{i + 1}]", mask[i])]
    if reader.kind == "batchnorm":
        return [
            (i, f"γ{sub(k)}[{i + 1}] / √(σ{sub(k)}²[{i + 1}] + ε)", reader.info["gamma"][i] * reader.info["inv_std"][i])
        ]
    if reader.kind == "residual_add":
        return [(i, "1", 1.0)]
    raise KeyError(reader.kind)  # pragma: no cover


def _backward_step(g: Graph, n: Node, i: int, max_params: int | None = None) -> Step:
    sym = "∂L/∂" + g.unit_symbol(n.id, i)
    v = float(n.grad[i])
    params = _param_steps(g, n, i, max_params)
    args = {"params_total": _param_count(g, n)}
    if n.kind == "loss":
        return Step(n.id, 0, "backward", sym, 1.0, "seed", "1")
    readers = g.readers(n.id)
    if any(r.kind == "loss" for r in readers):  # the loss reads this node (the output)
        formula, inputs = _loss_grad_formula(g, n, i)
        return Step(
            n.id, i, "backward", sym, v, "loss", formula, inputs, params=params, args={"loss": g.loss_name, **args}
        )
    if any(r.kind == "activation" and r.info.get("fused") for r in readers):  # the output layer's z under a fused loss
        act = readers[0]
        a = (_u(act.symbol, i), float(act.value[i]))
        t = (f"y[{i + 1}]", float(g.target[i]))
        return Step(
            n.id,
            i,
            "backward",
            sym,
            v,
            "fused",
            f"{a[0]} − {t[0]}",
            (a, t),
            params=params,
            args={"fused": g.fused, **args},
        )
    omitted = [r for r in readers if r.kind == "weighted_sum" and r.info["weight"] is None]
    if omitted:
        r = omitted[0]
        formula = f"Σⱼ ∂L/∂{r.symbol}[j] · W{sub(r.info['number'])}[j,{i + 1}]"
        return Step(n.id, i, "backward", sym, v, "sum", formula, params=params, args={"omitted": True, **args})
    terms = []
    for r in sorted(readers, key=lambda r: r.wiring != "elementwise"):  # one-term readers (a skip) first
        for j, local_symbol, local in _local(g, r, n, i):
            terms.append(term("∂L/∂" + _u(r.symbol, j), r.grad[j], local_symbol, local))
    terms = tuple(terms)
    rule = "chain" if len(terms) == 1 else "sum"
    return Step(
        n.id,
        i,
        "backward",
        sym,
        v,
        rule,
        _sum_formula(terms),
        terms=terms,
        params=params,
        args={"readers": [r.kind for r in readers], **args},
    )


def _param_count(g: Graph, n: Node) -> int:
    if n.kind == "weighted_sum":
        return g.node(n.inputs[0]).units * (n.info["weight"] is not None) + (n.info["bias"] is not None)
    if n.kind == "batchnorm":
        return 2
    return int(n.kind == "activation" and n.info["function"] == "prelu")


def _param_steps(g: Graph, n: Node, i: int, max_params: int | None = None) -> tuple:
    up = "∂L/∂" + _u(n.symbol, i)
    gi = float(n.grad[i]) if n.grad is not None else math.nan
    out = []
    if n.kind == "weighted_sum":
        k = n.info["number"]
        src = g.node(n.inputs[0])
        wg = g.param_grads.get(f"{n.path}.weight")
        shown = 0 if wg is None else src.units if max_params is None else min(src.units, max_params)
        for j in range(shown):
            t = term(up, gi, _u(src.symbol, j), src.value[j])
            out.append(
                Step(
                    n.id,
                    i,
                    "param",
                    f"∂L/∂W{sub(k)}[{i + 1},{j + 1}]",
                    float(wg[i, j]),
                    "param",
                    _sum_formula((t,)),
                    terms=(t,),
                    param=(f"{n.path}.weight", (i, j)),
                )
            )
        if n.info["bias"] is not None:
            t = term(up, gi, "1", 1.0)
            out.append(
                Step(
                    n.id,
                    i,
                    "param",
                    f"∂L/∂b{sub(k)}[{i + 1}]",
                    float(g.param_grads[f"{n.path}.bias"][i]),
                    "param",
                    _sum_formula((t,)),
                    terms=(t,),
                    param=(f"{n.path}.bias", (i,)),
                )
            )
    elif n.kind == "batchnorm":
        k = sub(n.info["number"])
        t = term(up, gi, f"x̂{k}[{i + 1}]", n.info["xhat"][i])
        out.append(
            Step(
                n.id,
                i,
                "param",
                f"∂L/∂γ{k}[{i + 1}]",
                float(g.param_grads[f"{n.path}.weight"][i]),
                "param",
                _sum_formula((t,)),
                terms=(t,),
                param=(f"{n.path}.weight", (i,)),
            )
        )
        t = term(up, gi, "1", 1.0)
        out.append(
            Step(
                n.id,
                i,
                "param",
                f"∂L/∂β{k}[{i + 1}]",
                float(g.param_grads[f"{n.path}.bias"][i]),
                "param",
                _sum_formula((t,)),
                terms=(t,),
                param=(f"{n.path}.bias", (i,)),
            )
        )
    elif n.kind == "activation" and n.info["function"] == "prelu":
        k = sub(n.info["number"])
        z = g.node(n.inputs[0])
        zi = float(z.value[i])
        t = term(up, gi, f"min({_u(z.symbol, i)}, 0)", zi if zi <= 0 else 0.0)
        key = f"{n.path}.activation.weight"
        out.append(
            Step(
                n.id,
                i,
                "param",
                f"∂L/∂α{k}[{i + 1}]",
                float(g.param_grads[key][i]),
                "param",
                _sum_formula((t,)),
                terms=(t,),
                param=(key, (i,)),
            )
        )
    return tuple(out)


# ---- the session's query


def graph_query(trainer, first=0, second=None, options=None) -> Graph:
    """The ``"graph"`` query: ``(index, part)`` of a data row, or ``(input, target)``.

    ``input`` is a list of numbers in the data's raw units (as the Output plane
    shows them; ``options["raw"] = False``: the network's standardised inputs);
    ``target`` a class number for classification, a number or list for regression.
    ``options``: ``{"raw": bool, "dropout": "train" | "eval"}``.  Bad values raise
    a :class:`ConfigError` naming the field (``graph.index``, ``graph.input[2]``...).
    """
    options = dict(options or {})
    unknown = sorted(set(options) - {"raw", "dropout"})
    if unknown:
        raise ConfigError(
            f"graph.{unknown[0]}: unknown option (known: raw, dropout)", "unknown_key", key=f"graph.{unknown[0]}"
        )
    dropout = options.get("dropout", "train")
    if dropout not in ("train", "eval"):
        raise ConfigError(
            f"graph.dropout: must be 'train' or 'eval', got {show(dropout)}",
            "unknown_value",
            key="graph.dropout",
            value=dropout,
        )
    data = trainer.data
    if isinstance(first, (int, np.integer)) and not isinstance(first, bool):
        part = "train" if second is None else second
        if part not in ("train", "val"):
            raise ConfigError(
                f"graph.part: must be 'train' or 'val', got {show(part)}", "unknown_value", key="graph.part", value=part
            )
        x, t = (trainer.x_train, trainer.t_train) if part == "train" else (trainer.x_val, trainer.t_val)
        raw = data.raw_x_train if part == "train" else data.raw_x_val
        index = int(first)
        if not 0 <= index < len(x):
            raise ConfigError(
                f"graph.index: the {part} set has {len(x)} rows, got {index}",
                "out_of_range",
                key="graph.index",
                value=index,
                rows=len(x),
                part=part,
            )
        return build_graph(
            trainer.network, trainer.loss, x[index], t[index], dropout, raw[index], {"index": index, "part": part}
        )
    if not isinstance(first, (list, tuple, np.ndarray)):
        raise ConfigError(
            f"graph.input: must be a row index or a list of numbers, got {show(first)}",
            "bad_type",
            key="graph.input",
            value=first,
        )
    raw_units = options.get("raw", True)
    width = data.raw_columns if raw_units else data.in_width
    values = _numbers("graph.input", first, width)
    row = np.array([values], np.float64)
    x = data.prepare_inputs(row)[0] if raw_units else row[0]
    x = x.astype(trainer.dtype)
    t = _prepared_target(trainer, second)
    return build_graph(
        trainer.network,
        trainer.loss,
        x,
        t,
        dropout,
        row[0] if raw_units else None,
        {"input": values, "target": second, "raw": raw_units},
    )


def _numbers(key: str, values, width: int) -> list:
    values = list(np.asarray(values, dtype=object).reshape(-1))
    if len(values) != width:
        raise ConfigError(
            f"{key}: needs {width} number{'s' if width != 1 else ''}, got {len(values)}",
            "shape_mismatch",
            key=key,
            value=len(values),
            expected=width,
        )
    out = []
    for i, v in enumerate(values):
        ok = isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
        if not ok or not math.isfinite(float(v)):
            raise ConfigError(
                f"{key}[{i}]: must be a finite number, got {show(v)}",
                "not_finite" if ok else "bad_type",
                key=f"{key}[{i}]",
                value=v,
            )
        out.append(float(v))
    return out


def _prepared_target(trainer, target):
    data, loss, width = trainer.data, trainer.loss, trainer.network.out_width
    if data.task == "classification":
        c = data.n_classes
        ok = isinstance(target, (int, np.integer)) or (isinstance(target, float) and target.is_integer())
        if isinstance(target, bool) or not ok or not 0 <= int(target) < c:
            raise ConfigError(
                f"graph.target: must be a class from 0 to {c - 1}, got {show(target)}",
                "out_of_range",
                key="graph.target",
                value=target,
                low=0,
                high=c - 1,
            )
        y = np.array([int(target)])
    else:
        k = data.y_train.shape[1]
        y = np.array(
            [_numbers("graph.target", target if isinstance(target, (list, tuple, np.ndarray)) else [target], k)]
        )
    return loss.prepare_targets(y, data.task, width, trainer.dtype)[0]
