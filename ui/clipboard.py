"""Copying to the clipboard, remembering what we put there so Lock can take it back.

Only a digest of the copied text is kept (not the text: a recovery code must not linger in
memory any longer than the clipboard itself holds it).
"""

from PySide6.QtGui import QGuiApplication

_ours: set[str] = set()


def _digest(text: str) -> str:
    import hashlib  # not at import: it loads OpenSSL's _hashlib, before the first paint

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    _ours.add(_digest(text))


def clear_if_ours() -> bool:
    """Empty the clipboard if it still holds text this app put there; True if it did."""
    board = QGuiApplication.clipboard()
    current = board.text()
    ours = bool(current) and _digest(current) in _ours
    if ours:
        board.clear()
    _ours.clear()
    return ours
