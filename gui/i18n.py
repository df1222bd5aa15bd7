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

Everything already on screen that no ``retranslate()`` re-sets is converted by
:func:`switch_language` after the events: :func:`retranslate_tree` walks every widget,
action, combo item, tooltip, plot title and axis label and turns each of our strings
from the old language into the new one with :class:`TextMap`, built from the ``.ts``
files (exact texts by lookup; texts made with ``.format(...)`` by matching the
template's placeholders; texts composed with markup or " — " piece by piece). A
widget that keeps a text to use later (a label for plots it has not made yet) passes
it through :func:`retranslated` from its ``changeEvent``. Nothing else is needed: the
document, the worker and the plots' data are untouched by a switch, so the project,
the undo stack and a running training stay as they are.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QSettings, Qt, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication, QMenu, QWidget

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
    state["previous"] = state["code"]
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
    old = current_language(app)
    ok = install_translator(app, language_code)
    # QApplication posts LanguageChange to the top-level widgets: deliver them now,
    # so the caller (and a test) sees the new language on return
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    new = current_language(app)
    if old != new and isinstance(app, QApplication):
        # what no retranslate() re-set: every other text on screen
        text_map = _text_map(app)
        for widget in QApplication.topLevelWidgets():
            retranslate_tree(widget, old, new, text_map)
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


def retranslated(text: str) -> str:
    """``text``, made in the language before the last switch, in the current one (as is if
    it is not one of our strings). For a text a widget keeps to use later (a label for
    plots it has not made yet): call it from ``changeEvent`` on ``LanguageChange``."""
    app = QCoreApplication.instance()
    state = _state(app)
    other = _text_map(app).convert(text, state.get("previous", SOURCE_LANGUAGE), state["code"])
    return text if other is None else other


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


# ---- Re-translating what is already on screen
class TextMap:
    """Every marked string of the ``.ts`` files, to turn a text shown in one language into
    another: exact texts by lookup, texts made with ``.format(...)`` by matching the
    source's ``{placeholders}`` and putting the same values into the other template."""

    _PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

    def __init__(self):
        self._to_english: dict[str, dict[str, str]] = {}
        self._from_english: dict[str, dict[str, str]] = {}
        self._patterns: dict[str, list] = {}  # code -> [(regex in code, fields, English template)]
        self._english_patterns: list = []  # [(regex in English, fields, source)]
        self._templates: dict[str, dict[str, str]] = {}  # code -> English template -> its translation

    #: what composed texts are put together with: markup, and the separators of the read-out and banners
    _JOINTS = re.compile(r"(<[^>]+>|&nbsp;|\s[\u2014\u00b7]\s)")

    def convert(self, text: str, old: str, new: str) -> str | None:
        """``text`` (shown in ``old``) in ``new``; None when it is not one of our strings.

        A text composed of several of our strings (joined by markup or " — ") is
        converted piece by piece."""
        if not text or old == new:
            return None
        whole = self._convert(text, old, new)
        if whole is not None:
            return whole
        pieces = self._JOINTS.split(text)
        if len(pieces) < 2:
            return None
        changed = False
        for i, piece in enumerate(pieces):
            core = piece.strip()
            if i % 2 or not core:
                continue
            other = self._convert(core, old, new)
            if other is not None:
                pieces[i] = piece.replace(core, other, 1)
                changed = True
        return "".join(pieces) if changed else None

    def _convert(self, text: str, old: str, new: str) -> str | None:
        english = text if old == SOURCE_LANGUAGE else self._lookup_back(text, old)
        if english is None:
            return None
        if new == SOURCE_LANGUAGE:
            return english if english != text else None
        self._load(new)
        exact = self._from_english[new].get(english)
        if exact is not None:
            return exact if exact != text else None
        for regex, fields, source in self._english_patterns:
            match = regex.fullmatch(english)
            target = self._templates[new].get(source) if match else None
            filled = _fill(target, fields, match, lambda v: self._convert(v, SOURCE_LANGUAGE, new)) if target else None
            if filled is not None:
                return filled
        return None

    def _lookup_back(self, text: str, code: str) -> str | None:
        self._load(code)
        exact = self._to_english[code].get(text)
        if exact is not None:
            return exact
        for regex, fields, source in self._patterns[code]:
            match = regex.fullmatch(text)
            filled = _fill(source, fields, match, lambda v: self._lookup_back(v, code)) if match else None
            if filled is not None:
                return filled
        return None

    def _load(self, code: str) -> None:
        if code in self._to_english:
            return
        import xml.etree.ElementTree as ET

        to_en: dict[str, str] = {}
        from_en: dict[str, str] = {}
        patterns, templates = [], {}
        path = os.path.join(TRANSLATIONS_DIR, f"{QM_PREFIX}_{code}.ts")
        english_seen = {p[2] for p in self._english_patterns}
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError):
            root = None
        for message in root.iter("message") if root is not None else ():
            source = message.findtext("source") or ""
            node = message.find("translation")
            if node is None or node.get("type") in ("obsolete", "vanished"):
                continue
            translation = node.text or ""
            if not source or not translation:
                continue
            if self._PLACEHOLDER.search(source):
                templates.setdefault(source, translation)
                compiled = _template_regex(translation)
                if compiled is not None:
                    patterns.append((*compiled, source))
                if source not in english_seen:
                    compiled = _template_regex(source)
                    if compiled is not None:
                        self._english_patterns.append((*compiled, source))
                        english_seen.add(source)
            else:
                to_en.setdefault(translation, source)
                from_en.setdefault(source, translation)
        self._to_english[code], self._from_english[code] = to_en, from_en
        self._patterns[code], self._templates[code] = patterns, templates


