"""Word-level differences between two versions of a text (difflib over word tokens).

Tokens keep their trailing white space, so joining the pieces gives back each text exactly;
a change of one word shows as one word removed and one added, not as a rewritten line.
"""

import difflib
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Piece:
    op: str  # equal | delete | insert
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def diff(old: str, new: str) -> list[Piece]:
    a, b = tokens(old), tokens(new)
    # Compare words without their spacing, so a re-wrapped line is not a change.
    matcher = difflib.SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b],
                                      autojunk=False)
    out: list[Piece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(Piece("equal", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(Piece("delete", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(Piece("insert", "".join(b[j1:j2])))
    return [p for p in out if p.text]


def changed_words(old: str, new: str) -> tuple[int, int]:
    """(words removed, words added): a one-line summary of a change."""
    removed = sum(len(p.text.split()) for p in diff(old, new) if p.op == "delete")
    added = sum(len(p.text.split()) for p in diff(old, new) if p.op == "insert")
    return removed, added


def old_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "insert")


def new_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "delete")
