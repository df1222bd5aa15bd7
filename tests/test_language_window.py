"""The whole main window speaks the learner's language (issue 8).

(a) with a pseudo-translator, every visible text of the real window (labels, buttons,
    menus and actions, dock titles, tooltips, combo items, group boxes, tabs, plot titles
    and axis labels) is marked for translation;
(b) in Simplified Chinese no visible text is left in English (names such as Adam, ReLU,
    SGD, MSE, x1, file extensions and numbers aside);
(c) every example opens in Chinese, its banner in Chinese;
(d) switching the language while a modified project trains keeps the project, the undo
    stack and the run.
"""

from __future__ import annotations

import glob
import os
import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QTabBar,
    QWidget,
)

from core.activations import ACTIVATIONS
from core.data import SOURCES
from core.initializers import INITIALIZERS
from core.losses import LOSS_NAMES
from core.optimizers import OPTIMIZERS
from core.schedules import SCHEDULES
from gui import i18n

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = sorted(glob.glob(os.path.join(ROOT, "resources", "examples", "*.json")))

#: names that stay as they are in every language (engine names, data values, units)
NAMES = (
    set(OPTIMIZERS)
    | set(SCHEDULES)
    | set(LOSS_NAMES)
    | set(ACTIVATIONS)
    | set(INITIALIZERS)
    | set(SOURCES)
    | {"float64", "float32", "max", "fan_in", "fan_out", "none", "tanh", "linear", "log", "grad", "NaN"}
)
#: words allowed in the Chinese window (names of methods, functions, units, file formats)
ALLOWED_ENGLISH = {
    "Adam", "AdamW", "AdaGrad", "RMSProp", "SGD", "BGD", "EMA", "MSE", "ReLU", "GELU", "ELU", "PReLU", "SiLU",
    "Nesterov", "AMSGrad", "Dropout", "Backprop", "Lab", "Xavier", "Glorot", "He", "Kaiming", "CSV", "NPZ",
    "PNG", "SVG", "NumPy", "json", "npz", "csv", "png", "svg", "eps", "alpha", "beta", "betas", "gamma", "sgd",
    "momentum", "dampening", "project", "file", "T_max", "max", "min", "eta", "NaN", "inf", "log", "norm",
    "Qt", "PySide", "pyqtgraph", "Python", "MIT", "Ctrl", "Shift", "Space", "Del", "Esc", "Tab", "Alt", "F1",
    "IDX", "MNIST", "sin", "fan_in", "fan_out", "tanh", "sigmoid", "softmax", "relu", "auto", "units",
    "dense", "batchnorm", "dropout", "residual", "layers", "input", "output", "epoch", "constant", "step",
    "exponential", "cosine", "grad", "XOR", "scikit", "learn", "setosa", "versicolor", "virginica", "data",
    "noise", "features", "pi", "std",
}  # fmt: skip
ALLOWED_ENGLISH |= {"ONNX", "onnx", "Runtime", "PyTorch"}  # File > Export Model as ... (product names)
# the standard abbreviations Chinese texts use too: ROC / PR curves, their AUC and AP, principal components
ALLOWED_ENGLISH |= {"ROC", "PR", "AUC", "AP", "PC"}


class PseudoTranslator(QTranslator):
    """Wraps every string it is asked for in ‹…›."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"\u2039{source}\u203a" if source else source


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every visible text under ``root``."""
    out: list[tuple[str, str]] = []

    def add(where, text):
        if isinstance(text, str) and text.strip():
            out.append((where, text))

    objects = [root, *root.findChildren(QWidget), *root.findChildren(QAction)]
    for obj in objects:
        name = f"{type(obj).__name__}#{obj.objectName()}"
        if isinstance(obj, QAction):
            if _from_pyqtgraph(obj):  # a plot's own right-click menu: pyqtgraph's, not ours
                continue
            if obj.objectName().startswith("language_"):  # a language's own name is never translated
                continue
            if not obj.isSeparator():
                add(name + ".text", obj.text())
                add(name + ".toolTip", obj.toolTip())
            continue
        w = obj
        if isinstance(w, QDockWidget) or w is root:
            add(name + ".windowTitle", w.windowTitle())
        add(name + ".toolTip", w.toolTip())
        if hasattr(w, "full_text"):
            add(name + ".text", w.full_text())
        elif isinstance(w, (QLabel, QAbstractButton)):
            add(name + ".text", w.text())
        elif isinstance(w, QMenu):
            add(name + ".title", w.title())
        elif isinstance(w, QGroupBox):
            add(name + ".title", w.title())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(f"{name}.item{i}", w.itemText(i))
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(f"{name}.tab{i}", w.tabText(i))
        elif isinstance(w, QLineEdit):
            add(name + ".placeholder", w.placeholderText())
        elif isinstance(w, QSpinBox):
            add(name + ".prefix", w.prefix())
            add(name + ".special", w.specialValueText())
        if isinstance(w, pg.GraphicsView):
            for item in w.scene().items():
                if isinstance(item, pg.AxisItem):
                    add(name + ".axis", item.labelText)
                elif isinstance(item, pg.LabelItem):
                    add(name + ".label", item.text)
    return out


def _from_pyqtgraph(obj) -> bool:
    while obj is not None:
        if type(obj).__module__.startswith("pyqtgraph"):
            return True
        obj = obj.parent()
    return False


