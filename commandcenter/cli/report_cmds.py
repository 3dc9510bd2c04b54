"""`commandcenter report`: a chart of the active incident (PNG, SVG or PDF by suffix), the
briefing pack (PDF) or the inquiry record (PDF or CSV) — each written only where asked, and
said to be unencrypted."""

from pathlib import Path

from commandcenter.cli.vault_cmds import unlocked
from commandcenter.vault.errors import VaultError

BRIEFING_PACK = "briefing-pack"
INQUIRY = "inquiry"


@unlocked
def cmd_report(args, vault) -> int:
    if args.chart == BRIEFING_PACK:
        return _briefing_pack(args, vault)
    if args.chart == INQUIRY:
        return _inquiry(args, vault)
    if args.since or args.until:
        raise VaultError("--since and --until go with `report inquiry` only.")
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


def _inquiry(args, vault) -> int:
    from commandcenter.cli.vault_cmds import time_arg
    from commandcenter.reports import inquiry
    from commandcenter.services import incidents, settings

    out = Path(args.out).expanduser()
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in inquiry.FORMATS:
        raise VaultError(f"The inquiry record is a PDF or a CSV: end the file name in .pdf or "
                         f".csv ({out.name!r}).")
    active = settings.get_setting(vault, "active_incident_id")
    found = next((i for i in incidents.list_incidents(vault) if i.id == active), None)
    summary = inquiry.export_inquiry(
        vault, out, fmt=fmt, since=time_arg(args.since, "since"),
        until=time_arg(args.until, "until"),
        incident=f"{found.code} {found.title}" if found else "")
    verdict = "verified" if summary["verified"] else "VERIFICATION FAILED (run verify)"
    stamp = f", stamp {summary['stamp']}" if summary.get("stamp") else ""
    print(f"Wrote the inquiry record of {summary['decisions']} decision(s) to {summary['file']} "
          f"({verdict}: {summary['entries']} entries{stamp}).")
    print("The record is not encrypted: it holds the rationale of every decision.")
    return 0
