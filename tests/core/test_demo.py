"""The demo seed (resources/demo/scenario.json through the services) and resource lookup."""

import json
import sys
from datetime import UTC, datetime

import pytest

from commandcenter import resources
from commandcenter.demo import seed, story_clock
from commandcenter.services import audit, incidents, operators, status
from commandcenter.vault import lifecycle
from commandcenter.vault.errors import VaultAlreadyExists
from commandcenter.vault.paths import VaultPaths
from tests.conftest import FAST_KDF
from tests.fixtures.vaulttools import sha256

SEEDED_AT = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
# The story as the seed writes it: moved so that its `as_of` moment is the day of seeding.
SCENARIO = story_clock.for_today(seed.load_scenario(), SEEDED_AT)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    """One seeded demo vault for the read-only tests of this module (seeding is the slow part)."""
    paths = VaultPaths.at(tmp_path_factory.mktemp("demo") / "vault")
    seed.seed_demo(paths, kdf=FAST_KDF, now=SEEDED_AT).lock()
    return paths


@pytest.fixture
def demo(demo_dir):
    lead = lifecycle.list_operators(demo_dir)[0]
    vault = lifecycle.unlock_with_passphrase(demo_dir, operator_id=lead.operator_id,
                                             passphrase="demo")
    yield vault
    vault.lock()


def test_scenario_is_found_through_resource_path():
    path = resources.resource_path("demo", "scenario.json")
    assert path.is_file()
    assert json.loads(path.read_text(encoding="utf-8"))["company"]["short_name"] == "Larkmont"


