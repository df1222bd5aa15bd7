"""The glossary: the words of a deep-learning course, each with its formula, a sentence
or two of intuition and the example project that shows it.

Every text is marked with ``QT_TRANSLATE_NOOP("Glossary", ...)`` so lupdate extracts
it, and is translated when it is shown (:meth:`GlossaryEntry.text`), so the glossary
follows a language switch. Formulas are Qt rich text (HTML with Unicode maths, no
MathJax); they avoid combining accents such as v̂, which common fonts draw badly or not
at all: bias-corrected averages are written out as m / (1 − β₁ᵗ).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Glossary"
EXAMPLES_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "resources", "examples"
)


@dataclass(frozen=True)
class GlossaryEntry:
    """One word of the course. Texts are English source strings; ``text()`` translates."""

    key: str
    title: str
    formula: str  # rich text, may hold <br>, <sub>, <sup>
    intuition: str
    where: str = ""  # what the symbols of the formula stand for
    example: str | None = None  # file name in resources/examples
    see_also: tuple[str, ...] = ()
    aliases: str = ""  # extra search words, never shown (abbreviations, other names)

    def text(self, field: str) -> str:
        """``title``, ``formula``, ``intuition`` or ``where`` in the current language."""
        source = getattr(self, field)
        return QCoreApplication.translate(CONTEXT, source) if source else ""

    def example_path(self) -> str | None:
        """The absolute path of the example project that shows this entry, if any."""
        return os.path.join(EXAMPLES_DIR, self.example) if self.example else None

    def search_text(self) -> str:
        """Everything a search may match, in the current language and in English."""
        parts = [self.key.replace("_", " "), self.aliases]
        for field in ("title", "formula", "intuition", "where"):
            parts += [getattr(self, field), self.text(field)]
        return plain_text(" ".join(parts)).casefold()


def plain_text(html: str) -> str:
    """``html`` without tags and with the few entities the glossary uses."""
    text = re.sub(r"<[^>]+>", " ", html)
    for entity, char in (("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return re.sub(r"\s+", " ", text).strip()


def entry(key: str) -> GlossaryEntry:
    """The entry called ``key``; a KeyError names the known keys."""
    for e in ENTRIES:
        if e.key == key:
            return e
    raise KeyError(f"glossary: no entry {key!r}; known: {', '.join(e.key for e in ENTRIES)}")


def search(query: str) -> list[GlossaryEntry]:
    """The entries whose text (current language or English) holds every word of ``query``."""
    words = query.casefold().split()
    return [e for e in ENTRIES if all(w in e.search_text() for w in words)]


# The entries, in the order a course meets them. Keep the voice of the example
# descriptions: what it is, what to look at, what to try.
ENTRIES: tuple[GlossaryEntry, ...] = (
    GlossaryEntry(
        key="forward_propagation",
        title=QT_TRANSLATE_NOOP("Glossary", "Forward propagation"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "a<sup>(0)</sup> = x<br>"
            "z<sup>(l)</sup> = W<sup>(l)</sup> a<sup>(l−1)</sup> + b<sup>(l)</sup><br>"
            "a<sup>(l)</sup> = f(z<sup>(l)</sup>)<br>"
            "ŷ = a<sup>(L)</sup>",
        ),
        where=QT_TRANSLATE_NOOP(
            "Glossary",
            "x is the input, W<sup>(l)</sup> and b<sup>(l)</sup> the weights and biases of layer l, "
            "f its activation function and L the number of layers.",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "The input flows through the network one layer at a time: each neuron takes a weighted sum of "
            "the layer before, adds its bias and passes the result through its activation. Hover a hidden "
            "neuron to see what it computes for every point of the plane.",
        ),
        example="xor.json",
        see_also=("backpropagation", "activation_function"),
        aliases="forward pass inference",
    ),
    GlossaryEntry(
        key="backpropagation",
        title=QT_TRANSLATE_NOOP("Glossary", "Backpropagation"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "δ<sup>(L)</sup> = ∂L/∂z<sup>(L)</sup><br>"
            "δ<sup>(l)</sup> = (W<sup>(l+1)</sup>)<sup>T</sup> δ<sup>(l+1)</sup> ⊙ f′(z<sup>(l)</sup>)<br>"
            "∂L/∂W<sup>(l)</sup> = δ<sup>(l)</sup> (a<sup>(l−1)</sup>)<sup>T</sup>,&nbsp;&nbsp; "
            "∂L/∂b<sup>(l)</sup> = δ<sup>(l)</sup>",
        ),
        where=QT_TRANSLATE_NOOP(
            "Glossary",
            "δ<sup>(l)</sup> is how much the loss L changes when the weighted sums z<sup>(l)</sup> of layer l "
            "change; ⊙ multiplies element by element.",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Backpropagation finds the gradient of the loss with respect to every weight in one backward "
            "pass: start from the loss and apply the chain rule layer by layer, from the output back to the "
            "input. Each layer reuses the δ of the layer after it, so the whole pass costs about as much as "
            "the forward pass. The gradient histograms and norms show what it found for every layer.",
        ),
        example="spiral.json",
        see_also=("chain_rule", "computation_graph", "forward_propagation", "gradient_descent"),
        aliases="backprop backward pass",
    ),
    GlossaryEntry(
        key="chain_rule",
        title=QT_TRANSLATE_NOOP("Glossary", "Chain rule"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "∂L/∂x = ∂L/∂y · ∂y/∂x<br>"
            "∂L/∂a<sub>1</sub> = ∂L/∂a<sub>n</sub> · ∂a<sub>n</sub>/∂a<sub>n−1</sub> ⋯ ∂a<sub>2</sub>/∂a<sub>1</sub>",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "If y depends on x and the loss depends on y, a small nudge to x changes the loss by the product "
            "of the two rates of change. Through a deep network the gradient of an early layer is a long "
            "product of such factors, one per layer: that is why it can shrink to nothing or blow up.",
        ),
        example="vanishing_sigmoid.json",
        see_also=("backpropagation", "vanishing_gradients", "exploding_gradients"),
        aliases="derivative",
    ),
    GlossaryEntry(
        key="computation_graph",
        title=QT_TRANSLATE_NOOP("Glossary", "Computation graph"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "x → z = Wx + b → a = f(z) → L(a, y)<br>"
            "where two paths meet, gradients add:<br>"
            "u = g(x), v = h(x):&nbsp;&nbsp; ∂L/∂x = ∂L/∂u · ∂u/∂x + ∂L/∂v · ∂v/∂x",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Every computation is a graph of small operations: a multiplication, an addition, an activation. "
            "The forward pass evaluates the graph from the inputs to the loss; the backward pass walks it in "
            "reverse, and where the graph branches, the gradients coming back along the branches are added. "
            "A residual block is such a branch: its skip path carries the gradient past the block.",
        ),
        example="deep_residual.json",
        see_also=("backpropagation", "chain_rule", "residual_connection"),
        aliases="autograd graph",
    ),
    GlossaryEntry(
        key="gradient_descent",
        title=QT_TRANSLATE_NOOP("Glossary", "Gradient descent"),
        formula=QT_TRANSLATE_NOOP("Glossary", "θ ← θ − η · ∇<sub>θ</sub>L(θ)"),
        where=QT_TRANSLATE_NOOP(
            "Glossary",
            "θ stands for all the weights and biases, η is the learning rate and ∇<sub>θ</sub>L the gradient "
            "of the loss.",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "The gradient points the way in which the loss rises fastest, so a small step the other way "
            "lowers it. Repeat the step many times and the weights roll downhill into a valley of the loss. "
            "Batch, stochastic and mini-batch gradient descent differ only in how many examples they use to "
            "estimate the gradient for one step.",
        ),
        example="sine_regression.json",
        see_also=(
            "batch_gradient_descent",
            "stochastic_gradient_descent",
            "mini_batch_gradient_descent",
            "learning_rate",
        ),
        aliases="optimizer optimiser",
    ),
    GlossaryEntry(
        key="batch_gradient_descent",
        title=QT_TRANSLATE_NOOP("Glossary", "Batch gradient descent (BGD)"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary", "θ ← θ − η · (1/N) Σ<sub>i=1</sub><sup>N</sup> ∇<sub>θ</sub>ℓ(x<sub>i</sub>, y<sub>i</sub>)"
        ),
        where=QT_TRANSLATE_NOOP("Glossary", "N is the size of the whole training set and ℓ the loss on one example."),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Every step uses the whole training set: the gradient is exact and the loss goes down smoothly, "
            "but there is only one step per epoch, and each step is slow on large data. In the project file: "
            "training.batch_size = null (the whole training set as one batch).",
        ),
        see_also=("gradient_descent", "stochastic_gradient_descent", "mini_batch_gradient_descent", "epoch"),
        aliases="BGD full batch full-batch",
    ),
    GlossaryEntry(
        key="stochastic_gradient_descent",
        title=QT_TRANSLATE_NOOP("Glossary", "Stochastic gradient descent (SGD)"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "one example i, drawn at random:<br>θ ← θ − η · ∇<sub>θ</sub>ℓ(x<sub>i</sub>, y<sub>i</sub>)",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Every step uses a single example: steps are cheap and many, but noisy, so the loss curve jitters. "
            "The noise is not all bad: it can shake the weights out of a poor spot. In the project file: "
            "training.batch_size = 1. Note that the optimizer named sgd (as in PyTorch) is the plain update "
            "rule, whatever the batch size.",
        ),
        see_also=("gradient_descent", "mini_batch_gradient_descent", "momentum"),
        aliases="SGD online",
    ),
    GlossaryEntry(
        key="mini_batch_gradient_descent",
        title=QT_TRANSLATE_NOOP("Glossary", "Mini-batch gradient descent"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "θ ← θ − η · (1/B) Σ<sub>i ∈ batch</sub> ∇<sub>θ</sub>ℓ(x<sub>i</sub>, y<sub>i</sub>)",
        ),
        where=QT_TRANSLATE_NOOP(
            "Glossary",
            "B is the batch size (training.batch_size), often 16 to 256; an epoch of N examples has ⌈N / B⌉ steps.",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "The usual compromise: each step averages the gradient over a small random batch of B examples. "
            "The estimate is good enough to go downhill, each step is cheap, and an epoch has many steps. "
            "Almost every example here trains this way.",
        ),
        example="iris.json",
        see_also=("gradient_descent", "batch_gradient_descent", "stochastic_gradient_descent", "epoch"),
        aliases="minibatch batch size",
    ),
    GlossaryEntry(
        key="momentum",
        title=QT_TRANSLATE_NOOP("Glossary", "Momentum (SGD with momentum)"),
        formula=QT_TRANSLATE_NOOP("Glossary", "v ← β v + (1 − d) g<br>θ ← θ − η v"),
        where=QT_TRANSLATE_NOOP(
            "Glossary",
            "g is the gradient, β the momentum (often 0.9) and d the dampening (0 by default). With d = β, "
            "v is the exponentially weighted average of the gradients.",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Instead of stepping along today's gradient, keep a velocity that remembers the past ones. Where "
            "the gradients keep pointing the same way the steps grow (up to 1/(1 − β) times: ten times for "
            "β = 0.9); where they flip back and forth they cancel out. In the project file: optimizer sgd with "
            "momentum = β. Adding dampening = β gives the EMA form that many courses write, whose steps are "
            "1 − β times as large for the same learning rate.",
        ),
        example="circle.json",
        see_also=("exponential_moving_average", "stochastic_gradient_descent", "adam"),
        aliases="velocity heavy ball nesterov dampening",
    ),
    GlossaryEntry(
        key="exponential_moving_average",
        title=QT_TRANSLATE_NOOP("Glossary", "Exponentially weighted average (EMA)"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "v<sub>t</sub> = β v<sub>t−1</sub> + (1 − β) x<sub>t</sub><br>"
            "&nbsp;&nbsp;&nbsp;= (1 − β) (x<sub>t</sub> + β x<sub>t−1</sub> + β<sup>2</sup> x<sub>t−2</sub> + ⋯)",
        ),
        where=QT_TRANSLATE_NOOP(
            "Glossary", "β is between 0 and 1; the average covers roughly the last 1/(1 − β) values."
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "A running average that forgets slowly: each new value gets the weight 1 − β, and older values "
            "fade by a factor β per step. With β = 0.9 it averages about the last 10 gradients, with "
            "β = 0.999 the last 1000. Momentum, RMSProp, Adam and batch norm's running statistics are all "
            "built on it.",
        ),
        example="moons.json",
        see_also=("momentum", "rmsprop", "adam", "bias_correction"),
        aliases="EMA exponential moving average exponentially weighted moving average EWMA",
    ),
    GlossaryEntry(
        key="adagrad",
        title=QT_TRANSLATE_NOOP("Glossary", "AdaGrad"),
        formula=QT_TRANSLATE_NOOP("Glossary", "G ← G + g<sup>2</sup><br>θ ← θ − η · g / (√G + ε)"),
        where=QT_TRANSLATE_NOOP(
            "Glossary",
            "Everything is per weight; G adds up the squared gradients since the start and ε avoids dividing by zero.",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Each weight gets its own learning rate: weights with large past gradients take smaller steps, "
            "rarely updated weights take larger ones. Because G only grows, the steps shrink for ever, which "
            "can stop learning too early; RMSProp fixes this by forgetting old gradients.",
        ),
        see_also=("rmsprop", "adam", "learning_rate"),
        aliases="adaptive gradient",
    ),
    GlossaryEntry(
        key="rmsprop",
        title=QT_TRANSLATE_NOOP("Glossary", "RMSProp"),
        formula=QT_TRANSLATE_NOOP("Glossary", "s ← α s + (1 − α) g<sup>2</sup><br>θ ← θ − η · g / (√s + ε)"),
        where=QT_TRANSLATE_NOOP(
            "Glossary",
            "α (alpha in the project file, 0.99 by default; many courses call it β) sets how slowly the "
            "average of squared gradients s forgets.",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Like AdaGrad, but the squared gradients are averaged with an exponentially weighted average "
            "instead of summed, so the step follows the recent size of the gradient: each weight moves by "
            "about η per step, whatever the scale of its gradient.",
        ),
        see_also=("adagrad", "adam", "exponential_moving_average"),
        aliases="root mean square propagation",
    ),
    GlossaryEntry(
        key="adam",
        title=QT_TRANSLATE_NOOP("Glossary", "Adam"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "m ← β<sub>1</sub> m + (1 − β<sub>1</sub>) g<br>"
            "v ← β<sub>2</sub> v + (1 − β<sub>2</sub>) g<sup>2</sup><br>"
            "θ ← θ − η · [m / (1 − β<sub>1</sub><sup>t</sup>)] / (√[v / (1 − β<sub>2</sub><sup>t</sup>)] + ε)",
        ),
        where=QT_TRANSLATE_NOOP(
            "Glossary",
            "t is the step number; β<sub>1</sub> = 0.9, β<sub>2</sub> = 0.999 and ε = 1e-8 by default (betas "
            "and eps in the project file).",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Momentum and RMSProp together: m averages the gradients (the direction), v their squares (the "
            "scale), and each weight steps by about η in the direction m points. The divisions by 1 − β<sup>t"
            "</sup> are the bias correction. A good default: most examples here use Adam with η between "
            "0.003 and 0.05.",
        ),
        example="moons.json",
        see_also=("momentum", "rmsprop", "bias_correction", "weight_decay"),
        aliases="adaptive moment estimation adamw amsgrad",
    ),
    GlossaryEntry(
        key="bias_correction",
        title=QT_TRANSLATE_NOOP("Glossary", "Bias correction"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "m<sub>t</sub> = β m<sub>t−1</sub> + (1 − β) g<sub>t</sub>,&nbsp;&nbsp; m<sub>0</sub> = 0<br>"
            "corrected: m<sub>t</sub> / (1 − β<sup>t</sup>)",
        ),
        where=QT_TRANSLATE_NOOP("Glossary", "t is the step number, starting at 1."),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "An average that starts at zero is too small at first: after one step with β = 0.9 it holds only "
            "a tenth of the gradient. Dividing by 1 − β<sup>t</sup> undoes exactly that (if every gradient "
            "were the same, the corrected average would equal it from the first step), and the correction "
            "fades to nothing as t grows. Adam corrects both of its averages this way.",
        ),
        example="moons.json",
        see_also=("adam", "exponential_moving_average"),
    ),
    GlossaryEntry(
        key="learning_rate",
        title=QT_TRANSLATE_NOOP("Glossary", "Learning rate"),
        formula=QT_TRANSLATE_NOOP("Glossary", "θ ← θ − η · g"),
        where=QT_TRANSLATE_NOOP("Glossary", "η (lr in the project file) scales every step."),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "The size of each step downhill. Too small and training crawls; too large and the steps overshoot "
            "the valley: the loss jumps around, or grows until it becomes NaN. Change it while the network "
            "trains and watch the loss curve answer.",
        ),
        example="sine_regression.json",
        see_also=("gradient_descent", "exploding_gradients", "adam"),
        aliases="lr eta step size",
    ),
    GlossaryEntry(
        key="epoch",
        title=QT_TRANSLATE_NOOP("Glossary", "Epoch and step"),
        formula=QT_TRANSLATE_NOOP("Glossary", "steps per epoch = ⌈N / B⌉"),
        where=QT_TRANSLATE_NOOP("Glossary", "N training examples, batch size B."),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "A step is one update of the weights, from one batch. An epoch is one pass over the whole training "
            "set: with 300 training examples and a batch size of 20, an epoch is 15 steps.",
        ),
        see_also=("mini_batch_gradient_descent", "batch_gradient_descent"),
        aliases="iteration batch",
    ),
    GlossaryEntry(
        key="vanishing_gradients",
        title=QT_TRANSLATE_NOOP("Glossary", "Vanishing gradients"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "one unit per layer:&nbsp;&nbsp; ∂L/∂a<sup>(1)</sup> = ∂L/∂a<sup>(L)</sup> · "
            "Π<sub>l=2</sub><sup>L</sup> w<sup>(l)</sup> f′(z<sup>(l)</sup>)<br>"
            "sigmoid: σ′(z) ≤ 0.25, so nine layers multiply by at most 0.25<sup>9</sup> ≈ 4 × 10<sup>−6</sup>",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "On its way back the gradient is multiplied by each layer's weights and activation slope. When "
            "these factors are smaller than 1, the gradient shrinks layer after layer and the first layers "
            "receive almost nothing: they barely learn while the last ones do. Look at the per-layer gradient "
            "norms. ReLU, He initialisation, batch norm and residual connections are the cures.",
        ),
        example="vanishing_sigmoid.json",
        see_also=("chain_rule", "saturation", "sigmoid", "he_initialisation", "batch_norm", "residual_connection"),
        aliases="vanishing gradient problem",
    ),
    GlossaryEntry(
        key="exploding_gradients",
        title=QT_TRANSLATE_NOOP("Glossary", "Exploding gradients"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "∂L/∂a<sup>(1)</sup> = ∂L/∂a<sup>(L)</sup> · Π<sub>l=2</sub><sup>L</sup> w<sup>(l)</sup> "
            "f′(z<sup>(l)</sup>)<br>"
            "factors of about 8 over six layers: 8<sup>6</sup> ≈ 2.6 × 10<sup>5</sup>",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "The same product as for vanishing gradients, with factors larger than 1: the gradient grows layer "
            "after layer, one step throws the weights far away and the loss becomes inf or NaN. The usual "
            "causes are weights initialised too large and a learning rate too high; the cures are a proper "
            "initialisation, a smaller learning rate and gradient clipping.",
        ),
        example="exploding_init.json",
        see_also=("vanishing_gradients", "gradient_clipping", "he_initialisation", "learning_rate"),
        aliases="nan inf diverge divergence",
    ),
    GlossaryEntry(
        key="gradient_clipping",
        title=QT_TRANSLATE_NOOP("Glossary", "Gradient clipping"),
        formula=QT_TRANSLATE_NOOP("Glossary", "if ‖g‖ &gt; c:&nbsp;&nbsp; g ← g · c / ‖g‖"),
        where=QT_TRANSLATE_NOOP(
            "Glossary",
            "‖g‖ is the norm of all the gradients together and c is training.grad_clip in the project file.",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "A safety belt against exploding gradients: when the gradient is longer than c it is shortened to "
            "length c, keeping its direction. Small gradients are left alone.",
        ),
        example="exploding_init.json",
        see_also=("exploding_gradients",),
        aliases="grad_clip clip norm",
    ),
    GlossaryEntry(
        key="saturation",
        title=QT_TRANSLATE_NOOP("Glossary", "Saturation"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "σ′(z) = σ(z) (1 − σ(z)):&nbsp;&nbsp; σ′(0) = 0.25,&nbsp; σ′(5) ≈ 0.0066<br>"
            "tanh′(z) = 1 − tanh<sup>2</sup>(z):&nbsp;&nbsp; tanh′(5) ≈ 0.00018",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "A sigmoid or tanh unit whose weighted sum z is large, positive or negative, sits on a flat part of "
            "its curve: its output hardly changes and its slope is nearly zero, so almost no gradient passes "
            "through it. Large weights or unscaled inputs push units there. The activation statistics show the "
            "fraction of saturated units in each layer.",
        ),
        example="vanishing_sigmoid.json",
        see_also=("sigmoid", "tanh", "vanishing_gradients"),
        aliases="saturated",
    ),
    GlossaryEntry(
        key="dead_relu",
        title=QT_TRANSLATE_NOOP("Glossary", "Dead ReLU"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "ReLU′(z) = 0 for z &lt; 0<br>dead: z &lt; 0 for every input, so no gradient reaches the unit's weights",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "A ReLU unit whose weighted sum is negative for every example outputs 0 and has slope 0, so no "
            "gradient reaches its weights and it never recovers. A learning rate that is too large, or a large "
            "negative bias, can kill many units at once. Leaky ReLU keeps a small slope below zero, so its "
            "units can come back.",
        ),
        example="circle.json",
        see_also=("relu", "activation_function"),
        aliases="dying relu dead units leaky",
    ),
    GlossaryEntry(
        key="he_initialisation",
        title=QT_TRANSLATE_NOOP("Glossary", "He initialisation"),
        formula=QT_TRANSLATE_NOOP("Glossary", "W ~ N(0, 2 / n<sub>in</sub>),&nbsp;&nbsp; std = √(2 / n<sub>in</sub>)"),
        where=QT_TRANSLATE_NOOP("Glossary", "n<sub>in</sub> is the number of inputs of the layer (its fan-in)."),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "ReLU sets about half of its inputs to zero, which halves the signal's variance; weights with "
            "variance 2 / n<sub>in</sub> make up for it, so the signal keeps its size from layer to layer instead "
            "of shrinking or growing. For 16 inputs the standard deviation is √(2/16) ≈ 0.35. Use it with ReLU "
            "and its relatives (he_normal, he_uniform in the project file).",
        ),
        example="deep_relu_batchnorm.json",
        see_also=("glorot_initialisation", "relu", "vanishing_gradients", "exploding_gradients"),
        aliases="kaiming initialization weight initialisation",
    ),
    GlossaryEntry(
        key="glorot_initialisation",
        title=QT_TRANSLATE_NOOP("Glossary", "Glorot (Xavier) initialisation"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "W ~ N(0, 2 / (n<sub>in</sub> + n<sub>out</sub>))<br>"
            "or W ~ U(−a, a),&nbsp;&nbsp; a = √(6 / (n<sub>in</sub> + n<sub>out</sub>))",
        ),
        where=QT_TRANSLATE_NOOP("Glossary", "n<sub>in</sub> and n<sub>out</sub>: the layer's inputs and outputs."),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Chosen so that, for units with slope 1 around zero such as tanh, the signal keeps its variance on "
            "the way forward and the gradient keeps its variance on the way back. It suits tanh; with ReLU "
            "prefer He (xavier_normal, xavier_uniform in the project file).",
        ),
        example="xor.json",
        see_also=("he_initialisation", "tanh", "vanishing_gradients"),
        aliases="xavier initialization weight initialisation",
    ),
    GlossaryEntry(
        key="batch_norm",
        title=QT_TRANSLATE_NOOP("Glossary", "Batch normalisation"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "μ = (1/B) Σ<sub>i</sub> x<sub>i</sub>,&nbsp;&nbsp; σ<sup>2</sup> = (1/B) Σ<sub>i</sub> "
            "(x<sub>i</sub> − μ)<sup>2</sup><br>"
            "y<sub>i</sub> = γ · (x<sub>i</sub> − μ) / √(σ<sup>2</sup> + ε) + β",
        ),
        where=QT_TRANSLATE_NOOP("Glossary", "per unit, over the B examples of the batch; γ and β are learned."),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Each unit's values are centred and scaled over the mini-batch, then a learned scale γ and shift β "
            "let the network choose the range it wants. Every layer sees inputs of a steady size whatever the "
            "layers before it do, which keeps the gradients healthy and allows larger learning rates. To "
            "evaluate, running averages of μ and σ<sup>2</sup> (an EMA) replace the batch's.",
        ),
        example="deep_relu_batchnorm.json",
        see_also=("vanishing_gradients", "exponential_moving_average", "residual_connection"),
        aliases="batchnorm BN normalization",
    ),
    GlossaryEntry(
        key="residual_connection",
        title=QT_TRANSLATE_NOOP("Glossary", "Residual connection"),
        formula=QT_TRANSLATE_NOOP("Glossary", "y = x + f(x)<br>∂L/∂x = ∂L/∂y · (I + ∂f/∂x)"),
        where=QT_TRANSLATE_NOOP("Glossary", "f is the block's layers and I the identity."),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "A block adds its input to its output, so it only has to learn a correction f(x) to passing the "
            "input through. On the way back the I term carries the gradient past the block unchanged, so even "
            "very deep networks get a gradient in their first layers.",
        ),
        example="deep_residual.json",
        see_also=("computation_graph", "vanishing_gradients", "batch_norm"),
        aliases="skip connection shortcut resnet residual block",
    ),
    GlossaryEntry(
        key="weight_decay",
        title=QT_TRANSLATE_NOOP("Glossary", "Weight decay (L2)"),
        formula=QT_TRANSLATE_NOOP("Glossary", "L′ = L + (λ/2) Σ w<sup>2</sup><br>θ ← θ − η (g + λθ)"),
        where=QT_TRANSLATE_NOOP("Glossary", "λ is weight_decay in the optimizer's settings."),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Pulls every weight a little towards zero at each step, so the network prefers small weights and "
            "smooth functions unless the data insists. One of the simplest cures for overfitting. (In Adam, "
            "weight_decay adds λθ to the gradient; AdamW shrinks the weights directly instead, which usually "
            "works better.)",
        ),
        example="moons.json",
        see_also=("overfitting", "dropout", "adam"),
        aliases="L2 regularisation regularization ridge adamw",
    ),
    GlossaryEntry(
        key="dropout",
        title=QT_TRANSLATE_NOOP("Glossary", "Dropout"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "training: y = m ⊙ x / (1 − p),&nbsp;&nbsp; m<sub>i</sub> = 0 with probability p, else 1<br>"
            "evaluation: y = x",
        ),
        where=QT_TRANSLATE_NOOP("Glossary", "p is the rate: the fraction of units switched off."),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "During training every unit is switched off at random with probability p, and the others are "
            "scaled up so the average stays the same. The network cannot rely on any single unit, which makes "
            "it more robust and less prone to overfitting. At evaluation nothing is dropped.",
        ),
        example="digits.json",
        see_also=("overfitting", "weight_decay"),
        aliases="regularisation regularization",
    ),
    GlossaryEntry(
        key="early_stopping",
        title=QT_TRANSLATE_NOOP("Glossary", "Early stopping"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "stop when the validation loss has not improved by min_delta for patience epochs;<br>"
            "restore_best: go back to the weights of the best epoch",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Watch the validation loss and stop training when it no longer improves: the network was best "
            "before it started to fit the noise. In the project file: training.early_stopping (it needs a "
            "validation set).",
        ),
        see_also=("overfitting", "validation_set"),
        aliases="patience",
    ),
    GlossaryEntry(
        key="overfitting",
        title=QT_TRANSLATE_NOOP("Glossary", "Overfitting"),
        formula=QT_TRANSLATE_NOOP("Glossary", "training loss ↓ while validation loss ↑"),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "The network learns the training examples, noise included, instead of the pattern behind them: the "
            "training loss keeps falling while the validation loss starts to rise. More data, a smaller "
            "network, weight decay, dropout or early stopping help.",
        ),
        example="moons.json",
        see_also=("validation_set", "weight_decay", "dropout", "early_stopping"),
        aliases="overfit generalisation generalization underfitting",
    ),
    GlossaryEntry(
        key="validation_set",
        title=QT_TRANSLATE_NOOP("Glossary", "Training and validation sets"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary", "validation_split = 0.2: 80 % of the examples to train on, 20 % held out"
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "The network learns from the training set only; the validation set is held out to see how it does "
            "on examples it has never seen. A validation loss that rises while the training loss falls is the "
            "sign of overfitting.",
        ),
        example="moons.json",
        see_also=("overfitting", "early_stopping"),
        aliases="train test split held-out holdout accuracy",
    ),
    GlossaryEntry(
        key="perceptron",
        title=QT_TRANSLATE_NOOP("Glossary", "Perceptron"),
        formula=QT_TRANSLATE_NOOP("Glossary", "ŷ = step(w · x + b) = 1 if w · x + b &gt; 0, else 0"),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "One neuron: a weighted sum and a threshold. It draws one straight line (a plane, in more "
            "dimensions) and puts the classes on either side, so it can only separate classes that a straight "
            "line separates. The step has slope 0, so gradient descent cannot train it; replace the step by a "
            "sigmoid and you get logistic regression, which it can.",
        ),
        example="xor_feature_cross.json",
        see_also=("xor", "sigmoid", "activation_function"),
        aliases="neuron logistic regression linear classifier",
    ),
    GlossaryEntry(
        key="xor",
        title=QT_TRANSLATE_NOOP("Glossary", "XOR"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "XOR(0, 0) = 0,&nbsp; XOR(0, 1) = 1,&nbsp; XOR(1, 0) = 1,&nbsp; XOR(1, 1) = 0",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "The classic problem one neuron cannot solve: the points where exactly one input is on form one "
            "class, and no straight line separates them from the others. One hidden layer of a few units is "
            "enough, and so is adding the product x<sub>1</sub>x<sub>2</sub> as a feature.",
        ),
        example="xor.json",
        see_also=("perceptron", "activation_function"),
        aliases="exclusive or",
    ),
    GlossaryEntry(
        key="loss_function",
        title=QT_TRANSLATE_NOOP("Glossary", "Loss function"),
        formula=QT_TRANSLATE_NOOP("Glossary", "L(θ) = (1/N) Σ<sub>i</sub> ℓ(ŷ<sub>i</sub>, y<sub>i</sub>)"),
        where=QT_TRANSLATE_NOOP(
            "Glossary", "ŷ<sub>i</sub> is the network's prediction for example i and y<sub>i</sub> its target."
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "One number that says how wrong the network's predictions are; training is the search for weights "
            "that make it small. Mean squared error for regression, cross-entropy for classification.",
        ),
        example="xor.json",
        see_also=("mse", "cross_entropy", "gradient_descent"),
        aliases="cost objective",
    ),
    GlossaryEntry(
        key="mse",
        title=QT_TRANSLATE_NOOP("Glossary", "Mean squared error (MSE)"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "MSE = (1/N) Σ<sub>i</sub> (ŷ<sub>i</sub> − y<sub>i</sub>)<sup>2</sup><br>"
            "∂MSE/∂ŷ<sub>i</sub> = (2/N) (ŷ<sub>i</sub> − y<sub>i</sub>)",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "The average squared distance between prediction and target, for regression. Squaring punishes "
            "large errors far more than small ones, and the unit is the target's unit squared: an MSE of 0.01 "
            "means a typical error of about 0.1.",
        ),
        example="sine_regression.json",
        see_also=("loss_function", "cross_entropy"),
        aliases="l2 loss regression squared",
    ),
    GlossaryEntry(
        key="cross_entropy",
        title=QT_TRANSLATE_NOOP("Glossary", "Cross-entropy"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "L = −(1/N) Σ<sub>i</sub> Σ<sub>k</sub> y<sub>ik</sub> log p<sub>ik</sub><br>"
            "two classes: L = −[y log p + (1 − y) log(1 − p)]<br>"
            "with softmax: ∂ℓ/∂z<sub>k</sub> = p<sub>k</sub> − y<sub>k</sub>",
        ),
        where=QT_TRANSLATE_NOOP(
            "Glossary", "p<sub>ik</sub> is the probability the network gives to class k for example i."
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Measures how much probability the network gave to the right class: predicting it with probability "
            "p costs −log p, so a confident mistake costs a lot. Guessing between two classes at random costs "
            "log 2 ≈ 0.69, which is where a network that learns nothing stays.",
        ),
        example="spiral.json",
        see_also=("loss_function", "softmax", "sigmoid"),
        aliases="log loss bce binary cross entropy negative log likelihood nll",
    ),
    GlossaryEntry(
        key="activation_function",
        title=QT_TRANSLATE_NOOP("Glossary", "Activation function"),
        formula=QT_TRANSLATE_NOOP("Glossary", "a = f(z),&nbsp;&nbsp; z = w · x + b"),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "The non-linear function each neuron applies to its weighted sum. Without it a stack of layers "
            "collapses into one linear map, however deep; with it the network can bend its decision boundary. "
            "Its slope f′(z) also decides how much gradient flows back through the unit.",
        ),
        example="xor.json",
        see_also=("sigmoid", "tanh", "relu", "softmax"),
        aliases="nonlinearity non-linearity",
    ),
    GlossaryEntry(
        key="sigmoid",
        title=QT_TRANSLATE_NOOP("Glossary", "Sigmoid"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "σ(z) = 1 / (1 + e<sup>−z</sup>)<br>σ′(z) = σ(z) (1 − σ(z)) ≤ 0.25",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Squashes any number into (0, 1), which makes it the natural output for a yes/no probability. In "
            "hidden layers it saturates easily and its slope is at most 0.25, so deep sigmoid networks suffer "
            "from vanishing gradients.",
        ),
        example="vanishing_sigmoid.json",
        see_also=("saturation", "vanishing_gradients", "tanh", "activation_function"),
        aliases="logistic",
    ),
    GlossaryEntry(
        key="tanh",
        title=QT_TRANSLATE_NOOP("Glossary", "Tanh"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary",
            "tanh(z) = (e<sup>z</sup> − e<sup>−z</sup>) / (e<sup>z</sup> + e<sup>−z</sup>)<br>"
            "tanh′(z) = 1 − tanh<sup>2</sup>(z) ≤ 1",
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Like the sigmoid but from −1 to 1 and centred on zero, with slope 1 at the origin. A good choice "
            "for small networks; it saturates for large |z| as the sigmoid does.",
        ),
        example="spiral.json",
        see_also=("sigmoid", "saturation", "glorot_initialisation", "activation_function"),
        aliases="hyperbolic tangent",
    ),
    GlossaryEntry(
        key="relu",
        title=QT_TRANSLATE_NOOP("Glossary", "ReLU"),
        formula=QT_TRANSLATE_NOOP("Glossary", "ReLU(z) = max(0, z)<br>ReLU′(z) = 1 if z &gt; 0, else 0"),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Lets positive values through unchanged and cuts negative ones to zero. Its slope is 1 wherever it "
            "is active, so gradients pass through deep stacks without shrinking, and each unit draws one "
            "straight fold in the plane. The price: a unit that is never active is dead.",
        ),
        example="circle.json",
        see_also=("dead_relu", "he_initialisation", "activation_function"),
        aliases="rectified linear unit leaky relu",
    ),
    GlossaryEntry(
        key="softmax",
        title=QT_TRANSLATE_NOOP("Glossary", "Softmax"),
        formula=QT_TRANSLATE_NOOP(
            "Glossary", "p<sub>k</sub> = e<sup>z<sub>k</sub></sup> / Σ<sub>j</sub> e<sup>z<sub>j</sub></sup>"
        ),
        intuition=QT_TRANSLATE_NOOP(
            "Glossary",
            "Turns the scores of the last layer into probabilities, one per class, that are positive and add "
            "up to 1. Used with the cross-entropy loss when there are more than two classes.",
        ),
        example="iris.json",
        see_also=("cross_entropy", "activation_function"),
        aliases="multiclass classification probabilities",
    ),
)
