"""SQLModel tables, one module per aggregate. Importing this package registers them all."""

from commandcenter.models.audit import AuditEntry
from commandcenter.models.backup import BackupRecord
from commandcenter.models.decision import DecisionEntry, DecisionHead
from commandcenter.models.fact import Fact
from commandcenter.models.handover import Handover
from commandcenter.models.incident import Incident
from commandcenter.models.journey import (
    JourneyCell, JourneyPhase, StakeholderGroup, StakeholderUpdate, TimelineEvent, UpdatePromise,
)
from commandcenter.models.operator import Operator, Role
from commandcenter.models.settings import Setting, VaultInfo
from commandcenter.models.spokesperson import LineAcknowledgement, LineAssignment, Spokesperson
from commandcenter.models.talking_point import (
    TalkingPoint, TalkingPointLink, TalkingPointReview, TalkingPointVersion,
)

__all__ = ["AuditEntry", "BackupRecord", "DecisionEntry", "DecisionHead", "Fact", "Incident",
           "JourneyCell", "JourneyPhase", "LineAcknowledgement", "LineAssignment", "Operator",
           "Role", "Setting", "Spokesperson", "StakeholderGroup", "StakeholderUpdate",
           "TalkingPoint", "TalkingPointLink", "TalkingPointReview", "TalkingPointVersion",
           "TimelineEvent", "UpdatePromise", "VaultInfo", "Handover"]
