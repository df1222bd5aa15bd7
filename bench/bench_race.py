"""Frames per second of the optimizer race: six optimizers on a 200×200 contour map.

    QT_QPA_PLATFORM=offscreen python bench/bench_race.py [--frames 600] [--seconds 5] [--surface rosenbrock]

Prints (goal of issue 10: 30 frames a second or better):

* drawn fps: frames advanced and painted synchronously, back to back (one frame = one
  optimizer step for all six optimizers, the paths' and loss curves' ``setData``, and
  a full ``repaint()`` of the window at 1366×768), with the median and p95 frame time;
  the paths grow to ``--frames`` points, so late frames cost the most;
* played fps: the window's own timer driving the animation for ``--seconds`` with the
  event loop running (the timer asks for about 33 frames a second).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def paint_counter():
    from PySide6.QtCore import QEvent, QObject

    class Counter(QObject):
        count = 0

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    return Counter()


def make_window(surface: str):
    import pyqtgraph as pg

    from gui.race_window import RaceWindow

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    window = RaceWindow(grid=200)
    window.optimizers.add_row("nesterov", 0.01)  # six optimizers
    window.set_surface(surface)
    window.max_steps.setValue(100000)
    window.resize(1366, 768)
    window.show()
    return window


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--surface", default="rosenbrock")
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    window = make_window(args.surface)
    app.processEvents()
    assert len(window.race.runners) == 6 and window.image.image.shape[:2] == (200, 200)

    times = []
    for _ in range(args.frames):
        t0 = time.perf_counter()
        window.advance(1)
        window.repaint()
        times.append(time.perf_counter() - t0)
    total = sum(times)
    times.sort()
    print(
        f"drawn fps: {args.frames / total:.1f}  (frame median {1e3 * statistics.median(times):.1f} ms, "
        f"p95 {1e3 * times[int(0.95 * len(times))]:.1f} ms, paths up to {window.race.steps + 1} points)"
    )

    paints = paint_counter()
    window.map.viewport().installEventFilter(paints)
    window.restart()
    window.speed.setValue(1)
    window.play()
    loop = QEventLoop()
    QTimer.singleShot(int(args.seconds * 1000), loop.quit)
    t0, cpu0 = time.perf_counter(), time.process_time()
    loop.exec()
    cpu = time.process_time() - cpu0
    window.pause()
    elapsed = time.perf_counter() - t0
    print(
        f"played fps: {window.race.steps / elapsed:.1f}  ({window.race.steps} frames in {elapsed:.1f} s, "
        f"six optimizers, 200x200 contour, goal >= 30)"
    )
    print(
        f"map repainted {paints.count} times ({paints.count / elapsed:.1f} a second); "
        f"CPU {100 * cpu / elapsed:.0f} % of one core, {1e3 * cpu / max(window.race.steps, 1):.1f} ms a frame"
    )
    window.close()


if __name__ == "__main__":
    main()
