"""Writing plots, weights, history and whole result folders to disk.

Plots go through pyqtgraph's own exporters (PNG, SVG, CSV).  Every file is
written to a temporary name in the target folder and renamed into place, so a
failed export never leaves half a file where a good one was.
"""

from __future__ import annotations

import json
import os
import re
import tempfile

import pyqtgraph.exporters as exporters

from core.project import atomic_write, save_project
from core.weights import save_arrays

PLOT_FORMATS = {"png": "PNG image", "svg": "SVG drawing", "csv": "CSV data"}


def export_plot(item, path: str) -> None:
    """Export a pyqtgraph PlotItem (or GraphicsScene) to ``path``; the extension picks the format."""
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    exporter = {"png": exporters.ImageExporter, "svg": exporters.SVGExporter,
                "csv": exporters.CSVExporter}.get(ext)
    if exporter is None:
        raise ValueError(f"unknown plot format {ext!r} (use .png, .svg or .csv)")
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=f".{ext}", dir=folder)
    os.close(fd)
    try:
        ex = exporter(item)
        if ext == "png":
            width = int(item.sceneBoundingRect().width()) if hasattr(item, "sceneBoundingRect") else 0
            if width < 800:
                ex.parameters()["width"] = 800
        ex.export(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower() or "plot"


def export_all(folder: str, project: dict, arrays: dict, history, report: dict, plots: dict,
               canvas_image=None) -> list[str]:
    """Everything about a run in one folder; returns the files written."""
    os.makedirs(folder, exist_ok=True)
    written = []

    def out(name):
        path = os.path.join(folder, name)
        written.append(path)
        return path

    save_project(project, out("project.json"))
    save_arrays(arrays, out("weights.npz"))
    atomic_write(out("history.csv"), history.write_csv)
    text = json.dumps(report, indent=2) + "\n"
    atomic_write(out("report.json"), lambda fh: fh.write(text))
    for name, item in plots.items():
        for ext in PLOT_FORMATS:
            export_plot(item, out(f"{slug(name)}.{ext}"))
    if canvas_image is not None:
        path = out("network.png")
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".png", dir=folder)
        os.close(fd)
        if canvas_image.save(tmp, "PNG"):
            os.replace(tmp, path)
        else:
            os.unlink(tmp)
            written.remove(path)
    return written
