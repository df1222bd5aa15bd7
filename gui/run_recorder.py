"""Every run of the window goes into the run history (core.runs.RunStore).

A run is what trains between two builds.  It is written when it has taken a step
and then pauses, finishes or diverges, every :data:`SAVE_INTERVAL` seconds while
it plays, and when the window closes: its project, seed, metrics, history and
weights, read from the training process with queries (never its arrays).  A
rebuild that keeps the weights starts a run whose parent is the previous one, at
the step it had reached (its branch point).

Branch Here (:meth:`RunRecorder.branch`) writes the current run as it stands (its
whole curve), then goes back to step N (query ``branch``): what trains from there
is a new run whose parent is that run at N, and whose recorded history holds only
the steps after N (the steps before are its ancestors').  An edit that rebuilds
right after keeps the same branch (the training process carries the state over).

The database sits in the app's data folder (``QStandardPaths.AppDataLocation``),
or beside the settings file when the settings are a file (the tests); the
environment variable ``BACKPROP_LAB_DATA_DIR`` overrides both.  If it cannot be
used (damaged, newer, unwritable) nothing is recorded, :attr:`error` says why in
plain words, and the file is left as it is.
"""

from __future__ import annotations

import copy
import os

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths, QTimer, Signal

from core.runs import DATABASE_NAME, RunStore, RunStoreError

#: seconds between two writes of a run that keeps playing
SAVE_INTERVAL = 30.0


def database_path(settings: QSettings | None = None) -> str:
    folder = os.environ.get("BACKPROP_LAB_DATA_DIR")
    if not folder and settings is not None and settings.format() == QSettings.IniFormat:
        folder = os.path.dirname(settings.fileName())
    if not folder:
        folder = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)
    return os.path.join(folder, DATABASE_NAME)


