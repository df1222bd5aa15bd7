"""Languages: the compiled Chinese translation loads, switches at run time, and covers
the glossary and the example projects completely."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from gui import i18n
from gui.help import glossary

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import build_translations  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def english(qapp):
    """Every test ends in English, whatever it switched to."""
    yield qapp
    i18n.switch_language(qapp, "en")


@pytest.fixture(scope="module")
def zh_messages():
    return {(m["context"], m["source"]): m for m in build_translations.messages(build_translations.ts_path("zh_CN"))}


class Retranslating(QWidget):
    """A widget written as gui/i18n.py's docstring says."""

    def __init__(self):
        super().__init__()
        self.label = QLabel(self)
        self.retranslated = 0
        self.retranslate()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        self.retranslated += 1
        self.label.setText(QCoreApplication.translate("Glossary", "Backpropagation"))


def test_available_languages_are_english_and_simplified_chinese():
    assert i18n.available_languages() == [("en", "English"), ("zh_CN", "简体中文")]


def test_the_compiled_chinese_translation_loads():
    assert os.path.isfile(i18n.qm_path("zh_CN"))
    translator = QTranslator()
    assert translator.load(i18n.qm_path("zh_CN"))
    assert translator.translate("Glossary", "Backpropagation") == "反向传播"


def test_installed_chinese_translates_the_glossary_and_qt_own_buttons(english):
    assert i18n.install_translator(english, "zh_CN")
    assert i18n.current_language(english) == "zh_CN"
    translate = QCoreApplication.translate
    assert translate("Glossary", "Backpropagation") == "反向传播"
    # the standard terms of the field
    for source, term in [
        ("Forward propagation", "前向传播"),
        ("Chain rule", "链式法则"),
        ("Computation graph", "计算图"),
        ("Gradient descent", "梯度下降"),
        ("Batch gradient descent (BGD)", "批量梯度下降"),
        ("Stochastic gradient descent (SGD)", "随机梯度下降"),
        ("Mini-batch gradient descent", "小批量梯度下降"),
        ("Momentum (SGD with momentum)", "动量"),
        ("Exponentially weighted average (EMA)", "指数加权平均"),
        ("Bias correction", "偏差修正"),
        ("Learning rate", "学习率"),
        ("Vanishing gradients", "梯度消失"),
        ("Exploding gradients", "梯度爆炸"),
        ("Weight decay (L2)", "权重衰减"),
        ("Early stopping", "早停"),
        ("Overfitting", "过拟合"),
        ("Batch normalisation", "批量归一化"),
        ("Residual connection", "残差连接"),
        ("Perceptron", "感知机"),
        ("Loss function", "损失函数"),
        ("Activation function", "激活函数"),
    ]:
        assert term in translate("Glossary", source), source
    # Qt's own qtbase translation: standard buttons
    assert translate("QPlatformTheme", "Close") == "关闭"
    assert i18n.install_translator(english, "en")
    assert translate("Glossary", "Backpropagation") == "Backpropagation"
    assert translate("QPlatformTheme", "Close") == "Close"


def test_an_unknown_language_leaves_the_window_in_english(english):
    assert not i18n.install_translator(english, "xx_XX")
    assert i18n.current_language(english) == "en"
    assert QCoreApplication.translate("Glossary", "Backpropagation") == "Backpropagation"


def test_switching_at_run_time_retranslates_open_widgets(qtbot, english):
    window = QMainWindow()
    widget = Retranslating()
    window.setCentralWidget(widget)
    qtbot.addWidget(window)
    window.show()
    assert widget.label.text() == "Backpropagation"
    assert i18n.switch_language(english, "zh_CN")
    assert widget.label.text() == "反向传播"
    assert i18n.switch_language(english, "en")
    assert widget.label.text() == "Backpropagation"


def test_the_language_comes_from_the_settings_or_else_the_system(settings):
    assert i18n.system_language(QLocale("zh_CN")) == "zh_CN"
    assert i18n.system_language(QLocale("zh_TW")) == "zh_CN"
    assert i18n.system_language(QLocale("fr_FR")) == "en"
    assert i18n.preferred_language(settings) == i18n.system_language()
    settings.setValue("language", "zh_CN")
    assert i18n.preferred_language(settings) == "zh_CN"
    settings.setValue("language", "en")
    assert i18n.preferred_language(settings) == "en"
    settings.setValue("language", "klingon")  # a hand-edited file: ignored
    assert i18n.preferred_language(settings) == i18n.system_language()


