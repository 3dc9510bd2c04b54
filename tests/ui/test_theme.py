"""Light and dark themes: the same colour roles, legible contrast, a complete style sheet."""

import re

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from ui import resources, theme


@pytest.fixture
def restore_theme(qapp):
    yield
    theme.apply(qapp, dark=False)
    qapp.setStyleSheet("")


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_both_palettes_define_the_same_roles():
    assert set(theme.LIGHT) == set(theme.DARK)


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_text_and_status_colours_are_legible(palette):
    assert contrast(palette["text"], palette["window"]) >= 7  # WCAG AAA body text
    assert contrast(palette["text"], palette["surface"]) >= 7
    assert contrast(palette["muted"], palette["surface"]) >= 4.5
    for state in ("ok", "warn", "bad", "neutral"):  # pills: the word on its own background
        assert contrast(palette[state], palette[f"{state}_bg"]) >= 4.5, state
    assert contrast(palette["primary_text"], palette["primary"]) >= 4.5


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_style_sheet_has_every_role_filled(qapp, restore_theme, dark):
    theme.apply(qapp, dark=dark)
    sheet = qapp.styleSheet()
    assert sheet and not re.search(r"@\w+@", sheet)
    assert theme.colour("window") in sheet
    expected = theme.DARK if dark else theme.LIGHT
    assert qapp.palette().color(QPalette.ColorRole.Window).name().upper() == \
        expected["window"].upper()


def test_dark_theme_redraws_ink_icons_and_keeps_white_ones(qapp, restore_theme):
    theme.apply(qapp, dark=True)
    svg = resources.icon_path("check").read_text(encoding="utf-8")
    recoloured = theme.recolour_svg(svg)
    assert theme.LIGHT["ok"] not in recoloured and theme.DARK["ok"] in recoloured
    assert not resources.icon("audit").isNull()
    assert not resources.icon("audit", light=True).isNull()
    assert "#FFFFFF" in theme.recolour_svg('<svg stroke="#FFFFFF"/>')


def test_ccc_theme_pins_the_scheme(monkeypatch, qapp):
    monkeypatch.setenv("CCC_THEME", "dark")
    assert theme.detect_dark() is True
    monkeypatch.setenv("CCC_THEME", "light")
    assert theme.detect_dark() is False
    assert isinstance(QApplication.instance(), QApplication)
