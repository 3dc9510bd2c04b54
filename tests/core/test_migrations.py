"""Schema migrations: a vault at revision N upgrades to N+1 with no loss — for every
consecutive pair of revisions, so each future migration gets this test for free.

How a vault "at revision N" is made without relying on downgrades: a real vault is created
(key file, operator, settings, audit chain), its database is replaced by a fresh keyed one
built with `schema.upgrade(engine, N)`, the real rows are copied into the tables that exist
at N, and every table gets synthetic rows too (raw SQL, values shaped by column type).
"""

import secrets
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Integer, inspect, text
from sqlmodel import SQLModel

from commandcenter.models.base import iso, utcnow
from commandcenter import search
from commandcenter.services import incidents, settings
from commandcenter.vault import backup as vault_backup
from commandcenter.vault import integrity, lifecycle, schema
from commandcenter.vault import engine as vault_engine
from commandcenter.vault.paths import VaultPaths
from tests.conftest import FAST_KDF, PASSPHRASE

_script = ScriptDirectory.from_config(schema.alembic_config())
assert len(_script.get_heads()) == 1, "migrations must stay a single line of revisions"
REVISIONS = [r.revision for r in reversed(list(_script.walk_revisions()))]
PAIRS = list(zip(REVISIONS, REVISIONS[1:]))
NOT_SEEDED = {"alembic_version", "audit_entry", "vault_info"}  # chain / exactly one row
# Hash-chained rows: synthetic ones test that migrations keep rows, but no verify passes them.
CHAINED = {"decision_entry", "decision_head"}
SEEDS_PER_TABLE = 3
# Column values that must mean something to the app, by (table, column).
SEED_VALUES = {("setting", "value"): lambda: '"seeded"',
               # Timestamps whose names do not end in "_at" (the handover's period).
               ("handover", "since"): lambda: iso(utcnow()),
               ("handover", "until"): lambda: iso(utcnow())}


# --- snapshots and seeding ------------------------------------------------------------------

def snapshot(engine) -> dict[str, list[dict]]:
    """Every row of every table as dicts (column name -> value)."""
    with engine.connect() as conn:
        return {t: [dict(r._mapping) for r in conn.execute(text(f'SELECT * FROM "{t}"'))]
                for t in inspect(conn).get_table_names()}


def projected(rows: list[dict], columns: list[str]) -> list[tuple]:
    return sorted(tuple(r.get(c) for c in columns) for r in rows)


def _synthetic(table: str, column: dict):
    if (table, column["name"]) in SEED_VALUES:
        return SEED_VALUES[(table, column["name"])]()
    if isinstance(column["type"], Integer):
        return secrets.randbelow(10**6)
    if column["name"] == "at" or column["name"].endswith("_at"):
        return iso(utcnow())  # timestamps must stay parseable by UTCDateTime
    length = getattr(column["type"], "length", None) or 40
    return f"seed-{secrets.token_hex(16)}"[:length]


def _insert(conn, table: str, row: dict) -> None:
    names = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join(f":{c}" for c in row)
    conn.execute(text(f'INSERT INTO "{table}" ({names}) VALUES ({marks})'), row)


def _references(conn, insp, table: str) -> dict:
    """A foreign-key column gets a value of a row it may point to (one seeded before it)."""
    values = {}
    for fk in insp.get_foreign_keys(table):
        for col, target in zip(fk["constrained_columns"], fk["referred_columns"]):
            values[col] = conn.execute(text(
                f'SELECT "{target}" FROM "{fk["referred_table"]}" LIMIT 1')).scalar()
    return values


