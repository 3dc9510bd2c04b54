"""Where the app's resources are (source tree or a frozen build) and how to load them:
icons (recoloured for the active theme), the app icon, and the style sheet."""

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from commandcenter.resources import resources_root as resources_dir
from ui import theme

# Sizes a recoloured icon is drawn at (logical px; ×2 for high-DPI screens).
_ICON_SIZES = (16, 20, 24, 32, 48)


def icon_path(name: str, *, light: bool = False) -> Path:
    base = resources_dir() / "icons"
    return (base / "light" if light else base) / f"{name}.svg"


@lru_cache(maxsize=128)
def icon(name: str, *, light: bool = False) -> QIcon:
    """An SVG line icon; `light` picks the white variant drawn for the navigation rail and
    primary buttons. In the dark theme the others are redrawn in its palette."""
    path = icon_path(name, light=light)
    if light or not theme.is_dark():
        return QIcon(str(path))
    try:
        svg = theme.recolour_svg(path.read_text(encoding="utf-8"))
    except OSError:
        return QIcon()  # a missing icon shows nothing rather than failing a window
    return _icon_from_svg(svg)


def _icon_from_svg(svg: str) -> QIcon:
    from PySide6.QtSvg import QSvgRenderer  # only the dark theme draws icons itself

    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for size in _ICON_SIZES:
        for scale in (1, 2):
            pix = QPixmap(size * scale, size * scale)
            pix.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pix)
            renderer.render(painter)
            painter.end()
            pix.setDevicePixelRatio(scale)
            result.addPixmap(pix)
    return result


def clear_icon_cache() -> None:
    """After a theme change: icons are drawn again in the new palette."""
    icon.cache_clear()


def pixmap(name: str, size: int = 16) -> QPixmap:
    return icon(name).pixmap(QSize(size, size))


def app_icon() -> QIcon:
    """Every PNG size of the app icon, so each platform picks a sharp one."""
    result = QIcon()
    for png in sorted((resources_dir() / "icons" / "app").glob("app-*.png")):
        result.addFile(str(png))
    return result


def style_sheet() -> str:
    """resources/style/app.qss with the active theme's colours filled in."""
    path = resources_dir() / "style" / "app.qss"
    try:
        template = path.read_text(encoding="utf-8")
    except OSError:  # a broken install still runs, just unstyled
        return ""
    dark = theme.is_dark()
    chevron = icon_path("chevron-down", light=dark).as_posix()
    chevron_up = icon_path("chevron-up", light=dark).as_posix()
    return (theme.fill(template).replace("@chevron_up@", chevron_up)
            .replace("@chevron@", chevron))
