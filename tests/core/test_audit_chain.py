"""The audit trail is append-only even for someone holding the key, and hash-chained so a row
changed or removed behind the triggers' back is reported at the right entry."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, exc as sa_exc, text
from sqlmodel import Session, SQLModel, select

from commandcenter.models import AuditEntry
from commandcenter.models.base import iso
from commandcenter.services import audit
from commandcenter.vault.unlocked import Actor


def _append_notes(vault, n: int) -> None:
    for i in range(n):
        with vault.write() as session:
            audit.record(vault, session, "test.note", "test", None, {"n": i})


def _triggers(conn) -> dict[str, str]:
    """The triggers' SQL exactly as migration 0001 created them (SQLite keeps the text)."""
    rows = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND tbl_name = 'audit_entry'").all()
    return dict(rows)


def _behind_the_triggers_back(vault, name: str, statement: str) -> None:
    """What someone with the key and a SQLite shell could do: drop the guard, change the
    row, put the guard back exactly as it was."""
    with vault.engine.begin() as conn:
        sql = _triggers(conn)[name]
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
        conn.exec_driver_sql(statement)
        conn.exec_driver_sql(sql)


def _verify(vault) -> audit.ChainReport:
    with vault.read() as session:
        return audit.verify_chain(session)


@pytest.mark.parametrize("statement,words", [
    ("UPDATE audit_entry SET payload = '{\"n\":99}' WHERE seq = 3", "cannot be changed"),
    ("UPDATE audit_entry SET hash = hash WHERE seq = 3", "cannot be changed"),
    ("DELETE FROM audit_entry WHERE seq = 3", "cannot be deleted"),
    ("DELETE FROM audit_entry", "cannot be deleted"),
])
def test_sealed_rows_refuse_update_and_delete_with_the_key(vault, statement, words):
    _append_notes(vault, 5)
    before = _verify(vault)
    with pytest.raises(sa_exc.DatabaseError) as err:
        with vault.engine.begin() as conn:
            conn.exec_driver_sql(statement)
    assert "append-only" in str(err.value) and words in str(err.value)
    after = _verify(vault)
    assert after.ok and (after.count, after.head) == (before.count, before.head)


def test_orm_change_to_a_sealed_row_is_refused(vault):
    _append_notes(vault, 2)
    with pytest.raises(sa_exc.DatabaseError, match="append-only"):
        with vault.write() as session:
            entry = session.get(AuditEntry, 2)
            entry.operator_name = "Someone else"
            session.add(entry)
    assert _verify(vault).ok


def test_row_rewritten_behind_the_triggers_is_reported_at_its_entry(vault):
    _append_notes(vault, 6)
    with vault.engine.connect() as conn:
        triggers = _triggers(conn)
    target = _verify(vault).count - 2
    _behind_the_triggers_back(
        vault, "audit_entry_no_update",
        f"UPDATE audit_entry SET payload = '{{\"n\":\"forged\"}}' WHERE seq = {target}")
    with vault.engine.connect() as conn:
        assert _triggers(conn) == triggers  # the guard is back, identical
    report = _verify(vault)
    assert not report.ok
    assert report.broken_at == target
    assert f"#{target}" in report.message and "changed" in report.message


def test_deleted_row_is_reported_missing_at_its_entry(vault):
    _append_notes(vault, 6)
    target = 4
    _behind_the_triggers_back(vault, "audit_entry_no_delete",
                              f"DELETE FROM audit_entry WHERE seq = {target}")
    report = _verify(vault)
    assert not report.ok
    assert report.broken_at == target
    assert f"#{target}" in report.message and "missing" in report.message


def test_relinked_forgery_is_still_caught(vault):
    """Rewriting a row and recomputing its own hash breaks the next entry's link."""
    _append_notes(vault, 5)
    with vault.read() as session:
        entry = session.get(AuditEntry, 3)
    entry.payload = '{"n":"forged"}'
    new_hash = audit.entry_hash(entry)
    _behind_the_triggers_back(
        vault, "audit_entry_no_update",
        f"UPDATE audit_entry SET payload = '{entry.payload}', hash = '{new_hash}' WHERE seq = 3")
    report = _verify(vault)
    assert not report.ok and report.broken_at == 4 and "link" in report.message


def test_receipt_carries_the_chain_head(vault):
    _append_notes(vault, 3)
    with vault.read() as session:
        seq, head = audit.chain_head(session)
    receipt = audit.receipt(vault)
    assert head in receipt and head[:audit.RECEIPT_HASH_CHARS] in receipt
    assert f"#{seq}" in receipt and vault.vault_id in receipt
    _append_notes(vault, 1)
    assert head not in audit.receipt(vault)  # a receipt is of one moment of the chain


# --- property: any chain verifies; any one change is found at its entry ----------------------

