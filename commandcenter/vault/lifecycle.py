"""Creating and unlocking a vault.

Unlocking: the slot's private key is unwrapped (passphrase, recovery code or keychain), it
opens the sealed data key, the key file's MAC is checked, and the key is tried on the
database read-only first, so a wrong key changes no file. Only then is the engine made.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import exc as sa_exc
from sqlmodel import select

from commandcenter.models import Operator, Role, Setting, VaultInfo
from commandcenter.services import audit
from commandcenter.vault import crypto, keychain, keyfile_recovery, schema, throttle
from commandcenter.vault.engine import (
    KeyMismatch, create_vault_engine, key_fits_but_page_one_damaged, probe,
    roll_back_hot_journal,
)
from commandcenter.vault.errors import (
    KeychainBackendChanged, KeychainEntryMissing, KeychainEntryStale, KeychainUnavailable,
    KeyFileDamaged, KeyFileMismatch, OperatorRevoked, UnknownOperator, VaultAlreadyExists,
    VaultDamaged, VaultError, VaultNotFound, WrongPassphrase, looks_damaged,
)
from commandcenter.vault.keyfile import KeyFile, Slot, new_keyfile
from commandcenter.vault.paths import VaultPaths, restrict_umask
from commandcenter.vault.unlocked import Actor, UnlockedVault

log = logging.getLogger(__name__)

DEFAULT_SETTINGS = {"auto_lock_minutes": 5, "approvals_required": 1,
                    "media_training_max_months": 12, "active_incident_id": None}


@dataclass(frozen=True)
class SlotOperator:
    """What the unlock dialog may know before anything is decrypted."""

    operator_id: str
    name: str
    role: str
    has_keychain: bool


def list_operators(paths: VaultPaths) -> list[SlotOperator]:
    kf = KeyFile.load(paths.keyfile)
    return [SlotOperator(s.operator_id, s.operator_name, s.role, bool(s.keychain_backend))
            for s in kf.operator_slots()]


# --- creating -----------------------------------------------------------------------------

def create_vault(paths: VaultPaths, *, operator_name: str, passphrase: str,
                 role: str = Role.LEAD, use_keychain: bool = False,
                 kdf: crypto.KdfParams | None = None, vault_name: str = "War room",
                 log_book: str = "WR1", allow_weak_passphrase: bool = False
                 ) -> tuple[UnlockedVault, str]:
    """Create a new vault; returns it unlocked and the one-time recovery code.

    Refuses if anything of a vault is already there: a new key is never made over a vault.
    `allow_weak_passphrase` exists for the demo vault only (its passphrase is "demo").
    """
    _check_new_vault_input(operator_name, passphrase, role, allow_weak_passphrase)
    if paths.db.exists() or paths.keyfile.exists():
        raise VaultAlreadyExists(f"A vault already exists in {paths.data_dir}; "
                                 "open it, or choose another folder with --data-dir.")
    restrict_umask()
    paths.ensure()
    params = kdf or crypto.calibrate_kdf()
    data_key, vault_id, operator_id = crypto.new_data_key(), str(uuid.uuid4()), str(uuid.uuid4())
    code = crypto.new_recovery_code()
    kf = new_keyfile(vault_id, data_key)
    slot, private = kf.add_slot(kind="operator", secret=passphrase, data_key=data_key,
                                operator_id=operator_id, operator_name=operator_name.strip(),
                                role=str(role), params=params)
    kf.add_slot(kind="recovery", secret=code, data_key=data_key, operator_id=None,
                operator_name="Recovery code", role="", params=params)
    kf.save(paths.keyfile, data_key)
    try:
        engine = create_vault_engine(paths.db, data_key)
        schema.upgrade(engine)
        actor = Actor(operator_id, operator_name.strip(), str(role))
        _seed_new_vault(engine, vault_id, actor, vault_name, log_book, slot.slot_id)
    except Exception:
        for f in (paths.db, paths.wal, paths.shm, paths.keyfile):
            f.unlink(missing_ok=True)
        raise
    vault = UnlockedVault(paths=paths, vault_id=vault_id, data_key=data_key, engine=engine,
                          actor=actor, key_store="passphrase")
    if use_keychain:
        enable_keychain_for(vault, kf, slot, private)
    _make_files_private(paths)
    return vault, code


def _check_new_vault_input(name: str, passphrase: str, role: str, allow_weak: bool) -> None:
    from commandcenter.services.errors import ValidationError

    if not name or not name.strip():
        raise ValidationError("name", "Enter the operator's name.")
    if role not in {r.value for r in Role}:
        raise ValidationError("role", f"Unknown role {role!r}; choose one of "
                              + ", ".join(r.value for r in Role) + ".")
    if not passphrase or (len(passphrase) < 8 and not allow_weak):
        raise ValidationError("passphrase", "The passphrase needs at least 8 characters.")


def _seed_new_vault(engine, vault_id, actor, vault_name, log_book, slot_id) -> None:
    from sqlmodel import Session

    with Session(engine.execution_options(ccc_write=True)) as session, session.begin():
        session.add(VaultInfo(id=vault_id, origin_vault_id=vault_id, name=vault_name,
                              log_book=log_book, created_by=actor.id, updated_by=actor.id))
        session.add(Operator(id=actor.id, origin_vault_id=vault_id, name=actor.name,
                             role=actor.role, slot_id=slot_id, created_by=actor.id,
                             updated_by=actor.id))
        for key, value in DEFAULT_SETTINGS.items():
            session.add(Setting(origin_vault_id=vault_id, key=key,
                                value=audit.canonical_json(value), created_by=actor.id,
                                updated_by=actor.id))
        session.flush()
        audit.append(session, vault_id=vault_id, actor=actor, action="vault.created",
                     entity_type="vault", entity_id=vault_id,
                     payload={"name": vault_name, "log_book": log_book})
        audit.append(session, vault_id=vault_id, actor=actor, action="operator.added",
                     entity_type="operator", entity_id=actor.id,
                     payload={"name": actor.name, "role": actor.role})


def _make_files_private(paths: VaultPaths) -> None:
    from commandcenter.vault.paths import make_private

    for f in (paths.db, paths.wal, paths.shm, paths.keyfile):
        make_private(f)


# --- unlocking ----------------------------------------------------------------------------

def unlock_with_passphrase(paths: VaultPaths, *, operator_id: str, passphrase: str
                           ) -> UnlockedVault:
    kf = _load_keyfile(paths)
    slot = _operator_slot(kf, operator_id)
    throttle.check(paths, operator_id, "passphrase")
    try:
        private = kf.unwrap_private(slot, passphrase)
    except crypto.DecryptionFailed:
        throttle.failed(paths, operator_id)
        raise _wrong(paths, kf, "passphrase") from None
    throttle.succeeded(paths, operator_id)
    try:
        return _open(paths, kf, slot, private, key_store="passphrase")
    except KeyFileMismatch:
        vault = _with_newer_key_file(paths, kf, operator_id, passphrase)
        if vault is None:
            raise
        return vault


def unlock_with_recovery_code(paths: VaultPaths, *, operator_id: str, recovery_code: str
                              ) -> UnlockedVault:
    """The recovery code opens the vault; `operator_id` says who is acting."""
    kf = _load_keyfile(paths)
    slot = kf.recovery_slot()
    if slot is None:
        raise KeyFileDamaged("no recovery slot")
    _operator_slot(kf, operator_id)
    throttle.check(paths, throttle.RECOVERY, "recovery code")
    code = crypto.normalise_recovery_code(recovery_code)
    try:
        private = kf.unwrap_private(slot, code)
    except crypto.DecryptionFailed:
        throttle.failed(paths, throttle.RECOVERY)
        raise _wrong(paths, kf, "recovery code") from None
    throttle.succeeded(paths, throttle.RECOVERY)
    try:
        return _open(paths, kf, slot, private, key_store="recovery code",
                     operator_id=operator_id)
    except KeyFileMismatch:
        vault = _with_newer_key_file(paths, kf, None, code, operator_id=operator_id)
        if vault is None:
            raise
        return vault


def _wrong(paths: VaultPaths, kf: KeyFile, what: str) -> WrongPassphrase:
    """A wrong passphrase; when the key file is older than the last one written here, the
    message says that too (a newer passphrase cannot open an older file)."""
    older = keyfile_recovery.looks_older(paths, kf)
    return WrongPassphrase(what, keyfile_recovery.OLDER_HINT if older else "")


def _with_newer_key_file(paths: VaultPaths, kf: KeyFile, slot_operator: str | None,
                         secret: str, *, operator_id: str | None = None):
    """The key file does not open the database: if a newer copy of it kept with a backup
    does (with the same secret), put it back and open with it; else None."""
    found = keyfile_recovery.newer_key_file(paths, kf, operator_id=slot_operator,
                                            secret=secret)
    if found is None:
        return None
    side, newer = found
    kept = keyfile_recovery.put_back(paths, side)
    slot = newer.recovery_slot() if slot_operator is None else \
        newer.slot_for_operator(slot_operator)
    private = newer.unwrap_private(slot, secret)
    vault = _open(paths, newer, slot, private,
                  key_store="recovery code" if slot_operator is None else "passphrase",
                  operator_id=operator_id)
    vault.notices.append(keyfile_recovery.notice(side, kept))
    return vault


def unlock_with_keychain(paths: VaultPaths, *, operator_id: str,
                         chain: keychain.Keychain | None = None) -> UnlockedVault:
    kf = _load_keyfile(paths)
    slot = _operator_slot(kf, operator_id)
    if not slot.keychain_backend:
        raise KeychainUnavailable("This operator does not keep the key in the keychain — "
                                  "use your passphrase.")
    chain = chain or keychain.detect()
    if chain is None:
        raise KeychainUnavailable("No keychain is available on this computer — "
                                  "use your passphrase or recovery code.")
    if chain.name != slot.keychain_backend:
        raise KeychainBackendChanged(keychain.label_for(slot.keychain_backend), chain.label)
    try:
        stored = chain.load(kf.vault_id, slot.slot_id)
    except Exception as exc:
        raise KeychainUnavailable(f"The keychain did not answer ({type(exc).__name__}) — "
                                  "use your passphrase or recovery code.") from None
    if not stored:
        raise KeychainEntryMissing()
    try:
        private = crypto.unb64(stored)
        kf.open_sealed(slot, private, kf.generation)
    except (ValueError, KeyFileDamaged):
        raise KeychainEntryStale() from None
    return _open(paths, kf, slot, private, key_store=f"keychain ({chain.label})")


def enable_keychain_for(vault: UnlockedVault, kf: KeyFile, slot: Slot, private: bytes,
                        chain: keychain.Keychain | None = None) -> str:
    """Store the slot's private key in the keychain; returns the keychain's label."""
    chain = chain or keychain.detect()
    if chain is None:
        raise KeychainUnavailable("No keychain is available on this computer.")
    chain.store(kf.vault_id, slot.slot_id, crypto.b64(private))
    slot.keychain_backend = chain.name
    kf.save(vault.paths.keyfile, vault.data_key)
    return chain.label


def _load_keyfile(paths: VaultPaths) -> KeyFile:
    if not paths.db.exists():
        raise VaultNotFound(f"No vault in {paths.data_dir}. Create one with `commandcenter init` "
                            "or the first-run wizard.")
    return KeyFile.load(paths.keyfile)


def _operator_slot(kf: KeyFile, operator_id: str) -> Slot:
    slot = kf.slot_for_operator(operator_id)
    if slot is None:
        raise UnknownOperator("This operator has no key slot in this vault (revoked, or "
                              "added on another copy of the vault).")
    return slot


def _open(paths: VaultPaths, kf: KeyFile, slot: Slot, private: bytes, *, key_store: str,
          operator_id: str | None = None) -> UnlockedVault:
    data_key = kf.open_sealed(slot, private, kf.generation)
    if not kf.verify_mac(data_key):
        raise KeyFileDamaged("its seal does not match")
    data_key = _settle_generation(paths, kf, slot, private, data_key)
    engine = create_vault_engine(paths.db, data_key)
    try:
        _migrate_if_needed(paths, engine, data_key)
        actor = _actor(engine, kf, operator_id or slot.operator_id)
    except Exception as exc:
        engine.dispose()
        # A damaged page met while reading the schema revision or the operator: say so.
        if isinstance(exc, sa_exc.DatabaseError) and looks_damaged(str(exc.orig)):
            raise VaultDamaged(str(exc.orig).splitlines()[0][:120]) from None
        raise
    _make_files_private(paths)
    log.info("vault unlocked (%s)", key_store)
    return UnlockedVault(paths=paths, vault_id=kf.vault_id, data_key=data_key, engine=engine,
                         actor=actor, key_store=key_store)


def _settle_generation(paths, kf: KeyFile, slot: Slot, private: bytes, data_key: bytes) -> bytes:
    """Finish or undo a key rotation that a crash interrupted; return the key that opens
    the database. Exactly one of the two keys does."""
    if roll_back_hot_journal(paths.db, data_key):
        log.warning("an interrupted write was rolled back")
    try:
        probe(paths.db, data_key)
        current_ok = True
    except KeyMismatch:
        current_ok = False
    if kf.pending_generation is None:
        if not current_ok:
            _raise_damaged_or_mismatch(paths, data_key)
        return data_key
    if current_ok:  # the rotation never reached the database: drop it
        kf.pending_generation = kf.pending_key_id = None
        for s in kf.slots:
            s.sealed = {str(kf.generation): s.sealed[str(kf.generation)]}
        kf.save(paths.keyfile, data_key)
        paths.rekey_tmp.unlink(missing_ok=True)
        log.warning("an interrupted key rotation was rolled back")
        return data_key
    new_key = kf.open_sealed(slot, private, kf.pending_generation)
    try:
        probe(paths.db, new_key)
    except KeyMismatch:  # neither key opens it
        _raise_damaged_or_mismatch(paths, data_key, new_key)
    promote_pending(paths, kf, new_key)
    log.warning("an interrupted key rotation was completed")
    return new_key


def _raise_damaged_or_mismatch(paths: VaultPaths, *keys: bytes) -> None:
    """The key file's seal proved the key(s) right, yet page 1 does not open: if the other
    pages authenticate, the file is damaged; otherwise the key file is not this vault's."""
    if any(key_fits_but_page_one_damaged(paths.db, key) for key in keys):
        raise VaultDamaged("its first page does not authenticate")
    raise KeyFileMismatch()


