"""Shift handover (issue 8): the sections on crafted data, the sign-off sealed in the audit
chain in one transaction, the next handover listing only what came after, a wrong incoming
passphrase or the same operator refused with nothing changed, and the PDF (items, footer
stamp, a stamp that follows the content, no plaintext left in the temp directory)."""

import io
import os
from datetime import UTC, datetime, timedelta

import pypdf
import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import func, text
from sqlmodel import select

from commandcenter.models import AuditEntry, Handover as HandoverRow
from commandcenter.models.base import utcnow
from commandcenter.reports import handover as report
from commandcenter.services import audit, dashboard, facts, handover, incidents, journey
from commandcenter.services import decisions as d
from commandcenter.services import operators
from commandcenter.services import roster as r
from commandcenter.services import talking_points as tp
from commandcenter.services.errors import ValidationError
from commandcenter.vault import integrity
from commandcenter.vault.errors import PermissionDenied, WrongPassphrase
from commandcenter.vault.unlocked import Actor
from tests.core.test_talking_points import APPROVER, EDITOR, as_, line

INCOMING_PASS = "incoming passphrase 1"
OPENED = datetime(2026, 11, 12, 20, 30, tzinfo=UTC)


def _decision(vault, what: str, *, decided: timedelta, review: timedelta | None):
    now = utcnow()
    return d.log_decision(vault, data=d.DecisionInput(
        what, "Because", ("Dana Lead",), decided_at=now - decided,
        review_by=now + review if review is not None else None,
        late_reason="typed up from the call notes" if decided > timedelta(minutes=15) else ""))


@pytest.fixture
def world(vault):
    """An incident with one of everything a handover lists, and a second operator (Marcus)
    who can take over."""
    lead = vault.actor
    incidents.create_incident(vault, data=incidents.IncidentInput(
        "INC-1", "Card breach", opened_at=OPENED))
    marcus = operators.add_operator(vault, name="Marcus Approver", role="approver",
                                    passphrase=INCOMING_PASS)
    overdue = _decision(vault, "Reissue every affected card", decided=timedelta(hours=3),
                        review=-timedelta(hours=1))
    soon = _decision(vault, "Open a hotline", decided=timedelta(hours=2),
                     review=timedelta(hours=3))
    later = _decision(vault, "Hire a second forensics firm", decided=timedelta(hours=1),
                      review=timedelta(days=3))
    fact = facts.add_fact(vault, statement="Fraud on cards is rising", status="likely")
    facts.set_status(vault, fact_id=fact.id, status="unconfirmed", note="issuers disagree")
    holding = tp.create(as_(vault, EDITOR), data=line("Holding statement", ("customers",)))
    tp.submit(vault, version_id=holding.version_id)
    tp.approve(as_(vault, APPROVER), version_id=holding.version_id)
    pending = tp.create(as_(vault, EDITOR), data=line("Hotline Q&A", ("customers",)))
    tp.submit(vault, version_id=pending.version_id)
    as_(vault, lead)
    journey.promise_from(vault, source="manual", stakeholder="customers",
                         due=utcnow() - timedelta(minutes=30),
                         promised_at=utcnow() - timedelta(hours=2), note="Fraud update")
    r.add(vault, data=r.SpokespersonInput("Maya Chen", email="maya@x.example",
                                          audiences=("media",)))
    return dict(vault=vault, lead=lead, marcus=marcus, overdue=overdue, soon=soon,
                later=later, fact=fact, holding=holding, pending=pending)


def _titles(section) -> list[str]:
    return [i.title for i in section.items]


def _sign(vault, h, marcus, notes=""):
    return handover.sign_off(vault, handover=h, incoming_id=marcus.id,
                             incoming_passphrase=INCOMING_PASS, notes=notes)


def _count(vault, model) -> int:
    with vault.read() as session:
        return session.exec(select(func.count()).select_from(model)).one()


# --- the sections -------------------------------------------------------------------------

