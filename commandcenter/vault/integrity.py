"""Integrity check: every page authenticates (SQLCipher HMAC), SQLite's structure is sound,
foreign keys hold, and the audit chain is unbroken."""

from dataclasses import dataclass, field

import sqlcipher3.dbapi2 as sqlcipher

from commandcenter.services import audit, decisions
from commandcenter.vault.unlocked import UnlockedVault


def check_connection(conn) -> list[str]:
    """Problems found on a keyed DB-API connection; an empty list means sound."""
    problems: list[str] = []
    try:
        rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        problems += [f"page check: {r[0]}" for r in rows]
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        problems += [f"structure: {r[0]}" for r in rows if r[0] != "ok"]
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"foreign key: table {r[0]} row {r[1]}" for r in rows]
    except sqlcipher.DatabaseError as exc:
        problems.append(f"unreadable: {str(exc).splitlines()[0][:120]}")
    return problems


@dataclass(frozen=True)
class IntegrityReport:
    problems: list[str] = field(default_factory=list)
    chain: audit.ChainReport | None = None
    decision_log: object | None = None  # services.decisions.LogReport

    @property
    def ok(self) -> bool:
        return not self.problems and self.chain is not None and self.chain.ok

    def summary(self) -> str:
        if self.ok:
            log = f"; {self.decision_log.message}" if self.decision_log is not None else ""
            return f"OK — database sound; {self.chain.message}{log}"
        first = self.problems[0] if self.problems else self.chain.message
        return f"FAILED — damaged or tampered: {first}"


def check(vault: UnlockedVault, *, progress=None) -> IntegrityReport:
    with vault.engine.connect() as conn:
        problems = check_connection(conn.connection.dbapi_connection)
    chain = log = None
    if not problems:
        try:
            with vault.read() as session:
                chain = audit.verify_chain(session, progress=progress)
                log = decisions.verify_log(session)
        except Exception as exc:  # a damaged page met while walking the chain
            problems.append(f"unreadable: {exc}")
    if log is not None and not log.ok:
        problems.append(log.message)
    return IntegrityReport(problems, chain, log)
