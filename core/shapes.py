"""Shapes from a spec, without building any array: what the GUI asks of the core.

From a project's layer list and the data's input width, :func:`describe_layers`
answers each layer's output width and parameter shapes, :func:`output_widths`
the width after each top-level layer, and :func:`keeps_weights` whether an edit
lets the network keep its trained weights.  The rules themselves live on the
layer classes (``output_width``, ``param_shapes``, ``buffer_shapes``,
``init_signature`` in :mod:`core.layers`), which ``Layer.build`` uses too, so a
built :class:`~core.network.Network` always has exactly these shapes.

Specs are validated as the engine validates them: a bad one raises
:class:`~core.registry.ConfigError` naming its key (``network.layers[2].units``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .layers import Dense, Layer, build_layer
from .registry import ConfigError
from .stats import STATS_KINDS

__all__ = ["STATS_KINDS", "LayerShape", "describe_layers", "keeps_weights", "output_widths", "weights_signature"]

Path = tuple[int, ...]


@dataclass(frozen=True)
class LayerShape:
    """One layer of a spec, with the shapes the engine would build for it."""

    path: Path  # (3,) for the fourth top-level layer, (3, 0) for the first inside that block
    key: str  # project-file key, "network.layers[3].layers[0]"
    weights_path: str  # weights-file prefix, "layers.3.layers.0"
    kind: str  # "dense", "dropout", "batchnorm" or "residual"
    in_width: int
    out_width: int
    #: trainable arrays by weights-file local name ("weight", "bias", "activation.weight")
    param_shapes: dict = field(default_factory=dict)
    #: non-trainable arrays by local name (batch norm's "running_mean", "running_var")
    buffer_shapes: dict = field(default_factory=dict)
    activation: str | None = None  # dense layers' activation name
    depth: int = 0  # 0 at the top level, 1 inside a residual block
    label: str = ""  # "3.0 dense 8 tanh", as the engine's LayerEntry.label

    @property
    def has_stats(self) -> bool:
        """True for the kinds a snapshot has statistics for (``Snapshot.layers``)."""
        return self.kind in STATS_KINDS

    @property
    def num_params(self) -> int:
        total = 0
        for shape in self.param_shapes.values():
            n = 1
            for d in shape:
                n *= d
            total += n
        return total

    def array_shapes(self) -> dict[str, tuple]:
        """Every array (parameters, then buffers) by full weights-file name."""
        return {
            f"{self.weights_path}.{name}": shape for name, shape in {**self.param_shapes, **self.buffer_shapes}.items()
        }


def build_layers(layer_specs, key: str = "network.layers") -> list[Layer]:
    """Validated layer objects (no arrays) from a spec list."""
    if not isinstance(layer_specs, list):
        raise ConfigError(f"{key}: must be a list of layers, got {layer_specs!r}")
    if not layer_specs:
        raise ConfigError(f"{key}: the network needs at least one layer")
    return [build_layer(spec, f"{key}[{i}]") for i, spec in enumerate(layer_specs)]


def _check_in_width(in_width) -> int:
    if isinstance(in_width, bool) or not isinstance(in_width, int) or in_width < 1:
        raise ConfigError(f"input width: must be a whole number >= 1, got {in_width!r}")
    return in_width


def describe_layers(layer_specs: list, in_width: int, key: str = "network.layers") -> list[LayerShape]:
    """One :class:`LayerShape` per layer, nested ones right after their block (the
    order of :attr:`Network.entries`)."""
    width = _check_in_width(in_width)
    out: list[LayerShape] = []
    _describe(build_layers(layer_specs, key), width, (), key, out)
    return out


def _describe(layers: list[Layer], width: int, prefix: Path, key: str, out: list) -> int:
    for i, layer in enumerate(layers):
        path, lkey = prefix + (i,), f"{key}[{i}]"
        out_width = layer.output_width(width, lkey)  # validates residual widths, inner ones too
        weights_path = ".".join(f"layers.{j}" for j in path)
        activation = layer.activation.name if isinstance(layer, Dense) else None
        idx = ".".join(str(j) for j in path)
        label = f"{idx} dense {layer.units} {activation}" if isinstance(layer, Dense) else f"{idx} {layer.kind}"
        out.append(
            LayerShape(
                path,
                lkey,
                weights_path,
                layer.kind,
                width,
                out_width,
                dict(layer.param_shapes(width)),
                dict(layer.buffer_shapes(width)),
                activation,
                len(path) - 1,
                label,
            )
        )
        if layer.children():
            _describe(layer.children(), width, path, f"{lkey}.layers", out)
        width = out_width
    return width


def output_widths(layer_specs: list, in_width: int, key: str = "network.layers") -> list[int]:
    """The output width after each top-level layer."""
    width = _check_in_width(in_width)
    widths = []
    for i, layer in enumerate(build_layers(layer_specs, key)):
        width = layer.output_width(width, f"{key}[{i}]")
        widths.append(width)
    return widths


def weights_signature(layer_specs: list, in_width: int, key: str = "network.layers") -> list:
    """What decides the weight arrays' names, shapes and initial values: equal
    signatures mean a network built from one spec can load the other's weights."""
    width = _check_in_width(in_width)
    sig: list = []

    def walk(layers, width, prefix, key):
        for i, layer in enumerate(layers):
            path, lkey = prefix + (i,), f"{key}[{i}]"
            out_width = layer.output_width(width, lkey)
            params = layer.param_shapes(width)
            sig.append(
                (
                    path,
                    layer.kind,
                    tuple(params.items()),
                    tuple(layer.buffer_shapes(width).items()),
                    layer.init_signature() if params else None,
                )
            )
            if layer.children():
                walk(layer.children(), width, path, f"{lkey}.layers")
            width = out_width

    walk(build_layers(layer_specs, key), width, (), key)
    return sig


def keeps_weights(old_specs: list, new_specs: list, in_width: int) -> bool:
    """True iff a network built from ``new_specs`` can keep the weights of one built
    from ``old_specs``: the same parameter and buffer names and shapes, and the same
    initialisation specs for the layers that have parameters.  False if either
    spec is invalid (there are no weights to keep, or the new network cannot be built)."""
    try:
        return weights_signature(old_specs, in_width) == weights_signature(new_specs, in_width)
    except ConfigError:
        return False
