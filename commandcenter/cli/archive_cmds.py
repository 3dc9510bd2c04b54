"""The encrypted archive from the command line: `export --format archive`, `import-archive`,
and `issue-key-slot` (a lead gives the other operators of an imported vault their slots)."""

from pathlib import Path

from commandcenter.cli.setup_cmds import _kdf, print_recovery_code
from commandcenter.cli.unlock import CliError, read_secret_file
from commandcenter.cli.vault_cmds import unlocked
from commandcenter.vault.paths import VaultPaths

NEEDS_ARCHIVE_PASSPHRASE = ("the archive's passphrase: pass --archive-passphrase-file FILE "
                            "(8+ characters on its first line)")


def export_archive(args, vault) -> int:
    """`export --format archive` (called by cmd_export on the unlocked vault)."""
    from commandcenter.reports.archive import export_archive as write

    if not args.archive_passphrase_file:
        raise CliError(f"export --format archive needs {NEEDS_ARCHIVE_PASSPHRASE}.")
    passphrase = read_secret_file(args.archive_passphrase_file, "archive passphrase")
    summary = write(vault, Path(args.out), passphrase)
    chain = "verified" if summary["chain_verified"] else "NOT VERIFIED (run verify)"
    print(f"Archived {summary['total_rows']} records from {summary['tables']} tables to "
          f"{summary['file']} ({summary['bytes']} bytes, encrypted; audit chain {chain}, head "
          f"{summary['chain_head'][:16]}).")
    print("It opens only with the archive passphrase: keep that apart from the file.")
    return 0


def cmd_import_archive(args, paths: VaultPaths) -> int:
    from commandcenter.reports.archive import import_archive

    passphrase = read_secret_file(args.archive_passphrase_file, "archive passphrase")
    new = read_secret_file(args.new_passphrase_file, "new passphrase")
    result = import_archive(Path(args.archive), passphrase, paths.data_dir, new_passphrase=new,
                            operator_name=args.operator, kdf=_kdf(args))
    print(f"Vault imported into {result.data_dir}: {result.vault_name}, {result.total_rows} "
          f"records; verified: audit chain {result.audit_entries} entries (head "
          f"{result.chain_head[:16]}), decision log {result.decision_entries} entries.")
    print(f"Key slot: {result.operator} (lead), with the new passphrase. Key store: passphrase "
          "only (opt in to the keychain in the app).")
    if result.without_slot:
        print(f"No key slot yet for: {', '.join(result.without_slot)}. A lead gives each one "
              "with `commandcenter issue-key-slot --name NAME --new-passphrase-file FILE`.")
    print_recovery_code(result.recovery_code)
    return 0


@unlocked
def cmd_issue_key_slot(args, vault) -> int:
    from commandcenter.services import operators
    from commandcenter.services.errors import NotFound

    wanted = args.name.strip().casefold()
    match = next((o for o in operators.list_operators(vault, include_revoked=False)
                  if o.name.casefold() == wanted), None)
    if match is None:
        raise NotFound(f"No active operator called {args.name!r}.")
    passphrase = read_secret_file(args.new_passphrase_file, "new passphrase")
    op = operators.issue_slot(vault, operator_id=match.id, passphrase=passphrase)
    print(f"Key slot issued for {op.name} ({op.role}); they unlock with the new passphrase.")
    return 0
