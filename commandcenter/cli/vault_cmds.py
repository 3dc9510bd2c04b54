"""Commands that unlock the vault first (as the chosen operator) and lock it when done."""

import logging
import sys
from pathlib import Path

from commandcenter.cli.setup_cmds import print_recovery_code
from commandcenter.cli.unlock import CliError, read_secret_file, unlock
from commandcenter.vault.errors import VaultError
from commandcenter.vault.paths import VaultPaths, atomic_write_bytes

log = logging.getLogger(__name__)


def unlocked(handler):
    """Run `handler(args, vault)` on the unlocked vault; always lock afterwards."""

    def run(args, paths: VaultPaths) -> int:
        vault = unlock(paths, args)
        for note in vault.notices:  # e.g. a newer key file was put back from the backups
            print(f"commandcenter: note: {note}", file=sys.stderr)
        try:
            return handler(args, vault)
        finally:
            vault.lock()

    run.__name__ = handler.__name__
    return run


@unlocked
def cmd_status(args, vault) -> int:
    from commandcenter.services import status

    for line in status.vault_status(vault).lines():
        print(line)
    return 0


@unlocked
def cmd_verify(args, vault) -> int:
    from commandcenter.vault import integrity

    report = integrity.check(vault)
    if report.ok:
        print(report.summary())
        return 0
    for problem in report.problems:
        print(f"problem: {problem}")
    raise VaultError(report.summary())


@unlocked
def cmd_backup(args, vault) -> int:
    from commandcenter.vault import backup

    out = Path(args.out).expanduser().absolute()  # the record keeps a path that stays true
    rec = backup.backup(vault, out, reason="manual")
    print(f"Backup written and verified: {out} ({rec.size_bytes} bytes, audit chain head "
          f"{rec.chain_head[:16]}).")
    print(f"Its key file is beside it: {out.name}{backup.SIDECAR_SUFFIX} (no secret in the "
          "clear; a passphrase or the recovery code opens it).")
    return 0


@unlocked
def cmd_restore(args, vault) -> int:
    from commandcenter.vault import backup, restore

    report = restore.restore(vault, Path(args.source))
    safety = backup.last_backup(vault)
    print(f"Restored from {args.source} (verified: {report.entries} audit entries, head "
          f"{report.chain_head[:16]}).")
    if safety is not None:
        print(f"The vault as it was before is saved in {safety.path}.")
    return 0


@unlocked
def cmd_change_passphrase(args, vault) -> int:
    from commandcenter.services import operators

    new = read_secret_file(args.new_passphrase_file, "new passphrase")
    if args.passphrase_file:
        old = read_secret_file(args.passphrase_file, "passphrase")
        operators.change_passphrase(vault, old=old, new=new)
    elif args.recovery_code_file:
        operators.reset_passphrase_with_recovery(vault, new=new)
    else:
        raise CliError("change-passphrase needs the current passphrase: pass "
                       "--passphrase-file FILE (or --recovery-code-file FILE).")
    print(f"Passphrase changed for {vault.actor.name}. The vault itself was not re-encrypted.")
    return 0


@unlocked
def cmd_add_operator(args, vault) -> int:
    from commandcenter.services import operators

    passphrase = read_secret_file(args.new_passphrase_file, "new operator's passphrase")
    op = operators.add_operator(vault, name=args.name, role=args.role, passphrase=passphrase)
    print(f"Added {op.name} ({op.role}). They unlock with their own passphrase and can opt in "
          "to the keychain in the app.")
    return 0


@unlocked
def cmd_revoke_operator(args, vault) -> int:
    from commandcenter.services import operators
    from commandcenter.services.errors import NotFound
    from commandcenter.vault.keyfile import KeyFile

    wanted = args.name.strip().casefold()
    match = next((o for o in operators.list_operators(vault, include_revoked=False)
                  if o.name.casefold() == wanted), None)
    if match is None:
        raise NotFound(f"No active operator called {args.name!r}.")
    operators.revoke_operator(vault, operator_id=match.id)
    kf = KeyFile.load(vault.paths.keyfile)
    print(f"Revoked {match.name}; the vault key was rotated (generation {kf.generation}, "
          f"key id {kf.key_id}), so an old copy of the key file no longer opens it.")
    return 0


@unlocked
def cmd_rekey(args, vault) -> int:
    from commandcenter.vault.rekey import rekey

    key_id = rekey(vault, reason="manual")
    print(f"Vault key rotated (new key id {key_id}). Passphrases, keychain entries and the "
          "recovery code still work. Older backups open only with their own .keys file.")
    return 0


@unlocked
def cmd_receipt(args, vault) -> int:
    from commandcenter.services import audit

    with vault.read() as session:
        chain = audit.verify_chain(session)
    if not chain.ok:
        raise VaultError(f"No receipt for a broken chain: {chain.message}. Run "
                         "`commandcenter verify`.")
    text = audit.receipt(vault)
    if args.out:
        atomic_write_bytes(Path(args.out), text.encode("utf-8"))
        print(f"Receipt written to {args.out}.")
    else:
        sys.stdout.write(text)
    return 0


@unlocked
def cmd_new_recovery_code(args, vault) -> int:
    from commandcenter.services import operators

    code = operators.new_recovery_code(vault)
    print("A new recovery code replaces the old one, which no longer works.")
    print_recovery_code(code)
    return 0


DECISION_FILTERS = ("search", "status", "tag", "maker", "since", "until", "due", "incomplete")


def time_arg(text: str | None, name: str):
    from datetime import UTC, datetime

    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise VaultError(f"--{name}: not a date or time: {text!r} (e.g. 2026-12-17T14:30Z)") \
            from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _export_decisions(args, vault) -> int:
    from commandcenter.reports.decision_export import export_decisions
    from commandcenter.services.decisions import Filters

    filters = Filters(text=args.search or "", status=args.status, tag=args.tag,
                      maker=args.maker, since=time_arg(args.since, "since"),
                      until=time_arg(args.until, "until"), due=args.due,
                      incomplete=args.incomplete)
    summary = export_decisions(vault, Path(args.out), fmt=args.format, filters=filters)
    print(f"Exported {summary['decisions']} decision(s) as {summary['format']} to "
          f"{summary['file']}.")
    print("The export is not encrypted: keep it as carefully as the vault.")
    return 0


@unlocked
def cmd_export(args, vault) -> int:
    from commandcenter.reports.json_export import export_json

    if args.archive_passphrase_file and args.format != "archive":
        raise VaultError("--archive-passphrase-file applies to --format archive only.")
    if args.format in ("csv", "markdown"):
        return _export_decisions(args, vault)
    if any(getattr(args, name, None) for name in DECISION_FILTERS):
        raise VaultError("Filters apply to the decision-log formats (csv, markdown), not "
                         f"{args.format}.")
    if args.format == "archive":
        from commandcenter.cli.archive_cmds import export_archive

        return export_archive(args, vault)
    summary = export_json(vault, Path(args.out))
    chain = "verified" if summary["chain_verified"] else "NOT VERIFIED (run verify)"
    print(f"Exported {summary['total_rows']} records from {summary['tables']} tables to "
          f"{summary['file']} (audit chain {chain}, head {summary['chain_head'][:16]}).")
    print("The export is not encrypted: keep it as carefully as the vault.")
    return 0
