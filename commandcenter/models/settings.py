"""The vault's identity row and its settings (key/value, JSON values)."""

from sqlmodel import Field

from commandcenter.models.base import MutableRecord


class VaultInfo(MutableRecord, table=True):
    """Exactly one row: which vault this is (its id equals the key file's vault id)."""

    __tablename__ = "vault_info"

    name: str = Field(max_length=120)
    log_book: str = Field(max_length=12)  # short name of this laptop's log book, e.g. "WR1"
    key_generation: int = Field(default=1)


class Setting(MutableRecord, table=True):
    __tablename__ = "setting"

    key: str = Field(max_length=64, unique=True)
    value: str = Field(default="null")  # JSON