def test_sections_list_what_is_open_and_what_happened(world):
    vault = world["vault"]
    h = handover.build(vault)
    assert (h.number, h.since, h.previous) == (1, OPENED, "")
    due = h.section("decisions_due")
    assert [i.title.split("  ", 1)[1] for i in due.items] == [
        "Reissue every affected card", "Open a hotline"]  # 3 days ahead: not this shift
    assert [i.state for i in due.items] == ["bad", "warn"]
    assert "Review due 1 h" in due.items[0].detail and "ago" in due.items[0].detail
    assert _titles(h.section("approvals")) == ["Hotline Q&A (v1)"]
    promise = h.section("promises").items
    assert len(promise) == 1 and promise[0].title == "Update to Customers"
    assert promise[0].state == "bad" and "Fraud update" in promise[0].detail
    assert _titles(h.section("spokespersons")) == ["Maya Chen"]
    assert "Gap" in h.section("spokespersons").items[0].detail
    logged = h.section("decisions_logged")
    assert [i.title.split("  ", 1)[1] for i in logged.items] == [
        "Reissue every affected card", "Open a hotline", "Hire a second forensics firm"]
    fact_items = h.section("facts").items
    assert [i.detail.split(" · ")[0] for i in fact_items] == ["New", "Changed"]
    assert "likely → unconfirmed" in fact_items[1].detail
    assert "issuers disagree" in fact_items[1].detail
    assert _titles(h.section("lines_approved")) == ["Holding statement (v1)"]


def test_open_sections_agree_with_the_dashboard_tiles(world):
    """The handover reads the dashboard's queries: the same numbers, item by item."""
    vault, now = world["vault"], utcnow()
    h = handover.build(vault, now=now)
    tiles = {t.key: t for t in dashboard.tiles(vault, now=now)}
    assert int(tiles["decisions_due"].value) == sum(
        i.state == "bad" for i in h.section("decisions_due").items)
    assert int(tiles["lines_queue"].value) == len(h.section("approvals").items)
    assert int(tiles["promises"].value) == sum(
        i.state == "bad" for i in h.section("promises").items)
    assert int(tiles["lines_due"].value) == len(h.section("lines").items)
    assert int(tiles["spokespersons"].value) == sum(
        i.state == "bad" for i in h.section("spokespersons").items)


def test_without_an_active_incident_there_is_nothing_to_hand_over(vault):
    with pytest.raises(ValidationError, match="No incident is active"):
        handover.build(vault)


def test_a_spokesperson_neither_hands_over_nor_takes_over(world):
    vault = world["vault"]
    jordan = operators.add_operator(vault, name="Jordan Ellis", role="spokesperson",
                                    passphrase=INCOMING_PASS)
    h = handover.build(vault)
    assert jordan.id not in {o.id for o in handover.candidates(vault)}
    with pytest.raises(ValidationError, match="spokesperson"):
        handover.sign_off(vault, handover=h, incoming_id=jordan.id,
                          incoming_passphrase=INCOMING_PASS)
    vault.actor = Actor(jordan.id, jordan.name, "spokesperson")
    with pytest.raises(PermissionDenied):
        handover.build(vault)


# --- signing off --------------------------------------------------------------------------

def test_sign_off_is_sealed_in_the_chain_by_both_operators(world):
    vault, marcus, lead = world["vault"], world["marcus"], world["lead"]
    h = handover.build(vault)
    row = _sign(vault, h, marcus, notes="Card issuers call at 09:00.")
    entries = audit.recent_entries(vault, limit=2)[::-1]
    assert [e.action for e in entries] == ["handover.signed_outgoing",
                                           "handover.signed_incoming"]
    assert [e.operator_id for e in entries] == [lead.id, marcus.id]
    assert all(e.entity_id == row.id for e in entries)
    assert f'"content_hash":"{row.content_hash}"' in entries[1].payload
    report_ = integrity.check(vault)
    assert report_.ok, report_.summary()
    back = handover.signed(row)
    assert back.content_hash == row.content_hash == h.with_notes(row.notes).content_hash
    assert back.sections == h.sections and back.signed.incoming == "Marcus Approver"
    with vault.write() as session, pytest.raises(sa_exc.DatabaseError, match="append-only"):
        session.execute(text("UPDATE handover SET notes = 'changed'"))
    with vault.write() as session, pytest.raises(sa_exc.DatabaseError, match="append-only"):
        session.execute(text("DELETE FROM handover"))


