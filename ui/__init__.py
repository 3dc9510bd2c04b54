"""The Qt application. Depends on commandcenter; never the other way."""

from ui import import_check

import_check.install()  # before anything else is imported under PySide6's hook
