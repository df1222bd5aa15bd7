"""Shared fixtures: Qt runs offscreen, settings go to a temporary folder, and no
test may leave a thread running (a live QThread aborts pytest)."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import pytest  # noqa: E402


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


@pytest.fixture
def window(qtbot, settings, monkeypatch):
    """The main window on the default project; closed and its thread joined afterwards."""
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    from gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_confirm_discard", lambda self: True)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.info is not None, timeout=10000)
    yield win
    win.close()
    assert not win.worker.isRunning()


@pytest.fixture(autouse=True)
def garbage_collected_on_the_gui_thread(request):
    """As in the app (gui/gc_guard.py): during a Qt test the cyclic collector runs only on
    the GUI thread, never in the worker's relay thread, where it would delete a closed
    window's widgets off the GUI thread (a CI run once hung there for 85 minutes)."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("qapp")
    from gui import gc_guard

    guard = gc_guard.install()
    yield
    guard.timer.stop()  # automatic collection stays off until the test's objects are freed


#: a test still running after this many seconds is stuck below Python (a deadlock between
#: Qt and the GIL, which pytest-timeout's signal cannot interrupt): every thread's stack is
#: printed and the run ends, instead of holding CI until its deadline
HARD_TIMEOUT = 600


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """After a Qt test has let go of its fixtures (its window among them), free them here,
    on the GUI thread, and only then let the collector run on its own again."""
    import faulthandler

    faulthandler.dump_traceback_later(HARD_TIMEOUT, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
    import gc

    if "qtbot" not in getattr(item, "fixturenames", ()):
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    from gui import gc_guard

    if gc_guard._guard is not None:
        gc_guard._guard.stop()
    else:
        gc.collect()


@pytest.fixture(autouse=True)
def no_blocking_message_boxes(monkeypatch):
    """A modal QMessageBox in a test would wait forever for a click (the suite hangs with
    no summary): fail the test with the dialog's text instead.  Tests that expect a
    dialog patch it themselves, over this."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(kind):
        def shown(parent, title, text, *args, **kwargs):
            raise AssertionError(f"unexpected modal QMessageBox.{kind}: {title}: {text}")

        return staticmethod(shown)

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, refuse(kind))
