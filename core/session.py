"""An interactive training session: a command loop around a :class:`Trainer`.

This is what the app's training worker runs, in a process of its own (see
``gui/worker.py``): commands (play, pause, step n, step one epoch, change a
hyper-parameter, rebuild, query) arrive on a connection and are applied
between steps; snapshots go out at most ``snapshot_rate`` times a second, and
only after the receiver said it has drawn the previous one.  Every message out
carries the generation of the run it belongs to, so the receiver can drop what
a replaced run still had in flight.

Messages out are tuples ``(kind, generation, payload)`` with kind one of
``built`` (RunInfo), ``snapshot`` (Snapshot), ``playing`` (bool), ``failed``
(str), ``info`` (str), ``rate`` (steps per second) and ``result``
(``(query id, value, error)``).  Nothing here imports Qt.
"""

from __future__ import annotations

import time
import warnings

import numpy as np

from .registry import ConfigError
from .trainer import Trainer, TrainingDiverged


class Session:
    def __init__(self, send, snapshot_rate: float = 25.0, neuron_grid: int = 24):
        self.send = send  # callable taking one message tuple
        self.interval = 1.0 / snapshot_rate
        self.neuron_grid = neuron_grid
        self.trainer: Trainer | None = None
        self.gen = 0
        self.playing = False
        self.pending = 0  # steps still to run for "step n"
        self.until_epoch: int | None = None
        self.play_until: int | None = None
        self.delay: float | None = None  # seconds between steps (None: full speed)
        self.since = 0
        self.dirty = False
        self.drawn = True
        self.last_emit = 0.0
        self.quit = False
        self.count = 0
        self.rate_t0 = time.perf_counter()
        self.next_step_at = 0.0

    # ---- the loop
    def run(self, poll) -> None:
        """``poll(timeout)`` returns the next command or None after ``timeout`` seconds."""
        with warnings.catch_warnings(), np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)
            while not self.quit:
                cmd = poll(0.0 if self.busy else 0.05)
                while cmd is not None:
                    self.apply(cmd)
                    if self.quit:
                        return
                    cmd = poll(0.0)
                self.tick()

    @property
    def busy(self) -> bool:
        return self.trainer is not None and bool(
            self.playing or self.pending or self.until_epoch is not None)

    def tick(self) -> None:
        if self.busy and not self.trainer.finished:
            now = time.perf_counter()
            if self.delay and now < self.next_step_at:
                time.sleep(min(self.next_step_at - now, 0.02))
            else:
                if self.delay:
                    self.next_step_at = max(now, self.next_step_at) + self.delay
                self.train_one()
        elif self.busy:
            self.halt()
        self.maybe_emit()

    # ---- commands
    def apply(self, cmd) -> None:
        kind = cmd[0]
        trainer = self.trainer
        if kind == "quit":
            self.quit = True
        elif kind == "drawn":
            self.drawn = True
        elif kind == "rebuild":
            self.rebuild(*cmd[1:])
        elif kind == "speed":
            self.delay = None if cmd[1] is None else 1.0 / cmd[1]
        elif kind == "query":
            self.answer(*cmd[1:])
        elif trainer is None:
            return
        elif kind == "play":
            if not trainer.finished:
                epochs = trainer.project["training"]["epochs"]
                if self.play_until is None or trainer.epoch >= self.play_until:
                    self.play_until = trainer.epoch + epochs if trainer.epoch >= epochs else epochs
                self.playing = True
                self.count, self.rate_t0 = 0, time.perf_counter()
                self.send(("playing", self.gen, True))
        elif kind == "pause":
            self.halt()
        elif kind == "step":
            self.playing = False
            self.pending += cmd[1]
            if cmd[1] == 0:
                self.dirty = True
        elif kind == "step_epoch":
            self.playing = False
            self.until_epoch = trainer.epoch + 1
        elif kind == "hyper":
            self.guard(lambda: trainer.set_hyperparameter(cmd[1], cmd[2]))
        elif kind == "option":
            self.guard(lambda: trainer.set_training_option(cmd[1], cmd[2]))

    def rebuild(self, gen, project, base_dir, weights) -> None:
        self.gen = gen
        self.playing, self.pending, self.until_epoch = False, 0, None
        self.send(("playing", gen, False))
        try:
            trainer = Trainer(project, base_dir=base_dir)
            if weights is not None:
                trainer.network.load_arrays(weights, "weights")
        except (ConfigError, ValueError, OSError, MemoryError) as exc:
            self.trainer = None
            self.send(("failed", gen, str(exc)))
            return
        self.trainer = trainer
        self.play_until = None
        self.since = 0
        self.send(("built", gen, trainer.info()))
        self.dirty = True
        self.drawn = True
        self.maybe_emit(force=True)

    def answer(self, query_id, path, args) -> None:
        """Evaluate ``trainer.<path>(*args)`` (or the attribute) and send it back."""
        try:
            if self.trainer is None:
                raise RuntimeError("no network is built (the project has an error)")
            value = self.trainer
            for part in path.split("."):
                value = getattr(value, part)
            if callable(value):
                value = value(*args)
                self.dirty = True  # a method may change what is drawn (load_arrays)
            self.send(("result", self.gen, (query_id, value, None)))
        except Exception as exc:  # handed back to the asker, never lost
            self.send(("result", self.gen, (query_id, None, exc)))

    def guard(self, fn) -> None:
        try:
            fn()
        except ConfigError as exc:
            self.send(("failed", self.gen, str(exc)))

    def halt(self) -> None:
        was = self.playing
        self.playing, self.pending, self.until_epoch = False, 0, None
        if was:
            self.send(("playing", self.gen, False))
        self.dirty = True
        self.maybe_emit(force=True)

    # ---- training and snapshots
    def train_one(self) -> None:
        trainer = self.trainer
        # the update-to-weight ratio needs the weights before this step, but only if a
        # snapshot can follow it: copying them on every step would tax the hot loop
        trainer.keep_previous = (self.pending == 1 or self.until_epoch is not None
                                 or time.perf_counter() - self.last_emit >= self.interval)
        try:
            trainer.step()
        except TrainingDiverged as exc:
            self.dirty = True
            self.halt()
            self.send(("failed", self.gen, str(exc)))
            return
        self.dirty = True
        self.count += 1
        if self.pending:
            self.pending -= 1
            if not self.pending and not self.playing:
                self.maybe_emit(force=True)
        if self.until_epoch is not None and trainer.epoch >= self.until_epoch:
            self.until_epoch = None
            self.maybe_emit(force=True)
        if trainer.finished:
            self.halt()
            if trainer.message:
                self.send(("info", self.gen, trainer.message))
        elif self.playing and self.play_until is not None and trainer.epoch >= self.play_until:
            self.halt()
            self.send(("info", self.gen, f"Finished {trainer.epoch} epochs. Press Play to train further."))

    def maybe_emit(self, force: bool = False) -> None:
        """Send a snapshot if something changed, the receiver is ready and it is time."""
        if not self.dirty or self.trainer is None or not (self.drawn or force):
            return
        now = time.perf_counter()
        if not force and now - self.last_emit < self.interval:
            return
        trainer = self.trainer
        snap = trainer.snapshot(self.since, boundary=True, neuron_grid=self.neuron_grid, predictions=True)
        self.since = len(trainer.history)
        self.last_emit = now
        self.dirty = False
        self.drawn = False
        self.send(("snapshot", self.gen, snap))
        elapsed = now - self.rate_t0
        if elapsed > 0.5:
            self.send(("rate", self.gen, self.count / elapsed))
            self.count, self.rate_t0 = 0, now


def serve(conn, snapshot_rate: float = 25.0) -> None:
    """Entry point of the training process: run a session on a ``multiprocessing`` connection."""

    def poll(timeout):
        if conn.poll(timeout):
            try:
                return conn.recv()
            except EOFError:
                return ("quit",)
        return None

    def send(message):
        try:
            conn.send(message)
        except (BrokenPipeError, EOFError, OSError):
            session.quit = True

    session = Session(send, snapshot_rate)
    try:
        session.run(poll)
    finally:
        try:
            conn.send(("bye", session.gen, None))
        except (BrokenPipeError, EOFError, OSError):
            pass
        conn.close()


def serve_fd(fd: int, snapshot_rate: float = 25.0) -> None:
    """Entry point when started as ``python -c ...`` with an inherited socket."""
    from multiprocessing.connection import Connection

    serve(Connection(fd), snapshot_rate)
