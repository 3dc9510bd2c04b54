"""Template placeholders such as {company}, {date}, {hotline}.

A prepared statement carries them until it is instantiated into an incident; any that is
still there blocks approval, so a spokesperson never reads "{hotline}" out on air.
"""

import re

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def find(text: str) -> list[str]:
    """The placeholder names still in `text`, in order of first appearance."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text or "")))


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each {name} that has a non-empty value; unknown ones stay for `find`."""
    def one(match: re.Match) -> str:
        value = values.get(match[1], "")
        return value.strip() if value and value.strip() else match[0]
    return PLACEHOLDER.sub(one, text or "")


def unfilled(texts) -> list[str]:
    """Every placeholder left across several texts (deduplicated, in order)."""
    return list(dict.fromkeys(name for t in texts for name in find(t)))
