"""A talking point's version history, with a word-level diff between any two versions
(removed words struck through in red, added words underlined in green — and marked [-…-]
/ {+…+} for anyone who cannot tell the colours apart), and each version's words, reviews
and links."""

import html
import json

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTabWidget, QTextBrowser,
    QVBoxLayout,
)

from commandcenter.text import worddiff
from ui import theme
from ui.qtmodels.talking_points import status_word
from ui.views.line_preview import version_html

SECTIONS = (("title", "Title"), ("question", "Question"), ("body", "Statement"),
            ("we_know", "What we know"), ("we_dont_know", "What we don't know yet"),
            ("we_are_doing", "What we are doing"), ("you_should_do", "What you should do"),
            ("empathy_line", "Empathy line"))


def comparable_text(version) -> str:
    """Every word of a version, one section a paragraph, in a fixed order."""
    parts = [f"{label}: {getattr(version, name)}" for name, label in SECTIONS
             if getattr(version, name)]
    for n, p in enumerate(json.loads(version.pillars or "[]"), start=1):
        parts.append(f"Pillar {n}: {p['pillar']} — " + "; ".join(p.get("proof_points", ())))
    return "\n".join(parts)


def diff_html(old: str, new: str) -> str:
    bad, ok = theme.colour("bad"), theme.colour("ok")
    out = []
    for piece in worddiff.diff(old, new):
        # Mark the words, not the space or line break after them (sections stay on their
        # own lines).
        core = piece.text.rstrip()
        tail = _html(piece.text[len(core):])
        if piece.op == "delete":
            out.append(f"<span style='color:{bad}; text-decoration:line-through'>"
                       f"[-{_html(core)}-]</span>{tail}")
        elif piece.op == "insert":
            out.append(f"<span style='color:{ok}; text-decoration:underline'>"
                       f"{{+{_html(core)}+}}</span>{tail}")
        else:
            out.append(_html(piece.text))
    return "".join(out)


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class LineHistoryDialog(QDialog):
    def __init__(self, history, parent=None):
        super().__init__(parent)
        self.history = history
        versions = history.versions
        self.setWindowTitle(f"History — {versions[-1].title}")
        self.older, self.newer = QComboBox(), QComboBox()
        self.older.setAccessibleName("Compare from version")
        self.newer.setAccessibleName("Compare to version")
        for v in versions:
            label = f"v{v.version} · {status_word(v.status)}"
            self.older.addItem(label, v.version)
            self.newer.addItem(label, v.version)
        self.older.setCurrentIndex(max(len(versions) - 2, 0))
        self.newer.setCurrentIndex(len(versions) - 1)
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.diff = QTextBrowser()
        self.diff.setAccessibleName("Word-level differences")
        self.words = QTextBrowser()
        self.words.setAccessibleName("Version")
        self._layout()
        self.older.currentIndexChanged.connect(lambda _i: self.show_diff())
        self.newer.currentIndexChanged.connect(lambda _i: self.show_diff())
        self.show_diff()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for w in (QLabel("Compare"), self.older, QLabel("with"), self.newer, self.summary):
            top.addWidget(w)
        top.addStretch(1)
        tabs = QTabWidget()
        tabs.addTab(self.diff, "Differences")
        tabs.addTab(self.words, "Newer version in full")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        self.resize(900, 620)

    def version(self, number: int):
        return next(v for v in self.history.versions if v.version == number)

    def compare(self, older: int, newer: int) -> None:
        self.older.setCurrentIndex(self.older.findData(older))
        self.newer.setCurrentIndex(self.newer.findData(newer))
        self.show_diff()

    def show_diff(self) -> None:
        a, b = self.version(self.older.currentData()), self.version(self.newer.currentData())
        old, new = comparable_text(a), comparable_text(b)
        removed, added = worddiff.changed_words(old, new)
        self.summary.setText(f"{removed} word{'s' if removed != 1 else ''} removed, "
                             f"{added} added")
        self.diff.setHtml(f"<p>{diff_html(old, new)}</p>")
        self.words.setHtml(version_html(self.history, b))
