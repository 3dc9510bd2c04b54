"""Commands that work without unlocking: init, demo, self-test, gui."""

import importlib
import json
import logging

from commandcenter import logsetup
from commandcenter.cli.unlock import CliError, read_secret_file
from commandcenter.vault.paths import VaultPaths

log = logging.getLogger(__name__)

RECOVERY_BANNER = (
    "RECOVERY CODE — write this down now; it will not be shown again.\n"
    "It opens the vault if every passphrase is lost. Keep it off this computer "
    "(paper in a safe, or with your legal team).\n"
)


def _kdf(args):
    if not getattr(args, "kdf_iterations", None):
        return None  # lifecycle tunes Argon2id to this computer
    from commandcenter.vault import crypto

    return crypto.KdfParams(iterations=args.kdf_iterations)


def print_recovery_code(code: str) -> None:
    logsetup.register_secret(code)
    print()
    print(RECOVERY_BANNER)
    print(f"    {code}")
    print()


def cmd_init(args, paths: VaultPaths) -> int:
    from commandcenter.vault import keychain, lifecycle

    if args.role != "lead":
        raise CliError("The first operator must be a lead (a lead adds everyone else); "
                       "use --role lead, then `commandcenter add-operator`.")
    if not args.passphrase_file:
        raise CliError("init needs the new passphrase: pass --passphrase-file FILE "
                       "(8+ characters on its first line).")
    passphrase = read_secret_file(args.passphrase_file, "passphrase")
    chain = None if args.no_keychain else keychain.detect()
    vault, code = lifecycle.create_vault(
        paths, operator_name=args.operator, passphrase=passphrase, role=args.role,
        use_keychain=chain is not None, kdf=_kdf(args), vault_name=args.vault_name,
        log_book=args.log_book)
    try:
        logsetup.configure_logging(paths.logs_dir, level=_level(args), console=args.verbose)
        log.info("vault created")
        print(f"Vault created in {paths.data_dir}")
        print(f"Operator: {vault.actor.name} ({vault.actor.role})")
        if chain is not None:
            print(f"Key store: {chain.label} (unlocks without a passphrase on this computer), "
                  "and your passphrase")
        elif args.no_keychain:
            print("Key store: passphrase only (--no-keychain)")
        else:
            print("Key store: passphrase only (no secure keychain available here)")
        print_recovery_code(code)
    finally:
        vault.lock()
    return 0


def cmd_demo(args, paths: VaultPaths) -> int:
    from commandcenter.demo import seed

    if args.if_missing and (paths.db.exists() or paths.keyfile.exists()):
        print(f"A vault is already in {paths.data_dir}; nothing to do.")
        return 0
    passphrase = (read_secret_file(args.passphrase_file, "passphrase")
                  if args.passphrase_file else seed.DEMO_PASSPHRASE)
    vault = seed.seed_demo(paths, passphrase=passphrase, kdf=_kdf(args))
    try:
        logsetup.configure_logging(paths.logs_dir, level=_level(args), console=args.verbose)
        log.info("demo vault created")
        from commandcenter.services import status

        st = status.vault_status(vault)
    finally:
        vault.lock()
    shown = "'demo'" if not args.passphrase_file else "the one in " + args.passphrase_file
    print(f"Demo vault created in {paths.data_dir}: {st.vault_name}, "
          f"{len(st.operators)} operators (passphrase {shown}), "
          f"active incident {st.active_incident or 'none'}.")
    return 0


def cmd_self_test(args, paths: VaultPaths) -> int:
    from commandcenter.selftest import run_self_test

    result = run_self_test()
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["ok"] else 1


def cmd_gui(args, paths: VaultPaths) -> int:
    # The CLI is the one place in commandcenter that launches the UI. It does so dynamically,
    # by module name, so the headless core has no import of `ui` (the import-linter contract
    # forbids one, and `commandcenter` must stay usable where Qt is not installed).
    try:
        app = importlib.import_module("ui.app")
    except ImportError as exc:
        raise CliError(f"The desktop app is not available in this installation ({exc}).") \
            from None
    return int(app.main(["--data-dir", str(paths.data_dir)]) or 0)


def _level(args) -> int:
    return logging.DEBUG if args.verbose else logging.INFO
