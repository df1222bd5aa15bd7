"""Export a network as PyTorch code: a standalone ``.py`` that builds the same
``nn.Sequential``, loads a Backprop Lab weights file and reproduces the
engine's predictions.

The generated file depends only on the architecture, the feature transforms, the
prediction head and the dtype, never on the weights' values: those (and the
standardisation, ``input.mean`` / ``input.std``) are read from the weights file
written beside it.  A dense layer becomes ``nn.Linear`` followed by its activation
module, a residual block a small ``Residual`` module around an ``nn.Sequential``,
batch norm ``nn.BatchNorm1d`` (evaluation mode uses the running statistics), dropout
``nn.Dropout``.  Nothing here imports torch: the text is made from the network.
"""

from __future__ import annotations

import json
import os

from .exported_model import ExportedModel
from .layers import BatchNorm, Dense, Dropout, Residual
from .project import atomic_write
from .registry import ConfigError

_INDENT = "    "


def _py(value) -> str:
    """A string, list of strings or None as Python source (double quotes, as ruff formats)."""
    return "None" if value is None else json.dumps(value, ensure_ascii=False)


def _activation(act, units: int) -> tuple[str | None, bool]:
    """The module for an activation (None for linear) and whether it has a weight (PReLU)."""
    name, c = act.name, act.config
    simple = {
        "sigmoid": "nn.Sigmoid()",
        "tanh": "nn.Tanh()",
        "relu": "nn.ReLU()",
        "silu": "nn.SiLU()",
        "softmax": "nn.Softmax(dim=1)",
        "step": "Step()",
    }
    if name == "linear":
        return None, False
    if name in simple:
        return simple[name], False
    if name == "leaky_relu":
        return f"nn.LeakyReLU(negative_slope={c['negative_slope']!r})", False
    if name == "prelu":
        return f"nn.PReLU(num_parameters={units}, init={c['init']!r})", True
    if name == "elu":
        return f"nn.ELU(alpha={c['alpha']!r})", False
    if name == "gelu":
        return f"nn.GELU(approximate={_py(c['approximate'])})", False
    if name == "softplus":
        return f"nn.Softplus(beta={c['beta']!r}, threshold={c['threshold']!r})", False
    raise ConfigError(
        f"activation: {name!r} has no PyTorch form in this version", "unknown_value", key="activation", value=name
    )


def _modules(layers, prefix: str, state: str, depth: int, keys: dict[str, str]) -> list[str]:
    """Lines of the modules for ``layers``; ``keys`` gets weights-file key -> state_dict key."""
    lines, pad, index = [], _INDENT * depth, 0
    for i, layer in enumerate(layers):
        ours, theirs = f"{prefix}.{i}", f"{state}{index}"
        if isinstance(layer, Dense):
            bias = "" if layer.use_bias else ", bias=False"
            lines.append(f"{pad}nn.Linear({layer.in_width}, {layer.units}{bias}),  # {ours}")
            keys[f"{ours}.weight"] = f"{theirs}.weight"
            if layer.use_bias:
                keys[f"{ours}.bias"] = f"{theirs}.bias"
            index += 1
            module, has_weight = _activation(layer.activation, layer.units)
            if module is not None:
                lines.append(f"{pad}{module},")
                if has_weight:
                    keys[f"{ours}.activation.weight"] = f"{state}{index}.weight"
                index += 1
        elif isinstance(layer, Dropout):
            lines.append(f"{pad}nn.Dropout(p={layer.rate!r}),  # {ours}")
            index += 1
        elif isinstance(layer, BatchNorm):
            lines.append(
                f"{pad}nn.BatchNorm1d({layer.in_width}, eps={layer.eps!r}, momentum={layer.momentum!r}),  # {ours}"
            )
            for name in ("weight", "bias", "running_mean", "running_var"):
                keys[f"{ours}.{name}"] = f"{theirs}.{name}"
            index += 1
        elif isinstance(layer, Residual):
            lines.append(f"{pad}Residual(  # {ours}: x + block(x)")
            lines += _modules(layer.layers, f"{ours}.layers", f"{theirs}.block.", depth + 1, keys)
            lines.append(f"{pad}),")
            index += 1
        else:
            raise ConfigError(
                f"{ours}: a {layer.kind} layer has no PyTorch form in this version",
                "unknown_value",
                key=ours,
                value=layer.kind,
            )
    return lines


def _feature_lines(model: ExportedModel) -> list[str]:
    if model.features is None:
        return []
    columns = []
    for f in model.features:
        c = f"raw[:, {f.column}]"
        if f.kind == "power":
            columns.append(c if f.power == 1 else f"{c} ** {f.power}")
        elif f.kind == "product":
            columns.append(f"{c} * raw[:, {f.other}]")
        else:
            columns.append(f"np.{f.kind}({c})")
    body = "".join(f"            {c},  # {f.name}\n" for c, f in zip(columns, model.features))
    return [
        "    # the features the network takes, computed from the raw columns",
        f"    x = np.column_stack(\n        [\n{body}        ]\n    )",
    ]


_HEADS = {
    "identity": "    return out",
    "softmax": "    return torch.softmax(out, dim=1)",
    "binary": "    p = out[:, 0]\n    return torch.stack([1.0 - p, p], dim=1)",
    "binary_sigmoid": "    p = torch.sigmoid(out[:, 0])\n    return torch.stack([1.0 - p, p], dim=1)",
}
_HEAD_DOCS = {
    "identity": "the network's output",
    "softmax": "class probabilities: the softmax of the output (logits)",
    "binary": "class probabilities [1 - p, p], p the single (sigmoid) output",
    "binary_sigmoid": "class probabilities [1 - p, p], p = sigmoid(output) (logits)",
}


