"""Roster vCard import: the contacts a phone or a mail program exports (.vcf, vCard 2.1, 3.0
or 4.0, one card or many), all or nothing like the CSV import (roster_csv.write_rows).

vobject parses the cards (line folding, escaping, quoted-printable and charsets of the older
versions are its business). Each card becomes a spokesperson: FN (or N) the name, TITLE or
ROLE the role, ORG's first part the organisation, TEL the phone (a mobile first), EMAIL the
e-mail, IMPP the secure messenger, LANG the languages, TZ the time zone when it names one.
The card is checked exactly as a form or a CSV row is; the first card that fails is named by
its number and name, and nothing is imported. Anything vobject cannot read is reported as a
malformed file, never as a crash.
"""

from commandcenter.services.errors import ValidationError
from commandcenter.services.roster import roster_csv
from commandcenter.services.roster.inputs import SpokespersonInput
from commandcenter.services.roster.roster_csv import ImportProblem, ImportResult
from commandcenter.vault.unlocked import UnlockedVault

MAX_CARDS = 5000


def looks_like_vcard(raw: bytes) -> bool:
    return raw.lstrip(b"\xef\xbb\xbf \r\n\t")[:11].upper() == b"BEGIN:VCARD"


def _values(card, name: str) -> list:
    return list(card.contents.get(name.lower(), []))


def _first_text(card, *names: str) -> str:
    for name in names:
        for item in _values(card, name):
            value = item.value
            if isinstance(value, list):  # ORG: organisation;unit;…
                value = value[0] if value else ""
            if isinstance(value, str) and value.strip():
                return value.strip()
    return ""


def _name(card) -> str:
    name = _first_text(card, "fn")
    if name:
        return name
    for item in _values(card, "n"):  # structured: family;given;additional;prefix;suffix
        n = item.value
        parts = [getattr(n, "given", ""), getattr(n, "family", "")]
        text = " ".join(" ".join(p) if isinstance(p, list) else str(p or "") for p in parts)
        if text.strip():
            return " ".join(text.split())
    return ""


def _phone(card) -> str:
    phones = _values(card, "tel")

    def mobile(item) -> bool:
        types = " ".join(str(t) for t in item.params.get("TYPE", [])).lower()
        return "cell" in types or "mobile" in types

    for item in sorted(phones, key=lambda i: not mobile(i)):
        value = str(item.value or "").strip()
        if value.lower().startswith("tel:"):  # vCard 4 writes a URI
            value = value[4:]
        if value:
            return value
    return ""


def _time_zone(card) -> str:
    zone = _first_text(card, "tz")
    return zone if "/" in zone else ""  # an IANA name; offsets like -05:00 say too little


def card_input(card) -> SpokespersonInput:
    languages = tuple(x for x in (str(i.value or "").strip() for i in _values(card, "lang"))
                      if x) or ("en",)
    return SpokespersonInput(
        _name(card), role_title=_first_text(card, "title", "role"),
        organisation=_first_text(card, "org"), phone=_phone(card),
        email=_first_text(card, "email"), messenger=_first_text(card, "impp"),
        languages=languages, time_zone=_time_zone(card) or "UTC").cleaned()


def _decode(raw: bytes) -> str:
    """UTF-8 (vCard 4 requires it); older cards from phones may be Latin-1/Windows-1252,
    which a vCard's text survives being read as (names keep their accents)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _cards(raw: bytes) -> list:
    import vobject

    text = _decode(raw)
    try:
        cards = []
        for card in vobject.readComponents(text, ignoreUnreadable=False):
            if card.name.upper() != "VCARD":
                raise ImportProblem(None, f"The file holds a {card.name} where contact cards "
                                    "(vCard) were expected.")
            cards.append(card)
            if len(cards) > MAX_CARDS:
                raise ImportProblem(None, f"More than {MAX_CARDS} contacts in one file.")
    except ImportProblem:
        raise
    except Exception as exc:  # vobject's ParseError and whatever a broken file provokes
        raise ImportProblem(None, "The vCard file is malformed and could not be read "
                            f"({type(exc).__name__}).") from None
    if not cards:
        raise ImportProblem(None, "There are no contact cards in the file.")
    return cards


def parse(raw: bytes) -> list[tuple[int, SpokespersonInput, str]]:
    """Every card as (card number, validated input, "") — backups are set in the app."""
    rows = []
    for number, card in enumerate(_cards(raw), start=1):
        try:
            rows.append((number, card_input(card), ""))
        except ValidationError as exc:
            who = _name(card) or "a card without a name"
            raise ImportProblem(None, f"Contact {number} ({who[:60]}): "
                                f"{roster_csv.label(exc.field)}: {exc.message}") from None
        except Exception as exc:  # a value vobject parsed into something unexpected
            raise ImportProblem(None, f"Contact {number} could not be read "
                                f"({type(exc).__name__}).") from None
    return rows


def import_vcard(vault: UnlockedVault, raw: bytes, *, progress=None) -> ImportResult:
    """Import every card or none; raises ImportProblem naming the first bad card."""
    from commandcenter.services.roster import roster

    vault.actor.require(*roster.WRITERS, action="import the spokesperson roster")
    if len(raw) > roster_csv.MAX_BYTES:
        raise ImportProblem(None, "The file is too large for a roster.")
    return roster_csv.write_rows(vault, parse(raw), progress=progress, source="vcard")