def _template_regex(template: str):
    """``(regex, fields)`` matching what ``template.format(...)`` makes; None if its fixed
    part has fewer than two letters (``"{path}: {reason}"`` would match any text)."""
    fixed = re.sub(r"<[^>]+>", "", TextMap._PLACEHOLDER.sub("", template))
    if len(re.findall(r"[A-Za-z\u4e00-\u9fff]", fixed)) < 2:
        return None
    fields: list[str] = []
    parts, last = [], 0
    for match in TextMap._PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        field = re.split(r"[:!]", match.group(1), maxsplit=1)[0]
        if field in fields:
            parts.append(f"(?P=f{fields.index(field)})")
        else:
            parts.append(f"(?P<f{len(fields)}>.+?)")
            fields.append(field)
        last = match.end()
    parts.append(re.escape(template[last:]))
    try:
        return re.compile("".join(parts), re.DOTALL), fields
    except re.error:
        return None


def _fill(template: str, fields: list[str], match, inner=None) -> str | None:
    """``template`` with the values ``match`` found; a value that is itself one of our
    strings (``"validation"`` in "Confusion matrix (validation set)") is converted by ``inner``."""
    values = {field: match.group(f"f{i}") for i, field in enumerate(fields)}
    if inner is not None:
        values = {
            field: (inner(v) if v and not v.strip().replace(".", "").isdigit() else None) or v
            for field, v in values.items()
        }

    def value(m):
        field = re.split(r"[:!]", m.group(1), maxsplit=1)[0]
        if field not in values:
            raise KeyError(field)
        return values[field]

    try:
        return TextMap._PLACEHOLDER.sub(value, template)
    except KeyError:
        return None


def _text_map(app: QCoreApplication) -> TextMap:
    state = _state(app)
    if "text_map" not in state:
        state["text_map"] = TextMap()
    return state["text_map"]