def _strip(text: str, data: set[str]) -> str:
    text = re.sub(r"<[^>]+>", " ", text)  # markup
    text = re.sub(r"&\w+;", " ", text)  # entities
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def unmarked_words(text: str, data: set[str]) -> list[str]:
    """English words in ``text`` outside ‹…›, not from the data."""
    text = _strip(text, data)
    while re.search("\u2039[^\u2039\u203a]*\u203a", text):  # innermost first: ‹‹untitled› — Backprop Lab›
        text = re.sub("\u2039[^\u2039\u203a]*\u203a", " ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def english_words(text: str, data: set[str]) -> list[str]:
    words = re.findall(r"[A-Za-z]{2,}", _strip(text, data))
    return [w for w in words if w not in ALLOWED_ENGLISH and w.lower() not in ALLOWED_ENGLISH]


def data_values(window) -> set[str]:
    info = window.info
    values = set(NAMES)
    if info is not None:
        values |= {layer.label for layer in info.layers} | set(info.feature_names or [])
        values |= {layer.path for layer in info.layers}
    values |= {f"x{i}" for i in range(1, 70)} | {f"class {i}" for i in range(10)}
    values |= {os.path.splitext(os.path.basename(path))[0] for path in EXAMPLES}  # named in descriptions
    if window.doc.path:
        values.add(os.path.basename(window.doc.path))
    return values


@pytest.fixture
def english_window(qtbot, settings, monkeypatch):
    from gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_confirm_discard", lambda self: True)

    def make():
        win = MainWindow(settings=settings)
        qtbot.addWidget(win)
        win.resize(1600, 1000)
        win.show()
        qtbot.waitUntil(lambda: win.info is not None, timeout=10000)
        made.append(win)
        return win

    made = []
    yield make
    for win in made:
        win.close()
        assert not win.worker.isRunning()


@pytest.fixture
def chinese(qapp):
    assert i18n.install_translator(qapp, "zh_CN")
    yield
    i18n.install_translator(qapp, "en")


def _select_every_layer(window, qtbot):
    """Show the inspector's editors too (they appear when a layer is selected)."""
    layers = window.doc.project["network"]["layers"]
    if layers:
        window._on_layer_selected("layers.0")


def test_every_visible_text_of_the_window_is_marked(qtbot, english_window, qapp):
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        window = english_window()
        _select_every_layer(window, qtbot)
        qtbot.wait(50)
        data = data_values(window)
        bad = [(where, text) for where, text in visible_texts(window) if unmarked_words(text, data)]
        assert not bad, "\n".join(f"{w}: {t!r}" for w, t in bad[:40])
    finally:
        QCoreApplication.removeTranslator(translator)


def test_no_english_left_in_the_chinese_window(qtbot, english_window, chinese):
    window = english_window()
    _select_every_layer(window, qtbot)
    qtbot.wait(50)
    data = data_values(window)
    bad = [(where, text) for where, text in visible_texts(window) if english_words(text, data)]
    assert not bad, "\n".join(f"{w}: {t!r} {english_words(t, data)}" for w, t in bad[:40])


@pytest.mark.parametrize("path", EXAMPLES, ids=[os.path.basename(p) for p in EXAMPLES])
def test_every_example_opens_in_chinese(qtbot, english_window, chinese, path):
    window = english_window()
    window.open_example(path)
    qtbot.waitUntil(lambda: window.description.isVisible() and bool(window.description.text()), timeout=15000)
    text = window.description.text()
    assert re.search(r"[\u4e00-\u9fff]", text), text
    assert not english_words(text.replace("href='hide'", ""), data_values(window)), text
    assert not window.banner.isVisible(), window.banner.text()


def test_switching_language_keeps_project_undo_and_run(qtbot, english_window, qapp):
    window = english_window()
    window.edit("training", {**window.doc.project["training"], "epochs": 777}, "epochs")
    undo_count = window.doc.undo_stack.count()
    project = window.doc.project
    window.worker.set_speed("slow")  # still training when the switch is over, however fast the machine
    window.toggle_play()
    qtbot.waitUntil(lambda: window.playing, timeout=10000)
    generation = window.generation
    try:
        assert i18n.switch_language(qapp, "zh_CN")
        assert window.doc.project == project
        assert window.doc.undo_stack.count() == undo_count
        assert window.playing and window.generation == generation
        training = window.findChild(QWidget, "batchMode")
        assert re.search(r"[\u4e00-\u9fff]", training.currentText())
        assert training.currentData() in ("batch", "stochastic", "mini-batch")
        assert re.search(r"[\u4e00-\u9fff]", window.menuBar().actions()[0].text())
        assert i18n.switch_language(qapp, "en")
        assert window.menuBar().actions()[0].text() == "&File"
        assert window.doc.project == project and window.doc.undo_stack.count() == undo_count
        assert window.generation == generation
    finally:
        i18n.install_translator(qapp, "en")
        if window.playing:
            window.toggle_play()


def test_a_switch_at_run_time_leaves_no_english_and_switches_back(qtbot, english_window, qapp):
    window = english_window()
    window.open_example(os.path.join(ROOT, "resources", "examples", "iris.json"))
    qtbot.waitUntil(lambda: window.description.isVisible(), timeout=15000)
    _select_every_layer(window, qtbot)
    qtbot.wait(50)
    before = sorted(visible_texts(window))
    try:
        assert i18n.switch_language(qapp, "zh_CN")
        qtbot.wait(50)
        data = data_values(window)
        bad = [(where, text) for where, text in visible_texts(window) if english_words(text, data)]
        assert not bad, "\n".join(f"{w}: {t!r} {english_words(t, data)}" for w, t in bad[:40])
        assert i18n.switch_language(qapp, "en")
        qtbot.wait(50)
        chinese = [(w, t) for w, t in visible_texts(window) if re.search(r"[\u4e00-\u9fff]", t) and t != "简体中文"]
        assert not chinese, chinese[:20]
        assert len(visible_texts(window)) >= len(before) // 2
    finally:
        i18n.install_translator(qapp, "en")
