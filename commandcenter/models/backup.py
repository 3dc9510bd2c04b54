"""A record of every backup taken, for "last backup" in the status bar and `status`."""

from datetime import datetime

from sqlmodel import Field

from commandcenter.models.base import Record, UTCDateTime, utcnow


class BackupRecord(Record, table=True):
    __tablename__ = "backup_record"

    # Indexed (migration 0002 creates ix_backup_record_created_at): "last backup" sorts on it.
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)

    path: str = Field()
    reason: str = Field(max_length=40)  # manual | pre-migration | pre-restore | pre-rekey
    size_bytes: int = Field(default=0)
    chain_head: str = Field(default="", max_length=64)
