"""Pure functions over stored entry rows (dicts of column -> stored value, as SQLite holds
them): the canonical form the hash covers, and the current state of a decision derived
from its chain. No session here, so the verifier and the writer share exactly this code."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from json.encoder import encode_basestring
from json.scanner import make_scanner

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
# Built once: json.dumps with these options builds a new encoder on every call, and the
# verifier encodes every entry of the log (json.dumps(...) is exactly this encoder's encode).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"),
                              ensure_ascii=False).encode
# json.loads' own scanner, called without loads' whitespace regexes: the JSON fields are
# stored in canonical (compact) form, so the whole text is one value from position 0.
_SCAN = make_scanner(json.JSONDecoder())
_JSON_SET, _TEXT_SET = frozenset(JSON_FIELDS), frozenset(TEXT_FIELDS)
# The hashed columns in sort_keys order, each with its encoded key: an entry's canonical
# JSON written directly (entry_hash), half the time of the general encoder.
_HASHED_KEYS = tuple((c, encode_basestring(c) + ":") for c in sorted(HASHED))


def canonical_json(data) -> str:
    if type(data) is list and all(type(item) is str for item in data):
        # names and tags: what the encoder writes for a list of strings, without building
        # an encoder for a few words. encode_basestring is the encoder's own str function.
        return "[" + ",".join(map(encode_basestring, data)) + "]"
    return _CANONICAL(data)


def _row_json(row: dict) -> str:
    """canonical_json({c: row[c] for c in HASHED}): stored values are text, integers or
    NULL, written here exactly as the encoder writes them; any other value (a float, a
    bool, a str subclass) leaves it to the encoder."""
    parts = []
    for column, key in _HASHED_KEYS:
        value = row[column]
        kind = type(value)
        if kind is str:
            parts.append(key + encode_basestring(value))
        elif value is None:
            parts.append(key + "null")
        elif kind is int:
            parts.append(key + int.__repr__(value))
        else:
            return _CANONICAL({c: row[c] for c in HASHED})
    return "{" + ",".join(parts) + "}"


def _loads(stored: str):
    """json.loads(stored), faster for the compact text the log stores; anything else
    (whitespace around it, bad JSON, not a str) goes to json.loads for its result or error."""
    if stored == "[]":  # most lists of a quick entry: a new list, as json.loads gives
        return []
    if type(stored) is str:
        try:
            value, end = _SCAN(stored, 0)
        except (StopIteration, ValueError):
            end = -1
        if end == len(stored):
            return value
    return json.loads(stored)


def entry_hash(row: dict) -> str:
    """SHA-256 over the previous hash and the canonical JSON of every stored column but
    `hash` (the same construction as the audit trail)."""
    body = _row_json(row)
    return hashlib.sha256(f"{row['prev_hash']}\n{body}".encode()).hexdigest()


def label(log_book: str, number: int) -> str:
    return f"{log_book}-{number:04d}"


def parse_time(value: str | None) -> datetime | None:
    return _TS.process_result_value(value, None)


def _iso(value: datetime | None) -> str | None:
    """models.base.iso, without strftime for what parse_time gives (UTC, a four-digit year):
    isoformat writes the same digits several times faster."""
    if value is not None and value.tzinfo is UTC and value.year >= 1000:
        return value.isoformat(timespec="microseconds")[:-6] + "Z"  # "+00:00" -> "Z"
    return iso(value)


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
        missing = self.missing
        return {
            "decision_id": root["id"], "incident_id": root["incident_id"],
            "log_book": root["log_book"], "number": root["number"],
            "label": label(root["log_book"], root["number"]),
            "decided_at": root["decided_at"], "decision": self.fields["decision"],
            "decision_makers": "; ".join(self.fields["decision_makers"]),
            "tags": canonical_json(self.fields["tags"]), "status": self.status,
            "superseded_by": self.superseded_by, "review_by": _iso(self.review_by),
            "incomplete": 1 if missing else 0, "missing": ", ".join(missing),
            "entries": self.entries, "open_actions": self.open_actions,
            "last_entry_at": self.last_entry_at,
        }


def _fields_of(row: dict) -> dict:
    out = {name: row[name] for name in TEXT_FIELDS}
    for name in JSON_FIELDS:
        out[name] = _loads(row[name])
    out["review_by"] = parse_time(row["review_by"])
    return out


def _field_of(row: dict, name: str):
    """_fields_of(row)[name], reading only that column (an amendment changes a few)."""
    if name in _TEXT_SET:
        return row[name]
    if name in _JSON_SET:
        return _loads(row[name])
    if name == "review_by":
        return parse_time(row[name])
    raise KeyError(name)


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
            for key in _loads(entry["changed"]):
                current[key] = _field_of(entry, key)
                if key == "review_by":
                    state.review_by = current[key]
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
