"""Signing a handover off: the outgoing operator (the one acting) and the incoming operator
(who proves who they are by opening their own key slot with their passphrase) sign, and the
handover is stored and sealed in the audit chain — one entry per signature, each under its
own operator — in ONE transaction. Either all of it is in the vault or none of it: a crash
or a kill at any point leaves no half-signed handover (issue 10).

A handover is between two people. A vault with one operator cannot hand over to itself:
the incoming operator's own passphrase is the proof that someone else has taken over, so
they are added first (Team → Add operator) and sign with their own passphrase.
"""

from datetime import datetime

from sqlmodel import select

from commandcenter.models import Handover as HandoverRow
from commandcenter.models import Operator
from commandcenter.models.base import utcnow
from commandcenter.services import audit
from commandcenter.services.errors import ValidationError
from commandcenter.services.handover.build import READERS, last_signed
from commandcenter.services.handover.content import Handover, SignOff, Summary, from_stored
from commandcenter.vault import crypto, throttle
from commandcenter.vault.errors import KeyFileDamaged, WrongPassphrase
from commandcenter.vault.keyfile import KeyFile
from commandcenter.vault.unlocked import Actor, UnlockedVault

MAX_NOTES = 4000


def candidates(vault: UnlockedVault) -> list[Operator]:
    """Who may take over from the acting operator: every other active operator who is not a
    spokesperson (a spokesperson does not run the war room, nor read its log)."""
    with vault.read() as session:
        rows = session.exec(select(Operator).where(Operator.status == "active")
                            .order_by(Operator.name)).all()
    return [o for o in rows if o.id != vault.actor.id and o.role in READERS]


def prove_identity(vault: UnlockedVault, *, operator_id: str, passphrase: str) -> Actor:
    """The operator, if `passphrase` opens their key slot (Argon2id: ~0.5 s, so callers run
    this off the GUI thread). Raises WrongPassphrase, naming whose passphrase was wrong."""
    with vault.read() as session:
        op = session.get(Operator, operator_id)
    if op is None or op.status != "active":
        raise ValidationError("incoming", "Choose an active operator to take over.")
    if op.id == vault.actor.id:
        raise ValidationError("incoming", "The incoming operator must be someone else: a "
                              "handover needs a second person to take over.")
    if op.role not in READERS:
        raise ValidationError("incoming", f"{op.name} is a spokesperson; a war-room "
                              "operator takes over the shift.")
    kf = KeyFile.load(vault.paths.keyfile)
    if not kf.verify_mac(vault.data_key):
        raise KeyFileDamaged("its seal does not match the open vault")
    slot = kf.slot_for_operator(op.id)
    if slot is None:
        raise ValidationError("incoming", f"{op.name} has no key slot in this vault; a lead "
                              "can issue one (Team).")
    if not passphrase:
        raise ValidationError("passphrase", f"{op.name} types their passphrase to sign.")
    # The same count as unlocking: the sign-off must not become a way to guess someone
    # else's passphrase from inside an open vault.
    throttle.check(vault.paths, op.id, "passphrase")
    try:
        kf.unwrap_private(slot, passphrase)
    except crypto.DecryptionFailed:
        throttle.failed(vault.paths, op.id)
        raise WrongPassphrase(f"passphrase for {op.name}") from None
    throttle.succeeded(vault.paths, op.id)
    return Actor(op.id, op.name, op.role)


def sign_off(vault: UnlockedVault, *, handover: Handover, incoming_id: str,
             incoming_passphrase: str, notes: str = "",
             outgoing_signed_at: datetime | None = None,
             now: datetime | None = None) -> HandoverRow:
    """Store `handover` (as built and shown) signed by the acting operator and the incoming
    one. Nothing is recorded when anything is wrong (a wrong passphrase included)."""
    vault.actor.require(*READERS, action="hand over a shift")
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise ValidationError("notes", f"Keep the notes under {MAX_NOTES:,} characters.")
    incoming = prove_identity(vault, operator_id=incoming_id, passphrase=incoming_passphrase)
    now = now or utcnow()
    signed = handover.with_notes(notes)
    with vault.write() as session:
        previous = last_signed(session, handover.incident_id)
        if (previous.number if previous else 0) != handover.number - 1:
            raise ValidationError("handover", "Another handover of this incident was signed "
                                  "meanwhile; start again from the new one.")
        row = HandoverRow(
            origin_vault_id=vault.vault_id, created_by=vault.actor.id, created_at=now,
            incident_id=handover.incident_id, number=handover.number, since=handover.since,
            until=handover.until, outgoing_id=vault.actor.id, outgoing_name=vault.actor.name,
            outgoing_signed_at=outgoing_signed_at or now, incoming_id=incoming.id,
            incoming_name=incoming.name, incoming_signed_at=now, notes=notes,
            content=signed.content_json(), content_hash=signed.content_hash)
        session.add(row)
        session.flush()
        seal = {"number": row.number, "incident_id": row.incident_id,
                "since": row.since, "until": row.until, "content_hash": row.content_hash,
                "outgoing": row.outgoing_name, "incoming": row.incoming_name}
        audit.append(session, vault_id=vault.vault_id, actor=vault.actor,
                     action="handover.signed_outgoing", entity_type="handover",
                     entity_id=row.id, payload={**seal, "signed_at": row.outgoing_signed_at})
        audit.append(session, vault_id=vault.vault_id, actor=incoming,
                     action="handover.signed_incoming", entity_type="handover",
                     entity_id=row.id, payload={**seal, "signed_at": row.incoming_signed_at})
    return row


def signed(row: HandoverRow) -> Handover:
    """A stored handover read back, exactly as it was signed."""
    return from_stored(row.content, notes=row.notes, id=row.id, signed=SignOff(
        row.outgoing_name, row.outgoing_signed_at, row.incoming_name, row.incoming_signed_at))


def history(vault: UnlockedVault, *, incident_id: str | None = None) -> list[Summary]:
    """Signed handovers of the incident (the active one by default), newest first."""
    from commandcenter.services import settings

    vault.actor.require(*READERS, action="read handovers")
    incident_id = incident_id or settings.get_setting(vault, "active_incident_id")
    with vault.read() as session:
        rows = session.exec(select(HandoverRow).where(HandoverRow.incident_id == incident_id)
                            .order_by(HandoverRow.number.desc())).all()
    return [Summary(r.id, r.number, r.since, r.until, r.outgoing_name, r.incoming_name,
                    r.incoming_signed_at, r.content_hash[:8].upper()) for r in rows]


def load_signed(vault: UnlockedVault, *, number: int | None = None,
                incident_id: str | None = None) -> Handover:
    """Signed handover `number` of the incident (the latest when None)."""
    from commandcenter.services import settings
    from commandcenter.services.errors import NotFound

    vault.actor.require(*READERS, action="read handovers")
    incident_id = incident_id or settings.get_setting(vault, "active_incident_id")
    with vault.read() as session:
        query = select(HandoverRow).where(HandoverRow.incident_id == incident_id)
        if number is not None:
            query = query.where(HandoverRow.number == number)
        row = session.exec(query.order_by(HandoverRow.number.desc()).limit(1)).first()
    if row is None:
        raise NotFound("No signed handover " + (f"number {number} " if number else "")
                       + "in the active incident.")
    return signed(row)
