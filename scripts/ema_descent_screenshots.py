"""Screenshots of Inspect → Momentum as an Average… and Inspect → Batch vs Stochastic vs
Mini-batch… over the main window, on a 1366x768 screen::

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/ema_descent_screenshots.py [--epochs 20] [--out DIR]

Opens the default spiral project, trains 200 steps, then writes
``OUT/ema_view_1366x768.png`` (the random walk, β = 0.9, all four curves) and
``OUT/batch_vs_stochastic_1366x768.png`` (the three runs after ``--epochs`` epochs).
``--language zh_CN`` writes the same with a ``_zh_CN`` suffix.
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
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--language", default="en")
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "screenshots"))
    args = parser.parse_args()
    import pyqtgraph as pg
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    from gui import i18n
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
    scratch = tempfile.mkdtemp(prefix="ema_screenshots_")
    settings = QSettings(os.path.join(scratch, "settings.ini"), QSettings.IniFormat)
    MainWindow._confirm_discard = lambda self: True
    window = MainWindow(settings=settings)
    if args.language != "en":
        i18n.switch_language(app, args.language)
    screen = app.primaryScreen().availableGeometry()
    size = app.primaryScreen().geometry()
    window.setGeometry(screen)
    window.show()
    wait(lambda: window.info is not None, 20)
    window.controller.step(200)
    wait(lambda: window.controller.last_snapshot is not None and window.controller.last_snapshot.step >= 200, 60)
    suffix = "" if args.language == "en" else f"_{args.language}"

    def capture(view, name):
        wait(lambda: False, 1.5)
        path = os.path.join(args.out, f"{name}_{size.width()}x{size.height()}{suffix}.png")
        shot = app.primaryScreen().grabWindow(0)
        if shot.isNull() or app.platformName() == "offscreen":  # no screen to capture: the windows alone
            shot = window.grab()
            painter = QPainter(shot)
            painter.drawPixmap(view.x() - window.x(), view.y() - window.y(), view.grab())
            painter.end()
        shot.save(path)
        print(path)

    window.actions_by_name["ema_view"].trigger()
    view = window.ema_window
    view.show_buffer.setChecked(True)
    width, height = min(1000, screen.width() - 60), min(620, screen.height() - 80)
    view.setGeometry(screen.right() - width - 10, screen.top() + 60, width, height)
    capture(view, "ema_view")
    view.hide()

    window.actions_by_name["descent_compare"].trigger()
    view = window.descent_window
    view.amount.setValue(args.epochs)
    width, height = min(1300, screen.width() - 40), min(680, screen.height() - 60)
    view.setGeometry(screen.left() + 20, screen.top() + 40, width, height)
    view.start()
    wait(lambda: view.result is not None, 300)
    capture(view, "batch_vs_stochastic")
    window.close()
    del settings
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
