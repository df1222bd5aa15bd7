"""Per-layer histograms of the weights, side by side on one x range.

Each plot shows the layer's weight matrix (batch norm: its scale); the note
under it is the L2 norm of all the layer's parameters (weights and biases),
as ``core.stats`` computes it.  Watch initialisation at work: Xavier and He
scale each layer's spread by its width, and a layer whose weights blow up or
collapse shows at a glance.
"""

from __future__ import annotations

from core.stats import LayerStats

from .gradient_histograms import LayerHistogramPanel


class WeightHistogramPanel(LayerHistogramPanel):
    title = "Weight histograms"
    x_label = "weight value"

    def _histogram(self, stats: LayerStats):
        return stats.weight_hist, f"\u2016W,b\u2016\u2082 = {stats.weight_norm:.3g}"