def seed_revision(engine, real_rows: dict[str, list[dict]], *, chained: bool = True) -> None:
    """Copy the real vault's rows into the tables that exist now (filling columns the real
    rows lack), then add synthetic rows to every table."""
    with engine.begin() as conn:
        insp = inspect(conn)
        # Referenced tables first, so a foreign key finds its row.
        ordered = [t for t, _ in insp.get_sorted_table_and_fkc_names() if t is not None]
        for table in ordered:
            # The full-text index (and FTS5's shadow tables) is derived from the log's rows.
            if table == "alembic_version" or search.is_index_table(table):
                continue
            columns = insp.get_columns(table)
            for real in real_rows.get(table, []):
                _insert(conn, table, {c["name"]: real[c["name"]] if c["name"] in real
                                      else _synthetic(table, c) for c in columns})
            if table not in NOT_SEEDED and (chained or table not in CHAINED):
                references = _references(conn, insp, table)
                for _ in range(SEEDS_PER_TABLE):
                    _insert(conn, table, {c["name"]: references[c["name"]]
                                          if c["name"] in references
                                          else _synthetic(table, c) for c in columns})


@pytest.fixture
def real_vault(vault_paths):
    """A vault made by the app at head, with some data; locked. (paths, key, operator, rows)"""
    vault, _ = lifecycle.create_vault(vault_paths, operator_name="Dana", passphrase=PASSPHRASE,
                                      kdf=FAST_KDF)
    for i in range(3):
        incidents.create_incident(vault, data=incidents.IncidentInput(f"INC-{i}", f"Title {i}"))
    settings.set_setting(vault, key="auto_lock_minutes", value=11)
    vault_backup.backup(vault)
    key, operator_id, rows = vault.data_key, vault.actor.id, snapshot(vault.engine)
    vault.lock()
    for f in vault_paths.backups_dir.iterdir():
        f.unlink()
    return vault_paths, key, operator_id, rows


def vault_at(paths: VaultPaths, key: bytes, real_rows: dict, revision: str, *,
             chained: bool = True):
    """Replace the real vault's database by one at `revision`; returns its engine."""
    for f in (paths.db, paths.wal, paths.shm):
        f.unlink(missing_ok=True)
    engine = vault_engine.create_vault_engine(paths.db, key)
    schema.upgrade(engine, revision)
    assert schema.current_revision(engine) == revision
    seed_revision(engine, real_rows, chained=chained)
    return engine