def test_resource_path_inside_a_pyinstaller_bundle(monkeypatch, tmp_path):
    monkeypatch.delenv("CCC_RESOURCES_DIR", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("icons", "app.svg") == tmp_path / "resources" / "icons" / \
        "app.svg"


def test_vault_identity_comes_from_the_scenario(demo):
    st = status.vault_status(demo)
    assert st.vault_name == "Larkmont war room"
    assert st.log_book == SCENARIO["log_book_short_name"]
    assert demo.actor.name == SCENARIO["operators"][0]["name"]


def test_every_operator_is_there_with_their_role_and_the_demo_passphrase(demo, demo_dir):
    roster = {(o.name, o.role, o.status) for o in operators.list_operators(demo)}
    assert roster == {(p["name"], p["role"], "active") for p in SCENARIO["operators"]}
    for slot in lifecycle.list_operators(demo_dir)[1:]:
        other = lifecycle.unlock_with_passphrase(demo_dir, operator_id=slot.operator_id,
                                                 passphrase="demo")
        assert other.actor.name == slot.name
        other.lock()


def test_incidents_match_the_scenario_and_one_is_active(demo):
    by_code = {i.code: i for i in incidents.list_incidents(demo)}
    assert set(by_code) == {i["code"] for i in SCENARIO["incidents"]}
    for item in SCENARIO["incidents"]:
        inc = by_code[item["code"]]
        assert inc.status == item["status"]
        assert inc.opened_at == seed.parse_utc(item["opened_at"])
        assert inc.closed_at == seed.parse_utc(item["closed_at"])
        assert inc.summary == item["summary"]
    active = next(i for i in SCENARIO["incidents"] if i["active"])
    assert incidents.active_incident(demo).code == active["code"]


def test_everything_went_through_the_audited_services(demo):
    with demo.read() as session:
        chain = audit.verify_chain(session)
    assert chain.ok, chain.message
    actions = [e.action for e in audit.recent_entries(demo, limit=500)]
    assert actions.count("operator.added") == len(SCENARIO["operators"])
    assert actions.count("incident.created") == len(SCENARIO["incidents"])
    assert actions.count("incident.closed") == sum(
        1 for i in SCENARIO["incidents"] if i["status"] == "closed")


def test_seed_refuses_an_existing_vault_and_leaves_it_alone(demo_dir):
    before = sha256(demo_dir.db), sha256(demo_dir.keyfile)
    with pytest.raises(VaultAlreadyExists):
        seed.seed_demo(demo_dir, kdf=FAST_KDF)
    assert (sha256(demo_dir.db), sha256(demo_dir.keyfile)) == before


def test_a_failing_step_removes_the_half_seeded_vault(tmp_path, monkeypatch):
    def broken(passphrase):
        def fail(vault, scenario):
            raise RuntimeError("step failed")
        return [("incidents", seed.seed_incidents), ("broken", fail)]

    monkeypatch.setattr(seed, "seeders", broken)
    paths = VaultPaths.at(tmp_path / "v")
    with pytest.raises(RuntimeError, match="step failed"):
        seed.seed_demo(paths, kdf=FAST_KDF)
    assert not paths.db.exists() and not paths.keyfile.exists()


def test_a_custom_passphrase_applies_to_every_demo_operator(tmp_path):
    paths = VaultPaths.at(tmp_path / "v")
    scenario = dict(SCENARIO, operators=SCENARIO["operators"][:2])
    seed.seed_demo(paths, passphrase="a longer demo passphrase", kdf=FAST_KDF,
                   scenario=scenario).lock()
    second = lifecycle.list_operators(paths)[1]
    vault = lifecycle.unlock_with_passphrase(paths, operator_id=second.operator_id,
                                             passphrase="a longer demo passphrase")
    vault.lock()


def test_scenario_errors_are_clear(tmp_path):
    with pytest.raises(FileNotFoundError, match="Demo scenario not found"):
        seed.load_scenario(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(dict(SCENARIO, operators=[{"name": "X", "role": "editor"}])))
    with pytest.raises(seed.ScenarioError, match="first operator must be a lead"):
        seed.load_scenario(bad)
    bad.write_text("{not json")
    with pytest.raises(seed.ScenarioError, match="not valid JSON"):
        seed.load_scenario(bad)


def test_the_scenarios_decisions_are_logged_with_their_story(demo):
    from commandcenter.services import decisions
    from commandcenter.vault import integrity

    heads = {h.decision[:40]: h for h in decisions.page(demo).rows}
    assert len(heads) == len(SCENARIO["decisions"])
    superseded = [h for h in heads.values() if h.status == "superseded"]
    assert len(superseded) == 1 and superseded[0].decision.startswith("Disclose publicly")
    replacing = next(h for h in heads.values() if h.label == superseded[0].superseded_by)
    assert replacing.decision.startswith("Bring disclosure forward")
    assert [h.status for h in heads.values()].count("rescinded") == 1
    first = next(h for h in heads.values() if h.decision.startswith("Invoke the security"))
    assert not first.incomplete and first.entries == 2  # quick log, then completed
    report = integrity.check(demo)
    assert report.ok and "decision log intact" in report.summary()


def test_the_roster_spans_audiences_and_time_zones(demo):
    from commandcenter.services import roster

    rows = roster.rows(demo, now=SEEDED_AT)
    assert len(rows) == len(SCENARIO["spokespersons"]) >= 10
    assert len({r.person.time_zone for r in rows}) >= 5
    assert set().union(*(r.audiences for r in rows)) >= {
        "customers", "employees", "media", "regulators", "card_issuers", "investors",
        "partners", "advocates"}
    assert [r.person.name for r in rows if r.training_stale] == ["Marcus Oyelaran"]
    by_name = {r.person.name: r for r in rows}
    assert by_name["Jordan Ellis"].backup_name == "Nadia Brooks"
    jordan = next(o for o in lifecycle.list_operators(demo.paths) if o.name == "Jordan Ellis")
    assert by_name["Jordan Ellis"].person.operator_id == jordan.operator_id
    assert all(r.backup_name for r in rows)


def test_lines_are_assigned_acknowledged_and_one_person_is_not_current(demo, tmp_path):
    import json

    from commandcenter.reports import json_export
    from commandcenter.services import briefing, roster, settings

    names = {r.person.id: r.person.name for r in roster.rows(demo)}
    states = {names[pid]: h.state for pid, h in briefing.states(demo).items()}
    plan = SCENARIO["briefings"]
    assert states[plan["acknowledged_before_change"]] == "not_current"
    assert [n for n, s in states.items() if s == "not_current"] == [
        plan["acknowledged_before_change"]]
    assert states[plan["gap"]["name"]] == "gap"
    assert states["Jordan Ellis"] == "current"
    assert "warroom@" in settings.get_setting(demo, "war_room_contact")
    json_export.export_json(demo, tmp_path / "all.json")
    doc = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len(doc["tables"]["line_assignment"]["rows"]) > 10
    acks = doc["tables"]["line_acknowledgement"]
    assert len(acks["rows"]) == len(names)
    assert any(not r["on_behalf"] for r in acks["rows"])  # Jordan, by himself
    assert any(r["on_behalf"] for r in acks["rows"])


def test_the_dashboard_counts_the_spokesperson_who_is_not_current(demo):
    from commandcenter.services import dashboard

    tiles = {t.key: t for t in dashboard.tiles(demo, now=SEEDED_AT)}
    assert tiles["spokespersons"].value == "1" and tiles["spokespersons"].state == "bad"
    assert tiles["spokespersons"].target == "spokespersons"
