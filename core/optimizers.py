"""Optimizers with PyTorch's update rules, parameter names and state names.

Each class follows the single-tensor code path of its ``torch.optim``
namesake operation for operation (weight decay, dampening, Nesterov, AMSGrad,
centred RMSProp), applied to the network's flat parameter buffer: element-wise
rules give the same numbers on one long array as on many small ones.

Hyper-parameters live in :attr:`Optimizer.group` and are read on every
``step()``, so :meth:`Optimizer.set` can change them between any two steps
(the app's live sliders).  State is keyed by PyTorch's names
(``momentum_buffer``, ``sum``, ``square_avg``, ``grad_avg``, ``exp_avg``,
``exp_avg_sq``, ``max_exp_avg_sq``, ``step``); :meth:`Optimizer.state_dict`
hands it out per parameter name and :meth:`Optimizer.load_state_dict` takes it
back.
"""

from __future__ import annotations

import math

import numpy as np

from .registry import ConfigError, Param, Registry, parse_named_spec

OPTIMIZERS = Registry("optimizer")

_LR = Param(1e-3, low=0.0, doc="learning rate", log_scale=True)
_WD = Param(0.0, low=0.0, doc="L2 penalty added to the gradient")


def _lerp(start: np.ndarray, end: np.ndarray, weight: float, work: np.ndarray) -> None:
    """In-place ``start.lerp_(end, weight)`` with PyTorch's two-sided formula
    (``work``: scratch space of the same shape)."""
    np.subtract(end, start, out=work)
    if weight < 0.5:
        work *= weight
        start += work
    else:
        work *= 1.0 - weight
        np.subtract(end, work, out=start)


class Optimizer:
    name = "optimizer"
    params: dict[str, Param] = {}
    state_names: tuple[str, ...] = ()

    def __init__(self, flat: np.ndarray, flat_grad: np.ndarray,
                 layout: list[tuple[str, int, tuple]] | None = None, **hyper):
        """``flat``/``flat_grad``: all parameters and gradients in one buffer each;
        ``layout``: ``(name, offset, shape)`` per parameter, for ``state_dict``."""
        self.flat, self.flat_grad = flat, flat_grad
        self.layout = layout or [("params", 0, flat.shape)]
        self.group: dict = {}
        for key, param in self.params.items():
            self.group[key] = param.validate(f"optimizer.{key}", hyper.get(key, param.default))
        unknown = [k for k in hyper if k not in self.params]
        if unknown:
            raise ConfigError(
                f"optimizer.{unknown[0]}: unknown key for {self.name} (known: {', '.join(self.params)})"
            )
        self.check(self.group)
        self.state: dict[str, np.ndarray | None] = {}
        self.step_count = 0

    # ---- public API
    def set(self, key: str, value) -> None:
        """Change one hyper-parameter; takes effect on the next ``step()``."""
        if key not in self.params:
            raise ConfigError(f"optimizer.{key}: unknown key for {self.name} (known: {', '.join(self.params)})")
        group = dict(self.group)
        group[key] = self.params[key].validate(f"optimizer.{key}", value)
        self.check(group)
        self.group = group

    def check(self, group: dict) -> None:
        """Cross-parameter validation; raise ConfigError naming the key."""

    def step(self) -> None:
        raise NotImplementedError

    def get_config(self) -> dict:
        config = {"name": self.name}
        for key, value in self.group.items():
            config[key] = list(value) if isinstance(value, tuple) else value
        return config

    def state_dict(self) -> dict:
        """PyTorch-shaped: per-parameter state by name, plus the hyper-parameters."""
        per_param = {}
        for name, offset, shape in self.layout:
            size = int(np.prod(shape))
            entry = {}
            if self.uses_step:
                entry["step"] = self.step_count
            for key, buf in self.state.items():
                if buf is not None:
                    entry[key] = buf[offset:offset + size].reshape(shape).copy()
            per_param[name] = entry
        group = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.group.items()}
        group["params"] = [name for name, *_ in self.layout]
        return {"state": per_param, "param_groups": [group]}

    def load_state_dict(self, state: dict) -> None:
        group = state["param_groups"][0]
        # validate the saved hyper-parameters as a whole: one at a time, a saved
        # ``dampening`` would be checked against the current ``nesterov``
        new_group = dict(self.group)
        for key, param in self.params.items():
            if key in group:
                new_group[key] = param.validate(f"optimizer.{key}", group[key])
        self.check(new_group)
        self.group = new_group
        per_param = state["state"]
        self.state = {}
        self.step_count = 0
        for name, offset, shape in self.layout:
            entry = per_param.get(name, {})
            self.step_count = int(entry.get("step", self.step_count))
            size = int(np.prod(shape))
            for key, value in entry.items():
                if key == "step":
                    continue
                buf = self.state.get(key)
                if buf is None:
                    buf = self.state[key] = np.zeros_like(self.flat)
                buf[offset:offset + size] = np.asarray(value).reshape(-1)

    def state_arrays(self, key: str) -> dict[str, np.ndarray]:
        """One state buffer (``exp_avg``...) as per-parameter copies, for drawing."""
        buf = self.state.get(key)
        if buf is None:
            return {}
        return {
            name: buf[offset:offset + int(np.prod(shape))].reshape(shape).copy()
            for name, offset, shape in self.layout
        }

    uses_step = True

    # ---- helpers
    def _buffer(self, key: str, fill: float = 0.0) -> np.ndarray:
        buf = self.state.get(key)
        if buf is None:
            buf = self.state[key] = np.full_like(self.flat, fill)
        return buf

    def _work(self) -> tuple[np.ndarray, np.ndarray]:
        """Two scratch arrays the size of the parameters, kept between steps: the
        updates write their intermediate results here instead of allocating
        (for 17 000 parameters, fresh temporaries made Adam's step 2-3x slower)."""
        work = self.__dict__.get("_work_arrays")
        if work is None:
            work = self._work_arrays = (np.empty_like(self.flat), np.empty_like(self.flat))
        return work

    def _grad_with_decay(self, out: np.ndarray) -> np.ndarray:
        """The gradient plus ``weight_decay * params`` (in ``out``), or the gradient itself."""
        wd = self.group["weight_decay"]
        if wd == 0:
            return self.flat_grad
        np.multiply(self.flat, wd, out=out)
        out += self.flat_grad
        return out

    def __repr__(self):
        return f"{self.name}({', '.join(f'{k}={v!r}' for k, v in self.group.items())})"


