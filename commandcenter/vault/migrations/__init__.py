"""Alembic migrations, driven programmatically (no alembic.ini) on the vault's own engine."""
