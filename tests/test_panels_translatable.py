"""Every visible string of the plot panels, the data panel, the controls and the
parameter forms goes through Qt's translation (issue 8: panels born translatable).

A pseudo-translator wraps every string it is asked for in "[...]"; a visible
English word outside such brackets was not marked for translation.  Values
from the data (layer labels, feature and class names, numbers) are exempt.
"""

from __future__ import annotations

import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget
from test_plot_panels import PANELS, Run

from core.optimizers import OPTIMIZERS
from gui.forms import LogSlider, ParamForm

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class PseudoTranslator(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        return f"[{source}]" if source else source


@pytest.fixture
def pseudo(qapp):
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def _untranslated(text: str, data: set[str]) -> list[str]:
    """English words in ``text`` outside "[...]" and not from the data."""
    text = re.sub(r"<[^>]+>", " ", text or "")  # markup
    text = re.sub(r"\[[^\]]*\]", " ", text)  # translated parts
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ("log", "grad", "NaN")]


def _visible_strings(widget: QWidget) -> list[str]:
    out = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisibleTo(widget) and w is not widget:
            continue
        if isinstance(w, (QLabel, QAbstractButton)) and not hasattr(w, "full_text"):  # elided: full text below
            out.append(w.text())
        if w.toolTip():
            out.append(w.toolTip())
        if isinstance(w, QComboBox) and w.objectName() not in ("source", "speed"):
            out += [w.itemText(i) for i in range(w.count())]
        if hasattr(w, "full_text"):
            out.append(w.full_text())
        if isinstance(w, pg.GraphicsView):
            for item in w.scene().items():
                if isinstance(item, pg.PlotItem):
                    out.append(item.titleLabel.text)
                    for name in ("left", "bottom"):
                        out.append(item.getAxis(name).labelText)
                if isinstance(item, pg.LabelItem):
                    out.append(item.text)
    return out


def test_plot_panels_are_translatable(qtbot, pseudo):
    run = Run("spiral", chunks=(3, 3))
    data = {lay.label for lay in run.info.layers} | set(run.info.feature_names) | {"x1", "x2"}
    data |= {f"class {i}" for i in range(3)}
    for cls in PANELS:
        panel = cls()
        qtbot.addWidget(panel)
        panel.resize(700, 400)
        panel.show()
        panel.reset(run.info)
        for snap in run.snaps:
            panel.update_snapshot(snap)
        assert panel.title.startswith("["), cls.__name__
        for text in _visible_strings(panel):
            assert not _untranslated(text, data), (cls.__name__, text)
        for title, _item in panel.export_items():
            assert not _untranslated(title, data), (cls.__name__, title)


def test_forms_and_controls_are_translatable(qtbot, pseudo):
    from PySide6.QtGui import QAction

    from gui.panels.controls import Controls
    from gui.panels.data_panel import DataPanel

    widgets = [
        LogSlider(),
        ParamForm(OPTIMIZERS["adam"].params, {}, skip=("lr",)),
        Controls({n: QAction(f"[{n}]") for n in ("play", "step", "step_epoch", "reset")}),
        DataPanel(),
    ]
    keys = set(OPTIMIZERS["adam"].params) | {k.replace("_", " ") for k in OPTIMIZERS["adam"].params}
    for widget in widgets:
        qtbot.addWidget(widget)
        widget.show()
        for text in _visible_strings(widget):
            assert not _untranslated(text, keys | {"play", "step", "step_epoch", "reset"}), (
                type(widget).__name__,
                text,
            )