def promote_pending(paths: VaultPaths, kf: KeyFile, new_key: bytes) -> None:
    gen = str(kf.pending_generation)
    kf.generation, kf.key_id = kf.pending_generation, kf.pending_key_id
    kf.pending_generation = kf.pending_key_id = None
    for s in kf.slots:
        s.sealed = {gen: s.sealed[gen]}
    kf.save(paths.keyfile, new_key)


def _migrate_if_needed(paths: VaultPaths, engine, data_key: bytes) -> None:
    current, head = schema.current_revision(engine), schema.head_revision()
    if current == head:
        return
    if current is not None and current not in schema.known_revisions():
        raise VaultError("This vault was written by a newer version of Crisis Command Center; "
                         "install that version to open it.")
    from commandcenter.vault import backup

    backup.raw_backup(paths, engine, data_key, reason=f"pre-migration-{current}")
    schema.upgrade(engine)


def _actor(engine, kf: KeyFile, operator_id: str) -> Actor:
    from sqlmodel import Session

    with Session(engine) as session:
        info = session.exec(select(VaultInfo)).first()
        if info is None or info.id != kf.vault_id:
            raise KeyFileMismatch()
        op = session.get(Operator, operator_id)
    if op is None:
        raise UnknownOperator("This operator is not in the vault.")
    if op.status != "active":
        raise OperatorRevoked(f"{op.name}'s access was revoked; ask the war-room lead.")
    return Actor(op.id, op.name, op.role)


def now_utc() -> datetime:
    return datetime.now(UTC)
