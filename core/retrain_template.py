#!/usr/bin/env python3
"""Retrain this bundle's network with NumPy alone and check that it reaches the same weights.

Written by Backprop Lab's "reproducible bundle" (this file is ``core/retrain_template.py``
of the app, copied unchanged as ``retrain.py``).  It imports nothing but NumPy and
Python's standard library.  It reads, from its own folder:

``manifest.json``
    the run resolved to plain numbers: layers, loss, optimizer, schedule, batch size,
    seed, dtype and the number of optimizer steps;
``data.npz``
    the exact training (and validation) arrays the run used, already standardised
    and in the run's dtype;
``initial_weights.npz`` / ``final_weights.npz``
    the weights the run started from and the weights it ended with (Backprop Lab's
    weights-file format: ``layers.{i}.weight`` is ``out x in`` as in ``torch.nn.Linear``).

It starts from the initial weights, replays every optimizer step as the app's trainer does
(the same batches, drawn from the same random streams spawned from the seed, the same
dropout masks, the same float operations in the same order), then prints the largest
absolute difference from the final weights and exits with status 0 if it is at most the
tolerance (1e-12), 1 if not, 2 if the bundle cannot be read.

Usage: ``python retrain.py [--save OUT.npz] [--quiet]``.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLE_FORMAT = "backprop-lab-bundle/1"
_SQRT_HALF = math.sqrt(0.5)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_GELU_K = math.sqrt(2.0 / math.pi)


# ---------------------------------------------------------------- the logistic function and erf
# The app takes these from SciPy (``scipy.special.expit`` and ``erf``), which computes
# 1 / (1 + exp(-z)) with the C library's exp (expf for float32).  NumPy's own exp can differ
# from the C library's in the last bit, so this script calls the C library's exp, one
# element at a time, to get the same numbers bit for bit.


def _exp64(v):
    try:
        return math.exp(v)  # the C library's exp
    except OverflowError:
        return math.inf


_EXP64 = np.frompyfunc(_exp64, 1, 1)


def _find_expf():
    try:
        name = ctypes.util.find_library("m")
        lib = ctypes.CDLL(name) if name else ctypes.CDLL(None)
        fn = lib.expf
    except (OSError, AttributeError):
        return None
    fn.restype, fn.argtypes = ctypes.c_float, [ctypes.c_float]
    return np.frompyfunc(fn, 1, 1)


_EXPF = _find_expf()


def c_exp(x):
    """exp of every element as the C library computes it, in the dtype of ``x``."""
    if x.dtype == np.float32:
        if _EXPF is None:  # no C library reachable: NumPy's (may differ in the last bit)
            return np.exp(x)
        return _EXPF(x).astype(np.float32)
    return _EXP64(x).astype(x.dtype)


def expit(z):
    """1 / (1 + exp(-z)), as ``scipy.special.expit``."""
    with np.errstate(over="ignore"):
        return 1 / (1 + c_exp(-z))


_ERF = np.frompyfunc(math.erf, 1, 1)


def erf(z):
    """The error function of every element (the C library's, in float64; rounded to float32
    for float32, which equals SciPy's float32 erf)."""
    return _ERF(z.astype(np.float64)).astype(z.dtype)


# ---------------------------------------------------------------- activations (core/activations.py)


def act_forward(spec, z, slopes=None):
    name = spec["name"]
    if name == "linear":
        return z
    if name == "step":
        return (z > 0).astype(z.dtype)
    if name == "sigmoid":
        return expit(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, z, z * spec["negative_slope"])
    if name == "prelu":
        return np.where(z > 0, z, z * slopes)
    if name == "elu":
        return np.where(z > 0, z, spec["alpha"] * np.expm1(np.minimum(z, 0.0)))
    if name == "gelu":
        if spec["approximate"] == "tanh":
            return 0.5 * z * (1.0 + np.tanh(_GELU_K * (z + 0.044715 * z**3)))
        return 0.5 * z * (1.0 + erf(z * _SQRT_HALF))
    if name in ("silu", "swish"):
        return z * expit(z)
    if name == "softplus":
        bz = spec["beta"] * z
        soft = np.logaddexp(0.0, bz) / spec["beta"]
        return np.where(bz > spec["threshold"], z, soft)
    if name == "softmax":
        shifted = z - z.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        return e / e.sum(axis=1, keepdims=True)
    raise ValueError(f"unknown activation {name!r}")


def act_backward(spec, z, a, grad_a, slopes=None, grad_slopes=None):
    name = spec["name"]
    if name == "linear":
        return grad_a
    if name == "step":
        return np.zeros_like(grad_a)
    if name == "sigmoid":
        return grad_a * (a * (1.0 - a))
    if name == "tanh":
        return grad_a * (1.0 - a * a)
    if name == "relu":
        return grad_a * (z > 0)
    if name == "leaky_relu":
        return np.where(z > 0, grad_a, grad_a * spec["negative_slope"])
    if name == "prelu":
        negative = z <= 0
        np.sum(np.where(negative, grad_a * z, 0.0), axis=0, out=grad_slopes)
        return np.where(negative, grad_a * slopes, grad_a)
    if name == "elu":
        return np.where(z > 0, grad_a, grad_a * (spec["alpha"] * np.exp(np.minimum(z, 0.0))))
    if name == "gelu":
        if spec["approximate"] == "tanh":
            inner = _GELU_K * (z + 0.044715 * z**3)
            t = np.tanh(inner)
            d_inner = _GELU_K * (1.0 + 3 * 0.044715 * z * z)
            return grad_a * (0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * d_inner)
        cdf = 0.5 * (1.0 + erf(z * _SQRT_HALF))
        pdf = _INV_SQRT_2PI * np.exp(-0.5 * z * z)
        return grad_a * (cdf + z * pdf)
    if name in ("silu", "swish"):
        s = expit(z)
        return grad_a * (s * (1.0 + z * (1.0 - s)))
    if name == "softplus":
        bz = spec["beta"] * z
        return np.where(bz > spec["threshold"], grad_a, grad_a * expit(bz))
    if name == "softmax":
        return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))
    raise ValueError(f"unknown activation {name!r}")


