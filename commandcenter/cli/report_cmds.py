"""`commandcenter report`: a chart of the active incident (PNG, SVG or PDF by suffix), or the
briefing pack (PDF) — each written only where asked, and said to be unencrypted."""

from pathlib import Path

from commandcenter.cli.vault_cmds import unlocked
from commandcenter.vault.errors import VaultError

BRIEFING_PACK = "briefing-pack"


@unlocked
def cmd_report(args, vault) -> int:
    if args.chart == BRIEFING_PACK:
        return _briefing_pack(args, vault)
    from commandcenter.charts.build import write_report

    out = write_report(vault, chart=args.chart, out=Path(args.out).expanduser())
    print(f"Wrote the {args.chart} chart to {out} ({out.stat().st_size} bytes).")
    print("The chart is not encrypted: keep it as carefully as the vault.")
    return 0


def _briefing_pack(args, vault) -> int:
    from commandcenter.reports import briefing_pack

    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise VaultError(f"The briefing pack is a PDF: end the file name in .pdf "
                         f"({out.name!r}).")
    summary = briefing_pack.export_pack(vault, out)
    print(f"Wrote the briefing pack to {summary['file']} ({summary['pages']} pages, "
          f"stamp {summary['stamp']}).")
    print("The pack is not encrypted: keep it as carefully as the vault, shred old copies.")
    return 0
