"""A record of every backup taken, for "last backup" in the status bar and `status`."""

from sqlmodel import Field

from commandcenter.models.base import Record


class BackupRecord(Record, table=True):
    __tablename__ = "backup_record"

    path: str = Field()
    reason: str = Field(max_length=40)  # manual | pre-migration | pre-restore | pre-rekey
    size_bytes: int = Field(default=0)
    chain_head: str = Field(default="", max_length=64)
