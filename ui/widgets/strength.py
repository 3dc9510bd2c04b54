"""A small passphrase strength estimate for the feedback under passphrase fields.

Why not zxcvbn or similar: this is an offline security tool where every extra dependency is
more code to vet and ship in the installers, and the feedback only nudges — the real
protection is Argon2id (>= 64 MiB) on each guess, and the service enforces the minimum length.
A rough estimate (length, character classes, common words, repeats and runs) is enough to
tell "Summer2024!" from "tin kettle orbit marmalade".
"""

import math
import re
from dataclasses import dataclass

MIN_LENGTH = 8  # the vault's own minimum (commandcenter.vault.slots.MIN_PASSPHRASE)

# Words that make up most of leaked-password lists, plus this app's own vocabulary.
COMMON = frozenset("""
password passwort passphrase letmein welcome admin administrator login master secret
qwerty qwertz azerty asdf zxcv iloveyou monkey dragon football baseball soccer shadow
sunshine princess trustno1 starwars whatever freedom summer winter spring autumn
crisis command center centre vault breach incident company war room team security
abc123 123456 1234567 12345678 123456789 1234567890 111111 000000 654321
""".split())

LABELS = ("Too short", "Weak", "Fair", "Good", "Strong")


@dataclass(frozen=True)
class Strength:
    score: int  # 0 too short / 1 weak / 2 fair / 3 good / 4 strong
    bits: float  # rough guessing entropy
    hint: str  # what would make it stronger; "" when strong

    @property
    def label(self) -> str:
        return LABELS[self.score]

    @property
    def state(self) -> str:
        """The colour language: bad (red), warn (amber), ok (green)."""
        return ("bad", "bad", "warn", "ok", "ok")[self.score]


def estimate(passphrase: str, *, avoid: tuple[str, ...] = ()) -> Strength:
    """`avoid`: words that should not count (the operator's own name, for one)."""
    if len(passphrase) < MIN_LENGTH:
        return Strength(0, 0.0, f"Use at least {MIN_LENGTH} characters; four unrelated words "
                                "are easy to remember.")
    bits = _bits(passphrase, avoid)
    hint = _hint(passphrase, avoid)
    if bits < 40:
        score = 1
    elif bits < 60:
        score = 2
    elif bits < 80:
        score = 3
    else:
        score = 4
    if hint and score > 2:
        score -= 1
    return Strength(score, bits, "" if score == 4 else hint or "Longer is stronger: add a word.")


def _bits(text: str, avoid: tuple[str, ...]) -> float:
    """Length × log2(alphabet) for the parts that are not common words, runs or repeats;
    each common word (or the operator's own name) counts as one guess from a small list,
    about 10 bits, even inside a longer run of letters."""
    banned = COMMON | _name_words(avoid)
    bits = 0.0
    for part in re.findall(r"[a-z]+|\d+|[^a-z\d]+", text.lower()):
        if part in banned or _is_run(part) or (len(part) > 2 and len(set(part)) == 1):
            bits += 10.0
            continue
        if part.isalpha():
            for word in sorted((w for w in banned if len(w) >= 4 and w in part), key=len,
                               reverse=True):
                bits += 10.0 * part.count(word)
                part = part.replace(word, "")
        bits += len(part) * math.log2(_alphabet(part)) if part else 0.0
    return bits


def _name_words(avoid: tuple[str, ...]) -> set[str]:
    return {w.lower() for name in avoid for w in name.split() if len(w) > 2}


def _alphabet(part: str) -> int:
    if part.isdigit():
        return 10
    if part.isalpha():
        return 26
    return 33


def _is_run(part: str) -> bool:
    """abc, 1234, 9876: a keyboard or counting run."""
    if len(part) < 3:
        return False
    steps = {ord(b) - ord(a) for a, b in zip(part, part[1:])}
    return steps in ({1}, {-1})


def _hint(text: str, avoid: tuple[str, ...]) -> str:
    lowered = text.lower()
    if any(word in lowered for word in _name_words(avoid)):
        return "Do not use your own name."
    found = sorted((w for w in COMMON if len(w) >= 4 and w in lowered), key=len, reverse=True)
    if found:
        return f"\u201c{found[0]}\u201d is one of the first words an attacker tries."
    if re.search(r"(.)\1\1", text):
        return "Avoid repeated characters."
    return ""
