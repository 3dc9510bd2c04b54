"""Draws a status cell as a pill: a rounded, coloured background behind the word (the word
always carries the meaning; DESIGN §6). Colours are the table's state colours."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from ui.qtmodels.table import STATE_ROLE, state_colour


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
        width = min(metrics.horizontalAdvance(text) + 16, option.rect.width() - 8)
        rect = QRectF(option.rect.x() + 4, option.rect.center().y() - 10, width, 20)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(colour)
        fill.setAlpha(40)
        painter.setPen(colour)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 10, 10)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width) - 12))
        painter.restore()