def test_view_language_menu_switches_remembers_and_reports(qtbot, english, settings):
    window = QMainWindow()
    qtbot.addWidget(window)
    view = window.menuBar().addMenu("View")
    switched = []
    menu = i18n.build_language_menu(view, settings, switched.append)
    window.show()
    assert menu.title() == "&Language"
    assert menu.language_actions["en"].isChecked()
    assert [a.text() for a in menu.actions()] == ["English", "简体中文"]

    menu.language_actions["zh_CN"].trigger()
    assert settings.value("language") == "zh_CN"
    assert i18n.current_language() == "zh_CN"
    assert switched == ["zh_CN"]
    assert menu.title() == "语言(&L)"
    assert menu.language_actions["zh_CN"].isChecked()
    assert not menu.language_actions["en"].isChecked()

    menu.language_actions["en"].trigger()
    assert settings.value("language") == "en"
    assert switched == ["zh_CN", "en"]
    assert menu.title() == "&Language"


def test_chinese_puts_a_simplified_chinese_font_after_the_usual_one(english):
    before = QApplication.font()
    i18n.install_translator(english, "zh_CN")
    families = QApplication.font().families()
    if i18n.has_chinese_font() and any(f in families for f in i18n.SIMPLIFIED_CHINESE_FONTS):
        assert families[1] in i18n.SIMPLIFIED_CHINESE_FONTS
    i18n.install_translator(english, "en")
    assert QApplication.font() == before


def _render(text: str) -> QImage:
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = painter.font()
    font.setPixelSize(28)
    painter.setFont(font)
    painter.drawText(image.rect(), 0, text)
    painter.end()
    return image


def test_chinese_characters_render_as_glyphs_not_boxes(english):
    if not i18n.has_chinese_font():
        pytest.skip(f"no font with Chinese glyphs; install {i18n.CJK_FONT_HINT}")
    i18n.install_translator(english, "zh_CN")
    blank = _render("")
    first, second = _render("反"), _render("播")
    # a missing glyph draws the same box for every character
    assert first != blank and second != blank and first != second


# names that Chinese courses write in Latin letters too
LATIN_TITLES = {"adagrad", "rmsprop", "adam", "sigmoid", "tanh", "relu", "softmax"}


def test_every_glossary_entry_has_a_finished_chinese_translation(zh_messages):
    for entry in glossary.ENTRIES:
        for field in ("title", "formula", "where", "intuition"):
            source = getattr(entry, field)
            if not source:
                continue
            message = zh_messages.get(("Glossary", source))
            assert message is not None and message["finished"], (entry.key, field)
            if field in ("where", "intuition") or (field == "title" and entry.key not in LATIN_TITLES):
                assert HAN.search(message["translation"]), (entry.key, field)


def test_every_example_name_and_description_has_a_finished_chinese_translation(zh_messages):
    import json

    examples = sorted(n for n in os.listdir(os.path.join(ROOT, "resources", "examples")) if n.endswith(".json"))
    assert examples
    for name in examples:
        with open(os.path.join(ROOT, "resources", "examples", name), encoding="utf-8") as f:
            project = json.load(f)
        for field in ("name", "description"):
            message = zh_messages.get(("Examples", project[field]))
            assert message is not None and message["finished"], (name, field)
            assert HAN.search(message["translation"]), (name, field)


def test_translations_keep_markup_and_placeholders(zh_messages):
    for (context, source), message in zh_messages.items():
        translation = message["translation"] or ""
        # Qt's %1 and Python's {name} / {0} / {acc:.1f}
        for placeholder in re.findall(r"%\d|\{[^{}]*\}", source):
            assert placeholder in translation, (context, source, placeholder)
        for tag in ("sub", "sup", "br", "b"):
            assert source.count(f"<{tag}>") == translation.count(f"<{tag}>"), (context, source, tag)
        if "&" in re.sub(r"&(\w+|#\d+);", "", source):  # a mnemonic
            assert "&" in translation, (context, source)


def test_the_example_strings_are_generated_from_the_examples():
    with open(build_translations.EXAMPLE_STRINGS, encoding="utf-8") as f:
        assert f.read() == build_translations.example_strings_source()
    from gui.help.example_strings import EXAMPLE_STRINGS

    examples = os.listdir(os.path.join(ROOT, "resources", "examples"))
    assert set(EXAMPLE_STRINGS) == {n for n in examples if n.endswith(".json")}


def test_translate_example_gives_the_chinese_name(english):
    i18n.install_translator(english, "zh_CN")
    assert i18n.translate_example("Two moons") == "双月"
    assert i18n.translate_example("not an example") == "not an example"
    assert i18n.translate_example("") == ""


def test_build_translations_check_passes():
    result = subprocess.run(
        [sys.executable, os.path.join(ROOT, "scripts", "build_translations.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
