"""Talking points: lines of every kind, VERSIONS_PER_LINE versions each (older ones
superseded, the latest approved; every 5th line has a newer version in review, every 17th
is flagged, every 23rd has expired), each for 1–3 of the 10 audiences. Written straight
into the tables: the services' per-version checks and audit seals would make setup take
minutes, and what is measured reads the same rows."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from commandcenter.models.base import iso
from commandcenter.models.talking_point import AUDIENCES, KINDS

from benchmarks.gen.rows import insert, mutable_row, sentence

VERSIONS_PER_LINE = 10


@dataclass(frozen=True)
class Line:
    """What the roster needs to assign and acknowledge a line."""

    point_id: str
    kind: str
    audiences: tuple[str, ...]
    current_version_id: str  # the latest approved (or flagged) version
    superseded_ids: tuple[str, ...] = ()  # the versions approved before it, oldest first


def write(vault, incidents: list, counts: list[int], rnd, now: datetime) -> dict[str, list[Line]]:
    """`counts[k]` lines (VERSIONS_PER_LINE versions each) for incident `incidents[k]`.
    Returns incident id -> its lines."""
    out: dict[str, list[Line]] = {}
    with vault.write() as session:
        conn = session.connection()
        for inc, n in zip(incidents, counts):
            points, versions, lines = [], [], []
            for p in range(n):
                line, rows = _line(vault, rnd, now, inc.id, p, points)
                versions += rows
                lines.append(line)
            insert(conn, "talking_point", points)
            insert(conn, "talking_point_version", versions)
            out[inc.id] = lines
    return out


def _line(vault, rnd, now, incident_id: str, p: int, points: list) -> tuple[Line, list[dict]]:
    audiences = tuple(rnd.sample(AUDIENCES, rnd.randint(1, 3)))
    point = mutable_row(vault, rnd, now - timedelta(days=10), incident_id=incident_id,
                        kind=rnd.choice(KINDS), audiences=json.dumps(list(audiences)),
                        channels="[]", language="en", template_key="", retired_at=None)
    points.append(point)
    latest = VERSIONS_PER_LINE - (1 if p % 5 == 0 else 0)  # every 5th: one in review
    rows, current = [], None
    for n in range(1, VERSIONS_PER_LINE + 1):
        status = "superseded" if n < latest else "approved" if n == latest else "in_review"
        if n == latest and p % 17 == 0:
            status = "needs_review"
        expires = now - timedelta(hours=1) if (n == latest and p % 23 == 0) else \
            now + timedelta(days=rnd.choice((1, 3, 30)))
        row = _version(vault, rnd, now - timedelta(hours=VERSIONS_PER_LINE - n), point["id"],
                       n, status, expires)
        rows.append(row)
        if n == latest:
            current = row["id"]
    superseded = tuple(r["id"] for r in rows if r["status"] == "superseded")
    return Line(point["id"], point["kind"], audiences, current, superseded), rows


def _version(vault, rnd, at, point_id: str, n: int, status: str, expires) -> dict:
    approved = status in ("approved", "needs_review", "superseded")
    return mutable_row(
        vault, rnd, at, point_id=point_id, version=n, status=status,
        title=sentence(rnd, 4), question="", body=sentence(rnd, 40), pillars="[]", we_know="",
        we_dont_know="", we_are_doing="", you_should_do="", empathy_line=sentence(rnd, 8),
        next_update_due=None, valid_from=None, expires_at=iso(expires),
        review_by=iso(at + timedelta(days=2)), review_round=1, submitted_at=iso(at),
        approved_at=iso(at) if approved else None, reject_reason="",
        flag_reason="A decision it relies on changed" if status == "needs_review" else "",
        flagged_at=iso(at) if status == "needs_review" else None)
