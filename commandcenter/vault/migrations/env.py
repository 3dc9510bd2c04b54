"""Alembic environment: runs on the connection the vault hands over (already keyed)."""

from alembic import context

import commandcenter.models  # noqa: F401  (registers every table on SQLModel.metadata)
from sqlmodel import SQLModel

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata,
                  render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
