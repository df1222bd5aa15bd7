"""A divergence reaches the Chinese window wholly in Chinese: the engine's English phrase
naming the layer or parameter is said again from the names it was made of."""

from __future__ import annotations

from gui import i18n
from gui.controller import coded_message

LOSS_ARGS = {
    "step": 3,
    "epoch": 1,
    "where": "the output of network.layers[2] (2 dense 16 relu)",
    "layer": "network.layers[2]",
    "label": "2 dense 16 relu",
    "loss": "bce",
}
GRAD_ARGS = {"step": 3, "epoch": 1, "where": "the gradient of layers.0.weight (x)", "param": "layers.0.weight"}


def test_divergence_sentences_name_the_place_in_the_window_language(qapp):
    assert "the output of network.layers[2] (2 dense 16 relu)" in coded_message("nonfinite_loss", LOSS_ARGS, "x")
    assert i18n.install_translator(qapp, "zh_CN")
    try:
        loss = coded_message("nonfinite_loss", LOSS_ARGS, "x")
        grad = coded_message("nonfinite_gradient", GRAD_ARGS, "x")
    finally:
        i18n.install_translator(qapp, "en")
    assert "the output of" not in loss and "network.layers[2]（2 dense 16 relu）的输出" in loss
    assert "the gradient of" not in grad and "layers.0.weight 的梯度" in grad
    assert "the output of" in coded_message("nonfinite_loss", LOSS_ARGS, "x")  # English again
