"""The headless command line (`commandcenter`, or `python -m commandcenter`).

Every failure ends with exit status 1 (2 for a usage error) and ONE line on stderr,
"commandcenter: error: <reason>" — never a traceback; unexpected errors are logged in full to
the vault's log file. Passphrases come from files or the keychain, never from a prompt.
Heavy modules are imported by each command, so `--help` stays instant.
"""

import logging
import sys

from commandcenter.cli.parser import PROG, build_parser

log = logging.getLogger("commandcenter.cli")


def _handlers() -> dict:
    from commandcenter.cli import archive_cmds as a
    from commandcenter.cli import handover_cmds as h
    from commandcenter.cli import report_cmds as rp
    from commandcenter.cli import roster_cmds as r
    from commandcenter.cli import setup_cmds as s
    from commandcenter.cli import vault_cmds as v

    return {
        "init": s.cmd_init, "demo": s.cmd_demo, "self-test": s.cmd_self_test, "gui": s.cmd_gui,
        "status": v.cmd_status, "verify": v.cmd_verify, "backup": v.cmd_backup,
        "restore": v.cmd_restore, "change-passphrase": v.cmd_change_passphrase,
        "add-operator": v.cmd_add_operator, "revoke-operator": v.cmd_revoke_operator,
        "rekey": v.cmd_rekey, "receipt": v.cmd_receipt,
        "new-recovery-code": v.cmd_new_recovery_code, "export": v.cmd_export,
        "import-roster": r.cmd_import_roster, "export-roster": r.cmd_export_roster,
        "report": rp.cmd_report,
        "issue-key-slot": a.cmd_issue_key_slot, "import-archive": a.cmd_import_archive,
        "briefing-card": r.cmd_briefing_card, "handover": h.cmd_handover,
    }


def fail(message: str) -> int:
    line = " ".join(str(message).split())  # exactly one line, whatever the cause's text
    sys.stderr.write(f"{PROG}: error: {line}\n")
    return 1


def _describe(exc: BaseException) -> str:
    from commandcenter.vault.errors import VaultDamaged, VaultError, looks_damaged

    if isinstance(exc, VaultError):
        return str(exc)  # written for users already
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    text = str(cause).splitlines()[0][:200] if str(cause) else type(exc).__name__
    # A raw driver error that escaped the vault layer is still reported as damage.
    if looks_damaged(text) and "damaged or tampered" not in text:
        return str(VaultDamaged(text))  # raw SQLite errors from a damaged file
    return text


def _configure_logging(args, paths) -> None:
    from commandcenter import logsetup

    level = logging.DEBUG if args.verbose else logging.INFO
    # Only an existing vault gets a log folder: a mistyped --data-dir must not grow one.
    logsetup.configure_logging(paths.logs_dir if paths.exists() else None, level=level,
                               console=args.verbose)


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors (already printed)
        return int(exc.code or 0)
    from commandcenter.vault.errors import VaultError
    from commandcenter.vault.paths import VaultPaths, restrict_umask

    restrict_umask()
    try:
        paths = VaultPaths.at(args.data_dir)
        if args.command != "gui":  # the app configures its own logging
            _configure_logging(args, paths)
        return _handlers()[args.command](args, paths)
    except KeyboardInterrupt:
        fail("interrupted")
        return 130
    except (VaultError, OSError) as exc:
        log.info("%s failed: %s", args.command, type(exc).__name__)
        return fail(_describe(exc))
    except Exception as exc:  # never a traceback on the terminal; the log has it
        log.exception("%s failed unexpectedly", args.command)
        text = _describe(exc)
        if "damaged or tampered" in text:
            return fail(text)
        return fail(f"unexpected {type(exc).__name__}: {text} (details in the log file; "
                    "--verbose shows them here)")
    finally:
        from commandcenter import logsetup

        logsetup.remove_handlers()
