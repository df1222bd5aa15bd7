"""How the main window hands training snapshots to its panels: time plots take
every snapshot, panels showing only the latest state are redrawn at a bounded
rate, and the window paints before telling the trainer the snapshot is drawn.
A mixin of :class:`gui.main_window.MainWindow`."""

from __future__ import annotations

import time

import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

LATEST_STATE_RATE = 10.0  # redraws a second of the network drawing and the histograms while training


class SnapshotDispatch:
    """Snapshot drawing and the plots' auto-range reset for a new project."""

    def _reset_plot_ranges(self):
        """A new project: every plot auto-ranges as it did when the window opened
        (nothing is kept from the previous project's axes)."""
        for panel in self.plot_panels:
            try:
                plots = list(panel.plot_items().values())
            except Exception:  # a panel without plots to reset
                continue
            for plot in plots:
                if hasattr(plot, "_grown_limit"):
                    del plot._grown_limit
                vb = plot.getViewBox() if hasattr(plot, "getViewBox") else None
                if vb is None:
                    continue
                default = self._auto_ranges.setdefault(id(vb), (vb, list(vb.state["autoRange"])))[1]
                vb.enableAutoRange(x=bool(default[0]), y=bool(default[1]))

    def _on_snapshot(self, snap):
        try:
            if snap.boundary is not None:
                self._activations = snap.boundary.activations
            self.canvas.take_weight_images(snap)  # drawn when the canvas is next due
            self.image_gallery.update_snapshot(snap)
            now = time.perf_counter()
            settled = not self.playing or snap.finished
            # Time plots take every snapshot (each carries new rows).  Panels that show
            # only the latest state are redrawn at most LATEST_STATE_RATE a second, one
            # per frame (the one waiting longest), so no frame pays for all of them.
            # The snapshot sent when training stops is drawn by every panel at once.
            latest = self._latest_state_interval
            if settled:  # paused or finished: every panel shows this state at once
                due = list(latest)
            else:
                due = [p for p in latest if now - self._drawn_at.get(p, 0.0) >= latest[p]]
                due = sorted(due, key=lambda p: self._drawn_at.get(p, 0.0))[:1]
            for panel in [self.canvas, *self.plot_panels]:
                if panel not in latest or panel in due:
                    self._drawn_at[panel] = now
                    panel.update_snapshot(snap)
            self.doctor_panel.update_snapshot(snap)  # every snapshot: it reads the new history rows
            self.controls.show_progress(snap, self.steps_per_second if self.playing else None, self.info.task)
        finally:
            # Paint now, before telling the trainer the snapshot is drawn: the next one
            # then comes when the window is ready for it, never piling up.
            for scene in self._plot_scenes():
                # pyqtgraph applies pending auto-ranges when a paint starts, which
                # changes the axes and asks for a second paint: apply them now
                scene.prepareForPaint()
            QApplication.sendPostedEvents()  # scene changes -> widget updates
            QApplication.sendPostedEvents(self, QEvent.UpdateRequest)  # -> paint
            self.controller.drawn()

    def _plot_scenes(self):
        if self._scenes is None:
            self._scenes = [view.scene() for panel in self.plot_panels for view in panel.findChildren(pg.GraphicsView)]
        return [scene for scene in self._scenes if any(v.isVisible() for v in scene.views())]

    _scenes = None
