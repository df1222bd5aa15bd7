"""The session's training worker: a thread that relays a training process.

The trainer runs in a process of its own (:func:`core.session.serve`), so
training and drawing never compete for Python's GIL: on two cores the network
trains at headless speed while the window paints.  This thread only waits for
the process's messages (:mod:`core.protocol`) and turns them into Qt signals;
the window sends commands straight down the pipe.  The GUI never touches the
trainer's arrays; it receives snapshots (immutable copies) and answers to
named queries, as :class:`concurrent.futures.Future` objects.

If the training process dies (killed, crashed), the thread notices at once:
every pending query fails, :attr:`TrainingWorker.died` says so in plain words,
and a new process is started and given the last project again.

Every signal about a run carries the generation of the run it belongs to; the
window drops what a replaced run still had in flight.
"""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import sys
import threading
from concurrent.futures import Future
from dataclasses import replace
from multiprocessing.connection import Connection

from PySide6.QtCore import Qt, QThread, QTimer, Signal

from core.protocol import (
    LIVE_EDITS,
    Built,
    Bye,
    Crashed,
    Drawn,
    Failed,
    Info,
    Pause,
    Play,
    Playing,
    Query,
    Quit,
    Rate,
    Rebuild,
    Result,
    SetHyper,
    SetOption,
    SnapshotMsg,
    Speed,
    Step,
    StepEpoch,
)

#: steps per second for each speed setting (None: as fast as possible)
SPEEDS = {"max": None, "fast": 200.0, "medium": 30.0, "slow": 5.0, "very slow": 1.0}

#: live edits for the same setting are sent at most once per this many milliseconds
#: (the first at once, the last always)
LIVE_EDIT_INTERVAL_MS = 16

#: a process that dies this many times in a row without building anything is not restarted
MAX_RESTARTS = 3


class TrainingProcessDied(RuntimeError):
    """The training process stopped (or was stopped) before answering."""


class QueryFuture(Future):
    """A :class:`~concurrent.futures.Future` with the old ``wait()`` spelling."""

    def wait(self, timeout: float | None = 20.0):
        """The value (blocking up to ``timeout`` seconds): raises the query's error,
        :class:`TrainingProcessDied` or :class:`TimeoutError`."""
        return self.result(timeout)


