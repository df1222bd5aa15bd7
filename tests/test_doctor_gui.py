"""The Doctor dock and Inspect → Gradient check… driven as a person would."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QUrl

import gui.gradient_check as gc
from core.inspect import GradientCheckCancelled, gradient_check
from core.trainer import Trainer
from gui.window_layout import EXAMPLES_DIR

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_doctor_dock_on_vanishing_sigmoid(qtbot, window):
    panel = window.doctor_panel
    assert "Doctor" in window.docks
    window.open_example(os.path.join(EXAMPLES_DIR, "vanishing_sigmoid.json"))
    qtbot.waitUntil(lambda: window.info is not None and len(window.info.layers) == 10, timeout=10000)
    assert panel.doctor.fed <= 1  # reset by the new build
    window.controller.step(60)
    qtbot.waitUntil(lambda: panel.doctor.step >= 60, timeout=20000)
    qtbot.waitUntil(lambda: "vanishing_gradients" in [d.code for d in panel.current], timeout=5000)
    text = panel.view.toPlainText()
    assert "Vanishing gradients" in text and "0 dense 16 sigmoid" in text and "orders of magnitude" in text
    assert "show the plot" in text
    # the evidence link raises its dock, even a hidden one
    window.docks["Gradient norms"].hide()
    raised = []
    panel.show_panel.connect(raised.append)
    panel._on_link(QUrl("panel:Gradient norms"))
    assert raised == ["Gradient norms"] and window.docks["Gradient norms"].isVisible()
    asked = []
    panel.glossary_requested.connect(asked.append)
    panel._on_link(QUrl("glossary:vanishing_gradients"))
    assert asked == ["vanishing_gradients"]
    dialog = window.help_menu.glossary_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.close()
    # a new project: nothing to say yet
    window.reset_weights()
    qtbot.waitUntil(lambda: panel.current == [] and panel.doctor.step == 0, timeout=5000)
    assert "No problems found" in panel.view.toPlainText() or "Train the network" in panel.view.toPlainText()


def test_gradient_check_progress_and_cancel_keep_results():
    trainer = Trainer({"format": "backprop-lab/1", "seed": 3, "data": {"source": "xor", "samples": 40},
                       "network": {"layers": [{"type": "dense", "units": 5, "activation": "tanh"},
                                              {"type": "dense", "units": 1, "activation": "sigmoid"}]}})
    net, x, t = trainer.network, trainer.x_train[:4], trainer.t_train[:4]
    before = net.flat.copy()
    plain = gradient_check(net, trainer.loss, x, t)
    seen = []
    again = gradient_check(net, trainer.loss, x, t, progress=lambda d, n: seen.append((d, n)), every=4)
    assert [r["relative_error"] for r in plain] == [r["relative_error"] for r in again]
    assert seen[-1] == (net.num_params, net.num_params) and seen[0] == (4, net.num_params)
    with pytest.raises(GradientCheckCancelled):
        gradient_check(net, trainer.loss, x, t, cancelled=lambda: True, every=2)
    assert np.array_equal(net.flat, before)


def test_gradient_check_dialog_finishes_and_cancels(qtbot, window, monkeypatch):
    panel = window.doctor_panel
    window.controller.step(30)
    qtbot.waitUntil(lambda: panel.doctor.step >= 30, timeout=20000)
    panel.render()
    assert panel.current == [] and "No problems found" in panel.view.toPlainText()  # a healthy run
    window.actions_by_name["gradient_check"].trigger()
    dialog = window.gradient_check_dialog
    assert dialog.isVisible() and window.actions_by_name["gradient_check"] in window.inspect_menu.actions()
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=30000)
    assert dialog.thread is None
    n_tensors = sum(1 for _ in window.info.layers) * 2
    assert dialog.table.rowCount() == n_tensors
    for i in range(dialog.table.rowCount()):
        assert float(dialog.table.item(i, 1).text()) < 1e-4
        assert dialog.table.item(i, 3).text() in ("fine", "fine (round-off)", "look closer")
    assert "Largest relative error" in dialog.summary.text()
    assert dialog.progress.value() == dialog.progress.maximum() > 0
    from gui import i18n

    try:  # the readings follow a language switch, as do the doctor's sentences
        assert i18n.switch_language(QCoreApplication.instance(), "zh_CN")
        assert dialog.table.item(0, 3).text().startswith("正常")
        assert "未发现问题" in panel.view.toPlainText()
    finally:
        assert i18n.switch_language(QCoreApplication.instance(), "en")
    assert dialog.table.item(0, 3).text().startswith("fine")
    dialog.close()
    assert not dialog.isVisible()

    def slow_check(network, loss, x, target, progress=None, cancelled=None, **kw):
        progress(1, 100)
        while not cancelled():
            QThread_sleep()
        raise GradientCheckCancelled("cancelled")

    def QThread_sleep():
        import time

        time.sleep(0.005)

    monkeypatch.setattr(gc, "gradient_check", slow_check)
    dialog = gc.open_gradient_check(window)
    qtbot.waitUntil(lambda: dialog.state == "running" and dialog.progress.value() == 1, timeout=10000)
    assert dialog.cancel_button.isEnabled() and not dialog.run_button.isEnabled()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.state == "cancelled", timeout=5000)
    assert dialog.thread is None and dialog.run_button.isEnabled()
    # cancelled while the weights are on their way
    dialog.start()
    assert dialog.state == "asking"
    dialog.cancel()
    assert dialog.state == "cancelled"
    qtbot.wait(200)  # the weights arrive and are dropped
    assert dialog.state == "cancelled" and dialog.thread is None
    # closing the window while a check runs joins its thread
    dialog.start()
    qtbot.waitUntil(lambda: dialog.state == "running", timeout=10000)
    thread = dialog.thread
    window.close()
    assert dialog.thread is None and not thread.isRunning()


SAMPLE_ARGS = {
    ("vanishing_gradients", None): dict(first="0 dense 16 sigmoid", last="9 dense 1 sigmoid", first_norm=2e-7,
                                        last_norm=0.1, orders=5.7),
    ("exploding_gradients", "nonfinite"): dict(cause="nonfinite", step=3),
    ("exploding_gradients", "growing"): dict(cause="growing", low=1.0, high=2000.0),
    ("exploding_gradients", "depth"): dict(cause="depth", first="0 dense 4 tanh", last="1 dense 4 tanh",
                                           first_norm=5e3, last_norm=1.0, orders=3.7),
    ("saturated_units", None): dict(layers=["0 dense 16 tanh"], fraction=0.73),
    ("dead_relu", None): dict(layers=["0 dense 16 relu", "1 dense 16 relu"], fraction=1.0),
    ("lr_too_high", "rising"): dict(kind="rising", best=0.5, now=4.5, lr=5.0),
    ("lr_too_high", "oscillating"): dict(kind="oscillating", low=0.5, high=1.5, lr=5.0),
    ("lr_too_low", None): dict(ratio=1.4e-6, lr=1e-6),
    ("symmetric_weights", None): dict(layers=["0 dense 8 tanh"]),
    ("overfitting", None): dict(best=0.12, now=0.17, best_step=345, train_best=0.02, train_now=0.002),
    ("plateau", None): dict(steps=300, loss=0.6958),
}


def test_every_diagnosis_is_worded_and_translatable(qapp):
    from test_panels_translatable import PseudoTranslator, _untranslated

    from core.doctor import CODES, EVIDENCE, REMEDIES, Diagnosis
    from gui.help.glossary import entry
    from gui.panels.doctor_panel import DIAGNOSIS_GLOSSARY, SENTENCES
    from gui.panels.doctor_panel import REMEDIES as WORDS

    assert set(SENTENCES) == set(SAMPLE_ARGS) and {code for code, _ in SENTENCES} == set(CODES)
    assert all(code in WORDS for rs in REMEDIES.values() for code in rs)
    for key in [*DIAGNOSIS_GLOSSARY.values(), *(k for _s, k in WORDS.values() if k)]:
        entry(key)  # every glossary link has an entry
    from gui.panels.doctor_panel import DoctorPanel

    panel = DoctorPanel()
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        for (code, _kind), args in SAMPLE_ARGS.items():
            d = Diagnosis(code, "warning", args, EVIDENCE[code], REMEDIES[code])
            panel.render([d])
            text = panel.view.toPlainText()
            labels = {v for a in args.values() for v in (a if isinstance(a, list) else [a]) if isinstance(v, str)}
            assert _untranslated(text, labels) == [], (code, text)
            assert "{" not in text and code not in text, text
    finally:
        QCoreApplication.removeTranslator(translator)
    panel.deleteLater()
