"""What a handover says — pure data, no database: sections of items, how the content is
written down (canonical JSON, stored with a signed handover) and hashed.

The hash covers the sections, the period, the incident and the outgoing operator's notes,
so the code on the PDF's footer ties a printout to the sealed row: the same content always
gives the same code, and any change to it gives another.
"""

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime

from commandcenter.models.base import iso

STATES = ("bad", "warn", "ok", "neutral")  # red, amber, green, grey (a word goes with each)


@dataclass(frozen=True)
class Item:
    ref: str  # what it is about (a decision, version, promise, person, fact id)
    title: str
    detail: str = ""
    when: datetime | None = None  # the time that matters: due, expiry, logged, changed
    state: str = "neutral"
    carried: bool = False  # also listed, still open, in the previous handover

    def to_dict(self) -> dict:
        return {"ref": self.ref, "title": self.title, "detail": self.detail,
                "when": iso(self.when), "state": self.state, "carried": self.carried}

    @classmethod
    def from_dict(cls, data: dict) -> "Item":
        when = data.get("when")
        return cls(data["ref"], data["title"], data.get("detail", ""),
                   datetime.fromisoformat(when) if when else None,
                   data.get("state", "neutral"), bool(data.get("carried")))


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: tuple[Item, ...] = ()
    empty: str = "Nothing."  # what an empty section says
    open_items: bool = True  # still to act on (carried over) vs what happened in the period

    def to_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "empty": self.empty,
                "open_items": self.open_items, "items": [i.to_dict() for i in self.items]}

    @classmethod
    def from_dict(cls, data: dict) -> "Section":
        return cls(data["key"], data["title"], tuple(Item.from_dict(i) for i in data["items"]),
                   data.get("empty", "Nothing."), bool(data.get("open_items", True)))


@dataclass(frozen=True)
class SignOff:
    outgoing: str
    outgoing_at: datetime
    incoming: str
    incoming_at: datetime


@dataclass(frozen=True)
class Handover:
    """One handover: pending (computed now, `signed` None) or as signed (read back)."""

    incident_id: str
    incident: str  # "INC-2026-014 — Payment card breach"
    number: int  # this handover's number in the incident
    since: datetime
    until: datetime
    sections: tuple[Section, ...] = ()
    previous: str = ""  # "Handover 1 (Grace Liu to Dana Whitfield)", or "" for the first
    notes: str = ""
    signed: SignOff | None = None
    id: str | None = None

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    @property
    def count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    def with_notes(self, notes: str) -> "Handover":
        return replace(self, notes=notes)

    def content(self) -> dict:
        """What is stored with the signed row (notes and signatures have columns)."""
        return {"incident_id": self.incident_id, "incident": self.incident,
                "number": self.number, "since": iso(self.since), "until": iso(self.until),
                "previous": self.previous, "sections": [s.to_dict() for s in self.sections]}

    def content_json(self) -> str:
        return canonical(self.content())

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(canonical({"content": self.content(), "notes": self.notes})
                              .encode("utf-8")).hexdigest()

    @property
    def code(self) -> str:
        """The short code printed on the footer and shown in the wizard."""
        return self.content_hash[:8].upper()


def canonical(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def from_stored(content: str, *, notes: str, signed: SignOff, id: str) -> Handover:
    data = json.loads(content)
    return Handover(data["incident_id"], data["incident"], data["number"],
                    datetime.fromisoformat(data["since"]), datetime.fromisoformat(data["until"]),
                    tuple(Section.from_dict(s) for s in data["sections"]),
                    data.get("previous", ""), notes, signed, id)


@dataclass(frozen=True)
class Summary:
    """A signed handover in a list (the CLI's and the wizard's "last handover")."""

    id: str
    number: int
    since: datetime
    until: datetime
    outgoing: str
    incoming: str
    signed_at: datetime
    code: str = field(default="")
