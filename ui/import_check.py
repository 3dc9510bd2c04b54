"""A cheaper form of PySide6's check on every module imported after it.

PySide6 (shiboken's `feature_imported`, PYSIDE-2029) asks of each newly imported module
whether it uses PySide6, by searching the module's source for the word. It reads the source
with `inspect.getsource`, which tokenizes the file and keeps every line in `linecache` for
the life of the process: with SQLAlchemy, pydantic, numpy and matplotlib that was ~40 MB of
source text held in memory and ~10 % more import time (issue 9's memory figure).

The same question is answered here from the file's bytes, which are read and let go. The
answer only matters to `__feature__` switching (snake_case, true_property), which this app
does not use; a module without a readable source file (a frozen build) counts as not using
PySide6, as shiboken's own check decides when `getsource` fails.
"""

import sys


def _uses_pyside(module) -> bool:
    path = getattr(module, "__file__", None)
    if not path or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def install() -> bool:
    """Replace the check if this shiboken has it (a private name: left alone otherwise)."""
    import shiboken6  # noqa: F401 — loads the support package that holds the check

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside
    return True