# ---------------------------------------------------------------- layers (core/layers.py)


class Dense:
    def __init__(self, spec, p, g):
        self.path = spec["path"]
        self.activation = spec["activation"]
        self.use_bias = spec["bias"]
        self.p, self.g = p, g
        self.need_input_grad = True

    def forward(self, x, training):
        z = x @ self.p["weight"].T
        if self.use_bias:
            z += self.p["bias"]
        a = act_forward(self.activation, z, self.p.get("activation.weight"))
        return a, (x, z, a)

    def backward(self, record, grad, grad_is_z=False):
        x, z, a = record
        if grad_is_z:
            grad_z = grad
        else:
            grad_z = act_backward(
                self.activation, z, a, grad, self.p.get("activation.weight"), self.g.get("activation.weight")
            )
        np.dot(grad_z.T, x, out=self.g["weight"])
        if self.use_bias:
            np.sum(grad_z, axis=0, out=self.g["bias"])
        if not self.need_input_grad:
            return None
        return grad_z @ self.p["weight"]


class Dropout:
    def __init__(self, spec, rng):
        self.rate = spec["rate"]
        self.rng = rng

    def forward(self, x, training):
        if not training or self.rate == 0.0:
            return x, None
        keep = self.rng.random(x.shape) >= self.rate
        mask = keep.astype(x.dtype) * (1.0 / (1.0 - self.rate))
        return x * mask, mask

    def backward(self, mask, grad):
        return grad if mask is None else grad * mask


class BatchNorm:
    def __init__(self, spec, p, g, buffers):
        self.momentum, self.eps = spec["momentum"], spec["eps"]
        self.p, self.g, self.buffers = p, g, buffers

    def forward(self, x, training):
        if training:
            n = x.shape[0]
            mean = x.mean(axis=0)
            centred = x - mean
            var = np.mean(centred * centred, axis=0)
            m = self.momentum
            rm, rv = self.buffers["running_mean"], self.buffers["running_var"]
            rm *= 1.0 - m
            rm += m * mean
            rv *= 1.0 - m
            rv += m * var * (n / (n - 1))
        else:
            centred = x - self.buffers["running_mean"]
            var = self.buffers["running_var"]
        inv_std = 1.0 / np.sqrt(var + self.eps)
        xhat = centred * inv_std
        a = xhat * self.p["weight"] + self.p["bias"]
        return a, (xhat, inv_std, training)

    def backward(self, record, grad):
        xhat, inv_std, training = record
        np.sum(grad * xhat, axis=0, out=self.g["weight"])
        np.sum(grad, axis=0, out=self.g["bias"])
        dxhat = grad * self.p["weight"]
        if not training:
            return dxhat * inv_std
        n = grad.shape[0]
        return (inv_std / n) * (n * dxhat - dxhat.sum(axis=0) - xhat * np.sum(dxhat * xhat, axis=0))


