"""Bad input everywhere (issue 10): every form's service is fed arbitrary text, odd times,
unknown keys and oversized values. Each call either succeeds or is refused with a
ValidationError (or another VaultError) naming what is wrong — never another exception — and
a refusal changes nothing: the audit chain, which every write extends, stays as it was.

Templates: any values for a template's placeholders give a draft or a clear refusal."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commandcenter.services import audit, facts, incidents, journey, roster
from commandcenter.services import decisions as d
from commandcenter.services import settings as vault_settings
from commandcenter.services import talking_points as tp
from commandcenter.services.errors import ValidationError
from commandcenter.services.talking_points import library
from commandcenter.vault.errors import VaultError

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
texts = st.text(max_size=300)
short = st.text(max_size=40)
tuples = st.lists(short, max_size=4).map(tuple)
NOW = datetime.now(UTC)
moments = st.one_of(st.none(), st.datetimes(min_value=datetime(1900, 1, 1),
                                            max_value=datetime(2200, 1, 1)),
                    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1),
                                 timezones=st.just(UTC)),
                    st.integers(-72, 72).map(lambda h: NOW + timedelta(hours=h)))


@pytest.fixture
def active(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    return vault


def _head(vault) -> tuple[int, str]:
    with vault.read() as session:
        return audit.chain_head(session)


def _refused_or_done(vault, call) -> None:
    before = _head(vault)
    try:
        call()
    except (ValidationError, VaultError):
        assert _head(vault) == before, "a refused call changed the vault"


@SETTINGS
@given(decision=texts, rationale=texts, makers=tuples, decided=moments, late=short,
       review=moments, tags=tuples, risk=texts)
def test_the_decision_forms(active, decision, rationale, makers, decided, late, review, tags,
                            risk):
    data = d.DecisionInput(decision, rationale, makers, decided_at=decided, late_reason=late,
                           review_by=review, tags=tags, risk=risk,
                           options=(d.OptionItem(risk[:20], "maybe", "yes", "no"),),
                           actions=(d.ActionItem(rationale[:30], decision[:20], due=review),))
    _refused_or_done(active, lambda: d.log_decision(active, data=data))


@SETTINGS
@given(kind=st.sampled_from(["holding_statement", "key_message", "qa", "bridging_line",
                             "do_not_say", "", "other"]),
       title=texts, audiences=st.lists(st.sampled_from(
           ["customers", "media", "board", "nobody", ""]), max_size=3).map(tuple),
       body=texts, question=texts, due=moments, expires=moments,
       pillars=st.lists(st.builds(tp.Pillar, short, tuples), max_size=4).map(tuple))
def test_the_talking_point_form(active, kind, title, audiences, body, question, due, expires,
                                pillars):
    data = tp.LineInput(kind, title, audiences, body, question=question, pillars=pillars,
                        next_update_due=due, expires_at=expires)
    _refused_or_done(active, lambda: tp.create(active, data=data))


@SETTINGS
@given(name=texts, role=short, org=short, phone=short, email=short, zone=short,
       trained=st.one_of(st.none(), st.dates()), languages=tuples, audiences=tuples,
       shifts=st.lists(st.fixed_dictionaries({"days": short, "start": short, "end": short}),
                       max_size=2).map(tuple))
def test_the_spokesperson_form(active, name, role, org, phone, email, zone, trained,
                               languages, audiences, shifts):
    data = roster.SpokespersonInput(name, role, org, phone, email, languages=languages,
                                    time_zone=zone, media_trained_on=trained,
                                    audiences=audiences, shifts=shifts)
    _refused_or_done(active, lambda: roster.add(active, data=data))


@SETTINGS
@given(code=short, title=texts, summary=texts, severity=short, opened=moments)
def test_the_incident_form(vault, code, title, summary, severity, opened):
    data = incidents.IncidentInput(code, title, summary, severity, opened)
    _refused_or_done(vault, lambda: incidents.create_incident(vault, data=data))


@SETTINGS
@given(statement=texts, status=short, source=short, at=moments,
       stakeholder=st.sampled_from(["customers", "media", "", "nobody", "x" * 300]),
       summary=texts, kind=st.sampled_from(["detected", "other", "", "party"]))
def test_facts_updates_and_timeline_events(active, statement, status, source, at,
                                           stakeholder, summary, kind):
    _refused_or_done(active, lambda: facts.add_fact(active, statement=statement, status=status,
                                                     source=source, established_at=at))
    _refused_or_done(active, lambda: journey.log_update(active, stakeholder=stakeholder,
                                                         summary=summary, at=at))
    _refused_or_done(active, lambda: journey.add_event(
        active, data=journey.EventInput(at, kind, summary)))


@SETTINGS
@given(key=st.sampled_from(["auto_lock_minutes", "approvals_required", "war_room_contact",
                            "media_training_max_months", "no_such_key"]),
       value=st.one_of(st.none(), st.integers(-10**6, 10**6), texts, st.booleans(),
                       st.floats(allow_nan=True)))
def test_the_settings_form(vault, key, value):
    _refused_or_done(vault, lambda: vault_settings.set_setting(vault, key=key, value=value))


@SETTINGS
@given(key=st.sampled_from([t.key for t in library.templates()] + ["no-such-template"]),
       values=st.dictionaries(st.sampled_from(["company", "date", "hotline", "url",
                                               "x{y}", ""]), texts, max_size=5))
def test_any_template_values_give_a_draft_or_a_refusal(active, key, values):
    _refused_or_done(active, lambda: library.instantiate(active, key=key, values=values))