def assert_no_loss(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> None:
    """Every table still there, every row still there with every old column's value."""
    for table, rows in before.items():
        if table == "alembic_version":
            continue
        assert table in after, f"table {table} disappeared"
        columns = list(rows[0]) if rows else []
        assert projected(after[table], columns) == projected(rows, columns), table


# --- the pattern: N -> N+1 for every consecutive pair ---------------------------------------

@pytest.mark.parametrize("old,new", PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_revision_upgrades_to_the_next_with_no_loss(real_vault, old, new):
    paths, key, _, real_rows = real_vault
    engine = vault_at(paths, key, real_rows, old)
    try:
        before = snapshot(engine)
        assert sum(len(r) for r in before.values()) > 10
        schema.upgrade(engine, new)
        assert schema.current_revision(engine) == new
        assert_no_loss(before, snapshot(engine))
    finally:
        engine.dispose()


@pytest.mark.parametrize("old", REVISIONS[:-1])
def test_unlocking_an_old_vault_backs_up_then_migrates_to_head(real_vault, old):
    paths, key, operator_id, real_rows = real_vault
    engine = vault_at(paths, key, real_rows, old, chained=False)  # integrity is checked
    before = snapshot(engine)
    engine.dispose()

    vault = lifecycle.unlock_with_passphrase(paths, operator_id=operator_id,
                                             passphrase=PASSPHRASE)
    try:
        assert schema.current_revision(vault.engine) == schema.head_revision()
        assert_no_loss(before, snapshot(vault.engine))
        assert integrity.check(vault).ok

        taken = [f for f in paths.backups_dir.glob("*.db") if "pre-migration" in f.name]
        assert len(taken) == 1, list(paths.backups_dir.iterdir())
        vault_backup.verify_backup(taken[0], key, vault_id=vault.vault_id)
        assert Path(str(taken[0]) + vault_backup.SIDECAR_SUFFIX).exists()
        saved = vault_engine.create_vault_engine(taken[0], key, pool_size=1, read_only=True)
        try:  # the backup is the vault as it was before migrating
            assert schema.current_revision(saved) == old
            assert_no_loss(before, snapshot(saved))
        finally:
            saved.dispose()
    finally:
        vault.lock()


def _not_index_table(name, type_, *_args) -> bool:
    # The FTS5 index is a virtual table (no model); compare_metadata would call it removed.
    return not (type_ == "table" and search.is_index_table(name))


def _schema_differences(engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                         "include_name": _not_index_table})
        return compare_metadata(context, SQLModel.metadata)


@pytest.mark.parametrize("start", REVISIONS, ids=[f"from-{r}" for r in REVISIONS])
def test_migrated_schema_matches_the_models(real_vault, start):
    """Whatever revision a vault started at, head is exactly what the models declare."""
    paths, key, _, real_rows = real_vault
    engine = vault_at(paths, key, real_rows, start)
    try:
        schema.upgrade(engine)
        assert _schema_differences(engine) == []
    finally:
        engine.dispose()


def test_a_newer_vault_is_refused_with_a_clear_message(real_vault):
    paths, key, operator_id, _ = real_vault
    engine = vault_engine.create_vault_engine(paths.db, key)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(Exception, match="newer version"):
        lifecycle.unlock_with_passphrase(paths, operator_id=operator_id, passphrase=PASSPHRASE)


def test_0008_indexes_the_rows_already_in_the_vault(real_vault):
    """Upgrading to 0008 fills the four areas' search indexes from the rows there, not only
    from writes made afterwards."""
    paths, key, _, real_rows = real_vault
    engine = vault_at(paths, key, real_rows, "0007")
    try:
        with engine.begin() as conn:
            seq = conn.execute(text("SELECT max(seq) FROM audit_entry")).scalar()
            counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                      for t in ("spokesperson", "timeline_event")}
            # A line's latest version only: the one its list shows.
            counts["talking_point_version"] = conn.execute(text(
                "SELECT count(DISTINCT point_id) FROM talking_point_version")).scalar()
        schema.upgrade(engine, "0008")
        with engine.begin() as conn:
            for table, index in (("talking_point_version", "talking_point_fts"),
                                 ("spokesperson", "spokesperson_fts"),
                                 ("timeline_event", "timeline_fts")):
                assert conn.execute(text(f"SELECT count(*) FROM {index}")).scalar() \
                    == counts[table] > 0, index
            words = conn.execute(text("SELECT body FROM audit_fts WHERE rowid = :s"),
                                 {"s": seq}).scalar()
            assert words.startswith("vault.backup backup Dana"), words
    finally:
        engine.dispose()


def test_the_head_the_app_checks_is_the_scripts_head():
    """schema.HEAD_REVISION spares every unlock Alembic's import: it must name the newest
    script (bump it with every new migration)."""
    assert schema.head_revision() == _script.get_current_head() == REVISIONS[-1]


def test_the_revision_is_read_without_alembic(tmp_path):
    """A database no migration has run on, then one at a revision, read with one SELECT;
    unlocking a vault at head imports no Alembic module (checked in a fresh process)."""
    import subprocess
    import sys

    engine = vault_engine.create_vault_engine(tmp_path / "v.db", secrets.token_bytes(32))
    try:
        assert schema.current_revision(engine) is None
        schema.upgrade(engine, REVISIONS[0])
        assert schema.current_revision(engine) == REVISIONS[0]
    finally:
        engine.dispose()
    from tests.fixtures.vaulttools import REPO, child_env

    paths = VaultPaths.at(tmp_path / "vault")
    vault, _ = lifecycle.create_vault(paths, operator_name="Dana Lead", passphrase=PASSPHRASE,
                                      kdf=FAST_KDF)
    operator_id = vault.actor.id
    vault.lock()
    probe = ("import sys; from commandcenter.vault import lifecycle; "
             "from commandcenter.vault.paths import VaultPaths; "
             f"v = lifecycle.unlock_with_passphrase(VaultPaths.at({str(paths.data_dir)!r}), "
             f"operator_id={operator_id!r}, passphrase={PASSPHRASE!r}); v.lock(); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('alembic', 'mako', 'pygments')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, env=child_env(), cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout
