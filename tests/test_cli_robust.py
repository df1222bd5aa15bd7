"""The command line on awkward but explicit cases (issue 7, bugs 3, 11, 20 and the
BLAS thread count): each runs ``core.cli.main`` in this process."""

from __future__ import annotations

import copy
import json
import os
import stat

import numpy as np
import pytest

from core.cli import main as cli_main

SINE = {
    "format": "backprop-lab/1",
    "seed": 0,
    "data": {"source": "sine", "samples": 60, "noise": 0.1, "validation_split": 0.0},
    "network": {"layers": [{"type": "dense", "units": 6, "activation": "tanh"},
                           {"type": "dense", "units": 1, "activation": "linear"}]},
    "loss": "mse",
    "optimizer": {"name": "adam", "lr": 0.01},
    "training": {"batch_size": 16, "epochs": 2},
}
XOR = {
    "format": "backprop-lab/1",
    "seed": 0,
    "data": {"source": "xor", "samples": 40, "noise": 0.0, "validation_split": 0.2},
    "network": {"layers": [{"type": "dense", "units": 4, "activation": "tanh"},
                           {"type": "dense", "units": 1, "activation": "sigmoid"}]},
    "optimizer": {"name": "adam", "lr": 0.05},
    "training": {"batch_size": 8, "epochs": 2},
}


def write(tmp_path, spec, name="p.json"):
    path = tmp_path / name
    path.write_text(json.dumps(spec))
    return str(path)


def one_line_error(capsys, *expected):
    err = capsys.readouterr().err
    assert err.startswith("backprop-lab: error: ") and err.count("\n") == 1, err
    for text in expected:
        assert text in err, (text, err)
    return err


# ---- bug 3: validation_split 0 with a regression task
@pytest.mark.parametrize("source", ["sine", "diabetes"])
def test_regression_without_validation_trains_and_gradchecks(tmp_path, capsys, source):
    spec = copy.deepcopy(SINE)
    spec["data"] = {"source": source, "validation_split": 0}
    path = write(tmp_path, spec)
    report = tmp_path / "r.json"
    assert cli_main(["train", path, "--quiet", "--steps", "5", "--report", str(report)]) == 0, capsys.readouterr()
    data = json.loads(report.read_text())
    assert data["val_loss"] is None and data["train_loss"] is not None
    assert cli_main(["gradcheck", path, "--samples", "4"]) == 0, capsys.readouterr()
