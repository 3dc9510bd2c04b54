"""Operators' key slots: add, revoke (with a key rotation), change passphrase, keychain opt-in,
new recovery code. Changing a passphrase rewraps one slot; the database is not re-encrypted."""

import logging

from commandcenter.models import Operator, Role
from commandcenter.services import audit
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.vault import crypto, keychain
from commandcenter.vault.errors import KeyFileDamaged, PermissionDenied, WrongPassphrase
from commandcenter.vault.keyfile import KeyFile
from commandcenter.vault.lifecycle import enable_keychain_for
from commandcenter.vault.unlocked import UnlockedVault

log = logging.getLogger(__name__)
MIN_PASSPHRASE = 8


def _keyfile(vault: UnlockedVault) -> KeyFile:
    kf = KeyFile.load(vault.paths.keyfile)
    if not kf.verify_mac(vault.data_key):
        raise KeyFileDamaged("its seal does not match the open vault")
    return kf


def _params_like(kf: KeyFile) -> crypto.KdfParams:
    """New slots use the same Argon2id cost as the vault's first slot (tuned at set-up)."""
    return crypto.KdfParams.from_dict(kf.slots[0].private_wrapped["kdf_params"])


def _check_passphrase(passphrase: str, field: str = "passphrase", allow_weak: bool = False
                      ) -> None:
    if not passphrase or (len(passphrase) < MIN_PASSPHRASE and not allow_weak):
        raise ValidationError(field, f"The passphrase needs at least {MIN_PASSPHRASE} characters.")


def add_operator(vault: UnlockedVault, *, name: str, role: str, passphrase: str,
                 use_keychain: bool = False, allow_weak_passphrase: bool = False) -> Operator:
    """`allow_weak_passphrase` is for the demo vault only (its passphrase is "demo")."""
    vault.actor.require("lead", action="add operators")
    name = (name or "").strip()
    if not name:
        raise ValidationError("name", "Enter the operator's name.")
    if role not in {r.value for r in Role}:
        raise ValidationError("role", f"Unknown role {role!r}.")
    _check_passphrase(passphrase, allow_weak=allow_weak_passphrase)
    kf = _keyfile(vault)
    if any(s.operator_name.casefold() == name.casefold() for s in kf.operator_slots()):
        raise ValidationError("name", f"An operator called {name} already exists.")
    op = Operator(origin_vault_id=vault.vault_id, name=name, role=role,
                  created_by=vault.actor.id, updated_by=vault.actor.id)
    slot, private = kf.add_slot(kind="operator", secret=passphrase, data_key=vault.data_key,
                                operator_id=op.id, operator_name=name, role=role,
                                params=_params_like(kf))
    op.slot_id = slot.slot_id
    with vault.write() as session:
        session.add(op)
        audit.record(vault, session, "operator.added", "operator", op.id,
                     {"name": name, "role": role})
        kf.save(vault.paths.keyfile, vault.data_key)  # inside the transaction: both or neither
    if use_keychain:
        enable_keychain_for(vault, kf, slot, private)
    return op


def revoke_operator(vault: UnlockedVault, *, operator_id: str, rotate_key: bool = True) -> None:
    """Remove the operator's slot and rotate the data key, so a copy of the old key file
    (with their passphrase) no longer opens the vault."""
    vault.actor.require("lead", action="revoke operators")
    if operator_id == vault.actor.id:
        raise PermissionDenied("You cannot revoke yourself; ask another lead.")
    kf = _keyfile(vault)
    slot = kf.slot_for_operator(operator_id)
    with vault.write() as session:
        op = session.get(Operator, operator_id)
        if op is None or op.status == "revoked":
            raise NotFound("No active operator with that id.")
        op.status, op.revoked_at = "revoked", audit.utcnow()
        op.updated_by, op.updated_at = vault.actor.id, audit.utcnow()
        session.add(op)
        audit.record(vault, session, "operator.revoked", "operator", op.id, {"name": op.name})
        if slot is not None:
            kf.slots.remove(slot)
            kf.save(vault.paths.keyfile, vault.data_key)
    if slot is not None and slot.keychain_backend:
        chain = keychain.detect()
        if chain is not None:
            chain.delete(kf.vault_id, slot.slot_id)
    if rotate_key:
        from commandcenter.vault.rekey import rekey

        rekey(vault, reason="operator revoked")


def change_passphrase(vault: UnlockedVault, *, old: str, new: str) -> None:
    _check_passphrase(new, "new_passphrase")
    kf = _keyfile(vault)
    slot = kf.slot_for_operator(vault.actor.id)
    if slot is None:
        raise KeyFileDamaged("no slot for the acting operator")
    try:
        private = kf.unwrap_private(slot, old)
    except crypto.DecryptionFailed:
        raise WrongPassphrase("current passphrase") from None
    kf.rewrap_private(slot, private, new, _params_like(kf))
    with vault.write() as session:
        audit.record(vault, session, "operator.passphrase_changed", "operator", vault.actor.id)
        kf.save(vault.paths.keyfile, vault.data_key)


