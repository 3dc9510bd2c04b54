"""Flag the talking points that depend on a decision or fact which has just changed.

Called inside the caller's write transaction (the decision service's supersede and rescind,
the fact register's downgrade), so the change and its flags commit together or not at all.
An approved or in-review version that links the target becomes "needs review": it leaves the
current line until an approver re-approves it (a new review round) or a new version replaces
it. A draft only gets the reason, for its author to see.
"""

from sqlmodel import select

from commandcenter.models.base import utcnow
from commandcenter.models.talking_point import TalkingPointLink, TalkingPointVersion
from commandcenter.services import audit

FLAGGED = ("approved", "in_review", "needs_review")


def flag(vault, session, *, target_type: str, target_id: str, reason: str) -> list[str]:
    """Mark every dependent version; returns the ids of the versions flagged."""
    rows = session.exec(select(TalkingPointVersion).join(
        TalkingPointLink, TalkingPointLink.version_id == TalkingPointVersion.id).where(
        TalkingPointLink.target_type == target_type,
        TalkingPointLink.target_id == target_id)).all()
    now, flagged = utcnow(), []
    for version in rows:
        if version.status in FLAGGED:
            if version.status != "needs_review":
                version.review_round += 1  # earlier approvals no longer count
            version.status = "needs_review"
        elif version.status != "draft":
            continue  # superseded or retired: history, not the line
        version.flag_reason, version.flagged_at = reason, now
        version.updated_at = now
        flagged.append(version.id)
    if flagged:
        session.flush()
        audit.record(vault, session, "talking_point.flagged", target_type, target_id,
                     {"reason": reason, "versions": sorted(flagged)})
    return flagged