class RunRecorder(QObject):
    """Writes the window's runs into the run history."""

    recorded = Signal()  # a run was written
    problem = Signal(str)  # the history cannot be used (said once, in plain words)

    def __init__(self, controller, doc, path: str, parent=None):
        super().__init__(parent)
        self.controller, self.doc, self.path = controller, doc, path
        self._store: RunStore | None = None
        self.error: str | None = None
        self.run_id: int | None = None  # the current run's row, once written
        self._project: dict | None = None
        self._seed: int | None = None
        self._parent: tuple[int | None, int | None] = (None, None)
        self._branch: int | None = None  # a branch's first step is after this one (None: from step 0)
        self.next_parent: tuple[int, int] | None = None  # Make Current: the next build's parent
        self._generation = -1
        self._saving = False
        self._steps = 0
        self._timer = QTimer(self, interval=int(SAVE_INTERVAL * 1000))
        self._timer.timeout.connect(lambda: self.save("running"))
        controller.built.connect(self._on_built)
        controller.playing_changed.connect(self._on_playing)
        controller.info.connect(lambda _text: self.save("finished"))
        controller.snapshot.connect(self._on_snapshot)

    @property
    def store(self) -> RunStore | None:
        if self._store is None and self.error is None:
            try:
                self._store = RunStore(self.path)
            except RunStoreError as exc:
                self.error = _plain_store_error(exc)
                self.problem.emit(self.error)
        return self._store

    # ---- following the window
    def _on_built(self, info) -> None:
        kept = bool(getattr(self.controller, "_asked_keep", False))
        previous = (self.run_id, self._steps) if kept and self.run_id is not None else (None, None)
        carried = kept and bool(getattr(self.controller.worker, "last_weights_kept", True))
        if carried and self._branch is not None:  # a branch goes on (the process carried its state)
            if self.run_id is not None:
                self._branch = self._steps
            else:  # nothing written since the branch: still that branch, from the same point
                previous = self._parent
        else:
            self._branch = None
            self._steps = 0
        if self.next_parent is not None:
            previous, self.next_parent = self.next_parent, None
        self.run_id = None
        self._parent = previous
        self._project = copy.deepcopy(self.doc.project)
        self._seed = getattr(info, "seed", None)
        self._generation = self.controller.generation

    def _on_snapshot(self, snap) -> None:
        self._steps = snap.step
        self._failed = snap.failed_step is not None

    def _on_playing(self, playing: bool) -> None:
        if playing:
            self._timer.start()
        else:
            self._timer.stop()
            self.save("diverged" if getattr(self, "_failed", False) else "paused")

    # ---- writing
    def save(self, status: str, wait: bool = False) -> None:
        """Write the current run (if it has taken a step) with ``status``.

        ``wait``: ask and write now (the window is closing), else asynchronously."""
        if self._project is None or self.store is None or (self._saving and not wait):
            return
        generation = self.controller.generation
        if generation != self._generation:
            return
        worker = self.controller.worker
        if wait:
            try:
                report = worker.query("report").wait(5.0)
                if report.get("steps", 0) > 0:
                    history = worker.query("history").wait(5.0)
                    weights = worker.query("weights").wait(5.0)
                    self._write(status, report, history, weights)
            except Exception:  # a closing window records what it can, never fails to close
                pass
            return
        self._saving = True
        parts: dict = {}

        def fail(_exc):
            self._saving = False

        def got_weights(weights):
            self._saving = False
            if self.controller.generation == generation:
                self._write(status, parts["report"], parts["history"], weights)

        def got_history(history):
            parts["history"] = history
            self.controller.ask("weights", on_done=got_weights, on_error=fail)

        def got_report(report):
            if report.get("steps", 0) <= 0 or self.controller.generation != generation:
                self._saving = False
                return
            parts["report"] = report
            self.controller.ask("history", on_done=got_history, on_error=fail)

        self.controller.ask("report", on_done=got_report, on_error=fail)

    def branch(self, step: int, on_done, on_error) -> None:
        """Branch Here: write the current run as it stands, then go back to ``step`` (query
        ``branch``); the run continuing from there is a new one, child of this at ``step``.
        ``on_done(answer)`` gets the query's answer with ``"parent"`` (the run kept, or None
        when the history cannot be used)."""
        generation = self.controller.generation
        parts: dict = {}

        def branched(answer):
            if self.controller.generation != generation:
                return
            parent = self.run_id if self.run_id is not None else self._parent[0]
            self.run_id = None
            self._parent = (parent, answer["step"])
            self._branch = self._steps = answer["step"]
            self._project = copy.deepcopy(self.doc.project)
            on_done({**answer, "parent": parent})

        def go_back(*_):
            self.controller.ask("branch", int(step), on_done=branched, on_error=on_error)

        def got_weights(weights):
            if self.controller.generation == generation and parts["report"].get("steps", 0) > 0:
                self._write("paused", parts["report"], parts["history"], weights)
            go_back()

        def got_history(history):
            parts["history"] = history
            self.controller.ask("weights", on_done=got_weights, on_error=on_error)

        def got_report(report):
            parts["report"] = report
            if self._project is None or self.store is None:
                go_back()
            else:
                self.controller.ask("history", on_done=got_history, on_error=on_error)

        self.controller.ask("report", on_done=got_report, on_error=on_error)

    def _write(self, status, report, history, weights) -> None:
        store = self.store
        if store is None:
            return
        try:
            rows = history.rows(0)
            if self._branch is not None:  # a branch holds its own steps; those before are its ancestors'
                own = rows["step"] > self._branch
                rows = {k: v[own] for k, v in rows.items()}
            if self.run_id is None:
                parent, branch = self._parent
                name = os.path.splitext(os.path.basename(self.doc.path))[0] if self.doc.path else None
                project = self._project if self._branch is None else copy.deepcopy(self.doc.project)
                self.run_id = store.start_run(
                    project,
                    self._seed,
                    name or _project_name(self._project),
                    parent_id=parent,
                    branch_step=branch,
                )
            store.finish_run(self.run_id, status, report, rows, weights)
        except (RunStoreError, OSError, ValueError) as exc:
            self.error = _plain_store_error(exc)
            self._store = None
            self.problem.emit(self.error)
            return
        self.recorded.emit()

    def close(self) -> None:
        self._timer.stop()
        if self.controller.playing:
            self.save("stopped", wait=True)
        if self._store is not None:
            self._store.close()
            self._store = None


def _project_name(project: dict) -> str:
    data = project.get("data", {})
    return str(data.get("source", ""))


def _plain_store_error(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    details = exc.args if isinstance(exc.args, dict) else {}
    path = details.get("path", "")
    if code == "newer_database":
        return QCoreApplication.translate(
            "RunRecorder", "The run history {path} was written by a newer Backprop Lab; runs are not recorded."
        ).format(path=path)
    if code == "corrupt_database":
        return QCoreApplication.translate(
            "RunRecorder",
            "The run history {path} is damaged; it was left as it is and runs are not recorded. "
            "Move it away to start a new one.",
        ).format(path=path)
    return QCoreApplication.translate("RunRecorder", "Runs are not recorded: {reason}").format(reason=str(exc))
