"""Draws a status cell as a pill: a rounded, coloured background behind the word (the word
always carries the meaning; DESIGN §6). Colours are the table's state colours.

A list shows the same few pills on every row ("On duty", "Current", "Approved"): each is
drawn once into a pixmap (QPixmapCache) and copied after, which halves a roster page's
paint on scrolling (issue 9)."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap, QPixmapCache
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from ui.qtmodels.table import STATE_ROLE, state_colour

HEIGHT = 20


class StatusDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option, index) -> None:
        colour = state_colour(index.data(STATE_ROLE))
        if colour is None:
            super().paint(painter, option, index)
            return
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        text = index.data() or ""
        metrics = option.fontMetrics
        width = max(min(metrics.horizontalAdvance(text) + 16, option.rect.width() - 8), 1)
        pill = _pill(text, QColor(colour), width, option.font,
                     painter.device().devicePixelRatioF())
        painter.drawPixmap(option.rect.x() + 4, option.rect.center().y() - HEIGHT // 2, pill)


def _pill(text: str, colour: QColor, width: int, font, ratio: float) -> QPixmap:
    key = f"pill|{text}|{colour.name(QColor.NameFormat.HexArgb)}|{width}|{font.key()}|{ratio}"
    cached = QPixmap()
    if QPixmapCache.find(key, cached):
        return cached
    pixmap = QPixmap(round(width * ratio), round(HEIGHT * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    fill = QColor(colour)
    fill.setAlpha(40)
    painter.setPen(colour)
    painter.setBrush(fill)
    rect = QRectF(0.5, 0.5, width - 1, HEIGHT - 1)  # the pen's half pixel inside the pixmap
    painter.drawRoundedRect(rect, 10, 10)
    elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width - 12)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, elided)
    painter.end()
    QPixmapCache.insert(key, pixmap)
    return pixmap
