"""What one pass through a network keeps: per-layer records and the tape.

A layer's ``forward(x, training)`` returns its output and a :class:`Record`
of the pass (input, output and what its ``backward`` needs); ``backward``
takes that record and notes dL/da and dL/dz in it (dense layers).
:meth:`core.network.Network.forward` returns a :class:`Tape`: the output and
the top-level records.  Records reference the pass's arrays, never copy them,
and nothing of a pass is kept on a layer: a tape lives as long as whoever holds
it (the trainer holds the tape of its last training step, for statistics).
"""

from __future__ import annotations

import numpy as np


class Record:
    """One layer's forward pass: its input ``x`` and output ``a`` (subclasses add what
    their backward pass needs).  Arrays are referenced, never copied."""

    __slots__ = ("x", "a")

    def __init__(self, x, a):
        self.x, self.a = x, a


class DenseRecord(Record):
    """Adds the pre-activation ``z``; backward fills in ``grad_a`` (dL/da, None when
    the loss was fused with the activation and handed dL/dz) and ``grad_z``."""

    __slots__ = ("z", "grad_a", "grad_z")

    def __init__(self, x, z, a):
        self.x, self.z, self.a = x, z, a
        self.grad_a = self.grad_z = None


class DropoutRecord(Record):
    __slots__ = ("mask",)  # kept inputs scaled by 1/(1-rate), or None (identity)

    def __init__(self, x, a, mask):
        self.x, self.a, self.mask = x, a, mask


class BatchNormRecord(Record):
    __slots__ = ("xhat", "inv_std", "training")

    def __init__(self, x, a, xhat, inv_std, training):
        self.x, self.a, self.xhat, self.inv_std, self.training = x, a, xhat, inv_std, training


class ResidualRecord(Record):
    __slots__ = ("children",)  # the records of the block's own layers, in order

    def __init__(self, x, a, children):
        self.x, self.a, self.children = x, a, children


class Tape:
    """One forward (and, once ``Network.backward`` has run, backward) pass.

    ``output`` is the network's output, ``records`` the top-level layers' records
    (:class:`~core.layers.Record`; a residual block's record holds its layers'
    records), ``training`` the mode of the pass.  :meth:`entry_records` lists the
    records in the order of :attr:`Network.entries` (nested layers after their block).
    """

    __slots__ = ("output", "records", "training")

    def __init__(self, output: np.ndarray, records: list[Record], training: bool):
        self.output, self.records, self.training = output, records, training

    def entry_records(self) -> list[Record]:
        out: list[Record] = []
        _flatten(self.records, out)
        return out

    @property
    def logits(self) -> np.ndarray | None:
        """The output layer's pre-activation (None if the last layer is not dense)."""
        last = self.records[-1]
        return last.z if isinstance(last, DenseRecord) else None


def _flatten(records, out):
    for record in records:
        out.append(record)
        if isinstance(record, ResidualRecord):
            _flatten(record.children, out)
