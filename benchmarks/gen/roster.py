"""The spokesperson roster: people cleared for 1–3 audiences, in five time zones, with
shifts, each given up to LINES_EACH current lines of the active incident that fit their
audiences, and most with acknowledgements of what they hold, do-not-say items included
(some on their behalf, as in a real war room). A person acknowledges again each time their
lines change, so each has EARLIER_ACKS acknowledgements of older versions before the one of
what holds now. Every acknowledgement is sealed in the audit chain with the payload
briefing.acknowledge writes."""

import json
from datetime import datetime, timedelta

from commandcenter.models.talking_point import AUDIENCES

from benchmarks.gen.lines import Line
from benchmarks.gen.rows import AuditChain, insert, mutable_row, record_row

LINES_EACH = 5
EARLIER_ACKS = 4  # before the latest: their lines changed four times since the first
ACK_EVERY = timedelta(hours=6)  # between a person's acknowledgements
ZONES = ("Europe/London", "America/New_York", "Asia/Singapore", "Europe/Berlin",
         "Australia/Sydney")
FIRST = ("Ada", "Ben", "Chloe", "Dev", "Eve", "Farid", "Grace", "Hugo", "Ines", "Jonas")
LAST = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad", "Quinn")
SHIFTS = json.dumps([{"days": "mon-fri", "start": "08:00", "end": "20:00"}])


def write(vault, session, n: int, incident_id: str, lines: list[Line], rnd, now: datetime,
          seals: AuditChain) -> tuple[int, int]:
    """Returns (assignments, acknowledgements) written."""
    conn = session.connection()
    people = [_person(vault, rnd, now, i) for i in range(n)]
    for i, person in enumerate(people):
        if i % 2 and i > 0:
            person["backup_id"] = people[i - 1]["id"]
    insert(conn, "spokesperson", people)
    by_audience = {a: [ln for ln in lines if a in ln.audiences and ln.kind != "do_not_say"]
                   for a in AUDIENCES}
    do_not_say = {a: [ln for ln in lines if a in ln.audiences and ln.kind == "do_not_say"]
                  for a in AUDIENCES}
    assignments, acks = [], []
    for i, person in enumerate(people):
        held = _lines_for(person, by_audience, rnd)
        assignments += [mutable_row(vault, rnd, now - timedelta(days=2),
                                    spokesperson_id=person["id"], point_id=ln.point_id,
                                    status="active", removed_reason="") for ln in held]
        if held and i % 10 != 9:  # one in ten has not acknowledged yet
            # What they read: their lines and the do-not-say items of their audiences.
            read = held + [ln for a in json.loads(person["audiences"]) for ln in do_not_say[a]]
            last = now - timedelta(hours=1 + i % 48)
            for back in range(EARLIER_ACKS, -1, -1):  # oldest first, the latest last
                acks.append(_ack(vault, rnd, last - back * ACK_EVERY, person, incident_id,
                                 read, back=back, on_behalf=i % 3 != 0, seals=seals))
    insert(conn, "line_assignment", assignments)
    insert(conn, "line_acknowledgement", acks)
    return len(assignments), len(acks)


def _person(vault, rnd, now, i: int) -> dict:
    name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i:04d}"
    return mutable_row(
        vault, rnd, now - timedelta(days=30), name=name, role_title="Spokesperson",
        organisation="Harbour Retail", phone=f"+4420{7000000 + i}",
        email=f"spokes{i:04d}@example.org", messenger="",
        languages=json.dumps(["en"] + (["es"] if i % 4 == 0 else [])),
        time_zone=ZONES[i % len(ZONES)],
        media_trained_on=(now - timedelta(days=rnd.randint(30, 900))).date().isoformat(),
        audiences=json.dumps(rnd.sample(AUDIENCES, rnd.randint(1, 3))),
        topics=json.dumps(["breach"]), backup_id=None,
        override="on_air" if i % 97 == 0 else "", shifts=SHIFTS, operator_id=None,
        status="retired" if i % 50 == 49 else "active")


def _lines_for(person: dict, by_audience: dict, rnd) -> list[Line]:
    pool = {ln.point_id: ln for a in json.loads(person["audiences"]) for ln in by_audience[a]}
    return rnd.sample(sorted(pool.values(), key=lambda ln: ln.point_id),
                      min(LINES_EACH, len(pool)))


def _ack(vault, rnd, at, person, incident_id, held, *, back, on_behalf, seals) -> dict:
    """`back`: how many versions before the current one each point stood at (0: current)."""
    versions = {ln.point_id: _version_back(ln, back) for ln in held}
    code = f"{rnd.getrandbits(24):06X}"
    row = record_row(vault, rnd, at, spokesperson_id=person["id"], incident_id=incident_id,
                     versions=json.dumps(versions, sort_keys=True, separators=(",", ":")),
                     code=code, on_behalf=on_behalf, operator_name=vault.actor.name)
    seals.add(at, "lines.acknowledged", "spokesperson", person["id"],
              {"versions": versions, "code": code, "on_behalf": on_behalf, "changes": []})
    return row


def _version_back(line: Line, back: int) -> str:
    if back == 0 or not line.superseded_ids:
        return line.current_version_id
    return line.superseded_ids[max(0, len(line.superseded_ids) - back)]
