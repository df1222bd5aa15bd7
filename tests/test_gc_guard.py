"""The cyclic garbage collector runs only on the GUI thread (gui/gc_guard.py): a closed
window freed by the worker's relay thread would delete its widgets off the GUI thread."""

import gc
import threading

from gui import gc_guard


def _collections_by_thread(work):
    seen = []

    def callback(phase, info):
        if phase == "stop":
            seen.append(threading.current_thread().name)

    gc.callbacks.append(callback)
    try:
        work()
    finally:
        gc.callbacks.remove(callback)
    return seen


def _make_cycles(n=20000):
    for _ in range(n):
        node = {}
        node["self"] = node


def test_no_collection_happens_in_another_thread_while_the_guard_runs(qtbot):
    guard = gc_guard.install()
    assert not gc.isenabled()

    def in_a_thread():
        t = threading.Thread(target=_make_cycles, name="relay-like")
        t.start()
        t.join()

    assert "relay-like" not in _collections_by_thread(in_a_thread)
    # the GUI thread's timer collects them
    assert gc.get_count()[0] > guard.threshold[0]
    seen = _collections_by_thread(lambda: qtbot.wait(gc_guard.INTERVAL_MS * 3))
    assert seen and set(seen) == {threading.main_thread().name}
    assert gc.get_count()[0] < guard.threshold[0]


def test_stop_gives_automatic_collection_back():
    assert gc.isenabled()  # outside a Qt test, as always
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    guard = gc_guard.GarbageCollector()
    guard.start()
    assert not gc.isenabled()
    guard.stop()
    assert gc.isenabled()