def test_the_next_handover_lists_only_what_came_after(world):
    vault, marcus = world["vault"], world["marcus"]
    first = _sign(vault, handover.build(vault), marcus)
    d.record_review(vault, decision_id=world["overdue"].id, outcome="Keep; reissue under way",
                    next_review_by=utcnow() + timedelta(days=2))
    facts.add_fact(vault, statement="New cards arrive within 10 days", status="confirmed")
    h = handover.build(vault)
    assert (h.number, h.since) == (2, first.until)
    assert h.previous == "Handover 1 (Dana Lead to Marcus Approver)"
    assert [i.detail for i in h.section("decisions_logged").items] == [
        "Keep; reissue under way"]
    assert _titles(h.section("facts")) == ["New cards arrive within 10 days"]
    assert h.section("lines_approved").items == ()
    # Still open: listed again, marked as carried over from the last handover.
    assert _titles(h.section("decisions_due")) == [world["soon"].label + "  Open a hotline"]
    assert all(i.carried for i in h.section("decisions_due").items)
    assert all(i.carried for i in h.section("approvals").items)


def test_a_wrong_incoming_passphrase_is_refused_and_nothing_changes(world):
    vault, marcus = world["vault"], world["marcus"]
    h = handover.build(vault)
    before = (_count(vault, HandoverRow), _count(vault, AuditEntry))
    with pytest.raises(WrongPassphrase, match="Wrong passphrase for Marcus Approver"):
        handover.sign_off(vault, handover=h, incoming_id=marcus.id,
                          incoming_passphrase="not it at all")
    with pytest.raises(ValidationError, match="types their passphrase"):
        handover.sign_off(vault, handover=h, incoming_id=marcus.id, incoming_passphrase="")
    assert (_count(vault, HandoverRow), _count(vault, AuditEntry)) == before


def test_the_same_operator_cannot_hand_over_to_themselves(vault):
    """A single-operator vault has nobody to hand over to: the incoming operator's own
    passphrase is the proof that someone else took over."""
    from tests.conftest import PASSPHRASE

    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    h = handover.build(vault)
    assert handover.candidates(vault) == []
    with pytest.raises(ValidationError, match="must be someone else"):
        handover.sign_off(vault, handover=h, incoming_id=vault.actor.id,
                          incoming_passphrase=PASSPHRASE)
    assert _count(vault, HandoverRow) == 0


def test_a_handover_built_before_another_was_signed_is_refused(world):
    vault, marcus = world["vault"], world["marcus"]
    stale = handover.build(vault)
    _sign(vault, handover.build(vault), marcus)
    with pytest.raises(ValidationError, match="signed meanwhile"):
        _sign(vault, stale, marcus)
    assert _count(vault, HandoverRow) == 1


def test_the_sign_off_is_one_transaction(world, monkeypatch):
    """If sealing the second signature fails, neither the row nor the first entry stays
    (what a kill -9 between the two writes would otherwise leave)."""
    vault, marcus = world["vault"], world["marcus"]
    h = handover.build(vault)
    before = (_count(vault, HandoverRow), _count(vault, AuditEntry))
    real = audit.append

    def second_fails(session, **kw):
        if kw["action"] == "handover.signed_incoming":
            raise RuntimeError("power cut")
        return real(session, **kw)

    monkeypatch.setattr(audit, "append", second_fails)
    with pytest.raises(RuntimeError, match="power cut"):
        _sign(vault, h, marcus)
    assert (_count(vault, HandoverRow), _count(vault, AuditEntry)) == before


# --- the PDF ------------------------------------------------------------------------------

def _pdf_pages(data: bytes) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_the_pdf_holds_the_items_and_the_stamp_on_every_page(world, tmp_path):
    vault, marcus = world["vault"], world["marcus"]
    out = tmp_path / "handover.pdf"
    result = report.export_handover(vault, out)
    pages = _pdf_pages(out.read_bytes())
    body = " ".join(" ".join(p.split()) for p in pages)
    for words in ("Reissue every affected card", "Open a hotline", "Hotline Q&A",
                  "Update to Customers", "Maya Chen", "Fraud on cards is rising",
                  "Decisions due for review", "Pending", "Act now"):
        assert words in body, words
    assert all(f"content {result['code']}" in p for p in pages)
    assert all(vault.vault_id[:8] in p for p in pages)
    last = audit.recent_entries(vault, limit=1)[0]
    assert last.action == "handover.exported" and result["code"] in last.payload

    row = _sign(vault, handover.build(vault), marcus, notes="Call the issuers at 09:00.")
    signed = report.export_handover(vault, tmp_path / "signed.pdf", number=1)
    text_ = " ".join(" ".join(p.split()) for p in _pdf_pages(
        (tmp_path / "signed.pdf").read_bytes()))
    assert signed["code"] == row.content_hash[:8].upper()
    assert "Call the issuers at 09:00." in text_ and "Marcus Approver" in text_
    assert "Signed" in text_


