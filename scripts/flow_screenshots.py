"""Screenshots of the Inspect menu's Gradient flow and Activation explorer windows beside
the main window, on a 1366x768 screen (the smallest the app is made for)::

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/flow_screenshots.py [--steps 300] [--out DIR]

For each of vanishing_sigmoid and deep_relu_batchnorm: open the example, train
``--steps`` steps, open one view over the right part of the main window and
capture the whole screen to ``OUT/<view>_<example>_1366x768.png``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "screenshots"))
    parser.add_argument("examples", nargs="*", default=["vanishing_sigmoid", "deep_relu_batchnorm"])
    args = parser.parse_args()
    import pyqtgraph as pg
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    from gui.main_window import MainWindow
    from gui.panels import style

    style.apply_palette(app)

    def wait(cond, seconds):
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()
            if cond():
                return True
            time.sleep(0.01)
        return False

    os.makedirs(args.out, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="flow_screenshots_")
    settings = QSettings(os.path.join(scratch, "settings.ini"), QSettings.IniFormat)
    MainWindow._confirm_discard = lambda self: True
    for example in args.examples:
        window = MainWindow(os.path.join(ROOT, "resources", "examples", f"{example}.json"), settings=settings)
        screen = app.primaryScreen().availableGeometry()
        size = app.primaryScreen().geometry()
        window.setGeometry(screen)
        window.show()
        wait(lambda w=window: w.info is not None, 20)
        views = {"gradient_flow": window.gradient_flow_view, "activation_explorer": window.activation_explorer}
        window.controller.step(args.steps)
        wait(
            lambda w=window: w.gradient_flow_view._snap is not None and w.gradient_flow_view._snap.step >= args.steps,
            120,
        )
        for name, view in views.items():
            window.actions_by_name[name].trigger()
            width, height = min(700, screen.width() // 2), min(640, screen.height() - 60)
            view.setGeometry(screen.right() - width - 10, screen.top() + 60, width, height)
            wait(lambda: False, 2.0)
            if name == "activation_explorer":
                view.fit_range()
                wait(lambda: False, 0.5)
            path = os.path.join(args.out, f"{name}_{example}_{size.width()}x{size.height()}.png")
            shot = app.primaryScreen().grabWindow(0)
            if shot.isNull() or app.platformName() == "offscreen":  # no screen to capture: the windows alone
                shot = window.grab()
                from PySide6.QtGui import QPainter

                painter = QPainter(shot)
                painter.drawPixmap(view.x() - window.x(), view.y() - window.y(), view.grab())
                painter.end()
            shot.save(path)
            print(path)
            view.hide()
        window.close()
    del settings
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
