"""Screenshots of the Inspect windows for README's gallery, from the real app.

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/inspect_screenshots.py [--language zh_CN]

Opens the worked 2-2-1 example, walks the step-through window to a backward step and shows
the update for the example (``step_through_worked_2_2_1_1366x768.png``); then the spiral with
ROC / PR dock and the digits' principal plane are captured with the main window
(``roc_pr_moons_1366x768.png``, ``pca_plane_digits_1366x768.png``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", default=None)
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "screenshots"))
    args = parser.parse_args()
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication

    from core.project import load_project
    from gui import i18n
    from gui.app import make_app
    from gui.main_window import MainWindow

    app = make_app()
    if args.language:
        i18n.install_translator(app, args.language)
    suffix = "_" + args.language if args.language else ""
    size = QGuiApplication.primaryScreen().size()
    tag = f"{size.width()}x{size.height()}{suffix}"
    tmp = tempfile.mkdtemp()
    w = MainWindow(settings=QSettings(os.path.join(tmp, "s.ini"), QSettings.IniFormat))
    w.showMaximized()

    def spin(seconds, until=lambda: False):
        end = time.time() + seconds
        while time.time() < end and not until():
            app.processEvents()
            time.sleep(0.01)

    def open_example(name, steps=0):
        w.open_example(os.path.join(ROOT, "resources", "examples", f"{name}.json"))
        spin(15, lambda: w.info is not None and w.doc.project["data"]["source"] == load_project(
            os.path.join(ROOT, "resources", "examples", f"{name}.json"))["data"]["source"])
        spin(2)
        if steps:
            w.controller.step(steps)
            spin(10, lambda: w.controller.step_count >= steps if hasattr(w.controller, "step_count") else False)
            spin(2)

    os.makedirs(args.out, exist_ok=True)
    open_example("worked_2_2_1")
    w.open_step_through()
    st = w.step_through
    st.resize(int(size.width() * 0.9), int(size.height() * 0.9))
    spin(10, lambda: st.graph is not None)
    st.end()
    for _ in range(6):
        st.step_back()
    st.update_button.setChecked(True)
    spin(10, lambda: st.update_view.preview is not None)
    spin(1)
    st.grab().save(os.path.join(args.out, f"step_through_worked_2_2_1_{tag}.png"))
    st.close()

    open_example("moons", 300)
    w.docks["ROC / PR"].raise_()
    spin(2)
    w.grab().save(os.path.join(args.out, f"roc_pr_moons_{tag}.png"))

    open_example("digits", 300)
    spin(2)
    w.grab().save(os.path.join(args.out, f"pca_plane_digits_{tag}.png"))
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
