"""Per-layer histograms of the weights, side by side on one x range.

Each plot shows all of the layer's parameters (weights and biases; batch norm:
its scales and shifts); the note under it is the L2 norm of the same values,
as ``core.stats`` computes them.  Watch
initialisation at work: Xavier and He scale each layer's spread by its width,
and a layer whose weights blow up or collapse shows at a glance.
"""

from __future__ import annotations

from core.stats import LayerStats

from . import style
from .gradient_histograms import LayerHistogramPanel


class WeightHistogramPanel(LayerHistogramPanel):
    title = "Weight histograms"
    x_label = "weight value"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = self.tr("Weight histograms")
        self.row.set_x_label(self.tr("weight value"))

    def _caption_text(self) -> str:
        return self.tr(
            "How many of each layer's parameters (weights and biases; batch norm: scales and shifts) have each "
            "value; x-axis: the value. Under each plot: the L2 norm of the same parameters. Xavier and He "
            "initialisation scale each layer's spread by its width; weights that blow up or collapse show here."
        )

    def _histogram(self, stats: LayerStats):
        return stats.weight_hist

    def _note(self, stats: LayerStats) -> str:
        return f"\u2016W,b\u2016\u2082 = {style.number(stats.weight_norm)}"
