"""A screenshot of Inspect → Loss Landscape… on a 1366x768 screen::

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/landscape_screenshot.py [--steps 400] [--out DIR] [spiral]

Opens the example, opens the landscape window (so the training path is collected),
trains ``--steps`` steps in ``--points`` chunks, computes the landscape at
``--resolution`` and captures the screen to ``OUT/loss_landscape_<example>_<size>.png``.
The 3-D surface needs OpenGL (PyOpenGL and a display, e.g. xvfb); offscreen the
window shows the contour map alone.
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
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--points", type=int, default=12)
    parser.add_argument("--resolution", type=int, default=41)
    parser.add_argument("--radius", type=float, default=1.0)
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "screenshots"))
    parser.add_argument("example", nargs="?", default="spiral")
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
    scratch = tempfile.mkdtemp(prefix="landscape_screenshot_")
    settings = QSettings(os.path.join(scratch, "settings.ini"), QSettings.IniFormat)
    MainWindow._confirm_discard = lambda self: True
    window = MainWindow(os.path.join(ROOT, "resources", "examples", f"{args.example}.json"), settings=settings)
    screen = app.primaryScreen().availableGeometry()
    size = app.primaryScreen().geometry()
    window.setGeometry(screen)
    window.show()
    wait(lambda: window.info is not None, 20)
    window.actions_by_name["loss_landscape"].trigger()
    view = window.landscape_window
    view.setGeometry(screen)
    chunk = max(1, args.steps // args.points)
    for _ in range(args.points):
        n = len(view.recorder.points)
        window.controller.step(chunk)
        wait(lambda n=n: len(view.recorder.points) > n, 60)
    view.resolution.setValue(args.resolution)
    view.radius.setValue(args.radius)
    view.start()
    wait(lambda: view.state in ("done", "failed", "cancelled"), 600)
    print(view.summary.text())
    wait(lambda: False, 1.5)
    path = os.path.join(args.out, f"loss_landscape_{args.example}_{size.width()}x{size.height()}.png")
    shot = app.primaryScreen().grabWindow(0)
    if shot.isNull() or app.platformName() == "offscreen":  # no screen to capture: the window alone
        shot = view.grab()
    shot.save(path)
    print(path)
    view.close()
    window.close()
    del settings
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
