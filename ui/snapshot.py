"""Everything the main window shows, read through the services in one background job.

After every change the window asks for a fresh Snapshot and hands each view its part, so
all views and the status bar agree and no view ever opens a session itself.
"""

from dataclasses import dataclass, field
from datetime import datetime

AUDIT_PAGE = 200


@dataclass(frozen=True)
class Snapshot:
    status: object  # commandcenter.services.status.VaultStatus
    incidents: list = field(default_factory=list)
    active_incident_id: str | None = None
    operators: list = field(default_factory=list)
    without_slot: frozenset = frozenset()  # active operators who cannot unlock here yet
    audit_entries: list = field(default_factory=list)
    audit_total: int = 0
    my_keychain: str | None = None  # label of the keychain my slot uses, if any
    keychain_available: str | None = None  # label of this computer's keychain, if any
    auto_lock_minutes: int = 5
    approvals_required: int = 1  # talking points (vault setting)
    war_room_contact: str = ""  # who spokespersons call (vault setting)
    last_backup_at: datetime | None = None
    taken_at: datetime | None = None
    decision_counts: object = None  # services.decisions.Counts (empty for spokespersons)
    lines_due: list = field(default_factory=list)  # talking_points.DueItem
    line_reader: bool = False  # may read every line (not only the current line)
    journey: object = None  # services.journey.Summary (overdue promises, timeline metrics)
    tiles: list = field(default_factory=list)  # services.dashboard.Tile, in order

    @property
    def active_incident(self):
        return next((i for i in self.incidents if i.id == self.active_incident_id), None)


def take(vault, *, detect_keychain: bool = True) -> Snapshot:
    """Runs on the worker thread."""
    from commandcenter.services import (
        audit, dashboard, incidents, operators, settings, status, talking_points,
    )
    from commandcenter.vault import keychain
    from commandcenter.vault.keyfile import KeyFile
    from commandcenter.vault.keychain import label_for

    vault_status = status.vault_status(vault)
    values = settings.all_settings(vault)
    keyfile = KeyFile.load(vault.paths.keyfile)
    slot = keyfile.slot_for_operator(vault.actor.id)
    people = operators.list_operators(vault)
    available = None
    if detect_keychain:
        found = keychain.detect()
        available = found.label if found else None
    from commandcenter.models.base import utcnow

    now = utcnow()
    shared = dashboard.Context(vault, now)  # the tiles and the status bar read it once
    return Snapshot(
        status=vault_status,
        incidents=incidents.list_incidents(vault),
        active_incident_id=values.get("active_incident_id"),
        operators=people,
        without_slot=frozenset(o.id for o in people if o.status == "active"
                               and keyfile.slot_for_operator(o.id) is None),
        audit_entries=audit.recent_entries(vault, limit=AUDIT_PAGE)
        if vault.actor.role != "spokesperson" else [],
        audit_total=vault_status.chain_entries,
        my_keychain=label_for(slot.keychain_backend) if slot and slot.keychain_backend
        else None,
        keychain_available=available,
        auto_lock_minutes=int(values.get("auto_lock_minutes") or 5),
        approvals_required=int(values.get("approvals_required") or 1),
        war_room_contact=values.get("war_room_contact") or "",
        last_backup_at=vault_status.last_backup_at,
        taken_at=now,
        decision_counts=shared.decisions,
        lines_due=shared.lines.due,
        line_reader=talking_points.can_read_all(vault.actor.role),
        journey=shared.journey,
        tiles=dashboard.tiles(vault, ctx=shared),
    )
