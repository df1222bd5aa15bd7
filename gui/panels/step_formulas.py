"""The step-through view's text: a :class:`core.graph.Step` as a formula in symbols
and in numbers, and a sentence on the rule it follows.

Numbers are shown to 4 significant figures, with as many more digits on the
factors as it takes for the written product (or sum) to give the written result
at 4 significant figures: ``(−0.1200) · 0.2350 = −0.02820`` multiplies out as
written.  Minus signs are typographic (``−``); negative factors are bracketed.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

SIGNIFICANT = 4
MAX_DIGITS = 12
# at most this many terms of a sum (and parameter gradients of a step) are written out
SHOWN_TERMS = 8


def number(v: float, digits: int = SIGNIFICANT) -> str:
    """``v`` to ``digits`` significant figures, trailing zeros kept: 0.2350, −1.200e−05."""
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if v == 0.0:
        v = 0.0  # no "−0"
    text = f"{v:#.{digits}g}"
    mantissa, _, exponent = text.partition("e")
    mantissa = mantissa.rstrip(".")
    if exponent:
        mantissa += "e" + exponent
    return mantissa.replace("-", "−")


def factor(v: float, digits: int = SIGNIFICANT) -> str:
    """A number inside a formula: negative ones in brackets."""
    text = number(v, digits)
    return f"({text})" if text.startswith("−") else text


def parse(text: str) -> float:
    """The number a :func:`number` / :func:`factor` text shows."""
    text = text.strip().strip("()").replace("−", "-")
    special = {"NaN": math.nan, "∞": math.inf, "-∞": -math.inf}
    return special[text] if text in special else float(text)


def _same(a: float, b: float) -> bool:
    return number(a) == number(b)


def products_text(terms, value: float, offset=None):
    """Numbers for ``Σ first·second (+ offset) = value``: (factors line, products line or
    None, result).  Digits grow until the written numbers multiply and add up to the
    written result at 4 significant figures."""
    shown = terms[:SHOWN_TERMS]
    more = len(terms) - len(shown)
    exact = sum(t.product for t in terms) + (offset[1] if offset else 0.0)
    target = value if _same(value, exact) else exact  # float32 round-off at a rounding boundary
    for digits in range(SIGNIFICANT, MAX_DIGITS + 1):
        firsts = [number(t.first, digits) for t in shown]
        seconds = [number(t.second, digits) for t in shown]
        prods = [parse(a) * parse(b) for a, b in zip(firsts, seconds)]
        if len(terms) == 1 and not offset:
            ok = _same(prods[0], target)
        else:
            written = [parse(number(t.product, digits)) for t in shown]
            ok = all(_same(p, w) for p, w in zip(prods, written))
            if not more:
                off = parse(number(offset[1], digits)) if offset else 0.0
                ok = ok and _same(sum(written) + off, target)
        if ok:
            break
    pieces = [f"{factor(t.first, digits)} · {factor(t.second, digits)}" for t in shown]
    tail = [_more(more)] if more else []
    off_text = [factor(offset[1], digits)] if offset else []
    factors = " + ".join(pieces + off_text + tail)
    products = None
    if len(terms) > 1 or offset:
        products = " + ".join([factor(t.product, digits) for t in shown] + off_text + tail)
    return factors, products, number(target)


def _more(n: int) -> str:
    return QCoreApplication.translate("StepFormulas", "… ({n} more)").format(n=n)


def substituted(formula: str, inputs) -> str:
    """``formula`` with each input's symbol replaced by its number (longest symbols first)."""
    out = formula
    marks = {}
    for k, (symbol, value) in enumerate(sorted(inputs, key=lambda p: -len(p[0]))):
        mark = f"\x00{k}\x00"
        out = out.replace(symbol, mark)
        marks[mark] = factor(value)
    for mark, text in marks.items():
        out = out.replace(mark, text)
    return out


