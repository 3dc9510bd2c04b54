"""The dashboard's tiles: one card per `commandcenter.services.dashboard.Tile`, clickable and
keyboard-operable (Tab to it, Enter or Space opens it), each opening the filtered view
behind it. The grid draws whatever tiles the snapshot carries, in order, so a tile added to
the core's registry appears here with no change."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget,
)

from ui.widgets.pill import Pill, restyle

WORDS = {"bad": "Act now", "warn": "Attention", "ok": "OK"}
MAX_COLUMNS = 5


class TileCard(QFrame):
    opened = Signal(str, str)  # target area, filter

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Tiles share the row equally and never widen the window (texts wrap instead).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(150)
        self.tile = None
        self.title = QLabel()
        self.title.setObjectName("muted")
        self.title.setWordWrap(True)
        self.value = QLabel()
        self.value.setObjectName("tileValue")
        self.detail = QLabel()
        self.detail.setObjectName("muted")
        self.detail.setWordWrap(True)
        self.word = Pill()
        word_row = QHBoxLayout()
        word_row.setContentsMargins(0, 2, 0, 0)
        word_row.addWidget(self.word)
        word_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addLayout(word_row)
        layout.addStretch(1)

    def show_tile(self, tile) -> None:
        self.tile = tile
        self.title.setText(tile.title)
        self.value.setText(tile.value)
        self.detail.setText(tile.detail)
        word = WORDS.get(tile.state, "")
        self.word.set(word, tile.state if word else "neutral")
        self.word.setVisible(bool(word))
        if self.property("state") != tile.state:
            self.setProperty("state", tile.state)
            restyle(self)
        opens = f" — opens {tile.target.replace('_', ' ')}" if tile.target else ""
        self.setToolTip(f"{tile.detail}{opens}")
        self.setAccessibleName(f"{tile.title}: {tile.value}. {tile.detail}"
                               + (f" ({word})" if word else ""))

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton:
            self.open()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.open()
            return
        super().keyPressEvent(event)

    def open(self) -> None:
        if self.tile is not None and self.tile.target:
            self.opened.emit(self.tile.target, self.tile.filter)


class TileGrid(QWidget):
    opened = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(12)
        self.cards: list[TileCard] = []

    def show_tiles(self, tiles) -> None:
        while len(self.cards) < len(tiles):
            card = TileCard(self)  # parented at once: never a top-level window
            card.opened.connect(self.opened)
            self.cards.append(card)
        columns = min(MAX_COLUMNS, len(tiles)) or 1
        if len(tiles) > MAX_COLUMNS:
            columns = (len(tiles) + 1) // 2
        for n, card in enumerate(self.cards):
            self.grid.removeWidget(card)
            if n < len(tiles):
                card.show_tile(tiles[n])
                self.grid.addWidget(card, n // columns, n % columns)
            card.setVisible(n < len(tiles))
        for column in range(MAX_COLUMNS + 1):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def card(self, key: str) -> TileCard | None:
        return next((c for c in self.cards if c.isVisible() and c.tile and c.tile.key == key),
                    None)

    def clear(self) -> None:
        for card in self.cards:
            card.tile = None
            card.setVisible(False)
