"""The Inspect menu's tool windows on vanishing and exploding gradients: Gradient flow
and the Activation explorer.  Both are made with the window, kept up to date from the
controller's signals (they keep the latest snapshot and draw only while shown), and
opened from ``window.inspect_menu``; the window's ``actions_by_name`` gets
``gradient_flow`` and ``activation_explorer``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from gui.panels.activation_explorer import ActivationExplorer
from gui.panels.gradient_flow import GradientFlowView
from gui.tool_windows import present


def install_flow_views(window) -> None:
    """Create the two views for ``window`` (a MainWindow) and their Inspect menu entries."""
    c = window.controller
    window.gradient_flow_view = flow = GradientFlowView(window)
    window.activation_explorer = explorer = ActivationExplorer(c, window)
    c.built.connect(flow.reset)
    c.snapshot.connect(flow.update_snapshot)
    c.built.connect(explorer.reset)
    c.snapshot.connect(explorer.update_snapshot)
    window.inspect_menu.addAction(
        window._action(
            "gradient_flow",
            QCoreApplication.translate("MainWindow", "Gradient &Flow"),
            lambda: present(flow),
            QKeySequence("Ctrl+Shift+G"),
            QCoreApplication.translate(
                "MainWindow", "How the gradient's size changes from layer to layer on its way back"
            ),
        )
    )
    window.inspect_menu.addAction(
        window._action(
            "activation_explorer",
            QCoreApplication.translate("MainWindow", "&Activation Explorer"),
            lambda: present(explorer),
            QKeySequence("Ctrl+Shift+A"),
            QCoreApplication.translate(
                "MainWindow", "Each activation and its slope, with the network's pre-activations over them"
            ),
        )
    )
