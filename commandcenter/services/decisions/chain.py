"""Pure functions over stored entry rows (dicts of column -> stored value, as SQLite holds
them): the canonical form the hash covers, and the current state of a decision derived
from its chain. No session here, so the verifier and the writer share exactly this code."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from commandcenter.models.base import UTCDateTime, iso
from commandcenter.models.decision import ROOT_KINDS, DecisionEntry

GENESIS_HASH = "0" * 64
COLUMNS = tuple(c.name for c in DecisionEntry.__table__.columns)
HASHED = tuple(c for c in COLUMNS if c != "hash")
JSON_FIELDS = ("decision_makers", "information", "options", "actions", "tags")
TEXT_FIELDS = ("decision", "rationale", "assumptions", "uncertainties", "risk", "powers",
               "expected_outcome", "workstream")
# A full entry (DESIGN §4) has these; a quick-logged one is "incomplete" until amended.
COMPLETE = (("information", "information"), ("assumptions", "assumptions"),
            ("options", "options"), ("risk", "risk/proportionality"),
            ("powers", "powers/policy"), ("expected_outcome", "expected outcome"),
            ("review_by", "review-by time"))
_TS = UTCDateTime()


def canonical_json(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(row: dict) -> str:
    """SHA-256 over the previous hash and the canonical JSON of every stored column but
    `hash` (the same construction as the audit trail)."""
    body = canonical_json({c: row[c] for c in HASHED})
    return hashlib.sha256(f"{row['prev_hash']}\n{body}".encode()).hexdigest()


def label(log_book: str, number: int) -> str:
    return f"{log_book}-{number:04d}"


def parse_time(value: str | None) -> datetime | None:
    return _TS.process_result_value(value, None)


@dataclass
class DecisionState:
    """A decision as it stands after every entry of its chain."""

    root: dict
    fields: dict  # current value of each decision field (JSON fields parsed)
    status: str = "in_force"
    superseded_by: str = ""  # label
    superseded_by_id: str = ""
    rescinded_by: str = ""
    review_by: datetime | None = None
    reviews: list[dict] = field(default_factory=list)  # {"label", "at", "outcome"}
    done: dict[int, dict] = field(default_factory=dict)  # action index -> {"label", "at"}
    entries: int = 1
    amendments: int = 0
    last_entry_at: str = ""
    chain: list[dict] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [name for key, name in COMPLETE if not self.fields.get(key)]

    @property
    def open_actions(self) -> int:
        return sum(1 for i, _ in enumerate(self.fields.get("actions") or [])
                   if i not in self.done)

    def head_row(self) -> dict:
        """The `decision_head` row (stored values) this state derives."""
        root = self.root
        return {
            "decision_id": root["id"], "incident_id": root["incident_id"],
            "log_book": root["log_book"], "number": root["number"],
            "label": label(root["log_book"], root["number"]),
            "decided_at": root["decided_at"], "decision": self.fields["decision"],
            "decision_makers": "; ".join(self.fields["decision_makers"]),
            "tags": canonical_json(self.fields["tags"]), "status": self.status,
            "superseded_by": self.superseded_by, "review_by": iso(self.review_by),
            "incomplete": 1 if self.missing else 0, "missing": ", ".join(self.missing),
            "entries": self.entries, "open_actions": self.open_actions,
            "last_entry_at": self.last_entry_at,
        }


def _fields_of(row: dict) -> dict:
    out = {name: row[name] for name in TEXT_FIELDS}
    for name in JSON_FIELDS:
        out[name] = json.loads(row[name])
    out["review_by"] = parse_time(row["review_by"])
    return out


def derive(chain: list[dict]) -> DecisionState:
    """`chain`: the root entry, then every entry whose target is it, in book order."""
    root = chain[0]
    if root["kind"] not in ROOT_KINDS:
        raise ValueError("a decision's chain starts with a decision entry")
    current = _fields_of(root)
    state = DecisionState(root=root, fields=current, review_by=current["review_by"],
                          last_entry_at=root["logged_at"], chain=list(chain))
    for entry in chain[1:]:
        state.entries += 1
        state.last_entry_at = entry["logged_at"]
        name = label(entry["log_book"], entry["number"])
        kind = entry["kind"]
        if kind == "amendment":
            state.amendments += 1
            changes = _fields_of(entry)
            for key in json.loads(entry["changed"]):
                current[key] = changes[key]
                if key == "review_by":
                    state.review_by = changes[key]
        elif kind == "review":
            state.reviews.append({"label": name, "at": entry["decided_at"],
                                  "outcome": entry["review_outcome"]})
            state.review_by = parse_time(entry["review_by"])
        elif kind == "action_done":
            state.done.setdefault(entry["action_index"], {"label": name,
                                                          "at": entry["decided_at"],
                                                          "note": entry["note"]})
        elif kind == "supersession" and state.status == "in_force":
            state.status, state.superseded_by = "superseded", name
            state.superseded_by_id = entry["id"]
        elif kind == "rescission" and state.status == "in_force":
            state.status, state.rescinded_by = "rescinded", name
    if state.status != "in_force":
        state.review_by = None  # nothing to review once it no longer stands
    return state
