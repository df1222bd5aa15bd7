"""The Doctor dock: what looks wrong with the run, in plain words, with the evidence.

Fed every snapshot (:meth:`DoctorPanel.update_snapshot`), it hands it to a
:class:`core.doctor.Doctor` and lists the current diagnoses as translated
sentences built from their codes and arguments (the engine sends no English
text), each with a link that raises the dock whose plot shows it and the usual
remedies, linked to the glossary where it has an entry.  Cheap: the text is
rebuilt when the diagnoses change, else at most once a second (a timer shows the
last state).  ``reset`` (a new build) forgets everything.
"""

from __future__ import annotations

import html
import math
import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from core.doctor import Diagnosis, Doctor

# a rebuild of the text while nothing but numbers changed waits this long at least
REFRESH_SECONDS = 1.0

_C = "DoctorPanel"

TITLES = {
    "vanishing_gradients": QT_TRANSLATE_NOOP("DoctorPanel", "Vanishing gradients"),
    "exploding_gradients": QT_TRANSLATE_NOOP("DoctorPanel", "Exploding gradients"),
    "saturated_units": QT_TRANSLATE_NOOP("DoctorPanel", "Saturated units"),
    "dead_relu": QT_TRANSLATE_NOOP("DoctorPanel", "Dead ReLUs"),
    "lr_too_high": QT_TRANSLATE_NOOP("DoctorPanel", "Learning rate too high"),
    "lr_too_low": QT_TRANSLATE_NOOP("DoctorPanel", "Learning rate too low"),
    "symmetric_weights": QT_TRANSLATE_NOOP("DoctorPanel", "Symmetric weights"),
    "overfitting": QT_TRANSLATE_NOOP("DoctorPanel", "Overfitting"),
    "plateau": QT_TRANSLATE_NOOP("DoctorPanel", "Plateau"),
}

# (code, the "cause" or "kind" argument or None) -> sentence with {named} arguments
SENTENCES = {
    ("vanishing_gradients", None): QT_TRANSLATE_NOOP(
        "DoctorPanel",
        "The gradient reaching the first layer ({first}, norm {first_norm}) is {orders} orders of magnitude "
        "smaller than at the last layer ({last}, norm {last_norm}): the first layers barely learn.",
    ),
    ("exploding_gradients", "nonfinite"): QT_TRANSLATE_NOOP(
        "DoctorPanel", "The loss or a gradient stopped being a finite number at step {step}: training cannot go on."
    ),
    ("exploding_gradients", "growing"): QT_TRANSLATE_NOOP(
        "DoctorPanel", "The gradient norm grew from {low} to {high} within the last few snapshots."
    ),
    ("exploding_gradients", "depth"): QT_TRANSLATE_NOOP(
        "DoctorPanel",
        "The gradient at the first layer ({first}, norm {first_norm}) is {orders} orders of magnitude larger "
        "than at the last layer ({last}, norm {last_norm}).",
    ),
    ("saturated_units", None): QT_TRANSLATE_NOOP(
        "DoctorPanel",
        "In {layers}, up to {fraction} of the outputs sit at the flat ends of the activation, where its slope, "
        "and so the gradient through it, is nearly zero.",
    ),
    ("dead_relu", None): QT_TRANSLATE_NOOP(
        "DoctorPanel",
        "In {layers}, up to {fraction} of the units output zero for every example of the batch: they get no "
        "gradient and stop learning.",
    ),
    ("lr_too_high", "rising"): QT_TRANSLATE_NOOP(
        "DoctorPanel", "The loss is rising, from {best} at its best to {now}, with learning rate {lr}."
    ),
    ("lr_too_high", "oscillating"): QT_TRANSLATE_NOOP(
        "DoctorPanel",
        "The loss jumps up and down between {low} and {high} without coming down, with learning rate {lr}.",
    ),
    ("lr_too_low", None): QT_TRANSLATE_NOOP(
        "DoctorPanel",
        "Each step changes the weights by only {ratio} of their size (about 0.001 is usual), with learning "
        "rate {lr}: the loss will take very long to fall.",
    ),
    ("symmetric_weights", None): QT_TRANSLATE_NOOP(
        "DoctorPanel",
        "All units of {layers} have the same weights: they compute the same thing and get the same gradient, "
        "so they stay equal and the layer acts like a single unit.",
    ),
    ("overfitting", None): QT_TRANSLATE_NOOP(
        "DoctorPanel",
        "The validation loss rose from {best} (step {best_step}) to {now} while the training loss kept falling "
        "({train_best} → {train_now}): the network is memorising the training examples.",
    ),
    ("plateau", None): QT_TRANSLATE_NOOP(
        "DoctorPanel", "The loss has stayed near {loss} for the last {steps} steps without falling."
    ),
}

