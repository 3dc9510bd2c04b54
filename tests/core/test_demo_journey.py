"""The demo's journey: the breach story from detection to rebuilding trust, on the story
clock, with exactly one overdue promise; and the JSON export carries all of it."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from commandcenter.demo import seed, seed_journey, story_clock
from commandcenter.reports.json_export import export_json
from commandcenter.services import journey as j
from commandcenter.vault import lifecycle
from commandcenter.vault.paths import VaultPaths
from tests.conftest import FAST_KDF

SEEDED_AT = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
SCENARIO = story_clock.for_today(seed.load_scenario(), SEEDED_AT)
AS_OF = seed.parse_utc(SCENARIO["as_of"])


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    paths = VaultPaths.at(tmp_path_factory.mktemp("demo") / "vault")
    seed.seed_demo(paths, kdf=FAST_KDF, now=SEEDED_AT).lock()
    lead = lifecycle.list_operators(paths)[0]
    vault = lifecycle.unlock_with_passphrase(paths, operator_id=lead.operator_id,
                                             passphrase="demo")
    yield vault
    vault.lock()


def test_the_story_runs_from_detection_to_rebuilding_trust(demo):
    data = j.load(demo, now=AS_OF)
    assert [p.name for p in data.phases] == SCENARIO["phases"]
    assert [s.key for s in data.stakeholders] == SCENARIO["stakeholders"]
    assert len(data.events) == len(SCENARIO["timeline"])
    assert data.events[0].kind == "detected" and data.current_phase == 4
    assert data.metrics.story_broke_first
    assert data.metrics.detection_to_disclosure == timedelta(days=5, hours=21, minutes=15)
    assert len(data.cells) >= 30
    states = {data.cell_state(i, s.id) for i in range(5) for s in data.stakeholders}
    assert states == {"ok", "empty", "stale"}  # the map shows its gaps


def test_exactly_one_promise_is_overdue_and_the_rest_kept_or_pending(demo):
    data = j.load(demo, now=AS_OF)
    (overdue,) = data.overdue()
    assert data.stakeholder_name(overdue.stakeholder_id) == "Card issuers and banks"
    states = {data.promise_state(p) for p in data.promises}
    assert {"kept", "late", "overdue"} <= states
    assert all(p.due_at > AS_OF for p in data.promises
               if data.promise_state(p) in ("open", "due_soon"))


def test_the_journey_file_moves_with_the_story_clock():
    moved = seed_journey.load_journey(SCENARIO)
    assert moved["as_of"] == SCENARIO["as_of"]


def test_the_json_export_includes_map_timeline_and_promises(demo, tmp_path):
    export_json(demo, tmp_path / "export.json")
    doc = json.loads((tmp_path / "export.json").read_text())
    tables = doc["tables"]
    for name in ("journey_phase", "stakeholder_group", "journey_cell", "timeline_event",
                 "stakeholder_update", "update_promise"):
        assert tables[name]["rows"], name
    cell = tables["journey_cell"]["rows"][0]
    assert isinstance(json.loads(cell["content"]), list)
