"""The spokesperson roster: who may speak, on what, to whom, and when (DESIGN §4).

People, not operators: most spokespersons never unlock the app (an operator acts for them);
one who does is linked by `operator_id`. Lists (languages, audiences, topics, shifts) are JSON
text so the row stays one portable record; the roster is vault-wide, not per incident, since
the same people speak across incidents.
"""

from datetime import date

from sqlmodel import Field

from commandcenter.models.base import MutableRecord

AVAILABILITY = ("on_duty", "off_duty", "on_air")  # what the roster shows
# A manual setting beats the shifts: someone on air is on air whatever the rota says.
OVERRIDES = ("", "on_duty", "off_duty", "on_air")
STATUSES = ("active", "retired")


class Spokesperson(MutableRecord, table=True):
    __tablename__ = "spokesperson"

    name: str = Field(max_length=120)
    role_title: str = Field(default="", max_length=120)  # "Chief Executive", "Head of Media"
    organisation: str = Field(default="", max_length=120)
    phone: str = Field(default="", max_length=40, index=True)  # E.164-ish, digits and +
    email: str = Field(default="", max_length=254, index=True)  # lower-cased
    messenger: str = Field(default="", max_length=120)  # secure messenger handle
    languages: str = Field(default="[]")  # JSON list of language tags ("en", "es")
    time_zone: str = Field(default="UTC", max_length=64)  # IANA name
    media_trained_on: date | None = Field(default=None)
    audiences: str = Field(default="[]")  # JSON list of audience slugs cleared
    topics: str = Field(default="[]")  # JSON list of topics cleared
    backup_id: str | None = Field(default=None, max_length=36)
    override: str = Field(default="", max_length=12)  # one of OVERRIDES
    shifts: str = Field(default="[]")  # JSON [{"days": "mon-fri", "start": "08:00", "end": "20:00"}]
    operator_id: str | None = Field(default=None, max_length=36)
    status: str = Field(default="active", max_length=12)
