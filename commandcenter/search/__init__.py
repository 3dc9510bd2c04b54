"""Full-text search. `query` turns what a person typed into a safe, engine-neutral form;
`fts` is the SQLite FTS5 implementation (DESIGN §7: SQLite-only features live here, so a
PostgreSQL implementation can stand beside it with the same three functions)."""
