"""Operators: reading the roster of people who act in this vault. Key-slot changes live in
vault/slots.py (they touch the key file); they are re-exported here for the UI and CLI."""

from sqlmodel import select

from commandcenter.models import Operator
from commandcenter.vault.slots import (  # noqa: F401  (the service surface)
    add_operator, change_passphrase, disable_keychain, enable_keychain, issue_slot,
    new_recovery_code, reset_passphrase_with_recovery, revoke_operator,
)
from commandcenter.vault.unlocked import UnlockedVault


def list_operators(vault: UnlockedVault, *, include_revoked: bool = True) -> list[Operator]:
    with vault.read() as session:
        query = select(Operator).order_by(Operator.status, Operator.name)
        if not include_revoked:
            query = query.where(Operator.status == "active")
        return list(session.exec(query).all())