def torch_code(model: ExportedModel, weights_name: str = "model.npz") -> str:
    """The text of a standalone PyTorch script for ``model``; it loads ``weights_name``
    from its own folder (a weights file with ``input.*``, see :func:`core.weights.input_arrays`)."""
    keys: dict[str, str] = {}
    modules = _modules(model.network.layers, "layers", "", 2, keys)
    uses_step = any("Step()" in line for line in modules)
    dtype = "torch.float32" if model.dtype.name == "float32" else "torch.float64"
    what = "class probabilities" if model.task == "classification" else "regression outputs"
    x_name = "raw" if model.features is None else "x"
    lines = [
        f'"""PyTorch model exported by Backprop Lab: {model.source or "a network"} ({model.task}).',
        "",
        f"    python {os.path.splitext(weights_name)[0]}.py [ROWS.csv] [--weights {weights_name}]",
        "",
        f"prints the {what} for each row of ROWS.csv (or of standard input): numbers",
        f"separated by commas, no header, one column each for {', '.join(model.columns)}.",
        "The network, the feature transforms and the standardisation are those of the",
        f"project; the weights and the standardisation's mean and std come from {weights_name}.",
        "From other code: model = build_model(); inputs = load_weights(model, path);",
        "predict(model, inputs, rows).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "import argparse",
        "import sys",
        "from pathlib import Path",
        "",
        "import numpy as np",
        "import torch",
        "from torch import nn",
        "",
        f"WEIGHTS = Path(__file__).with_name({_py(weights_name)})",
        f"DTYPE = {dtype}",
        f"COLUMNS = {_py(model.columns)}  # the raw columns a row holds",
        f"FEATURES = {_py(model.feature_names)}  # the network's inputs",
        f"CLASSES = {_py(model.classes)}",
        "",
        "",
        "class Residual(nn.Module):",
        '    """A residual block: x + block(x)."""',
        "",
        "    def __init__(self, *layers: nn.Module):",
        "        super().__init__()",
        "        self.block = nn.Sequential(*layers)",
        "",
        "    def forward(self, x):",
        "        return x + self.block(x)",
        "",
        "",
    ]
    if uses_step:
        lines += [
            "class Step(nn.Module):",
            '    """Heaviside step: 1 where x > 0, else 0."""',
            "",
            "    def forward(self, x):",
            "        return (x > 0).to(x.dtype)",
            "",
            "",
        ]
    lines += [
        "def build_model() -> nn.Sequential:",
        "    return nn.Sequential(",
        *modules,
        f"    ).to({dtype})",
        "",
        "",
        "#: weights-file key -> state_dict key",
        "STATE_KEYS = {",
        *[f"    {_py(ours)}: {_py(theirs)}," for ours, theirs in keys.items()],
        "}",
        "",
        "",
        "def load_weights(model: nn.Module, path=WEIGHTS) -> dict[str, np.ndarray]:",
        '    """Copy the arrays of a Backprop Lab weights file into ``model``; return its ``input.*`` arrays."""',
        "    with np.load(path, allow_pickle=False) as npz:",
        "        arrays = {key: npz[key] for key in npz.files}",
        "    state = model.state_dict()",
        "    for ours, theirs in STATE_KEYS.items():",
        "        state[theirs] = torch.from_numpy(arrays[ours]).to(DTYPE)",
        "    model.load_state_dict(state)",
        "    model.eval()  # dropout off, batch norm on its running statistics",
        '    return {key: value for key, value in arrays.items() if key.startswith("input.")}',
        "",
        "",
        "def prepare(inputs: dict[str, np.ndarray], raw) -> torch.Tensor:",
        '    """Raw rows -> the network\'s input: features, then (x - mean) / std in float64."""',
        "    raw = np.asarray(raw, dtype=np.float64).reshape(-1, len(COLUMNS))",
        *_feature_lines(model),
        '    mean = inputs.get("input.mean", np.zeros(len(FEATURES)))',
        '    std = inputs.get("input.std", np.ones(len(FEATURES)))',
        f"    return torch.from_numpy(({x_name} - mean) / std).to(DTYPE)",
        "",
        "",
        "def predict(model: nn.Module, inputs: dict[str, np.ndarray], raw) -> torch.Tensor:",
        f'    """{_HEAD_DOCS[model.head][0].upper() + _HEAD_DOCS[model.head][1:]}, one row per raw row."""',
        "    model.eval()",
        "    with torch.no_grad():",
        "        out = model(prepare(inputs, raw))",
        _HEADS[model.head],
        "",
        "",
        "def main(argv=None) -> None:",
        "    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])",
        '    parser.add_argument("rows", nargs="?", help="CSV of raw rows (default: standard input)")',
        '    parser.add_argument("--weights", default=str(WEIGHTS), help="Backprop Lab weights file (.npz)")',
        "    args = parser.parse_args(argv)",
        "    model = build_model()",
        "    inputs = load_weights(model, args.weights)",
        '    rows = np.loadtxt(args.rows or sys.stdin, delimiter=",", ndmin=2)',
        "    for row in predict(model, inputs, rows).tolist():",
        '        print(",".join(f"{value:.17g}" for value in row))',
        "",
        "",
        'if __name__ == "__main__":',
        "    main()",
        "",
    ]
    return "\n".join(lines)


def save_torch_code(model: ExportedModel, path: str, weights_name: str) -> None:
    """Write :func:`torch_code` to ``path`` through a temporary file (atomic)."""
    text = torch_code(model, weights_name)
    atomic_write(path, lambda fh: fh.write(text))