def retranslate_tree(root: QObject, old: str, new: str, text_map: TextMap | None = None) -> int:
    """Turn every visible text under ``root`` from language ``old`` into ``new``: window
    titles, labels, buttons, group boxes, menus and actions, combo items, tab texts,
    tooltips, placeholders, spin box prefixes, panel captions and read-outs, and the
    titles, axis labels and legends of pyqtgraph plots. Texts that are not our strings
    (numbers, names, the user's data) are left alone. Returns how many texts changed.

    Widgets that re-set their own text on ``LanguageChange`` (a ``retranslate()``) have
    done so already; their texts are in ``new`` and are not ours in ``old``, so they
    are left alone too.
    """
    text_map = text_map or _text_map(QCoreApplication.instance())
    changed = 0

    def redo(getter, setter) -> None:
        nonlocal changed
        try:
            value = getter()
        except (RuntimeError, TypeError):
            return
        if not isinstance(value, str) or not value:
            return
        other = text_map.convert(value, old, new)
        if other is not None and other != value:
            setter(other)
            changed += 1

    objects = [root, *root.findChildren(QObject)]
    for obj in objects:
        if isinstance(obj, QAction):
            redo(obj.text, obj.setText)
            redo(obj.toolTip, obj.setToolTip)
            redo(obj.statusTip, obj.setStatusTip)
            continue
        if not isinstance(obj, QWidget):
            continue
        _retranslate_widget(obj, redo)
    return changed


def _retranslate_widget(w, redo) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QDoubleSpinBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QSpinBox,
        QTabBar,
        QTableWidget,
        QTabWidget,
        QTextEdit,
    )

    redo(w.windowTitle, w.setWindowTitle)
    if hasattr(w, "full_text") and hasattr(w, "set_full_text"):
        redo(w.full_text, w.set_full_text)
    elif isinstance(w, (QLabel, QAbstractButton)):
        redo(w.text, w.setText)
    elif isinstance(w, QMenu):
        redo(w.title, w.setTitle)
    elif isinstance(w, QGroupBox):
        redo(w.title, w.setTitle)
    elif isinstance(w, QComboBox):
        for i in range(w.count()):
            redo(lambda i=i: w.itemText(i), lambda t, i=i: w.setItemText(i, t))
            redo(
                lambda i=i: w.itemData(i, Qt.ItemDataRole.ToolTipRole),
                lambda t, i=i: w.setItemData(i, t, Qt.ItemDataRole.ToolTipRole),
            )
    elif isinstance(w, QTabWidget):
        for i in range(w.count()):
            redo(lambda i=i: w.tabText(i), lambda t, i=i: w.setTabText(i, t))
            redo(lambda i=i: w.tabToolTip(i), lambda t, i=i: w.setTabToolTip(i, t))
    elif isinstance(w, QTabBar):
        for i in range(w.count()):
            redo(lambda i=i: w.tabText(i), lambda t, i=i: w.setTabText(i, t))
    elif isinstance(w, QLineEdit):
        redo(w.placeholderText, w.setPlaceholderText)
    elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
        redo(w.prefix, w.setPrefix)
        redo(w.suffix, w.setSuffix)
        redo(w.specialValueText, w.setSpecialValueText)
    elif isinstance(w, QTableWidget):
        for i in range(w.columnCount()):
            item = w.horizontalHeaderItem(i)
            if item is not None:
                redo(item.text, item.setText)
    elif not isinstance(w, (QAbstractSpinBox, QTextEdit, QPlainTextEdit)) and callable(getattr(w, "setText", None)):
        redo(getattr(w, "text", lambda: None), w.setText)  # a caption, a read-out
    redo(w.toolTip, w.setToolTip)
    redo(w.statusTip, w.setStatusTip)
    _retranslate_plot(w, redo)


def _retranslate_plot(w, redo) -> None:
    """The texts of a pyqtgraph view: plot titles, axis labels, legends, labels."""
    import pyqtgraph as pg

    if not isinstance(w, pg.GraphicsView):
        return
    scene = w.scene

    try:
        items = scene().items()
    except (RuntimeError, TypeError, AttributeError):
        return
    for item in items:
        if isinstance(item, pg.AxisItem):
            axis = item
            redo(lambda a=axis: a.labelText, lambda t, a=axis: a.setLabel(t, units=a.labelUnits or None))
        elif isinstance(item, pg.LabelItem):
            label = item
            redo(lambda lab=label: lab.text, lambda t, lab=label: lab.setText(t))
        elif isinstance(item, pg.TextItem) and not getattr(item, "_backprop_html", False):
            text_item = item
            redo(lambda ti=text_item: ti.textItem.toPlainText(), lambda t, ti=text_item: ti.setText(t))