def reset_passphrase_with_recovery(vault: UnlockedVault, *, new: str) -> None:
    """After unlocking with the recovery code: give the acting operator a new passphrase.
    The old private key is unknown, so the slot gets a new key pair."""
    _check_passphrase(new, "new_passphrase")
    kf = _keyfile(vault)
    old = kf.slot_for_operator(vault.actor.id)
    if old is None:
        raise KeyFileDamaged("no slot for the acting operator")
    kf.slots.remove(old)
    slot, _ = kf.add_slot(kind="operator", secret=new, data_key=vault.data_key,
                          operator_id=old.operator_id, operator_name=old.operator_name,
                          role=old.role, params=_params_like(kf))
    with vault.write() as session:
        op = session.get(Operator, vault.actor.id)
        op.slot_id, op.updated_by, op.updated_at = slot.slot_id, vault.actor.id, audit.utcnow()
        session.add(op)
        audit.record(vault, session, "operator.passphrase_reset", "operator", vault.actor.id,
                     {"with": "recovery code"})
        kf.save(vault.paths.keyfile, vault.data_key)


def new_recovery_code(vault: UnlockedVault) -> str:
    """Replace the recovery slot; the old code stops working. Returns the new code (show once)."""
    vault.actor.require("lead", action="issue a new recovery code")
    kf = _keyfile(vault)
    code = crypto.new_recovery_code()
    old = kf.recovery_slot()
    if old is not None:
        kf.slots.remove(old)
    kf.add_slot(kind="recovery", secret=code, data_key=vault.data_key, operator_id=None,
                operator_name="Recovery code", role="", params=_params_like(kf))
    with vault.write() as session:
        audit.record(vault, session, "vault.recovery_code_replaced", "vault", vault.vault_id)
        kf.save(vault.paths.keyfile, vault.data_key)
    return code


def enable_keychain(vault: UnlockedVault, *, passphrase: str) -> str:
    """Opt the acting operator in to keychain unlock (needs their passphrase once)."""
    kf = _keyfile(vault)
    slot = kf.slot_for_operator(vault.actor.id)
    try:
        private = kf.unwrap_private(slot, passphrase)
    except crypto.DecryptionFailed:
        raise WrongPassphrase() from None
    label = enable_keychain_for(vault, kf, slot, private)
    with vault.write() as session:
        audit.record(vault, session, "operator.keychain_enabled", "operator", vault.actor.id,
                     {"keychain": label})
    return label


def disable_keychain(vault: UnlockedVault) -> None:
    kf = _keyfile(vault)
    slot = kf.slot_for_operator(vault.actor.id)
    if slot is None or not slot.keychain_backend:
        return
    chain = keychain.detect()
    if chain is not None:
        chain.delete(kf.vault_id, slot.slot_id)
    slot.keychain_backend = None
    with vault.write() as session:
        audit.record(vault, session, "operator.keychain_disabled", "operator", vault.actor.id)
        kf.save(vault.paths.keyfile, vault.data_key)


def issue_slot(vault: UnlockedVault, *, operator_id: str, passphrase: str) -> Operator:
    """Give an active operator who has no key slot in this key file a new one (after a vault
    was rebuilt from an archive, only the importing lead has a slot). It keeps the slot id
    their record names, so the operator record stays as archived."""
    vault.actor.require("lead", action="issue key slots")
    _check_passphrase(passphrase)
    kf = _keyfile(vault)
    with vault.read() as session:
        op = session.get(Operator, operator_id)
    if op is None or op.status != "active":
        raise NotFound("No active operator with that id.")
    if kf.slot_for_operator(op.id) is not None:
        raise ValidationError("name", f"{op.name} already has a key slot; they can change "
                              "their passphrase, or a lead can revoke and re-add them.")
    free = op.slot_id and not any(s.slot_id == op.slot_id for s in kf.slots)
    slot, _ = kf.add_slot(kind="operator", secret=passphrase, data_key=vault.data_key,
                          operator_id=op.id, operator_name=op.name, role=op.role,
                          params=_params_like(kf), slot_id=op.slot_id if free else None)
    with vault.write() as session:
        if not free:
            op.slot_id, op.updated_by, op.updated_at = slot.slot_id, vault.actor.id, audit.utcnow()
            session.add(op)
        audit.record(vault, session, "operator.slot_issued", "operator", op.id,
                     {"name": op.name, "role": op.role})
        kf.save(vault.paths.keyfile, vault.data_key)  # inside the transaction: both or neither
    return op
