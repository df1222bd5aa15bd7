"""The main window's layout: the central network drawing with its banner and
description, the panels in their docks, and sizes that fit the screen (a
1366x768 laptop included).  A mixin of :class:`gui.main_window.MainWindow`;
its text keeps the translation context "MainWindow"."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QScrollArea, QTabBar, QVBoxLayout, QWidget

from gui.exports import slug
from gui.panels.activation_stats import ActivationStatsPanel
from gui.panels.data_panel import DataPanel
from gui.panels.doctor_panel import DoctorPanel
from gui.panels.gradient_histograms import GradientHistogramPanel
from gui.panels.gradient_norms import GradientNormPanel
from gui.panels.image_gallery import ImageGalleryPanel
from gui.panels.inspector import LayerInspector
from gui.panels.loss_plot import LossPanel
from gui.panels.network_canvas import NetworkCanvas
from gui.panels.output_view import OutputPanel
from gui.panels.roc_panel import RocPanel
from gui.panels.runs_panel import RunsPanel
from gui.panels.training_panel import TrainingPanel
from gui.panels.weight_histograms import WeightHistogramPanel

EXAMPLES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "examples")
SETTINGS_VERSION = 2  # 2: dock minimum sizes that fit 1366x768
PREFERRED_SIZE = (1600, 1000)


class WindowLayout:
    """Builds the window's widgets and docks (:meth:`_setup_ui`) and keeps them on screen."""

    def _setup_ui(self):
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "Backprop Lab"))
        self._fit_to_screen(*PREFERRED_SIZE)
        self.canvas = NetworkCanvas()
        central = QWidget()
        v = QVBoxLayout(central)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(0)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "#banner { background: #fdecea; color: #7a1c14; padding: 8px; border-bottom: 1px solid #e6b3ad; }"
        )
        self.banner.hide()
        self.description = QLabel()
        self.description.setObjectName("description")
        self.description.setWordWrap(True)
        self.description.setStyleSheet(
            "#description { background: #eaf2fb; color: #17324d; padding: 8px; border-bottom: 1px solid #b8d0ea; }"
        )
        self.description.linkActivated.connect(lambda _link: self.description.hide())
        self.description.hide()
        self.toolbar_holder = QVBoxLayout()
        v.addLayout(self.toolbar_holder)
        v.addWidget(self.banner)
        v.addWidget(self.description)
        hint = QLabel(
            QCoreApplication.translate(
                "MainWindow",
                "Tip: + / − change a layer's neurons · the ⋯ menu inserts dropout, batch norm or a "
                "residual block · drag a layer's title to move it · hover a weight or neuron for "
                "values",
            )
        )
        hint.setObjectName("canvasHint")
        hint.setStyleSheet("color: #667; padding: 2px 8px;")
        hint.setWordWrap(True)
        v.addWidget(self.canvas, 1)
        v.addWidget(hint)
        self.setCentralWidget(central)
        self.data_panel = DataPanel()
        self.training_panel = TrainingPanel()
        self.inspector = LayerInspector()
        self.loss_panel = LossPanel()
        self.grad_hist_panel = GradientHistogramPanel()
        self.grad_norm_panel = GradientNormPanel()
        self.weight_hist_panel = WeightHistogramPanel()
        self.act_panel = ActivationStatsPanel()
        self.image_gallery = ImageGalleryPanel()
        self.output_panel = OutputPanel()
        self.roc_panel = RocPanel()
        self.plot_panels = [
            self.loss_panel,
            self.output_panel,
            self.grad_hist_panel,
            self.grad_norm_panel,
            self.weight_hist_panel,
            self.act_panel,
            self.roc_panel,
        ]
        self.docks: dict[str, QDockWidget] = {}
        # the right column (Output over Loss) runs the window's full height: on a
        # 768-pixel screen the Loss dock under it kept 15 px when the bottom row ran under it
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        left = Qt.LeftDockWidgetArea
        right = Qt.RightDockWidgetArea
        bottom = Qt.BottomDockWidgetArea
        self._dock(self.data_panel, "Data", QCoreApplication.translate("MainWindow", "Data"), left, scroll=True)
        self._dock(
            self.training_panel, "Training", QCoreApplication.translate("MainWindow", "Training"), left, scroll=True
        )
        # shown when a layer is clicked; not tabbed with Data because Qt 6.10 leaves a
        # stray copy of the tab bar on screen for every tab group after the first
        self._dock(self.inspector, "Layer", QCoreApplication.translate("MainWindow", "Layer"), left, scroll=True)
        self._dock(self.output_panel, "Output", QCoreApplication.translate("MainWindow", "Output"), right)
        self._dock(self.loss_panel, "Loss", QCoreApplication.translate("MainWindow", "Loss"), right)
        self._dock(
            self.grad_hist_panel,
            "Gradient histograms",
            QCoreApplication.translate("MainWindow", "Gradient histograms"),
            bottom,
        )
        self._dock(
            self.grad_norm_panel, "Gradient norms", QCoreApplication.translate("MainWindow", "Gradient norms"), bottom
        )
        self._dock(
            self.weight_hist_panel,
            "Weight histograms",
            QCoreApplication.translate("MainWindow", "Weight histograms"),
            bottom,
            tab_with="Gradient norms",
        )
        self._dock(
            self.act_panel,
            "Activations",
            QCoreApplication.translate("MainWindow", "Activations"),
            bottom,
            tab_with="Gradient norms",
        )
        self.doctor_panel = DoctorPanel()
        self._dock(
            self.doctor_panel,
            "Doctor",
            QCoreApplication.translate("MainWindow", "Doctor"),
            bottom,
            tab_with="Gradient norms",
        )
        self._dock(
            self.roc_panel,
            "ROC / PR",
            QCoreApplication.translate("MainWindow", "ROC / PR"),
            bottom,
            tab_with="Gradient norms",
        )
        self.runs_panel = RunsPanel()
        self._dock(
            self.runs_panel, "Runs", QCoreApplication.translate("MainWindow", "Runs"), bottom, tab_with="Gradient norms"
        )
        self._dock(
            self.image_gallery,
            "Images",
            QCoreApplication.translate("MainWindow", "Images"),
            bottom,
            tab_with="Gradient norms",
        )
        self.docks["Gradient norms"].raise_()
        self.splitDockWidget(self.docks["Output"], self.docks["Loss"], Qt.Vertical)
        self._set_dock_minimums()
        self._size_docks()
        self.docks["Layer"].hide()
        self.docks["Images"].hide()  # shown for image data (see MainWindow._show_image_docks)
        self._default_state = self.saveState(SETTINGS_VERSION)
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Ready"))

    def _available(self):
        screen = self.screen() or QApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def _fit_to_screen(self, width: int, height: int) -> None:
        """Never open larger than the screen (a 1366x768 laptop has about 1366x740)."""
        area = self._available()
        if area is not None:
            width, height = min(width, area.width()), min(height, area.height())
        self.resize(width, height)

    def _set_dock_minimums(self):
        """Minimum sizes that hold on a 1366x768 screen: every plot keeps room to be read."""
        area = self._available()
        small = area is not None and area.height() < 900
        for title in ("Output", "Loss"):
            self.docks[title].widget().setMinimumWidth(300 if small else 360)
        self.docks["Output"].widget().setMinimumHeight(170 if small else 260)
        self.docks["Loss"].widget().setMinimumHeight(190 if small else 240)
        for title in ("Gradient histograms", "Gradient norms", "Weight histograms", "Activations"):
            self.docks[title].widget().setMinimumHeight(140 if small else 200)

    def _size_docks(self):
        width = self.width()
        height = self.height()
        self.resizeDocks(
            [self.docks["Data"], self.docks["Output"]],
            [max(300, int(width * 0.22)), max(320, int(width * 0.3))],
            Qt.Horizontal,
        )
        self.resizeDocks([self.docks["Gradient histograms"]], [max(150, int(height * 0.3))], Qt.Vertical)
        bottom_width = width - self.docks["Output"].width()
        self.resizeDocks(
            [self.docks["Gradient histograms"], self.docks["Gradient norms"]],
            [int(bottom_width * 0.6), int(bottom_width * 0.4)],
            Qt.Horizontal,
        )
        self.resizeDocks([self.docks["Output"], self.docks["Loss"]], [1, 1], Qt.Vertical)

    def showEvent(self, event):
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # key presses reach the window before the focus widget: Space is caught
            # here (an application-wide filter would run Python for every paint event)
            self.windowHandle().installEventFilter(self)
            area = self._available()
            if area is not None and (self.width() > area.width() or self.height() > area.height()):
                self._fit_to_screen(self.width(), self.height())
            if self.settings.value("window_state") is None:
                QTimer.singleShot(0, self._size_docks)
            QTimer.singleShot(0, self._full_tab_titles)

    def _full_tab_titles(self) -> None:
        """Dock tabs keep their whole titles and scroll: seven tabs in a 1366-pixel window
        were cut to "D…" and "R…", which name nothing."""
        for bar in self.findChildren(QTabBar):
            if bar.parent() is self:  # the main window's dock tab bars (not a panel's own tabs)
                bar.setElideMode(Qt.ElideNone)
                bar.setUsesScrollButtons(True)

    _shown_once = False

    def _dock(self, widget, name, title, area, scroll=False, tab_with: str | None = None):
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{slug(name)}")
        if scroll:  # long forms scroll instead of making the window taller than the screen
            area_widget = QScrollArea()
            area_widget.setWidget(widget)
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QScrollArea.NoFrame)
            area_widget.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            area_widget.setMinimumWidth(300)
            widget = area_widget
        dock.setWidget(widget)
        if tab_with is None:
            self.addDockWidget(area, dock)
        else:
            # tabify a dock that was never laid out on its own: Qt 6.10 leaves a stray
            # tab bar on screen when docks first laid side by side are tabified
            self.tabifyDockWidget(self.docks[tab_with], dock)
        self.docks[name] = dock
        return dock
