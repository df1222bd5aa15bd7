"""The window's costs, measured with training running, against the headless trainer.

    QT_QPA_PLATFORM=offscreen python bench/bench_gui.py [--seconds 8] [--project resources/examples/spiral.json]

Prints, with the targets of issue 7:

* headless steps/s (``Trainer.step`` in a loop) and steps/s with the window open
  and drawing (the training process at full speed): ratio >= 90 %;
* the GUI event loop's delay while training (a 10 ms timer's lateness), p95 < 25 ms;
* redraws (snapshots drawn) per second, >= 30;
* a learning-rate slider tick handled in the window (the slider's signal to the
  message sent to the training process), median < 5 ms, with training running;
* a units edit ("+" on a layer: command, document, canvas columns, rebuild
  sent), median < 50 ms, with training running;
* ``python main.py`` to a shown window, warm (the best of three later starts), < 1.5 s;
* opening each bundled example (File -> Examples): the longest the event loop is
  blocked from the click until the new project is drawn, < 0.3 s (``--no-examples``
  skips it);
* and, to tell a loaded machine from a slow program: the share of a core the
  training process got and its steps per second of its own CPU time, against the
  headless trainer's steps per second of CPU time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def headless(project: dict, seconds: float) -> tuple[float, float]:
    """Steps per second of wall time and of CPU time."""
    from core.trainer import Trainer

    trainer = Trainer(project)
    for _ in range(200):
        trainer.step()
    n, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        for _ in range(100):
            trainer.step()
        n += 100
    return n / (time.perf_counter() - start), n / (time.process_time() - cpu)


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used (Linux; NaN elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def run_event_loop(seconds: float) -> None:
    """Run a real Qt event loop (as the app does) for ``seconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def bench_window(path: str | None):
    """The main window on ``path`` (None: the default project) at 1600x1000, shown and
    settled, and a one-item list counting the snapshots it draws from now on."""
    from PySide6.QtCore import QSettings

    from gui.app import make_app
    from gui.main_window import MainWindow

    make_app()
    settings = QSettings(os.path.join("/tmp", "bench_gui_settings.ini"), QSettings.IniFormat)
    settings.clear()
    window = MainWindow(path, settings=settings)
    window.resize(1600, 1000)
    window.show()
    run_event_loop(1.5)
    drawn = [0]
    window.controller.snapshot.connect(lambda _snap: drawn.__setitem__(0, drawn[0] + 1))
    return window, drawn


def with_window(path: str, seconds: float) -> dict:
    from PySide6.QtCore import QTimer

    from gui import commands as cmd

    window, drawn = bench_window(path)
    delays = []
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        delays.append(now - last[0] - 0.010)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)

    # lr slider ticks while training, a few a second, as a slow drag
    slider = window.training_panel.lr.slider
    lr_times = []

    def lr_tick():
        position = slider.value() + (1 if len(lr_times) % 2 else -1)
        start = time.perf_counter()
        slider.setValue(position)
        lr_times.append(time.perf_counter() - start)

    lr_timer = QTimer()
    lr_timer.setInterval(250)
    lr_timer.timeout.connect(lr_tick)
    rebuilds_before = window.canvas.bodies_built

    steps0 = window.worker.query("step_count").wait()
    pid = window.worker._process.pid
    # the trainer stops at the project's epochs; make the run long enough
    window.worker.set_training_option("epochs", 10**6)
    window.worker.play()
    timer.start()
    lr_timer.start()
    start = time.perf_counter()
    cpu0 = process_cpu(pid)
    last[0] = start
    run_event_loop(seconds)
    elapsed = time.perf_counter() - start
    timer.stop()
    lr_timer.stop()
    redrawn = drawn[0]  # (the units edits below draw more)
    steps1 = window.worker.query("step_count").wait()
    cpu1 = process_cpu(pid)
    canvas_rebuilt_by_lr = window.canvas.bodies_built - rebuilds_before

    # units edits, each with training running
    units_times = []
    controller = window.controller
    for i in range(8):
        window.worker.set_training_option("epochs", 10**6)
        window.worker.play()
        run_event_loop(0.4)
        layers = window.doc.project["network"]["layers"]
        units = layers[0]["units"] + (1 if i % 2 == 0 else -1)
        start = time.perf_counter()
        window.push(cmd.ChangeUnits((0,), units))
        if controller._pending is not None:  # the rebuild goes out at the end of this event-loop turn
            controller._flush.stop()
            controller._send_rebuild()
        units_times.append(time.perf_counter() - start)
        run_event_loop(0.3)
    window.worker.pause()
    window.doc.undo_stack.setClean()
    window.close()
    return {
        "rate": (steps1 - steps0) / elapsed,
        "cpu_share": (cpu1 - cpu0) / elapsed,
        "cpu_rate": (steps1 - steps0) / (cpu1 - cpu0) if cpu1 > cpu0 else float("nan"),
        "p95": float(np.percentile(np.maximum(delays, 0), 95)) * 1000,
        "redraws": redrawn / elapsed,
        "lr_ms": statistics.median(lr_times) * 1000,
        "lr_max_ms": max(lr_times) * 1000,
        "lr_ticks": len(lr_times),
        "canvas_rebuilt_by_lr": canvas_rebuilt_by_lr,
        "units_ms": statistics.median(units_times) * 1000,
        "units_max_ms": max(units_times) * 1000,
    }


