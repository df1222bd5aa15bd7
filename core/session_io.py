"""The training process's plumbing: reading commands in batches, thinning
slider storms, shrinking snapshots for the pipe, and one-line crash reports."""

from __future__ import annotations

import os
import traceback
from dataclasses import replace

import numpy as np

from .protocol import LIVE_EDITS, Query, Quit, Rebuild

_F32_MAX = float(np.finfo(np.float32).max)


def compact_pictures(snap):
    """``snap`` with its neuron pictures as float32 (half the bytes; they are only drawn
    through a colour table).  Values beyond float32's range are clipped to it, so a
    finite value stays finite; NaN and infinities stay what they were."""
    boundary = snap.boundary
    if boundary is None or not boundary.activations:
        return snap
    acts = {}
    for key, value in boundary.activations.items():
        if isinstance(value, np.ndarray) and value.dtype.kind == "f" and value.dtype.itemsize > 4:
            value = np.where(np.isinf(value), value, np.clip(value, -_F32_MAX, _F32_MAX)).astype(np.float32)
        acts[key] = value
    return replace(snap, boundary=replace(boundary, activations=acts))


def drain(poll, timeout: float) -> list:
    """Every command waiting (the first waited for up to ``timeout`` seconds)."""
    cmd = poll(timeout)
    batch = []
    while cmd is not None:
        batch.append(cmd)
        if isinstance(cmd, Quit) or len(batch) >= 10_000:
            break
        cmd = poll(0.0)
    return batch


def coalesce(batch: list) -> list:
    """Drop live edits that a later one for the same key replaces before anything
    could observe them (a slider storm applies only its last value)."""
    out = []
    for i, cmd in enumerate(batch):
        if isinstance(cmd, LIVE_EDITS):
            replaced = False
            for later in batch[i + 1 :]:
                if type(later) is type(cmd) and later.key == cmd.key:
                    replaced = True
                    break
                if isinstance(later, (Rebuild, Query)):
                    break
            if replaced:
                continue
        out.append(cmd)
    return out


def crash_summary(exc: BaseException) -> str:
    """One line: the exception and where it was raised."""
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        text += f" (in {os.path.basename(last.filename)}:{last.lineno}, {last.name})"
    return text
