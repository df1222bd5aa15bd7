"""The plane a decision map is drawn on when the data has more than two inputs."""

import numpy as np
import pytest
from sklearn.decomposition import PCA

from core.plane import make_plane, plane_inputs
from core.project import default_project
from core.registry import ConfigError
from core.snapshot import compute_boundary, set_plane
from core.trainer import Trainer


def _trainer(source, units, **data):
    p = default_project()
    p["data"] = {"source": source, **data}
    p["network"]["layers"] = [
        {"type": "dense", "units": 6, "activation": "tanh"},
        {"type": "dense", "units": units, "activation": "softmax"},
    ]
    return Trainer(p)


@pytest.fixture(scope="module")
def iris():
    tr = _trainer("iris", 3)
    for _ in range(20):
        tr.step()
    return tr


def test_principal_plane_is_scikit_learns_pca_of_the_network_inputs(iris):
    plane = make_plane(iris)
    assert plane.kind == "pca" and plane.labels == ("PC1", "PC2")
    pca = PCA(2).fit(iris.x_train)
    np.testing.assert_allclose(plane.explained, pca.explained_variance_ratio_, rtol=1e-9)
    np.testing.assert_allclose(np.abs(plane.directions), np.abs(pca.components_), atol=1e-9)
    np.testing.assert_allclose(plane.directions @ plane.directions.T, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(np.abs(plane.train_uv), np.abs(pca.transform(iris.x_train)), atol=1e-9)
    assert len(plane.val_uv) == len(iris.x_val)
    uv = np.array([[0.3, -1.2], [2.0, 0.5]])  # a point of the plane maps back onto the same coordinates
    np.testing.assert_allclose((plane_inputs(plane, iris, uv) - plane.origin) @ plane.directions.T, uv, atol=1e-12)


def test_two_chosen_inputs_hold_the_others_at_their_means(iris):
    plane = make_plane(iris, (2, 0))
    assert plane.kind == "inputs" and plane.columns == (2, 0)
    assert plane.labels == (iris.data.feature_names[2], iris.data.feature_names[0])
    x = plane_inputs(plane, iris, np.array([[1.5, 5.0]]))
    raw = iris.data.raw_x_train.mean(axis=0)
    raw[2], raw[0] = 1.5, 5.0
    np.testing.assert_allclose(x, iris.data.prepare_inputs(raw[None, :]))
    with pytest.raises(ConfigError, match="two different inputs"):
        make_plane(iris, (1, 1))
    with pytest.raises(ConfigError, match="input 9 does not exist"):
        make_plane(iris, (0, 9))


def test_boundary_and_neuron_pictures_on_the_plane_and_a_chosen_plane(iris):
    b = compute_boundary(iris, grid=20, neuron_grid=8)
    plane = make_plane(iris)
    assert b.values.shape == (20, 20) and b.classes.shape == (20, 20)
    assert b.xs[0] == pytest.approx(plane.lo[0]) and b.ys[-1] == pytest.approx(plane.hi[1])
    assert any(k.startswith("layers.") for k in b.activations)
    chosen = set_plane(iris, (0, 1))
    b2 = compute_boundary(iris, grid=20)
    assert b2.xs[0] == pytest.approx(chosen.lo[0]) and iris.info().plane.kind == "inputs"
    set_plane(iris, None)
    assert iris.info().plane.kind == "pca"


def test_two_input_data_keeps_its_input_plane_and_regression_has_none():
    tr = Trainer(default_project())
    plane = tr.info().plane
    assert plane.kind == "raw" and plane.columns == (0, 1)
    lo, hi = tr.input_extent()
    np.testing.assert_array_equal(plane.lo, lo) and np.testing.assert_array_equal(plane.hi, hi)
    p = default_project()
    p["data"] = {"source": "diabetes"}
    p["network"]["layers"] = [{"type": "dense", "units": 1, "activation": "linear"}]
    assert Trainer(p).info().plane is None


def test_output_panel_draws_the_principal_plane_and_switches_planes(qtbot, iris):
    from gui.panels.output_view import OutputPanel

    panel = OutputPanel()
    qtbot.addWidget(panel)
    panel.show()
    info = iris.info()
    panel.reset(info)
    panel.update_snapshot(iris.snapshot(0, boundary=True, predictions=True))
    assert panel.mode == "plane" and panel.image.image.shape[:2] == (50, 50)
    assert "PC1" in panel.plot.getAxis("bottom").labelText
    assert not panel.x_combo.isHidden() and panel.x_combo.count() == 1 + info.raw_x_train.shape[1]
    asked = []
    panel.plane_requested.connect(asked.append)
    panel.x_combo.setCurrentIndex(2)  # input 1 against ...
    panel.y_combo.setCurrentIndex(3)  # ... input 2
    assert asked[-1] == (1, 2)
    panel.set_plane(set_plane(iris, (1, 2)))
    assert panel.plot.getAxis("bottom").labelText == info.feature_names[1]
    assert "training means" in panel.caption.text()


def test_choosing_two_inputs_in_the_window_redraws_the_map_on_their_plane(window, qtbot):
    import os

    from core.project import load_project

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    window.doc.new(load_project(os.path.join(root, "resources", "examples", "iris.json")))
    qtbot.waitUntil(
        lambda: window.info is not None and window.info.plane is not None and window.info.plane.kind == "pca",
        timeout=10000,
    )
    panel = window.output_panel
    qtbot.waitUntil(lambda: panel._plane is not None, timeout=10000)
    panel.x_combo.setCurrentIndex(1)  # input 0
    panel.y_combo.setCurrentIndex(4)  # input 3
    qtbot.waitUntil(lambda: panel._plane.kind == "inputs" and panel._plane.columns == (0, 3), timeout=10000)
    window.controller.step(3)
    qtbot.waitUntil(lambda: panel._last_snapshot is not None and panel._last_snapshot.step >= 3, timeout=10000)
    b = panel._last_snapshot.boundary
    assert b.xs[0] == pytest.approx(panel._plane.lo[0])
