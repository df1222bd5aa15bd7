"""The optimizer-internals query: per-layer histograms of log10|value| equal ones computed
from the trainer's optimizer state (read through state_dict, by PyTorch's names)."""

from __future__ import annotations

import numpy as np
import pytest

from core.optimizer_internals import EDGES, optimizer_internals
from core.queries import QUERIES
from core.trainer import Trainer

SPECS = {
    "sgd": {"name": "sgd", "lr": 0.1, "momentum": 0.9},
    "adagrad": {"name": "adagrad", "lr": 0.1},
    "rmsprop": {"name": "rmsprop", "lr": 0.01, "centered": True, "momentum": 0.5},
    "adam": {"name": "adam", "lr": 0.01, "amsgrad": True},
    "adamw": {"name": "adamw", "lr": 0.01},
}


def project(optimizer, dtype="float64") -> dict:
    return {
        "format": "backprop-lab/1",
        "seed": 2,
        "data": {"source": "moons", "samples": 60, "noise": 0.1, "validation_split": 0.25},
        "network": {"layers": [{"type": "dense", "units": 5, "activation": "tanh"},
                               {"type": "dense", "units": 4, "activation": "relu"},
                               {"type": "dense", "units": 1, "activation": "sigmoid"}]},
        "loss": "bce",
        "optimizer": optimizer,
        "training": {"batch_size": 9, "epochs": 5, "shuffle": True, "dtype": dtype},
    }


def reference(values: np.ndarray) -> np.ndarray:
    a = np.abs(values.astype(np.float64).reshape(-1))
    a = a[a > 0]
    return np.histogram(np.log10(a), EDGES)[0]


def per_layer(state: dict, key: str) -> dict[str, np.ndarray]:
    """A state buffer from ``state_dict()["state"]``, gathered per layer."""
    out: dict[str, list] = {}
    for name, entry in state.items():
        out.setdefault(name.rsplit(".", 1)[0], []).append(np.asarray(entry[key]).reshape(-1))
    return {layer: np.concatenate(parts) for layer, parts in out.items()}


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("which", list(SPECS))
def test_histograms_equal_the_optimizer_state(which, dtype):
    tr = Trainer(project(SPECS[which], dtype))
    optimizer_internals(tr)  # watch from the first step
    tr.run(steps=5)
    answer = QUERIES["optimizer_internals"][0](tr)
    state = tr.optimizer.state_dict()["state"]
    held = sorted({k for entry in state.values() for k in entry if k != "step"})
    expected = set(held) | {"update_per_lr"}
    if which in ("adam", "adamw"):
        expected |= {"exp_avg_hat", "exp_avg_sq_hat"}
    assert set(answer["names"]) == expected
    assert [layer["layer"] for layer in answer["layers"]] == ["layers.0", "layers.1", "layers.2"]
    for key in held:
        for layer, values in per_layer(state, key).items():
            got = next(x for x in answer["layers"] if x["layer"] == layer)["histograms"][key]
            np.testing.assert_array_equal(got["counts"], reference(values), err_msg=f"{key} {layer}")
            assert got["size"] == values.size and got["nonfinite"] == 0
    assert answer["step"] == 5 and answer["optimizer_step"] == 5


def test_adam_bias_correction_and_update_per_lr():
    tr = Trainer(project({"name": "adam", "lr": 0.01}, "float32"))
    optimizer_internals(tr)
    tr.run(steps=1)
    prev = tr._previous_flat.copy()
    answer = optimizer_internals(tr)
    state = tr.optimizer.state_dict()["state"]
    beta1, beta2 = 0.9, 0.999
    m_hat = {k: v / (1.0 - beta1) for k, v in per_layer(state, "exp_avg").items()}
    v_hat = {k: v / (1.0 - beta2) for k, v in per_layer(state, "exp_avg_sq").items()}
    step = (tr.network.flat - prev) / 0.01
    offset = 0
    for layer in answer["layers"]:
        h = layer["histograms"]
        np.testing.assert_array_equal(h["exp_avg_hat"]["counts"], reference(m_hat[layer["layer"]]))
        np.testing.assert_array_equal(h["exp_avg_sq_hat"]["counts"], reference(v_hat[layer["layer"]]))
        chunk = step[offset:offset + layer["size"]]
        offset += layer["size"]
        np.testing.assert_array_equal(h["update_per_lr"]["counts"], reference(chunk))
        # Adam's first step: m̂ / sqrt(v̂) = ±1 for every weight with a gradient, so |update| / lr is about 1
        assert np.all(np.abs(np.abs(chunk[chunk != 0]) - 1) < 1e-2)
    assert tr.network.flat.dtype == np.float32