class TrainingWorker(QThread):
    """One training worker per window.  Public methods are called from the GUI thread."""

    built = Signal(int, object)  # generation, RunInfo
    built_detail = Signal(int, bool)  # generation, weights kept (emitted right after built)
    snapshot = Signal(int, object)  # generation, Snapshot
    state_changed = Signal(int, bool)  # generation, playing
    failed = Signal(int, str)  # generation, message (bad project, diverged, internal error)
    failed_detail = Signal(int, object)  # generation, core.protocol.Failed (text, code, args)
    info = Signal(int, str)  # generation, message (finished the planned epochs, early stopping)
    rate = Signal(int, float)  # generation, steps per second
    died = Signal(str)  # the training process stopped unexpectedly (plain words); it is restarted
    _deliver = Signal(object, object, object)  # future, on_done, on_error: to the GUI thread

    def __init__(self, parent=None):
        super().__init__(parent)
        self._conn: Connection | None = None
        self._process: subprocess.Popen | None = None
        # the pipe and what a restart re-sends; the relay thread takes it only to restart
        self._lock = threading.RLock()
        # the futures: never held while sending, so the relay thread can always hand out
        # answers (a send blocked on a full pipe must not stop us from reading it)
        self._futures_lock = threading.Lock()
        self._futures: dict[int, QueryFuture] = {}
        self._ids = itertools.count(1)
        self.generation = 0
        self._stopped = False
        #: whether the last built run kept the previous run's weights
        self.last_weights_kept = False
        #: how many times the training process was restarted after dying
        self.restarts = 0
        self._last_rebuild: Rebuild | None = None
        self._live: dict[tuple, object] = {}  # live edits since the last rebuild (re-sent after a restart)
        self._unsent_live: dict[tuple, object] = {}  # live edits held back by the throttle
        self._speed: Speed | None = None
        self._deaths = 0  # deaths since the last run was built
        self._crash_text: str | None = None
        self._pictures: tuple[int, dict] | None = None  # (generation, the last neuron pictures received)
        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(LIVE_EDIT_INTERVAL_MS)
        self._live_timer.timeout.connect(self._on_live_timer)
        self._deliver.connect(self._run_callback, Qt.QueuedConnection)
        self._handlers = {
            Built: self._on_built,
            SnapshotMsg: self._on_snapshot,
            Playing: lambda m: self.state_changed.emit(m.gen, m.playing),
            Failed: self._on_failed,
            Info: lambda m: self.info.emit(m.gen, m.text),
            Rate: lambda m: self.rate.emit(m.gen, m.steps_per_second),
            Result: self._on_result,
            Crashed: self._on_crashed,
        }

    # ---- Public API (GUI thread)
    def start(self):
        """Start the training process and the relay thread."""
        self._process, self._conn = _start_process()
        super().start()

    def rebuild(
        self, project: dict, base_dir: str = ".", weights: dict | None = None, keep_weights: bool = False
    ) -> int:
        """Start over from ``project``; returns the new generation.

        ``weights`` are loaded into the new network; otherwise ``keep_weights``
        keeps the current run's weights (inside the training process) if every
        array's name and shape is unchanged.  ``built_detail`` and
        :attr:`last_weights_kept` say whether they were.  The worker keeps
        ``project`` to rebuild it after a restart: do not change it afterwards.
        """
        with self._lock:
            self.generation += 1
            cmd = Rebuild(self.generation, project, base_dir, keep_weights, weights)
            self._send(cmd)
            self._last_rebuild = cmd
            self._live.clear()
            self._deaths = 0
            return self.generation

    def play(self):
        self._send(Play())

    def pause(self):
        self._send(Pause())

    def step(self, n: int = 1):
        """Run ``n`` steps (0: send a fresh snapshot of the current state)."""
        self._send(Step(n))

    def step_epoch(self):
        self._send(StepEpoch())

    def set_hyperparameter(self, key: str, value):
        """An optimizer hyper-parameter, used from the next step (one message; a
        storm of them is thinned to one per frame, the last value always sent)."""
        self._live_edit(SetHyper(key, value))

    def set_training_option(self, key: str, value):
        """A live training option (epochs, grad_clip, batch_size), thinned like hyper-parameters."""
        self._live_edit(SetOption(key, value))

    def set_speed(self, name: str):
        with self._lock:
            self._speed = Speed(SPEEDS[name])
            self._send(self._speed)

    def query(self, name: str, *args) -> QueryFuture:
        """Ask the training process the named query (``core.session.QUERIES``), answered
        between two steps.  The future fails at once if the process is gone or dies."""
        future = QueryFuture()
        if self._stopped or self._conn is None:
            future.set_exception(TrainingProcessDied("the training process has stopped"))
            return future
        with self._futures_lock:
            query_id = next(self._ids)
            self._futures[query_id] = future
        if not self._send(Query(query_id, name, args)):
            with self._futures_lock:
                self._futures.pop(query_id, None)
            if not future.done():
                future.set_exception(TrainingProcessDied("the training process is not running"))
        return future

    def ask(self, name: str, *args, on_done, on_error=None) -> QueryFuture:
        """:meth:`query` without waiting: ``on_done(value)`` (or ``on_error(exception)``)
        is called later on the GUI thread, from the event loop.  Without ``on_error``
        a failed query is dropped."""
        future = self.query(name, *args)
        future.add_done_callback(lambda f: self._deliver.emit(f, on_done, on_error))
        return future

    def drawn(self):
        """The window has drawn the last snapshot: the next one may be sent."""
        self._send(Drawn())

    def stop(self):
        """Stop the training process and join it and this thread (safe to call twice)."""
        with self._lock:
            first, self._stopped = not self._stopped, True
            if first:
                self._send(Quit())
        self._live_timer.stop()
        if self.isRunning():
            self.wait(5000)
        process = self._process
        if process is not None:
            try:
                process.wait(3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(2)
        if self.isRunning():
            self.wait(2000)
        with self._lock:
            if self._conn is not None:
                self._conn.close()
        self._fail_pending(TrainingProcessDied("the training process has stopped"))

    # ---- Private API
    def _send(self, message) -> bool:
        """Send one command (live edits held back by the throttle go first); False if
        the pipe is broken."""
        with self._lock:
            if self._unsent_live and not isinstance(message, LIVE_EDITS):
                self._flush_live()
            try:
                self._conn.send(message)
            except (BrokenPipeError, OSError, AttributeError):
                return False
            return True

    def _live_edit(self, cmd):
        key = (type(cmd), cmd.key)
        with self._lock:
            self._live.pop(key, None)
            self._live[key] = cmd
            if self._live_timer.isActive():
                self._unsent_live.pop(key, None)
                self._unsent_live[key] = cmd
                return
            self._send(cmd)
        self._live_timer.start()

    def _flush_live(self) -> bool:
        with self._lock:
            waiting = list(self._unsent_live.values())
            self._unsent_live.clear()
            for cmd in waiting:
                self._send(cmd)
            return bool(waiting)

    def _on_live_timer(self):
        if self._flush_live():
            self._live_timer.start()  # keep thinning while the storm lasts

    def _run_callback(self, future, on_done, on_error):
        """GUI thread: hand a finished query to its callbacks."""
        if future.cancelled():
            return
        error = future.exception()
        if error is None:
            on_done(future.result())
        elif on_error is not None:
            on_error(error)

    def _fail_pending(self, error: Exception):
        with self._futures_lock:
            futures = list(self._futures.values())
            self._futures.clear()
        for future in futures:
            if not future.done():
                future.set_exception(error)

    def run(self):
        """Relay loop (this thread): process messages -> Qt signals."""
        while True:
            conn = self._conn
            if conn is None:
                return
            try:
                message = conn.recv()
            except (EOFError, OSError):
                if self._stopped or not self._restart_after_death(conn):
                    return
                continue
            except Exception:  # a message that cannot be read: skip it
                continue
            if isinstance(message, Bye):
                if self._stopped:
                    return
                continue  # it ended on its own: the pipe closes next, and it is restarted
            handler = self._handlers.get(type(message))
            if handler is not None:
                handler(message)

    def _on_built(self, message: Built):
        if message.gen == self.generation:
            self._deaths = 0
            self.last_weights_kept = message.weights_kept
        self.built.emit(message.gen, message.info)
        self.built_detail.emit(message.gen, message.weights_kept)

    def _on_snapshot(self, message: SnapshotMsg):
        """The training process sends the neuron pictures only in some snapshots (they
        cost it a forward pass); a snapshot with a boundary but without them carries the
        last ones again, the same objects, so a panel can tell they did not change."""
        snap = message.snapshot
        boundary = getattr(snap, "boundary", None)
        if boundary is not None:
            if boundary.activations:
                self._pictures = (message.gen, boundary.activations)
            elif self._pictures is not None and self._pictures[0] == message.gen:
                snap = replace(snap, boundary=replace(boundary, activations=self._pictures[1]))
        self.snapshot.emit(message.gen, snap)

    def _on_failed(self, message: Failed):
        self.failed.emit(message.gen, message.text)
        self.failed_detail.emit(message.gen, message)

    def _on_result(self, message: Result):
        with self._futures_lock:
            future = self._futures.pop(message.id, None)
        if future is None or future.done():
            return
        if message.error is not None:
            future.set_exception(message.error)
        else:
            future.set_result(message.value)

    def _on_crashed(self, message: Crashed):
        self._crash_text = message.text

    # ---- when the training process dies
    def _exit_reason(self, process) -> str:
        code = None
        if process is not None:
            try:
                code = process.wait(2)
            except subprocess.TimeoutExpired:  # its pipe closed but it lives on: end it
                process.kill()
                code = process.wait(2)
        if self._crash_text:
            reason, self._crash_text = self._crash_text, None
            return reason
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = ""
            return (
                self.tr("killed by signal {0} ({1})").format(-code, name)
                if name
                else self.tr("killed by signal {0}").format(-code)
            )
        if code:
            return self.tr("exit code {0}").format(code)
        return self.tr("it closed its connection")

    def _restart_after_death(self, conn) -> bool:
        """This thread: report the death, fail every pending query, start a new process
        and give it the last project again.  False: give up (stopped, or dying in a loop)."""
        reason = self._exit_reason(self._process)
        self._fail_pending(
            TrainingProcessDied(self.tr("The training process stopped unexpectedly ({0}).").format(reason))
        )
        with self._lock:
            if self._stopped:
                return False
            conn.close()
            self._deaths += 1
            gen = self.generation
            if self._deaths > MAX_RESTARTS:
                self._conn = None
                self.died.emit(
                    self.tr(
                        "The training process stopped unexpectedly ({0}) and keeps stopping; "
                        "it was not restarted. Save your project and restart the app."
                    ).format(reason)
                )
                self.state_changed.emit(gen, False)
                return False
            try:
                self._process, self._conn = _start_process()
            except OSError as exc:
                self._conn = None
                self.died.emit(
                    self.tr(
                        "The training process stopped unexpectedly ({0}) and could not be "
                        "restarted ({1}). Save your project and restart the app."
                    ).format(reason, exc)
                )
                self.state_changed.emit(gen, False)
                return False
            self.restarts += 1
            resend = self._last_rebuild is not None and self._deaths == 1
            if self._speed is not None:
                self._send(self._speed)
            if resend:
                last = self._last_rebuild
                # the weights it had are gone with it: start from the project's own
                self._send(Rebuild(last.gen, last.project, last.base_dir, False, last.weights))
                for cmd in self._live.values():
                    self._send(cmd)
        if resend:
            text = self.tr(
                "The training process stopped unexpectedly ({0}); it was restarted with your project."
            ).format(reason)
        elif self._last_rebuild is not None:
            text = self.tr(
                "The training process stopped unexpectedly again ({0}) while working on your "
                "project; it was restarted without it. Change the project or open another."
            ).format(reason)
        else:
            text = self.tr("The training process stopped unexpectedly ({0}); it was restarted.").format(reason)
        self.died.emit(text)
        self.state_changed.emit(gen, False)
        return True


def _start_process() -> tuple[subprocess.Popen, Connection]:
    """A training process (a fresh interpreter: never fork a process that runs Qt)
    and our end of its pipe."""
    ours, theirs = socket.socketpair()
    # room for a whole snapshot in the pipe: sending one never waits for the relay
    # thread, which may be waiting for the GUI thread to let go of the GIL
    for sock in (ours, theirs):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    # one BLAS thread: the window needs the other core, and OpenBLAS threads that
    # wait for a busy core slow small matrix products down many times over
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(name, "1")
    fd = theirs.fileno()
    try:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; from core.session import serve_fd; serve_fd(int(sys.argv[1]))",
                str(fd),
            ],
            pass_fds=[fd],
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except OSError:
        ours.close()
        raise
    finally:
        theirs.close()
    return process, Connection(ours.detach())
