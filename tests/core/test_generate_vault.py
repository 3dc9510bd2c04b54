"""The benchmark vault generator (benchmarks/gen, issue 9) at a small scale: the counts it
promises, the share the active incident holds, a chain `verify` accepts, the same rows for
the same seed, and the cache reusing a generated vault. The full-size run lives in
benchmarks/, not here."""

import json
from dataclasses import replace

import pytest
from sqlalchemy import text

from benchmarks.gen import Scale, cached_vault, copy_vault, generate
from benchmarks.gen import vault as gen_vault
from benchmarks.gen.roster import EARLIER_ACKS
from commandcenter.vault import integrity

SMALL = Scale().scaled(0.01)  # 1,000 entries, 200 versions, 20 people, 500 events


def _counts(data_dir) -> dict:
    vault = gen_vault.unlock(data_dir if hasattr(data_dir, "db") else _paths(data_dir))
    try:
        with vault.read() as session:
            conn = session.connection()

            def one(sql: str) -> int:
                return conn.execute(text(sql)).scalar_one()

            active = json.loads(one("SELECT value FROM setting WHERE key = 'active_incident_id'"))
            return {
                "incidents": one("SELECT count(*) FROM incident"),
                "entries": one("SELECT count(*) FROM decision_entry"),
                "amendments": one("SELECT count(*) FROM decision_entry WHERE kind = 'amendment'"),
                "amended_heads": one("SELECT count(*) FROM decision_head WHERE entries > 1"),
                "active_entries": one(f"SELECT count(*) FROM decision_entry "
                                      f"WHERE incident_id = {active!r}"),
                "versions": one("SELECT count(*) FROM talking_point_version"),
                "audiences": one("SELECT count(DISTINCT j.value) FROM talking_point, "
                                 "json_each(talking_point.audiences) AS j"),
                "people": one("SELECT count(*) FROM spokesperson"),
                "acks": one("SELECT count(*) FROM line_acknowledgement"),
                "acked_people": one("SELECT count(DISTINCT spokesperson_id) "
                                    "FROM line_acknowledgement"),
                "ack_seals": one("SELECT count(*) FROM audit_entry "
                                 "WHERE action = 'lines.acknowledged'"),
                "events": one("SELECT count(*) FROM timeline_event"),
                "event_seals": one("SELECT count(*) FROM audit_entry "
                                   "WHERE action = 'timeline.event_added'"),
                "cells": one("SELECT count(*) FROM journey_cell"),
                "map_places": one("SELECT count(*) FROM journey_phase p JOIN stakeholder_group g "
                                  "ON g.incident_id = p.incident_id"),
                "titles": [r[0] for r in conn.execute(text(
                    "SELECT id || title FROM talking_point_version ORDER BY id LIMIT 20"))],
            }, integrity.check(vault)
    finally:
        vault.lock()


def _paths(data_dir):
    from commandcenter.vault.paths import VaultPaths

    return VaultPaths.at(data_dir)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen") / "small"
    manifest = generate(out, SMALL, progress=lambda *_: None)
    return out, manifest, *_counts(out)


def test_counts_match_the_scale(small):
    _, manifest, counts, _ = small
    assert counts["incidents"] == SMALL.incidents == 10
    assert counts["entries"] == SMALL.decision_entries == 1_000
    # one in ten of each incident's entries amends a decision before it
    assert counts["amendments"] == sum(n // SMALL.amendment_every
                                       for n in SMALL.split(SMALL.decision_entries))
    assert counts["amended_heads"] > 0  # amendments land on decisions' chains
    assert counts["versions"] == SMALL.line_versions == 200
    assert counts["audiences"] == 10
    assert counts["people"] == SMALL.spokespersons == 20
    # most people acknowledged, each several times as their lines changed
    assert 0 < counts["acked_people"] < counts["people"]
    assert counts["acks"] == counts["ack_seals"] == counts["acked_people"] * (EARLIER_ACKS + 1)
    assert counts["events"] == counts["event_seals"] == SMALL.timeline_events == 500
    assert counts["cells"] == counts["map_places"] == 10 * 5 * 7  # every cell of every map
    assert manifest["counts"]["decision_entries"] == counts["entries"]
    assert manifest["seconds"] > 0


def test_the_latest_acknowledgement_is_what_holds_now(small):
    """The earlier acknowledgements hold older versions; the roster reads the latest."""
    from commandcenter.services import briefing

    out, _, _, _ = small
    vault = gen_vault.unlock(_paths(out))
    try:
        held = briefing.states(vault)
        with vault.read() as session:
            conn = session.connection()
            superseded = set(conn.execute(text(
                "SELECT id FROM talking_point_version WHERE status = 'superseded'")).scalars())
            active_acked = conn.execute(text(
                "SELECT count(DISTINCT a.spokesperson_id) FROM line_acknowledgement a "
                "JOIN spokesperson p ON p.id = a.spokesperson_id "
                "WHERE p.status = 'active'")).scalar_one()
    finally:
        vault.lock()
    acked = [h for h in held.values() if h.acknowledged]
    assert len(acked) == active_acked > 0
    # what they are asked to read again is measured from their last acknowledgement
    # (current versions), never from an earlier one's superseded versions
    assert superseded and not any(set(h.unread.values()) & superseded for h in acked)


def test_the_active_incident_holds_its_share(small):
    _, _, counts, _ = small
    assert counts["active_entries"] == round(SMALL.decision_entries * SMALL.active_share)


