"""The reads every dashboard snapshot and roster open makes are answered from an index alone
(migration 0009): on an encrypted vault each table page they would read instead costs a
decryption and an HMAC check. Checked with EXPLAIN QUERY PLAN on a fresh vault, whose
planner has no statistics, as a new vault's has none."""

from sqlalchemy import text
from sqlmodel import select

from commandcenter.models import LineAssignment
from commandcenter.services.decisions import query as decisions_query
from commandcenter.services.journey import query as journey_query


def _plan(vault, statement, params=None) -> list[str]:
    """The plan's steps; a text() statement with its parameters, a select() with its
    values inlined."""
    with vault.read() as session:
        conn = session.connection()
        if params is None:
            sql = str(statement.compile(conn, compile_kwargs={"literal_binds": True}))
        else:
            sql = statement.text
        return [row[3] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}"),
                                               params or {})]


def _only_from(plan: list[str], index: str) -> None:
    searches = [step for step in plan if step.startswith(("SEARCH", "SCAN"))]
    assert searches, plan
    assert all(f"USING COVERING INDEX {index}" in step for step in searches), plan


def test_the_decision_counts_are_one_pass_over_the_status_index(vault):
    plan = _plan(vault, decisions_query._COUNTS, {"incident": "i", "now": "2026-01-01"})
    _only_from(plan, "ix_decision_head_status")


def test_the_first_of_each_milestone_kind_is_an_index_lookup(vault):
    plan = _plan(vault, journey_query._FIRST_OF_KINDS, {"i": "i"})
    _only_from(plan, "ix_timeline_event_kind")
    assert all("kind=?" in step for step in plan if step.startswith("SEARCH")), plan


def test_who_holds_which_line_is_read_from_the_index(vault):
    every = select(LineAssignment.spokesperson_id, LineAssignment.point_id).where(
        LineAssignment.status == "active")
    _only_from(_plan(vault, every), "ix_line_assignment_status")
    some = every.where(LineAssignment.spokesperson_id.in_(["a", "b"]))
    _only_from(_plan(vault, some), "ix_line_assignment_status")



def test_the_lines_that_may_be_current_are_read_from_their_index(vault):
    from commandcenter.services.talking_points import query as lines_query

    plan = _plan(vault, text(lines_query._VERSIONS_SQL + lines_query._MAY_BE_CURRENT),
                 {"incident": "i"})
    versions = [step for step in plan if " v " in f" {step} "]
    assert versions and all("COVERING INDEX ix_talking_point_version_current" in step
                            for step in versions), plan


def test_only_each_persons_last_acknowledgement_is_read(vault):
    """The latest per person comes from the index alone; only those rows are then read (a
    person acknowledges again whenever their lines change: the table's snapshots pile up)."""
    from commandcenter.services.briefing import acks

    plan = _plan(vault, acks._LATEST_SQL, {"incident": "i"})
    scans = [step for step in plan if step.startswith("SCAN line_acknowledgement")]
    searches = [step for step in plan if step.startswith("SEARCH a ")]
    assert scans and all("COVERING INDEX ix_line_ack_person" in step for step in scans), plan
    assert searches and all("INDEX ix_line_ack_person (spokesperson_id=? AND incident_id=? "
                            "AND created_at=?)" in step for step in searches), plan
    assert not [step for step in plan if step == "SCAN a"], plan