def test_adagrad_steps_shrink():
    tr = Trainer(project({"name": "adagrad", "lr": 0.1}))
    tr.keep_update = True
    sizes = []
    for _ in range(30):
        tr.step()
        answer = optimizer_internals(tr)
        counts = sum(layer["histograms"]["update_per_lr"]["counts"] for layer in answer["layers"])
        centres = (EDGES[:-1] + EDGES[1:]) / 2
        sizes.append(float((counts * centres).sum() / counts.sum()))
    assert sizes[-1] < sizes[0] - 0.3  # a third of a decade smaller after 30 steps


def test_no_update_before_watching_and_watch_off():
    tr = Trainer(project(SPECS["sgd"]))
    tr.run(steps=2)
    assert "update_per_lr" not in optimizer_internals(tr)["names"]
    assert tr.keep_update
    tr.step()
    assert "update_per_lr" in optimizer_internals(tr, False)["names"]
    assert not tr.keep_update


def test_torch_names():
    torch = pytest.importorskip("torch")
    for which, spec in SPECS.items():
        tr = Trainer(project(spec))
        tr.run(steps=2)
        p = torch.nn.Parameter(torch.zeros(3))
        hyper = {k: v for k, v in tr.optimizer.get_config().items() if k != "name"}
        if "betas" in hyper:
            hyper["betas"] = tuple(hyper["betas"])
        cls = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
               "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[which]
        opt = cls([p], **hyper)
        p.grad = torch.ones(3)
        opt.step()
        torch_names = set(opt.state[p]) - {"step"}
        ours = {name for name in optimizer_internals(tr)["names"]
                if name not in ("exp_avg_hat", "exp_avg_sq_hat", "update_per_lr")}
        assert ours == torch_names, which


# ---- the window


def test_window_draws_the_state_of_the_training_process(window, qtbot):
    window.actions_by_name["optimizer_internals"].trigger()
    view = window.optimizer_internals
    qtbot.waitUntil(lambda: bool(view.samples), timeout=10000)
    assert "No optimizer step yet" in view.status.text() or view.picker.count() == 0
    window.controller.step(6)
    qtbot.waitUntil(lambda: view.samples and view.samples[-1][0] == 6, timeout=10000)
    names = [view.picker.itemData(i) for i in range(view.picker.count())]
    assert names[:2] == ["exp_avg", "exp_avg_sq"] and "exp_avg_hat" in names  # the default project: Adam
    state = window.worker.query("state").wait()["optimizer"]["state"]
    for i, layer in enumerate(view.layer_names):
        values = np.concatenate([np.asarray(e["exp_avg_sq"]).reshape(-1) for k, e in state.items()
                                 if k.rsplit(".", 1)[0] == layer])
        data, steps = view.image_for(i, "exp_avg_sq")
        np.testing.assert_array_equal(data[-1] * values.size, reference(values))
        assert steps[-1] == 6
    view.picker.setCurrentIndex(view.picker.findData("update_per_lr"))
    assert "adam, step 6" in view.status.text()
    _plot, image = view.plots[0]
    assert image.image is not None and image.image.shape[0] == len(EDGES) - 1
    view.close()  # the training process stops keeping the weights before each step
    qtbot.waitUntil(lambda: window.worker.query("optimizer_internals", False).wait()["step"] == 6, timeout=5000)


def test_binning_equals_numpy_histogram_at_the_edges():
    from core.optimizer_internals import log_histogram

    rng = np.random.default_rng(1)
    exact = 10.0 ** (np.round(rng.uniform(-13, 5, 400) * 4) / 4)  # on the bin edges and outside
    values = np.concatenate([exact, np.nextafter(exact, 0), np.nextafter(exact, np.inf), [0.0, np.nan, -np.inf]])
    values *= rng.choice([-1.0, 1.0], values.size)
    h = log_histogram(values)
    np.testing.assert_array_equal(h["counts"], reference(values[np.isfinite(values)]))
    logs = np.log10(np.abs(values[np.isfinite(values) & (values != 0)]))
    assert h["below"] == np.count_nonzero(logs < EDGES[0]) and h["above"] == np.count_nonzero(logs > EDGES[-1])
    assert h["zeros"] == 1 and h["nonfinite"] == 2 and h["size"] == values.size