@OPTIMIZERS.register("sgd")
class SGD(Optimizer):
    """``torch.optim.SGD``: with momentum the buffer starts as a copy of the first
    gradient, then ``buf = momentum * buf + (1 - dampening) * g``; Nesterov uses
    ``g + momentum * buf``."""

    params = {
        "lr": Param(0.01, low=0.0, doc="learning rate", log_scale=True),
        "momentum": Param(0.0, low=0.0),
        "dampening": Param(0.0, low=0.0, high=1.0),
        "nesterov": Param(False, kind="bool"),
        "weight_decay": _WD,
    }
    state_names = ("momentum_buffer",)
    uses_step = False

    def check(self, group):
        if group["nesterov"] and (group["momentum"] <= 0 or group["dampening"] != 0):
            raise ConfigError(
                "optimizer.nesterov: Nesterov momentum needs momentum > 0 and dampening = 0 "
                f"(momentum={group['momentum']}, dampening={group['dampening']})"
            )

    def step(self):
        g = self.group
        work, decayed = self._work()
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
            if g["nesterov"]:  # grad + momentum * buf
                np.multiply(buf, momentum, out=work)
                work += grad
                grad = work
            else:
                grad = buf
        np.multiply(grad, g["lr"], out=work)
        self.flat -= work
        self.step_count += 1


@OPTIMIZERS.register("adagrad")
class Adagrad(Optimizer):
    """``torch.optim.Adagrad``: ``sum += g^2``, ``p -= clr * g / (sqrt(sum) + eps)``
    with ``clr = lr / (1 + (step - 1) * lr_decay)``."""

    params = {
        "lr": Param(0.01, low=0.0, doc="learning rate", log_scale=True),
        "lr_decay": Param(0.0, low=0.0),
        "weight_decay": _WD,
        "initial_accumulator_value": Param(0.0, low=0.0),
        "eps": Param(1e-10, low=0.0),
    }
    state_names = ("sum", "step")

    def step(self):
        g = self.group
        self.step_count += 1
        work, decayed = self._work()
        grad = self._grad_with_decay(decayed)
        clr = g["lr"] / (1 + (self.step_count - 1) * g["lr_decay"])
        acc = self._buffer("sum", g["initial_accumulator_value"])
        np.multiply(grad, grad, out=work)
        acc += work
        std = np.sqrt(acc, out=work)
        std += g["eps"]
        np.divide(grad, std, out=work)  # -clr * (grad / std)
        work *= -clr
        self.flat += work


