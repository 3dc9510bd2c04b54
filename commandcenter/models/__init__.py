"""SQLModel tables, one module per aggregate. Importing this package registers them all."""

from commandcenter.models.audit import AuditEntry
from commandcenter.models.backup import BackupRecord
from commandcenter.models.decision import DecisionEntry, DecisionHead
from commandcenter.models.incident import Incident
from commandcenter.models.journey import (
    JourneyCell, JourneyPhase, StakeholderGroup, StakeholderUpdate, TimelineEvent, UpdatePromise,
)
from commandcenter.models.operator import Operator, Role
from commandcenter.models.settings import Setting, VaultInfo

__all__ = ["AuditEntry", "BackupRecord", "DecisionEntry", "DecisionHead", "Incident",
           "JourneyCell", "JourneyPhase", "StakeholderGroup", "StakeholderUpdate",
           "TimelineEvent", "UpdatePromise",
           "Operator", "Role", "Setting", "VaultInfo"]
