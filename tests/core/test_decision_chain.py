"""The decision chain's fast paths (chain.py) give exactly what the general json/strftime
forms give — an entry's hash, canonical JSON, parsed JSON, stored timestamps — and the
verifier's head comparison catches a forged value in every derived column of a head."""

import hashlib
import json
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from commandcenter.models.base import iso
from commandcenter.services import decisions as d
from commandcenter.services import incidents
from commandcenter.services.decisions import chain, verify


def _reference_json(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _reference_hash(row: dict) -> str:
    body = _reference_json({c: row[c] for c in chain.HASHED})
    return hashlib.sha256(f"{row['prev_hash']}\n{body}".encode()).hexdigest()


_STORED = st.one_of(st.none(), st.text(), st.integers())
# Values the log never stores, which must take the general encoder's path.
_ODD = st.one_of(st.floats(allow_nan=False), st.booleans())
_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text()),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)


@settings(max_examples=300)
@given(st.fixed_dictionaries({c: st.one_of(_STORED, _ODD) if c == "note" else _STORED
                              for c in chain.COLUMNS}))
def test_entry_hash_is_the_canonical_json_hash(row):
    assert chain.entry_hash(row) == _reference_hash(row)


@settings(max_examples=300)
@given(st.one_of(st.lists(st.text()), _JSON))
def test_canonical_json_is_json_dumps_with_sorted_keys(data):
    assert chain.canonical_json(data) == _reference_json(data)


@settings(max_examples=300)
@given(_JSON, st.sampled_from(["", " ", "\n"]))
def test_loads_reads_what_json_loads_reads(data, pad):
    for stored in (chain.canonical_json(data), pad + json.dumps(data) + pad):
        assert chain._loads(stored) == json.loads(stored)


@pytest.mark.parametrize("stored", ["", "[", "[1,]", "[]x", "\ufeff[]", "nan", None])
def test_loads_fails_as_json_loads_fails(stored):
    with pytest.raises(Exception) as expected:
        json.loads(stored)
    with pytest.raises(type(expected.value), match=re.escape(str(expected.value))):
        chain._loads(stored)


def test_loads_gives_a_new_list_each_time():
    first = chain._loads("[]")
    first.append("changed")
    assert chain._loads("[]") == []


@settings(max_examples=300)
@given(st.datetimes(min_value=datetime(2, 1, 1), timezones=st.sampled_from(
    [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))])))
def test_stored_time_text_is_models_iso(value):
    assert chain._iso(value) == iso(value)  # years before 1000 included: strftime's form
    if value.astimezone(UTC).year >= 1000:  # what parse_time can read back
        assert chain._iso(chain.parse_time(iso(value))) == iso(value)


# --- the verifier compares every derived column of a head -------------------------------

@pytest.fixture
def full_log(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    first = d.log_decision(vault, data=d.DecisionInput(
        "Disclose today", "Customers should hear it from us first", ("Dana Lead", "Sam Ops"),
        actions=(d.ActionItem("Draft the notice", "Sam Ops"), d.ActionItem("Brief the CEO")),
        review_by=d.chain.parse_time("2030-01-01T09:00:00.000000Z"), tags=("customers",)))
    d.amend(vault, decision_id=first.id, changes={"risk": "Press may run it first"})
    d.mark_action_done(vault, decision_id=first.id, action_index=0)
    with vault.read() as session:
        assert d.verify_log(session).ok
    return vault, first


def test_the_head_columns_are_what_a_chain_derives(full_log):
    vault, first = full_log
    state = d.detail(vault, decision_id=first.id).state
    assert tuple(state.head_row()) == verify.HEAD_COLUMNS


@pytest.mark.parametrize("column, forged", [
    ("incident_id", "another-incident"), ("log_book", "WR9"), ("number", 7),
    ("label", "WR1-0007"), ("decided_at", "2020-01-01T00:00:00.000000Z"),
    ("decision", "Say nothing"), ("decision_makers", "Dana Lead"), ("tags", "[]"),
    ("status", "rescinded"), ("superseded_by", "WR1-0002"),
    ("review_by", "2031-01-01T09:00:00.000000Z"), ("review_by", None), ("incomplete", 0),
    ("missing", "options"), ("entries", 1), ("open_actions", 2),
    ("last_entry_at", "2020-01-01T00:00:00.000000Z"), ("decision_id", "forged-id")])
def test_verify_catches_a_forged_head_column(full_log, column, forged):
    vault, _first = full_log
    with vault.engine.begin() as conn:
        conn.execute(text(f"UPDATE decision_head SET {column} = :v"), {"v": forged})
    with vault.read() as session:
        report = d.verify_log(session)
    assert not report.ok and "WR1-0001 is shown with a state" in report.message
