"""Talking points: words frozen once submitted (by the database itself), four-eyes approval
with the configured number of approvals, rejection back to draft, the current line across
supersede / retire / expiry / needs-review, dependents flagged by the real decision service,
and template placeholders that block approval."""

from datetime import timedelta

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from commandcenter.models.base import utcnow
from commandcenter.services import audit, decisions, facts, incidents, settings
from commandcenter.services import talking_points as tp
from commandcenter.services.errors import ValidationError
from commandcenter.services.talking_points import current_line
from commandcenter.vault.errors import PermissionDenied
from commandcenter.vault.unlocked import Actor

EDITOR = Actor("e0000000-0000-0000-0000-000000000001", "Elena Editor", "editor")
APPROVER = Actor("a0000000-0000-0000-0000-000000000002", "Marcus Approver", "approver")
APPROVER2 = Actor("a0000000-0000-0000-0000-000000000003", "Priya Approver", "approver")


@pytest.fixture
def tv(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    return vault


def as_(vault, actor):
    vault.actor = actor
    return vault


def line(title="Holding statement", audiences=("customers",), **kw) -> tp.LineInput:
    kw.setdefault("body", "We are sorry. Card data was taken.")
    return tp.LineInput(kind=kw.pop("kind", "holding_statement"), title=title,
                        audiences=audiences, **kw)


def approved(vault, data=None, approver=APPROVER):
    lead = vault.actor
    saved = tp.create(as_(vault, EDITOR), data=data or line())
    tp.submit(vault, version_id=saved.version_id)
    tp.approve(as_(vault, approver), version_id=saved.version_id)
    as_(vault, lead)
    return saved


def _raw(vault, sql, **params):
    with vault.engine.begin() as conn:
        return conn.execute(text(sql), params)


def _board(vault, now=None):
    return tp.board(vault, now=now)


def test_a_submitted_version_cannot_change_even_with_the_key(tv):
    fact = facts.add_fact(tv, statement="Malware removed", status="confirmed")
    saved = tp.create(as_(tv, EDITOR), data=line())
    tp.update_draft(tv, version_id=saved.version_id, data=line(body="Draft two.",
                                                               fact_ids=(fact.id,)))
    tp.submit(tv, version_id=saved.version_id)
    with pytest.raises(ValidationError, match="Only a draft"):
        tp.update_draft(tv, version_id=saved.version_id, data=line(body="Sneaky edit."))
    with pytest.raises(sa_exc.DatabaseError, match="frozen"):
        _raw(tv, "UPDATE talking_point_version SET body = 'x' WHERE id = :i",
             i=saved.version_id)
    with pytest.raises(sa_exc.DatabaseError, match="cannot be deleted"):
        _raw(tv, "DELETE FROM talking_point_version WHERE id = :i", i=saved.version_id)
    with pytest.raises(sa_exc.DatabaseError, match="append-only"):
        _raw(tv, "DELETE FROM talking_point_link WHERE version_id = :i", i=saved.version_id)
    tp.approve(as_(tv, APPROVER), version_id=saved.version_id, comment="ok")
    for sql in ("UPDATE talking_point_review SET comment = 'x'",
                "DELETE FROM talking_point_review"):
        with pytest.raises(sa_exc.DatabaseError, match="append-only"):
            _raw(tv, sql)
    history = tp.history(tv, point_id=saved.point_id)
    assert history.versions[0].body == "Draft two."
    assert [r.comment for r in history.reviews[saved.version_id]] == ["ok"]


def test_the_author_cannot_approve_and_roles_are_enforced(tv):
    lead_author = tp.create(tv, data=line())  # the lead wrote it
    tp.submit(tv, version_id=lead_author.version_id)
    with pytest.raises(ValidationError, match="four-eyes"):
        tp.approve(tv, version_id=lead_author.version_id)
    with pytest.raises(PermissionDenied):
        tp.approve(as_(tv, EDITOR), version_id=lead_author.version_id)
    with pytest.raises(PermissionDenied):
        tp.create(as_(tv, Actor("s", "Jordan", "spokesperson")), data=line())
    with pytest.raises(PermissionDenied):
        tp.list_lines(tv)
    assert tp.board(tv).lines == {}  # a spokesperson reads the board
    # An editor who touched the draft counts as its author too.
    other = tp.create(as_(tv, EDITOR), data=line("Other"))
    tp.update_draft(as_(tv, APPROVER), version_id=other.version_id, data=line("Other", body="b"))
    tp.submit(tv, version_id=other.version_id)
    with pytest.raises(ValidationError, match="four-eyes"):
        tp.approve(tv, version_id=other.version_id)
    assert tp.history(as_(tv, EDITOR), point_id=other.point_id).versions[0].status == \
        "in_review"


def test_the_configured_number_of_approvals_is_enforced(tv):
    settings.set_setting(tv, key="approvals_required", value=2)
    saved = tp.create(as_(tv, EDITOR), data=line())
    tp.submit(tv, version_id=saved.version_id)
    first = tp.approve(as_(tv, APPROVER), version_id=saved.version_id)
    assert first.status == "in_review" and _board(tv).lines == {}
    with pytest.raises(ValidationError, match="already approved"):
        tp.approve(tv, version_id=saved.version_id)
    second = tp.approve(as_(tv, APPROVER2), version_id=saved.version_id, comment="fine")
    assert second.status == "approved"
    assert [v.id for v in _board(tv).lines["customers"]] == [saved.version_id]
    with tv.read() as session:
        actions = [e.action for e in audit.recent_entries(tv, limit=5)]
        assert audit.verify_chain(session).ok
    assert actions[:2] == ["talking_point.approval", "talking_point.approval"]


def test_rejection_returns_to_draft_with_its_reason(tv):
    saved = tp.create(as_(tv, EDITOR), data=line())
    tp.submit(tv, version_id=saved.version_id)
    with pytest.raises(ValidationError, match="why"):
        tp.reject(as_(tv, APPROVER), version_id=saved.version_id, reason=" ")
    back = tp.reject(tv, version_id=saved.version_id, reason="Say sorry first")
    assert back.status == "draft"
    v = tp.history(tv, point_id=saved.point_id).versions[0]
    assert v.reject_reason == "Say sorry first"
    review = tp.history(tv, point_id=saved.point_id).reviews[saved.version_id][0]
    assert (review.outcome, review.operator_name, review.created_by) == \
        ("reject", APPROVER.name, APPROVER.id)
    tp.update_draft(as_(tv, EDITOR), version_id=saved.version_id, data=line(body="Sorry."))
    tp.submit(tv, version_id=saved.version_id)
    assert tp.approve(as_(tv, APPROVER), version_id=saved.version_id).status == "approved"


def test_bad_input_is_refused_and_changes_nothing(tv):
    as_(tv, EDITOR)
    for data, field in ((line(title=""), "title"), (line(audiences=()), "audiences"),
                        (line(audiences=("martians",)), "audiences"),
                        (line(kind="qa"), "question"),
                        (line(pillars=(tp.Pillar("a"),) * 4, kind="key_message"), "pillars")):
        with pytest.raises(ValidationError) as err:
            tp.create(tv, data=data)
        assert err.value.field == field
    assert tp.list_lines(tv) == []


# --- the current line -----------------------------------------------------------------------

def test_current_line_follows_supersede_retire_and_the_clock(tv):
    now = utcnow()
    first = approved(tv, line(expires_at=now + timedelta(hours=2)))
    board = _board(tv)
    assert [v.version for v in board.lines["customers"]] == [1]
    assert [d.what for d in board.due] == ["expiring soon"]
    # A new version replaces the first only once it is approved.
    v2 = tp.new_version(as_(tv, EDITOR), point_id=first.point_id,
                        data=line(body="Version two.", expires_at=now + timedelta(days=3)))
    assert [v.version for v in _board(tv).lines["customers"]] == [1]
    tp.submit(tv, version_id=v2.version_id)
    tp.approve(as_(tv, APPROVER), version_id=v2.version_id)
    assert [v.text for v in _board(tv).lines["customers"]] == ["Version two."]
    statuses = [v.status for v in tp.history(tv, point_id=first.point_id).versions]
    assert statuses == ["superseded", "approved"]
    # The clock moves past expiry: the line leaves the board and an "expired" item is due.
    later = now + timedelta(days=4)
    assert _board(tv, later).lines == {}
    assert [d.what for d in _board(tv, later).due] == ["expired"]
    assert tp.list_lines(tv, now=later)[0].status == "expired"
    # Retired: gone from the board, whatever the clock.
    tp.retire(tv, point_id=first.point_id, reason="done")
    assert _board(tv).lines == {}


def test_current_line_pure_cases():
    now = utcnow()

    def v(point, n, status, **kw):
        return current_line.VersionInfo(f"{point}{n}", point, n, kw.pop("kind", "qa"),
                                        kw.pop("title", point), kw.pop("aud", ("media",)),
                                        kw.pop("ch", ()), status, **kw)

    versions = [
        v("a", 1, "superseded"), v("a", 2, "approved"),
        v("b", 1, "approved", valid_from=now + timedelta(hours=1)),  # not yet valid
        v("c", 1, "needs_review"),  # flagged: off the line, and due
        v("d", 1, "approved", expires_at=now - timedelta(minutes=1)),  # expired
        v("e", 1, "approved", ch=("press",), aud=("media", "customers")),
        v("f", 1, "approved"), v("f", 2, "in_review"),  # an open draft keeps v1 current
        v("g", 1, "approved", review_by=now - timedelta(hours=1)),
    ]
    board = current_line.compute(versions, now)
    assert [x.id for x in board.lines["media"]] == ["a2", "e1", "f1", "g1"]
    assert [x.id for x in board.lines["customers"]] == ["e1"]
    assert current_line.compute(versions, now, channel="website").lines["media"][0].id == "a2"
    assert "e1" not in [x.id for x in
                        current_line.compute(versions, now, channel="website").lines["media"]]
    assert {(d.version_id, d.what) for d in board.due} == {
        ("c1", "needs review"), ("d1", "expired"), ("g1", "review due")}
    assert "b1" in [x.id for x in
                    current_line.compute(versions, now + timedelta(hours=2)).lines["media"]]
    retired = current_line.compute(versions, now, retired_points=frozenset({"a"}))
    assert "a2" not in [x.id for x in retired.lines["media"]]


# --- dependents -----------------------------------------------------------------------------

def test_superseding_a_linked_decision_flags_exactly_the_dependent_points(tv):
    d1 = decisions.log_decision(tv, data=decisions.DecisionInput(
        "Disclose on Friday", "Time to brief banks", ("Dana",)))
    d2 = decisions.log_decision(tv, data=decisions.DecisionInput(
        "Offer credit monitoring", "Make amends", ("Dana",)))
    on_d1 = approved(tv, line("Disclosure timing", decision_ids=(d1.decision_id,)))
    also_d1 = approved(tv, line("Both", audiences=("media",),
                                decision_ids=(d1.decision_id, d2.decision_id)))
    on_d2 = approved(tv, line("Monitoring", decision_ids=(d2.decision_id,)))
    unlinked = approved(tv, line("Sorry"))
    draft_d1 = tp.create(as_(tv, EDITOR), data=line("Draft", decision_ids=(d1.decision_id,)))
    assert len(_board(tv).lines["customers"]) == 3

    decisions.supersede(as_(tv, Actor(tv.actor.id, "Dana", "lead")),
                        decision_id=d1.decision_id, data=decisions.DecisionInput(
                            "Disclose today", "The story is out", ("Dana",)))
    rows = {r.point_id: r for r in tp.list_lines(tv)}
    assert rows[on_d1.point_id].status == "needs_review"
    assert rows[also_d1.point_id].status == "needs_review"
    assert "superseded by WR1-0003" in rows[on_d1.point_id].flag_reason
    assert rows[on_d2.point_id].status == "approved"
    assert rows[unlinked.point_id].status == "approved"
    assert rows[draft_d1.point_id].status == "draft" and rows[draft_d1.point_id].flag_reason
    board = _board(tv)
    assert {v.point_id for v in board.lines["customers"]} == {on_d2.point_id,
                                                              unlinked.point_id}
    assert "media" not in board.lines
    assert sorted(d.version_id for d in board.due if d.what == "needs review") == \
        sorted([on_d1.version_id, also_d1.version_id])
    # Re-approved by an approver: back on the line (a new round: old approvals do not count).
    tp.approve(as_(tv, APPROVER2), version_id=on_d1.version_id, comment="still true")
    assert on_d1.point_id in {v.point_id for v in _board(tv).lines["customers"]}
    # Linking a decision no longer in force is refused.
    with pytest.raises(ValidationError, match="superseded"):
        tp.create(as_(tv, EDITOR), data=line("Late", decision_ids=(d1.decision_id,)))


def test_rescinding_a_decision_and_retracting_a_fact_flag_their_lines(tv):
    d1 = decisions.log_decision(tv, data=decisions.DecisionInput("Discount", "Goodwill",
                                                                 ("Dana",)))
    fact = facts.add_fact(tv, statement="Online orders affected", status="likely")
    on_d = approved(tv, line("Discount", decision_ids=(d1.decision_id,)))
    on_f = approved(tv, line("Online", fact_ids=(fact.id,)))
    decisions.rescind(tv, decision_id=d1.decision_id, reason="Too early")
    assert facts.set_status(tv, fact_id=fact.id, status="confirmed") == []  # an upgrade
    assert facts.set_status(tv, fact_id=fact.id, status="retracted") == [on_f.version_id]
    statuses = {r.point_id: r.status for r in tp.list_lines(tv)}
    assert statuses == {on_d.point_id: "needs_review", on_f.point_id: "needs_review"}


# --- the library ----------------------------------------------------------------------------

def test_unfilled_template_placeholders_block_approval(tv):
    keys = [t.key for t in tp.library.templates()]
    assert "holding-payment-card" in keys and any(k.startswith("qa-") for k in keys)
    values = {"company": "Larkmont", "date": "14 December", "hotline": "+1 614 555 0147"}
    saved = tp.library.instantiate(as_(tv, EDITOR), key="holding-payment-card", values=values)
    v = tp.history(tv, point_id=saved.point_id).versions[0]
    assert "Larkmont" in v.body and "{hotline}" not in v.body and "{website}" in v.body
    tp.submit(tv, version_id=saved.version_id)
    with pytest.raises(ValidationError, match=r"\{period\}, \{website\}, \{next_update\}"):
        tp.approve(as_(tv, APPROVER), version_id=saved.version_id)
    assert tp.history(tv, point_id=saved.point_id).versions[0].status == "in_review"
    assert tp.history(tv, point_id=saved.point_id).reviews == {}
    tp.reject(tv, version_id=saved.version_id, reason="placeholders")
    filled = tp.library.filled_input(tp.library.template("holding-payment-card"), {
        **values, "period": "25 Nov to 14 Dec", "website": "larkmont.example",
        "next_update": "18:00 daily"})
    tp.update_draft(as_(tv, EDITOR), version_id=saved.version_id, data=filled)
    tp.submit(tv, version_id=saved.version_id)
    assert tp.approve(as_(tv, APPROVER), version_id=saved.version_id).status == "approved"


def test_every_library_template_is_valid_once_filled():
    for tpl in tp.library.templates():
        values = {name: "x" for name in tpl.placeholders()}
        data = tp.library.filled_input(tpl, values).cleaned()
        assert not tp.library.placeholders.unfilled([data.body, data.question, data.title])


def test_the_json_export_carries_points_versions_reviews_and_links(tv, tmp_path):
    import json

    from commandcenter.reports import json_export

    fact = facts.add_fact(tv, statement="Malware removed", status="confirmed")
    saved = approved(tv, line(fact_ids=(fact.id,)))
    tp.retire(tv, point_id=saved.point_id, reason="done")
    json_export.export_json(tv, tmp_path / "out.json")
    tables = json.loads((tmp_path / "out.json").read_text())["tables"]
    rows = {name: tables[name]["rows"] for name in (
        "talking_point", "talking_point_version", "talking_point_review",
        "talking_point_link", "fact")}
    assert [r["kind"] for r in rows["talking_point"]] == ["holding_statement"]
    assert [(r["version"], r["status"]) for r in rows["talking_point_version"]] == \
        [(1, "retired")]
    assert [(r["outcome"], r["operator_name"]) for r in rows["talking_point_review"]] == \
        [("approve", APPROVER.name)]
    assert [(r["target_type"], r["target_id"]) for r in rows["talking_point_link"]] == \
        [("fact", fact.id)]
    assert rows["fact"][0]["statement"] == "Malware removed"
