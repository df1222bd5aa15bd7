"""Writing plots, weights, history and whole result folders to disk.

Plots go through pyqtgraph's own exporters (PNG, SVG, CSV).  Every file is
written to a temporary name in the target folder and renamed into place, so a
failed export never leaves half a file where a good one was; it gets the
permissions a newly created file gets (0666 less the umask), not the 0600 of
a temporary file.

pyqtgraph's CSV exporter writes only line curves: a plot of points or images
(the decision boundary, predicted against true values, the confusion matrix)
is written as one row per point or pixel instead (:func:`write_items_csv`).
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters as exporters
from PySide6.QtCore import QCoreApplication

from core.project import atomic_write, save_project
from core.weights import save_arrays

PLOT_FORMATS = {"png": "PNG image", "svg": "SVG drawing", "csv": "CSV data"}


def export_plot(item, path: str) -> None:
    """Export a pyqtgraph PlotItem (or GraphicsScene) to ``path``; the extension picks the format."""
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    exporter = {"png": exporters.ImageExporter, "svg": exporters.SVGExporter, "csv": exporters.CSVExporter}.get(ext)
    if exporter is None:
        raise ValueError(
            QCoreApplication.translate("exports", "unknown plot format {ext} (use .png, .svg or .csv)").format(
                ext=repr(ext)
            )
        )
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=f".{ext}", dir=folder)
    os.close(fd)
    try:
        if ext == "csv" and not _only_curves(item):
            with open(tmp, "w", newline="", encoding="utf-8") as fh:
                write_items_csv(item, fh)
        else:
            ex = exporter(item)
            if ext == "png":
                width = int(item.sceneBoundingRect().width()) if hasattr(item, "sceneBoundingRect") else 0
                if width < 800:
                    ex.parameters()["width"] = 800
            ex.export(tmp)
        os.chmod(tmp, new_file_mode())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def new_file_mode() -> int:
    """The mode a newly created file gets here: 0666 less the process umask."""
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def _plot_items(item) -> list:
    return list(getattr(item, "items", [])) if isinstance(item, pg.PlotItem) else []


def _only_curves(item) -> bool:
    """True if pyqtgraph's CSV exporter writes everything the plot shows (line curves only)."""
    items = _plot_items(item)
    if not items:
        return True
    shown = [i for i in items if i.isVisible()]
    if any(isinstance(i, (pg.ImageItem, pg.ScatterPlotItem, pg.BarGraphItem)) for i in shown):
        return False
    curves = [i for i in shown if isinstance(i, pg.PlotDataItem)]
    return any(c.getData()[0] is not None and len(c.getData()[0]) for c in curves)


def write_items_csv(item, fh) -> None:
    """Every point, curve sample, bar and image pixel of a plot, one row each:
    ``series, x, y, value`` (value: the pixel's value, or empty)."""
    writer = csv.writer(fh)
    writer.writerow(["series", "x", "y", "value"])
    for n, child in enumerate(_plot_items(item)):
        if not child.isVisible():
            continue
        name = child.name() if hasattr(child, "name") and child.name() else f"{type(child).__name__} {n}"
        if isinstance(child, pg.ImageItem):
            _write_image(writer, name, child)
        elif isinstance(child, pg.BarGraphItem):
            x, h = child.opts.get("x"), child.opts.get("height")
            if x is not None and h is not None:
                for xv, hv in zip(np.ravel(x), np.ravel(h)):
                    writer.writerow([name, repr(float(xv)), repr(float(hv)), ""])
        elif isinstance(child, (pg.PlotDataItem, pg.ScatterPlotItem)):
            x, y = child.getData()
            if x is None:
                continue
            for xv, yv in zip(np.ravel(x), np.ravel(y)):
                writer.writerow([name, repr(float(xv)), repr(float(yv)), ""])


def _write_image(writer, name: str, image: pg.ImageItem) -> None:
    """One row per pixel, at the pixel's centre in plot coordinates (row-major images)."""
    data = image.image
    if data is None:
        return
    data = np.asarray(data)
    rect = image.mapRectToParent(image.boundingRect())
    ny, nx = data.shape[:2]
    if image.axisOrder == "col-major":
        data = np.swapaxes(data, 0, 1)
        ny, nx = nx, ny
    xs = rect.left() + (np.arange(nx) + 0.5) * rect.width() / nx
    ys = rect.top() + (np.arange(ny) + 0.5) * rect.height() / ny
    for j in range(ny):
        for i in range(nx):
            value = data[j, i]
            text = " ".join(repr(float(v)) for v in np.ravel(value))
            writer.writerow([name, repr(float(xs[i])), repr(float(ys[j])), text])


def export_items_of(panels) -> dict:
    """Human title -> plot item for every exportable plot of ``panels`` (each with
    ``export_items()``), for the Export Plot menu and Export All's file names;
    a repeated title gets " (2)", " (3)"."""
    items: dict = {}
    for panel in panels:
        for title, item in panel.export_items():
            name, n = title, 1
            while name in items:
                n += 1
                name = f"{title} ({n})"
            items[name] = item
    return items


def slug(text: str) -> str:
    """A file name from a title: letters (of any script) and digits, "_" between words."""
    return re.sub(r"[\W_]+", "_", text).strip("_").lower() or "plot"


def export_all(
    folder: str, project: dict, arrays: dict, history, report: dict, plots: dict, canvas_image=None
) -> list[str]:
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
            os.chmod(tmp, new_file_mode())
            os.replace(tmp, path)
        else:
            os.unlink(tmp)
            written.remove(path)
    return written
