"""Which lines the "All lines" list shows for an audience and a status: one pure predicate,
used by the service (`list_lines`) and by the list itself, which filters the rows it has
already read rather than reading the vault again at each change of a filter (issue 9).

`status` is either an (effective) status — draft, in_review, approved, expired, … — or a
flag word (needs review, expiring soon, expired, review due); a row matches a flag word when
it carries that flag, or when its status has that name ("expired" is both).

`versions` is what a full-text search found (query.matching_versions): the ids of the
versions whose words match, or None when nothing is searched."""

from typing import AbstractSet, Iterable, Sequence


def line_matches(row, *, audience: str | None = None, status: str | None = None,
                 versions: AbstractSet[str] | None = None) -> bool:
    """`row`: anything with `version_id`, `audiences` (keys), `status` and `flags`
    ((word, state) pairs), i.e. a query.LineRow. None means "any"."""
    if versions is not None and row.version_id not in versions:
        return False
    if audience and audience not in row.audiences:
        return False
    if status and row.status != status and not any(w == status for w, _ in row.flags):
        return False
    return True


def matching(rows: Iterable, *, audience: str | None = None, status: str | None = None,
             versions: AbstractSet[str] | None = None) -> list:
    """The rows that match, in their order."""
    if not audience and not status and versions is None:
        return list(rows)
    return [r for r in rows
            if line_matches(r, audience=audience, status=status, versions=versions)]


def matching_indexes(rows: Sequence, *, audience: str | None = None,
                     status: str | None = None,
                     versions: AbstractSet[str] | None = None) -> list[int]:
    """The positions of the rows that match, in order."""
    if not audience and not status and versions is None:
        return list(range(len(rows)))
    return [i for i, r in enumerate(rows)
            if line_matches(r, audience=audience, status=status, versions=versions)]
