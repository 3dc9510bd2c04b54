"""What a person typed in a search box, parsed into terms that cannot be read as syntax.

Rules (shown in the search box's tooltip):
- words are all required:            breach disclosure
- "quoted words" are a phrase:       "holding statement"
- a trailing * matches a prefix:     disclos*
- a leading - excludes a word:       card -store
- OR between words or phrases:       apology OR sorry

Anything else (stray quotes, lone operators, punctuation) gives a clear message or is
ignored; nothing the user types reaches the search engine as syntax.
"""

import re
from dataclasses import dataclass, field

# Letters and digits: what the index's tokenizer keeps (anything else separates words).
WORD_RUNS = re.compile(r"[^\W_]+")
MAX_TERMS = 32


class SearchSyntaxError(ValueError):
    """A query that cannot be searched; its message is for the person who typed it."""


@dataclass(frozen=True)
class Term:
    text: str  # the words, without quotes or operators
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class Query:
    """Alternatives (OR) of groups; a group is all of its terms (AND, minus negated ones)."""

    groups: tuple[tuple[Term, ...], ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.groups


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, value) pairs: ("phrase", ...), ("word", ...), ("or", "OR")."""
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negate = ch == "-" and i + 1 < n and text[i + 1] == '"'
        if ch == '"' or negate:
            start = i + (2 if negate else 1)
            end = text.find('"', start)
            if end < 0:
                raise SearchSyntaxError("A quotation mark is not closed — add the closing \" "
                                        "or remove it.")
            star = end + 1 < n and text[end + 1] == "*"
            tokens.append(("phrase", ("-" if negate else "") + text[start:end]
                           + ("*" if star else "")))
            i = end + (2 if star else 1)
            continue
        end = i
        while end < n and not text[end].isspace() and text[end] != '"':
            end += 1
        word = text[i:end]
        tokens.append(("or", word) if word == "OR" else ("word", word))
        i = end
    return tokens


def _term(kind: str, value: str) -> Term | None:
    negated = value.startswith("-")
    value = value[1:] if negated else value
    prefix = value.endswith("*")
    value = value.rstrip("*") if prefix else value
    if kind == "word":
        if value in ("AND", "NOT"):  # implicit AND; NOT is written as a leading -
            return None
        value = value.strip("*")
    words = " ".join(WORD_RUNS.findall(value))
    if not words:
        return None  # only punctuation: nothing a search could match
    return Term(words, prefix=prefix, negated=negated)


def parse(text: str) -> Query:
    """Parse a query; raises SearchSyntaxError with a message for the person."""
    text = (text or "").strip()
    if not text:
        return Query()
    groups: list[list[Term]] = [[]]
    pending_or = False
    for kind, value in _tokens(text):
        if kind == "or":
            if not groups[-1] or pending_or:
                raise SearchSyntaxError("OR needs a word on each side, e.g. apology OR sorry.")
            pending_or = True
            continue
        term = _term(kind, value)
        if term is None:
            continue
        if pending_or:
            groups.append([])
            pending_or = False
        groups[-1].append(term)
    if pending_or:
        raise SearchSyntaxError("OR needs a word on each side, e.g. apology OR sorry.")
    groups = [g for g in groups if g]
    if not groups:
        raise SearchSyntaxError("Type a word to search for (operators and punctuation alone "
                                "match nothing).")
    if any(all(t.negated for t in g) for g in groups):
        raise SearchSyntaxError("Add a word to look for besides the excluded ones "
                                "(-word only narrows a search).")
    if sum(len(g) for g in groups) > MAX_TERMS:
        raise SearchSyntaxError(f"Use at most {MAX_TERMS} words.")
    return Query(tuple(tuple(g) for g in groups))
