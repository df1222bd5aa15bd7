"""What the training process answers and how it describes a failure.

:data:`QUERIES` is the explicit table of named queries the window may ask
(``TrainingWorker.query(name, *args)``), each a function of the trainer; old
dotted names map onto it through :data:`ALIASES`.  :func:`failure` turns any
exception into the ``(text, code, args)`` of a :class:`~core.protocol.Failed`
message, so the window can translate it.  The ``test_*`` hooks exist only with
``BACKPROP_LAB_TEST_HOOKS=1``.
"""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Callable
from typing import TYPE_CHECKING

from .gradient_flow import preactivations
from .graph import graph_query
from .inspect import trace_example
from .optimizer_internals import optimizer_internals
from .protocol import RemoteError
from .registry import ConfigError
from .snapshot import set_plane
from .trainer import TrainingDiverged
from .update_preview import example_from_data, example_from_values, preview_update
from .weights import weights_file_arrays

if TYPE_CHECKING:
    from .session import Session


class UnknownQuery(LookupError):
    """A query name that is not in :data:`QUERIES`."""


def failure(exc: BaseException, headline: str, input_errors: bool = True) -> tuple[str, str, object]:
    """``(text, code, args)`` describing ``exc`` for a :class:`Failed` message.

    Errors about the project (ConfigError, divergence; with ``input_errors`` any
    ValueError or OSError, as reading a project raises them) are shown as they
    read; anything else as ``headline`` with the error in brackets.
    """
    code = getattr(exc, "code", None)
    if isinstance(exc, TrainingDiverged):  # code names the cause (nonfinite_loss, ...); args say where
        details = getattr(exc, "details", None) or {}
        return (
            str(exc),
            code if isinstance(code, str) else "diverged",
            {"step": exc.step, "where": exc.where, **details},
        )
    if isinstance(code, str):  # the error classifies itself: take its arguments as given
        args = next((v for v in (getattr(exc, n, None) for n in ("params", "details")) if v is not None), exc.args)
        return str(exc), code, args
    if isinstance(exc, ConfigError) or (input_errors and isinstance(exc, (ValueError, OSError))):
        return str(exc), "config_error", {}
    kind = type(exc).__name__
    details = {"type": kind, "text": str(exc)}
    if isinstance(exc, MemoryError):
        return f"{headline}: not enough memory.", "out_of_memory", details
    return f"{headline} ({kind}: {exc})." if str(exc) else f"{headline} ({kind}).", "internal_error", details


def portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives a pickle round trip, else a :class:`RemoteError` with its text."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RemoteError(str(exc), type(exc).__name__)


# ---- named queries: (function of the session and the query's arguments, changes what is drawn)


def _history_csv(trainer) -> str:
    out = io.StringIO()
    trainer.history.write_csv(out)
    return out.getvalue()


def _load_weights(trainer, arrays, source="weights"):
    trainer.network.load_arrays(arrays, source)
    _started_from_here(trainer)


def _started_from_here(trainer):
    """Before the first step, an edit of the weights is where the run starts (the bundle's
    initial weights)."""
    if trainer.step_count == 0:
        trainer.initial_arrays = trainer.network.copy_arrays()


def _bundle_state(trainer, verify=True):
    """What a reproducible bundle needs from the run (see core.bundle.bundle_state)."""
    from .bundle import bundle_state

    return bundle_state(trainer, getattr(trainer, "initial_arrays", None), verify)


def _onnx_model(trainer) -> bytes:
    from .exported_model import from_trainer
    from .onnx_export import to_onnx_bytes  # imports onnx: only when asked

    return to_onnx_bytes(from_trainer(trainer))


def _torch_export(trainer, weights_name: str) -> tuple[str, dict]:
    """The PyTorch script (loading ``weights_name``) and the weights file's arrays."""
    from .exported_model import from_trainer
    from .torch_export import torch_code

    return torch_code(from_trainer(trainer), weights_name), weights_file_arrays(trainer.network, trainer.data)


def _trace(trainer, index=0, part="train"):
    if part not in ("train", "val"):
        raise ValueError(f"trace_example: part must be 'train' or 'val', got {part!r}")
    x, t = (trainer.x_train, trainer.t_train) if part == "train" else (trainer.x_val, trainer.t_val)
    if not 0 <= index < len(x):
        raise ValueError(f"trace_example: the {part} set has {len(x)} rows, got index {index}")
    return trace_example(trainer.network, trainer.loss, x[index], t[index])


def _set_param(trainer, name, index, value):
    """One scalar of one parameter, live (no rebuild): ``{"old", "new", "step"}``."""
    old = trainer.network.set_value(name, index, value)
    _started_from_here(trainer)
    param = next(p for p in trainer.network.params if p.name == name)
    index = tuple(index) if isinstance(index, (list, tuple)) else (index,)
    return {"old": old, "new": float(param.value[index]), "step": trainer.step_count}


