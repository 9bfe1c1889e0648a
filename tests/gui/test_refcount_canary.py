"""Canary for the PySide6 6.12.0 / Python 3.11 reference leak (DESIGN.md §5).

That release drops a reference to ``None`` on every Qt call returning None and
to ``True`` on every ``Signal.emit()``; after a few thousand calls the
interpreter aborts with ``none_dealloc``. A healthy build keeps both counts
steady, so a drop of thousands means the broken binding is installed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

CALLS = 20_000
# Ordinary interpreter activity moves these counts by a handful; the bug moves them by CALLS.
TOLERANCE = 500


class _Emitter(QObject):
    ping = Signal(int)


def test_none_and_true_keep_their_references(qapp):
    emitter = _Emitter()
    received: list[int] = []
    emitter.ping.connect(received.append)
    none_before = sys.getrefcount(None)
    true_before = sys.getrefcount(True)
    for i in range(CALLS):
        emitter.setObjectName("canary")  # a Qt call that returns None
        emitter.blockSignals(False)  # returns a bool
        emitter.ping.emit(i)
    none_after = sys.getrefcount(None)
    true_after = sys.getrefcount(True)
    assert len(received) == CALLS
    assert none_after >= none_before - TOLERANCE, (
        f"None lost {none_before - none_after} references over {CALLS} Qt calls: "
        "this PySide6 build has the 6.12.0 reference bug; install PySide6 6.11.x on Python 3.11"
    )
    assert true_after >= true_before - TOLERANCE, (
        f"True lost {true_before - true_after} references over {CALLS} Signal.emit() calls: "
        "this PySide6 build has the 6.12.0 reference bug; install PySide6 6.11.x on Python 3.11"
    )
