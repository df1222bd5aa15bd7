"""Train → Rewind…: go back to any step of the current run.

The training process keeps checkpoints of the whole training state every 100 steps
within a memory budget (``core.checkpoints``); rewinding restores the nearest one at
or before the chosen step and replays the rest, so training continues exactly as if
it had never gone further.  The plots take the history cut at that step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QSlider, QSpinBox, QVBoxLayout


class RewindDialog(QDialog):
    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle(self.tr("Rewind"))
        layout = QVBoxLayout(self)
        self.info = QLabel(wordWrap=True)
        layout.addWidget(self.info)
        row = QHBoxLayout()
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setToolTip(self.tr("The step to go back to"))
        self.spin = QSpinBox()
        self.spin.setToolTip(self.tr("The step to go back to"))
        self.slider.valueChanged.connect(self.spin.setValue)
        self.spin.valueChanged.connect(self.slider.setValue)
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        layout.addLayout(row)
        self.result_label = QLabel(wordWrap=True)
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.rewind_button = buttons.addButton(self.tr("Rewind"), QDialogButtonBox.ApplyRole)
        self.rewind_button.setToolTip(self.tr("Go back to this step; training continues from there exactly"))
        self.rewind_button.clicked.connect(self.rewind)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 160)
        self.refresh()

    def refresh(self) -> None:
        self.window_.controller.ask("checkpoints", on_done=self._show, on_error=self._failed)

    def _show(self, cps: dict) -> None:
        step = int(cps.get("step", 0))
        for w in (self.slider, self.spin):
            w.setRange(0, step)
        self.slider.setValue(step)
        mb = 1024 * 1024
        self.info.setText(
            self.tr(
                "The run is at step {step}. {n} checkpoints (every {every} steps; {memory} of {budget} MB): "
                "rewinding restores the nearest one and replays the steps after it."
            ).format(
                step=f"{step:,}",
                n=len(cps.get("steps", [])),
                every=cps.get("every", 0),
                memory=f"{cps.get('memory', 0) / mb:.1f}",
                budget=f"{cps.get('budget', 0) / mb:.0f}",
            )
        )
        self.rewind_button.setEnabled(step > 0)

    def rewind(self) -> None:
        if self.window_.playing:
            self.window_.toggle_play()  # pause first: the rewind is applied between two steps
        self.window_.controller.ask("rewind", self.spin.value(), on_done=self._rewound, on_error=self._failed)

    def _rewound(self, result: dict) -> None:
        self.result_label.setText(
            self.tr("Back at step {step} ({replayed} steps replayed from a checkpoint).").format(
                step=f"{result['step']:,}", replayed=result["replayed"]
            )
        )
        self.refresh()

    def _failed(self, exc) -> None:
        self.result_label.setText(str(exc))
