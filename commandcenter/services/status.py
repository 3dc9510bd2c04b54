"""What the status bar and `commandcenter status` show."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import func, select

from commandcenter.models import AuditEntry, Incident, Operator, VaultInfo
from commandcenter.services import audit, incidents
from commandcenter.vault import backup, schema
from commandcenter.vault.keyfile import KeyFile
from commandcenter.vault.unlocked import UnlockedVault


@dataclass(frozen=True)
class VaultStatus:
    vault_id: str
    vault_name: str
    log_book: str
    path: str
    schema_revision: str | None
    head_revision: str
    key_generation: int
    key_store: str
    keychain_operators: int
    operators: list[tuple[str, str, str]]  # (name, role, status)
    acting: str
    last_backup_at: datetime | None
    last_backup_path: str | None
    chain_entries: int
    chain_head: str
    incidents_open: int
    active_incident: str | None

    def lines(self) -> list[str]:
        backup_text = (f"{self.last_backup_at:%Y-%m-%d %H:%M} UTC ({self.last_backup_path})"
                       if self.last_backup_at else "never")
        ops = ", ".join(f"{n} ({r}{'' if s == 'active' else ', ' + s})"
                        for n, r, s in self.operators)
        return [
            f"vault:          {self.vault_name} [{self.log_book}] {self.vault_id}",
            f"path:           {self.path}",
            f"schema:         {self.schema_revision} (head {self.head_revision})",
            f"key store:      {self.key_store}; key generation {self.key_generation}; "
            f"{self.keychain_operators} operator(s) use the keychain",
            f"acting:         {self.acting}",
            f"operators:      {ops}",
            f"active incident:{' ' + self.active_incident if self.active_incident else ' none'}"
            f" ({self.incidents_open} open)",
            f"last backup:    {backup_text}",
            f"audit chain:    {self.chain_entries} entries, head {self.chain_head[:16]}",
        ]


def vault_status(vault: UnlockedVault) -> VaultStatus:
    with vault.read() as session:
        info = session.exec(select(VaultInfo)).one()
        ops = session.exec(select(Operator).order_by(Operator.name)).all()
        seq, head = audit.chain_head(session)
        entries = session.exec(select(func.count()).select_from(AuditEntry)).one()
        open_count = session.exec(select(func.count()).select_from(Incident)
                                  .where(Incident.status == "open")).one()
    kf = KeyFile.load(vault.paths.keyfile)
    last = backup.last_backup(vault)
    active = incidents.active_incident(vault)
    return VaultStatus(
        vault_id=vault.vault_id, vault_name=info.name, log_book=info.log_book,
        path=str(vault.paths.data_dir), schema_revision=schema.current_revision(vault.engine),
        head_revision=schema.head_revision(), key_generation=kf.generation,
        key_store=vault.key_store,
        keychain_operators=sum(1 for s in kf.operator_slots() if s.keychain_backend),
        operators=[(o.name, o.role, o.status) for o in ops], acting=vault.actor.name,
        last_backup_at=last.created_at if last else None,
        last_backup_path=last.path if last else None, chain_entries=entries,
        chain_head=head, incidents_open=open_count,
        active_incident=f"{active.code} — {active.title}" if active else None,
    )
