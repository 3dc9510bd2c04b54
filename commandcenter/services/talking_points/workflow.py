"""Writing talking points: create a draft, edit it, submit it, approve or reject it (four
eyes), start a new version, retire a line. Every function validates first and changes nothing
when it refuses; each action is one transaction sealed by one audit entry."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from commandcenter.models import DecisionHead, Fact, Incident
from commandcenter.models.base import utcnow
from commandcenter.models.talking_point import (
    WORD_FIELDS, TalkingPoint, TalkingPointLink, TalkingPointReview, TalkingPointVersion,
)
from commandcenter.services import audit, settings
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.services.talking_points.inputs import LineInput
from commandcenter.text import placeholders
from commandcenter.vault.unlocked import UnlockedVault

EDITORS = ("lead", "approver", "editor")
APPROVERS = ("lead", "approver")
OPEN = ("draft", "in_review")  # at most one open version per point


@dataclass(frozen=True)
class Saved:
    point_id: str
    version_id: str
    version: int
    status: str


def _require_editor(vault: UnlockedVault) -> None:
    vault.actor.require(*EDITORS, action="draft talking points")


def _incident(vault: UnlockedVault, incident_id: str | None) -> str:
    incident_id = incident_id or settings.get_setting(vault, "active_incident_id")
    if not incident_id:
        raise ValidationError("incident", "Open an incident first: talking points belong "
                              "to the active incident.")
    with vault.read() as session:
        if session.get(Incident, incident_id) is None:
            raise NotFound("No such incident.")
    return incident_id


def words_hash(v: TalkingPointVersion) -> str:
    """SHA-256 of the version's words, sealed in the audit chain at submit and approval."""
    words = {name: getattr(v, name) for name in WORD_FIELDS}
    return hashlib.sha256(audit.canonical_json(words).encode()).hexdigest()


# --- drafts ---------------------------------------------------------------------------------

def create(vault: UnlockedVault, *, data: LineInput, incident_id: str | None = None,
           template_key: str = "", at: datetime | None = None) -> Saved:
    """A new talking point and its first version, as a draft."""
    _require_editor(vault)
    data = data.cleaned()
    incident_id = _incident(vault, incident_id)
    with vault.write() as session:
        _check_links(session, data)
        point = TalkingPoint(origin_vault_id=vault.vault_id, created_by=vault.actor.id,
                             updated_by=vault.actor.id, incident_id=incident_id,
                             kind=data.kind, template_key=template_key, **_identity(data))
        if at is not None:
            point.created_at = point.updated_at = at
        session.add(point)
        session.flush()
        version = _new_version_row(vault, session, point.id, 1, data, at)
        audit.record(vault, session, "talking_point.created", "talking_point", point.id,
                     {"version_id": version.id, "kind": data.kind, "title": data.title})
        return _saved(version)


def update_draft(vault: UnlockedVault, *, version_id: str, data: LineInput) -> Saved:
    """Change a draft's words (and the point's audiences and channels)."""
    _require_editor(vault)
    data = data.cleaned()
    with vault.write() as session:
        version = _version(session, version_id)
        point = session.get(TalkingPoint, version.point_id)
        if version.status != "draft":
            raise ValidationError("status", "Only a draft can be edited: start a new "
                                  "version to change a submitted line.")
        if data.kind != point.kind:
            raise ValidationError("kind", "The kind of a talking point cannot change.")
        _check_links(session, data)
        _apply_words(version, data)
        version.updated_at, version.updated_by = utcnow(), vault.actor.id
        for key, value in _identity(data).items():
            setattr(point, key, value)
        point.updated_at, point.updated_by = version.updated_at, vault.actor.id
        _replace_links(vault, session, version.id, data)
        audit.record(vault, session, "talking_point.edited", "talking_point_version",
                     version.id, {"point_id": point.id, "version": version.version})
        return _saved(version)


def new_version(vault: UnlockedVault, *, point_id: str, data: LineInput | None = None,
                at: datetime | None = None) -> Saved:
    """The next version of a line, as a draft (from `data`, else a copy of the latest)."""
    _require_editor(vault)
    with vault.write() as session:
        point = session.get(TalkingPoint, point_id)
        if point is None:
            raise NotFound("No such talking point.")
        if point.retired_at is not None:
            raise ValidationError("status", "This line is retired.")
        latest = _latest(session, point_id)
        if latest.status in OPEN:
            raise ValidationError("status", f"Version {latest.version} is still "
                                  f"{latest.status.replace('_', ' ')}: finish it first.")
        if data is None:
            from commandcenter.services.talking_points.query import input_of
            data = input_of(point, latest, _link_ids(session, latest.id))
        data = data.cleaned()
        _check_links(session, data)
        for key, value in _identity(data).items():
            setattr(point, key, value)
        version = _new_version_row(vault, session, point_id, latest.version + 1, data, at)
        audit.record(vault, session, "talking_point.new_version", "talking_point_version",
                     version.id, {"point_id": point_id, "version": version.version})
        return _saved(version)


