"""Where the top-level `resources/` folder is: beside the package in a source checkout, or
inside a PyInstaller bundle (the spec copies it to `<bundle>/resources`)."""

import os
import sys
from pathlib import Path

RESOURCES_DIR_NAME = "resources"


def resources_root() -> Path:
    """`CCC_RESOURCES_DIR` (for packagers testing a layout) wins; then the frozen bundle;
    then the source checkout (repo root = the parent of the commandcenter package)."""
    override = os.environ.get("CCC_RESOURCES_DIR")
    if override:
        return Path(override).expanduser().resolve()
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / RESOURCES_DIR_NAME
    return Path(__file__).resolve().parent.parent / RESOURCES_DIR_NAME


def resource_path(*parts: str) -> Path:
    """The path of a file or folder under resources/ (it may not exist; callers check)."""
    return resources_root().joinpath(*parts)
