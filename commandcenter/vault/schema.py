"""Schema revisions: where the vault is, where head is, and upgrading (backup first)."""

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


# The migrations are files shipped with the app: read once per process. Reading them runs
# every script (Alembic loads each as a module), which at every snapshot cost the worker
# 40–60 ms and, compiling them, held the interpreter lock the window needs (issue 9).
@cache
def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in
                     ScriptDirectory.from_config(alembic_config()).walk_revisions())
