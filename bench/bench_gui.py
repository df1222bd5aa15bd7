"""Training speed with the window open, against the headless trainer, in one run.

    QT_QPA_PLATFORM=offscreen python bench/bench_gui.py [--seconds 8] [--project resources/examples/spiral.json]

Prints: headless steps/s (Trainer.step in a loop), steps/s with the window
open and drawing (worker thread at full speed), their ratio, the 95th
percentile of the GUI event loop's delay while training (a 10 ms timer's
lateness), and redraws (snapshots drawn) per second.
Targets: >= 70 % of headless throughput, p95 delay < 50 ms, >= 20 redraws/s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def headless(project: dict, seconds: float) -> float:
    from core.trainer import Trainer

    trainer = Trainer(project)
    trainer.keep_previous = True  # as the worker does
    for _ in range(200):
        trainer.step()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(100):
            trainer.step()
        n += 100
    return n / (time.perf_counter() - start)


def run_event_loop(seconds: float) -> None:
    """Run a real Qt event loop (as the app does) for ``seconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def with_window(path: str, seconds: float):
    from PySide6.QtCore import QSettings, QTimer

    from gui.app import make_app
    from gui.main_window import MainWindow

    make_app()
    settings = QSettings(os.path.join("/tmp", "bench_gui_settings.ini"), QSettings.IniFormat)
    settings.clear()
    window = MainWindow(path, settings=settings)
    window.resize(1600, 1000)
    window.show()
    run_event_loop(1.0)
    drawn = [0]
    original = window._on_snapshot

    def counting(gen, snap):
        drawn[0] += 1
        original(gen, snap)

    window.worker.snapshot.disconnect(window._on_snapshot)
    window.worker.snapshot.connect(counting)
    delays = []
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        delays.append(now - last[0] - 0.010)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    steps0 = window.worker.query("step_count").wait()
    # the trainer stops at the project's epochs; make the run long enough
    window.worker.set_training_option("epochs", 10**6)
    window.worker.play()
    timer.start()
    start = time.perf_counter()
    last[0] = start
    run_event_loop(seconds)
    elapsed = time.perf_counter() - start
    timer.stop()
    steps1 = window.worker.query("step_count").wait()
    window.worker.pause()
    window.doc.undo_stack.setClean()
    window.close()
    return (steps1 - steps0) / elapsed, float(np.percentile(np.maximum(delays, 0), 95)) * 1000, drawn[0] / elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--project", default=os.path.join(ROOT, "resources", "examples", "spiral.json"))
    args = parser.parse_args()
    from core.project import load_project

    project = load_project(args.project)
    project["training"]["epochs"] = 10**6
    base = headless(project, args.seconds)
    gui_rate, p95, redraws = with_window(args.project, args.seconds)
    print(f"project: {os.path.relpath(args.project, ROOT)}")
    print(f"headless trainer           {base:10.0f} steps/s")
    share = 100 * gui_rate / base
    print(f"window open, drawing       {gui_rate:10.0f} steps/s   ({share:.0f} % of headless; target >= 70 %)")
    print(f"event-loop delay, p95      {p95:10.1f} ms        (target < 50 ms)")
    print(f"redraws                    {redraws:10.1f} per second (target >= 20)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