class Residual:
    def __init__(self, layers):
        self.layers = layers

    def forward(self, x, training):
        out = x
        children = []
        for layer in self.layers:
            out, record = layer.forward(out, training)
            children.append(record)
        return x + out, children

    def backward(self, children, grad):
        inner = grad
        for layer, child in zip(reversed(self.layers), reversed(children)):
            inner = layer.backward(child, inner)
        return grad + inner


# ---------------------------------------------------------------- the network (core/network.py)


class Network:
    """The layers, every parameter a view into one flat buffer (and its gradient into another),
    in the order of the manifest's ``params`` (the app's order)."""

    def __init__(self, layer_specs, param_layout, arrays, dtype, dropout_rng):
        total = sum(int(np.prod(shape)) for _, shape in param_layout)
        self.flat = np.empty(total, dtype)
        self.flat_grad = np.zeros(total, dtype)
        self.views, self.grads, self.buffers = {}, {}, {}
        offset = 0
        for name, shape in param_layout:
            n = int(np.prod(shape))
            view = self.flat[offset : offset + n].reshape(shape)
            view[...] = arrays[name]
            self.views[name] = view
            self.grads[name] = self.flat_grad[offset : offset + n].reshape(shape)
            offset += n
        self.dropout_rng = dropout_rng
        self.layers = [self._build(spec, arrays, dtype) for spec in layer_specs]
        first = self.layers[0]
        if isinstance(first, Dense):
            first.need_input_grad = False

    def _build(self, spec, arrays, dtype):
        kind, path = spec["type"], spec["path"]
        if kind == "dense":
            names = [n for n in self.views if n.rsplit(".", 1)[0] == path or n == f"{path}.activation.weight"]
            local = {n[len(path) + 1 :]: n for n in names}
            p = {k: self.views[n] for k, n in local.items()}
            return Dense(spec, p, {k: self.grads[n] for k, n in local.items()})
        if kind == "dropout":
            return Dropout(spec, self.dropout_rng)
        if kind == "batchnorm":
            buffers = {}
            for b in ("running_mean", "running_var"):
                buffers[b] = np.array(arrays[f"{path}.{b}"], dtype=dtype)
                self.buffers[f"{path}.{b}"] = buffers[b]
            p = {k: self.views[f"{path}.{k}"] for k in ("weight", "bias")}
            g = {k: self.grads[f"{path}.{k}"] for k in ("weight", "bias")}
            return BatchNorm(spec, p, g, buffers)
        if kind == "residual":
            return Residual([self._build(s, arrays, dtype) for s in spec["layers"]])
        raise ValueError(f"unknown layer type {kind!r}")

    def forward(self, x, training):
        records = []
        for layer in self.layers:
            x, record = layer.forward(x, training)
            records.append(record)
        return x, records

    def backward(self, records, grad, fused):
        i = len(self.layers) - 1
        last = self.layers[i]
        grad = last.backward(records[i], grad, grad_is_z=True) if fused else last.backward(records[i], grad)
        while i:
            i -= 1
            grad = self.layers[i].backward(records[i], grad)

    def arrays(self):
        """Every parameter and buffer by weights-file key (copies)."""
        out = {k: v.copy() for k, v in self.views.items()}
        out.update({k: v.copy() for k, v in self.buffers.items()})
        return out

    def load(self, arrays):
        for k, v in arrays.items():
            (self.views[k] if k in self.views else self.buffers[k])[...] = v


# ---------------------------------------------------------------- losses (core/losses.py)


