"""Inspect → Loss Landscape…: the loss around the current weights along two directions.

The window asks the training process for the current weights (query ``"weights"``),
builds a separate network from the document's project in a background thread (never
the worker's arrays), and computes :func:`core.landscape.compute_landscape` on a grid
the person picks (resolution, radius, seed), with a progress bar and Cancel.  It draws
a contour map of log₁₀ loss (with the current point at the centre and the training
path projected onto the plane) and, where OpenGL works, a 3-D surface
(pyqtgraph.opengl's GLSurfacePlotItem); where it does not (offscreen, no PyOpenGL) the
contour map alone, and the window says so.

The training path: once the window has been opened, the weights are collected while
the person trains (at most once a second, at most :data:`gui.landscape_compute.MAX_PATH_POINTS` points,
thinned evenly when full; cleared when the run is rebuilt), and the current weights
are always its last point.

:func:`install_landscape` adds the Inspect menu entry (``actions_by_name["loss_landscape"]``).
"""

from __future__ import annotations

import copy

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.landscape import DEFAULT_RADIUS, DEFAULT_RESOLUTION, MAX_RESOLUTION, MIN_RESOLUTION
from gui.background_job import BackgroundJob
from gui.landscape_compute import LandscapeThread, PathRecorder, opengl_available

ISOLINES = 12


