"""Python's cyclic garbage collector runs on the GUI thread only.

Left alone, the collector runs in whichever thread happens to allocate enough
objects: the worker's relay thread (it unpickles every snapshot), a background
check, a sweep's thread.  A closed window or dialog is garbage in reference cycles
(its signals are connected to its own bound methods), so such a thread frees Qt
objects, and with PySide 6.10 that deadlocks: the collecting thread runs a
``QObject`` destructor, which holds a Qt mutex while it waits for the GIL, and the
GUI thread, holding the GIL, deletes widgets and waits for that mutex.  Seen in a
test run: the GUI thread in ``runDeletionInMainThread`` → ``~QObject`` →
``QBasicMutex::lockInternal``, a thread importing SciPy in ``gc_collect_main`` →
``~QObject`` → ``GilState::acquire``; a CI run hung for 85 minutes the same way.

:class:`GarbageCollector` turns automatic collection off and collects from a timer
on the GUI thread instead, generation by generation as the thresholds ask (the
recipe calibre and other PyQt applications use).  ``stop()`` turns automatic
collection back on.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: milliseconds between two looks at the collector's counts
INTERVAL_MS = 500


class GarbageCollector(QObject):
    """Collects garbage on the thread it lives on (the GUI thread), never elsewhere."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        """Back to automatic collection (as it was before :meth:`start`), after one full collection."""
        self.timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def check(self) -> None:
        """Collect as the automatic collector would have: the young generation when it
        has passed its threshold, and the older ones when theirs have too."""
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)


_guard: GarbageCollector | None = None


def install(parent: QObject | None = None) -> GarbageCollector:
    """Start the one collector of this process (again: the same one)."""
    global _guard
    if _guard is None:
        _guard = GarbageCollector(parent)
    _guard.start()
    return _guard
