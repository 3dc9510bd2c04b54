"""Full-text search. `query` turns what a person typed into a safe, engine-neutral form;
`fts` is the SQLite FTS5 implementation (DESIGN §7: SQLite-only features live here, so a
PostgreSQL implementation can stand beside it with the same three functions)."""


def is_index_table(name: str) -> bool:
    """Tables derived from the decision log for searching and filtering (no model; rebuilt
    from the entries; never exported)."""
    from commandcenter.search import facets, fts

    return fts.is_index_table(name) or facets.is_index_table(name)
