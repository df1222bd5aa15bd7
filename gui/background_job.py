"""What a window that runs one cancellable computation in a thread shares (the gradient
check, the loss landscape): start the thread with its signals wired, cancel (while the
weights are still being asked for, or while it runs) and stop (cancel and join, safe at
any time, e.g. when the window closes).

The window keeps ``state`` ("idle", "asking", "running", "done", "cancelled", "failed"),
``thread`` and ``_ask_id``, and has ``_on_progress``, ``_on_done``, ``_failed_text``,
``_on_cancelled`` and ``_set_running``; the thread has the signals ``progressed``,
``done``, ``failed`` and ``cancelled`` and a ``stop_event``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class BackgroundJob:
    """A mixin of a window running one cancellable thread at a time."""

    def _start_job(self, thread, ask_id: int) -> None:
        thread.progressed.connect(self._on_progress)
        thread.done.connect(self._on_done)
        thread.failed.connect(lambda text: self._failed_text(ask_id, text))
        thread.cancelled.connect(self._on_cancelled)
        self.thread = thread
        thread.start()

    def cancel(self) -> None:
        if self.state == "asking":
            self._ask_id += 1
            self._on_cancelled()
        elif self.state == "running" and self.thread is not None:
            self.thread.stop_event.set()

    def stop(self) -> None:
        """Cancel and join the thread (safe to call at any time)."""
        thread, self.thread = self.thread, None
        if thread is not None:
            thread.stop_event.set()
            thread.wait()
            thread.deleteLater()
        if self.state in ("asking", "running"):
            self.state = "cancelled"
            self._set_running(False)

    # the thread is joined when this window closes, and when the main window (``window_``) does
    def closeEvent(self, event):
        self.stop()
        super().closeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_ and event.type() == QEvent.Type.Close:
            self.stop()
        return False