@OPTIMIZERS.register("rmsprop")
class RMSprop(Optimizer):
    """``torch.optim.RMSprop``: ``square_avg = alpha * square_avg + (1 - alpha) g^2``;
    centred subtracts ``grad_avg^2``; momentum accumulates ``g / avg``."""

    params = {
        "lr": Param(0.01, low=0.0, doc="learning rate", log_scale=True),
        "alpha": Param(0.99, low=0.0, high=1.0),
        "eps": Param(1e-8, low=0.0),
        "weight_decay": _WD,
        "momentum": Param(0.0, low=0.0),
        "centered": Param(False, kind="bool"),
    }
    state_names = ("square_avg", "grad_avg", "momentum_buffer", "step")

    def step(self):
        g = self.group
        self.step_count += 1
        work, decayed = self._work()
        grad = self._grad_with_decay(decayed)
        alpha = g["alpha"]
        square_avg = self._buffer("square_avg")
        square_avg *= alpha
        np.multiply(grad, 1.0 - alpha, out=work)  # (1 - alpha) * grad * grad
        work *= grad
        square_avg += work
        if g["centered"]:
            grad_avg = self._buffer("grad_avg")
            _lerp(grad_avg, grad, 1.0 - alpha, work)
            np.multiply(grad_avg, grad_avg, out=work)  # sqrt(square_avg - grad_avg^2)
            np.subtract(square_avg, work, out=work)
            avg = np.sqrt(work, out=work)
        else:
            avg = np.sqrt(square_avg, out=work)
        avg += g["eps"]
        np.divide(grad, avg, out=work)  # grad / avg
        if g["momentum"] > 0:
            buf = self._buffer("momentum_buffer")
            buf *= g["momentum"]
            buf += work
            np.multiply(buf, -g["lr"], out=work)
        else:
            work *= -g["lr"]
        self.flat += work


@OPTIMIZERS.register("adam")
class Adam(Optimizer):
    """``torch.optim.Adam``: bias-corrected moments, optional AMSGrad; weight decay
    is L2 added to the gradient."""

    params = {
        "lr": _LR,
        "betas": Param((0.9, 0.999), kind="pair"),
        "eps": Param(1e-8, low=0.0),
        "weight_decay": _WD,
        "amsgrad": Param(False, kind="bool"),
    }
    state_names = ("exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step")
    decoupled = False

    def check(self, group):
        for i, beta in enumerate(group["betas"]):
            if not 0.0 <= beta < 1.0:
                raise ConfigError(f"optimizer.betas[{i}]: must be in [0, 1), got {beta!r}")

    def step(self):
        g = self.group
        self.step_count += 1
        beta1, beta2 = g["betas"]
        lr, wd = g["lr"], g["weight_decay"]
        work, decayed = self._work()
        if self.decoupled:
            if wd != 0:
                self.flat *= 1.0 - lr * wd
            grad = self.flat_grad
        else:
            grad = self._grad_with_decay(decayed)
        exp_avg = self._buffer("exp_avg")
        exp_avg_sq = self._buffer("exp_avg_sq")
        _lerp(exp_avg, grad, 1.0 - beta1, work)
        exp_avg_sq *= beta2
        np.multiply(grad, 1.0 - beta2, out=work)  # (1 - beta2) * grad * grad
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
        np.divide(exp_avg, denom, out=work)  # -step_size * (exp_avg / denom)
        work *= -step_size
        self.flat += work


@OPTIMIZERS.register("adamw")
class AdamW(Adam):
    """``torch.optim.AdamW``: Adam with decoupled weight decay ``p *= 1 - lr * wd``."""

    params = {**Adam.params, "weight_decay": Param(1e-2, low=0.0)}
    decoupled = True


def make_optimizer(spec, flat, flat_grad, layout, key: str = "optimizer") -> Optimizer:
    cls, _ = parse_named_spec(OPTIMIZERS, key, spec if spec is not None else "adam")
    hyper = {} if isinstance(spec, str) else {k: v for k, v in spec.items() if k != "name"}
    return cls(flat, flat_grad, layout, **hyper)
