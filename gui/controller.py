"""The controller: owns the training worker and routes the document's edits to it.

The main window only wires: panels push typed commands through :meth:`push`,
the document says what changed (:class:`~gui.commands.Change`), and this
object decides what the training process needs for it:

* a live setting (an optimizer field, batch size, clipping, epochs) goes to the
  running session as one message, and nothing is rebuilt or redrawn;
* anything else rebuilds the run, once per event-loop turn however many edits
  came in it, keeping the trained weights inside the training process when
  core says their shapes and initialisation did not change
  (:func:`core.shapes.keeps_weights`).

Signals from the worker are filtered by generation (what a replaced run still
had in flight is dropped) and engine errors are turned into plain words
(:func:`plain_message`).  Answers to queries come back through callbacks: the
window never waits on the training process.
"""

from __future__ import annotations

import copy
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal

from core.registry import ConfigError
from core.shapes import keeps_weights
from gui.commands import Change, EditCommand
from gui.document import ProjectDocument
from gui.panels.paint_data import painted
from gui.worker import TrainingWorker


class Controller(QObject):
    built = Signal(object)  # RunInfo of the current run
    snapshot = Signal(object)  # Snapshot of the current run
    playing_changed = Signal(bool)
    failed = Signal(str)  # the build failed or training diverged, in plain words
    refused = Signal(str)  # an edit was not applied, in plain words
    info = Signal(str)  # finished the planned epochs, early stopping...
    status = Signal(str, int)  # a status-bar message and how long to show it (ms)
    died = Signal(str)  # the training process died (and was restarted with the project)

    def __init__(self, doc: ProjectDocument, worker: TrainingWorker | None = None, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.worker = worker or TrainingWorker()
        self.generation = 0
        self.info_ = None  # RunInfo of the current run (None until built)
        self.last_snapshot = None  # the last Snapshot of the current run
        self.playing = False
        self.steps_per_second: float | None = None
        self._asked_keep = False
        self._built_layers: list | None = None  # the layer list of the run last asked for
        self._pending: dict | None = None  # a rebuild waiting for the end of this event-loop turn
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._send_rebuild)
        doc.changed.connect(self._on_change)
        w = self.worker
        w.built.connect(self._on_built)
        w.built_detail.connect(self._on_built_detail)
        w.snapshot.connect(self._on_snapshot)
        w.state_changed.connect(self._on_state_changed)
        w.failed_detail.connect(self._on_failed_detail)
        w.info.connect(self._on_info)
        w.rate.connect(self._on_rate)
        w.died.connect(self._on_died)

    # ---- Public API
    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        self._flush.stop()
        self.worker.stop()

    def push(self, command: EditCommand) -> bool:
        """Validate and apply an edit; False (and ``refused``) if the value is bad."""
        try:
            return self.doc.push(command)
        except ConfigError as exc:
            self.refused.emit(
                QCoreApplication.translate("Controller", "Not applied: {reason}").format(reason=plain_message(str(exc)))
            )
            return False

    def rebuild(self, message: str | None = None, keep: bool = False) -> None:
        """Build the document's project anew (after this event-loop turn)."""
        if self._pending is None:
            self._pending = {"keep": keep, "message": message}
        else:  # several edits in one turn: keep only if every one keeps
            self._pending["keep"] = self._pending["keep"] and keep
            self._pending["message"] = message or self._pending["message"]
        self._flush.start()

    def rebuild_now(self, message: str | None = None, keep: bool = False) -> None:
        self.rebuild(message, keep)
        self._flush.stop()
        self._send_rebuild()

    def toggle_play(self) -> None:
        if self.playing:
            self.worker.pause()
        else:
            self.worker.play()

    def step(self, n: int = 1) -> None:
        self.worker.step(n)

    def step_epoch(self) -> None:
        self.worker.step_epoch()

    def set_speed(self, name: str) -> None:
        self.worker.set_speed(name)

    def drawn(self) -> None:
        self.worker.drawn()

    def ask(self, name: str, *args, on_done, on_error=None) -> None:
        """Ask the training process the named query; ``on_done(value)`` or
        ``on_error(exception)`` is called later in the GUI thread (never waits)."""
        self.worker.ask(name, *args, on_done=on_done, on_error=on_error)

    @property
    def in_width(self) -> int:
        return self.info_.in_width if self.info_ is not None else 2

    def set_parameter_value(self, path, name: str, index, value: float) -> bool:
        """Set one scalar of one parameter of the running network, as one undoable edit:
        ``path`` is the layer (a path tuple such as ``(0,)`` or the weights path
        ``"layers.0"``), ``name`` ``"weight"`` or ``"bias"``, ``index`` ``(row, column)``
        of a weight (unit, input) or ``(unit,)`` of a bias.  Live, without a rebuild;
        at step 0 also written into the layer spec's ``values`` (Save and Reset keep it),
        after step 0 only the live weights change (the status bar says so).  False (and
        ``refused``) if it cannot be applied."""
        from gui import network_edit as ne
        from gui.value_commands import SetParameterValue

        path = ne.path_of(path) if isinstance(path, str) else tuple(path)
        index = tuple(index) if isinstance(index, (list, tuple)) else (index,)
        wpath = ne.weights_path(path)
        arrays = self._layer_arrays(wpath)
        current = arrays.get(name)
        old = None
        if current is not None and len(index) == current.ndim and all(0 <= i < n for i, n in zip(index, current.shape)):
            old = float(current[index])
        spec_array = None
        if self.step_count == 0:
            try:
                spec = ne.get(self.doc.project["network"]["layers"], path)
            except (IndexError, KeyError, TypeError):
                spec = {}
            written = (spec.get("values") or {}).get(name)  # earlier typed values, not yet in a snapshot
            full = written if written is not None else (None if current is None else current.tolist())
            if full is not None:
                spec_array = copy.deepcopy(full)
                target = spec_array
                try:
                    for i in index[:-1]:
                        target = target[i]
                    target[index[-1]] = float(value)
                except (IndexError, TypeError):
                    spec_array = None
        try:
            value = float(value)
        except (TypeError, ValueError):
            value = float("nan")
        return self.push(SetParameterValue(path, name, index, value, old, spec_array))

    @property
    def step_count(self) -> int:
        """The step of the last snapshot drawn (0 before the first)."""
        snap = self.last_snapshot
        return 0 if snap is None else snap.step

    def _layer_arrays(self, wpath: str) -> dict:
        """``weight`` / ``bias`` of a layer from the last snapshot (missing if not sent)."""
        snap = self.last_snapshot
        for s in snap.layers if snap is not None else []:
            if s.path == wpath:
                return {k: v for k, v in (("weight", s.weight), ("bias", s.bias)) if v is not None}
        return {}

    def _send_value(self, change: Change) -> None:
        edit = change.new
        if change.path is not None and self._built_layers is not None:
            self._built_layers = self.doc.project["network"]["layers"]  # the run has these values now

        def done(answer):
            if edit.on_answer is not None:
                edit.on_answer(answer["old"])
            if answer["step"] > 0:
                self.status.emit(
                    QCoreApplication.translate(
                        "Controller",
                        "{name} set to {value} in the running network only (step {step}); the project keeps "
                        "its starting values, so Save and Reset do not keep this one",
                    ).format(name=f"{edit.name}{list(edit.index)}", value=f"{answer['new']:.6g}", step=answer["step"]),
                    8000,
                )
            else:
                self.status.emit(
                    QCoreApplication.translate(
                        "Controller", "{name} set to {value}: a starting value of the project (Save keeps it)"
                    ).format(name=f"{edit.name}{list(edit.index)}", value=f"{answer['new']:.6g}"),
                    6000,
                )

        def failed(exc):
            self.refused.emit(
                QCoreApplication.translate("Controller", "Not applied: {reason}").format(reason=plain_message(str(exc)))
            )

        self.worker.ask("set_param", edit.name, edit.index, edit.value, on_done=done, on_error=failed)

    # ---- reacting to the document
    def _on_change(self, change: Change) -> None:
        if change.section == "network" and change.key == "value":
            # sent at once, also with a rebuild pending: one that keeps the weights copies this
            # value from the running network, one that does not builds the spec's values
            self._send_value(change)
            return
        if change.live:
            if self._pending is not None:
                return  # a rebuild is about to send the whole project, this value included
            if change.section == "optimizer":
                self.worker.set_hyperparameter(change.key, change.new)
            else:
                self.worker.set_training_option(change.key, change.new)
            return
        section = change.section
        if section == "optimizer" and change.key is None and self.info_ is not None and self._pending is None:
            self._send_optimizer(change.new)
            return
        if section == "network":
            old = self._built_layers if self._built_layers is not None else change.old
            if self.info_ is not None and keeps_weights(old, change.new, self.in_width):
                self.rebuild(
                    QCoreApplication.translate(
                        "Controller", "Network changed: weights kept (their shapes did not change)"
                    ),
                    keep=True,
                )
            else:
                self.rebuild(
                    QCoreApplication.translate(
                        "Controller", "Network changed: weights re-initialised (their shapes or initialisation changed)"
                    )
                )
        elif section == "data" and painted(change.old, change.new):
            self.doc.in_width = None  # known again when the new data is built
            self.rebuild(  # points painted or removed: the network keeps learning on the edited set
                QCoreApplication.translate("Controller", "Data changed: weights kept (the inputs did not change)"),
                keep=True,
            )
        elif section == "data":
            self.doc.in_width = None  # known again when the new data is built
            self.rebuild(QCoreApplication.translate("Controller", "Data changed: weights re-initialised"))
        elif section == "seed":
            self.rebuild(
                QCoreApplication.translate("Controller", "Seed changed: new data sample and new initial weights")
            )
        elif section == "training":
            self.rebuild(
                QCoreApplication.translate(
                    "Controller", "Training settings changed: continuing from the current weights"
                ),
                keep=True,
            )
        else:
            names = {
                "loss": QCoreApplication.translate("Controller", "Loss"),
                "schedule": QCoreApplication.translate("Controller", "Schedule"),
                "optimizer": QCoreApplication.translate("Controller", "Optimizer"),
            }
            self.rebuild(
                QCoreApplication.translate(
                    "Controller", "{what} changed: continuing from the current weights with a new history"
                ).format(what=names.get(section, section)),
                keep=True,
            )

    def _send_optimizer(self, spec) -> None:
        """Another optimizer for the running training: swapped between two steps, the run goes on."""
        gen = self.generation

        def done(answer):
            if gen != self.generation:
                return
            if answer["restored"]:
                text = QCoreApplication.translate(
                    "Controller", "Optimizer {name} back as it was at step {step}, with its state (undone swap)"
                ).format(name=answer["new"], step=answer["step"])
            else:
                text = QCoreApplication.translate(
                    "Controller",
                    "Optimizer changed to {name} at step {step}: the weights, the step count and the history carry "
                    "over; the optimizer's state (momentum buffers, Adam's moments and step) starts afresh",
                ).format(name=answer["new"], step=answer["step"])
            self.status.emit(text, 10000)

        def failed(exc):
            if gen == self.generation:
                self.refused.emit(
                    QCoreApplication.translate("Controller", "Not applied: {reason}").format(
                        reason=plain_message(str(exc))
                    )
                )

        self.worker.ask("set_optimizer", copy.deepcopy(spec), on_done=done, on_error=failed)

    def _send_rebuild(self) -> None:
        pending, self._pending = self._pending or {"keep": False, "message": None}, None
        project = copy.deepcopy(self.doc.project)
        keep = pending["keep"] and self.info_ is not None
        self._built_layers = project["network"]["layers"]
        self.generation = self._worker_rebuild(project, keep)
        self._asked_keep = keep
        self.playing = False
        self.playing_changed.emit(False)
        if pending["message"]:
            self.status.emit(pending["message"], 6000)

    def _worker_rebuild(self, project: dict, keep: bool) -> int:
        # the weights stay inside the training process: nothing is fetched and sent back
        return self.worker.rebuild(project, self.doc.base_dir, keep_weights=keep)

    # ---- reacting to the worker
    def _on_built(self, gen, info):
        if gen == self.generation:
            self.info_ = info
            self.last_snapshot = None
            self.doc.in_width = info.in_width
            self.built.emit(info)

    def _on_built_detail(self, gen, kept: bool):
        if gen == self.generation and self._asked_keep and not kept:
            self.status.emit(
                QCoreApplication.translate(
                    "Controller", "Weights re-initialised: the new network cannot take the previous weights"
                ),
                6000,
            )

    def _on_snapshot(self, gen, snap):
        if gen == self.generation and self.info_ is not None:
            self.last_snapshot = snap
            self.snapshot.emit(snap)
        else:
            self.worker.drawn()  # not ours to draw: let the next one come

    def _on_state_changed(self, gen, playing):
        if gen == self.generation:
            self.playing = playing
            self.playing_changed.emit(playing)

    def _on_failed(self, gen, message):
        if gen == self.generation:
            self.failed.emit(plain_message(message))

    def _on_failed_detail(self, gen, failed):
        """A failure with its ``code`` and ``args``: said in the window's language."""
        if gen == self.generation:
            self.failed.emit(coded_message(getattr(failed, "code", None), getattr(failed, "args", None), failed.text))

    def _on_info(self, gen, message):
        if gen == self.generation:
            self.info.emit(plain_info(message))

    def _on_rate(self, gen, rate):
        if gen == self.generation:
            self.steps_per_second = rate

    def _on_died(self, text: str):
        """The worker already says it in plain words (and restarts the process with the project)."""
        self.playing = False
        self.playing_changed.emit(False)
        if "restart the app" not in text:
            text += " " + QCoreApplication.translate(
                "Controller", "It was restarted with your project: press Play to train again."
            )
        self.died.emit(text)


