"""The unlocked vault: the one object that owns the engine and the data key.

Services open short sessions through `read()` and `write()`. Locking disposes the engine and
overwrites the key held here; after that every call raises VaultLocked.
"""

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine
from sqlmodel import Session

from commandcenter import logsetup
from commandcenter.vault.errors import (DiskFull, PermissionDenied, VaultDamaged, VaultLocked,
                                        is_disk_full, looks_damaged)
from commandcenter.vault.paths import VaultPaths

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    """The operator acting now; recorded on every change."""

    id: str
    name: str
    role: str

    def require(self, *roles: str, action: str) -> None:
        if self.role not in roles:
            allowed = " or ".join(roles)
            raise PermissionDenied(f"Only a {allowed} can {action}; you are signed in as "
                                   f"{self.name} ({self.role}).")


class UnlockedVault:
    def __init__(self, *, paths: VaultPaths, vault_id: str, data_key: bytes, engine: Engine,
                 actor: Actor, key_store: str):
        self.paths = paths
        self.vault_id = vault_id
        self.actor = actor
        self.key_store = key_store  # how it was unlocked: "passphrase", "keychain: …", "recovery code"
        self.notices: list[str] = []  # what the person should know about this unlock
        self._key = bytearray(data_key)
        self._engine: Engine | None = engine
        logsetup.register_secret(data_key)  # defence in depth: masked if it ever reaches a log

    # --- the key and the engine ---------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._engine is None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise VaultLocked()
        return self._engine

    @property
    def data_key(self) -> bytes:
        if self._engine is None:
            raise VaultLocked()
        return bytes(self._key)

    def replace_engine(self, engine: Engine, data_key: bytes) -> None:
        """After a rekey or restore: the new engine (and key) take over."""
        old = self._engine
        self._engine = engine
        self._key[:] = b"\0" * len(self._key)
        self._key = bytearray(data_key)
        logsetup.register_secret(data_key)
        if old is not None and old is not engine:
            old.dispose()

    def lock(self) -> None:
        """Dispose every pooled connection and forget the key (best effort in Python)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        for i in range(len(self._key)):
            self._key[i] = 0
        log.info("vault locked")

    def release_memory(self) -> None:
        """Give back the decrypted pages each idle pooled connection holds (SQLite's page
        cache, up to 16 MiB each): vault content in plain text, kept in memory only while
        it is being used. The next read decrypts what it needs again. A connection in use
        keeps its cache; a locked vault has none."""
        if self._engine is None:
            return
        pool, held = self._engine.pool, []
        try:
            for _ in range(pool.checkedin()):  # each idle one once (checked out together)
                held.append(self._engine.raw_connection())
            for conn in held:
                conn.driver_connection.execute("PRAGMA shrink_memory")
        finally:
            for conn in held:
                conn.close()

    def __repr__(self) -> str:  # never the key
        state = "locked" if self.is_locked else "unlocked"
        return f"<UnlockedVault {self.vault_id[:8]} {state} as {self.actor.name}>"

    # --- sessions -----------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._translate_errors(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write session: BEGIN IMMEDIATE, committed when the block ends without error."""
        bind = self.engine.execution_options(ccc_write=True)
        with self._translate_errors(), Session(bind, expire_on_commit=False) as session:
            with session.begin():
                yield session

    @contextmanager
    def _translate_errors(self):
        try:
            yield
        except sa_exc.DatabaseError as exc:
            text = str(getattr(exc, "orig", exc))
            if looks_damaged(text):
                raise VaultDamaged(text.splitlines()[0][:120]) from None
            if is_disk_full(exc):
                raise DiskFull() from exc
            raise
