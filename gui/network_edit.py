"""Pure edits of a project's layer list (no Qt), used by the canvas and the inspector.

A layer is addressed by a *path*: a tuple of indices, ``(3,)`` for the fourth
top-level layer and ``(3, 0)`` for the first layer inside a residual block.
Every function returns a new list and leaves its argument untouched.
"""

from __future__ import annotations

import copy

Path = tuple[int, ...]


def get(layers: list, path: Path) -> dict:
    layer = layers[path[0]]
    for i in path[1:]:
        layer = layer["layers"][i]
    return layer


def _container(layers: list, path: Path) -> list:
    """The list that holds the layer at ``path``."""
    if len(path) == 1:
        return layers
    return get(layers, path[:-1])["layers"]


def path_of(weights_path: str) -> Path:
    """``"layers.3.layers.0"`` -> ``(3, 0)``."""
    parts = weights_path.split(".")
    return tuple(int(p) for p in parts[1::2])


def weights_path(path: Path) -> str:
    return ".".join(f"layers.{i}" for i in path)


def output_index(layers: list) -> int:
    """Index of the last top-level dense layer (the output layer)."""
    for i in range(len(layers) - 1, -1, -1):
        if layers[i].get("type") == "dense":
            return i
    return len(layers) - 1


def is_output(layers: list, path: Path) -> bool:
    return len(path) == 1 and path[0] == output_index(layers)


def set_field(layers: list, path: Path, key: str, value) -> list:
    new = copy.deepcopy(layers)
    layer = get(new, path)
    if value is None and key in ("init",):
        layer.pop(key, None)
    else:
        layer[key] = value
    if key == "units" and value != get(layers, path).get("units"):
        _drop_typed_values(new, path)
    return new


def _drop_typed_values(layers: list, path: Path) -> None:
    """A new number of units: the layer's typed ``values`` and the next dense layer's
    typed weights (one column per unit) no longer fit; the initialiser takes over."""
    get(layers, path).pop("values", None)
    siblings = _container(layers, path)
    for spec in siblings[path[-1] + 1:]:
        if isinstance(spec, dict) and spec.get("type") == "dense":
            values = spec.get("values")
            if isinstance(values, dict) and "weight" in values:
                values.pop("weight")
                if not values:
                    spec.pop("values")
            break


def change_units(layers: list, path: Path, delta: int) -> list:
    units = get(layers, path).get("units", 1)
    return set_field(layers, path, "units", max(1, min(256, units + delta)))


def insert(layers: list, path: Path, layer: dict) -> list:
    """Insert ``layer`` at ``path`` (before what is there now)."""
    new = copy.deepcopy(layers)
    _container(new, path).insert(path[-1], copy.deepcopy(layer))
    return new


def remove(layers: list, path: Path) -> list:
    new = copy.deepcopy(layers)
    container = _container(new, path)
    del container[path[-1]]
    if len(path) > 1 and not container:  # an emptied residual block goes too
        return remove(new, path[:-1])
    return new


def move(layers: list, path: Path, new_index: int) -> list:
    """Move a layer within its own list to ``new_index`` (clamped)."""
    new = copy.deepcopy(layers)
    container = _container(new, path)
    layer = container.pop(path[-1])
    container.insert(max(0, min(len(container), new_index)), layer)
    return new


def wrap_residual(layers: list, path: Path) -> list:
    """Put the layer at ``path`` inside a new residual block."""
    new = copy.deepcopy(layers)
    container = _container(new, path)
    container[path[-1]] = {"type": "residual", "layers": [container[path[-1]]]}
    return new


def unwrap_residual(layers: list, path: Path) -> list:
    """Replace a residual block by its layers."""
    new = copy.deepcopy(layers)
    container = _container(new, path)
    block = container[path[-1]]
    container[path[-1] : path[-1] + 1] = block["layers"]
    return new


def hidden_dense(units: int = 4, activation="tanh") -> dict:
    return {"type": "dense", "units": units, "activation": activation}


def add_hidden_layer(layers: list) -> list:
    """A new hidden layer just before the output, like its predecessor."""
    out = output_index(layers)
    before = [la for la in layers[:out] if la.get("type") == "dense"]
    template = hidden_dense(
        before[-1].get("units", 4) if before else 4, before[-1].get("activation", "tanh") if before else "tanh"
    )
    if before and "init" in before[-1]:
        template["init"] = copy.deepcopy(before[-1]["init"])
    return insert(layers, (out,), template)


def remove_hidden_layer(layers: list) -> list:
    """Remove the hidden layer nearest the output (never the output itself)."""
    out = output_index(layers)
    for i in range(out - 1, -1, -1):
        return remove(layers, (i,))
    return copy.deepcopy(layers)
