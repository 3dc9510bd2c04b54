"""The current-line board: for each audience, the approved lines valid now, each with a
one-click Copy. Audiences (with counts) on the left, the chosen audience's lines on the
right as one rich-text page (cheap to lay out even with hundreds of lines); due items sit
above, as words with their colour. Only data from the service: nothing is computed here."""

import html
import time

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout, QWidget,
)

from commandcenter.models.talking_point import AUDIENCE_LABELS, AUDIENCES, CHANNELS, KIND_LABELS
from ui import clipboard, theme
from ui.views import common
from ui.widgets import timefmt

EMPTY = ("No approved line for this audience yet — an editor drafts one under All lines "
         "(Ctrl+Shift+T), an approver approves it in the Approval queue.")
CHANNEL_LABELS = {"press": "Press", "website": "Website", "social": "Social media",
                  "hotline": "Hotline", "email": "E-mail", "in_store": "In store",
                  "briefing": "Briefing", "intranet": "Intranet", "letter": "Letter"}


class LineBoard(QWidget):
    copied = Signal(str)  # a notice for the status bar
    channel_changed = Signal(object)  # channel key or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.board = None
        self.last_render_ms: float | None = None
        self.audiences = QListWidget()
        self.audiences.setAccessibleName("Audiences")
        self.audiences.setFixedWidth(230)
        self.channel = QComboBox()
        self.channel.setAccessibleName("Channel")
        self.channel.addItem("All channels", None)
        for key in CHANNELS:
            self.channel.addItem(CHANNEL_LABELS.get(key, key), key)
        self.due = common.muted()
        self.due.setTextFormat(Qt.TextFormat.RichText)
        self.page = QTextBrowser()
        self.page.setOpenLinks(False)
        self.page.setAccessibleName("Current line")
        self._layout()
        self.audiences.currentRowChanged.connect(lambda _row: self.render())
        self.page.anchorClicked.connect(self._anchor)
        self.channel.currentIndexChanged.connect(
            lambda _i: self.channel_changed.emit(self.channel.currentData()))

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.channel)
        left.addWidget(self.audiences, 1)
        right = QVBoxLayout()
        right.addWidget(self.due)
        right.addWidget(self.page, 1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 8, 0, 0)
        row.addLayout(left)
        row.addLayout(right, 1)

    # --- content ------------------------------------------------------------------------

    def clear(self) -> None:
        self.board = None
        self.audiences.clear()
        self.page.clear()
        self.due.clear()

    def show_board(self, board, audience: str | None = None) -> None:
        """Show a board computed by the service (timed: the benchmark reads it), on
        `audience` or the one already chosen."""
        started = time.perf_counter()
        self.board = board
        keep = audience or self.current_audience()
        self.audiences.blockSignals(True)
        self.audiences.clear()
        for key in AUDIENCES:
            n = board.count(key)
            item = QListWidgetItem(f"{AUDIENCE_LABELS[key]}  ({n})")
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{n} current line{'s' if n != 1 else ''} for "
                            f"{AUDIENCE_LABELS[key]}")
            self.audiences.addItem(item)
        row = AUDIENCES.index(keep) if keep in AUDIENCES else 0
        self.audiences.setCurrentRow(row)
        self.audiences.blockSignals(False)
        self.render()  # once: the row change above was silent
        self._show_due(board.due)
        self.last_render_ms = (time.perf_counter() - started) * 1000

    def current_audience(self) -> str | None:
        item = self.audiences.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_audience(self, key: str) -> None:
        self.audiences.setCurrentRow(AUDIENCES.index(key))

    def render(self) -> None:
        audience = self.current_audience()
        if self.board is None or audience is None:
            self.page.clear()
            return
        lines = self.board.lines.get(audience, [])
        self.page.setHtml(page_html(AUDIENCE_LABELS[audience], lines))

    def _show_due(self, due) -> None:
        if not due:
            self.due.setText("Nothing due: no line is expired, expiring or flagged.")
            return
        parts = [f"<span style='color:{theme.colour(d.state)}; font-weight:600'>"
                 f"{html.escape(d.what.capitalize())}</span> {html.escape(d.title)}"
                 for d in due[:6]]
        more = f" … and {len(due) - 6} more" if len(due) > 6 else ""
        self.due.setText(f"<b>Due ({len(due)}):</b> " + " · ".join(parts) + more)

    # --- copy ---------------------------------------------------------------------------

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == "copy":
            self.copy_line(url.path() or url.host())

    def copy_line(self, version_id: str) -> str | None:
        """Put one line's words on the clipboard (what a spokesperson says or pastes)."""
        line = self._find(version_id)
        if line is None:
            return None
        clipboard.copy_text(line.text)
        self.copied.emit(f"Copied “{line.title}” (v{line.version}) to the clipboard.")
        return line.text

    def _find(self, version_id: str):
        if self.board is None:
            return None
        for lines in self.board.lines.values():
            for line in lines:
                if line.id == version_id:
                    return line
        return None


def page_html(audience: str, lines) -> str:
    muted, border = theme.colour("muted"), theme.colour("border")
    link = theme.colour("focus")
    if not lines:
        return f"<p style='color:{muted}'>{html.escape(EMPTY)}</p>"
    out = [f"<h2>{html.escape(audience)} — {len(lines)} current "
           f"line{'s' if len(lines) != 1 else ''}</h2>"]
    for line in lines:
        out.append(_line_html(line, muted, border, link))
    return "".join(out)


def _line_html(line, muted: str, border: str, link: str) -> str:
    # Paragraphs, not tables: a page of 400 lines must lay out in well under 100 ms.
    words = html.escape(line.text).replace("\n", "<br>")
    meta = [KIND_LABELS.get(line.kind, line.kind), f"v{line.version}"]
    if line.approved_at:
        meta.append(f"approved {timefmt.ago(line.approved_at)}")
    if line.expires_at:
        meta.append(f"expires {timefmt.local(line.expires_at)}")
    if line.channels:
        meta.append(", ".join(CHANNEL_LABELS.get(c, c) for c in line.channels))
    return (f"<p style='margin-top:14px'><a href='copy:{line.id}' style='color:{link}; "
            f"font-weight:600'>Copy</a>&nbsp;&nbsp;<b>{html.escape(line.title)}</b> "
            f"<span style='color:{muted}'>· {html.escape(' · '.join(meta))}</span></p>"
            f"<p style='margin-left:44px'>{words}</p>")
