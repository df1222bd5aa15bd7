"""Help → About: what Backprop Lab is, and the versions a bug report needs."""

from __future__ import annotations

import os
import platform
import tomllib
from importlib import metadata

import numpy
import pyqtgraph
import PySide6
from PySide6.QtCore import QEvent, Qt, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

DISTRIBUTION = "backprop-lab"
PYPROJECT = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "pyproject.toml")


def app_version() -> str | None:
    """Backprop Lab's version: from the installed distribution, else from pyproject.toml."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    try:
        with open(PYPROJECT, "rb") as f:
            return tomllib.load(f)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None


def versions() -> list[tuple[str, str]]:
    """``(component, version)`` for the app and what it runs on."""
    return [
        ("Backprop Lab", app_version() or "?"),
        ("Python", platform.python_version()),
        ("NumPy", numpy.__version__),
        ("PySide6", PySide6.__version__),
        ("Qt", qVersion()),
        ("pyqtgraph", pyqtgraph.__version__),
    ]


def versions_text() -> str:
    """The versions as plain text, one per line, for a bug report."""
    lines = [f"{name} {version}" for name, version in versions()]
    lines.append(f"{platform.system()} {platform.release()} ({platform.machine()})")
    return "\n".join(lines)


class AboutDialog(QDialog):
    """Name, one sentence, licence, versions, and a button that copies the versions."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.title = QLabel()
        self.title.setObjectName("about_title")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.version_labels: dict[str, QLabel] = {}
        self.form = QFormLayout()
        for name, version in versions():
            label = QLabel(version)
            label.setObjectName(f"about_version_{name.lower().replace(' ', '_')}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.version_labels[name] = label
            self.form.addRow(name, label)
        self.licence = QLabel()
        self.licence.setWordWrap(True)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("about_copy")
        self.copy_button.clicked.connect(self.copy_versions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(self.form)
        layout.addWidget(self.licence)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.retranslate()

    def copy_versions(self):
        QApplication.clipboard().setText(versions_text())

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self):
        self.setWindowTitle(self.tr("About Backprop Lab"))
        version = app_version()
        title = self.tr("Backprop Lab %1").replace("%1", version) if version else "Backprop Lab"
        self.title.setText(f"<h2>{title}</h2>")
        self.summary.setText(
            self.tr(
                "Draw a neural network, train it live and watch every layer: its activations, its gradients "
                "and how each weight moves. An exact NumPy core under a Qt window."
            )
        )
        self.licence.setText(self.tr("Free software under the MIT licence."))
        self.copy_button.setText(self.tr("Copy Versions"))
        self.copy_button.setToolTip(self.tr("Copy the versions above, to paste into a bug report"))
