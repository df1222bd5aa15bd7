"""Write the golden files: what PyTorch computes for small training runs.

Run with torch installed (the app and CI never need it):

    python scripts/make_golden.py [--out tests/golden] [--check]

For every case in :data:`CASES` it writes ``<case>.npz`` (no pickle) holding

* ``x`` - the inputs, ``y`` - the targets (class labels, or regression values),
* ``initial/<name>`` - the weights before the first step, named as in a weights
  file (``layers.0.weight`` out x in, ``layers.0.bias``, batch norm
  ``weight``/``bias``/``running_mean``/``running_var``, nested
  ``layers.3.layers.0.weight``),
* ``losses`` - the batch loss of every step (before that step's update),
* ``final/<name>`` - every array after the last step,

and ``index.json`` with each case's spec (layers, loss, optimizer, dtype, batch
size, steps, tolerance).  ``tests/test_golden.py`` replays every case through the
engine and compares; it needs no torch.  Batches are taken in row order
(``batch_size`` rows each, the epoch starting over when the rows run out, as the
trainer does with ``training.shuffle: false``).

Nothing here imports the engine: the torch side is written from the case specs
alone, so a mistake in the engine cannot leak into the reference.
``--check`` regenerates every case in memory and compares with the files instead
of writing them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN_DIR = os.path.join(ROOT, "tests", "golden")
FORMAT = "backprop-lab-golden/1"

# tolerances the engine must meet against these numbers (relative, absolute)
TOLERANCE = {"float64": (1e-12, 1e-13), "float32": (1e-5, 1e-6)}

# ---------------------------------------------------------------- networks
REG = [  # 3 -> 5 -> 4 -> 2, regression
    {"type": "dense", "units": 5, "activation": "tanh"},
    {"type": "dense", "units": 4, "activation": "relu"},
    {"type": "dense", "units": 2, "activation": "linear"},
]
BIN = [  # 3 -> 5 -> 4 -> 1, two classes (bce on the sigmoid's logits)
    {"type": "dense", "units": 5, "activation": {"name": "leaky_relu", "negative_slope": 0.1}},
    {"type": "dense", "units": 4, "activation": {"name": "elu", "alpha": 0.8}},
    {"type": "dense", "units": 1, "activation": "sigmoid"},
]
MULTI = [  # 3 -> 5 -> 4 -> 3, three classes (cross-entropy on the softmax's logits)
    {"type": "dense", "units": 5, "activation": "gelu"},
    {"type": "dense", "units": 4, "activation": "silu"},
    {"type": "dense", "units": 3, "activation": "softmax"},
]
BATCHNORM = [
    {"type": "dense", "units": 5, "activation": "relu"},
    {"type": "batchnorm"},
    {"type": "dense", "units": 4, "activation": "tanh", "bias": False},
    {"type": "batchnorm", "momentum": 0.3, "eps": 1e-3},
    {"type": "dense", "units": 1, "activation": "sigmoid"},
]
BATCHNORM_SMOOTH = [  # for Adam: a ReLU column that is almost constant in a batch makes
    # the batch-norm gradient ill-conditioned, so round-off alone moves Adam's steps
    {"type": "dense", "units": 5, "activation": "tanh"},
    {"type": "batchnorm"},
    {"type": "dense", "units": 4, "activation": "elu"},
    {"type": "batchnorm", "momentum": 0.3, "eps": 1e-3},
    {"type": "dense", "units": 1, "activation": "sigmoid"},
]
RESIDUAL = [
    {"type": "dense", "units": 4, "activation": "relu"},
    {
        "type": "residual",
        "layers": [
            {"type": "dense", "units": 3, "activation": {"name": "elu", "alpha": 1.0}},
            {"type": "dense", "units": 4, "activation": "gelu"},
        ],
    },
    {"type": "dense", "units": 2, "activation": "linear"},
]
RESIDUAL_BATCHNORM = [
    {"type": "dense", "units": 4, "activation": "silu"},
    {
        "type": "residual",
        "layers": [
            {"type": "dense", "units": 5, "activation": "relu"},
            {"type": "batchnorm", "momentum": 0.2},
            {"type": "dense", "units": 4, "activation": "tanh"},
        ],
    },
    {"type": "batchnorm"},
    {"type": "dense", "units": 3, "activation": "softmax"},
]
ACTIVATIONS = [  # the rest of the activations, one network
    {"type": "dense", "units": 5, "activation": {"name": "softplus", "beta": 2.0, "threshold": 1.5}},
    {"type": "dense", "units": 5, "activation": {"name": "gelu", "approximate": "tanh"}},
    {"type": "dense", "units": 4, "activation": {"name": "prelu", "init": 0.2}},
    {"type": "dense", "units": 4, "activation": "sigmoid"},
    {"type": "dense", "units": 2, "activation": "linear"},
]
LOGITS_BIN = [  # bce on a linear output: the output itself is the logit
    {"type": "dense", "units": 5, "activation": "tanh"},
    {"type": "dense", "units": 1, "activation": "linear"},
]
LOGITS_MULTI = [  # cross-entropy on a linear output
    {"type": "dense", "units": 5, "activation": "relu"},
    {"type": "dense", "units": 4, "activation": "linear"},
]
SIGMOID_MSE = [  # mse on a sigmoid output of a classification task (not fused)
    {"type": "dense", "units": 5, "activation": "tanh"},
    {"type": "dense", "units": 1, "activation": "sigmoid"},
]

NETS = {
    "reg": (REG, "mse", "regression"),
    "bin": (BIN, "bce", "classification"),
    "multi": (MULTI, "cross_entropy", "classification"),
}


def _case(
    name,
    net,
    optimizer,
    *,
    loss=None,
    task=None,
    dtype="float64",
    rows=12,
    batch_size=4,
    steps=6,
    in_width=3,
    seed=None,
):
    layers, default_loss, default_task = NETS[net] if isinstance(net, str) else net
    return {
        "name": name,
        "seed": seed,
        "in_width": in_width,
        "rows": rows,
        "task": task or default_task,
        "layers": layers,
        "loss": loss or default_loss,
        "optimizer": optimizer,
        "dtype": dtype,
        "batch_size": batch_size,
        "steps": steps,
    }


CASES = [
    # SGD
    _case("sgd_plain", "reg", {"name": "sgd", "lr": 0.1}),
    _case("sgd_momentum", "bin", {"name": "sgd", "lr": 0.1, "momentum": 0.9}),
    _case("sgd_dampening", "multi", {"name": "sgd", "lr": 0.1, "momentum": 0.8, "dampening": 0.3}),
    _case("sgd_nesterov", "reg", {"name": "sgd", "lr": 0.05, "momentum": 0.9, "nesterov": True}),
    _case("sgd_weight_decay", "bin", {"name": "sgd", "lr": 0.1, "weight_decay": 0.05}),
    _case("sgd_all", "multi", {"name": "sgd", "lr": 0.1, "momentum": 0.7, "dampening": 0.2, "weight_decay": 0.01}),
    _case(
        "sgd_nesterov_weight_decay",
        "bin",
        {"name": "sgd", "lr": 0.1, "momentum": 0.6, "nesterov": True, "weight_decay": 0.03},
    ),
    # Adagrad
    _case("adagrad_plain", "reg", {"name": "adagrad", "lr": 0.05}),
    _case("adagrad_lr_decay", "bin", {"name": "adagrad", "lr": 0.1, "lr_decay": 0.2}),
    _case("adagrad_initial_accumulator", "multi", {"name": "adagrad", "lr": 0.1, "initial_accumulator_value": 0.3}),
    _case("adagrad_weight_decay", "reg", {"name": "adagrad", "lr": 0.05, "weight_decay": 0.1}),
    _case(
        "adagrad_all",
        "bin",
        {
            "name": "adagrad",
            "lr": 0.1,
            "lr_decay": 0.05,
            "initial_accumulator_value": 0.1,
            "weight_decay": 0.02,
            "eps": 1e-6,
        },
    ),
    # RMSprop
    _case("rmsprop_plain", "multi", {"name": "rmsprop", "lr": 0.01}),
    _case("rmsprop_alpha", "reg", {"name": "rmsprop", "lr": 0.01, "alpha": 0.9}),
    _case("rmsprop_momentum", "bin", {"name": "rmsprop", "lr": 0.01, "momentum": 0.9}),
    _case("rmsprop_centered", "multi", {"name": "rmsprop", "lr": 0.01, "centered": True}),
    _case("rmsprop_weight_decay", "reg", {"name": "rmsprop", "lr": 0.01, "weight_decay": 0.1}),
    _case(
        "rmsprop_all",
        "bin",
        {
            "name": "rmsprop",
            "lr": 0.02,
            "alpha": 0.8,
            "momentum": 0.5,
            "centered": True,
            "weight_decay": 0.05,
            "eps": 1e-6,
        },
    ),
    # Adam, AdamW
    _case("adam_plain", "reg", {"name": "adam", "lr": 0.01}),
    _case("adam_betas", "bin", {"name": "adam", "lr": 0.02, "betas": [0.8, 0.95]}),
    _case("adam_amsgrad", "multi", {"name": "adam", "lr": 0.02, "amsgrad": True}),
    _case("adam_weight_decay", "reg", {"name": "adam", "lr": 0.01, "weight_decay": 0.1}),
    _case(
        "adam_all",
        "bin",
        {"name": "adam", "lr": 0.03, "betas": [0.7, 0.9], "eps": 1e-6, "weight_decay": 0.05, "amsgrad": True},
    ),
    _case("adamw_plain", "multi", {"name": "adamw", "lr": 0.01}),
    _case("adamw_weight_decay", "reg", {"name": "adamw", "lr": 0.01, "weight_decay": 0.3}),
    _case(
        "adamw_amsgrad", "bin", {"name": "adamw", "lr": 0.02, "betas": [0.8, 0.9], "weight_decay": 0.1, "amsgrad": True}
    ),
    # losses on outputs that are not fused with the loss, full-batch steps
    _case(
        "bce_linear_logits", (LOGITS_BIN, "bce", "classification"), {"name": "sgd", "lr": 0.2}, batch_size=None, steps=5
    ),
    _case(
        "cross_entropy_linear_logits",
        (LOGITS_MULTI, "cross_entropy", "classification"),
        {"name": "sgd", "lr": 0.2, "momentum": 0.5},
        rows=16,
        batch_size=None,
        steps=5,
    ),
    _case(
        "mse_sigmoid_classification",
        (SIGMOID_MSE, "mse", "classification"),
        {"name": "adam", "lr": 0.05},
        rows=10,
        batch_size=5,
        steps=6,
    ),
    # activations, batch norm, residual blocks
    _case("activations", (ACTIVATIONS, "mse", "regression"), {"name": "adam", "lr": 0.02}),
    _case(
        "batchnorm",
        (BATCHNORM, "bce", "classification"),
        {"name": "sgd", "lr": 0.1, "momentum": 0.9},
        rows=16,
        batch_size=8,
        steps=8,
    ),
    _case(
        "batchnorm_adam",
        (BATCHNORM_SMOOTH, "bce", "classification"),
        {"name": "adam", "lr": 0.01},
        rows=12,
        batch_size=6,
        steps=6,
    ),
    _case("residual", (RESIDUAL, "mse", "regression"), {"name": "adam", "lr": 0.02}),
    _case(
        "residual_batchnorm",
        (RESIDUAL_BATCHNORM, "cross_entropy", "classification"),
        {"name": "sgd", "lr": 0.05, "momentum": 0.9, "nesterov": True},
        rows=12,
        batch_size=6,
        steps=6,
    ),
    # float32
    _case("float32_sgd_momentum", "bin", {"name": "sgd", "lr": 0.1, "momentum": 0.9}, dtype="float32"),
    _case("float32_adam", "multi", {"name": "adam", "lr": 0.01}, dtype="float32"),
    _case(
        "float32_rmsprop", "reg", {"name": "rmsprop", "lr": 0.01, "centered": True, "momentum": 0.5}, dtype="float32"
    ),
    _case("float32_adagrad", "reg", {"name": "adagrad", "lr": 0.05, "lr_decay": 0.1}, dtype="float32"),
    _case(
        "float32_adamw_activations", (ACTIVATIONS, "mse", "regression"), {"name": "adamw", "lr": 0.02}, dtype="float32"
    ),
    _case(
        "float32_batchnorm",
        (BATCHNORM, "bce", "classification"),
        {"name": "sgd", "lr": 0.1, "momentum": 0.9},
        dtype="float32",
        rows=16,
        batch_size=8,
        steps=8,
    ),
    _case("float32_residual", (RESIDUAL, "mse", "regression"), {"name": "adam", "lr": 0.02}, dtype="float32"),
    # reduction="sum" and mse's half factor (0.5 x MSELoss): the course formulas
    _case("mse_sum", "reg", {"name": "sgd", "lr": 0.02}, loss={"name": "mse", "reduction": "sum"}),
    _case("mse_half_sum", "reg", {"name": "sgd", "lr": 0.05}, loss={"name": "mse", "reduction": "sum", "half": True}),
    _case("mse_half_mean", "reg", {"name": "adam", "lr": 0.01}, loss={"name": "mse", "half": True}),
    _case("bce_sum", "bin", {"name": "sgd", "lr": 0.05, "momentum": 0.5}, loss={"name": "bce", "reduction": "sum"}),
    _case(
        "cross_entropy_sum", "multi", {"name": "sgd", "lr": 0.05}, loss={"name": "cross_entropy", "reduction": "sum"}
    ),
    _case(
        "float32_mse_half_sum",
        "reg",
        {"name": "sgd", "lr": 0.05},
        loss={"name": "mse", "reduction": "sum", "half": True},
        dtype="float32",
    ),
]
for _i, _c in enumerate(CASES):
    _c["seed"] = 1000 + _i if _c["seed"] is None else _c["seed"]
    _c["rtol"], _c["atol"] = TOLERANCE[_c["dtype"]]


def _out_width(layers, width):
    for spec in layers:
        if spec["type"] == "dense":
            width = spec["units"]
    return width


def batch_rows(rows: int, batch_size: int | None, steps: int) -> list[np.ndarray]:
    """Row indices of each step: file order, the epoch starting over (last batch may be short)."""
    size = rows if batch_size is None else batch_size
    epoch = [np.arange(i, min(i + size, rows)) for i in range(0, rows, size)]
    return [epoch[s % len(epoch)] for s in range(steps)]


# ---------------------------------------------------------------- the torch side
def _torch_net(torch, specs, width, dtype):
    """A module tree mirroring the layer specs, with the weights-file names."""
    nn = torch.nn

    def activation(spec, units):
        name, cfg = (
            (spec, {}) if isinstance(spec, str) else (spec["name"], {k: v for k, v in spec.items() if k != "name"})
        )
        if name == "prelu":
            return nn.PReLU(units, init=cfg.get("init", 0.25), dtype=dtype)
        return {
            "linear": lambda: nn.Identity(),
            "tanh": lambda: nn.Tanh(),
            "relu": lambda: nn.ReLU(),
            "sigmoid": lambda: nn.Sigmoid(),
            "softmax": lambda: nn.Softmax(dim=1),
            "leaky_relu": lambda: nn.LeakyReLU(cfg.get("negative_slope", 0.01)),
            "elu": lambda: nn.ELU(cfg.get("alpha", 1.0)),
            "gelu": lambda: nn.GELU(approximate=cfg.get("approximate", "none")),
            "silu": lambda: nn.SiLU(),
            "softplus": lambda: nn.Softplus(beta=cfg.get("beta", 1.0), threshold=cfg.get("threshold", 20.0)),
        }[name]()

    class Dense(nn.Module):
        def __init__(self, spec, width):
            super().__init__()
            units = spec["units"]
            self.weight = nn.Parameter(torch.zeros(units, width, dtype=dtype))
            self.bias = nn.Parameter(torch.zeros(units, dtype=dtype)) if spec.get("bias", True) else None
            self.activation = activation(spec.get("activation", "linear"), units)
            self.act_name = spec.get("activation", "linear")
            if not isinstance(self.act_name, str):
                self.act_name = self.act_name["name"]

        def forward(self, x):
            self.z = nn.functional.linear(x, self.weight, self.bias)
            return self.activation(self.z)

    class Block(nn.Module):
        def __init__(self, specs, width, residual=False):
            super().__init__()
            mods = []
            for spec in specs:
                if spec["type"] == "dense":
                    mods.append(Dense(spec, width))
                    width = spec["units"]
                elif spec["type"] == "batchnorm":
                    mods.append(
                        nn.BatchNorm1d(
                            width, momentum=spec.get("momentum", 0.1), eps=spec.get("eps", 1e-5), dtype=dtype
                        )
                    )
                elif spec["type"] == "residual":
                    mods.append(Block(spec["layers"], width, residual=True))
                else:
                    raise ValueError(f"no torch mirror for layer type {spec['type']!r}")
            self.layers = nn.ModuleList(mods)
            self.residual = residual

        def forward(self, x):
            out = x
            for mod in self.layers:
                out = mod(out)
            return x + out if self.residual else out

    return Block(specs, width)


def _torch_optimizer(torch, spec, params):
    cls = {
        "sgd": torch.optim.SGD,
        "adagrad": torch.optim.Adagrad,
        "rmsprop": torch.optim.RMSprop,
        "adam": torch.optim.Adam,
        "adamw": torch.optim.AdamW,
    }[spec["name"]]
    kwargs = {k: (tuple(v) if isinstance(v, list) else v) for k, v in spec.items() if k != "name"}
    return cls(params, foreach=False, **kwargs)


def _initial_arrays(state: dict, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Random float64 values for every array (off the defaults, so each one matters)."""
    out = {}
    for name, tensor in state.items():
        shape = tuple(tensor.shape)
        leaf = name.rsplit(".", 1)[1]
        parent = name.rsplit(".", 2)[-2] if name.count(".") >= 2 else ""
        if parent == "activation":  # prelu slopes
            value = 0.2 + rng.normal(0.0, 0.05, shape)
        elif tensor.dim() == 2:
            value = rng.normal(0.0, 1.0 / np.sqrt(shape[1]), shape)
        elif leaf == "running_var":
            value = rng.uniform(0.5, 1.5, shape)
        elif leaf == "running_mean":
            value = rng.normal(0.0, 0.2, shape)
        elif leaf == "weight":  # batch norm scale
            value = 1.0 + rng.normal(0.0, 0.2, shape)
        else:  # biases
            value = rng.normal(0.0, 0.2, shape)
        out[name] = value
    return out