# the glossary entry that explains each diagnosis (gui/help/glossary.py)
DIAGNOSIS_GLOSSARY = {
    "vanishing_gradients": "vanishing_gradients",
    "exploding_gradients": "exploding_gradients",
    "saturated_units": "saturation",
    "dead_relu": "dead_relu",
    "lr_too_high": "learning_rate",
    "lr_too_low": "learning_rate",
    "overfitting": "overfitting",
}

# remedy code -> (sentence, glossary entry or None)
REMEDIES = {
    "use_relu": (
        QT_TRANSLATE_NOOP("DoctorPanel", "Use ReLU in the hidden layers: its slope is 1 wherever it is active."),
        "relu",
    ),
    "he_init": (
        QT_TRANSLATE_NOOP("DoctorPanel", "Initialise ReLU layers with He initialisation."),
        "he_initialisation",
    ),
    "batch_norm": (QT_TRANSLATE_NOOP("DoctorPanel", "Insert batch norm between the layers."), "batch_norm"),
    "residual": (
        QT_TRANSLATE_NOOP("DoctorPanel", "Use residual blocks, so the gradient has a short way back."),
        "residual_connection",
    ),
    "lower_lr": (QT_TRANSLATE_NOOP("DoctorPanel", "Lower the learning rate (try a tenth)."), "learning_rate"),
    "raise_lr": (QT_TRANSLATE_NOOP("DoctorPanel", "Raise the learning rate (try ten times)."), "learning_rate"),
    "grad_clip": (QT_TRANSLATE_NOOP("DoctorPanel", "Turn on gradient clipping."), "gradient_clipping"),
    "smaller_init": (
        QT_TRANSLATE_NOOP("DoctorPanel", "Start from smaller weights (Xavier/Glorot initialisation)."),
        "glorot_initialisation",
    ),
    "leaky_relu": (
        QT_TRANSLATE_NOOP("DoctorPanel", "Use leaky ReLU or ELU, which keep a slope below zero."),
        "dead_relu",
    ),
    "lr_schedule": (
        QT_TRANSLATE_NOOP("DoctorPanel", "Let a schedule lower the learning rate as training goes on."),
        None,
    ),
    "use_adam": (QT_TRANSLATE_NOOP("DoctorPanel", "Use Adam, which scales each step to the gradient's size."), "adam"),
    "random_init": (
        QT_TRANSLATE_NOOP("DoctorPanel", "Initialise the weights randomly (not zeros or a constant)."),
        "glorot_initialisation",
    ),
    "early_stopping": (QT_TRANSLATE_NOOP("DoctorPanel", "Stop early, at the best validation loss."), "early_stopping"),
    "weight_decay": (QT_TRANSLATE_NOOP("DoctorPanel", "Add weight decay."), "weight_decay"),
    "dropout": (QT_TRANSLATE_NOOP("DoctorPanel", "Add dropout between the layers."), "dropout"),
    "more_data": (QT_TRANSLATE_NOOP("DoctorPanel", "Train on more examples."), "validation_set"),
    "smaller_network": (QT_TRANSLATE_NOOP("DoctorPanel", "Use fewer or narrower hidden layers."), None),
    "check_gradients": (
        QT_TRANSLATE_NOOP("DoctorPanel", "Look at the gradient norms: do they reach the first layers?"),
        "vanishing_gradients",
    ),
    "bigger_network": (
        QT_TRANSLATE_NOOP("DoctorPanel", "Give the network more units or layers, if it cannot fit the data."),
        None,
    ),
}

_COLORS = {"error": "#c0392b", "warning": "#d35400", "info": "#1f6fb2"}


