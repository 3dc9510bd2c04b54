"""Crisis Command Center: the headless core (no Qt, no UI)."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("crisis-command-center")
except _metadata.PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+source"

APP_NAME = "Crisis Command Center"
APP_ID = "CrisisCommandCenter"