def make_data(case: dict):
    """Inputs, targets and initial weights (float64 draws, stored in the case's dtype)."""
    import torch

    rng = np.random.default_rng(case["seed"])
    dtype = np.dtype(case["dtype"])
    n, d = case["rows"], case["in_width"]
    x = rng.normal(size=(n, d)).astype(dtype)
    out_width = _out_width(case["layers"], d)
    if case["task"] == "regression":
        y = rng.normal(size=(n, out_width)).astype(dtype)
    else:
        classes = 2 if out_width == 1 else out_width
        y = rng.permutation(np.arange(n) % classes).astype(np.int64)
    tnet = _torch_net(torch, case["layers"], d, torch.float64)
    state = {k: v for k, v in tnet.state_dict().items() if not k.endswith("num_batches_tracked")}
    initial = {k: v.astype(dtype) for k, v in _initial_arrays(state, rng).items()}
    return x, y, initial


def generate(case: dict) -> dict[str, np.ndarray]:
    """Run ``case`` in torch; every array of its golden file."""
    import torch

    tdtype = {"float64": torch.float64, "float32": torch.float32}[case["dtype"]]
    x, y, initial = make_data(case)
    tnet = _torch_net(torch, case["layers"], case["in_width"], tdtype)
    tnet.train()
    state = tnet.state_dict()
    names = [k for k in state if not k.endswith("num_batches_tracked")]
    if sorted(names) != sorted(initial):
        raise AssertionError(f"{case['name']}: arrays {names} != {sorted(initial)}")
    with torch.no_grad():
        for name in names:
            state[name].copy_(torch.from_numpy(initial[name]))
    params = dict(tnet.named_parameters())
    opt = _torch_optimizer(torch, case["optimizer"], list(params.values()))
    last = tnet.layers[-1]
    loss_spec = case["loss"] if isinstance(case["loss"], dict) else {"name": case["loss"]}
    loss_name = loss_spec["name"]
    reduction = loss_spec.get("reduction", "mean")
    half = 0.5 if loss_spec.get("half") else 1.0
    fused = (
        isinstance(last, torch.nn.Module)
        and hasattr(last, "act_name")
        and (
            (loss_name == "bce" and last.act_name == "sigmoid")
            or (loss_name == "cross_entropy" and last.act_name == "softmax")
        )
    )
    tx = torch.from_numpy(x)
    if loss_name == "cross_entropy":
        ty = torch.from_numpy(y)
    elif case["task"] == "classification":  # one output unit: the labels as a float column
        ty = torch.from_numpy(y.reshape(-1, 1).astype(x.dtype))
    else:
        ty = torch.from_numpy(y)
    losses = []
    for idx in batch_rows(case["rows"], case["batch_size"], case["steps"]):
        ti = torch.from_numpy(idx)
        opt.zero_grad()
        out = tnet(tx[ti])
        logits = last.z if fused else out
        if loss_name == "bce":
            value = torch.nn.functional.binary_cross_entropy_with_logits(logits, ty[ti], reduction=reduction)
        elif loss_name == "cross_entropy":
            value = torch.nn.functional.cross_entropy(logits, ty[ti], reduction=reduction)
        elif loss_name == "mse":
            value = torch.nn.functional.mse_loss(out, ty[ti], reduction=reduction)
            if half != 1.0:
                value = half * value
        else:
            raise ValueError(f"no torch mirror for loss {loss_name!r}")
        value.backward()
        opt.step()
        losses.append(value.item())
    arrays = {"x": x, "y": y, "losses": np.array(losses, dtype=np.float64)}
    for name in names:
        arrays[f"initial/{name}"] = initial[name]
    final = tnet.state_dict()
    for name in names:
        arrays[f"final/{name}"] = final[name].detach().numpy().copy()
    return arrays


