"""Open projects built to be large (200 layers, 1M samples, a 100k-unit layer) in the window
and print how long opening took and the longest event-loop stall while opening and while
training for 5 s (issue 7: open within 2 s and keep the window responsive).

    QT_QPA_PLATFORM=offscreen python bench/bench_scale.py ["200 layers" "1M samples" "100k units"]
"""

import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings, QTimer

from core.project import default_project
from gui.app import make_app
from gui.main_window import MainWindow

app = make_app()
tmp = tempfile.mkdtemp(prefix="bench_scale_")
s = QSettings(os.path.join(tmp, "settings.ini"), QSettings.IniFormat)
w = MainWindow(settings=s)
w.resize(1600, 1000)
w.show()


class Watch:
    def __init__(self):
        self.longest = 0
        self.last = time.perf_counter()
        self.t = QTimer()
        self.t.setInterval(5)
        self.t.timeout.connect(self.tick)
        self.t.start()

    def tick(self):
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def pump(t):
    end = time.time() + t
    while time.time() < end:
        app.processEvents()
        time.sleep(0.002)


pump(1.0)


def proj(kind):
    p = default_project()
    if kind == "200 layers":
        p["network"]["layers"] = [{"type": "dense", "units": 8, "activation": "relu"} for _ in range(199)] + [
            p["network"]["layers"][-1]
        ]
    elif kind == "1M samples":
        p["data"]["samples"] = 1_000_000
    elif kind == "100k units":
        p["network"]["layers"] = [{"type": "dense", "units": 100_000, "activation": "relu"}, p["network"]["layers"][-1]]
    return p


for kind in sys.argv[1:] or ["200 layers", "1M samples", "100k units"]:
    path = os.path.join(tmp, kind.replace(" ", "_") + ".json")
    json.dump(proj(kind), open(path, "w"))
    watch = Watch()
    gen = w.generation
    t0 = time.perf_counter()
    w.open_project(path)
    while not (w.doc.path == path and w.info is not None and w.generation != gen):
        app.processEvents()
        time.sleep(0.002)
        if time.perf_counter() - t0 > 60:
            break
    opened = time.perf_counter() - t0
    pump(1.0)
    open_stall = watch.longest
    watch.longest = 0
    w.actions_by_name["play"].trigger()
    pump(5.0)
    train_stall = watch.longest
    steps = w.controls.readout.text()
    w.actions_by_name["play"].trigger()
    pump(0.5)
    print(
        f"{kind}: opened in {opened:.2f} s, longest stall opening {open_stall * 1000:.0f} ms, "
        f"longest stall training 5 s {train_stall * 1000:.0f} ms | {steps[:90]}",
        flush=True,
    )
    w.doc.undo_stack.setClean()
w._confirm_discard = lambda: True
w.close()
pump(0.3)
