"""Full-text search over every text field of the log, and queries a person may type that are
not valid search syntax: always results or a clear message, never an exception."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commandcenter.search import fts
from commandcenter.search.query import SearchSyntaxError, parse
from commandcenter.services import decisions as d
from commandcenter.services import incidents


@pytest.fixture
def searchable(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    first = d.log_decision(vault, data=d.DecisionInput(
        "Retain Ashgrove Forensics", "Independent investigator needed", ("Priya Raman",),
        information=(d.InfoItem("Processor pattern", "Northbank acquirer"),),
        assumptions="Malware still active", uncertainties="Entry point unknown",
        options=(d.OptionItem("Investigate in-house", "partly", "yes", "no",
                              note="lacks independence"),),
        risk="Evidence spoilage", powers="Card network rules", expected_outcome="Clean report",
        actions=(d.ActionItem("Sign engagement letter", "Marcus"),),
        tags=("investigation",), workstream="Forensics"))
    second = d.log_decision(vault, data=d.DecisionInput(
        "Triple hotline staffing", "Call volume will spike", ("Tom Brennan",),
        tags=("customers",)))
    d.amend(vault, decision_id=second.id, changes={"risk": "Überlastung of agents"},
            note="Zendesk queue added")
    return vault, first, second


def _ids(vault, query: str, **filters) -> set[str]:
    result = d.page(vault, filters=d.Filters(text=query, **filters))
    assert not result.message, result.message
    return {h.decision_id for h in result.rows}


@pytest.mark.parametrize("word", ["Ashgrove", "independent", "Northbank", "pattern", "active",
                                  "entry", "inhouse", "independence", "spoilage", "network",
                                  "clean", "engagement", "Marcus", "investigation",
                                  "forensics", "Priya", "WR1"])
def test_finds_a_decision_by_a_word_in_any_field(searchable, word):
    vault, first, _ = searchable
    if word == "inhouse":
        word = '"in house"'  # a phrase: the tokenizer splits "in-house"
    assert first.id in _ids(vault, word)


def test_amendments_and_their_notes_find_the_decision(searchable):
    vault, first, second = searchable
    assert _ids(vault, "uberlastung") == {second.id}  # diacritics folded
    assert _ids(vault, "zendesk") == {second.id}


def test_prefix_phrase_or_not_and_filters(searchable):
    vault, first, second = searchable
    assert _ids(vault, "forens*") == {first.id}
    assert _ids(vault, '"hotline staffing"') == {second.id}
    assert _ids(vault, '"staffing hotline"') == set()
    assert _ids(vault, "ashgrove OR hotline") == {first.id, second.id}
    assert _ids(vault, "WR1 -hotline") == {first.id}
    assert _ids(vault, "ashgrove", maker="tom") == set()
    assert _ids(vault, "ashgrove", tag="investigation") == {first.id}


def test_tag_and_maker_filters_follow_amendments(searchable):
    vault, first, second = searchable
    assert _ids(vault, "", tag="customers") == {second.id}
    d.amend(vault, decision_id=second.id,
            changes={"tags": ["contact_centre"], "decision_makers": ["Ana Lima"]})
    assert _ids(vault, "", tag="customers") == set()
    assert _ids(vault, "", tag="contact_centre") == {second.id}
    assert _ids(vault, "", maker="tom") == set()
    assert _ids(vault, "", maker="LIMA") == {second.id}
    assert _ids(vault, "", maker="%") == set()  # a LIKE wildcard is a literal character
    assert d.options_in_use(vault) == (["contact_centre", "investigation"],
                                       ["Ana Lima", "Priya Raman"])


def test_many_entries_of_one_decision_stay_findable(searchable):
    vault, first, _ = searchable
    for n in range(5):
        d.amend(vault, decision_id=first.id, changes={"risk": f"risk{n}word"})
    assert all(_ids(vault, f"risk{n}word") == {first.id} for n in range(5))


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "OR", "*", "-", "a OR", "OR b",
                                   "-word", "()", "NEAR(", "col:value", "^", '"', "a OR OR b"])
def test_malformed_queries_give_a_message(searchable, query):
    vault, *_ = searchable
    result = d.page(vault, filters=d.Filters(text=query))
    if result.message:
        assert result.rows == [] and result.message.endswith(".")
    else:  # read as plain words (col:value -> "col value")
        assert isinstance(result.rows, list)


def test_the_engine_never_sees_syntax():
    # A quoted OR is a word; NEAR(…) and column filters are words too, each one quoted.
    expression = fts.match_expression(parse('x" OR "y NEAR(a) col:b'))
    assert expression == '("x" AND "OR" AND "y" AND "NEAR a" AND "col b")'


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('abc XYZ"*-():^+.,;OR AND NOT NEAR\'_é\t')),
               max_size=40) | st.text(max_size=30))
def test_any_query_gives_results_or_a_message(searchable, query):
    vault, *_ = searchable
    result = d.page(vault, filters=d.Filters(text=query))
    assert isinstance(result, d.Page)
    assert result.message == "" or (result.rows == [] and len(result.message) > 10)
    try:
        parse(query)
    except SearchSyntaxError:
        assert result.message


def _all_pages(vault, **filters) -> list[str]:
    """Every matching decision's label, paging 7 at a time, newest first."""
    labels, after = [], None
    while True:
        result = d.page(vault, filters=d.Filters(**filters), after=after, limit=7)
        assert not result.message, result.message
        labels += [h.label for h in result.rows]
        if not result.more:
            return labels
        after = (result.rows[-1].decided_at, result.rows[-1].number)


def test_both_search_plans_give_the_same_pages(vault, monkeypatch):
    """A search starts from the index's side when it matches few entries and walks the list
    when it matches many (query.SPARSE_MATCHES); either way the same decisions, in the same
    order, page after page, with the other filters applied."""
    from datetime import UTC, datetime, timedelta

    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    start = datetime(2026, 11, 1, tzinfo=UTC)
    words = ("card", "press", "legal", "hotline")
    d.log_many(vault, items=[d.DecisionInput(
        f"Decision {i} {words[i % 4]} {words[i % 3]}", "Because", ("Dana",),
        decided_at=start + timedelta(minutes=(i * 37) % 500), late_reason="imported",
        tags=(words[i % 2],)) for i in range(90)])
    queries = [dict(text="card"), dict(text="card legal"), dict(text="press OR hotline"),
               dict(text="card", tag="press"), dict(text="hotline -legal"),
               dict(text="legal", until=start + timedelta(minutes=250))]
    for filters in queries:
        monkeypatch.setattr(d.query, "SPARSE_MATCHES", 10**9)
        from_index = _all_pages(vault, **filters)
        monkeypatch.setattr(d.query, "SPARSE_MATCHES", 0)
        walked = _all_pages(vault, **filters)
        assert from_index == walked and len(walked) > 7, filters
