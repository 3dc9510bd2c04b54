"""Full-text search. `query` turns what a person typed into a safe, engine-neutral form;
`fts` is the SQLite FTS5 implementation (DESIGN §7: SQLite-only features live here, so a
PostgreSQL implementation can stand beside it with the same three functions); `areas` are
the indexes of the talking points, roster, timeline and audit trail."""


def is_index_table(name: str) -> bool:
    """Tables derived from the records for searching and filtering (no model; rebuilt
    from the records or kept by triggers; never exported)."""
    from commandcenter.search import areas, facets, fts

    return any(m.is_index_table(name) for m in (fts, facets, areas))
