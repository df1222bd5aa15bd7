"""The loss landscape's background work, for :mod:`gui.landscape_window`.

:class:`LandscapeThread` builds a separate trainer from the document's project with
the weights the training process gave (query ``"weights"``; never the worker's
arrays), computes :func:`core.landscape.compute_landscape` with progress and a
cancel flag, and projects the training path.  :class:`PathRecorder` collects the
run's weights while the person trains: at most once a second while training plays,
at most :data:`MAX_PATH_POINTS` points (fewer for a large network), thinned evenly
when full, cleared when the run is rebuilt.
"""

from __future__ import annotations

import threading
import time

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal

from core.landscape import LandscapeCancelled, compute_landscape, flat_vector, project_path, random_directions
from core.queries import failure
from core.registry import ConfigError
from core.trainer import Trainer
from gui.controller import coded_message

MAX_ROWS = 2000  # the loss is computed on at most this many training rows (evenly spaced, always the same)
MAX_PATH_POINTS = 60
MAX_PATH_VALUES = 4_000_000  # fewer path points for a large network (they are whole weight copies)
PATH_INTERVAL = 1.0  # seconds between two collected path points while training plays
PROGRESS_INTERVAL = 0.05


def opengl_available() -> bool:
    """True if pyqtgraph.opengl imports and an OpenGL context can be made (not offscreen)."""
    try:
        import pyqtgraph.opengl  # noqa: F401
        from PySide6.QtGui import QOpenGLContext

        context = QOpenGLContext()
        return bool(context.create())
    except Exception:
        return False


class LandscapeThread(QThread):
    """Builds a trainer from ``project`` with ``weights`` loaded, computes the landscape and projects the path."""

    progressed = Signal(int, int)
    done = Signal(object)  # {"landscape", "path" (n, 2), "off" (n,), "path_points", "dropped"}
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, project, base_dir, weights, path, resolution, radius, seed, parent=None):
        super().__init__(parent)
        self.project, self.base_dir, self.weights, self.path = project, base_dir, weights, path
        self.resolution, self.radius, self.seed = resolution, radius, seed
        self.stop_event = threading.Event()
        self._told = 0.0

    def run(self):
        try:
            self.done.emit(self._compute())
        except LandscapeCancelled:
            self.cancelled.emit()
        except Exception as exc:  # a message, never a traceback
            text, code, args = failure(exc, "The loss landscape could not be computed")
            self.failed.emit(coded_message(code, args, text))

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self._told >= PROGRESS_INTERVAL:
            self._told = now
            self.progressed.emit(done, total)

    def _compute(self) -> dict:
        trainer = Trainer(self.project, base_dir=self.base_dir)
        net = trainer.network
        net.load_arrays(self.weights, "weights")
        land = compute_landscape(
            trainer,
            self.resolution,
            self.radius,
            self.seed,
            MAX_ROWS,
            progress=self._progress,
            cancelled=self.stop_event.is_set,
        )
        theta = net.flat.astype(np.float64)
        d1, d2 = random_directions(net, self.seed)
        vectors, dropped = [], 0
        for arrays in self.path:
            try:
                vectors.append(flat_vector(net, arrays))
            except ConfigError:  # weights of another network (the layers changed)
                dropped += 1
        vectors.append(theta)  # the current point, always last: exactly (0, 0)
        coords, off = project_path(vectors, theta, d1, d2)
        return {"landscape": land, "path": coords, "off": off, "dropped": dropped}


class PathRecorder(QObject):
    """Collects the run's weights while it trains (see the module's docstring)."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.points: list[dict] = []
        self._last_step = None
        self._last_time = 0.0
        self._pending = False
        window.controller.built.connect(self.clear)
        window.controller.snapshot.connect(self.on_snapshot)

    def clear(self, _info=None) -> None:
        self.points = []
        self._last_step = None

    def on_snapshot(self, snap) -> None:
        now = time.monotonic()
        if self._pending or snap.step == self._last_step or snap.step == 0:
            return
        if getattr(self.window_, "playing", False) and not snap.finished and now - self._last_time < PATH_INTERVAL:
            return
        self._pending, self._last_time, self._last_step = True, now, snap.step
        generation = self.window_.controller.generation
        self.window_.controller.ask(
            "weights", on_done=lambda arrays: self._got(generation, arrays), on_error=self._failed
        )

    def _failed(self, _exc) -> None:
        self._pending = False

    def _got(self, generation, arrays) -> None:
        self._pending = False
        if generation != self.window_.controller.generation:
            return
        self.points.append(arrays)
        size = sum(int(np.size(v)) for v in arrays.values())
        limit = max(2, min(MAX_PATH_POINTS, MAX_PATH_VALUES // max(size, 1)))
        if len(self.points) > limit:  # thin evenly, keeping the first and the newest
            self.points = self.points[:-1:2] + [self.points[-1]]
