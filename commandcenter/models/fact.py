"""The facts register (DESIGN §4): what the war room knows, how sure it is, and from where.

Talking points link to facts; when a fact is retracted or downgraded every talking point
version that relies on it is flagged "needs review" (services/talking_points/dependents.py).
"""

from datetime import datetime

from sqlmodel import Field

from commandcenter.models.base import MutableRecord, UTCDateTime

# Strongest first: moving down this list is a downgrade.
FACT_STATUSES = ("confirmed", "likely", "unconfirmed", "retracted")


class Fact(MutableRecord, table=True):
    __tablename__ = "fact"

    incident_id: str = Field(foreign_key="incident.id", max_length=36, index=True)
    statement: str = Field()
    status: str = Field(default="unconfirmed", max_length=20)
    source: str = Field(default="")
    established_at: datetime = Field(sa_type=UTCDateTime)
