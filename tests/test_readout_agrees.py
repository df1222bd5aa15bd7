"""Issue 7, bug 2: after a divergence the banner and the read-out name the same step."""

from __future__ import annotations

import os

import pytest

from core.project import load_project
from core.trainer import Trainer, TrainingDiverged

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # a run built to diverge
EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "examples")


def test_the_readout_names_the_step_the_banner_names(qtbot):
    from PySide6.QtGui import QAction

    from gui.panels.controls import Controls

    trainer = Trainer(load_project(os.path.join(EXAMPLES, "exploding_init.json")))
    with pytest.raises(TrainingDiverged) as info:
        for _ in range(100):
            trainer.step()
    snap = trainer.snapshot()
    assert snap.failed_step == info.value.step == trainer.step_count + 1
    assert f"at step {info.value.step}" in str(info.value)
    actions = {name: QAction(name) for name in ("play", "step", "step_epoch", "reset")}
    controls = Controls(actions)
    qtbot.addWidget(controls)
    controls.show_progress(snap, None, "classification")
    text = controls.readout.text()
    assert f"step <b>{trainer.step_count}</b>" in text and f"step {info.value.step} failed" in text
    assert "Press Play" not in text  # a run that failed at its first step is not waiting to start


def test_a_run_that_did_not_diverge_has_no_failed_step():
    trainer = Trainer(load_project(os.path.join(EXAMPLES, "xor.json")))
    trainer.step()
    assert trainer.snapshot().failed_step is None
