"""Roster commands: import a spokesperson CSV (all rows or none), export the roster, and
print one spokesperson's briefing card."""

from pathlib import Path

from commandcenter.cli.vault_cmds import unlocked
from commandcenter.vault.errors import VaultError


@unlocked
def cmd_import_roster(args, vault) -> int:
    from commandcenter.services import roster

    source = Path(args.file)
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise VaultError(f"Cannot read {source}: {exc.strerror or exc}") from None
    result = roster.import_file(vault, raw)  # CSV or vCard; ImportProblem: nothing imported
    print(f"Imported {result.imported} spokesperson(s) from {source.name}.")
    return 0


@unlocked
def cmd_export_roster(args, vault) -> int:
    from commandcenter.reports import output
    from commandcenter.services import roster

    data = roster.export_csv(vault)
    output.write_export(vault, Path(args.out), data, action="roster.exported",
                        details={"format": "csv"})
    print(f"Exported the roster to {args.out}.")
    print("The export is not encrypted: it holds people's contact details.")
    return 0


@unlocked
def cmd_briefing_card(args, vault) -> int:
    from commandcenter.reports import briefing_card

    person = briefing_card.find_person(vault, args.spokesperson)
    result = briefing_card.export_card(vault, Path(args.out), spokesperson_id=person)
    print(f"Wrote the briefing card for {args.spokesperson} to {args.out} "
          f"(code {result['code']}).")
    print("The card is not encrypted: keep it with the spokesperson, shred old copies.")
    return 0
