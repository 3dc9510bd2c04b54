"""The encrypted vault: key slots, keychain, SQLCipher engine, migrations, backup/restore."""
