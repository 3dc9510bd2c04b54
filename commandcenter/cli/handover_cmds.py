"""`commandcenter handover`: the pending shift handover of the active incident (a summary, or
the PDF with --out), signing it off (--sign: the acting operator hands over, --incoming
takes over with their own passphrase from a file), or a signed one again (--number N)."""

from pathlib import Path

from commandcenter.cli.unlock import CliError, read_secret_file
from commandcenter.cli.vault_cmds import unlocked


def _incoming(vault, name: str):
    from commandcenter.services import handover

    people = handover.candidates(vault)
    match = next((o for o in people if o.name.casefold() == name.strip().casefold()), None)
    if match is None:
        names = ", ".join(o.name for o in people) or "none: add the incoming operator first"
        raise CliError(f"No operator called {name!r} can take over from {vault.actor.name} "
                       f"(who can: {names}).")
    return match


def _notes(args) -> str:
    if args.notes_file:
        try:
            return Path(args.notes_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise CliError(f"Cannot read {args.notes_file}: {exc.strerror or exc}") from None
    return args.notes or ""


def _print_summary(h) -> None:
    state = "signed" if h.signed else "pending"
    print(f"Handover {h.number} of {h.incident} ({state}), code {h.code}")
    print(f"  period {h.since:%Y-%m-%d %H:%M} UTC to {h.until:%Y-%m-%d %H:%M} UTC")
    for s in h.sections:
        urgent = sum(i.state == "bad" for i in s.items)
        print(f"  {len(s.items):4d}  {s.title}" + (f" ({urgent} to act on now)" if urgent else ""))


@unlocked
def cmd_handover(args, vault) -> int:
    from commandcenter.reports import handover as report
    from commandcenter.services import handover

    if args.sign and args.number:
        raise CliError("--sign signs the pending handover; --number reads a signed one. "
                       "Give one of them.")
    if args.sign:
        if not (args.incoming and args.incoming_passphrase_file):
            raise CliError("--sign needs --incoming NAME and --incoming-passphrase-file FILE.")
        person = _incoming(vault, args.incoming)
        secret = read_secret_file(args.incoming_passphrase_file, "incoming passphrase")
        pending = handover.build(vault)
        row = handover.sign_off(vault, handover=pending, incoming_id=person.id,
                                incoming_passphrase=secret, notes=_notes(args))
        h = handover.signed(row)
        print(f"Handover {h.number} signed: {row.outgoing_name} handed over to "
              f"{row.incoming_name} (code {h.code}); sealed in the audit chain.")
    else:
        h = handover.load_signed(vault, number=args.number) if args.number \
            else handover.build(vault)
        _print_summary(h)
    if args.out:
        result = report.export_handover(vault, Path(args.out), handover=h)
        print(f"Wrote handover {result['number']} to {args.out} (code {result['code']}).")
        print("The PDF is not encrypted: keep it with the shift log, shred old copies.")
    return 0