def equation_lines(step) -> list[str]:
    """``symbol = formula``, ``= numbers`` (``= products``), ``= result`` as lines."""
    lines = [f"{step.symbol} = {step.formula}" if step.formula else step.symbol]
    if len(step.terms) > SHOWN_TERMS:  # the symbols of the terms written out, as the numbers below
        pieces = [f"{t.first_symbol} · {t.second_symbol}" for t in step.terms[:SHOWN_TERMS]]
        pieces += [step.offset[0]] if step.offset else []
        lines[0] = f"{step.symbol} = " + " + ".join([*pieces, _more(len(step.terms) - SHOWN_TERMS)])
    if step.terms:
        factors, products, result = products_text(step.terms, step.value, step.offset)
        lines.append(f"= {factors}")
        if products is not None:
            lines.append(f"= {products}")
        lines.append(f"= {result}")
    elif step.inputs and step.formula:
        numbers = substituted(step.formula, step.inputs)
        if numbers != step.formula:
            lines.append(f"= {numbers}")
        lines.append(f"= {number(step.value)}")
    elif step.formula and not _is_number(step.formula, step.value):
        lines.append(f"= {number(step.value)}")
    else:
        lines[0] = f"{step.symbol} = {number(step.value)}"
    return lines


def _is_number(text: str, value: float) -> bool:
    """``text`` writes ``value`` itself (∂L/∂L = 1)."""
    try:
        return float(text) == value
    except ValueError:
        return False


def equation(step) -> str:
    """The step on one line."""
    return " ".join(equation_lines(step))


FUSED_NAMES = {
    "sigmoid_bce": "σ + BCE",
    "softmax_cross_entropy": "softmax + CE",
}


def explanation(step, graph=None) -> str:
    """One sentence on the rule the step follows, in the window's language."""
    rule = step.rule
    if step.args.get("omitted"):
        return QCoreApplication.translate(
            "StepFormulas",
            "This layer's weight matrix is too large to send to this window: the sum is given in symbols, "
            "its value is the engine's.",
        )
    if rule == "input":
        raw = step.args.get("raw")
        text = QCoreApplication.translate("StepFormulas", "An input value, standardised as the network sees it.")
        if raw is not None:
            text += " " + QCoreApplication.translate("StepFormulas", "Raw value: {raw}.").format(raw=number(raw))
        return text
    if rule == "weighted_sum":
        return QCoreApplication.translate("StepFormulas", "Weighted sum: each input times its weight, plus the bias.")
    if rule == "activation":
        return QCoreApplication.translate("StepFormulas", "Activation: the function applied to the weighted sum.")
    if rule == "softmax":
        return QCoreApplication.translate(
            "StepFormulas", "Softmax: every output depends on every weighted sum of the layer."
        )
    if rule == "dropout":
        return QCoreApplication.translate(
            "StepFormulas",
            "Dropout (as in training): the mask of this pass keeps a unit, scaled by 1/(1 − p), or drops it (0).",
        )
    if rule == "dropout_eval":
        return QCoreApplication.translate(
            "StepFormulas", "Dropout in evaluation mode passes every value through unchanged."
        )
    if rule == "batchnorm":
        return QCoreApplication.translate(
            "StepFormulas",
            "Batch norm in evaluation mode: normalised with the running mean and variance, then scaled and shifted.",
        )
    if rule == "residual_add":
        return QCoreApplication.translate(
            "StepFormulas", "Residual connection: the block's input is added to its output."
        )
    if rule == "loss" and step.direction == "forward":
        return QCoreApplication.translate("StepFormulas", "The loss of this example.")
    if rule == "seed":
        return QCoreApplication.translate("StepFormulas", "The walk back starts at the loss: ∂L/∂L = 1.")
    if rule == "loss":
        return QCoreApplication.translate(
            "StepFormulas", "The loss's own derivative with respect to the network's output."
        )
    if rule == "fused":
        return QCoreApplication.translate(
            "StepFormulas",
            "Fused {pair}: the loss hands ∂L/∂z = a − y straight to the weighted sum, "
            "so ∂L/∂a is never formed (exact, and free of log 0).",
        ).format(pair=FUSED_NAMES.get(step.args.get("fused"), ""))
    if rule == "chain":
        return QCoreApplication.translate("StepFormulas", "Chain rule: upstream gradient × local derivative.")
    if rule == "sum":
        readers = step.args.get("readers", [])
        if "activation" in readers and len(step.terms) > 1 and len(readers) == 1:
            return QCoreApplication.translate(
                "StepFormulas",
                "Softmax is not elementwise: each of its outputs depends on this value, so the chain rule "
                "sums over the Jacobian's row.",
            )
        return QCoreApplication.translate(
            "StepFormulas",
            "Fan-in sum: {n} units read this value, so its gradient is the sum of upstream gradient × local "
            "derivative over all of them.",
        ).format(n=len(step.terms))
    return ""
