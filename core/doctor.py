"""The training doctor: a continuous diagnosis of a run from its snapshots.

A :class:`Doctor` is fed the :class:`~core.snapshot.Snapshot` objects a window
already receives, in order (``doctor.feed(snapshot)``), and keeps only small
running state: block means of the batch loss, the evaluated rows, and a few
figures per layer of the last :data:`WINDOW` snapshots.  ``doctor.diagnoses()``
returns what it finds as :class:`Diagnosis` values: a ``code``, a ``severity``,
``args`` (the evidence as layer labels and numbers, never sentences: a GUI
words them in its language), ``evidence`` (the panel whose plot shows it) and
``remedies`` (codes).  Nothing here imports Qt.

What each diagnosis means (figures are medians over the last :data:`WINDOW`
snapshots, so one odd batch does not raise or clear an alarm):

- ``vanishing_gradients``: the first parameterised layer's gradient norm is at
  least :data:`VANISH_ORDERS` orders of magnitude (1e-3) below the last layer's
  (not said when dead ReLUs or symmetric weights explain it: they are said instead).
- ``exploding_gradients``: a non-finite loss or gradient (a diverged step); or
  the first layer's gradient norm :data:`VANISH_ORDERS` orders of magnitude *above*
  the last's; or the whole gradient norm grew at least :data:`GROWTH` times
  (1e3) within the window while rising from one snapshot to the next.
- ``saturated_units``: a hidden sigmoid or tanh layer with at least
  :data:`SATURATED` (half) of its outputs within 0.01 of their limits, while the
  loss is above :data:`SCALE` of the first block's (a network that has learned
  may be confident).  The output layer is not judged: a confident classifier
  saturates it by design.
- ``dead_relu``: a ReLU-family layer with at least :data:`DEAD` (half) of its
  units outputting zero for the whole batch.
- ``lr_too_high``: the loss rising or oscillating.  Rising: the last two block
  means (:data:`BLOCK` steps each) are at least :data:`RISE` (1.25) times the
  best block mean and the rise is at least :data:`SCALE` (a tenth) of the first
  block's loss.  Oscillating: over the last :data:`OSC_BLOCKS` block means the
  direction changes at least four times, their range is at least a fifth of the
  first block's loss, and they are no lower on average than the blocks before.
- ``lr_too_low``: every layer's update-to-weight ratio below :data:`LOW_RATIO`
  (1e-4, ten times below the usual 1e-3) while the loss is above :data:`SCALE`
  of the first block's (not trained out).
- ``symmetric_weights``: a dense layer of several units whose weight rows and
  biases are all identical (:attr:`~core.stats.LayerStats.identical_units`), as
  a zero or constant initialisation leaves them: the units stay equal.
- ``overfitting``: over means of :data:`OVERFIT_SMOOTH` (3) consecutive
  evaluations (one lucky validation loss is no best): the latest mean validation
  loss at least :data:`OVERFIT` (1.1) times the best mean and above it by
  :data:`OVERFIT_RISE` (2 %) of the first block's loss, the best at least three
  means ago, the latest validation loss not falling, and the mean training loss
  lower now than at the best validation mean.
- ``plateau``: over the last :data:`PLATEAU_STEPS` steps the loss fell by less
  than :data:`FLAT` (1 %) of its level (mean of the first third against the last
  third), while that level is above :data:`SCALE` of the first block's loss.

Severities: ``"error"`` (training cannot go on: a non-finite loss or gradient),
``"warning"``, ``"info"`` (a plateau).
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

import numpy as np

#: snapshots whose per-layer figures are kept (medians over them)
WINDOW = 5
#: steps per block mean of the batch loss
BLOCK = 20
#: block means kept
BLOCKS_KEPT = 64
VANISH_ORDERS = 3
GROWTH = 1e3
SATURATED = 0.5
DEAD = 0.5
RISE = 1.25
SCALE = 0.1
OSC_BLOCKS = 6
LOW_RATIO = 1e-4
OVERFIT = 1.1
OVERFIT_RISE = 0.02
OVERFIT_SMOOTH = 3
PLATEAU_STEPS = 300
FLAT = 0.01

CODES = (
    "vanishing_gradients",
    "exploding_gradients",
    "saturated_units",
    "dead_relu",
    "lr_too_high",
    "lr_too_low",
    "symmetric_weights",
    "overfitting",
    "plateau",
)

#: the panel that shows each diagnosis (the window's dock names)
EVIDENCE = {
    "vanishing_gradients": "Gradient norms",
    "exploding_gradients": "Gradient norms",
    "saturated_units": "Activations",
    "dead_relu": "Activations",
    "lr_too_high": "Loss",
    "lr_too_low": "Gradient norms",
    "symmetric_weights": "Weight histograms",
    "overfitting": "Loss",
    "plateau": "Loss",
}

#: the usual remedies, most useful first
REMEDIES = {
    "vanishing_gradients": ("use_relu", "he_init", "batch_norm", "residual"),
    "exploding_gradients": ("lower_lr", "grad_clip", "smaller_init", "batch_norm"),
    "saturated_units": ("smaller_init", "batch_norm", "use_relu", "lower_lr"),
    "dead_relu": ("leaky_relu", "lower_lr", "he_init"),
    "lr_too_high": ("lower_lr", "grad_clip", "lr_schedule"),
    "lr_too_low": ("raise_lr", "use_adam"),
    "symmetric_weights": ("random_init",),
    "overfitting": ("early_stopping", "weight_decay", "dropout", "more_data", "smaller_network"),
    "plateau": ("raise_lr", "use_adam", "check_gradients", "bigger_network"),
}

REMEDY_CODES = tuple(dict.fromkeys(r for rs in REMEDIES.values() for r in rs))

_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Diagnosis:
    code: str  # one of CODES
    severity: str  # "error", "warning" or "info"
    args: dict = field(default_factory=dict)  # the evidence: layer labels and numbers
    evidence: str = ""  # the panel that shows it (a key of EVIDENCE's values)
    remedies: tuple = ()  # remedy codes (REMEDY_CODES)


@dataclass(frozen=True)
class _Layer:
    """What the doctor keeps of one layer of one snapshot."""

    label: str
    kind: str
    family: str | None  # "sigmoid" (saturates), "relu" (dies) or None
    grad_norm: float
    update_ratio: float
    saturated: float
    dead: float
    identical: bool


def _median(values: list) -> float:
    v = sorted(x for x in values if x == x)  # (NaN is left out)
    if not v:
        return math.nan
    n = len(v)
    return v[n // 2] if n % 2 else 0.5 * (v[n // 2 - 1] + v[n // 2])


def _finite(x) -> bool:
    try:
        return math.isfinite(x)
    except TypeError:
        return False


class Doctor:
    """Fed snapshots in order; :meth:`diagnoses` says what looks wrong."""

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        """Forget everything (a new project or new weights)."""
        self.step = 0
        self.lr = math.nan
        self._next_row = 0
        self._block_sum = 0.0
        self._block_n = 0
        self._blocks: deque[float] = deque(maxlen=BLOCKS_KEPT)
        self._first_block = math.nan
        self._nonfinite_step: int | None = None
        self._evals: deque[tuple[int, float, float]] = deque(maxlen=BLOCKS_KEPT)  # step, train, val
        self._layers: deque[list[_Layer]] = deque(maxlen=WINDOW)
        self._grad_norms: deque[float] = deque(maxlen=WINDOW)
        self._layer_step = -1
        self._medians: dict = {}
        self.fed = 0

    # ---- feeding
    def feed(self, snap) -> None:
        """Take one snapshot (history rows already seen are skipped)."""
        if snap.step < self.step:  # the run started again
            self.reset()
        self.fed += 1
        self.step = snap.step
        self.lr = snap.lr
        self._take_rows(snap.history_start, snap.history)
        failed = getattr(snap, "failed_step", None)
        if failed is not None and self._nonfinite_step is None:
            self._nonfinite_step = int(failed)
        if snap.layers and snap.step != self._layer_step and snap.step > 0:
            if self._layer_step == 0:  # the untrained network's figures (no gradient yet) leave the window
                self._layers.clear()
            self._layer_step = snap.step
            self._layers.append([_summary(s) for s in snap.layers])
            self._grad_norms.append(float(snap.grad_norm))
        elif snap.layers and snap.step == 0 and not self._layers:
            # the freshly built network (weights only: symmetric weights show at once)
            self._layer_step = 0
            self._layers.append([_summary(s) for s in snap.layers])

    def _take_rows(self, start: int, history: dict) -> None:
        losses = history.get("batch_loss")
        if losses is None or len(losses) == 0:
            return
        skip = max(0, self._next_row - start)
        n = len(losses)
        if skip >= n:
            return
        steps = history.get("step")
        train, val = history.get("train_loss"), history.get("val_loss")

        def step_of(i: int) -> int:
            return int(steps[i]) if steps is not None else start + i + 1

        seg = np.asarray(losses[skip:], dtype=np.float64)
        finite = np.isfinite(seg)
        if not finite.all():
            if self._nonfinite_step is None:
                self._nonfinite_step = step_of(skip + int(np.argmin(finite)))
            seg = seg[finite]
        for loss in seg.tolist():  # block means: a few Python additions per row
            self._block_sum += loss
            self._block_n += 1
            if self._block_n == BLOCK:
                mean = self._block_sum / BLOCK
                if not self._blocks and math.isnan(self._first_block):
                    self._first_block = mean
                self._blocks.append(mean)
                self._block_sum, self._block_n = 0.0, 0
        if train is not None and val is not None:
            t, v = np.asarray(train[skip:], np.float64), np.asarray(val[skip:], np.float64)
            for i in np.flatnonzero(np.isfinite(t) & np.isfinite(v)).tolist():
                self._evals.append((step_of(skip + i), float(t[i]), float(v[i])))
        self._next_row = start + n

    # ---- judging
    def diagnoses(self) -> list[Diagnosis]:
        """What looks wrong now, errors first (an empty list: nothing found)."""
        found: list[Diagnosis] = []
        symmetric = self._symmetric()
        dead = self._dead()
        for check in (
            self._exploding,
            lambda: self._vanishing(symmetric or dead),
            self._saturated,
            lambda: dead,
            lambda: symmetric,
            self._lr_too_high,
            self._lr_too_low,
            self._overfitting,
            self._plateau,
        ):
            d = check()
            if d is not None:
                found.append(d)
        found.sort(key=lambda d: _ORDER[d.severity])
        return found

    def _make(self, code: str, severity: str, **args) -> Diagnosis:
        return Diagnosis(code, severity, args, EVIDENCE[code], REMEDIES[code])

    def _per_layer(self, attr: str) -> list[tuple[_Layer, float]]:
        """(the latest summary, the median of ``attr`` over the window) per layer of the
        latest snapshot (earlier snapshots of another shape are left out); computed once
        per snapshot."""
        if not self._layers:
            return []
        key = (attr, self._layer_step, len(self._layers))
        cached = self._medians.get(attr)
        if cached is not None and cached[0] == key:
            return cached[1]
        latest = self._layers[-1]
        same = [ls for ls in self._layers if len(ls) == len(latest)]
        rows = [(layer, _median([getattr(ls[i], attr) for ls in same])) for i, layer in enumerate(latest)]
        self._medians[attr] = (key, rows)
        return rows

    def _trained(self) -> list[list[_Layer]]:
        return [ls for ls in self._layers if ls] if self._layer_step > 0 else []

    def _depth_ratio(self) -> tuple[float, _Layer, _Layer, float, float] | None:
        """Median of first/last gradient norms, and the layers and their median norms."""
        if not self._trained():
            return None
        norms = self._per_layer("grad_norm")
        if len(norms) < 2:
            return None
        (first, g0), (last, g1) = norms[0], norms[-1]
        if not (_finite(g0) and _finite(g1)) or g1 <= 0:
            return None
        return g0 / g1, first, last, g0, g1

    def _vanishing(self, explained) -> Diagnosis | None:
        r = self._depth_ratio()
        if r is None or explained is not None:
            return None
        ratio, first, last, g0, g1 = r
        if ratio > 10.0 ** -VANISH_ORDERS:
            return None
        orders = math.inf if ratio <= 0 else -math.log10(ratio)
        return self._make("vanishing_gradients", "warning", first=first.label, last=last.label,
                          first_norm=g0, last_norm=g1, orders=orders)

    def _exploding(self) -> Diagnosis | None:
        if self._nonfinite_step is not None:
            return self._make("exploding_gradients", "error", cause="nonfinite", step=self._nonfinite_step)
        if self._layers and any(not _finite(layer.grad_norm) for layer in self._layers[-1]):
            return self._make("exploding_gradients", "error", cause="nonfinite", step=self._layer_step)
        norms = [g for g in self._grad_norms if _finite(g)]
        if len(norms) >= 3 and norms[-1] > norms[-2] > norms[-3]:
            low = min(norms)
            if low > 0 and norms[-1] >= GROWTH * low:
                return self._make("exploding_gradients", "warning", cause="growing", low=low, high=norms[-1])
        r = self._depth_ratio()
        if r is not None and r[0] >= 10.0 ** VANISH_ORDERS:
            ratio, first, last, g0, g1 = r
            return self._make("exploding_gradients", "warning", cause="depth", first=first.label,
                              last=last.label, first_norm=g0, last_norm=g1, orders=math.log10(ratio))
        return None

    def _saturated(self) -> Diagnosis | None:
        if not self._trained():
            return None
        scale = self._scale()
        if self._blocks and scale > 0 and self._blocks[-1] < SCALE * scale:
            return None  # trained well: units at their limits are a confident network, not a stalled one
        rows = self._per_layer("saturated")[:-1]  # the output layer saturates by design
        bad = [(layer.label, v) for layer, v in rows if layer.family == "sigmoid" and v >= SATURATED]
        if not bad:
            return None
        return self._make("saturated_units", "warning", layers=[b[0] for b in bad],
                          fraction=max(b[1] for b in bad))

    def _dead(self) -> Diagnosis | None:
        if not self._trained():
            return None
        bad = [(layer.label, v) for layer, v in self._per_layer("dead") if layer.family == "relu" and v >= DEAD]
        if not bad:
            return None
        return self._make("dead_relu", "warning", layers=[b[0] for b in bad], fraction=max(b[1] for b in bad))

    def _symmetric(self) -> Diagnosis | None:
        if not self._layers:
            return None
        latest = self._layers[-1]
        same = [ls for ls in self._layers if len(ls) == len(latest)]
        bad = [layer.label for i, layer in enumerate(latest) if all(ls[i].identical for ls in same)]
        if not bad:
            return None
        return self._make("symmetric_weights", "warning", layers=bad)

    def _scale(self) -> float:
        return abs(self._first_block) if _finite(self._first_block) else math.nan

    def _lr_too_high(self) -> Diagnosis | None:
        blocks = list(self._blocks)
        scale = self._scale()
        if len(blocks) < 3 or not scale > 0:
            return None
        best = min(blocks[:-2]) if len(blocks) > 2 else min(blocks)
        last2 = blocks[-2:]
        if all(b >= RISE * best for b in last2) and min(last2) - best >= SCALE * scale:
            return self._make("lr_too_high", "warning", kind="rising", best=best, now=blocks[-1], lr=self.lr)
        if len(blocks) >= 2 * OSC_BLOCKS:
            recent, before = blocks[-OSC_BLOCKS:], blocks[-2 * OSC_BLOCKS:-OSC_BLOCKS]
            d = [b - a for a, b in zip(recent, recent[1:])]
            turns = sum(1 for a, b in zip(d, d[1:]) if a * b < 0)
            spread = max(recent) - min(recent)
            if (turns >= 4 and spread >= 2 * SCALE * scale
                    and sum(recent) / OSC_BLOCKS >= sum(before) / OSC_BLOCKS):
                return self._make("lr_too_high", "warning", kind="oscillating", low=min(recent),
                                  high=max(recent), lr=self.lr)
        return None

    def _lr_too_low(self) -> Diagnosis | None:
        if not self._trained():
            return None
        ratios = [v for _layer, v in self._per_layer("update_ratio") if not math.isnan(v)]
        if not ratios:
            return None
        top = max(ratios)
        scale = self._scale()
        if top >= LOW_RATIO or not self._blocks or not scale > 0 or self._blocks[-1] < SCALE * scale:
            return None
        return self._make("lr_too_low", "warning", ratio=top, lr=self.lr)

    def _overfitting(self) -> Diagnosis | None:
        evals = list(self._evals)
        k = OVERFIT_SMOOTH
        if len(evals) < 2 * k:
            return None
        # means of k consecutive evaluations: one lucky validation loss is no best
        vals = [sum(e[2] for e in evals[j:j + k]) / k for j in range(len(evals) - k + 1)]
        trains = [sum(e[1] for e in evals[j:j + k]) / k for j in range(len(evals) - k + 1)]
        i = min(range(len(vals)), key=vals.__getitem__)
        val_best, train_best, val_now, train_now = vals[i], trains[i], vals[-1], trains[-1]
        scale = self._scale()
        if (len(vals) - 1 - i >= k and val_best > 0 and val_now >= OVERFIT * val_best
                and scale > 0 and val_now - val_best >= OVERFIT_RISE * scale
                and evals[-1][2] > evals[-2][2] - OVERFIT_RISE * scale and train_now < train_best):
            return self._make("overfitting", "warning", best=val_best, now=val_now, best_step=evals[i + k - 1][0],
                              train_best=train_best, train_now=train_now)
        return None

    def _plateau(self) -> Diagnosis | None:
        n = PLATEAU_STEPS // BLOCK
        blocks = list(self._blocks)[-n:]
        scale = self._scale()
        if len(self._blocks) < n or not scale > 0:
            return None
        third = max(1, n // 3)
        early, late = sum(blocks[:third]) / third, sum(blocks[-third:]) / third
        if late < SCALE * scale or late <= 0:
            return None
        if early - late >= FLAT * late:
            return None
        if max(blocks) - min(blocks) > 0.1 * late:  # not flat: jumping about
            return None
        return self._make("plateau", "info", steps=n * BLOCK, loss=late)


def _summary(s) -> _Layer:
    family = None
    if s.activation is not None:
        if not math.isnan(s.saturated):
            family = "sigmoid"
        elif not math.isnan(s.dead):
            family = "relu"
    return _Layer(s.label, s.kind, family, float(s.grad_norm), float(s.update_ratio), float(s.saturated),
                  float(s.dead), bool(getattr(s, "identical_units", False)))


def diagnose(snapshots) -> list[Diagnosis]:
    """The diagnoses after feeding ``snapshots`` in order to a new :class:`Doctor`."""
    doctor = Doctor()
    for snap in snapshots:
        doctor.feed(snap)
    return doctor.diagnoses()
