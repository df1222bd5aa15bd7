"""Screenshots of Inspect → Optimizer Race… opened from the real main window, sized to a
1366x768 screen (the smallest the app is made for)::

    QT_QPA_PLATFORM=offscreen python scripts/race_screenshots.py [--out DIR] [--language zh_CN]

For the ill-conditioned bowl (SGD's zig-zag, momentum's overshoot) and the Rosenbrock
valley: open the window from the Inspect menu, race the default optimizers from the
default start and save ``OUT/optimizer_race_<surface>_1366x768[_<language>].png``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RACES = {"bowl": 120, "rosenbrock": 300}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "screenshots"))
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    import pyqtgraph as pg
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    from gui import i18n
    from gui.main_window import MainWindow
    from gui.panels import style

    style.apply_palette(app)
    if args.language != "en":
        i18n.switch_language(app, args.language)
    tmp = tempfile.mkdtemp()
    try:
        window = MainWindow(settings=QSettings(os.path.join(tmp, "s.ini"), QSettings.IniFormat))
        window.show()
        app.processEvents()
        window.actions_by_name["optimizer_race"].trigger()
        race = window.race_window
        race.resize(1366, 768)
        os.makedirs(args.out, exist_ok=True)
        suffix = "" if args.language == "en" else f"_{args.language}"
        for surface, steps in RACES.items():
            race.set_surface(surface)
            for _ in range(steps):
                race.advance(1)
                app.processEvents()
            path = os.path.join(args.out, f"optimizer_race_{surface}_1366x768{suffix}.png")
            race.grab().save(path)
            print(path)
        race.close()
        window.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