_ENGINE = create_engine("sqlite://")  # plain SQLite: the chain logic is what is under test
SQLModel.metadata.create_all(_ENGINE, tables=[AuditEntry.__table__])
_ACTOR = Actor("11111111-1111-1111-1111-111111111111", "Dana", "lead")
_START = datetime(2026, 1, 1, tzinfo=UTC)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**9, 10**9) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=8)
payloads = st.dictionaries(st.text(min_size=1, max_size=10), json_values, max_size=4)
FIELDS = ["seq", "id", "origin_vault_id", "at", "operator_id", "operator_name", "action",
          "entity_type", "entity_id", "payload", "prev_hash", "hash"]


def _new_value(field: str, old, draw):
    if field == "seq":
        return old + draw(st.integers(1000, 2000))
    if field == "at":
        return iso(_START + timedelta(seconds=draw(st.integers(0, 10**8))))
    if field in ("hash", "prev_hash"):
        return draw(st.text("0123456789abcdef", min_size=64, max_size=64))
    return draw(st.text(min_size=1, max_size=40))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), entries=st.lists(payloads, min_size=1, max_size=12))
def test_any_chain_verifies_and_any_single_change_is_found_at_its_entry(data, entries):
    with Session(_ENGINE) as session:
        session.execute(text("DELETE FROM audit_entry"))
        for n, payload in enumerate(entries):
            audit.append(session, vault_id="v" * 36, actor=_ACTOR, action="test.note",
                         entity_type="test", entity_id=None, payload=payload,
                         at=_START + timedelta(seconds=n))
        session.commit()
        report = audit.verify_chain(session)
        assert report.ok and report.count == len(entries)

        seq = data.draw(st.integers(1, len(entries)), label="entry")
        field = data.draw(st.sampled_from(FIELDS), label="field")
        old = session.execute(text(f"SELECT {field} FROM audit_entry WHERE seq = {seq}")).one()[0]
        new = _new_value(field, old, data.draw)
        assume(new != old)
        session.execute(text(f"UPDATE audit_entry SET {field} = :v WHERE seq = :s"),
                     params={"v": new, "s": seq})
        session.commit()
        session.expunge_all()
        report = audit.verify_chain(session)
        assert not report.ok
        assert report.broken_at == seq, (field, report.message)


def test_an_entry_is_stored_as_the_model_reads_it(vault, monkeypatch):
    """append writes by one plain INSERT: what it returns is what the AuditEntry model reads
    back (every column, the time in the stored UTC text form), linked so verify accepts it."""
    at = datetime(2026, 12, 1, 7, 30, 0, 123456, tzinfo=UTC)
    monkeypatch.setattr(audit, "utcnow", lambda: at)
    with vault.write() as session:
        first = audit.record(vault, session, "test.note", "test", "e1", {"n": 1, "é": "ü"})
        second = audit.record(vault, session, "test.note", "test", "e1", {"n": 1, "é": "ü"})
        after = audit.record(vault, session, "test.after", "test")
    with vault.read() as session:
        stored = {e.seq: e for e in session.exec(
            select(AuditEntry).where(AuditEntry.seq >= first.seq)).all()}
        raw_at = session.execute(text("SELECT at FROM audit_entry WHERE seq = :s"),
                                 params={"s": second.seq}).scalar()
    columns = ("id", "origin_vault_id", "at", "operator_id", "operator_name", "action",
               "entity_type", "entity_id", "payload", "prev_hash", "hash")
    for entry in (first, second, after):
        assert all(getattr(stored[entry.seq], c) == getattr(entry, c) for c in columns)
    assert raw_at == iso(at)
    assert (second.seq, second.prev_hash) == (first.seq + 1, first.hash)
    assert after.prev_hash == second.hash
    report = _verify(vault)
    assert report.ok and report.head == after.hash


def test_append_errors_are_sqlalchemy_errors(vault, monkeypatch):
    """The DB-API cursor's errors come back as SQLAlchemy's (what vault.write translates and
    callers catch), without the statement's parameters (vault content)."""
    with vault.write() as session:
        audit.record(vault, session, "test.note", "test", None, {"secret": "plaintext"})
    monkeypatch.setattr(audit, "new_id", lambda: _stored_id(vault))  # a duplicate id
    with pytest.raises(sa_exc.IntegrityError) as err:
        with vault.write() as session:
            audit.record(vault, session, "test.note", "test", None, {"secret": "plaintext"})
    assert "UNIQUE" in str(err.value) and "plaintext" not in str(err.value)
    assert _verify(vault).ok


def _stored_id(vault) -> str:
    with vault.read() as session:
        return session.execute(text("SELECT id FROM audit_entry ORDER BY seq DESC LIMIT 1")
                               ).scalar_one()
