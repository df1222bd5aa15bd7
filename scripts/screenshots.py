"""Start the real app on each example, train for a few seconds, save a screenshot.

One command takes the screenshots for every screen size people have (each size
in a virtual screen of its own, started with ``xvfb-run``)::

    python scripts/screenshots.py --sizes 1366x768,1600x1000,1920x1080 spiral

writes ``docs/screenshots/spiral_1366x768.png`` and so on.  Without ``--sizes``
the script runs on the current display (or offscreen) and captures it::

    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshots.py [--seconds 4] [--out shots]

Each example opens in the main window (filling the screen), Play is pressed,
and after ``--seconds`` the whole screen is captured to ``OUT/<example>[_<size>].png``.
``--language zh_CN`` takes them with the Chinese interface.
"""

from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
EXAMPLES = os.path.join(ROOT, "resources", "examples")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--out", default=None, help="folder (default: docs/screenshots with --sizes, else shots)")
    parser.add_argument("--sizes", default=None, help="comma-separated WxH screen sizes, each under its own xvfb-run")
    parser.add_argument("--suffix", default="", help="appended to each file name (set by --sizes)")
    parser.add_argument("--language", default=None, help="interface language, e.g. zh_CN")
    parser.add_argument("examples", nargs="*", help="example names or files (default: all)")
    args = parser.parse_args()
    paths = [_resolve(p) for p in args.examples] or sorted(glob.glob(os.path.join(EXAMPLES, "*.json")))
    if args.sizes:
        out = args.out or os.path.join(ROOT, "docs", "screenshots")
        status = 0
        for size in args.sizes.split(","):
            suffix = f"_{size}" + (f"_{args.language}" if args.language else "")
            cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", sys.executable, os.path.abspath(__file__),
                   "--seconds", str(args.seconds), "--out", out, "--suffix", suffix, *paths]
            if args.language:
                cmd += ["--language", args.language]
            status |= subprocess.call(cmd)
        return status
    return _take(paths, args.out or os.path.join(ROOT, "shots"), args.seconds, args.suffix, args.language)


def _resolve(name: str) -> str:
    if os.path.exists(name):
        return name
    return os.path.join(EXAMPLES, name if name.endswith(".json") else f"{name}.json")


def _take(paths: list[str], out_dir: str, seconds: float, suffix: str, language: str | None) -> int:
    os.makedirs(out_dir, exist_ok=True)
    from PySide6.QtCore import QSettings

    from gui.app import make_app
    from gui.main_window import MainWindow

    app = make_app()
    settings = QSettings(os.path.join(out_dir, "settings.ini"), QSettings.IniFormat)
    for path in paths:
        settings.clear()
        if language:
            settings.setValue("language", language)
            try:
                from gui.i18n import install_translator

                install_translator(app, language)
            except ImportError:
                pass
        window = MainWindow(path, settings=settings)
        window.setGeometry(app.primaryScreen().availableGeometry())  # no window manager under Xvfb
        window.show()
        _pump(app, 1.0)
        window.actions_by_name["play"].trigger()
        _pump(app, seconds)
        if window.playing:
            window.actions_by_name["play"].trigger()
        _pump(app, 0.5)
        name = os.path.splitext(os.path.basename(path))[0]
        out = os.path.join(out_dir, f"{name}{suffix}.png")
        screen = app.primaryScreen()
        (screen.grabWindow(0) if os.environ.get("DISPLAY") else window.grab()).save(out)
        readout = getattr(getattr(window, "controls", None), "readout", None)
        text = readout.text().replace("<b>", "").replace("</b>", "") if readout is not None else ""
        print(out, text)
        window.doc.undo_stack.setClean()
        window.close()
        _pump(app, 0.2)
    settings.clear()
    try:
        os.remove(os.path.join(out_dir, "settings.ini"))
    except OSError:
        pass
    return 0


def _pump(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


if __name__ == "__main__":
    sys.exit(main())
