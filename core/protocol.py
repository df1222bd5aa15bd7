"""The typed protocol between the window's worker and the training session.

Commands go from the window to the session (:mod:`core.session`), messages
come back.  Every one is a small frozen dataclass, picklable, so it crosses
the pipe to the training process as is; the session applies commands through
a dispatch table keyed by their type, the worker turns messages into Qt
signals the same way.

Every message about a run carries its generation (``gen``): the number the
window gave the :class:`Rebuild` that started the run.  The receiver drops
what a replaced run still had in flight.  :class:`Result` is routed by the
query id instead, and :class:`Crashed` / :class:`Bye` concern the process.

A :class:`Failed` message has a plain-words ``text`` and a ``code`` (with
``args``) the window may translate instead of showing the text:

``config_error``
    a bad project, setting or weights file (``args`` as the error gives them)
``diverged``
    loss or gradients not finite (``args``: ``step``, ``where``)
``internal_error``
    anything else raised while building, stepping or drawing a snapshot
    (``args``: ``type``, ``text``); the session keeps serving, training is paused
``out_of_memory``
    a MemoryError (``args``: ``type``, ``text``)

Nothing here imports Qt or NumPy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# ---- commands (window -> session)


@dataclass(frozen=True)
class Rebuild:
    """Start run ``gen`` from ``project``.  ``weights`` (a name -> array dict) are
    loaded if given; otherwise ``keep_weights`` copies the current run's arrays
    into the new network when every name and shape matches (else it starts from
    fresh ones).  :class:`Built` says whether they were kept."""

    gen: int
    project: dict
    base_dir: str = "."
    keep_weights: bool = False
    weights: dict | None = None


@dataclass(frozen=True)
class Play:
    pass


@dataclass(frozen=True)
class Pause:
    pass


@dataclass(frozen=True)
class Step:
    """Run ``n`` steps (``n == 0``: send a fresh snapshot without training)."""

    n: int = 1


@dataclass(frozen=True)
class StepEpoch:
    pass


@dataclass(frozen=True)
class SetHyper:
    """An optimizer hyper-parameter, applied before the next step."""

    key: str
    value: Any


@dataclass(frozen=True)
class SetOption:
    """A live training option (``epochs``, ``grad_clip``, ``batch_size``)."""

    key: str
    value: Any


@dataclass(frozen=True)
class Speed:
    """Steps per second while playing; None: as fast as possible."""

    steps_per_second: float | None


@dataclass(frozen=True)
class Query:
    """Ask for one of the session's named queries (see ``core.session.QUERIES``);
    the answer comes back as a :class:`Result` with the same ``id``."""

    id: int
    name: str
    args: tuple = ()


@dataclass(frozen=True)
class Drawn:
    """The window has drawn the last snapshot: the next one may be sent."""


@dataclass(frozen=True)
class Quit:
    pass


#: commands that change a live setting; several waiting for the same key collapse to the last
LIVE_EDITS = (SetHyper, SetOption)

# ---- messages (session -> window)


@dataclass(frozen=True)
class Built:
    gen: int
    info: Any  # RunInfo
    weights_kept: bool = False


@dataclass(frozen=True)
class SnapshotMsg:
    gen: int
    snapshot: Any  # Snapshot


@dataclass(frozen=True)
class Playing:
    gen: int
    playing: bool


@dataclass(frozen=True)
class Failed:
    gen: int
    text: str
    code: str = "internal_error"
    args: Any = field(default_factory=dict)


@dataclass(frozen=True)
class Info:
    gen: int
    text: str


@dataclass(frozen=True)
class Rate:
    gen: int
    steps_per_second: float


@dataclass(frozen=True)
class Result:
    id: int
    value: Any = None
    error: BaseException | None = None


@dataclass(frozen=True)
class Crashed:
    """The session loop itself failed; the process exits after this message."""

    text: str


@dataclass(frozen=True)
class Bye:
    """The session stopped because it was asked to (:class:`Quit`) or its pipe closed."""


class RemoteError(RuntimeError):
    """An exception raised in the training process that could not be sent as itself."""

    def __init__(self, text: str, type_name: str = "Exception"):
        super().__init__(text)
        self.type_name = type_name

    def __reduce__(self):
        return (RemoteError, (str(self), self.type_name))