class LandscapeWindow(BackgroundJob, QWidget):
    """Settings and Compute above a contour map and (where OpenGL works) a 3-D surface."""

    def __init__(self, window):
        super().__init__(window, Qt.Window)
        self.setObjectName("landscape_window")
        self.window_ = window
        self.thread: LandscapeThread | None = None
        self.result: dict | None = None
        self.error_text = ""
        self.state = "idle"  # "asking", "running", "done", "cancelled", "failed"
        self.recorder = PathRecorder(window)
        self._ask_id = 0
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        self.resolution_label = QLabel()
        self.resolution = QSpinBox()
        self.resolution.setObjectName("landscapeResolution")
        self.resolution.setRange(MIN_RESOLUTION, min(MAX_RESOLUTION, 101))
        self.resolution.setSingleStep(2)
        self.resolution.setValue(DEFAULT_RESOLUTION)
        self.radius_label = QLabel()
        self.radius = QDoubleSpinBox()
        self.radius.setObjectName("landscapeRadius")
        self.radius.setRange(0.01, 100.0)
        self.radius.setDecimals(2)
        self.radius.setSingleStep(0.25)
        self.radius.setValue(DEFAULT_RADIUS)
        self.seed_label = QLabel()
        self.seed = QSpinBox()
        self.seed.setObjectName("landscapeSeed")
        self.seed.setRange(0, 2**31 - 1)
        self.compute_button = QPushButton()
        self.compute_button.setObjectName("landscapeCompute")
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.start)
        self.progress = QProgressBar()
        self.progress.setObjectName("landscapeProgress")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("landscapeCancel")
        self.cancel_button.clicked.connect(self.cancel)
        for label, w in (
            (self.resolution_label, self.resolution),
            (self.radius_label, self.radius),
            (self.seed_label, self.seed),
        ):
            label.setBuddy(w)
            row.addWidget(label)
            row.addWidget(w)
        row.addWidget(self.compute_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        box.addLayout(row)

        self.splitter = QSplitter(Qt.Horizontal)
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("landscapeContour")
        self.plot.setAspectLocked(True)
        self.plot.showGrid(x=False, y=False)
        item = self.plot.getPlotItem()
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("viridis"))
        item.addItem(self.image)
        self.isolines = pg.PlotDataItem(pen=pg.mkPen((255, 255, 255, 150), width=1), connect="finite")
        item.addItem(self.isolines)
        self.path_line = pg.PlotDataItem(
            pen=pg.mkPen("#ff5a36", width=2), symbol="o", symbolSize=5, symbolBrush="#ff5a36", symbolPen=None
        )
        item.addItem(self.path_line)
        self.center = pg.ScatterPlotItem(
            [0.0], [0.0], symbol="star", size=18, brush=pg.mkBrush("#ffd400"), pen=pg.mkPen("k", width=1)
        )
        item.addItem(self.center)
        self.colorbar = pg.ColorBarItem(colorMap=pg.colormap.get("viridis"), interactive=False, width=12)
        self.colorbar.setImageItem(self.image, insert_in=item)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.splitter.addWidget(self.plot)
        self.gl_view = None
        self.surface = self.gl_path = self.gl_center = None
        if opengl_available():
            try:
                self._make_gl_view()
            except Exception:  # no usable OpenGL after all: the contour map alone
                self.gl_view = None
        box.addWidget(self.splitter, 1)
        self.readout = QLabel()
        self.readout.setObjectName("landscapeReadout")
        box.addWidget(self.readout)
        self.summary = QLabel()
        self.summary.setObjectName("landscapeSummary")
        self.summary.setWordWrap(True)
        box.addWidget(self.summary)
        self.howto = QLabel()
        self.howto.setWordWrap(True)
        self.howto.setStyleSheet("color: #445;")
        box.addWidget(self.howto)
        window.installEventFilter(self)
        self.retranslate()
        self._set_running(False)
        self.resize(1100, 640)

    def _make_gl_view(self) -> None:
        import pyqtgraph.opengl as gl

        view = gl.GLViewWidget()
        view.setObjectName("landscapeSurface")
        view.setBackgroundColor("w")
        view.setMinimumWidth(200)
        self.surface = gl.GLSurfacePlotItem(computeNormals=False, smooth=False)
        view.addItem(self.surface)
        self.gl_path = gl.GLLinePlotItem(color=(1.0, 0.35, 0.2, 1.0), width=2, antialias=True)
        view.addItem(self.gl_path)
        self.gl_center = gl.GLScatterPlotItem(color=(1.0, 0.83, 0.0, 1.0), size=12)
        view.addItem(self.gl_center)
        self.gl_view = view
        self.splitter.addWidget(view)
        self.splitter.setSizes([520, 520])

    # ---- running
    def start(self) -> None:
        """Ask for the current weights, then compute the landscape in a background thread."""
        if self.state in ("asking", "running"):
            return
        self.stop()
        self.state = "asking"
        self.error_text = ""
        self.progress.setRange(0, 0)
        self._set_running(True)
        self._show_summary()
        self._ask_id += 1
        ask_id = self._ask_id
        self.window_.controller.ask(
            "weights",
            on_done=lambda arrays: self._got_weights(ask_id, arrays),
            on_error=lambda exc: self._failed_text(ask_id, str(exc)),
        )

    def _got_weights(self, ask_id: int, arrays) -> None:
        if ask_id != self._ask_id or self.state != "asking":
            return
        doc = self.window_.doc
        self.state = "running"
        self._show_summary()
        thread = LandscapeThread(
            copy.deepcopy(doc.project),
            doc.base_dir,
            arrays,
            list(self.recorder.points),
            self.resolution.value() | 1,  # odd: the centre is on the grid
            float(self.radius.value()),
            self.seed.value(),
            self,
        )
        self._start_job(thread, ask_id)

    def _join(self) -> None:
        thread, self.thread = self.thread, None
        if thread is not None:
            thread.wait()
            thread.deleteLater()

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress.maximum() != total:
            self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_cancelled(self) -> None:
        self.state = "cancelled"
        self._join()
        self._set_running(False)
        self._show_summary()

    def _failed_text(self, ask_id: int, text: str) -> None:
        if ask_id != self._ask_id:
            return
        self.state = "failed"
        self.error_text = text
        self._join()
        self._set_running(False)
        self._show_summary()

    def _on_done(self, result: dict) -> None:
        self.state = "done"
        self._join()
        self.result = result
        self._set_running(False)
        self._draw(result)
        self._show_summary()

    # ---- drawing
    def _draw(self, result: dict) -> None:
        land = result["landscape"]
        r, n = land.radius, land.resolution
        losses = land.losses
        finite = np.isfinite(losses)
        with np.errstate(all="ignore"):
            positive = losses[finite & (losses > 0)]
            floor = float(positive.min()) if positive.size else 1e-12
            z = np.where(finite, np.log10(np.maximum(losses, floor)), np.nan)
        h = 2 * r / (n - 1)
        self.image.setImage(z, autoLevels=False)
        zf = z[np.isfinite(z)]
        if zf.size:
            low, high = float(zf.min()), float(zf.max())
            if high <= low:
                high = low + 1e-6
            self.colorbar.setLevels((low, high))
        self.image.setRect(QRectF(-r - h / 2, -r - h / 2, 2 * r + h, 2 * r + h))
        self._draw_isolines(z, r, h)
        path = result["path"]
        self.path_line.setData(path[:, 0], path[:, 1])
        self.plot.getPlotItem().setRange(xRange=(-r - h / 2, r + h / 2), yRange=(-r - h / 2, r + h / 2), padding=0)
        if self.gl_view is not None and zf.size:
            self._draw_surface(land, z, path)

    def _draw_isolines(self, z, r, h) -> None:
        zf = z[np.isfinite(z)]
        if zf.size < 2 or zf.max() <= zf.min():
            self.isolines.setData([], [])
            return
        filled = np.where(np.isfinite(z), z, zf.max())
        xs, ys = [], []
        for level in np.linspace(zf.min(), zf.max(), ISOLINES + 2)[1:-1]:
            for line in pg.functions.isocurve(filled, float(level), connected=True):
                pts = np.asarray(line, np.float64)
                xs.extend((-r + pts[:, 0] * h).tolist() + [np.nan])
                ys.extend((-r + pts[:, 1] * h).tolist() + [np.nan])
        self.isolines.setData(np.asarray(xs), np.asarray(ys))

    def _draw_surface(self, land, z, path) -> None:
        r = land.radius
        zf = z[np.isfinite(z)]
        low, high = float(zf.min()), float(zf.max())
        span = high - low if high > low else 1.0
        height = np.where(np.isfinite(z), (z - low) / span, 1.0) * r  # as tall as the grid is half wide
        colors = pg.colormap.get("viridis").map(np.clip(height / r, 0, 1).ravel(), mode="float")
        self.surface.setData(
            x=land.alphas, y=land.betas, z=height, colors=np.asarray(colors, np.float32)
        )  # one per vertex
        center = height[len(land.alphas) // 2, len(land.betas) // 2]
        self.gl_center.setData(pos=np.array([[0.0, 0.0, center + 0.02 * r]]))
        inside = np.all(np.abs(path) <= r, axis=1)
        pts = path[inside]
        if len(pts):
            h = 2 * r / (len(land.alphas) - 1)
            i = np.clip(np.rint((pts[:, 0] + r) / h).astype(int), 0, len(land.alphas) - 1)
            j = np.clip(np.rint((pts[:, 1] + r) / h).astype(int), 0, len(land.betas) - 1)
            self.gl_path.setData(pos=np.column_stack([pts, height[i, j] + 0.02 * r]))
        else:
            self.gl_path.setData(pos=np.zeros((0, 3)))
        self.gl_view.setCameraPosition(distance=3.2 * r, elevation=32, azimuth=-60)
        self.gl_view.opts["center"] = pg.Vector(0, 0, 0.4 * r)

    def _on_mouse_moved(self, pos) -> None:
        if self.result is None:
            return
        point = self.plot.getPlotItem().vb.mapSceneToView(pos)
        land = self.result["landscape"]
        r, n = land.radius, land.resolution
        h = 2 * r / (n - 1)
        i, j = round((point.x() + r) / h), round((point.y() + r) / h)
        if 0 <= i < n and 0 <= j < n:
            value = land.losses[i, j]
            shown = (
                f"{value:.6g}" if np.isfinite(value) else QCoreApplication.translate("LandscapeWindow", "not finite")
            )
            self.readout.setText(
                QCoreApplication.translate("LandscapeWindow", "α = {a}, β = {b}: loss {loss}").format(
                    a=f"{land.alphas[i]:.3g}", b=f"{land.betas[j]:.3g}", loss=shown
                )
            )

    # ---- texts
    def _show_summary(self) -> None:
        if self.state == "asking":
            text = QCoreApplication.translate("LandscapeWindow", "Getting the current weights…")
        elif self.state == "running":
            text = QCoreApplication.translate("LandscapeWindow", "Computing the loss on the grid…")
        elif self.state == "cancelled":
            text = QCoreApplication.translate("LandscapeWindow", "Cancelled.")
        elif self.state == "failed":
            text = self.error_text
        elif self.result is not None:
            text = self._result_text(self.result)
        else:
            text = QCoreApplication.translate(
                "LandscapeWindow", "Press Compute to draw the loss around the current weights."
            )
        if self.gl_view is None:
            text += " " + QCoreApplication.translate(
                "LandscapeWindow",
                "(The 3-D surface needs OpenGL, which is not available here: the contour map shows it.)",
            )
        self.summary.setText(text)

    def _result_text(self, result: dict) -> str:
        land = result["landscape"]
        text = QCoreApplication.translate(
            "LandscapeWindow",
            "Loss at the centre (the current weights, ★): {center}. Grid {n}×{n} over α, β in [−{r}, {r}], "
            "computed in {seconds} s on {rows} of {total} training rows, in evaluation mode; directions drawn "
            "with seed {seed}.",
        ).format(
            center=f"{land.center:.6g}",
            n=land.resolution,
            r=f"{land.radius:g}",
            seconds=f"{land.seconds:.1f}",
            rows=land.rows,
            total=land.total_rows,
            seed=land.seed,
        )
        if land.nonfinite:
            text += " " + QCoreApplication.translate(
                "LandscapeWindow", "{k} grid points have a loss that is not finite: drawn as missing."
            ).format(k=land.nonfinite)
        points = len(result["path"])
        if points > 1:
            off = float(np.max(result["off"]))
            text += " " + QCoreApplication.translate(
                "LandscapeWindow",
                "Training path: {p} points collected while training, projected onto the plane "
                "(up to {off}% of a point's distance from the centre lies off the plane).",
            ).format(p=points, off=f"{100 * off:.0f}")
            if off > 0.5:
                text += " " + QCoreApplication.translate(
                    "LandscapeWindow",
                    "Two random directions are nearly perpendicular to the path in so many dimensions, so its "
                    "projection is short.",
                )
        else:
            text += " " + QCoreApplication.translate(
                "LandscapeWindow", "Training path: train with this window open to collect points along the way."
            )
        if result["dropped"]:
            text += " " + QCoreApplication.translate(
                "LandscapeWindow", "{k} path points of an earlier network were left out."
            ).format(k=result["dropped"])
        return text

    def _set_running(self, running: bool) -> None:
        self.compute_button.setEnabled(not running)
        for w in (self.resolution, self.radius, self.seed):
            w.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if not running:
            maximum = max(self.progress.maximum(), 1)
            self.progress.setRange(0, maximum)
            self.progress.setValue(maximum if self.state == "done" else 0)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Loss landscape"))
        self.resolution_label.setText(self.tr("&Resolution:"))
        self.resolution.setToolTip(
            self.tr("Grid points along each direction (odd, so the current weights are the centre point)")
        )
        self.radius_label.setText(self.tr("R&adius:"))
        self.radius.setToolTip(
            self.tr("α and β run from −radius to +radius; at 1 each unit's weights move by their own length")
        )
        self.seed_label.setText(self.tr("&Seed:"))
        self.seed.setToolTip(self.tr("The random directions are drawn from this seed: the same seed, the same slice"))
        self.compute_button.setText(self.tr("Compute"))
        self.compute_button.setToolTip(self.tr("Compute the loss on the grid around the current weights"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the computation"))
        self.progress.setToolTip(self.tr("Grid points computed so far"))
        self.plot.setToolTip(
            self.tr("Contour map of log₁₀ loss; ★ the current weights; the orange line the training path")
        )
        item = self.plot.getPlotItem()
        item.setLabel("bottom", self.tr("α (direction 1)"))
        item.setLabel("left", self.tr("β (direction 2)"))
        item.setTitle(self.tr("log₁₀ loss"))
        if self.gl_view is not None:
            self.gl_view.setToolTip(self.tr("The same loss as a surface (height: log₁₀ loss); drag to turn it"))
        self.howto.setText(
            self.tr(
                "A slice of the loss through the current weights θ: the loss of θ + α·d₁ + β·d₂ for two random "
                "directions d₁, d₂, filter-normalised as in Li et al. (2018): each unit's incoming weights in a "
                "direction are as long as its weights, biases and batch-norm parameters are not moved. A wide, "
                "flat basin around ★ is a minimum that small changes to the weights do not spoil; a slice shows "
                "only two of the network's many directions."
            )
        )
        self._show_summary()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def open_landscape(window) -> LandscapeWindow:
    """Show the window's loss-landscape window (made on first use)."""
    view = getattr(window, "landscape_window", None)
    if view is None:
        view = window.landscape_window = LandscapeWindow(window)
    view.show()
    if QGuiApplication.platformName() != "offscreen":  # raise() is not supported there
        view.raise_()
        view.activateWindow()
    return view


def install_landscape(window) -> None:
    """Add Inspect → Loss Landscape… (Ctrl+Shift+L) to ``window`` (a MainWindow)."""
    window.inspect_menu.addAction(
        window._action(
            "loss_landscape",
            QCoreApplication.translate("MainWindow", "&Loss Landscape…"),
            lambda: open_landscape(window),
            QKeySequence("Ctrl+Shift+L"),
            QCoreApplication.translate(
                "MainWindow", "The loss around the current weights along two random directions, with the training path"
            ),
        )
    )
