"""Key rotation that survives a crash at any point.

1. The new data key is sealed to every slot and recorded as the *pending* generation.
2. The database is exported into a new file under the new key (the live file is untouched).
3. The WAL is folded in and removed; the new file replaces the old one (atomic rename).
4. The pending generation becomes current.
A crash before 3 leaves the old key working (the pending one is dropped at the next unlock);
a crash after 3 leaves the new key working (the next unlock finishes step 4). The database
always opens with exactly one of the two keys.
"""

import logging
import os

from sqlmodel import select

from commandcenter.models import VaultInfo
from commandcenter.services import audit
from commandcenter.vault import crypto
from commandcenter.vault import engine as vault_engine
from commandcenter.vault.errors import VaultError
from commandcenter.vault.keyfile import KeyFile
from commandcenter.vault.lifecycle import promote_pending
from commandcenter.vault.paths import fsync_dir, make_private
from commandcenter.vault.restore import _checkpoint_and_close
from commandcenter.vault.unlocked import UnlockedVault

log = logging.getLogger(__name__)


def rekey(vault: UnlockedVault, *, reason: str = "rotation", _crash_at: str | None = None) -> str:
    """Rotate the data key; returns the new key's fingerprint. Refused (VaultInUse) while
    another app has this vault open: the rotation swaps the file under it."""
    from commandcenter.vault import instance

    with instance.exclusive(vault.paths.data_dir):
        return _rekey(vault, reason=reason, _crash_at=_crash_at)


def _rekey(vault: UnlockedVault, *, reason: str = "rotation", _crash_at: str | None = None) -> str:
    """Rotate the data key; returns the new key's fingerprint. `_crash_at` is for tests."""
    vault.actor.require("lead", action="rotate the vault key")
    paths, old_key = vault.paths, vault.data_key
    kf = KeyFile.load(paths.keyfile)
    if not kf.verify_mac(old_key):
        raise VaultError("The key file does not match the open vault; rotation refused.")
    new_key = crypto.new_data_key()
    kf.pending_generation, kf.pending_key_id = kf.generation + 1, crypto.key_fingerprint(new_key)
    for slot in kf.slots:
        kf.seal_for(slot, new_key, kf.pending_generation)
    kf.save(paths.keyfile, old_key)                                   # step 1
    _maybe_crash(_crash_at, "after-pending")

    paths.rekey_tmp.unlink(missing_ok=True)                           # step 2
    with vault.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        vault_engine.attach(raw, "ccc_rekey", paths.rekey_tmp, new_key)
        try:
            raw.execute("BEGIN")
            raw.execute("SELECT sqlcipher_export('ccc_rekey')")
            raw.execute("COMMIT")
        finally:
            raw.execute("DETACH DATABASE ccc_rekey")
    with open(paths.rekey_tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    _maybe_crash(_crash_at, "after-export")

    vault.engine.dispose()                                            # step 3
    _checkpoint_and_close(paths.db, old_key)
    if paths.wal.exists() and paths.wal.stat().st_size > 0:
        raise VaultError("The vault is still in use elsewhere; key rotation postponed.")
    paths.wal.unlink(missing_ok=True)
    paths.shm.unlink(missing_ok=True)
    os.replace(paths.rekey_tmp, paths.db)
    make_private(paths.db)
    fsync_dir(paths.data_dir)
    _maybe_crash(_crash_at, "after-swap")

    promote_pending(paths, kf, new_key)                               # step 4
    vault.replace_engine(vault_engine.create_vault_engine(paths.db, new_key), new_key)
    with vault.write() as session:
        info = session.exec(select(VaultInfo)).one()
        info.key_generation = kf.generation
        info.updated_by = vault.actor.id
        session.add(info)
        audit.record(vault, session, "vault.rekeyed", "vault", vault.vault_id,
                     {"generation": kf.generation, "key_id": kf.key_id, "reason": reason})
    log.info("vault key rotated to generation %s", kf.generation)
    return kf.key_id


def _maybe_crash(crash_at: str | None, point: str) -> None:
    if crash_at == point:
        os._exit(77)  # simulate power loss for the crash tests: no cleanup, no flush
