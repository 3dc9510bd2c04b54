"""What the journey map and timeline read from the talking points: the labels of the lines a
cell links (Content, one of the 9 C's) and the "Approvals" swim lane of the timeline."""

from sqlmodel import select

from commandcenter.models import TalkingPoint, TalkingPointReview, TalkingPointVersion


def line_labels(session, ids: list[str]) -> dict[str, str]:
    """Talking-point id -> its latest version's title (ids that are gone are left out)."""
    labels: dict[str, tuple[int, str]] = {}
    rows = session.exec(select(TalkingPointVersion.point_id, TalkingPointVersion.version,
                               TalkingPointVersion.title)
                        .where(TalkingPointVersion.point_id.in_(ids)))
    for point_id, version, title in rows:
        if point_id not in labels or version > labels[point_id][0]:
            labels[point_id] = (version, title)
    return {point_id: title for point_id, (_v, title) in labels.items()}


def approvals_lane(session, incident_id: str) -> list[tuple]:
    """(when, label) of every approval of a line of the incident."""
    rows = session.exec(
        select(TalkingPointReview.created_at, TalkingPointVersion.title,
               TalkingPointVersion.version)
        .join(TalkingPointVersion, TalkingPointVersion.id == TalkingPointReview.version_id)
        .join(TalkingPoint, TalkingPoint.id == TalkingPointVersion.point_id)
        .where(TalkingPoint.incident_id == incident_id, TalkingPointReview.outcome == "approve")
        .order_by(TalkingPointReview.created_at))
    return [(at, f"{title} v{version}") for at, title, version in rows]
