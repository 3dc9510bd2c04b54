"""The demo vault: a fictional retailer's payment-card breach (resources/demo/scenario.json).

Everything is written through the services, as an operator would, so the demo's audit trail
is a real one. Each area of the product adds one seeding step to SEEDERS (in the order its
data depends on earlier steps); a step takes the unlocked vault and the scenario dict.
"""

import json
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from commandcenter.demo import story_clock
from commandcenter.resources import resource_path
from commandcenter.vault import crypto
from commandcenter.vault.errors import VaultError
from commandcenter.vault.paths import VaultPaths
from commandcenter.vault.unlocked import UnlockedVault

log = logging.getLogger(__name__)

DEMO_PASSPHRASE = "demo"
SCENARIO = ("demo", "scenario.json")

Seeder = Callable[[UnlockedVault, dict], None]


class ScenarioError(VaultError):
    """The scenario file is unreadable or misses a field the seed needs (a one-line message,
    like every VaultError)."""


def load_scenario(path: Path | None = None) -> dict:
    path = path or resource_path(*SCENARIO)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"Demo scenario not found at {path}.") from None
    except json.JSONDecodeError as exc:
        raise ScenarioError(f"Demo scenario {path} is not valid JSON (line {exc.lineno}).") \
            from None
    for key in ("company", "operators", "incidents"):
        if not data.get(key):
            raise ScenarioError(f"Demo scenario {path} has no {key!r}.")
    if data["operators"][0].get("role") != "lead":
        raise ScenarioError("The demo scenario's first operator must be a lead.")
    return data


def parse_utc(text: str | None) -> datetime | None:
    """Scenario times are ISO-8601 with 'Z' (UTC)."""
    if not text:
        return None
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ScenarioError(f"Scenario time {text!r} has no time zone.")
    return value


# --- seeding steps, one per area ----------------------------------------------------------

def seed_operators(vault: UnlockedVault, scenario: dict, *, passphrase: str) -> None:
    """Everyone after the first (who created the vault) gets a key slot; all share the demo
    passphrase so a demonstrator can switch operator freely."""
    from commandcenter.services import operators

    for person in scenario["operators"][1:]:
        operators.add_operator(vault, name=person["name"], role=person["role"],
                               passphrase=passphrase, allow_weak_passphrase=True)


def seed_incidents(vault: UnlockedVault, scenario: dict) -> None:
    """Oldest first, so the audit trail reads in the scenario's order; the active one is set
    last so it stays active whatever the order in the file."""
    from commandcenter.services import incidents

    active_id = None
    for item in sorted(scenario["incidents"], key=lambda i: i["opened_at"]):
        inc = incidents.create_incident(vault, make_active=False, data=incidents.IncidentInput(
            code=item["code"], title=item["title"], summary=item.get("summary", ""),
            severity=item.get("severity", "high"), opened_at=parse_utc(item["opened_at"])))
        if item.get("status") == "closed":
            incidents.close_incident(vault, incident_id=inc.id,
                                     closed_at=parse_utc(item.get("closed_at")))
        if item.get("active"):
            active_id = inc.id
    if active_id:
        incidents.set_active_incident(vault, incident_id=active_id)


def seeders(passphrase: str) -> list[tuple[str, Seeder]]:
    """The steps after the vault exists, in order. Later areas append theirs here."""
    from commandcenter.demo.seed_briefings import seed_briefings
    from commandcenter.demo.seed_decisions import seed_decisions
    from commandcenter.demo.seed_handover import seed_handover
    from commandcenter.demo.seed_journey import seed_journey
    from commandcenter.demo.seed_lines import seed_lines
    from commandcenter.demo.seed_roster import seed_roster

    return [
        ("operators", lambda v, s: seed_operators(v, s, passphrase=passphrase)),
        ("incidents", seed_incidents),
        ("decisions", seed_decisions),
        ("talking points", seed_lines),  # links decisions: after them
        ("journey", seed_journey),
        # Signed before the roster exists, so the next handover lists what came after.
        ("handover", lambda v, s: seed_handover(v, s, passphrase=passphrase)),
        ("roster", seed_roster),
        ("briefings", seed_briefings),  # assigns lines to the roster: after both
    ]


# --- the whole demo ------------------------------------------------------------------------

def seed_demo(paths: VaultPaths, *, passphrase: str = DEMO_PASSPHRASE,
              kdf: crypto.KdfParams | None = None, scenario: dict | None = None,
              now: datetime | None = None) -> UnlockedVault:
    """Create the demo vault in `paths` (refused if a vault is there) and seed it. Returns it
    unlocked as the scenario's lead. Its recovery code is discarded: a demo needs none.
    The story is moved in time so that its `as_of` moment is today (`now`, for tests)."""
    from commandcenter.vault import lifecycle

    scenario = story_clock.for_today(scenario or load_scenario(), now)
    lead = scenario["operators"][0]
    vault, _code = lifecycle.create_vault(
        paths, operator_name=lead["name"], passphrase=passphrase, role=lead["role"], kdf=kdf,
        vault_name=f"{scenario['company']['short_name']} war room",
        log_book=scenario.get("log_book_short_name") or "WR1", allow_weak_passphrase=True)
    try:
        for name, step in seeders(passphrase):
            step(vault, scenario)
            log.info("demo seeded: %s", name)
    except BaseException:
        # A half-seeded demo would stop `demo --if-missing` from ever finishing it: remove
        # what we just created (a fresh demo vault, nothing of anyone's).
        vault.lock()
        for f in (paths.db, paths.wal, paths.shm, paths.keyfile):
            f.unlink(missing_ok=True)
        raise
    return vault