# --- review ---------------------------------------------------------------------------------

def submit(vault: UnlockedVault, *, version_id: str, at: datetime | None = None) -> Saved:
    """Draft → in review. From here on the words are frozen (the database refuses changes)."""
    _require_editor(vault)
    with vault.write() as session:
        version = _version(session, version_id)
        if version.status != "draft":
            raise ValidationError("status", "Only a draft can be submitted for approval.")
        version.status, version.reject_reason = "in_review", ""
        version.review_round += 1
        version.submitted_at = version.updated_at = at or utcnow()
        version.updated_by = vault.actor.id
        audit.record(vault, session, "talking_point.submitted", "talking_point_version",
                     version.id, {"version": version.version, "words": words_hash(version)})
        return _saved(version)


def approve(vault: UnlockedVault, *, version_id: str, comment: str = "",
            at: datetime | None = None) -> Saved:
    """One approval. Four eyes: the author (or last editor) may not approve; the version is
    approved once the vault's `approvals_required` distinct approvers have approved it in
    this round, and the point's earlier approved version is then superseded."""
    vault.actor.require(*APPROVERS, action="approve talking points")
    required = settings.get_setting(vault, "approvals_required")
    with vault.write() as session:
        version = _reviewable(session, version_id)
        if vault.actor.id in (version.created_by, version.updated_by):
            raise ValidationError("approval", "You wrote this version: another approver "
                                  "must approve it (four-eyes rule).")
        left = placeholders.unfilled(_texts(version))
        if left:
            raise ValidationError("placeholders", "Fill the template placeholders before "
                                  "approval: " + ", ".join("{" + n + "}" for n in left) + ".")
        approvers = _approvers(session, version)
        if vault.actor.id in approvers:
            raise ValidationError("approval", "You have already approved this version.")
        at = at or utcnow()
        _review(vault, session, version, "approve", comment, at)
        done = len(approvers) + 1 >= required
        if done:
            _make_current(vault, session, version, at)
            _promise_next_update(vault, session, version, at)
        audit.record(vault, session, "talking_point.approval", "talking_point_version",
                     version.id, {"version": version.version, "words": words_hash(version),
                                  "approvals": len(approvers) + 1, "required": required,
                                  "approved": done, "comment": comment.strip()})
        return _saved(version)


def reject(vault: UnlockedVault, *, version_id: str, reason: str,
           at: datetime | None = None) -> Saved:
    """Back to draft, with the reason recorded (the author edits and resubmits)."""
    vault.actor.require(*APPROVERS, action="reject talking points")
    if not reason.strip():
        raise ValidationError("comment", "Say why the version is rejected.")
    with vault.write() as session:
        version = _reviewable(session, version_id)
        if version.status == "needs_review":
            # Its words were approved once and stay on record: a fix is a new version.
            raise ValidationError("status", "This version was approved before it was "
                                  "flagged: re-approve it as it stands, or start a new "
                                  "version.")
        at = at or utcnow()
        _review(vault, session, version, "reject", reason, at)
        version.status, version.reject_reason = "draft", reason.strip()
        version.updated_at = at
        audit.record(vault, session, "talking_point.rejected", "talking_point_version",
                     version.id, {"version": version.version, "reason": reason.strip()})
        return _saved(version)


def retire(vault: UnlockedVault, *, point_id: str, reason: str = "",
           at: datetime | None = None) -> None:
    """Take a line out of use: it leaves the current line, its versions stay readable."""
    vault.actor.require(*APPROVERS, action="retire talking points")
    with vault.write() as session:
        point = session.get(TalkingPoint, point_id)
        if point is None:
            raise NotFound("No such talking point.")
        if point.retired_at is not None:
            raise ValidationError("status", "This line is already retired.")
        at = at or utcnow()
        point.retired_at = point.updated_at = at
        point.updated_by = vault.actor.id
        for v in session.exec(select(TalkingPointVersion).where(
                TalkingPointVersion.point_id == point_id,
                TalkingPointVersion.status.in_(("draft", "in_review", "approved",
                                                "needs_review")))).all():
            v.status, v.updated_at, v.updated_by = "retired", at, vault.actor.id
        audit.record(vault, session, "talking_point.retired", "talking_point", point_id,
                     {"reason": reason.strip()})


# --- helpers --------------------------------------------------------------------------------

def _identity(data: LineInput) -> dict:
    return {"audiences": audit.canonical_json(list(data.audiences)),
            "channels": audit.canonical_json(list(data.channels)), "language": data.language}


def _apply_words(version: TalkingPointVersion, data: LineInput) -> None:
    for name in WORD_FIELDS:
        if name != "pillars":
            setattr(version, name, getattr(data, name))
    version.pillars = data.pillars_json()


