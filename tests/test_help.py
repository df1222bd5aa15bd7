"""The Help menu: the glossary searches and shows its examples, the shortcuts come from
the actions, About names the versions."""

from __future__ import annotations

import os

import numpy
import pyqtgraph
import PySide6
import pytest
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import QMainWindow

from gui import i18n
from gui.help import glossary
from gui.help.about_dialog import AboutDialog, app_version, versions_text
from gui.help.glossary_dialog import GlossaryDialog
from gui.help.menu import build_help_menu
from gui.help.shortcuts_dialog import ShortcutsDialog, action_label

REQUIRED = [
    "forward_propagation", "backpropagation", "chain_rule", "computation_graph", "gradient_descent",
    "batch_gradient_descent", "stochastic_gradient_descent", "mini_batch_gradient_descent", "momentum",
    "exponential_moving_average", "adagrad", "rmsprop", "adam", "bias_correction", "learning_rate",
    "vanishing_gradients", "exploding_gradients", "saturation", "dead_relu", "he_initialisation",
    "glorot_initialisation", "batch_norm", "residual_connection", "weight_decay", "dropout", "early_stopping",
    "overfitting", "perceptron", "xor", "mse", "cross_entropy", "sigmoid", "tanh", "relu",
]  # fmt: skip


@pytest.fixture
def glossary_dialog(qtbot):
    opened = []
    dialog = GlossaryDialog(opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.opened = opened
    return dialog


def _native(sequence) -> str:
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


# ---- the entries
def test_the_glossary_has_every_word_of_the_course_once():
    keys = [e.key for e in glossary.ENTRIES]
    assert len(keys) == len(set(keys))
    assert set(REQUIRED) <= set(keys)
    for e in glossary.ENTRIES:
        assert e.title and e.formula and e.intuition, e.key
        for other in e.see_also:
            glossary.entry(other)  # KeyError if a link leads nowhere
    with pytest.raises(KeyError, match="known: forward_propagation"):
        glossary.entry("no_such_word")


def test_the_examples_the_entries_name_exist():
    named = {e.key: e.example for e in glossary.ENTRIES if e.example}
    assert named["vanishing_gradients"] == "vanishing_sigmoid.json"
    assert named["xor"] == "xor.json"
    assert named["batch_norm"] == "deep_relu_batchnorm.json"
    assert named["residual_connection"] == "deep_residual.json"
    assert named["exploding_gradients"] == "exploding_init.json"
    for e in glossary.ENTRIES:
        if e.example:
            assert os.path.isfile(e.example_path()), e.key


def test_formulas_are_well_formed_rich_text():
    for e in glossary.ENTRIES:
        for field in ("formula", "where", "intuition"):
            html = getattr(e, field)
            if not html:
                assert field == "where", e.key
                continue
            document = QTextDocument()
            document.setHtml(html)
            text = document.toPlainText()
            # no tag left over as text: every "<" shown is an escaped one
            assert text.count("<") == html.count("&lt;") and text.count(">") == html.count("&gt;"), (e.key, field)
            assert text.strip(), (e.key, field)
            # combining accents (v̂) are drawn badly by common fonts
            assert not any(0x300 <= ord(c) <= 0x36F for c in html), (e.key, field)


# ---- the dialog
def test_the_search_filters_titles_and_text(qtbot, glossary_dialog):
    d = glossary_dialog
    assert d.visible_keys() == [e.key for e in glossary.ENTRIES]
    assert d.current_key() == "forward_propagation"
    qtbot.keyClicks(d.search, "adam")
    assert "adam" in d.visible_keys() and "dropout" not in d.visible_keys()
    assert d.current_key() == "adam"
    assert "Adam" in d.browser.toPlainText()

    d.search.setText("EMA")  # an abbreviation that is in a title
    assert d.current_key() == "exponential_moving_average"
    d.search.setText("xavier")  # another name of the same thing
    assert d.current_key() == "glorot_initialisation"
    d.search.setText("saturated units")  # words of the intuition, not of the title
    assert d.visible_keys() == ["saturation"]
    assert d.no_match.isHidden()

    d.search.setText("zzzz qqqq")
    assert d.visible_keys() == []
    assert d.no_match.isVisible() and "zzzz qqqq" in d.no_match.text()
    assert not d.show_me_button.isEnabled()
    d.search.clear()
    assert len(d.visible_keys()) == len(glossary.ENTRIES)


def test_show_me_opens_the_example_of_every_entry_that_has_one(qtbot, glossary_dialog):
    d = glossary_dialog
    for e in glossary.ENTRIES:
        d.show_entry(e.key)
        assert d.current_key() == e.key
        if e.example is None:
            assert not d.show_me_button.isEnabled(), e.key
            continue
        assert d.show_me_button.isEnabled(), e.key
        before = len(d.opened)
        qtbot.mouseClick(d.show_me_button, Qt.MouseButton.LeftButton)
        assert len(d.opened) == before + 1
        path = d.opened[-1]
        assert os.path.isfile(path) and os.path.basename(path) == e.example


def test_show_entry_clears_a_search_that_hides_it_and_links_follow(glossary_dialog):
    d = glossary_dialog
    d.search.setText("adam")
    d.show_entry("xor")
    assert d.search.text() == "" and d.current_key() == "xor"
    d.browser.anchorClicked.emit(QUrl("glossary:perceptron"))
    assert d.current_key() == "perceptron"
    assert "Perceptron" in d.browser.toPlainText()


def test_the_glossary_follows_a_language_switch(qapp, glossary_dialog):
    d = glossary_dialog
    d.show_entry("backpropagation")
    try:
        i18n.switch_language(qapp, "zh_CN")
        assert d.windowTitle() == "术语表"
        assert d.entry_list.currentItem().text() == "反向传播"
        assert "反向传播" in d.browser.toPlainText()
        d.search.setText("链式")  # Chinese words find Chinese entries
        assert d.current_key() == "chain_rule"
        d.search.setText("backprop")  # and English still works in Chinese
        assert "backpropagation" in d.visible_keys()
    finally:
        i18n.switch_language(qapp, "en")
    assert d.windowTitle() == "Glossary"


# ---- shortcuts
def test_the_shortcuts_dialog_lists_the_given_actions(qtbot):
    save = QAction("&Save…")
    save.setShortcut(QKeySequence("Ctrl+S"))
    save.setStatusTip("Save the project")
    play = QAction("Play")
    play.setShortcut(QKeySequence(Qt.Key.Key_Space))
    no_key = QAction("Export &Weights…")
    dialog = ShortcutsDialog([save, play, no_key])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.rows() == [("Save", _native("Ctrl+S"), "Save the project"), ("Play", _native("Space"), "")]
    assert dialog.table.horizontalHeaderItem(1).text() == "Shortcut"

    play.setText("Pause")  # read again every time it is shown
    dialog.hide()
    dialog.show()
    assert dialog.rows()[1][0] == "Pause"


def test_action_labels_lose_their_mnemonics():
    assert action_label(QAction("&Open…")) == "Open"
    assert action_label(QAction("Save &As...")) == "Save As"
    assert action_label(QAction("术语表(&G)")) == "术语表"
    assert action_label(QAction("Fish && &Chips")) == "Fish & Chips"


# ---- about
def test_about_shows_the_versions(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    shown = {name: label.text() for name, label in dialog.version_labels.items()}
    assert shown["Backprop Lab"] == app_version() != "?"
    assert shown["NumPy"] == numpy.__version__
    assert shown["PySide6"] == PySide6.__version__
    assert shown["Qt"] == qVersion()
    assert shown["pyqtgraph"] == pyqtgraph.__version__
    assert shown["Python"].count(".") == 2
    assert app_version() in dialog.title.text()
    dialog.copy_versions()
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text() == versions_text()
    assert f"NumPy {numpy.__version__}" in versions_text()


# ---- the menu
def test_the_help_menu_opens_each_dialog(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    new = QAction("&New", window)
    new.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
    opened = []
    menu = build_help_menu(window.menuBar(), window, lambda: [new], opened.append)
    window.show()
    assert menu.title() == "&Help"
    assert menu in [a.menu() for a in window.menuBar().actions()]
    assert menu.glossary_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert [a.objectName() for a in menu.actions() if not a.isSeparator()] == [
        "help_glossary",
        "help_shortcuts",
        "help_about",
    ]

    menu.glossary_action.trigger()
    assert menu.glossary_dialog.isVisible()
    assert menu.glossary_dialog.parent() is window
    menu.glossary_dialog.show_me_button.click()
    assert opened and os.path.isfile(opened[0])

    menu.shortcuts_action.trigger()
    labels = [row[0] for row in menu.shortcuts_dialog.rows()]
    assert labels == ["New", "Glossary", "Keyboard Shortcuts"]

    menu.about_action.trigger()
    assert menu.about_dialog.isVisible()
    for dialog in (menu.glossary_dialog, menu.shortcuts_dialog, menu.about_dialog):
        dialog.close()


def test_show_glossary_opens_on_an_entry(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = build_help_menu(window.menuBar(), window, [], lambda path: None)
    dialog = menu.show_glossary("dead_relu")
    assert dialog.current_key() == "dead_relu"
    dialog.close()


def test_screenshots_of_the_glossary_in_english_and_chinese(qtbot, qapp, tmp_path):
    dialog = GlossaryDialog(lambda path: None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_entry("adam")
    try:
        for code in ("en", "zh_CN"):
            i18n.switch_language(qapp, code)
            path = tmp_path / f"glossary_{code}.png"
            assert dialog.grab().save(str(path))
            assert path.stat().st_size > 10_000
    finally:
        i18n.switch_language(qapp, "en")