def test_the_stamp_follows_the_content(world):
    vault = world["vault"]
    now = utcnow()
    first, again = handover.build(vault, now=now), handover.build(vault, now=now)
    assert first.code == again.code
    assert report.render(vault, first, now=now) == report.render(vault, again, now=now)
    assert first.with_notes("Call the issuers").code != first.code
    facts.add_fact(vault, statement="A new fact", status="confirmed")
    changed = handover.build(vault, now=now + timedelta(seconds=1))
    assert changed.code != first.code
    stamped = " ".join(_pdf_pages(report.render(vault, changed)))
    assert f"content {changed.code}" in stamped and first.code not in stamped


def test_no_plaintext_left_in_the_temp_directory(world, tmp_path, monkeypatch):
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    report.export_handover(world["vault"], out_dir / "h.pdf")
    assert os.listdir(out_dir) == ["h.pdf"]
    assert os.listdir(temp) == []


# --- the demo and the command line --------------------------------------------------------

def test_the_demo_starts_from_a_signed_handover(tmp_path):
    from commandcenter.demo import seed
    from commandcenter.vault.paths import VaultPaths
    from tests.conftest import FAST_KDF

    vault = seed.seed_demo(VaultPaths.at(tmp_path / "demo"), kdf=FAST_KDF)
    try:
        (last,) = handover.history(vault)
        assert (last.number, last.outgoing, last.incoming) == (1, "Grace Liu",
                                                               "Dana Whitfield")
        h = handover.build(vault)
        assert h.number == 2 and h.since == last.until
        # Seeded after the handover: the roster's state and the line changed since.
        assert _titles(h.section("lines_approved")) == [
            "Working with banks and card issuers (v2)"]
        assert h.section("spokespersons").items and not any(
            i.carried for i in h.section("spokespersons").items)
        assert all(i.carried for i in h.section("decisions_due").items)
    finally:
        vault.lock()


def test_the_cli_signs_with_the_incoming_passphrase_file(world, tmp_path, capsys):
    from commandcenter.cli import main
    from tests.conftest import PASSPHRASE

    vault = world["vault"]
    data_dir = str(vault.paths.data_dir)
    vault.lock()
    own = tmp_path / "own.txt"
    own.write_text(PASSPHRASE + "\n")
    theirs = tmp_path / "theirs.txt"
    theirs.write_text("wrong one\n")
    base = ["--data-dir", data_dir, "handover", "--passphrase-file", str(own)]
    sign = [*base, "--sign", "--incoming", "marcus approver", "--incoming-passphrase-file",
            str(theirs), "--notes", "Issuers at 09:00"]
    assert main(sign) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["commandcenter: error: Wrong passphrase for Marcus Approver. Check it and "
                   "try again."]
    theirs.write_text(INCOMING_PASS + "\n")
    out = tmp_path / "h1.pdf"
    assert main([*sign, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Handover 1 signed: Dana Lead handed over to Marcus Approver" in printed
    assert "Issuers at 09:00" in " ".join(_pdf_pages(out.read_bytes()))
    assert main([*base, "--number", "1"]) == 0
    assert "(signed)" in capsys.readouterr().out
    assert main(base) == 0
    assert "Handover 2 of INC-1" in capsys.readouterr().out


def test_guessing_the_incoming_passphrase_is_slowed_down_like_unlocking(world):
    """The sign-off checks someone else's passphrase: after three wrong ones it waits, as the
    unlock does (vault.throttle), so an open vault is no place to guess a colleague's."""
    from commandcenter.services.handover import signoff
    from commandcenter.vault import throttle
    from commandcenter.vault.errors import TooManyAttempts

    vault, marcus = world["vault"], world["marcus"]
    for _ in range(throttle.FREE_ATTEMPTS):
        with pytest.raises(WrongPassphrase):
            signoff.prove_identity(vault, operator_id=marcus.id, passphrase="a guess 123")
    with pytest.raises(TooManyAttempts):
        signoff.prove_identity(vault, operator_id=marcus.id, passphrase=INCOMING_PASS)
