"""Seeding the demo's spokesperson roster from the scenario's "spokespersons": people across
the audiences and five time zones, one whose media training has lapsed, the demo's
spokesperson operator linked to their own entry, and each person's backup."""

from sqlmodel import select

from commandcenter.demo.seed import parse_utc
from commandcenter.models import Operator
from commandcenter.services import roster
from commandcenter.services.roster import shifts
from commandcenter.vault.unlocked import UnlockedVault


def _input(item: dict, operator_ids: dict[str, str]) -> roster.SpokespersonInput:
    trained = parse_utc(item.get("media_trained_on"))
    return roster.SpokespersonInput(
        item["name"], item.get("role", ""), item.get("organisation", ""),
        item.get("phone", ""), item.get("email", ""), item.get("messenger", ""),
        tuple(item.get("languages", ("en",))), item.get("time_zone", "UTC"),
        trained.date() if trained else None, tuple(item.get("audiences", ())),
        tuple(item.get("topics", ())), shifts=tuple(shifts.parse_shift_text(
            item.get("shifts", ""))), operator_id=operator_ids.get(item.get("operator", "")))


def seed_roster(vault: UnlockedVault, scenario: dict) -> None:
    with vault.read() as session:
        operator_ids = {o.name: o.id for o in session.exec(select(Operator))}
    people = scenario.get("spokespersons", [])
    added = {item["name"]: roster.add(vault, data=_input(item, operator_ids))
             for item in people}
    for item in people:  # backups once everyone is on the roster
        backup = added.get(item.get("backup", ""))
        if backup is not None:
            person = added[item["name"]]
            data = _input(item, operator_ids)
            roster.update(vault, spokesperson_id=person.id,
                          data=roster.SpokespersonInput(**{**data.__dict__,
                                                           "backup_id": backup.id}))
