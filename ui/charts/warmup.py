"""Load matplotlib in the background once the main window is up, so the first chart a user
opens does not wait for the import. A daemon thread (it never holds vault data and never
blocks quitting); the GUI thread still imports the Qt backend itself when a chart is drawn,
and simply waits on Python's import lock if it gets there first."""

import threading

_started = False
MODULES = ("matplotlib.figure", "matplotlib.backends.backend_agg", "matplotlib.colors",
           "matplotlib.patches", "matplotlib.dates")


def warm_up() -> None:
    global _started
    if _started:
        return
    _started = True
    threading.Thread(target=_load, name="matplotlib-warm-up", daemon=True).start()


def _load() -> None:
    import importlib

    try:
        for name in MODULES:
            importlib.import_module(name)
        from matplotlib import font_manager

        font_manager.findfont("DejaVu Sans")  # reads the font cache now, not at first text
    except Exception:  # noqa: BLE001 — a warm-up that fails costs only the later import
        pass