# ---- engine errors in a person's terms
_PLAIN = [
    (
        r"network\.layers\[\d+\]\.units: the output layer has (\d+) units but (\S+) has (\d+) classes, "
        r"so it needs (.+)$",
        QT_TRANSLATE_NOOP(
            "EngineError",
            "The output layer has {0} neurons, but the {1} data has {2} classes: give the output layer {3} neurons.",
        ),
    ),
    (
        r"network\.layers\[\d+\]\.units: the output layer has (\d+) units but (\S+) has (\d+) regression targets?$",
        QT_TRANSLATE_NOOP(
            "EngineError",
            "The output layer has {0} neurons, but the {1} data has {2} value(s) to predict: "
            "give the output layer {2} neurons.",
        ),
    ),
    (
        r"training\.batch_size: batch norm needs at least 2 rows per batch",
        QT_TRANSLATE_NOOP(
            "EngineError",
            "Batch norm needs at least 2 examples per batch: choose mini-batch or batch gradient descent "
            "with a batch size of 2 or more.",
        ),
    ),
    (
        r"training\.batch_size: with (\d+) training rows and batch_size=(\d+) the last batch",
        QT_TRANSLATE_NOOP(
            "EngineError",
            "With {0} training examples and a batch size of {1}, the last batch holds one example, "
            "which batch norm cannot normalise: change the batch size.",
        ),
    ),
    (
        r"training\.early_stopping: needs a validation set",
        QT_TRANSLATE_NOOP(
            "EngineError",
            "Early stopping watches the validation loss, and the validation split is 0: "
            "set a validation split above 0 or turn early stopping off.",
        ),
    ),
    (
        r"cannot reshape array of size 0",
        QT_TRANSLATE_NOOP(
            "EngineError",
            "There is no data to train or validate on (the validation split leaves an empty set): "
            "change the validation split or the number of samples.",
        ),
    ),
    (
        r"a residual block's output width \((\d+)\) must equal its input width \((\d+)\)",
        QT_TRANSLATE_NOOP(
            "EngineError",
            "A residual block must end with as many neurons as it starts with ({1}), but it ends with {0}: "
            "change the last layer inside the block.",
        ),
    ),
    (
        r"^(\S+): cannot read: (.+)$",
        QT_TRANSLATE_NOOP("EngineError", "Cannot read the file {0}: {1}."),
    ),
    (
        r"data\.path: (.+)",
        QT_TRANSLATE_NOOP("EngineError", "The data file cannot be used: {0}"),
    ),
]
_PLAIN = [(re.compile(pattern), sentence) for pattern, sentence in _PLAIN]


