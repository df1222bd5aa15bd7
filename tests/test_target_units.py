"""A standardised regression target: the loss is drawn and read out in the target's own units."""

import os

import numpy as np
import pytest

from core.losses import original_unit_scale
from core.project import load_project
from core.trainer import Trainer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def house():
    path = os.path.join(ROOT, "resources", "examples", "house_prices.json")
    tr = Trainer(load_project(path), base_dir=os.path.dirname(path))
    tr.run(steps=tr.steps_per_epoch)  # one epoch: an evaluated row
    return tr


def test_the_scale_turns_the_standardised_loss_into_the_original_units_loss(house):
    scale = original_unit_scale(house.loss.name, house.info().target_std)
    std = float(np.ravel(house.data.y_std)[0])
    assert scale == pytest.approx(std * std)
    report = house.report()
    assert report["val_loss"] * scale == pytest.approx(report["val_loss_original_units"], rel=1e-9)
    assert original_unit_scale("mae", [2.0]) == 2.0 and original_unit_scale("huber", [2.0]) is None
    assert original_unit_scale("mse", [1.0, 2.0]) is None and original_unit_scale("mse", None) is None


def test_loss_panel_and_read_out_show_the_targets_units(qtbot, house):
    from gui.panels.controls import Controls
    from gui.panels.loss_plot import LossPanel

    info = house.info()
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.reset(info)
    snap = house.snapshot(0)
    panel.update_snapshot(snap)
    scale = original_unit_scale(info.loss, info.target_std)
    assert "target's units" in panel._titles[panel.loss_plot]
    _, y = panel.curves["val_loss"].getData()
    val = snap.history["val_loss"]
    np.testing.assert_allclose(y, val[np.isfinite(val)] * scale)
    from PySide6.QtGui import QAction

    controls = Controls({name: QAction(name) for name in ("play", "step", "step_epoch", "reset")})
    qtbot.addWidget(controls)
    controls.loss_scale = scale
    controls.show_progress(snap, None, "regression")
    text = controls.readout.text()
    assert f"{val[np.isfinite(val)][-1] * scale:.4g}" in text