def _number(x) -> str:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    if isinstance(x, int):
        return str(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x != 0 and (abs(x) >= 1e4 or abs(x) < 1e-3):
        return f"{x:.1e}"
    return f"{x:.3g}"


def format_args(d: Diagnosis) -> dict:
    """The diagnosis's arguments as text for its sentence (escaped for HTML)."""
    out = {}
    for key, value in d.args.items():
        if key == "fraction":
            text = f"{100 * value:.0f} %"
        elif key == "orders":
            text = "∞" if math.isinf(value) else f"{value:.1f}"
        elif isinstance(value, (list, tuple)):
            text = ", ".join(str(v) for v in value)
        elif key in ("step", "best_step", "steps"):
            text = str(int(value))
        else:
            text = _number(value)
        out[key] = html.escape(text)
    return out


def sentence(d: Diagnosis) -> str:
    """The diagnosis in the current language (HTML-escaped values)."""
    kind = d.args.get("cause", d.args.get("kind"))
    source = SENTENCES.get((d.code, kind)) or SENTENCES.get((d.code, None))
    if source is None:
        return html.escape(d.code)
    text = html.escape(QCoreApplication.translate(_C, source))
    try:
        return text.format(**format_args(d))
    except (KeyError, IndexError, ValueError):
        return html.escape(d.code)


class DoctorPanel(QWidget):
    """The current diagnoses; ``show_panel(name)`` asks the window to raise a dock,
    ``glossary_requested(key)`` to open the glossary on an entry."""

    title = "Doctor"
    show_panel = Signal(str)
    glossary_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.doctor = Doctor()
        self.current: list[Diagnosis] = []
        self._codes: tuple = ()
        self._rendered_at = 0.0
        self.view = QTextBrowser()
        self.view.setObjectName("doctorText")
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._on_link)
        self.view.setMinimumHeight(60)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.render)
        self.retranslate()
        self.render()

    # ---- what the window calls
    def reset(self, info=None) -> None:
        """A new build: forget the run."""
        self._timer.stop()
        self.doctor.reset()
        self.render()

    def update_snapshot(self, snap) -> None:
        self.doctor.feed(snap)
        found = self.doctor.diagnoses()
        codes = tuple((d.code, d.severity) for d in found)
        now = time.perf_counter()
        if codes != self._codes or snap.finished or now - self._rendered_at >= REFRESH_SECONDS:
            self.render(found)
        elif not self._timer.isActive():
            self._timer.start(int(REFRESH_SECONDS * 1000))

    # ---- drawing
    def render(self, found: list[Diagnosis] | None = None) -> None:
        self._timer.stop()
        if found is None:
            found = self.doctor.diagnoses()
        self.current = found
        self._codes = tuple((d.code, d.severity) for d in found)
        self._rendered_at = time.perf_counter()
        text = self.html()
        if text != getattr(self, "_last_html", None):
            bar = self.view.verticalScrollBar()
            position = bar.value()
            self.view.setHtml(text)
            bar.setValue(position)
            self._last_html = text

    def html(self) -> str:
        if not self.current:
            if self.doctor.fed == 0:
                body = self.tr(
                    "Train the network: the doctor reads each step's statistics and says here what looks wrong."
                )
            else:
                body = self.tr("No problems found (step {step}).").format(step=self.doctor.step)
            return f"<p style='color:#2e7d32'>✓ {html.escape(body)}</p>"
        show_plot = html.escape(self.tr("show the plot"))
        explain = html.escape(self.tr("explain"))
        try_label = html.escape(self.tr("Try:"))
        parts = []
        for d in self.current:
            color = _COLORS.get(d.severity, "#333")
            title = html.escape(QCoreApplication.translate(_C, TITLES.get(d.code, d.code)))
            panel = html.escape(QCoreApplication.translate("MainWindow", d.evidence))
            links = f" <a href='panel:{html.escape(d.evidence)}'>{show_plot} ({panel})</a>"
            key = DIAGNOSIS_GLOSSARY.get(d.code)
            if key:
                links += f" · <a href='glossary:{key}'>{explain}</a>"
            remedies = []
            for code in d.remedies:
                text, entry = REMEDIES.get(code, (code, None))
                item = html.escape(QCoreApplication.translate(_C, text))
                if entry:
                    item += f" <a href='glossary:{entry}'>?</a>"
                remedies.append(item)
            try_line = ""
            if remedies:
                try_line = (
                    f"<p style='margin-top:0; margin-left:14px'><i>{try_label}</i> " + " · ".join(remedies) + "</p>"
                )
            parts.append(
                f"<p style='margin-bottom:2px'><b style='color:{color}'>● {title}</b>: {sentence(d)}{links}</p>"
                + try_line
            )
        return "".join(parts)

    def _on_link(self, url) -> None:
        target = url.toString()
        kind, _, value = target.partition(":")
        if kind == "panel":
            self.show_panel.emit(value)
        elif kind == "glossary":
            self.glossary_requested.emit(value)

    # ---- language
    def retranslate(self) -> None:
        self.title = self.tr("Doctor")
        self.view.setToolTip(
            self.tr(
                "What looks wrong with the training, from the loss and the per-layer statistics. "
                "Click a link to see the plot that shows it, or a ? to read about a remedy."
            )
        )

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._last_html = None
            self.render(self.current)
        super().changeEvent(event)