def plain_message(text: str) -> str:
    """An engine error in a person's terms (what went wrong, what to change); the
    engine's own text when there is no better sentence for it."""
    for pattern, sentence in _PLAIN:
        match = pattern.search(text)
        if match:
            return QCoreApplication.translate("EngineError", sentence).format(*match.groups())
    return text


# ---- engine failures by code (core.protocol.Failed: text, code, args)
_ADVICE = QT_TRANSLATE_NOOP(
    "EngineError", "Try a lower learning rate, gradient clipping (Training panel) or a smaller initialisation."
)
_CODED = {
    "nonfinite_loss": QT_TRANSLATE_NOOP(
        "EngineError",
        "Training stopped at step {step} (epoch {epoch}): the loss became infinite or NaN (not a number); "
        "the first non-finite values are in {where}.",
    ),
    "loss_overflow": QT_TRANSLATE_NOOP(
        "EngineError",
        "Training stopped at step {step} (epoch {epoch}): {where} is too large for the {loss} loss "
        "(the loss overflowed).",
    ),
    "nonfinite_gradient": QT_TRANSLATE_NOOP(
        "EngineError",
        "Training stopped at step {step} (epoch {epoch}): the gradients became infinite or NaN (exploding "
        "gradients); the first non-finite values are in {where}.",
    ),
    "gradient_norm_overflow": QT_TRANSLATE_NOOP(
        "EngineError",
        "Training stopped at step {step} (epoch {epoch}): the gradient norm overflowed (exploding gradients); "
        "the largest gradient is {where}.",
    ),
    "nonfinite_weights_after_update": QT_TRANSLATE_NOOP(
        "EngineError",
        "Training stopped at step {step} (epoch {epoch}): the {optimizer} update made {where} infinite or NaN.",
    ),
}
_EPS_ZERO = QT_TRANSLATE_NOOP(
    "EngineError",
    "Training stopped at step {step} (epoch {epoch}): eps is 0, so the {optimizer} update of a parameter whose "
    "gradient has been 0 so far is 0 / 0 = NaN. Set the optimizer's eps to a small positive value.",
)


