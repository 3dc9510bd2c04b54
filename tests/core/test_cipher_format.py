"""The vault's page format (engine.CIPHER_SETTINGS) is applied to the database and to every
file written through ATTACH (backups, rekey): each opens only with the vault's settings."""

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from commandcenter.vault import engine
from commandcenter.vault.backup import backup


def _count_with_sqlcipher_defaults(path, key) -> int:
    """Open with the key but SQLCipher's default settings (HMAC-SHA512)."""
    conn = sqlcipher.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(engine.key_pragma(key))
        return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    finally:
        conn.close()


def _count_with_vault_settings(path, key) -> int:
    conn = engine.connect_raw(path, key, read_only=True)
    try:
        return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    finally:
        conn.close()


def test_database_and_backup_use_the_vault_page_format(vault, vault_paths, tmp_path):
    key = vault.data_key
    copy = tmp_path / "b.db"
    backup(vault, copy)
    for path in (vault_paths.db, copy):
        assert _count_with_vault_settings(path, key) > 0
        with pytest.raises(sqlcipher.DatabaseError):
            _count_with_sqlcipher_defaults(path, key)
