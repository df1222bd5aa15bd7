"""Start the real app on each example, train for a few seconds, save a screenshot.

Run under a virtual screen:

    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshots.py [--seconds 4] [--out shots]

Each example opens in the main window (maximised), Play is pressed, and after
``--seconds`` the whole screen is captured to ``OUT/<example>.png``.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--out", default=os.path.join(ROOT, "shots"))
    parser.add_argument("examples", nargs="*", help="example files (default: all)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    from PySide6.QtCore import QSettings

    from gui.app import make_app
    from gui.main_window import EXAMPLES_DIR, MainWindow

    app = make_app()
    settings = QSettings(os.path.join(args.out, "settings.ini"), QSettings.IniFormat)
    paths = args.examples or sorted(glob.glob(os.path.join(EXAMPLES_DIR, "*.json")))
    for path in paths:
        settings.clear()
        window = MainWindow(path, settings=settings)
        window.setGeometry(app.primaryScreen().availableGeometry())  # no window manager under Xvfb
        window.show()
        _pump(app, 1.0)
        window.actions_by_name["play"].trigger()
        _pump(app, args.seconds)
        if window.playing:
            window.actions_by_name["play"].trigger()
        _pump(app, 0.5)
        name = os.path.splitext(os.path.basename(path))[0]
        out = os.path.join(args.out, f"{name}.png")
        screen = app.primaryScreen()
        (screen.grabWindow(0) if os.environ.get("DISPLAY") else window.grab()).save(out)
        print(out, window.controls.readout.text().replace("<b>", "").replace("</b>", ""))
        window.doc.undo_stack.setClean()
        window.close()
        _pump(app, 0.2)
    return 0


def _pump(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


if __name__ == "__main__":
    sys.exit(main())
