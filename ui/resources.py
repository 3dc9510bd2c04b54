"""Where the app's resources are (source tree or a frozen build) and how to load them."""

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

from commandcenter.resources import resources_root as resources_dir


def icon_path(name: str, *, light: bool = False) -> Path:
    base = resources_dir() / "icons"
    return (base / "light" if light else base) / f"{name}.svg"


@lru_cache(maxsize=64)
def icon(name: str, *, light: bool = False) -> QIcon:
    """An SVG line icon; `light` picks the white variant drawn for the dark navigation rail."""
    return QIcon(str(icon_path(name, light=light)))


def pixmap(name: str, size: int = 16) -> QPixmap:
    return icon(name).pixmap(QSize(size, size))


def app_icon() -> QIcon:
    """Every PNG size of the app icon, so each platform picks a sharp one."""
    result = QIcon()
    for png in sorted((resources_dir() / "icons" / "app").glob("app-*.png")):
        result.addFile(str(png))
    return result


# Rules the shared style sheet does not cover yet, kept with the widgets that need them:
# table headers and cell padding, and a drop-down arrow for the styled combo box (a styled
# QComboBox loses its native arrow).
_EXTRA_QSS = """
QHeaderView::section {
    background: #EEF1F4; color: #1F2933; font-weight: 600;
    padding: 4px 8px; border: none; border-bottom: 1px solid #D0D7DE;
}
QTableView::item { padding: 0 6px; }
QComboBox { padding-right: 22px; }
QComboBox::drop-down { border: none; width: 22px; subcontrol-origin: padding;
                       subcontrol-position: center right; }
QComboBox::down-arrow { image: url("@CHEVRON@"); width: 14px; height: 14px; }
QComboBox::down-arrow:disabled { image: none; }
QLabel#recoveryCode { color: #1F2933; }
"""


def style_sheet() -> str:
    path = resources_dir() / "style" / "app.qss"
    try:
        base = path.read_text(encoding="utf-8")
    except OSError:  # a broken install still runs, just unstyled
        return ""
    chevron = icon_path("chevron-down").as_posix()
    return base + _EXTRA_QSS.replace("@CHEVRON@", chevron)
