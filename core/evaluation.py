"""Evaluation of a trainer's network on whole data sets: losses, accuracies,
class scores and confusion matrices, in evaluation mode (no dropout, running
batch-norm statistics).

:class:`Evaluation` is a mixin of :class:`core.trainer.Trainer` (it reads the
trainer's network, loss, data and dtype).  Passes over many rows run in chunks
of rows, so evaluating a large data set through a wide layer never holds all
its activations at once; a pass that fits in one chunk is one ordinary pass.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import expit

from .snapshot import chunk_rows

NAN = float("nan")


class Evaluation:
    # ---- evaluation
    def _passes(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """What the loss reads and the output, for every row of ``x`` in evaluation
        mode (in chunks of rows when one pass would be very large)."""
        net, loss = self.network, self.loss
        x = x.astype(self.dtype, copy=False)
        step = chunk_rows(net, len(x))
        inputs, outputs = [], []
        for start in range(0, max(len(x), 1), step):
            tape = net.forward(x[start : start + step], training=False)
            inputs.append(net.loss_input(tape, loss))
            outputs.append(tape.output)
        if len(outputs) == 1:
            return inputs[0], outputs[0]
        return np.concatenate(inputs), np.concatenate(outputs)

    def predict_output(self, x: np.ndarray) -> np.ndarray:
        """The network's output in evaluation mode (no dropout, running batch-norm stats)."""
        return self._passes(x)[1]

    def class_scores(self, output: np.ndarray) -> np.ndarray:
        """Class probabilities (or scores) from network outputs; one column per class."""
        net, loss = self.network, self.loss
        if output.shape[1] == 1:
            p = output[:, 0]
            if loss.uses_logits and not net.is_fused(loss):
                p = expit(p)
            return np.column_stack([1.0 - p, p])
        if loss.uses_logits and not net.is_fused(loss):
            shifted = output - output.max(axis=1, keepdims=True)
            e = np.exp(shifted)
            return e / e.sum(axis=1, keepdims=True)
        return output

    def evaluate(self) -> dict[str, float]:
        """Loss (and accuracy) on the whole training and validation sets, evaluation mode."""
        metrics = {}
        for part, x, t, y in (
            ("train", self.x_train, self.t_train, self.data.y_train),
            ("val", self.x_val, self.t_val, self.data.y_val),
        ):
            if len(x) == 0:
                metrics[f"{part}_loss"] = NAN
                if self.data.task == "classification":
                    metrics[f"{part}_accuracy"] = NAN
                continue
            loss_input, out = self._passes(x)
            metrics[f"{part}_loss"] = self.loss.value(loss_input, t)
            if self.data.task == "classification":
                pred = np.argmax(self.class_scores(out), axis=1)
                metrics[f"{part}_accuracy"] = float(np.mean(pred == y))
        return metrics

    def report(self) -> dict:
        metrics = self.evaluate()
        report = {
            "steps": self.step_count,
            "epochs": round(self.step_count / self.steps_per_epoch, 6),
            "completed_epochs": self.epoch,
            **{k: (None if math.isnan(v) else v) for k, v in metrics.items()},
        }
        if getattr(self.data, "target_standardized", False):
            report.update(self.original_unit_losses())
        if self.message:
            report["message"] = self.message
        return report

    def original_unit_losses(self) -> dict[str, float | None]:
        """With a standardised regression target (``data.standardize_target``): the loss of
        the outputs mapped back to the target's units against the original targets, as
        ``train_loss_original_units`` and ``val_loss_original_units`` (``train_loss`` and
        ``val_loss`` stay the loss of the standardised problem the network trains on)."""
        out = {}
        for part, x in (("train", self.x_train), ("val", self.x_val)):
            if len(x) == 0:
                out[f"{part}_loss_original_units"] = None
                continue
            pred = self.data.to_target_units(self.predict_output(x).astype(np.float64))
            value = self.loss.value(pred, self.data.original_targets(part))
            out[f"{part}_loss_original_units"] = None if math.isnan(value) else value
        return out

    def confusion_matrix(self, part: str = "val") -> np.ndarray:
        x, y = (self.x_val, self.data.y_val) if part == "val" else (self.x_train, self.data.y_train)
        return self.confusion_of(x, y)

    def confusion_of(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Confusion matrix (rows: true class, columns: predicted) of rows ``x`` with classes ``y``."""
        c = self.data.n_classes
        if len(x) == 0:
            return np.zeros((c, c), np.int64)
        pred = np.argmax(self.class_scores(self.predict_output(x)), axis=1)
        return np.bincount(y * c + pred, minlength=c * c).reshape(c, c)

    def input_extent(self) -> tuple[np.ndarray, np.ndarray]:
        """Low and high corners of the raw inputs, padded by 8 % (computed once)."""
        if self._extent is None:
            data = self.data
            lo = np.minimum(data.raw_x_train.min(axis=0, initial=np.inf), data.raw_x_val.min(axis=0, initial=np.inf))
            hi = np.maximum(data.raw_x_train.max(axis=0, initial=-np.inf), data.raw_x_val.max(axis=0, initial=-np.inf))
            pad = 0.08 * (hi - lo)
            self._extent = (lo - pad, hi + pad)
        return self._extent