def test_every_chain_verifies(small):
    _, _, counts, report = small
    assert report.ok, report.summary()
    assert report.decision_log.ok and report.decision_log.count == counts["entries"]


def test_counts_scale_with_the_parameter(tmp_path):
    double = Scale().scaled(0.02)
    generate(tmp_path / "double", double, progress=lambda *_: None)
    counts, report = _counts(tmp_path / "double")
    assert report.ok, report.summary()
    assert (counts["entries"], counts["versions"], counts["people"], counts["events"]) == \
        (2_000, 400, 40, 1_000)


def test_same_seed_same_rows_other_seed_other_rows(small, tmp_path):
    generate(tmp_path / "again", SMALL, progress=lambda *_: None)
    generate(tmp_path / "other", replace(SMALL, seed=SMALL.seed + 1), progress=lambda *_: None)
    assert _counts(tmp_path / "again")[0]["titles"] == small[2]["titles"]
    assert _counts(tmp_path / "other")[0]["titles"] != small[2]["titles"]


def test_cache_generates_once_and_copies_are_separate(tmp_path, monkeypatch):
    monkeypatch.setattr(gen_vault, "CACHE", tmp_path / "cache")
    tiny = replace(Scale().scaled(0.005), incidents=2)
    first, manifest = cached_vault(tiny, progress=lambda *_: None)
    again, same = cached_vault(tiny, progress=lambda *_: None)
    assert first == again and same == manifest  # not generated twice
    assert first.name == f"vault-{tiny.key()}"
    assert tiny.key() != replace(tiny, seed=1).key()
    copy = copy_vault(first, tmp_path / "copy")
    assert copy.db.exists() and copy.db != first / copy.db.name


def test_the_briefing_pack_stays_a_briefing_on_a_long_crisis(small):
    """Hundreds of events and decisions (tens of thousands at war-room scale): each long
    list in the pack is cut to its most useful rows and says how many there are."""
    from commandcenter.reports import briefing_pack as bp
    from commandcenter.reports import pdf
    from commandcenter.reports.briefing_pack_data import gather

    vault = gen_vault.unlock(_paths(small[0]))
    try:
        p = gather(vault)
        blocks = bp.text_blocks(p)
    finally:
        vault.lock()
    tables = [b for b in blocks if isinstance(b, pdf.Table)]
    notes = [b.text for b in blocks if isinstance(b, pdf.Paragraph)]
    assert len(p.journey.events) > bp.LIMIT and p.in_force > len(p.decisions) == bp.LIMIT
    assert all(len(t.rows) <= bp.LIMIT + len(bp.EVENT_LABELS) for t in tables)
    assert any(t.rows and len(t.rows) == bp.LIMIT for t in tables)
    assert f"Showing the {bp.LIMIT} most recent of {p.in_force:,} decisions in " \
           "force; the decision log and the inquiry record hold them all." in notes
    assert any(n.startswith("The first event of each kind and the 20 most recent, of "
                            f"{len(p.journey.events):,} events") for n in notes)
    decisions = next(t for t in tables if t.headers[0] == "Entry" and len(t.headers) == 5)
    assert decisions.rows[-1][0] == p.decisions[-1].head.label  # the latest kept


def test_the_pack_reads_chains_in_batches_as_one_by_one(small):
    """The pack derives decisions from their chains a few hundred per statement
    (decisions.states); that gives what reading each decision alone (decisions.detail) does,
    amendments and actions done included."""
    from commandcenter.reports.briefing_pack_data import _decision_actions, gather
    from commandcenter.services import decisions as d

    vault = gen_vault.unlock(_paths(small[0]))
    try:
        p = gather(vault)
        for x in p.decisions:
            alone = d.detail(vault, decision_id=x.head.decision_id).state
            assert (x.state.fields, x.state.done, x.state.review_by) == \
                (alone.fields, alone.done, alone.review_by)
        expected = []
        for decision_id, label in d.with_open_actions(vault, incident_id=p.incident.id):
            state = d.detail(vault, decision_id=decision_id).state
            expected += [(item["action"], label) for n, item in
                         enumerate(state.fields["actions"]) if n not in state.done]
        got = [(a.action, a.source) for a in _decision_actions(vault, p.incident.id)]
        assert got == expected and got
        everything = d.page(vault, filters=d.Filters(incident_id=p.incident.id), limit=1000)
        ids = [h.decision_id for h in everything.rows]
        batched = d.states(vault, ids)
        assert any(s.amendments for s in batched.values())
        for decision_id in ids:
            alone = d.detail(vault, decision_id=decision_id).state
            assert batched[decision_id].chain == alone.chain
    finally:
        vault.lock()


def test_the_timeline_list_pages_through_every_event_newest_first(small):
    """The list reads a page at a time (journey.timeline.events_page): every event once,
    newest first, the same as the full read the chart uses."""
    from commandcenter.services import journey
    from commandcenter.services.journey.timeline import events_page

    vault = gen_vault.unlock(_paths(small[0]))
    try:
        full = journey.load(vault).events
        seen, after, pages = [], None, 0
        while True:
            page = events_page(vault, after=after, limit=64)
            seen += page.events
            pages += 1
            if not page.more:
                break
            after = (page.events[-1].at, page.events[-1].id)
        assert pages == -(-len(full) // 64) and len(seen) == len(full) > 64
        assert [e.id for e in seen] == [e.id for e in sorted(
            full, key=lambda e: (e.at, e.id), reverse=True)]
        assert set(page.phase_names.values()) <= {p.name for p in journey.load(vault).phases}
    finally:
        vault.lock()
