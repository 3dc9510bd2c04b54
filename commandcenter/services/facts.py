"""The facts register (DESIGN §4): add a fact, change its status. A fact that is retracted or
downgraded flags every talking point that relies on it "needs review", in the same
transaction, the way a superseded decision does."""

from datetime import datetime

from sqlmodel import select

from commandcenter.models import Fact
from commandcenter.models.base import utcnow
from commandcenter.models.fact import FACT_STATUSES
from commandcenter.services import audit, settings
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.vault.unlocked import UnlockedVault

WRITERS = ("lead", "approver", "editor", "loggist")


def add_fact(vault: UnlockedVault, *, statement: str, status: str = "unconfirmed",
             source: str = "", established_at: datetime | None = None,
             incident_id: str | None = None) -> Fact:
    vault.actor.require(*WRITERS, action="record facts")
    if not statement.strip():
        raise ValidationError("statement", "Write the fact down.")
    if status not in FACT_STATUSES:
        raise ValidationError("status", f"Status must be one of {', '.join(FACT_STATUSES)}.")
    incident_id = incident_id or settings.get_setting(vault, "active_incident_id")
    if not incident_id:
        raise ValidationError("incident", "Open an incident first.")
    with vault.write() as session:
        fact = Fact(origin_vault_id=vault.vault_id, created_by=vault.actor.id,
                    updated_by=vault.actor.id, incident_id=incident_id,
                    statement=statement.strip(), status=status, source=source.strip(),
                    established_at=established_at or utcnow())
        session.add(fact)
        session.flush()
        audit.record(vault, session, "fact.added", "fact", fact.id, {"status": status})
        return fact


def set_status(vault: UnlockedVault, *, fact_id: str, status: str, note: str = "") -> list[str]:
    """Change a fact's status; returns the talking point versions flagged by a downgrade."""
    from commandcenter.services.talking_points import dependents

    vault.actor.require(*WRITERS, action="change facts")
    if status not in FACT_STATUSES:
        raise ValidationError("status", f"Status must be one of {', '.join(FACT_STATUSES)}.")
    with vault.write() as session:
        fact = session.get(Fact, fact_id)
        if fact is None:
            raise NotFound("No such fact.")
        old = fact.status
        fact.status, fact.updated_at, fact.updated_by = status, utcnow(), vault.actor.id
        audit.record(vault, session, "fact.status", "fact", fact.id,
                     {"old": old, "new": status, "note": note.strip()})
        if FACT_STATUSES.index(status) > FACT_STATUSES.index(old):
            short = fact.statement if len(fact.statement) <= 120 else \
                fact.statement[:119].rsplit(" ", 1)[0] + "…"
            reason = f"Fact now {status}: {short}"
            return dependents.flag(vault, session, target_type="fact", target_id=fact.id,
                                   reason=reason)
    return []


def list_facts(vault: UnlockedVault, *, incident_id: str | None = None) -> list[Fact]:
    incident_id = incident_id or settings.get_setting(vault, "active_incident_id")
    with vault.read() as session:
        return list(session.exec(select(Fact).where(Fact.incident_id == incident_id)
                                 .order_by(Fact.established_at)).all())
