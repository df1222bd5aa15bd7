"""An interactive training session: a command loop around a :class:`Trainer`.

This is what the app's training worker runs, in a process of its own (see
``gui/worker.py``): commands (:mod:`core.protocol`: play, pause, step n, step
one epoch, change a hyper-parameter, rebuild, query) arrive on a connection
and are applied between steps through a dispatch table keyed by their type;
snapshots go out at most ``snapshot_rate`` times a second, and only after the
receiver said it has drawn the previous one.  What costs the training process
forward passes is sent less often: the decision boundary and predictions at most
:data:`OUTPUT_RATE` times a second, the neuron pictures (as float32) at most
:data:`NEURON_RATE` times, as often as the window draws them; a snapshot sent
when training stops or waits (pause, a step, the end) carries everything.
Every message out carries the generation of the run it belongs to, so the
receiver can drop what a replaced run still had in flight.

The session survives anything a command, a step or a snapshot raises: a build
that fails reports :class:`~core.protocol.Failed` and leaves no network; an
error while training pauses it and reports; the loop keeps serving.  Queries
are named (:data:`QUERIES`), never attribute paths.  Nothing here imports Qt.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Callable

import numpy as np

from .checkpoints import Checkpoints
from .protocol import (
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
    RemoteError,
    Result,
    SetHyper,
    SetOption,
    SnapshotMsg,
    Speed,
    Step,
    StepEpoch,
)
from .queries import (  # noqa: F401 (re-exported: the names users of the session know)
    _INJECTABLE,
    ALIASES,
    HISTORY_REPLACING,
    QUERIES,
    TEST_QUERIES,
    UnknownQuery,
    _InjectedError,
    failure,
    portable,
)
from .registry import ConfigError
from .session_io import coalesce, compact_pictures, crash_summary, drain  # noqa: F401 (re-exported)
from .trainer import Trainer, TrainingDiverged

#: set to 1 in the environment to enable the ``test_*`` queries (used by the test suite)
TEST_HOOKS_ENV = "BACKPROP_LAB_TEST_HOOKS"

#: snapshots a second at most (each also waits for the receiver to have drawn the last)
SNAPSHOT_RATE = 40.0
#: snapshots a second that carry the decision boundary (or fitted curve) and the
#: predictions at most: each costs a forward pass over a grid
OUTPUT_RATE = 10.0
#: snapshots a second that carry the neuron pictures at most (the window draws them
#: at most 10 times a second): a forward pass over a grid, and most of a snapshot's bytes
NEURON_RATE = 10.0
#: while training, the connection is looked at for commands at most this often (seconds)
POLL_INTERVAL = 0.001
#: a live edit of the setting last edited, within this many seconds, merges into its change mark
LIVE_MERGE_SECONDS = 1.0


class Session:
    def __init__(
        self,
        send,
        snapshot_rate: float = SNAPSHOT_RATE,
        neuron_grid: int = 24,
        test_hooks: bool | None = None,
        output_rate: float = OUTPUT_RATE,
        neuron_rate: float = NEURON_RATE,
    ):
        self.send = send  # callable taking one message
        self.interval = 1.0 / snapshot_rate
        # the output and the neuron pictures never more often than the snapshots themselves
        self.output_interval = max(self.interval, 1.0 / output_rate)
        self.neuron_interval = max(self.output_interval, 1.0 / neuron_rate)
        self.last_output = self.last_neurons = float("-inf")
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
        self._last_network = None  # the last built network, kept while a rebuild has failed
        self._last_live: tuple = (None, float("-inf"))  # the last live edit: ((method, key), when)
        self._raise_next: str | None = None  # test hook
        if test_hooks is None:
            test_hooks = os.environ.get(TEST_HOOKS_ENV) == "1"
        self.test_hooks = test_hooks
        self.handlers: dict[type, Callable] = {
            Rebuild: self.rebuild,
            Play: self.play,
            Pause: lambda _cmd: self.halt(),
            Step: self.step,
            StepEpoch: self.step_epoch,
            SetHyper: lambda cmd: self.live_edit(cmd, "set_hyperparameter"),
            SetOption: lambda cmd: self.live_edit(cmd, "set_training_option"),
            Speed: self.speed,
            Query: self.answer,
            Drawn: self.set_drawn,
            Quit: self.stop,
        }

    # ---- the loop
    def run(self, poll) -> None:
        """``poll(timeout)`` returns the next command or None after ``timeout`` seconds."""
        with warnings.catch_warnings(), np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)
            while not self.quit:
                batch = drain(poll, 0.0 if self.busy else 0.05)
                if batch:  # (most turns of a training loop have none)
                    for cmd in coalesce(batch):
                        self.apply(cmd)
                        if self.quit:
                            return
                self.tick()

    @property
    def busy(self) -> bool:
        return self.trainer is not None and bool(self.playing or self.pending or self.until_epoch is not None)

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
        handler = self.handlers.get(type(cmd))
        if handler is None:
            self.send(
                Failed(
                    self.gen,
                    f"The training process got a command it does not know: {cmd!r}.",
                    "internal_error",
                    {"type": type(cmd).__name__, "text": repr(cmd)},
                )
            )
            return
        try:
            handler(cmd)
        except Exception as exc:  # a command never ends the session
            self.send(Failed(self.gen, *failure(exc, f"The training process could not apply {type(cmd).__name__}")))

    def stop(self, _cmd=None) -> None:
        self.quit = True

    def set_drawn(self, _cmd=None) -> None:
        self.drawn = True

    def speed(self, cmd: Speed) -> None:
        self.delay = None if cmd.steps_per_second is None else 1.0 / cmd.steps_per_second

    def play(self, _cmd=None) -> None:
        trainer = self.trainer
        if trainer is None or trainer.finished:
            return
        epochs = trainer.project["training"]["epochs"]
        if self.play_until is None or trainer.epoch >= self.play_until:
            self.play_until = trainer.epoch + epochs if trainer.epoch >= epochs else epochs
        self.playing = True
        self.count, self.rate_t0 = 0, time.perf_counter()
        self.send(Playing(self.gen, True))

    def step(self, cmd: Step) -> None:
        if self.trainer is None:
            return
        self._stop_running()
        n = max(0, int(cmd.n))
        self.pending += n
        if n == 0:
            self.dirty = True

    def step_epoch(self, _cmd=None) -> None:
        if self.trainer is None:
            return
        self._stop_running()
        self.until_epoch = self.trainer.epoch + 1

    def live_edit(self, cmd, method: str) -> None:
        """A hyper-parameter or training option: applied before the next step.  It
        changes nothing a snapshot shows, so none is sent for it."""
        if self.trainer is None:
            return
        now = time.monotonic()
        last_key, last_time = self._last_live
        # the same setting again within a second (a slider dragged): one change mark
        merge = last_key == (method, cmd.key) and now - last_time < LIVE_MERGE_SECONDS
        self._last_live = ((method, cmd.key), now)
        try:
            getattr(self.trainer, method)(cmd.key, cmd.value, merge=merge)
        except ConfigError as exc:
            self.send(Failed(self.gen, *failure(exc, "The setting could not be changed")))

    def rebuild(self, cmd: Rebuild) -> None:
        old = self.trainer
        self.gen = gen = cmd.gen
        self.playing, self.pending, self.until_epoch = False, 0, None
        self.send(Playing(gen, False))
        source = old.network if old is not None else self._last_network
        self.trainer = None  # no half-built run is ever stepped
        try:
            trainer = Trainer(cmd.project, base_dir=cmd.base_dir)
            kept = False
            if cmd.weights is not None:
                trainer.network.load_arrays(cmd.weights, "weights")
            elif cmd.keep_weights and source is not None:
                kept = keep_weights(source, trainer.network)
                if kept and old is not None and getattr(old, "branch_step", None) is not None:
                    carry_branch(old, trainer)  # after Branch Here: the edit continues the branch
            info = trainer.info()
        except Exception as exc:  # any: a project that cannot be built never ends the session
            self._last_network = source
            self.send(Failed(gen, *failure(exc, "The project could not be built")))
            return
        self._last_network = None
        trainer.checkpoints = Checkpoints()  # the timeline: rewind to any step of this run
        trainer.checkpoints.after_step(trainer)
        trainer.initial_arrays = trainer.network.copy_arrays()  # what the run started from (the bundle)
        self.trainer = trainer
        self.play_until = None
        self.since = 0
        self.send(Built(gen, info, kept))
        self.dirty = True
        self.drawn = True
        self.maybe_emit(force=True)

    def answer(self, cmd: Query) -> None:
        """Evaluate the named query and send its :class:`Result` (an error is handed back)."""
        try:
            name = ALIASES.get(cmd.name, cmd.name)
            if self.test_hooks and name in TEST_QUERIES:
                value = TEST_QUERIES[name](self, *cmd.args)
            else:
                if name not in QUERIES:
                    raise UnknownQuery(f"unknown query {cmd.name!r}; known: {', '.join(sorted(QUERIES))}")
                if self.trainer is None:
                    raise RuntimeError("no network is built (the project has an error)")
                fn, redraw = QUERIES[name]
                value = fn(self.trainer, *cmd.args)
                if redraw:
                    self.dirty = True
                if name in HISTORY_REPLACING:  # the plots take the whole (cut or replaced) history again
                    self.since = 0
            message = Result(cmd.id, value, None)
        except Exception as exc:
            message = Result(cmd.id, None, portable(exc))
        self.send(message)

    def _stop_running(self) -> None:
        was = self.playing
        self.playing, self.pending, self.until_epoch = False, 0, None
        if was:
            self.send(Playing(self.gen, False))

    def halt(self) -> None:
        self._stop_running()
        self.dirty = True
        self.maybe_emit(force=True)

    # ---- training and snapshots
    def train_one(self) -> None:
        trainer = self.trainer
        # the update-to-weight ratio needs the weights before this step, but only if a
        # snapshot can follow it: copying them on every step would tax the hot loop
        # (while the receiver draws the last snapshot, none can)
        trainer.keep_previous = (
            self.pending == 1
            or self.until_epoch is not None
            or (self.drawn and time.perf_counter() - self.last_emit >= self.interval)
        )
        try:
            if self._raise_next is not None:
                kind, self._raise_next = self._raise_next, None
                raise _INJECTABLE.get(kind, _InjectedError)(f"injected {kind}")
            trainer.step()
            trainer.checkpoints.after_step(trainer)
        except TrainingDiverged as exc:
            self.dirty = True
            self.halt()
            self.send(Failed(self.gen, *failure(exc, "Training diverged")))
            return
        except Exception as exc:  # pause and say so; never end the session
            self.send(Failed(self.gen, *failure(exc, f"Training paused: step {trainer.step_count + 1} failed", False)))
            self.halt()
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
                self.send(Info(self.gen, trainer.message))
        elif self.playing and self.play_until is not None and trainer.epoch >= self.play_until:
            self.halt()
            self.send(Info(self.gen, f"Finished {trainer.epoch} epochs. Press Play to train further."))

    def maybe_emit(self, force: bool = False) -> None:
        """Send a snapshot if something changed, the receiver is ready and it is time."""
        if not self.dirty or self.trainer is None or not (self.drawn or force):
            return
        now = time.perf_counter()
        if not force and now - self.last_emit < self.interval:
            return
        trainer = self.trainer
        if not force and self.busy and not trainer.keep_previous:
            return  # the next step keeps the weights before it: its update-to-weight ratios can be shown
        # the output and the neuron pictures only when due while training; everything
        # when forced or idle (paused, a step done, a rebuild): that snapshot stays on screen
        complete = force or not self.busy
        output = complete or now - self.last_output >= self.output_interval
        # (a little slack: snapshots come at whole frames, so due "about now" counts)
        neurons = output and (complete or now - self.last_neurons >= 0.9 * self.neuron_interval)
        self.dirty = False
        try:
            snap = trainer.snapshot(
                self.since, boundary=output, neuron_grid=self.neuron_grid if neurons else 0, predictions=output
            )
            if neurons:
                snap = compact_pictures(snap)
        except Exception as exc:  # the statistics failed: pause, report, keep serving
            self._stop_running()
            headline = f"Training paused: the statistics of step {trainer.step_count} could not be computed"
            self.send(Failed(self.gen, *failure(exc, headline, False)))
            return
        self.since = len(trainer.history)
        self.last_emit = now
        if output:
            self.last_output = now
        if neurons:
            self.last_neurons = now
        self.drawn = False
        self.send(SnapshotMsg(self.gen, snap))
        elapsed = now - self.rate_t0
        if elapsed > 0.5:
            self.send(Rate(self.gen, self.count / elapsed))
            self.count, self.rate_t0 = 0, now


def keep_weights(source, network) -> bool:
    """Copy ``source``'s arrays into ``network`` if every name and shape matches
    (and every value is finite); False leaves ``network`` as initialised."""
    try:
        network.load_arrays(source.copy_arrays(), "kept weights")
    except ConfigError:
        return False
    return True


def carry_branch(old, new) -> bool:
    """After a branch (query ``branch``), a rebuild that kept the weights continues where
    ``old`` stood instead of starting again at step 0: the step, epoch, history, change
    marks, RNG states and (same training rows and batch size) the batch order carry over,
    and the optimizer's state (momentum buffers, Adam's moments and step) when the optimizer
    is the same (name and parameter layout) under its new hyper-parameters.  Returns True if
    the optimizer state was kept (else it starts afresh).  A plain keep-weights rebuild
    (no branch) keeps only the weights, as before."""
    state = old.get_state()
    same_optimizer = old.optimizer.name == new.optimizer.name and old.optimizer.layout == new.optimizer.layout
    if same_optimizer:
        kept_state = state["optimizer"]
        kept_state["param_groups"] = new.optimizer.state_dict()["param_groups"]
        new.optimizer.load_state_dict(kept_state)
    new.shuffle_rng.bit_generator.state = state["shuffle_rng"]
    new.dropout_rng.bit_generator.state = state["dropout_rng"]
    new.step_count, new.epoch = state["step_count"], state["epoch"]
    if len(old.x_train) == len(new.x_train) and old.batch_size == new.batch_size:
        new._batches, new._pos = state["batches"], state["pos"]
    new.history = state["history"]
    new.changes = list(state["changes"])
    new._best, new._wait = state["best"], state["wait"]
    new.optimizer.set("lr", new.schedule.lr(new.base_lr, new.epoch))
    new.branch_step = old.branch_step
    new.optimizer_state_kept = same_optimizer
    return same_optimizer


# ---- the training process


def serve(conn, snapshot_rate: float = SNAPSHOT_RATE) -> None:
    """Entry point of the training process: run a session on a ``multiprocessing`` connection.

    Ends with :class:`Bye` when asked to quit (or the window's end of the pipe
    closed), with :class:`Crashed` if the loop itself failed.

    While training, the session asks for commands between every two steps; the
    connection is looked at only every :data:`POLL_INTERVAL` seconds then (a step
    can take a tenth of a millisecond, and ``Connection.poll`` builds a selector
    each time), through one ``select.poll`` object.
    """
    try:
        poller = select.poll()
        poller.register(conn.fileno(), select.POLLIN | select.POLLPRI)
        waiting = lambda: bool(poller.poll(0))  # noqa: E731
    except (AttributeError, OSError, ValueError):  # not a file descriptor (the tests' stand-ins)
        waiting = lambda: conn.poll(0)  # noqa: E731
    empty_until = [0.0]  # a zero-timeout poll before this time finds nothing without looking

    def ready(timeout) -> bool:
        if timeout:
            return conn.poll(timeout)
        now = time.perf_counter()
        if now < empty_until[0]:
            return False
        if waiting():
            return True
        empty_until[0] = now + POLL_INTERVAL
        return False

    def poll(timeout):
        try:
            if ready(timeout):
                return conn.recv()
        except (EOFError, OSError):
            return Quit()
        except Exception as exc:  # a message that cannot be read: say so, keep going
            session.send(Failed(session.gen, *failure(exc, "A command could not be read")))
        return None

    def send(message):
        try:
            conn.send(message)
        except (BrokenPipeError, EOFError, OSError):
            session.quit = True
        except Exception as exc:  # could not be pickled: nothing was written, send why instead
            if isinstance(message, Result):
                conn.send(Result(message.id, None, RemoteError(f"the answer could not be sent: {exc}")))
            else:
                conn.send(Failed(session.gen, *failure(exc, f"A {type(message).__name__} message could not be sent")))

    session = Session(send, snapshot_rate)
    try:
        session.run(poll)
    except BaseException as exc:  # the loop itself failed: say so (never "bye"), then end
        traceback.print_exc()
        try:
            conn.send(Crashed(crash_summary(exc)))
        except Exception:
            pass
    else:
        try:
            conn.send(Bye())
        except Exception:
            pass
    finally:
        conn.close()


def serve_fd(fd: int, snapshot_rate: float = SNAPSHOT_RATE) -> None:
    """Entry point when started as ``python -c ...`` with an inherited socket."""
    from multiprocessing.connection import Connection

    # Ctrl+C in the terminal is for the window: it stops this process by closing the pipe
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serve(Connection(fd), snapshot_rate)
    sys.stdout.flush()