class Loss:
    def __init__(self, spec):
        self.name = spec["name"]
        self.reduction = spec.get("reduction", "mean")
        self.half = spec.get("half", False)
        self.delta = spec.get("delta", 1.0)

    def _reduce(self, values):
        return float(np.mean(values) if self.reduction == "mean" else np.sum(values))

    def _scale(self, n):
        return 1.0 / n if self.reduction == "mean" else 1.0

    def value_and_grad(self, out, target, need_grad=True):
        name = self.name
        if name == "mse":
            diff = out - target
            if self.reduction == "mean" and not self.half:
                loss = float(np.mean(diff * diff))
                return loss, (diff * (2.0 / diff.size) if need_grad else None)
            loss = self._reduce(diff * diff)
            factor = (1.0 if self.half else 2.0) * self._scale(diff.size)
            if self.half:
                loss = 0.5 * loss
            return loss, (diff * factor if need_grad else None)
        if name == "mae":
            diff = out - target
            loss = self._reduce(np.abs(diff))
            return loss, (np.sign(diff) * self._scale(diff.size) if need_grad else None)
        if name == "huber":
            diff = out - target
            ad = np.abs(diff)
            d = self.delta
            loss = self._reduce(np.where(ad < d, 0.5 * diff * diff, d * (ad - 0.5 * d)))
            return loss, (np.clip(diff, -d, d) * self._scale(diff.size) if need_grad else None)
        if name == "bce":
            z = out
            loss = self._reduce(np.maximum(z, 0.0) - z * target + np.log1p(np.exp(-np.abs(z))))
            return loss, ((expit(z) - target) * self._scale(z.size) if need_grad else None)
        if name == "cross_entropy":
            z = out
            n = z.shape[0]
            shifted = z - z.max(axis=1, keepdims=True)
            e = np.exp(shifted)
            total = e.sum(axis=1, keepdims=True)
            rows = np.arange(n)
            loss = self._reduce(np.log(total[:, 0]) - shifted[rows, target])
            if not need_grad:
                return loss, None
            grad = e / total
            grad[rows, target] -= 1.0
            if self.reduction == "mean":
                grad *= 1.0 / n
            return loss, grad
        raise ValueError(f"unknown loss {name!r}")


# ---------------------------------------------------------------- optimizers (core/optimizers.py)


def _lerp(start, end, weight, work):
    np.subtract(end, start, out=work)
    if weight < 0.5:
        work *= weight
        start += work
    else:
        work *= 1.0 - weight
        np.subtract(end, work, out=start)


class Optimizer:
    def __init__(self, spec, flat, flat_grad):
        self.group = {k: (tuple(v) if isinstance(v, list) else v) for k, v in spec.items() if k != "name"}
        self.name = spec["name"]
        self.flat, self.flat_grad = flat, flat_grad
        self.state = {}
        self.step_count = 0
        self.work = (np.empty_like(flat), np.empty_like(flat))

    def _buffer(self, key, fill=0.0):
        buf = self.state.get(key)
        if buf is None:
            buf = self.state[key] = np.full_like(self.flat, fill)
        return buf

    def _grad_with_decay(self, out):
        wd = self.group["weight_decay"]
        if wd == 0:
            return self.flat_grad
        np.multiply(self.flat, wd, out=out)
        out += self.flat_grad
        return out

    def step(self):
        getattr(self, "_" + self.name)()

    def _sgd(self):
        g = self.group
        work, decayed = self.work
        grad = self._grad_with_decay(decayed)
        momentum = g["momentum"]
        if momentum != 0:
            buf = self.state.get("momentum_buffer")
            if buf is None:
                buf = self.state["momentum_buffer"] = grad.copy()
            else:
                buf *= momentum
                np.multiply(grad, 1.0 - g["dampening"], out=work)
                buf += work
            if g["nesterov"]:
                np.multiply(buf, momentum, out=work)
                work += grad
                grad = work
            else:
                grad = buf
        np.multiply(grad, g["lr"], out=work)
        self.flat -= work
        self.step_count += 1

    def _adagrad(self):
        g = self.group
        self.step_count += 1
        work, decayed = self.work
        grad = self._grad_with_decay(decayed)
        clr = g["lr"] / (1 + (self.step_count - 1) * g["lr_decay"])
        acc = self._buffer("sum", g["initial_accumulator_value"])
        np.multiply(grad, grad, out=work)
        acc += work
        std = np.sqrt(acc, out=work)
        std += g["eps"]
        np.divide(grad, std, out=work)
        work *= -clr
        self.flat += work

    def _rmsprop(self):
        g = self.group
        self.step_count += 1
        work, decayed = self.work
        grad = self._grad_with_decay(decayed)
        alpha = g["alpha"]
        square_avg = self._buffer("square_avg")
        square_avg *= alpha
        np.multiply(grad, 1.0 - alpha, out=work)
        work *= grad
        square_avg += work
        if g["centered"]:
            grad_avg = self._buffer("grad_avg")
            _lerp(grad_avg, grad, 1.0 - alpha, work)
            np.multiply(grad_avg, grad_avg, out=work)
            np.subtract(square_avg, work, out=work)
            avg = np.sqrt(work, out=work)
        else:
            avg = np.sqrt(square_avg, out=work)
        avg += g["eps"]
        np.divide(grad, avg, out=work)
        if g["momentum"] > 0:
            buf = self._buffer("momentum_buffer")
            buf *= g["momentum"]
            buf += work
            np.multiply(buf, -g["lr"], out=work)
        else:
            work *= -g["lr"]
        self.flat += work

    def _adam(self, decoupled=False):
        g = self.group
        self.step_count += 1
        beta1, beta2 = g["betas"]
        lr, wd = g["lr"], g["weight_decay"]
        work, decayed = self.work
        if decoupled:
            if wd != 0:
                self.flat *= 1.0 - lr * wd
            grad = self.flat_grad
        else:
            grad = self._grad_with_decay(decayed)
        exp_avg = self._buffer("exp_avg")
        exp_avg_sq = self._buffer("exp_avg_sq")
        _lerp(exp_avg, grad, 1.0 - beta1, work)
        exp_avg_sq *= beta2
        np.multiply(grad, 1.0 - beta2, out=work)
        work *= grad
        exp_avg_sq += work
        step = self.step_count
        bias_correction1 = 1.0 - beta1**step
        bias_correction2 = 1.0 - beta2**step
        step_size = lr / bias_correction1
        bias_correction2_sqrt = math.sqrt(bias_correction2)
        if g["amsgrad"]:
            max_sq = self._buffer("max_exp_avg_sq")
            np.maximum(max_sq, exp_avg_sq, out=max_sq)
            denom = np.sqrt(max_sq, out=work)
        else:
            denom = np.sqrt(exp_avg_sq, out=work)
        denom /= bias_correction2_sqrt
        denom += g["eps"]
        np.divide(exp_avg, denom, out=work)
        work *= -step_size
        self.flat += work

    def _adamw(self):
        self._adam(decoupled=True)