def open_examples(settle: float = 2.5) -> dict[str, tuple[float, bool]]:
    """Each bundled example opened as File -> Examples does: name -> (the longest the
    event loop was blocked, in seconds, from the click until ``settle`` seconds later;
    whether the new project was drawn by then)."""
    import glob

    from PySide6.QtCore import QTimer

    window, drawn = bench_window(None)
    gaps = []
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    out = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "resources", "examples", "*.json"))):
        run_event_loop(0.3)
        window.doc.undo_stack.setClean()
        gaps.clear()
        drawn[0] = 0
        last[0] = time.perf_counter()

        def click(path=path):
            window.open_example(path)  # as the menu action does, inside the event loop

        QTimer.singleShot(0, click)
        run_event_loop(settle)
        blocked = max([g - 0.005 for g in gaps] + [time.perf_counter() - last[0]])
        out[os.path.splitext(os.path.basename(path))[0]] = (max(blocked, 0.0), drawn[0] > 0)
    timer.stop()
    window.worker.pause()
    window.doc.undo_stack.setClean()
    window.close()
    return out


def startup(runs: int = 4) -> list[float]:
    """Seconds from starting ``python main.py`` to the window being shown."""
    env = dict(os.environ, BACKPROP_LAB_EXIT_WHEN_SHOWN="1")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, "main.py")],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
            cwd=ROOT,
        )
        line = process.stdout.readline()
        took = time.perf_counter() - start
        process.wait(30)
        if line.strip() == "shown":
            times.append(took)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument(
        "--project",
        default=os.path.join(ROOT, "resources", "examples", "spiral.json"),
        help='a project file, or "default" for the project File -> New makes',
    )
    parser.add_argument("--no-examples", action="store_true", help="skip opening every bundled example")
    args = parser.parse_args()
    from core.project import default_project, load_project, save_project

    if args.project == "default":
        args.project = os.path.join(tempfile.mkdtemp(prefix="bench_gui_"), "default.json")
        save_project(default_project(), args.project)
    project = load_project(args.project)
    project["training"]["epochs"] = 10**6
    base, base_cpu = headless(project, args.seconds)
    gui = with_window(args.project, args.seconds)
    examples = {} if args.no_examples else open_examples()
    starts = startup()
    warm = min(starts[1:]) if len(starts) > 1 else float("nan")

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    share = 100 * gui["rate"] / base
    print(f"project: {os.path.relpath(args.project, ROOT)}")
    print(f"headless trainer           {base:10.0f} steps/s")
    print(
        f"window open, drawing       {gui['rate']:10.0f} steps/s   ({share:.0f} % of headless; target >= 90 %)"
        f"  {verdict(share >= 90)}"
    )
    print(
        f"  (the training process got {100 * gui['cpu_share']:.0f} % of a core: {gui['cpu_rate']:.0f} steps per "
        f"CPU second, {100 * gui['cpu_rate'] / base_cpu:.0f} % of the headless trainer's {base_cpu:.0f})"
    )
    print(f"event-loop delay, p95      {gui['p95']:10.1f} ms        (target < 25 ms)  {verdict(gui['p95'] < 25)}")
    print(
        f"redraws                    {gui['redraws']:10.1f} per second (target >= 30)  {verdict(gui['redraws'] >= 30)}"
    )
    print(
        f"lr slider tick, median     {gui['lr_ms']:10.2f} ms        (target < 5 ms; max {gui['lr_max_ms']:.2f} ms "
        f"over {gui['lr_ticks']} ticks; canvas columns rebuilt: {gui['canvas_rebuilt_by_lr']})  "
        f"{verdict(gui['lr_ms'] < 5)}"
    )
    print(
        f"units edit, median         {gui['units_ms']:10.2f} ms        (target < 50 ms; max "
        f"{gui['units_max_ms']:.2f} ms)  {verdict(gui['units_ms'] < 50)}"
    )
    print(
        f"main.py to a shown window  {warm:10.2f} s         (warm, best of {len(starts) - 1}; first "
        f"{starts[0]:.2f} s; target < 1.5 s)  {verdict(warm < 1.5)}"
    )
    if examples:
        worst = max(examples, key=lambda name: examples[name][0])
        undrawn = [name for name, (_, was_drawn) in examples.items() if not was_drawn]
        print(
            f"opening an example, longest stall {examples[worst][0]:6.2f} s  ({worst}; target < 0.3 s)  "
            f"{verdict(examples[worst][0] < 0.3 and not undrawn)}"
        )
        print("  " + ", ".join(f"{name} {stall:.2f}" for name, (stall, _) in sorted(examples.items())))
        if undrawn:
            print(f"  not drawn within the time allowed: {', '.join(undrawn)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
