"""A feed-forward network: a list of layers, their parameters in one flat buffer.

Parameters are exposed as a flat, named list (:attr:`Network.params`) whose
names are the weights-file keys (``layers.3.layers.0.weight``).  Every
parameter's value and gradient are views into :attr:`Network.flat` and
:attr:`Network.flat_grad`, so optimizers, clipping and norms run on two
contiguous arrays: the per-call overhead of NumPy, not the arithmetic, is what
limits small networks.

A forward pass returns a :class:`Tape`: the output and every layer's record of
the pass, which the backward pass takes.  Nothing of a pass is stored on the
layers or the network, so passes never disturb one another: the trainer keeps
the tape of its last training step for statistics, and a pass made to trace
one example, draw a boundary or evaluate is simply dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .layers import Dense, Layer, build_layer
from .losses import Loss
from .registry import ConfigError
from .tape import Tape


@dataclass(eq=False)
class Parameter:
    name: str  # weights-file key, e.g. "layers.0.weight"
    value: np.ndarray  # view into Network.flat
    grad: np.ndarray  # view into Network.flat_grad
    layer: Layer
    local: str  # key in layer.p / layer.g
    offset: int  # position in the flat buffer


@dataclass(eq=False)
class LayerEntry:
    """A layer with its dotted path (``layers.3.layers.0``) and project-file key."""

    path: str
    key: str
    layer: Layer

    @property
    def label(self) -> str:
        idx = self.path.replace("layers.", "")
        layer = self.layer
        if isinstance(layer, Dense):
            return f"{idx} dense {layer.units} {layer.activation.name}"
        return f"{idx} {layer.kind}"


class Network:
    def __init__(self, layers: list[Layer], in_width: int, rng: np.random.Generator,
                 dtype=np.float64, key: str = "network.layers"):
        if not layers:
            raise ConfigError(f"{key}: the network needs at least one layer")
        self.layers = layers
        self.in_width = in_width
        self.dtype = np.dtype(dtype)
        width = in_width
        for i, layer in enumerate(layers):
            width = layer.build(width, rng, self.dtype, f"{key}[{i}]")
        self.out_width = width
        self.entries = list(_walk(layers, "layers", key))
        self._make_flat()
        # the first layer's input gradient is never needed
        first = layers[0]
        if not first.children():
            first.need_input_grad = False

    @classmethod
    def from_spec(cls, layer_specs, in_width, rng, dtype=np.float64, key="network.layers"):
        if not isinstance(layer_specs, list):
            raise ConfigError(f"{key}: must be a list of layers, got {layer_specs!r}")
        layers = [build_layer(spec, f"{key}[{i}]") for i, spec in enumerate(layer_specs)]
        return cls(layers, in_width, rng, dtype, key)

    def _make_flat(self) -> None:
        named = [
            (f"{e.path}.{local}", e.layer, local, value)
            for e in self.entries
            for local, value in e.layer.p.items()
        ]
        total = sum(v.size for *_, v in named)
        self.flat = np.empty(total, self.dtype)
        self.flat_grad = np.zeros(total, self.dtype)
        self.params: list[Parameter] = []
        offset = 0
        for name, layer, local, value in named:
            n = value.size
            view = self.flat[offset:offset + n].reshape(value.shape)
            view[...] = value
            grad = self.flat_grad[offset:offset + n].reshape(value.shape)
            layer.p[local], layer.g[local] = view, grad
            self.params.append(Parameter(name, view, grad, layer, local, offset))
            offset += n
        for e in self.entries:
            e.layer.rebind()

    # ---- public API
    def set_rng(self, rng: np.random.Generator) -> None:
        """The generator dropout draws its masks from."""
        for layer in self.layers:
            layer.set_rng(rng)

    @property
    def num_params(self) -> int:
        return self.flat.size

    @property
    def output_layer(self) -> Layer:
        return self.layers[-1]

    def config(self) -> list[dict]:
        return [layer.get_config() for layer in self.layers]

    def forward(self, x: np.ndarray, training: bool = False) -> Tape:
        """Run ``x`` through the network; the tape holds the output and the pass."""
        records = []
        append = records.append
        for layer in self.layers:
            x, record = layer.forward(x, training)
            append(record)
        return Tape(x, records, training)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The output in evaluation mode (no dropout, running batch-norm statistics)."""
        return self.forward(x, training=False).output

    def is_fused(self, loss: Loss) -> bool:
        """True if ``loss`` reads the output layer's pre-activation (fused gradient)."""
        last = self.layers[-1]
        return (
            loss.uses_logits
            and isinstance(last, Dense)
            and last.activation.name == loss.fused_activation
        )

    def loss_input(self, tape: Tape, loss: Loss) -> np.ndarray:
        """What ``loss`` reads after the pass in ``tape``: the logits or the output."""
        return tape.records[-1].z if self.is_fused(loss) else tape.output

    def backward(self, tape: Tape, grad: np.ndarray, fused: bool = False) -> np.ndarray | None:
        """Back through the pass in ``tape`` from dL/d(output) (dL/dz of the output
        layer when ``fused``); parameter gradients land in ``flat_grad``."""
        layers, records = self.layers, tape.records
        i = len(layers) - 1
        last = layers[i]
        grad = last.backward(records[i], grad, grad_is_z=True) if fused else last.backward(records[i], grad)
        while i:
            i -= 1
            grad = layers[i].backward(records[i], grad)
        return grad

    def forward_backward(self, x: np.ndarray, target: np.ndarray, loss: Loss,
                         training: bool = True) -> tuple[float, Tape]:
        """Forward, loss and backward for one batch: the loss and the tape of the pass;
        gradients land in ``flat_grad``."""
        tape = self.forward(x, training)
        fused = self.is_fused(loss)
        value, grad = loss.value_and_grad(tape.records[-1].z if fused else tape.output, target)
        self.backward(tape, grad, fused)
        return value, tape

    def loss_and_grad(self, x: np.ndarray, target: np.ndarray, loss: Loss,
                      training: bool = True) -> float:
        """:meth:`forward_backward` without the tape."""
        return self.forward_backward(x, target, loss, training)[0]

    def evaluate(self, x: np.ndarray, target: np.ndarray, loss: Loss) -> tuple[float, np.ndarray]:
        """Loss in evaluation mode and the network's output."""
        tape = self.forward(x, training=False)
        return loss.value(self.loss_input(tape, loss), target), tape.output

    # ---- arrays by name (weights file)
    def named_arrays(self) -> dict[str, np.ndarray]:
        """Every parameter and buffer by weights-file key (views, not copies)."""
        arrays = {p.name: p.value for p in self.params}
        for e in self.entries:
            for name, buf in e.layer.buffers.items():
                arrays[f"{e.path}.{name}"] = buf
        return arrays

    def describe_array(self, name: str) -> str:
        """``layers.1.weight`` -> ``layer 1 (dense 2 -> 1)`` for error messages."""
        path = name.rsplit(".", 1)[0]
        for e in self.entries:
            if e.path == path or path.startswith(e.path + ".activation"):
                layer = e.layer
                where = e.path.replace("layers.", "").replace(".", "/")
                if isinstance(layer, Dense):
                    return f"layer {where} (dense {layer.in_width} -> {layer.units})"
                return f"layer {where} ({layer.kind} {layer.in_width})"
        return name

    def set_value(self, name: str, index, value: float) -> float:
        """Set one scalar of the parameter ``name`` (``layers.0.weight``) at ``index``
        (``[row, column]`` of a weight, ``[unit]`` of a bias) to ``value``; return the
        value it had.  Raises ConfigError naming what is wrong."""
        param = next((p for p in self.params if p.name == name), None)
        if param is None:
            known = ", ".join(p.name for p in self.params[:6])
            raise ConfigError(f"{name}: no such parameter (this network has {known}"
                              f"{', ...' if len(self.params) > 6 else ''})", "unknown_value", key=name, value=name)
        index = tuple(index) if isinstance(index, (list, tuple)) else (index,)
        shape = param.value.shape
        if len(index) != len(shape) or not all(
                isinstance(i, (int, np.integer)) and not isinstance(i, bool) and 0 <= i < n
                for i, n in zip(index, shape)):
            raise ConfigError(f"{name}: index {list(index)} is outside its shape {list(shape)}", "out_of_range",
                              key=name, value=list(index), shape=list(shape))
        if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)) \
                or not np.isfinite(value):
            raise ConfigError(f"{name}{list(index)}: must be a finite number, got {value!r}", "not_finite",
                              key=name, value=value)
        old = float(param.value[index])
        param.value[index] = value
        return old

    def copy_arrays(self) -> dict[str, np.ndarray]:
        return {k: v.copy() for k, v in self.named_arrays().items()}

    def load_arrays(self, arrays: dict[str, np.ndarray], source: str = "weights") -> None:
        """Copy ``arrays`` in, after checking every key, shape and value."""
        mine = self.named_arrays()
        missing = [k for k in mine if k not in arrays]
        extra = [k for k in arrays if k not in mine]
        if extra:
            raise ConfigError(
                f"{source}: unexpected array {extra[0]!r} (this network has "
                f"{len(mine)} arrays: {', '.join(list(mine)[:6])}{', ...' if len(mine) > 6 else ''})"
            )
        if missing:
            raise ConfigError(f"{source}: missing array {missing[0]!r} ({self.describe_array(missing[0])})")
        for name, target in mine.items():
            value = np.asarray(arrays[name])
            if value.shape != target.shape:
                raise ConfigError(
                    f"{source}: {name} has shape {value.shape} but {self.describe_array(name)} "
                    f"needs {target.shape}"
                )
            if not np.issubdtype(value.dtype, np.number) or np.iscomplexobj(value):
                raise ConfigError(f"{source}: {name} is not real numbers (dtype {value.dtype})")
            if not np.all(np.isfinite(value)):
                raise ConfigError(f"{source}: {name} contains NaN or infinite values")
        for name, target in mine.items():
            target[...] = arrays[name]

    # ---- diagnostics
    def first_nonfinite_activation(self, tape: Tape) -> LayerEntry | None:
        """The first layer whose output in the pass ``tape`` has a NaN or infinity."""
        for e, record in zip(self.entries, tape.entry_records()):
            if not np.all(np.isfinite(record.a)):
                return e
        return None

    def first_nonfinite_grad(self) -> Parameter | None:
        """Walking back from the output: the first parameter whose gradient is not finite."""
        for p in reversed(self.params):
            if not np.all(np.isfinite(p.grad)):
                return p
        return None

    def __repr__(self):
        inner = ",\n  ".join(repr(layer) for layer in self.layers)
        return f"Network(in={self.in_width}, params={self.num_params},\n  {inner}\n)"


def _walk(layers, prefix, key):
    for i, layer in enumerate(layers):
        path, lkey = f"{prefix}.{i}", f"{key}[{i}]"
        yield LayerEntry(path, lkey, layer)
        if layer.children():
            yield from _walk(layer.children(), f"{path}.layers", f"{lkey}.layers")
