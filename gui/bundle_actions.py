"""File → Export Reproducible Bundle… (Ctrl+Alt+E): the run as a folder or zip anyone can check.

The training process hands over what only it has (``bundle_state`` query: the project as
it ran, the initial and current weights, the history, the data arrays; it replays the run
first to make sure ``retrain.py`` will reach the same weights), and the window adds every
plot as PNG and SVG and a picture of the network, then :func:`core.bundle.write_bundle`
writes it all through a temporary folder: never half a bundle.  See :mod:`core.bundle`.
"""

from __future__ import annotations

import os
import tempfile

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.bundle import TOLERANCE, check_out_path, write_bundle
from core.registry import ConfigError
from gui.exports import export_plot, new_file_mode, slug

SHORTCUT = "Ctrl+Alt+E"


def bundle_action(window):
    """The File menu's action (made once per window, named ``export_bundle``)."""
    return window._action(
        "export_bundle",
        QCoreApplication.translate("MainWindow", "Export Reproducible &Bundle…"),
        lambda: export_bundle_dialog(window),
        QKeySequence(SHORTCUT),
        QCoreApplication.translate(
            "MainWindow",
            "Project, seed, initial and final weights, history, data, every plot and a NumPy-only script "
            "that retrains the network and checks it reaches the same weights (folder or .zip)",
        ),
    )


def export_bundle_dialog(window) -> None:
    path, chosen = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("BundleActions", "Export reproducible bundle"),
        window._last_dir("bundle.zip"),
        QCoreApplication.translate("BundleActions", "Zip archive (*.zip);;Folder (*)"),
    )
    if not path:
        return
    if "*.zip" in chosen and not os.path.splitext(path)[1]:
        path += ".zip"
    export_bundle(window, path)


def plot_writers(window) -> dict:
    """``plots/<name>.png|svg`` -> writer, for every plot of the window, and the network drawing."""
    writers = {}
    for name, item in window.plot_items().items():
        base = f"plots/{slug(name)}"
        n = 1
        while f"{base}.png" in writers:
            n += 1
            base = f"plots/{slug(name)}_{n}"
        for ext in ("png", "svg"):
            writers[f"{base}.{ext}"] = lambda path, it=item: export_plot(it, path)
    canvas = getattr(window, "canvas", None)
    if canvas is not None:
        image = canvas.grab().toImage()

        def network(path):
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".png", dir=os.path.dirname(path))
            os.close(fd)
            try:
                if not image.save(tmp, "PNG"):
                    raise OSError(
                        QCoreApplication.translate("BundleActions", "the picture of the network could not be written")
                    )
                os.chmod(tmp, new_file_mode())
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)

        writers["plots/network.png"] = network
    return writers


def export_bundle(window, path: str):
    """Ask the training process for the run, then write the bundle at ``path`` (a folder, or a
    zip if it ends with .zip).  Progress and the outcome go to the status bar; a failure is
    a message naming the path.  Returns the query's future (None if the path was refused)."""
    try:
        check_out_path(path)
    except ConfigError as exc:
        _failed(window, path, exc)
        return
    window.statusBar().showMessage(
        QCoreApplication.translate("BundleActions", "Preparing the bundle: replaying the run to check it…")
    )

    def write(state):
        window.statusBar().showMessage(
            QCoreApplication.translate("BundleActions", "Writing the bundle {path}…").format(path=path)
        )
        try:
            result = write_bundle(state, path, plot_writers(window))
        except (OSError, ValueError, ConfigError) as exc:
            _failed(window, path, exc)
            return
        window.last_bundle = result
        window.settings.setValue("last_dir", os.path.dirname(os.path.abspath(result.path)))
        if result.retrain:
            text = QCoreApplication.translate(
                "BundleActions",
                "Wrote the bundle {path}: {n} files; retrain.py reaches the same weights (within {tol})",
            )
        else:
            text = QCoreApplication.translate(
                "BundleActions", "Wrote the bundle {path}: {n} files, without retrain.py (see its README)"
            )
        window.statusBar().showMessage(text.format(path=result.path, n=len(result.files), tol=f"{TOLERANCE:g}"), 10000)

    window.controller.ask("bundle_state", on_done=write, on_error=lambda exc: _failed(window, path, exc))


def _failed(window, path: str, exc) -> None:
    window.statusBar().clearMessage()
    if isinstance(exc, ConfigError) and getattr(exc, "code", None):
        from gui.controller import coded_message

        reason = coded_message(exc.code, exc.args, str(exc))
    else:
        reason = getattr(exc, "strerror", None) or str(exc)
    QMessageBox.critical(
        window,
        QCoreApplication.translate("BundleActions", "Cannot export the bundle"),
        QCoreApplication.translate("BundleActions", "{path}: {reason}").format(path=path, reason=reason),
    )