_OUTPUT_OF = QT_TRANSLATE_NOOP("EngineError", "the output of {layer} ({label})")
_GRADIENT_OF = QT_TRANSLATE_NOOP("EngineError", "the gradient of {param}")


def _with_translated_where(code, args: dict) -> dict:
    """``args`` with ``where`` (the engine's English phrase naming the layer or parameter)
    said again in the window's language from the names it was made of."""
    args = dict(args)
    if "layer" in args and "label" in args:
        args["where"] = QCoreApplication.translate("EngineError", _OUTPUT_OF).format(
            layer=args["layer"], label=args["label"]
        )
    elif code in ("nonfinite_gradient", "gradient_norm_overflow") and "param" in args:
        args["where"] = QCoreApplication.translate("EngineError", _GRADIENT_OF).format(param=args["param"])
    return args


def coded_message(code, args, text: str) -> str:
    """A failure that carries a ``code`` and its ``args`` as a translated sentence; an
    unknown code (or arguments that do not fit) gets :func:`plain_message` of ``text``."""
    if isinstance(args, dict):
        if code == "nonfinite_weights_after_update" and args.get("cause") == "eps_zero":
            sentence = _EPS_ZERO
        else:
            sentence = _CODED.get(code)
        if sentence is not None:
            args = _with_translated_where(code, args)
            try:
                said = QCoreApplication.translate("EngineError", sentence).format(**args)
            except (KeyError, IndexError, ValueError):
                return plain_message(text)
            if sentence is not _EPS_ZERO:
                said += " " + QCoreApplication.translate("EngineError", _ADVICE)
            return said
    return plain_message(text)


