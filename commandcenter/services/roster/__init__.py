"""The spokesperson roster (DESIGN §4, issue 6).

Modules: `inputs` (what a person gives, validated; the audiences), `shifts` (who is on duty
when, pure), `roster` (add/change/retire and the roster as read), `roster_csv` (import all or
nothing, export), `roster_vcard` (contacts exported by a phone or mail program, all or
nothing)."""

from commandcenter.services.roster.inputs import (
    AUDIENCE_NAMES, AUDIENCES, SpokespersonInput, audience_slug,
)
from commandcenter.services.roster.roster import (
    WRITERS, RosterRow, add, get, input_of, matching_ids, retire, rows, set_availability,
    training_stale, update,
)
from commandcenter.services.roster.roster_csv import (
    ImportProblem, ImportResult, export_csv, import_csv,
)
from commandcenter.services.roster.roster_vcard import import_vcard, looks_like_vcard


def import_file(vault, raw: bytes, *, progress=None) -> ImportResult:
    """A roster file as the user picked it: vCard when it is one, else CSV."""
    if looks_like_vcard(raw):
        return import_vcard(vault, raw, progress=progress)
    return import_csv(vault, raw, progress=progress)


__all__ = ["AUDIENCE_NAMES", "AUDIENCES", "SpokespersonInput", "audience_slug", "WRITERS",
           "RosterRow", "add", "get", "input_of", "matching_ids", "retire", "rows", "set_availability",
           "training_stale", "update", "ImportProblem", "ImportResult", "export_csv",
           "import_csv", "import_vcard", "import_file"]