def case_spec(case: dict) -> dict:
    """What ``index.json`` records for a case (everything the engine needs to replay it)."""
    return {**{k: v for k, v in case.items() if k != "name"}, "file": f"{case['name']}.npz"}


def compare(case: dict, fresh: dict, stored: dict) -> list[str]:
    """Differences between a regenerated case and its stored file (empty if none)."""
    problems = []
    if sorted(fresh) != sorted(stored):
        return [f"{case['name']}: arrays {sorted(fresh)} != stored {sorted(stored)}"]
    for key, value in fresh.items():
        other = stored[key]
        if value.dtype != other.dtype or value.shape != other.shape:
            problems.append(f"{case['name']}/{key}: {value.dtype}{value.shape} != stored {other.dtype}{other.shape}")
        elif key in ("x", "y") or key.startswith("initial/"):
            if not np.array_equal(value, other):
                problems.append(f"{case['name']}/{key}: inputs differ")
        elif not np.allclose(value, other, rtol=case["rtol"], atol=case["atol"]):
            problems.append(f"{case['name']}/{key}: max difference {np.max(np.abs(value - other)):.3g}")
    return problems


def format_index(index: dict) -> str:
    """JSON with one line per case (small, and a regenerated case shows as one changed line)."""
    head = {k: v for k, v in index.items() if k != "cases"}
    lines = [f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    cases = [f"    {json.dumps(name)}: {json.dumps(spec)}" for name, spec in index["cases"].items()]
    return "{\n" + "\n".join(lines) + '\n  "cases": {\n' + ",\n".join(cases) + "\n  }\n}\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=GOLDEN_DIR, help="folder for the golden files (default: tests/golden)")
    parser.add_argument("--check", action="store_true", help="compare with the stored files, write nothing")
    args = parser.parse_args(argv)
    import torch

    torch.use_deterministic_algorithms(True)
    if args.check:
        problems = []
        for case in CASES:
            with np.load(os.path.join(args.out, f"{case['name']}.npz"), allow_pickle=False) as npz:
                problems += compare(case, generate(case), {k: npz[k] for k in npz.files})
        print("\n".join(problems) or f"all {len(CASES)} cases match")
        return 1 if problems else 0
    os.makedirs(args.out, exist_ok=True)
    index = {
        "format": FORMAT,
        "generator": "scripts/make_golden.py",
        "torch": torch.__version__.split("+")[0],
        "cases": {},
    }
    total = 0
    for case in CASES:
        path = os.path.join(args.out, f"{case['name']}.npz")
        np.savez_compressed(path, **generate(case))
        total += os.path.getsize(path)
        index["cases"][case["name"]] = case_spec(case)
    with open(os.path.join(args.out, "index.json"), "w", encoding="utf-8") as fh:
        fh.write(format_index(index))
    total += os.path.getsize(os.path.join(args.out, "index.json"))
    print(f"{len(CASES)} cases, {total / 1024:.0f} KB in {os.path.relpath(args.out, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