# ---- the engine's notes (core.protocol.Info) in the window's language
_INFO = [
    (
        re.compile(r"^Finished (\d+) epochs\. Press Play to train further\.$"),
        QT_TRANSLATE_NOOP("EngineInfo", "Finished {0} epochs. Press Play to train further."),
    ),
    (
        re.compile(
            r"^Early stopping at epoch (\d+): validation loss has not improved for (\d+) epochs "
            r"\(best (\S+) at epoch (\d+)\); weights restored from epoch \d+$"
        ),
        QT_TRANSLATE_NOOP(
            "EngineInfo",
            "Early stopping at epoch {0}: the validation loss has not improved for {1} epochs "
            "(best {2} at epoch {3}); weights restored from epoch {3}",
        ),
    ),
    (
        re.compile(
            r"^Early stopping at epoch (\d+): validation loss has not improved for (\d+) epochs "
            r"\(best (\S+) at epoch (\d+)\)$"
        ),
        QT_TRANSLATE_NOOP(
            "EngineInfo",
            "Early stopping at epoch {0}: the validation loss has not improved for {1} epochs (best {2} at epoch {3})",
        ),
    ),
]


def plain_info(text: str) -> str:
    """A note from the engine in the current language (as it is when it is not known)."""
    for pattern, sentence in _INFO:
        match = pattern.match(text)
        if match:
            return QCoreApplication.translate("EngineInfo", sentence).format(*match.groups())
    return text
