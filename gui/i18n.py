"""Languages: Qt translators for our strings and for Qt's own, chosen from the settings
or the system locale, and switchable while the window is open.

The English text in the source is the source language; ``resources/i18n/`` holds one
compiled ``backprop_lab_<code>.qm`` per other language (built from the ``.ts`` next to
it by ``scripts/build_translations.py``). Qt's standard dialogs and buttons are
translated by Qt's own ``qtbase_<code>.qm`` from PySide6's translations folder.

At start-up, before the window is made (so it is born in the right language)::

    install_translator(app, preferred_language(QSettings("BackpropLab", "Backprop Lab")))

How a widget follows a language switch
--------------------------------------
Installing or removing a translator makes Qt send ``QEvent.LanguageChange`` to every
top-level widget, which passes it on to its children (menus, docks, dialogs that have a
parent). A widget sets all its visible text in one method and calls it again from
``changeEvent``::

    class LossPanel(QWidget):
        def __init__(self):
            super().__init__()
            self.caption = QLabel()
            self.retranslate()

        def changeEvent(self, event):
            if event.type() == QEvent.LanguageChange:
                self.retranslate()
            super().changeEvent(event)

        def retranslate(self):
            self.caption.setText(self.tr("Loss per epoch"))

Text that is made on the fly (a status message, a banner, a plot title built from
numbers) is translated when it is made, so it follows the language of that moment.
Nothing else is needed: the document, the worker and the plots' data are untouched by a
switch, so the project stays open.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication, QMenu

# (code, name in its own language): a language's name is never translated, so a
# person who cannot read the current language still finds their own.
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("zh_CN", "简体中文"))
SOURCE_LANGUAGE = "en"
SETTINGS_KEY = "language"
QM_PREFIX = "backprop_lab"
TRANSLATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "i18n")

# Fonts with the simplified forms of the Han characters. Without a hint, fontconfig's
# fallback often picks the Japanese face of Noto Sans CJK, whose glyphs differ
# (骨, 直, 误); these are put after the usual font, so Latin text keeps its look.
SIMPLIFIED_CHINESE_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)
CJK_FONT_HINT = "fonts-noto-cjk (Debian / Ubuntu), google-noto-sans-cjk-fonts (Fedora)"

# the translators and the font in use, kept on the application object (no globals)
_STATE_ATTR = "_backprop_lab_i18n"


# ---- Public API
def available_languages() -> list[tuple[str, str]]:
    """The languages the window can speak, as ``(code, native name)``; English first."""
    return list(LANGUAGES)


def qm_path(language_code: str) -> str:
    """Where the compiled translation of ``language_code`` lives (it may not exist)."""
    return os.path.join(TRANSLATIONS_DIR, f"{QM_PREFIX}_{language_code}.qm")


def system_language(locale: QLocale | None = None) -> str:
    """The code of ours that best fits ``locale`` (the system's by default).

    Any Chinese locale gets Simplified Chinese, the only Chinese we have; every other
    locale gets English.
    """
    locale = QLocale.system() if locale is None else locale
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return SOURCE_LANGUAGE


def preferred_language(settings: QSettings | None) -> str:
    """The language remembered in ``settings`` ("language"), or else the system's."""
    if settings is not None:
        code = settings.value(SETTINGS_KEY)
        if isinstance(code, str) and code in dict(LANGUAGES):
            return code
    return system_language()


def current_language(app: QCoreApplication | None = None) -> str:
    """The code of the language installed by :func:`install_translator` (English if none)."""
    app = app or QCoreApplication.instance()
    state = getattr(app, _STATE_ATTR, None)
    return state["code"] if state else SOURCE_LANGUAGE


def install_translator(app: QCoreApplication, language_code: str) -> bool:
    """Make ``app`` speak ``language_code``: our ``.qm`` and Qt's own translations.

    Replaces whatever this function installed before, so it is also how the language
    is switched (see :func:`switch_language`). English needs no translator. Returns
    False, and leaves the application in English, when the code is unknown or our
    ``.qm`` cannot be loaded; Qt's own translations are optional (standard buttons stay
    in English without them).
    """
    state = _state(app)
    for translator in state["translators"]:
        app.removeTranslator(translator)
        translator.deleteLater()
    state["translators"] = []
    state["code"] = SOURCE_LANGUAGE
    ok = language_code == SOURCE_LANGUAGE
    if language_code in dict(LANGUAGES) and language_code != SOURCE_LANGUAGE:
        ours = QTranslator(app)
        if ours.load(qm_path(language_code)):
            # Qt's first: a translator installed later is asked first, so ours wins
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qt_own = QTranslator(app)
            if qt_own.load(f"qtbase_{language_code}", qt_dir):
                app.installTranslator(qt_own)
                state["translators"].append(qt_own)
            app.installTranslator(ours)
            state["translators"].append(ours)
            state["code"] = language_code
            ok = True
    _apply_font(app, state)
    return ok


def switch_language(app: QCoreApplication, language_code: str) -> bool:
    """Change the language while the window is open.

    The old translators are removed and the new ones installed; Qt then sends
    ``QEvent.LanguageChange`` to every widget, whose ``changeEvent`` calls its
    ``retranslate()`` (see the module docstring). The events are sent before this
    returns. Returns what :func:`install_translator` returns.
    """
    ok = install_translator(app, language_code)
    # QApplication posts LanguageChange to the top-level widgets: deliver them now,
    # so the caller (and a test) sees the new language on return
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return ok


def build_language_menu(
    parent_menu: QMenu, settings: QSettings, on_switched: Callable[[str], None] | None = None
) -> QMenu:
    """Add a Language submenu to ``parent_menu`` (View): one checkable item per language.

    Choosing one remembers it in ``settings`` ("language"), switches the running
    application to it, then calls ``on_switched(code)`` (e.g. to retranslate text that
    is not a widget's). The submenu's own title follows the language.
    """
    menu = LanguageMenu(settings, on_switched, parent_menu)
    parent_menu.addMenu(menu)
    return menu


def has_chinese_font() -> bool:
    """Whether any installed font has Chinese glyphs (if not, name ``CJK_FONT_HINT``)."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def translate_example(text: str) -> str:
    """An example project's name or description in the current language.

    Every example's ``name`` and ``description`` is extracted into the "Examples"
    context by ``scripts/build_translations.py``; any other text comes back unchanged.
    """
    return QCoreApplication.translate("Examples", text) if text else text


class LanguageMenu(QMenu):
    """View → Language: the languages, the current one checked."""

    def __init__(self, settings: QSettings, on_switched: Callable[[str], None] | None, parent=None):
        super().__init__(parent)
        self.setObjectName("language_menu")
        self._settings = settings
        self._on_switched = on_switched
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES:
            action = QAction(name, self)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setData(code)
            self._group.addAction(action)
            self.addAction(action)
            self.language_actions[code] = action
        self._group.triggered.connect(self._on_triggered)
        self.retranslate()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        self.setTitle(QCoreApplication.translate("LanguageMenu", "&Language"))
        self.setToolTip(QCoreApplication.translate("LanguageMenu", "The language of the window"))
        code = current_language()
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)

    def _on_triggered(self, action: QAction):
        code = action.data()
        self._settings.setValue(SETTINGS_KEY, code)
        if code != current_language():
            switch_language(QCoreApplication.instance(), code)
        if self._on_switched is not None:
            self._on_switched(code)


# ---- Private API
def _state(app: QCoreApplication) -> dict:
    state = getattr(app, _STATE_ATTR, None)
    if state is None:
        font = QApplication.font() if isinstance(app, QApplication) else None
        state = {"translators": [], "code": SOURCE_LANGUAGE, "font": font}
        setattr(app, _STATE_ATTR, state)
    return state


def _apply_font(app: QCoreApplication, state: dict) -> None:
    """Put a Simplified Chinese font after the usual one when Chinese is active."""
    original = state["font"]
    if original is None:  # a QCoreApplication has no fonts
        return
    if state["code"] == "zh_CN":
        installed = set(QFontDatabase.families())
        cjk = [family for family in SIMPLIFIED_CHINESE_FONTS if family in installed]
        if cjk:
            font = QFont(original)
            font.setFamilies([QFontInfo(original).family(), *cjk])
            QApplication.setFont(font)
            return
    if QApplication.font() != original:
        QApplication.setFont(original)