def _update_preview(trainer, index=None, part="train", x=None, target=None, raw=False, training=None):
    """One optimizer step for one example, on copies (see core.update_preview): row
    ``index`` of ``part``, or the typed input ``x`` (``raw``: in the data's units) and ``target``;
    ``training``: the mode of the pass (None: as the trainer's step; False: as trace_example)."""
    if x is not None:
        xv, tv = example_from_values(trainer, x, target, raw)
        return preview_update(trainer, xv, tv, training=training)
    index = 0 if index is None else index
    xv, tv = example_from_data(trainer, index, part)
    return preview_update(trainer, xv, tv, index, part, training)


def _checkpoints(trainer) -> dict:
    cps = getattr(trainer, "checkpoints", None)
    if cps is None:
        return {"steps": [], "memory": 0, "budget": 0, "every": 0, "step": trainer.step_count}
    return {"steps": cps.steps(), "memory": cps.memory, "budget": cps.budget, "every": cps.every,
            "step": trainer.step_count}


def _rewind(trainer, step):
    """Go back to ``step`` of this run (nearest checkpoint, then replay): ``{"step", "replayed"}``."""
    cps = getattr(trainer, "checkpoints", None)
    if cps is None:
        raise ConfigError("rewind: this run keeps no checkpoints", "bad_value", key="step", value=step)
    replayed = cps.rewind(trainer, step)
    return {"step": trainer.step_count, "replayed": replayed}


def _branch(trainer, step):
    """Go back to ``step`` to continue on a new branch of the run tree (a rewind that also
    marks the trainer: a rebuild that keeps the weights then carries the whole training
    state over, see ``core.session.carry_branch``): ``{"step", "replayed"}``."""
    result = _rewind(trainer, step)
    trainer.branch_step = trainer.step_count
    return result


#: queries after which the session sends the whole history again (it was cut or replaced)
HISTORY_REPLACING = {"rewind", "set_state", "branch"}

#: name -> (function(trainer, *args), True if it changes what a snapshot shows)
QUERIES: dict[str, tuple[Callable, bool]] = {
    "weights": (lambda tr: tr.network.copy_arrays(), False),
    "load_weights": (_load_weights, True),
    "step_count": (lambda tr: tr.step_count, False),
    "epoch": (lambda tr: tr.epoch, False),
    "history": (lambda tr: tr.history.copy(), False),
    "history_rows": (lambda tr, start=0: tr.history.rows(start), False),
    "history_csv": (_history_csv, False),
    "report": (lambda tr: tr.report(), False),
    "optimizer": (lambda tr: dict(tr.optimizer.group), False),
    "project": (lambda tr: tr.project, False),
    "info": (lambda tr: tr.info(), False),
    "trace_example": (_trace, False),
    "state": (lambda tr: tr.get_state(), False),
    "set_state": (lambda tr, state: tr.set_state(state), True),
    "set_plane": (lambda tr, choice=None: set_plane(tr, choice), True),
    "checkpoints": (_checkpoints, False),
    "rewind": (_rewind, True),
    "branch": (_branch, True),
    "weights_file": (lambda tr: weights_file_arrays(tr.network, tr.data), False),
    "onnx_model": (_onnx_model, False),
    "torch_export": (_torch_export, False),
    "preactivations": (lambda tr, rows=None: preactivations(tr, rows), False),
    "set_param": (_set_param, True),
    "graph": (graph_query, False),
    "update_preview": (_update_preview, False),
    "set_optimizer": (lambda tr, spec: tr.set_optimizer(spec), True),
    "optimizer_internals": (lambda tr, watch=True: optimizer_internals(tr, watch), False),
    "bundle_state": (_bundle_state, False),
}

#: the names the window used before the table existed
ALIASES = {
    "network.copy_arrays": "weights",
    "network.load_arrays": "load_weights",
    "history.copy": "history",
    "history.columns": "history_rows",
    "optimizer.group": "optimizer",
    "get_state": "state",
}


class _InjectedError(RuntimeError):
    """Raised by the test hooks."""


class _InjectedCrash(BaseException):
    """Escapes every handler of the session loop (test hook ``test_crash``)."""


# ---- test hooks (only with BACKPROP_LAB_TEST_HOOKS=1)

_INJECTABLE = {
    e.__name__: e
    for e in (OverflowError, ZeroDivisionError, EOFError, MemoryError, ValueError, FloatingPointError, RuntimeError)
}


def _hook_raise(session: Session, kind: str = "RuntimeError") -> None:
    session._raise_next = kind


def _hook_crash(_session: Session) -> None:
    raise _InjectedCrash("injected crash")


def _hook_pid(_session: Session) -> int:
    return os.getpid()


TEST_QUERIES = {"test_raise_in_next_step": _hook_raise, "test_crash": _hook_crash, "test_pid": _hook_pid}
