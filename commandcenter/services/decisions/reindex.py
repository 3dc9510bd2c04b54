"""Rebuilding the decision log's derived indexes (full-text `decision_fts`, filter facets
`decision_facet`) from the entries and heads, e.g. in a vault rebuilt from an archive: they
are derived data, so they are never carried, only re-made, and cannot disagree with the log."""

from sqlalchemy import text

from commandcenter.search import facets, fts
from commandcenter.services.decisions import book, chain

BATCH = 5000


def rebuild_indexes(conn) -> None:
    """On the caller's connection and transaction; the heads must be present."""
    conn.execute(text(f"DELETE FROM {fts.TABLE}"))
    conn.execute(text(f"DELETE FROM {facets.TABLE}"))
    heads = conn.execute(text("SELECT decision_id, tags, decision_makers FROM decision_head "
                              "ORDER BY search_key"))
    for batch in _batches(heads):
        facets.write(conn, batch, replace=False)
    # Book order, as the entries were first written: each decision's index rows take the
    # same ordinals within its rowid range as they had in the vault the archive came from.
    entries = conn.execute(text(f"SELECT {', '.join(chain.COLUMNS)} FROM decision_entry "
                                "ORDER BY log_book, book_seq"))
    for batch in _batches(entries):
        book.index_rows(conn, batch)


def _batches(result):
    while rows := result.fetchmany(BATCH):
        yield [dict(r._mapping) for r in rows]
