"""``python main.py gradcheck``: passes on the examples, and catches a wrong derivative."""

from __future__ import annotations

import os

import pytest

from core import activations
from core.cli import main

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "examples")


@pytest.mark.parametrize("name", ["spiral", "vanishing_sigmoid", "deep_relu_batchnorm", "deep_residual",
                                  "exploding_init", "sine_regression"])
def test_examples_pass(name, capsys):
    assert main(["gradcheck", os.path.join(EXAMPLES, f"{name}.json"), "--samples", "4"]) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1].startswith("ok:")
    assert "layers.0.weight" in out


def test_a_wrong_derivative_is_caught(monkeypatch, capsys):
    # tanh' = 1 - a^2; a bug that drops the square must fail the check
    monkeypatch.setattr(activations.Tanh, "backward", lambda self, z, a, g: g * (1.0 - a))
    assert main(["gradcheck", os.path.join(EXAMPLES, "spiral.json"), "--samples", "4"]) == 1
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("FAILED") and "layers.0.weight" in last


def test_app_entry_point_refuses_a_missing_project(tmp_path, capsys):
    import main as entry

    assert entry.main([str(tmp_path / "nope.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert "nope.json" in err and len(err.splitlines()) == 1
