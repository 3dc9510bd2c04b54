"""Light and dark themes: one set of colour roles, two palettes (DESIGN §6).

The style sheet (resources/style/app.qss) names colour roles as `@role@`; `style_sheet()`
fills them from the palette of the active scheme. Widgets that colour text in code ask
`colour(role)` instead of writing hex values, and SVG icons are recoloured from the light
palette to the active one, so a dark desktop gets a dark app with the same colour language:
red = overdue / failed / tampered, amber = due soon / needs review, green = verified /
current, grey = draft / retired.

The scheme follows the OS (Qt's style hints) unless `CCC_THEME=light|dark` says otherwise
(screenshots and tests pin it).
"""

import os
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

LIGHT = {
    "window": "#F6F8FA", "surface": "#FFFFFF", "text": "#1F2933", "muted": "#5F6B7A",
    "icon": "#37474F", "border": "#D0D7DE", "input_border": "#B8C2CC", "hover": "#F0F3F6",
    "pressed": "#E3E8ED", "disabled_text": "#9AA5B1", "header": "#EEF1F4",
    "selection": "#DCE6F2", "focus": "#1F3A5F", "accent": "#F2A900",
    "rail": "#1F3A5F", "rail_hover": "#2A4A73", "rail_selected": "#34588A",
    "primary": "#1F3A5F", "primary_hover": "#2A4A73", "primary_pressed": "#152A45",
    "primary_disabled": "#8A9BB0", "primary_text": "#FFFFFF", "primary_disabled_text": "#EEF1F4",
    "ok": "#2E7D32", "ok_bg": "#E6F4EA", "warn": "#9A5B00", "warn_bg": "#FFF3DC",
    "bad": "#C62828", "bad_bg": "#FDE8E8", "neutral": "#5F6B7A", "neutral_bg": "#EEF1F4",
}

# Same roles for a dark desktop: status colours lightened so they keep their contrast.
DARK = {
    "window": "#161B22", "surface": "#1E252E", "text": "#E6EDF3", "muted": "#9DA7B3",
    "icon": "#C9D1D9", "border": "#30363D", "input_border": "#4A535E", "hover": "#262D36",
    "pressed": "#2D3640", "disabled_text": "#6E7681", "header": "#232A33",
    "selection": "#25406A", "focus": "#6CA0DC", "accent": "#F2A900",
    "rail": "#0F1E33", "rail_hover": "#1A2F4D", "rail_selected": "#24416B",
    "primary": "#3B6BA5", "primary_hover": "#4A7BB5", "primary_pressed": "#2D5A8F",
    "primary_disabled": "#3A4654", "primary_text": "#FFFFFF", "primary_disabled_text": "#8B949E",
    "ok": "#7BC47F", "ok_bg": "#1F3325", "warn": "#F0B45B", "warn_bg": "#3A2E17",
    "bad": "#F28B82", "bad_bg": "#3D1F1F", "neutral": "#A0AAB4", "neutral_bg": "#2A313A",
}

_active: dict[str, str] = LIGHT


def detect_dark() -> bool:
    """`CCC_THEME` if set, else the OS colour scheme as Qt reports it."""
    forced = os.environ.get("CCC_THEME", "").strip().lower()
    if forced in ("light", "dark"):
        return forced == "dark"
    app = QGuiApplication.instance()
    if app is None:
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def is_dark() -> bool:
    return _active is DARK


def palette() -> dict[str, str]:
    return _active


def colour(role: str) -> str:
    """The hex colour of `role` in the active theme (KeyError for an unknown role)."""
    return _active[role]


def qcolour(role: str) -> QColor:
    return QColor(_active[role])


def fill(template: str) -> str:
    """Replace every `@role@` in a style sheet template with the active colour."""
    text = template
    for role, value in _active.items():
        text = text.replace(f"@{role}@", value)
    return text


# The colours line icons are drawn in (resources/icons/*.svg): ink and the status colours.
# White icons (resources/icons/light/) sit on the navigation rail and primary buttons in both
# themes and are left alone.
_ICON_ROLES = ("icon", "ok", "warn", "bad")


def recolour_svg(svg: str) -> str:
    """Map an icon drawn in the light palette onto the active one (no-op when light)."""
    if _active is LIGHT:
        return svg
    mapping = {LIGHT[role].upper(): _active[role] for role in _ICON_ROLES}
    return re.sub(r"#[0-9A-Fa-f]{6}\b", lambda m: mapping.get(m[0].upper(), m[0]), svg)


def apply(app, *, dark: bool | None = None) -> None:
    """Pick the scheme, set the application palette (menus, scroll bars, tool tips and
    other widgets the style sheet does not reach) and the style sheet."""
    from ui import resources

    global _active
    _active = DARK if (detect_dark() if dark is None else dark) else LIGHT
    resources.clear_icon_cache()
    app.setPalette(_qpalette())
    app.setStyleSheet(resources.style_sheet())


def follow_os(app) -> None:
    """Switch theme when the OS scheme changes (unless CCC_THEME pins one). Colours from the
    style sheet change at once; icons already on screen change when their view is rebuilt."""
    if os.environ.get("CCC_THEME"):
        return
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply(app))


def _qpalette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "window", QPalette.ColorRole.WindowText: "text",
        QPalette.ColorRole.Base: "surface", QPalette.ColorRole.AlternateBase: "hover",
        QPalette.ColorRole.Text: "text", QPalette.ColorRole.Button: "surface",
        QPalette.ColorRole.ButtonText: "text", QPalette.ColorRole.ToolTipBase: "surface",
        QPalette.ColorRole.ToolTipText: "text", QPalette.ColorRole.Highlight: "selection",
        QPalette.ColorRole.HighlightedText: "text", QPalette.ColorRole.PlaceholderText: "muted",
        QPalette.ColorRole.Link: "focus",
    }
    for role, name in roles.items():
        pal.setColor(role, QColor(_active[name]))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(_active["disabled_text"]))
    return pal
