"""Statements run on the DB-API cursor under a SQLAlchemy connection, for hot write paths.

A decision append runs about a dozen small statements; through SQLAlchemy Core each one
cost ~0.2 ms of Python (compiled-cache keys, events, result setup), on the DB-API cursor a
few microseconds, which is what brings an append under its 5 ms target (issue 4).

Same connection, same transaction: the vault engine's connections run with
isolation_level=None and SQLAlchemy has already sent BEGIN (IMMEDIATE for a write session,
`engine._control_transactions`) when the caller got its connection from the session.
Errors come back as SQLAlchemy's DBAPIError family (parameters hidden: they hold vault
content), so `UnlockedVault.write` still translates a damaged file and callers still catch
IntegrityError.
"""

from sqlalchemy import exc as sa_exc


class Raw:
    """`execute`/`executemany` of plain SQL (`:name` parameters from dicts) in `conn`'s
    transaction. `conn`: a SQLAlchemy Connection, or a Raw (returned as is by `raw`)."""

    __slots__ = ("_cursor", "_error")

    def __init__(self, conn):
        self._cursor = conn.connection.driver_connection.cursor()
        self._error = conn.dialect.loaded_dbapi.Error

    def execute(self, sql: str, params=()):
        try:
            return self._cursor.execute(sql, params)
        except self._error as exc:
            raise self._wrapped(sql, exc) from exc

    def executemany(self, sql: str, rows):
        try:
            return self._cursor.executemany(sql, rows)
        except self._error as exc:
            raise self._wrapped(sql, exc) from exc

    def _wrapped(self, sql: str, exc: Exception) -> BaseException:
        return sa_exc.DBAPIError.instance(sql, None, exc, self._error, hide_parameters=True)


def raw(conn) -> Raw:
    return conn if isinstance(conn, Raw) else Raw(conn)
