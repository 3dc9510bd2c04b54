"""Journey-map cells: what one stakeholder group goes through in one phase, the 9 C's,
sentiment, pain points and planned actions. Saving a cell replaces its fields (it is a
working plan, not a record of history; the audit trail keeps who changed what)."""

import json
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timedelta

from sqlmodel import select

from commandcenter.models import JourneyCell, JourneyPhase, StakeholderGroup
from commandcenter.models.base import iso, utcnow
from commandcenter.models.journey import NINE_CS
from commandcenter.services import audit
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.services.journey.common import require_writer, text

TEXT_LIMIT = 2000
SENTIMENTS = (-2, -1, 0, 1, 2)
STALE_AFTER = timedelta(hours=48)  # a plan for now or later not looked at for two days


@dataclass(frozen=True)
class PlannedAction:
    action: str
    owner: str = ""
    due: datetime | None = None


@dataclass(frozen=True)
class CellInput:
    """One cell as a person fills it in. `content` holds linked talking-point ids."""

    community: str = ""
    context: str = ""
    content: tuple[str, ...] = ()
    channel: str = ""
    cadence: str = ""
    catalyst: str = ""
    credibility: str = ""
    currency: str = ""
    culture: str = ""
    sentiment: int | None = None
    pain_points: str = ""
    actions: tuple[PlannedAction, ...] = ()

    def values(self) -> dict:
        """Validated column values; raises ValidationError naming the field."""
        out = {name: text(name, getattr(self, name), limit=TEXT_LIMIT)
               for name in NINE_CS + ("pain_points",) if name != "content"}
        ids = [str(i).strip() for i in self.content if str(i).strip()]
        if any(len(i) > 80 for i in ids):
            raise ValidationError("content", "A talking-point id is at most 80 characters.")
        out["content"] = json.dumps(list(dict.fromkeys(ids)))
        if self.sentiment is not None and self.sentiment not in SENTIMENTS:
            raise ValidationError("sentiment", "Sentiment runs from −2 (hostile) to +2 "
                                  "(supportive).")
        out["sentiment"] = self.sentiment
        out["actions"] = json.dumps([_action(a) for a in self.actions])
        return out


def _action(a: PlannedAction) -> dict:
    action = text("actions", a.action, limit=500,
                  required="Each planned action needs a description.")
    if a.due is not None and a.due.tzinfo is None:
        raise ValidationError("actions", "An action's due time needs a time zone.")
    return {"action": action, "owner": text("actions", a.owner, limit=120),
            "due": iso(a.due) if a.due else None}


def cell_input(cell: JourneyCell | None) -> CellInput:
    """The stored cell as a CellInput (what the editor starts from)."""
    if cell is None:
        return CellInput()
    from commandcenter.services.decisions.chain import parse_time

    actions = tuple(PlannedAction(a["action"], a.get("owner", ""), parse_time(a.get("due")))
                    for a in json.loads(cell.actions or "[]"))
    values = {f.name: getattr(cell, f.name) for f in fields(CellInput)
              if f.name not in ("content", "actions")}
    return CellInput(content=tuple(json.loads(cell.content or "[]")), actions=actions,
                     **values)


def is_empty(cell: JourneyCell | None) -> bool:
    if cell is None:
        return True
    data = asdict(cell_input(cell))
    return not any(v not in (None, "", ()) and v != [] for v in data.values())


def save_cell(vault, *, phase_id: str, stakeholder_id: str, data: CellInput,
              saved_at: datetime | None = None) -> JourneyCell:
    """Create or replace the cell at (phase, stakeholder). `saved_at` defaults to now
    (seeding passes the story's time, so the demo has stale cells to show)."""
    require_writer(vault, "edit the journey map")
    values = data.values()
    with vault.write() as session:
        phase = session.get(JourneyPhase, phase_id)
        group = session.get(StakeholderGroup, stakeholder_id)
        if phase is None or group is None or phase.incident_id != group.incident_id:
            raise NotFound("That cell is not on the map (phase or stakeholder group missing).")
        cell = session.exec(select(JourneyCell).where(
            JourneyCell.phase_id == phase_id, JourneyCell.stakeholder_id == stakeholder_id)
        ).first()
        if cell is None:
            cell = JourneyCell(origin_vault_id=vault.vault_id, incident_id=phase.incident_id,
                               phase_id=phase_id, stakeholder_id=stakeholder_id,
                               created_by=vault.actor.id)
        changed = {k: v for k, v in values.items() if getattr(cell, k) != v}
        for k, v in values.items():
            setattr(cell, k, v)
        # Saving unchanged still counts as a review: the cell is no longer stale.
        cell.updated_at, cell.updated_by = saved_at or utcnow(), vault.actor.id
        session.add(cell)
        audit.record(vault, session, "journey.cell_saved", "journey_cell", cell.id,
                     {"phase": phase.name, "stakeholder": group.key,
                      "changed": sorted(changed)})
    return cell


def cell_state(cell: JourneyCell | None, *, phase_index: int, current_index: int,
               now: datetime) -> str:
    """"empty", "stale" (current or later phase, untouched for STALE_AFTER) or "ok"."""
    if is_empty(cell):
        return "empty"
    if phase_index >= current_index and now - cell.updated_at > STALE_AFTER:
        return "stale"
    return "ok"
