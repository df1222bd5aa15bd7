"""Help → Glossary: a search box, the entries on the left, the chosen one on the right,
and "Show me", which opens the example project that demonstrates it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.help import glossary
from gui.i18n import translate_example

KEY_ROLE = Qt.ItemDataRole.UserRole
LINK_SCHEME = "glossary"


@lru_cache(maxsize=64)
def example_name(path: str) -> str:
    """The English ``name`` of the example project at ``path`` (its file name if it has none)."""
    try:
        with open(path, encoding="utf-8") as f:
            name = json.load(f).get("name")
    except (OSError, ValueError, AttributeError):
        name = None
    return name if isinstance(name, str) and name else os.path.splitext(os.path.basename(path))[0]


class GlossaryDialog(QDialog):
    """The searchable glossary. ``open_example(path)`` is called by "Show me"."""

    def __init__(self, open_example: Callable[[str], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("glossary_dialog")
        self._open_example = open_example
        self._setup_ui()
        self.retranslate()
        self.entry_list.setCurrentRow(0)

    # ---- Public API
    def show_entry(self, key: str) -> None:
        """Select the entry ``key`` (clearing a search that hides it) and show it."""
        glossary.entry(key)  # a KeyError names the known keys
        if self._item(key) is None or self._item(key).isHidden():
            self.search.clear()
        self.entry_list.setCurrentItem(self._item(key))

    def current_key(self) -> str | None:
        item = self.entry_list.currentItem()
        return None if item is None or item.isHidden() else item.data(KEY_ROLE)

    def visible_keys(self) -> list[str]:
        """The keys listed now, in order (what the search leaves)."""
        items = (self.entry_list.item(i) for i in range(self.entry_list.count()))
        return [item.data(KEY_ROLE) for item in items if not item.isHidden()]

    def show_me(self) -> None:
        """Open the current entry's example through the window's ``open_example``."""
        key = self.current_key()
        path = glossary.entry(key).example_path() if key else None
        if path is not None and self._open_example is not None:
            self._open_example(path)

    # ---- Qt
    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        self.setWindowTitle(self.tr("Glossary"))
        self.search.setPlaceholderText(self.tr("Search: SGD, EMA, gradient…"))
        self.search.setToolTip(self.tr("Shows the entries whose title, formula or text contains every word typed"))
        self.show_me_button.setText(self.tr("Show Me"))
        for i in range(self.entry_list.count()):
            item = self.entry_list.item(i)
            item.setText(glossary.entry(item.data(KEY_ROLE)).text("title"))
        self._filter(self.search.text())
        self._show_current()

    # ---- Private API
    def _setup_ui(self):
        self.resize(900, 560)
        self.search = QLineEdit()
        self.search.setObjectName("glossary_search")
        self.search.setClearButtonEnabled(True)
        self.entry_list = QListWidget()
        self.entry_list.setObjectName("glossary_list")
        # Chinese and Latin lines differ in height with a fallback font: keep the rows even
        self.entry_list.setUniformItemSizes(True)
        for e in glossary.ENTRIES:
            item = QListWidgetItem()
            item.setData(KEY_ROLE, e.key)
            self.entry_list.addItem(item)
        self.no_match = QLabel()
        self.no_match.setObjectName("glossary_no_match")
        self.no_match.setWordWrap(True)
        self.no_match.hide()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.entry_list, 1)
        left_layout.addWidget(self.no_match)

        self.browser = QTextBrowser()
        self.browser.setObjectName("glossary_text")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_anchor_clicked)
        self.show_me_button = QPushButton()
        self.show_me_button.setObjectName("glossary_show_me")
        self.show_me_button.clicked.connect(self.show_me)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.show_me_button)
        row.addStretch(1)
        row.addWidget(buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.browser, 1)
        right_layout.addLayout(row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self._filter)
        self.entry_list.currentItemChanged.connect(lambda *_: self._show_current())

    def _item(self, key: str) -> QListWidgetItem | None:
        for i in range(self.entry_list.count()):
            if self.entry_list.item(i).data(KEY_ROLE) == key:
                return self.entry_list.item(i)
        return None

    def _filter(self, query: str):
        matches = {e.key for e in glossary.search(query)}
        first_visible = None
        for i in range(self.entry_list.count()):
            item = self.entry_list.item(i)
            hidden = item.data(KEY_ROLE) not in matches
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        self.no_match.setText(self.tr("Nothing matches “%1”.").replace("%1", query.strip()))
        self.no_match.setVisible(first_visible is None)
        current = self.entry_list.currentItem()
        best = self._best_match(query) if query.strip() else None
        if best is not None:
            self.entry_list.setCurrentItem(best)
        elif first_visible is not None and (current is None or current.isHidden()):
            self.entry_list.setCurrentItem(first_visible)
        self._show_current()

    def _best_match(self, query: str) -> QListWidgetItem | None:
        """The first listed entry whose title (shown or English) holds the query."""
        q = query.strip().casefold()
        for key in self.visible_keys():
            e = glossary.entry(key)
            if q in e.text("title").casefold() or q in e.title.casefold():
                return self._item(key)
        return None

    def _show_current(self):
        key = self.current_key()
        if key is None:
            self.browser.clear()
            self.show_me_button.setEnabled(False)
            self.show_me_button.setToolTip("")
            return
        e = glossary.entry(key)
        self.browser.setHtml(self._entry_html(e))
        path = e.example_path()
        self.show_me_button.setEnabled(path is not None and self._open_example is not None)
        if path is not None:
            self.show_me_button.setToolTip(
                self.tr("Open the example “%1”").replace("%1", translate_example(example_name(path)))
            )
        else:
            self.show_me_button.setToolTip(self.tr("No example project shows this one yet"))

    def _entry_html(self, e: glossary.GlossaryEntry) -> str:
        box = self.palette().color(QPalette.ColorRole.AlternateBase).name()
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        parts = [
            f"<h2>{e.text('title')}</h2>",
            f'<table width="100%" cellpadding="10" style="background-color:{box}; margin-bottom:6px">'
            f'<tr><td style="font-size:large">{e.text("formula")}</td></tr></table>',
        ]
        if e.where:
            parts.append(f'<p style="color:{muted}">{e.text("where")}</p>')
        parts.append(f"<p>{e.text('intuition')}</p>")
        path = e.example_path()
        if path is not None:
            label = self.tr("Example:")
            parts.append(
                f"<p><b>{label}</b> {translate_example(example_name(path))} "
                f'<span style="color:{muted}">({os.path.basename(path)})</span></p>'
            )
        if e.see_also:
            separator = self.tr(", ", "between the links after See also")
            links = separator.join(
                f'<a href="{LINK_SCHEME}:{key}">{glossary.entry(key).text("title")}</a>' for key in e.see_also
            )
            label = self.tr("See also:")
            parts.append(f"<p><b>{label}</b> {links}</p>")
        return "\n".join(parts)

    def _on_anchor_clicked(self, url: QUrl):
        if url.scheme() == LINK_SCHEME:
            self.show_entry(url.path())
