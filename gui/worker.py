"""The session's training worker: a thread that relays a training process.

The trainer runs in a process of its own (:func:`core.session.serve`), so
training and drawing never compete for Python's GIL: on two cores the network
trains at headless speed while the window paints.  This thread only waits for
the process's messages and turns them into Qt signals; the window sends
commands straight down the pipe.  The GUI never touches the trainer's arrays;
it receives snapshots (immutable copies) and answers to queries.

Every signal carries the generation of the run it belongs to; the window drops
what a replaced run still had in flight.
"""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection

from PySide6.QtCore import QThread, Signal

#: steps per second for each speed setting (None: as fast as possible)
SPEEDS = {"max": None, "fast": 200.0, "medium": 30.0, "slow": 5.0, "very slow": 1.0}


class TrainingWorker(QThread):
    """One training worker per window.  Public methods are called from the GUI thread."""

    built = Signal(int, object)  # generation, RunInfo
    snapshot = Signal(int, object)  # generation, Snapshot
    state_changed = Signal(int, bool)  # generation, playing
    failed = Signal(int, str)  # generation, message (bad project, diverged)
    info = Signal(int, str)  # generation, message (finished the planned epochs, early stopping)
    rate = Signal(int, float)  # generation, steps per second

    def __init__(self, parent=None):
        super().__init__(parent)
        self._conn: Connection | None = None
        self._process: subprocess.Popen | None = None
        self._send_lock = threading.Lock()
        self._results: dict[int, _Result] = {}
        self._ids = itertools.count(1)
        self.generation = 0
        self._stopped = False

    # ---- Public API (GUI thread)
    def start(self):
        """Start the training process (a fresh interpreter: never fork a process
        that runs Qt) and the relay thread."""
        ours, theirs = socket.socketpair()
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        # one BLAS thread: the window needs the other core, and OpenBLAS threads that
        # wait for a busy core slow small matrix products down many times over
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(name, "1")
        fd = theirs.fileno()
        self._process = subprocess.Popen(
            [sys.executable, "-c", "import sys; from core.session import serve_fd; serve_fd(int(sys.argv[1]))",
             str(fd)], pass_fds=[fd], env=env, stdin=subprocess.DEVNULL)
        theirs.close()
        self._conn = Connection(ours.detach())
        super().start()

    def rebuild(self, project: dict, base_dir: str = ".", weights: dict | None = None) -> int:
        """Start over from ``project``; returns the new generation."""
        self.generation += 1
        self._send(("rebuild", self.generation, project, base_dir, weights))
        return self.generation

    def play(self):
        self._send(("play",))

    def pause(self):
        self._send(("pause",))

    def step(self, n: int = 1):
        self._send(("step", n))

    def step_epoch(self):
        self._send(("step_epoch",))

    def set_hyperparameter(self, key: str, value):
        self._send(("hyper", key, value))

    def set_training_option(self, key: str, value):
        self._send(("option", key, value))

    def set_speed(self, name: str):
        self._send(("speed", SPEEDS[name]))

    def query(self, path: str, *args) -> _Result:
        """Ask the training process for ``trainer.<path>`` (called with ``args`` if it
        is a method), between two steps; ``.wait()`` on the result gives the value."""
        result = _Result()
        query_id = next(self._ids)
        self._results[query_id] = result
        self._send(("query", query_id, path, args))
        return result

    def drawn(self):
        """The window has drawn the last snapshot: the next one may be sent."""
        self._send(("drawn",))

    def stop(self):
        """Stop the training process and join it and this thread (safe to call twice)."""
        if not self._stopped:
            self._stopped = True
            self._send(("quit",))
        if self.isRunning():
            self.wait(5000)
        if self._process is not None:
            try:
                self._process.wait(3)
            except subprocess.TimeoutExpired:
                self._process.terminate()
                self._process.wait(2)
        if self._conn is not None:
            self._conn.close()
        for result in self._results.values():
            result.set_error(RuntimeError("the training process has stopped"))
        self._results.clear()

    # ---- Private API
    def _send(self, message):
        with self._send_lock:
            try:
                self._conn.send(message)
            except (BrokenPipeError, OSError, AttributeError):
                pass

    def run(self):
        """Relay loop (this thread): process messages -> Qt signals."""
        signals = {"built": self.built, "snapshot": self.snapshot, "playing": self.state_changed,
                   "failed": self.failed, "info": self.info, "rate": self.rate}
        while True:
            try:
                kind, gen, payload = self._conn.recv()
            except (EOFError, OSError):
                if not self._stopped:
                    self.failed.emit(self.generation, "The training process stopped unexpectedly.")
                return
            if kind == "bye":
                return
            if kind == "result":
                query_id, value, error = payload
                result = self._results.pop(query_id, None)
                if result is not None:
                    result.set_error(error) if error is not None else result.set(value)
                continue
            signals[kind].emit(gen, payload)


class _Result:
    """A value handed from the training process to a waiting caller."""

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

    def wait(self, timeout: float = 20.0):
        if not self._event.wait(timeout):
            raise TimeoutError("the training process did not answer")
        if self.error is not None:
            raise self.error
        return self.value
