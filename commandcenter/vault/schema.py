"""Schema revisions: where the vault is, where head is, and upgrading (backup first).

Alembic is imported only to read the migration scripts or to upgrade. Every unlock asks
whether the vault is at head, and answering that through Alembic loaded it with Mako,
Pygments and its DDL dialects: 12 MB of the unlocked app's memory and ~0.1 s of imports,
for one row of `alembic_version`. So head is a constant here, which a test holds equal to
what Alembic reads from the scripts (tests/core/test_migrations.py), and the vault's
revision is read with one SELECT."""

from functools import cache
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# The newest migration's revision: bump it with every new script in migrations/versions.
HEAD_REVISION = "0009"


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    return HEAD_REVISION


def current_revision(engine: Engine) -> str | None:
    """The vault's revision; None for a database no migration has run on."""
    with engine.connect() as conn:
        if conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                             "AND name = 'alembic_version'")).first() is None:
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        if len(rows) <= 1:
            return rows[0] if rows else None
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()  # raises: many heads


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


# The migrations are files shipped with the app: read once per process. Reading them runs
# every script (Alembic loads each as a module): 40–60 ms of the worker, holding the
# interpreter lock the window needs (issue 9). Only an archive import and a vault not at
# head ask.
@cache
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(rev.revision for rev in
                     ScriptDirectory.from_config(alembic_config()).walk_revisions())
