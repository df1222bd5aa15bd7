"""The training thread: owns a :class:`core.trainer.Trainer`, takes commands, sends snapshots.

The GUI never touches the trainer's arrays.  Commands (play, pause, step,
change a hyper-parameter, rebuild) go in through a thread-safe queue and are
applied between steps; snapshots (immutable copies) come out through Qt
signals, at most ~30 a second and only once the window has drawn the previous
one, so drawing never blocks training and training never floods the window.

Every rebuild bumps a generation counter carried by each signal so the window
can drop what a replaced run still had in flight.
"""

from __future__ import annotations

import queue
import threading
import time

from PySide6.QtCore import QThread, Signal

from core.registry import ConfigError
from core.trainer import Trainer, TrainingDiverged

SNAPSHOT_INTERVAL = 1.0 / 30.0
#: steps per second for each speed setting (None: as fast as possible)
SPEEDS = {"max": None, "fast": 200.0, "medium": 30.0, "slow": 5.0, "very slow": 1.0}


class TrainingWorker(QThread):
    """One training thread per session.  Public methods are called from the GUI thread."""

    built = Signal(int, object)  # generation, RunInfo
    snapshot = Signal(int, object)  # generation, Snapshot
    state_changed = Signal(int, bool)  # generation, playing
    failed = Signal(int, str)  # generation, message (bad project, diverged)
    info = Signal(int, str)  # generation, message (finished the planned epochs, early stopping)
    rate = Signal(int, float)  # generation, steps per second

    def __init__(self, parent=None):
        super().__init__(parent)
        self._commands: queue.Queue = queue.Queue()
        self._drawn = threading.Event()
        self._drawn.set()
        self.generation = 0
        self.neuron_grid = 24

    # ---- Public API (GUI thread)
    def rebuild(self, project: dict, base_dir: str = ".", weights: dict | None = None) -> int:
        """Start over from ``project``; returns the new generation."""
        self.generation += 1
        self._commands.put(("rebuild", self.generation, project, base_dir, weights))
        return self.generation

    def play(self):
        self._commands.put(("play",))

    def pause(self):
        self._commands.put(("pause",))

    def step(self, n: int = 1):
        self._commands.put(("step", n))

    def step_epoch(self):
        self._commands.put(("step_epoch",))

    def set_hyperparameter(self, key: str, value):
        self._commands.put(("hyper", key, value))

    def set_training_option(self, key: str, value):
        self._commands.put(("option", key, value))

    def set_speed(self, name: str):
        self._commands.put(("speed", SPEEDS[name]))

    def call(self, fn):
        """Run ``fn(trainer)`` on the worker thread between steps; returns a waitable result."""
        result = _Result()
        self._commands.put(("call", fn, result))
        return result

    def drawn(self):
        """The window has drawn the last snapshot: the next one may be sent."""
        self._drawn.set()

    def stop(self):
        """Stop the loop and join the thread (safe to call twice)."""
        self._commands.put(("quit",))
        if self.isRunning():
            self.wait()

    # ---- Private API (worker thread)
    def run(self):
        self._trainer: Trainer | None = None
        self._gen = 0
        self._playing = False
        self._pending = 0  # steps still to run for "step n"
        self._until_epoch: int | None = None
        self._delay: float | None = None
        self._since = 0
        self._last_emit = 0.0
        self._dirty = False
        self._quit = False
        self._count = 0
        self._play_until: int | None = None
        self._rate_t0 = time.perf_counter()
        next_step_at = 0.0
        while not self._quit:
            busy = self._trainer is not None and (self._playing or self._pending or self._until_epoch is not None)
            try:
                timeout = 0.0 if busy else 0.05
                while True:
                    cmd = self._commands.get(timeout=timeout) if timeout else self._commands.get_nowait()
                    self._apply(cmd)
                    timeout = 0.0
                    if self._quit:
                        return
            except queue.Empty:
                pass
            busy = self._trainer is not None and (self._playing or self._pending or self._until_epoch is not None)
            if busy and not self._trainer.finished:
                now = time.perf_counter()
                if self._delay and now < next_step_at:
                    time.sleep(min(next_step_at - now, 0.02))
                else:
                    if self._delay:
                        next_step_at = max(now, next_step_at) + self._delay
                    self._train_one()
            elif busy:
                self._halt()
            self._maybe_emit()

    def _apply(self, cmd):
        kind = cmd[0]
        trainer = self._trainer
        if kind == "quit":
            self._quit = True
        elif kind == "rebuild":
            _, gen, project, base_dir, weights = cmd
            self._gen = gen
            self._playing, self._pending, self._until_epoch = False, 0, None
            self.state_changed.emit(gen, False)
            try:
                trainer = Trainer(project, base_dir=base_dir)
                if weights is not None:
                    trainer.network.load_arrays(weights, "weights")
            except (ConfigError, ValueError, OSError) as exc:
                self._trainer = None
                self.failed.emit(gen, str(exc))
                return
            self._trainer = trainer
            self._play_until = None
            self._since = 0
            self.built.emit(gen, trainer.info())
            self._dirty = True
            self._drawn.set()
            self._maybe_emit(force=True)
        elif trainer is None:
            if kind == "call":
                cmd[2].set(None)
            return
        elif kind == "play":
            if not trainer.finished:
                epochs = trainer.project["training"]["epochs"]
                if self._play_until is None or trainer.epoch >= self._play_until:
                    self._play_until = trainer.epoch + epochs if trainer.epoch >= epochs else epochs
                self._playing = True
                self._count, self._rate_t0 = 0, time.perf_counter()
                self.state_changed.emit(self._gen, True)
        elif kind == "pause":
            self._halt()
        elif kind == "step":
            self._playing = False
            self._pending += cmd[1]
        elif kind == "step_epoch":
            self._playing = False
            self._until_epoch = trainer.epoch + 1
        elif kind == "hyper":
            self._guard(lambda: trainer.set_hyperparameter(cmd[1], cmd[2]))
        elif kind == "option":
            self._guard(lambda: trainer.set_training_option(cmd[1], cmd[2]))
        elif kind == "speed":
            self._delay = None if cmd[1] is None else 1.0 / cmd[1]
        elif kind == "call":
            try:
                cmd[2].set(cmd[1](trainer))
            except Exception as exc:  # handed back to the caller, never lost
                cmd[2].set_error(exc)

    def _guard(self, fn):
        try:
            fn()
        except ConfigError as exc:
            self.failed.emit(self._gen, str(exc))

    def _halt(self):
        was = self._playing
        self._playing, self._pending, self._until_epoch = False, 0, None
        if was:
            self.state_changed.emit(self._gen, False)
        self._dirty = True
        self._maybe_emit(force=True)

    def _train_one(self):
        trainer = self._trainer
        trainer.keep_previous = True
        try:
            trainer.step()
        except TrainingDiverged as exc:
            self._dirty = True
            self._halt()
            self.failed.emit(self._gen, str(exc))
            return
        self._dirty = True
        self._count += 1
        if self._pending:
            self._pending -= 1
            if not self._pending and not self._playing:
                self._maybe_emit(force=True)
        if self._until_epoch is not None and trainer.epoch >= self._until_epoch:
            self._until_epoch = None
            self._maybe_emit(force=True)
        if trainer.finished:
            self._halt()
            if trainer.message:
                self.info.emit(self._gen, trainer.message)
        elif self._playing and self._play_until is not None and trainer.epoch >= self._play_until:
            self._halt()
            self.info.emit(self._gen, f"Finished {trainer.epoch} epochs. Press Play to train further.")

    def _maybe_emit(self, force: bool = False):
        if not self._dirty or self._trainer is None:
            return
        now = time.perf_counter()
        if not force and (now - self._last_emit < SNAPSHOT_INTERVAL or not self._drawn.is_set()):
            return
        if force and not self._drawn.is_set():
            # the window is still drawing: wait briefly so a final state is never skipped
            self._drawn.wait(0.5)
        trainer = self._trainer
        snap = trainer.snapshot(self._since, boundary=True, neuron_grid=self.neuron_grid,
                                predictions=True)
        self._since = len(trainer.history)
        self._last_emit = now
        self._dirty = False
        self._drawn.clear()
        self.snapshot.emit(self._gen, snap)
        elapsed = now - self._rate_t0
        if elapsed > 0.5:
            self.rate.emit(self._gen, self._count / elapsed)
            self._count, self._rate_t0 = 0, now


class _Result:
    """A value handed from the worker thread to a waiting caller."""

    def __init__(self):
        self._event = threading.Event()
        self.value = None
        self.error: Exception | None = None

    def set(self, value):
        self.value = value
        self._event.set()

    def set_error(self, exc):
        self.error = exc
        self._event.set()

    def wait(self, timeout: float = 10.0):
        if not self._event.wait(timeout):
            raise TimeoutError("the training thread did not answer")
        if self.error is not None:
            raise self.error
        return self.value