# ---------------------------------------------------------------- schedules (core/schedules.py)


def _scaled(base_lr, gamma, power):
    try:
        value = base_lr * gamma**power
    except OverflowError:
        value = math.inf
    return value if math.isfinite(value) else sys.float_info.max


def scheduled_lr(spec, base_lr, epoch, epochs):
    name = spec["name"]
    if name == "constant":
        return base_lr
    if name == "step":
        return _scaled(base_lr, spec["gamma"], epoch // spec["step_size"])
    if name == "exponential":
        return _scaled(base_lr, spec["gamma"], epoch)
    if name == "cosine":
        t_max = spec["T_max"] or epochs or 1
        return spec["eta_min"] + (base_lr - spec["eta_min"]) * (1 + math.cos(math.pi * epoch / t_max)) / 2
    raise ValueError(f"unknown schedule {name!r}")


# ---------------------------------------------------------------- the training loop (core/trainer.py)


def sum_of_squares(v, chunk=10_000):
    """``v . v`` in BLAS calls of at most 10 000 elements (core/stats.py)."""
    if v.size <= chunk:
        return np.dot(v, v)
    total = np.dot(v[:chunk], v[:chunk])
    for i in range(chunk, v.size, chunk):
        part = v[i : i + chunk]
        total += np.dot(part, part)
    return total


def epoch_batches(n, batch_size, shuffle, rng):
    order = rng.permutation(n) if shuffle else np.arange(n)
    size = n if batch_size is None else batch_size
    return [order[i : i + size] for i in range(0, n, size)]


def retrain(manifest, data, initial):
    """Replay the run; return the network's arrays at its end."""
    dtype = np.dtype(manifest["dtype"])
    training = manifest["training"]
    _, _, shuffle_ss, dropout_ss = np.random.SeedSequence(manifest["seed"]).spawn(4)
    shuffle_rng = np.random.default_rng(shuffle_ss)
    dropout_rng = np.random.default_rng(dropout_ss)
    net = Network(manifest["layers"], manifest["params"], initial, dtype, dropout_rng)
    loss = Loss(manifest["loss"])
    fused = manifest["loss"]["fused"]
    optimizer = Optimizer(manifest["optimizer"], net.flat, net.flat_grad)
    base_lr = manifest["optimizer"]["lr"]
    x_train, t_train = data["x_train"], data["t_train"]
    x_val, t_val = data["x_val"], data["t_val"]
    batch_size, shuffle, grad_clip = training["batch_size"], training["shuffle"], training["grad_clip"]
    early = training["early_stopping"]
    epoch, step_count, batches, pos = 0, 0, None, 0
    best, wait = None, 0
    with np.errstate(over="ignore", invalid="ignore"):
        while step_count < manifest["steps"]:
            if batches is None or pos >= len(batches):
                batches = epoch_batches(len(x_train), batch_size, shuffle, shuffle_rng)
                pos = 0
                optimizer.group["lr"] = scheduled_lr(manifest["schedule"], base_lr, epoch, training["epochs"])
            idx = batches[pos]
            out, records = net.forward(x_train[idx], True)
            _, grad = loss.value_and_grad(records[-1][1] if fused else out, t_train[idx])
            net.backward(records, grad, fused)
            grad_norm = math.sqrt(float(sum_of_squares(net.flat_grad)))
            if grad_clip is not None:
                coef = grad_clip / (grad_norm + 1e-6)
                if coef < 1.0:
                    net.flat_grad *= coef
            optimizer.step()
            step_count += 1
            pos += 1
            if pos == len(batches):
                epoch += 1
                if early is not None:
                    val_loss = evaluate(net, loss, fused, x_val, t_val, manifest["rows_per_pass"])
                    if best is None or val_loss < best[0] - early["min_delta"]:
                        best, wait = (val_loss, epoch, net.arrays()), 0
                    else:
                        wait += 1
                        if wait >= early["patience"]:
                            if early["restore_best"]:
                                net.load(best[2])
                            break
    return net.arrays(), step_count


def evaluate(net, loss, fused, x, t, rows_per_pass):
    """The loss over a whole set in evaluation mode, in passes of at most ``rows_per_pass``
    rows (core/evaluation.py)."""
    if len(x) == 0:
        return math.nan
    step = max(1, min(len(x), rows_per_pass))
    inputs = []
    for start in range(0, len(x), step):
        out, records = net.forward(x[start : start + step], False)
        inputs.append(records[-1][1] if fused else out)
    return loss.value_and_grad(inputs[0] if len(inputs) == 1 else np.concatenate(inputs), t, False)[0]


# ---------------------------------------------------------------- main


def load_npz(name):
    with np.load(os.path.join(HERE, name), allow_pickle=False) as f:
        return {k: f[k] for k in f.files}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Retrain this bundle's network and compare with its final weights.")
    parser.add_argument("--save", metavar="OUT.npz", help="also write the retrained weights")
    parser.add_argument("--quiet", action="store_true", help="print only the verdict")
    args = parser.parse_args(argv)
    try:
        with open(os.path.join(HERE, "manifest.json"), encoding="utf-8") as fh:
            manifest = json.load(fh)
        if manifest.get("format") != BUNDLE_FORMAT:
            raise ValueError(f"manifest.json: format {manifest.get('format')!r}, expected {BUNDLE_FORMAT!r}")
        data = load_npz("data.npz")
        initial = {k: v for k, v in load_npz("initial_weights.npz").items() if not k.startswith("input.")}
        final = {k: v for k, v in load_npz("final_weights.npz").items() if not k.startswith("input.")}
    except (OSError, ValueError, KeyError) as exc:
        print(f"retrain.py: cannot read the bundle: {exc}", file=sys.stderr)
        return 2
    tolerance = float(manifest.get("tolerance", 1e-12))
    if not args.quiet:
        print(
            f"retraining {manifest['steps']} steps ({manifest['dtype']}, seed {manifest['seed']}, "
            f"NumPy {np.__version__}) ..."
        )
    arrays, steps = retrain(manifest, data, initial)
    if args.save:
        np.savez(args.save, **arrays)
    worst, where = 0.0, None
    for key, want in final.items():
        got = arrays.get(key)
        if got is None or got.shape != want.shape:
            print(f"{key}: missing or of another shape in the retrained network")
            return 1
        diff = float(np.max(np.abs(got.astype(np.float64) - want.astype(np.float64)), initial=0.0))
        if not diff <= worst:  # (NaN counts as the worst)
            worst, where = (diff if math.isfinite(diff) else math.inf), key
    ok = worst <= tolerance and steps == manifest["steps"]
    print(
        f"max abs difference {worst:.3e}{f' (in {where})' if worst > 0 else ''} after {steps} steps; "
        f"tolerance {tolerance:g}: "
        f"{'OK' if ok else 'FAILED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