def _new_version_row(vault, session, point_id, number, data, at) -> TalkingPointVersion:
    version = TalkingPointVersion(origin_vault_id=vault.vault_id, created_by=vault.actor.id,
                                  updated_by=vault.actor.id, point_id=point_id,
                                  version=number)
    if at is not None:
        version.created_at = version.updated_at = at
    _apply_words(version, data)
    session.add(version)
    session.flush()
    _replace_links(vault, session, version.id, data)
    return version


def _check_links(session, data: LineInput) -> None:
    for decision_id in data.decision_ids:
        head = session.get(DecisionHead, decision_id)
        if head is None:
            raise ValidationError("links", "A linked decision is not in the log.")
        if head.status != "in_force":
            raise ValidationError("links", f"Decision {head.label} is {head.status}: link "
                                  "the decision that stands now.")
    for fact_id in data.fact_ids:
        fact = session.get(Fact, fact_id)
        if fact is None:
            raise ValidationError("links", "A linked fact is not in the register.")
        if fact.status == "retracted":
            raise ValidationError("links", "A retracted fact cannot support a line.")


def _replace_links(vault, session, version_id: str, data: LineInput) -> None:
    for link in session.exec(select(TalkingPointLink).where(
            TalkingPointLink.version_id == version_id)).all():
        session.delete(link)
    session.flush()
    for target_type, ids in (("decision", data.decision_ids), ("fact", data.fact_ids)):
        for target_id in ids:
            session.add(TalkingPointLink(origin_vault_id=vault.vault_id,
                                         created_by=vault.actor.id, version_id=version_id,
                                         target_type=target_type, target_id=target_id))
    session.flush()


def _link_ids(session, version_id: str) -> list[TalkingPointLink]:
    return list(session.exec(select(TalkingPointLink).where(
        TalkingPointLink.version_id == version_id)).all())


def _version(session, version_id: str) -> TalkingPointVersion:
    version = session.get(TalkingPointVersion, version_id)
    if version is None:
        raise NotFound("No such talking point version.")
    return version


def _reviewable(session, version_id: str) -> TalkingPointVersion:
    version = _version(session, version_id)
    if version.status not in ("in_review", "needs_review"):
        raise ValidationError("status", "Only a version in review (or flagged for review) "
                              f"can be approved or rejected; this one is "
                              f"{version.status.replace('_', ' ')}.")
    return version


def _latest(session, point_id: str) -> TalkingPointVersion:
    return session.exec(select(TalkingPointVersion).where(
        TalkingPointVersion.point_id == point_id)
        .order_by(TalkingPointVersion.version.desc()).limit(1)).one()


def _approvers(session, version: TalkingPointVersion) -> set[str]:
    rows = session.exec(select(TalkingPointReview.created_by).where(
        TalkingPointReview.version_id == version.id,
        TalkingPointReview.review_round == version.review_round,
        TalkingPointReview.outcome == "approve")).all()
    return set(rows)


def _review(vault, session, version, outcome: str, comment: str, at: datetime) -> None:
    session.add(TalkingPointReview(origin_vault_id=vault.vault_id, created_by=vault.actor.id,
                                   created_at=at, version_id=version.id,
                                   review_round=version.review_round, outcome=outcome,
                                   operator_name=vault.actor.name, comment=comment.strip()))
    session.flush()


def _make_current(vault, session, version: TalkingPointVersion, at: datetime) -> None:
    version.status, version.approved_at = "approved", at
    version.flag_reason, version.updated_at, version.updated_by = "", at, vault.actor.id
    older = session.exec(select(TalkingPointVersion).where(
        TalkingPointVersion.point_id == version.point_id,
        TalkingPointVersion.version < version.version,
        TalkingPointVersion.status.in_(("approved", "needs_review")))).all()
    for old in older:
        old.status, old.updated_at, old.updated_by = "superseded", at, vault.actor.id


def _promise_next_update(vault, session, version: TalkingPointVersion, at: datetime) -> None:
    """The line's "next update due" is a dated commitment to its audiences (issue 7)."""
    import json

    from commandcenter.services.journey import promises

    point = session.get(TalkingPoint, version.point_id)
    promises.promise_from_line(vault, session, point_id=point.id,
                               incident_id=point.incident_id,
                               audiences=json.loads(point.audiences),
                               due=version.next_update_due, at=at)


def _texts(version: TalkingPointVersion) -> list[str]:
    return [version.title, version.question, version.body, version.pillars, version.we_know,
            version.we_dont_know, version.we_are_doing, version.you_should_do,
            version.empathy_line]


def _saved(version: TalkingPointVersion) -> Saved:
    return Saved(version.point_id, version.id, version.version, version.status)


__all__ = ["create", "update_draft", "new_version", "submit", "approve", "reject", "retire",
           "words_hash"]
