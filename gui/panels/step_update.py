"""The step-through window's last act: apply the update for the example just walked.

A checkable button under the graph shows an :class:`~gui.panels.update_view.UpdateView`
as a third pane of the window's splitter; while shown, it follows the example of
every graph the window receives (the same row, or the same typed input and target,
with dropout in the same mode), so the chain rule's gradients and the optimizer's
step on them are read side by side.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton

from .update_view import UpdateView


def attach_update_view(window, worker) -> UpdateView:
    """Embed an UpdateView in ``window`` (a StepThroughWindow); returns it."""
    view = UpdateView(worker)
    view.setObjectName("stepUpdateView")
    view.hide()
    window.splitter.addWidget(view)
    button = QPushButton(QCoreApplication.translate("StepUpdate", "Apply the Update for This Example"))
    button.setObjectName("applyUpdateButton")
    button.setCheckable(True)
    button.setToolTip(
        QCoreApplication.translate(
            "StepUpdate",
            "After the backward walk: the optimizer's step on this example's gradients, computed on copies "
            "(the run does not change)",
        )
    )
    window.update_area.layout().addWidget(button)
    state = {"graph": None}

    def ask():
        graph = state["graph"]
        if graph is None or not view.isVisible():
            return
        source = getattr(graph, "source", None) or {}
        training = False if (getattr(graph, "modes", None) or {}).get("dropout") == "eval" else None
        if "index" in source:
            view.show_for(index=source["index"], part=source.get("part", "train"), training=training)
        elif "input" in source:
            view.show_for(
                x=source["input"], target=source.get("target"), raw=bool(source.get("raw")), training=training
            )

    def toggled(on: bool):
        view.setVisible(on)
        if on:
            sizes = window.splitter.sizes()
            total = sum(sizes) or 900
            window.splitter.setSizes([int(total * 0.45), int(total * 0.2), int(total * 0.35)])
            ask()

    def on_graph(graph):
        state["graph"] = graph
        ask()

    button.toggled.connect(toggled)
    window.graph_changed.connect(on_graph)
    window.update_button = button
    window.update_view = view
    return view
