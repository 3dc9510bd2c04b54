"""The floor for the startup benchmark: a bare PySide6 window (one QLabel), reporting its
first paint exactly as `python -m ui.app --measure-startup` does — one JSON line
{"first_paint_s": seconds since the process started, "modules": [top-level modules loaded]}
printed after the first paint event has been handled, then exit."""

import time

_PERF_AT_IMPORT = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402


def process_age() -> float:
    """Seconds since this process started, as ui.app works it out: from the moment the
    benchmark spawned us when it says, else from the kernel where it says."""
    # ui.app.SPAWNED_ENV, spelled out: the floor imports nothing of the app
    spawned = os.environ.get("CCC_SPAWNED_MONOTONIC_NS", "")
    if spawned.isdigit():
        return max(0.0, (time.monotonic_ns() - int(spawned)) / 1e9)
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return max(0.0, uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _PERF_AT_IMPORT


class FirstPaint(QObject):
    def __init__(self, widget, app):
        super().__init__(widget)
        self.app, self.done = app, False
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 (Qt API)
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.report)  # after the paint has been handled
        return False

    def report(self):
        modules = sorted({name.split(".", 1)[0] for name in list(sys.modules)})
        print(json.dumps({"first_paint_s": round(process_age(), 4), "modules": modules}),
              flush=True)
        self.app.quit()


def main() -> int:
    app = QApplication(sys.argv)
    label = QLabel("Crisis Command Center")
    label.resize(900, 600)
    FirstPaint(label, app)
    label.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
