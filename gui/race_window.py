"""Inspect → Optimizer Race…: optimizers racing on a 2-D loss surface.

A contour map of the chosen surface (log of the value above its minimum, contour
lines baked into the picture once, so a frame only moves the paths); a click sets
the start; every optimizer in the list starts there and its path animates over the
map, with its loss (above the minimum, log scale) against the iteration beside it.
The race itself is :class:`core.race.Race`, which steps the engine's optimizer
classes; this window only draws it.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QRectF, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.race import Race
from core.registry import ConfigError
from core.surfaces import SURFACES, make_surface, surface_param
from gui.panels.race_optimizers import OptimizerList

SURFACE_NAMES = {
    "bowl": QT_TRANSLATE_NOOP("RaceWindow", "Ill-conditioned bowl"),
    "rosenbrock": QT_TRANSLATE_NOOP("RaceWindow", "Rosenbrock valley"),
    "saddle": QT_TRANSLATE_NOOP("RaceWindow", "Saddle point"),
    "himmelblau": QT_TRANSLATE_NOOP("RaceWindow", "Himmelblau (four minima)"),
    "beale": QT_TRANSLATE_NOOP("RaceWindow", "Beale"),
    "two_minima": QT_TRANSLATE_NOOP("RaceWindow", "Local and global minimum"),
}
SURFACE_NOTES = {
    "bowl": QT_TRANSLATE_NOOP(
        "RaceWindow", "f = (x² + κy²)/2: steep across (y), shallow along (x). Plain SGD must keep lr below 2/κ."
    ),
    "rosenbrock": QT_TRANSLATE_NOOP(
        "RaceWindow", "f = (1 − x)² + b(y − x²)²: a curved valley with a flat floor; the minimum is at (1, 1)."
    ),
    "saddle": QT_TRANSLATE_NOOP(
        "RaceWindow", "f = x² − y² + y⁴/4: a saddle at the origin between two valleys; the gradient there is tiny."
    ),
    "himmelblau": QT_TRANSLATE_NOOP(
        "RaceWindow", "Four minima of equal value: which one a path reaches depends on the start and the optimizer."
    ),
    "beale": QT_TRANSLATE_NOOP(
        "RaceWindow", "Flat plateaus and steep walls; the minimum at (3, 0.5) lies at the end of a narrow valley."
    ),
    "two_minima": QT_TRANSLATE_NOOP(
        "RaceWindow", "f = (x² − 1)² + tx + y²: a local minimum on the right, the deeper global one on the left."
    ),
}
PARAM_NAMES = {
    "condition": QT_TRANSLATE_NOOP("RaceWindow", "Condition number κ:"),
    "b": QT_TRANSLATE_NOOP("RaceWindow", "Valley steepness b:"),
    "tilt": QT_TRANSLATE_NOOP("RaceWindow", "Tilt t:"),
}
# learning rates that show each optimizer's character on each surface without diverging
SUGGESTED_LR = {
    "bowl": {"sgd": 0.15, "momentum": 0.02, "nesterov": 0.02, "adagrad": 0.5, "rmsprop": 0.05, "adam": 0.1},
    "rosenbrock": {"sgd": 0.001, "momentum": 0.0005, "nesterov": 0.0005, "adagrad": 0.5, "rmsprop": 0.02, "adam": 0.1},
    "saddle": {"sgd": 0.02, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.2, "rmsprop": 0.02, "adam": 0.05},
    "himmelblau": {"sgd": 0.005, "momentum": 0.002, "nesterov": 0.002, "adagrad": 0.5, "rmsprop": 0.05, "adam": 0.1},
    "beale": {"sgd": 0.01, "momentum": 0.002, "nesterov": 0.002, "adagrad": 0.5, "rmsprop": 0.02, "adam": 0.1},
    "two_minima": {"sgd": 0.05, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.2, "rmsprop": 0.02, "adam": 0.05},
}
DEFAULT_KINDS = ("sgd", "momentum", "adagrad", "rmsprop", "adam")
FRAME_MS = 30  # about 33 frames a second (a frame takes a few ms; see bench/bench_race.py)
FLOOR = 1e-16  # f − f* below this is drawn at the floor of the log scale


def contour_image(surface, n: int = 200, levels: int = 14) -> np.ndarray:
    """An ``n×n×4`` uint8 picture of ``log10(f − f* + 1e-4·range)`` with ``levels`` contour
    lines baked in (``[i, j]`` is ``(xs[i], ys[j])``, pyqtgraph's column-major order); drawn
    once per surface, so an animation frame does not redraw contours.  Non-finite values are
    grey."""
    _xs, _ys, z = surface.grid(n)
    finite = np.isfinite(z)
    if not finite.any():
        image = np.full((n, n, 4), 170, np.uint8)
        image[..., 3] = 255
        return image
    gap = np.where(finite, z - surface.f_min, np.nan)
    top = max(float(np.nanmax(gap)), 1e-12)
    with np.errstate(all="ignore"):
        logz = np.log10(np.maximum(gap, 0.0) + 1e-4 * top)
    lo, hi = float(np.nanmin(logz)), float(np.nanmax(logz))
    t = np.where(finite, (logz - lo) / max(hi - lo, 1e-12), 0.0)
    lut = pg.colormap.get("viridis").getLookupTable(0.0, 1.0, 256, alpha=False).astype(float)
    rgb = lut[np.clip((t * 255).astype(int), 0, 255)]
    # contour lines, anti-aliased: the distance in pixels to the nearest level, from the
    # level field's slope; where lines crowd closer than two pixels they fade out
    s = t * levels
    gx, gy = np.gradient(s)
    slope = np.hypot(gx, gy)
    distance = np.abs(s - np.round(s)) / np.maximum(slope, 1e-12)
    alpha = np.clip(1.0 - distance / 0.8, 0.0, 1.0) * np.clip(2.0 - slope * 2.0, 0.0, 1.0) * 0.6
    rgb = rgb * (1.0 - alpha[..., None]) + 255.0 * alpha[..., None]
    rgb[~finite] = 170
    image = np.empty((n, n, 4), np.uint8)
    image[..., :3] = np.clip(rgb, 0, 255).astype(np.uint8)
    image[..., 3] = 255
    return image


class RaceWindow(QWidget):
    """Surface and its parameter, the map with the paths, the loss plot, the optimizer
    list, play / pause / step / reset, speed and gradient noise."""

    def __init__(self, parent: QWidget | None = None, grid: int = 200):
        super().__init__(parent, Qt.Window)
        self.setObjectName("race_window")
        self.grid = grid
        self.race: Race | None = None
        self.surface = None
        self.start = None
        self.error = ""
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.advance)
        self._setup_ui()
        self.retranslate()
        for kind in DEFAULT_KINDS:
            self.optimizers.add_row(kind, SUGGESTED_LR["bowl"][kind])
        self._building = False
        self._on_surface(0)
        self.resize(1280, 720)

    # ---- Public API
    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def set_surface(self, key: str, param: float | None = None) -> None:
        self.surface_combo.setCurrentIndex(self.surface_combo.findData(key))
        if param is not None:
            self.param_spin.setValue(param)

    def set_start(self, x: float, y: float) -> None:
        """Start every optimizer at ``(x, y)`` (a click on the map does this)."""
        self.start = (float(x), float(y))
        self.restart()

    def restart(self) -> None:
        """A new race from the start with the current settings (back to step 0)."""
        if self._building or self.surface is None:
            return
        try:
            self.race = Race(self.surface, self.start, self.optimizers.specs(), self.noise(), seed=0)
            self.error = ""
        except ConfigError as exc:
            from gui.controller import coded_message

            self.race = None
            self.error = coded_message(exc.code, exc.args, str(exc))
        self._make_items()
        self.redraw()

    def noise(self) -> float:
        """The standard deviation of the gradient noise (per coordinate)."""
        if self.surface is None:
            return 0.0
        return self.noise_slider.value() / 200.0 * self._noise_scale  # up to half the typical gradient

    def play(self) -> None:
        if self.race is not None and not self.playing:
            self.timer.start()
        self._update_play_button()

    def pause(self) -> None:
        self.timer.stop()
        self._update_play_button()

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def step_once(self) -> None:
        self.pause()
        self.advance(1)

    def advance(self, count: int | None = None) -> None:
        """One frame: ``count`` (default: the speed) steps, then redraw; stops at the step limit."""
        if self.race is None:
            self.pause()
            return
        count = self.speed.value() if count is None or count is False else count
        count = max(0, min(count, self.max_steps.value() - self.race.steps))
        self.race.step(count)
        if self.race.steps >= self.max_steps.value() or self.race.finished:
            self.pause()
        self.redraw()

    def redraw(self) -> None:
        race = self.race
        if race is None:
            self.status.setText(self.error)
            return
        f_min = self.surface.f_min
        heads = []
        for runner, path, curve, row in zip(race.runners, self.paths, self.loss_curves, self.optimizers.rows):
            pos = runner.positions
            path.setData(pos[:, 0], pos[:, 1])
            gap = np.maximum(runner.losses - f_min, FLOOR)
            curve.setData(np.arange(len(gap)), gap)
            if len(pos):
                heads.append({"pos": pos[-1], "brush": pg.mkBrush(row.color)})
            row.status.setText(self._stop_text(runner))
        self.heads.setData(heads)
        self._update_loss_range(race, f_min)
        self.step_label.setText(self.tr("Step {0}").format(race.steps))
        self.status.setText(self.error)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event):
        self.pause()
        super().closeEvent(event)

    def hideEvent(self, event):
        self.pause()
        super().hideEvent(event)

    def retranslate(self):
        self.setWindowTitle(self.tr("Optimizer race"))
        self.surface_label.setText(self.tr("&Surface:"))
        for i, key in enumerate(SURFACES):
            self.surface_combo.setItemText(i, self.tr(SURFACE_NAMES[key]))
        self.surface_combo.setToolTip(self.tr("The loss surface the optimizers race on"))
        self.param_spin.setToolTip(self.tr("The surface's shape parameter; changing it restarts the race"))
        self.noise_label.setText(self.tr("Gradient &noise:"))
        self.noise_slider.setToolTip(
            self.tr("Gaussian noise added to every gradient: up to half the surface's typical gradient size")
        )
        self.speed_label.setText(self.tr("Steps per &frame:"))
        self.speed.setToolTip(self.tr("How many optimizer steps each frame of the animation takes"))
        self.max_label.setText(self.tr("Stop &at:"))
        self.max_steps.setToolTip(self.tr("The race pauses after this many steps"))
        self.step_button.setText(self.tr("Step"))
        self.step_button.setToolTip(self.tr("One optimizer step for every optimizer (.)"))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to the start, step 0"))
        self.suggest_button.setText(self.tr("Suggested learning rates"))
        self.suggest_button.setToolTip(
            self.tr("Set every optimizer's learning rate to one that shows its character on this surface")
        )
        self.map.setTitle(self.tr("Click to place the start"))
        self.loss_plot.setTitle(self.tr("Loss above the minimum, f − f*"))
        self.loss_plot.setLabel("bottom", self.tr("iteration"))
        self.caption.setText(
            self.tr(
                "What to look for: plain SGD zig-zags across a narrow valley; momentum overshoots and settles; "
                "AdaGrad's steps shrink as its sum of squared gradients grows; RMSProp and Adam scale each "
                "coordinate by its own gradient size; Adam's bias correction makes its first steps full-size "
                "(about lr) instead of tiny. Noise shows what stochastic gradients do."
            )
        )
        self._update_play_button()
        self._update_param()
        self._update_noise_label()
        if self.race is not None:
            self.redraw()

    # ---- Private API
    def _setup_ui(self):
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        self.surface_label = QLabel()
        self.surface_combo = QComboBox()
        self.surface_combo.setObjectName("race_surface")
        for key in SURFACES:
            self.surface_combo.addItem("", key)
        self.surface_label.setBuddy(self.surface_combo)
        self.param_label = QLabel()
        self.param_spin = QDoubleSpinBox()
        self.param_spin.setObjectName("race_param")
        self.param_spin.setKeyboardTracking(False)
        self.noise_label = QLabel()
        self.noise_slider = QSlider(Qt.Horizontal)
        self.noise_slider.setObjectName("race_noise")
        self.noise_slider.setRange(0, 100)
        self.noise_slider.setMaximumWidth(160)
        self.noise_label.setBuddy(self.noise_slider)
        self.noise_value = QLabel()
        for w in (self.surface_label, self.surface_combo, self.param_label, self.param_spin):
            top.addWidget(w)
        top.addSpacing(12)
        for w in (self.noise_label, self.noise_slider, self.noise_value):
            top.addWidget(w)
        top.addStretch(1)
        box.addLayout(top)

        buttons = QHBoxLayout()
        self.play_button = QPushButton()
        self.play_button.setObjectName("race_play")
        self.play_button.setShortcut("P")
        self.step_button = QPushButton()
        self.step_button.setObjectName("race_step")
        self.step_button.setShortcut(".")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("race_reset")
        self.speed_label = QLabel()
        self.speed = QSpinBox()
        self.speed.setObjectName("race_speed")
        self.speed.setRange(1, 100)
        self.speed.setValue(1)
        self.speed_label.setBuddy(self.speed)
        self.max_label = QLabel()
        self.max_steps = QSpinBox()
        self.max_steps.setObjectName("race_max_steps")
        self.max_steps.setRange(1, 100000)
        self.max_steps.setValue(500)
        self.max_label.setBuddy(self.max_steps)
        self.step_label = QLabel()
        self.step_label.setObjectName("race_step_label")
        self.suggest_button = QPushButton()
        self.suggest_button.setObjectName("race_suggest")
        for w in (self.play_button, self.step_button, self.reset_button, self.speed_label, self.speed):
            buttons.addWidget(w)
        for w in (self.max_label, self.max_steps, self.step_label):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.suggest_button)
        box.addLayout(buttons)

        split = QSplitter(Qt.Horizontal)
        self.map = pg.PlotWidget()
        self.map.setObjectName("race_map")
        self.map.setMenuEnabled(False)
        self.map.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)  # the 200×200 map, scaled up
        self.image = pg.ImageItem()
        self.map.addItem(self.image)
        self.minima = pg.ScatterPlotItem(symbol="star", size=14, brush=pg.mkBrush("w"), pen=pg.mkPen("k"))
        self.map.addItem(self.minima)
        self.start_item = pg.ScatterPlotItem(symbol="o", size=11, brush=pg.mkBrush(None), pen=pg.mkPen("w", width=2))
        self.map.addItem(self.start_item)
        self.heads = pg.ScatterPlotItem(size=10, pen=pg.mkPen("k"))
        self.heads.setZValue(10)
        self.map.addItem(self.heads)
        self.map.scene().sigMouseClicked.connect(self._on_map_clicked)
        split.addWidget(self.map)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        self.loss_plot = pg.PlotWidget()
        self.loss_plot.setObjectName("race_loss")
        self.loss_plot.setLogMode(y=True)
        self.loss_plot.showGrid(x=True, y=True, alpha=0.3)
        self.loss_plot.disableAutoRange()
        self._loss_range = None
        for plot in (self.map, self.loss_plot):
            for side in ("left", "bottom"):
                # the axes (and the loss plot's grid, which they draw) are painted once into a
                # pixmap and then copied: repainting their text under every moving path cost
                # more than the rest of a frame together
                plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        right_box.addWidget(self.loss_plot, 1)
        self.optimizers = OptimizerList()
        self.optimizers.setObjectName("race_optimizers")
        right_box.addWidget(self.optimizers)
        split.addWidget(right)
        split.setSizes([560, 700])
        box.addWidget(split, 1)
        self.status = QLabel()
        self.status.setStyleSheet("color: #b00020;")
        self.status.setWordWrap(True)
        box.addWidget(self.status)
        self.note = QLabel()
        self.note.setWordWrap(True)
        box.addWidget(self.note)
        self.caption = QLabel()
        self.caption.setObjectName("race_caption")
        self.caption.setWordWrap(True)
        box.addWidget(self.caption)
        self.paths: list = []
        self.loss_curves: list = []

        self._building = True
        self.surface_combo.currentIndexChanged.connect(self._on_surface)
        self.param_spin.valueChanged.connect(lambda _v: self._on_param())
        self.noise_slider.valueChanged.connect(self._on_noise)
        self.optimizers.changed.connect(self.restart)
        self.play_button.clicked.connect(self.toggle_play)
        self.step_button.clicked.connect(self.step_once)
        self.reset_button.clicked.connect(self._on_reset)
        self.suggest_button.clicked.connect(self._suggest)

    def _update_loss_range(self, race, f_min) -> None:
        """Set the loss plot's range only when it must grow or a decade is crossed, so the
        axes are not redrawn on every frame (autoRange would change them every step)."""
        lo, hi = np.inf, -np.inf
        for runner in race.runners:
            if runner.n:
                gap = np.maximum(runner.losses - f_min, FLOOR)
                lo, hi = min(lo, float(gap.min())), max(hi, float(gap.max()))
        if not np.isfinite(lo):
            lo, hi = 1e-3, 1.0
        span = 50
        while span < race.steps:
            span *= 2
        wanted = (span, int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi))) + (lo == hi))
        if wanted != self._loss_range:
            self._loss_range = wanted
            self.loss_plot.setXRange(0, span, padding=0.02)
            self.loss_plot.setYRange(wanted[1], wanted[2], padding=0.02)

    def _make_items(self):
        for item in self.paths:
            self.map.removeItem(item)
        self.loss_plot.clear()
        self.paths, self.loss_curves = [], []
        for row in self.optimizers.rows:
            path = pg.PlotDataItem(pen=pg.mkPen(row.color, width=2))
            path.setZValue(5)
            self.map.addItem(path)
            self.paths.append(path)
            self.loss_curves.append(self.loss_plot.plot(pen=pg.mkPen(row.color, width=2)))
        if self.start is not None:
            self.start_item.setData([self.start[0]], [self.start[1]])

    def _on_surface(self, _index):
        key = self.surface_combo.currentData()
        spec = surface_param(key)
        self._building = True
        if spec is not None:
            self.param_spin.setDecimals(1 if spec.high >= 100 else 2)
            self.param_spin.setRange(spec.low, spec.high)
            self.param_spin.setValue(spec.default)
        self._building = False
        self._update_param()
        self._build_surface(reset_start=True)
        self._suggest()

    def _on_param(self):
        if not self._building:
            self._build_surface(reset_start=False)

    def _build_surface(self, reset_start: bool):
        key = self.surface_combo.currentData()
        spec = surface_param(key)
        param = self.param_spin.value() if spec is not None else None
        try:
            self.surface = make_surface(key, param)
        except ConfigError as exc:
            from gui.controller import coded_message

            self.status.setText(coded_message(exc.code, exc.args, str(exc)))
            return
        s = self.surface
        self._noise_scale = s.noise_scale()
        self.image.setImage(contour_image(s, self.grid), autoLevels=False, levels=(0, 255))
        rect = QRectF(s.xrange[0], s.yrange[0], s.xrange[1] - s.xrange[0], s.yrange[1] - s.yrange[0])
        self.image.setRect(rect)
        self.map.setRange(rect, padding=0)
        self.minima.setData([m[0] for m in s.minima], [m[1] for m in s.minima])
        if reset_start or self.start is None:
            self.start = s.start
        self.note.setText(self.tr(SURFACE_NOTES[key]))
        self._update_noise_label()
        self.restart()

    def _suggest(self):
        key = self.surface_combo.currentData()
        lrs = dict(SUGGESTED_LR[key])
        if key == "bowl":  # plain SGD near its limit 2/κ zig-zags; momentum's limit is 2(1 + β)/κ
            kappa = self.param_spin.value()
            lrs.update(sgd=1.8 / kappa, momentum=0.4 / kappa, nesterov=0.4 / kappa)
        self._building = True
        for row in self.optimizers.rows:
            row.lr.setValue(lrs[row.kind.currentData()])
        self._building = False
        self.restart()

    def _on_noise(self, _value):
        self._update_noise_label()
        self.restart()

    def _on_reset(self):
        self.pause()
        self.restart()

    def _on_map_clicked(self, event):
        if event.button() != Qt.MouseButton.LeftButton or self.surface is None:
            return
        vb = self.map.getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        point = vb.mapSceneToView(event.scenePos())
        s = self.surface
        if s.xrange[0] <= point.x() <= s.xrange[1] and s.yrange[0] <= point.y() <= s.yrange[1]:
            self.set_start(point.x(), point.y())

    def _stop_text(self, runner) -> str:
        if runner.stopped == "start":
            return self.tr("cannot start here (the value is not finite)")
        if runner.stopped is not None:
            return self.tr("diverged after step {0} (the next value was not finite)").format(runner.steps)
        return ""

    def _update_play_button(self):
        self.play_button.setText(self.tr("Pause") if self.playing else self.tr("Play"))
        self.play_button.setToolTip(self.tr("Animate the race, or pause it (P)"))
        self.step_button.setShortcut(".")

    def _update_param(self):
        spec = surface_param(self.surface_combo.currentData())
        self.param_label.setVisible(spec is not None)
        self.param_spin.setVisible(spec is not None)
        if spec is not None:
            self.param_label.setText(self.tr(PARAM_NAMES[spec.key]))

    def _update_noise_label(self):
        if self.surface is None:
            return
        self.noise_value.setText(self.tr("σ = {0}").format(f"{self.noise():.3g}"))


def open_race_window(main_window) -> RaceWindow:
    """Open (or raise) the race window for ``main_window`` (Inspect menu, Ctrl+Shift+R)."""
    window = getattr(main_window, "race_window", None)
    if window is None:
        window = main_window.race_window = RaceWindow(main_window)
    window.show()
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
        window.activateWindow()
    return window
