"""The roster's table: one row per spokesperson (services.roster.RosterRow), on air and on
duty first. A roster is hundreds of people at most, so it is loaded whole."""

from PySide6.QtCore import Qt

from ui.qtmodels.table import STATE_ROLE, Column, RecordTableModel

AVAILABILITY = {"on_air": ("On air", "warn"), "on_duty": ("On duty", "ok"),
                "off_duty": ("Off duty", "neutral")}


def audience_text(row) -> str:
    from commandcenter.services.roster import AUDIENCE_NAMES

    return ", ".join(AUDIENCE_NAMES.get(a, a) for a in row.audiences)


def local_time(row) -> str:
    return row.local_time.strftime("%a %H:%M ") + (row.local_time.tzname() or "")


def lines_word(row) -> str:
    return row.lines.word if row.lines is not None else ""


def lines_tip(row) -> str:
    """Why someone is not current or has a gap, in words."""
    from commandcenter.models.talking_point import AUDIENCE_LABELS

    held = row.lines
    if held is None:
        return ""
    if held.state == "pending":
        return "Working out who holds the current line…"
    parts = [f"{c.what.capitalize()}: {c.title}" for c in held.changes]
    if held.gaps:
        parts.append("No current line for " + ", ".join(AUDIENCE_LABELS.get(a, a)
                                                        for a in held.gaps))
    return "; ".join(parts) or ("Holds every current line as acknowledged"
                                if held.state == "current" else "No line assigned")


def training(row) -> str:
    trained = row.person.media_trained_on
    if trained is None:
        return "Never"
    return ("Lapsed · " if row.training_stale else "") + trained.strftime("%b %Y")


ROSTER_COLUMNS = (
    # The role goes in the name's tooltip and the detail pane: the audiences need the width.
    Column("Name", lambda r: r.person.name,
           tooltip=lambda r: ", ".join(x for x in (r.person.role_title, r.person.organisation)
                                       if x)),
    Column("Audiences", audience_text, tooltip=audience_text),
    Column("Availability", lambda r: AVAILABILITY[r.availability][0],
           state=lambda r: AVAILABILITY[r.availability][1]),
    # Current / not current / gap: do they hold the current line, as acknowledged?
    Column("Lines", lines_word, tooltip=lines_tip),
    Column("Local time", local_time, tooltip=lambda r: r.person.time_zone),
    Column("Training", training, state=lambda r: "warn" if r.training_stale else None,
           tooltip=lambda r: "Media training is older than the vault's limit, or missing"
           if r.training_stale else "Media training is current"),
)
AVAILABILITY_COLUMN, LINES_COLUMN = 2, 3


class RosterTableModel(RecordTableModel):
    def __init__(self, parent=None):
        super().__init__(ROSTER_COLUMNS, parent)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Availability and lines are drawn as pills; the others colour their text.
        if role == STATE_ROLE and index.isValid() and index.column() == AVAILABILITY_COLUMN:
            row = self.record(index.row())
            return AVAILABILITY[row.availability][1] if row else None
        if role == STATE_ROLE and index.isValid() and index.column() == LINES_COLUMN:
            row = self.record(index.row())
            return row.lines.pill_state if row and row.lines is not None else None
        if role == STATE_ROLE:
            return None
        return super().data(index, role)
