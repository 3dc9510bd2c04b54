"""The argument parser. `--data-dir` and `--verbose` work before or after the command name:
the top parser defines them with defaults, each command's parser with SUPPRESS so that a
value given before the command is not overwritten by the command parser's default."""

import argparse
import sys

from commandcenter import __version__

PROG = "commandcenter"
ROLES = ("lead", "approver", "editor", "loggist", "spokesperson")


class Parser(argparse.ArgumentParser):
    """Usage errors are one line too, like every other error of this CLI."""

    def error(self, message: str):
        sys.stderr.write(f"{PROG}: error: {message} (see `{self.prog} --help`)\n")
        raise SystemExit(2)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="the vault's folder (default: the platform's user data folder, "
                             "or $CCC_DATA_DIR)")
    parser.add_argument("--verbose", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help="also write the log to stderr, at DEBUG level")


def _unlock_options() -> argparse.ArgumentParser:
    p = Parser(add_help=False)
    g = p.add_argument_group("unlocking (never interactive)")
    g.add_argument("--operator", metavar="NAME",
                   help="who is acting (default: the only operator, or the first lead)")
    g.add_argument("--passphrase-file", metavar="FILE",
                   help="read the operator's passphrase from the first line of FILE")
    g.add_argument("--recovery-code-file", metavar="FILE",
                   help="unlock with the recovery code on the first line of FILE")
    return p


def _kdf_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kdf-iterations", metavar="N", type=_positive,
                   help="advanced: Argon2id passes (memory stays 64 MiB); default: tuned to "
                        "about 0.5 s on this computer")


def _import_archive(add) -> None:
    p = add("import-archive", "create a new vault (in --data-dir) from an encrypted archive",
            unlocks=False)
    p.add_argument("archive", metavar="FILE", help="the archive to import")
    p.add_argument("--archive-passphrase-file", metavar="FILE", required=True,
                   help="the archive's passphrase (first line of FILE)")
    p.add_argument("--operator", metavar="NAME",
                   help="the importing lead (default: whoever exported the archive)")
    p.add_argument("--new-passphrase-file", metavar="FILE", required=True,
                   help="your passphrase in the new vault (first line of FILE; 8+ characters)")
    _kdf_option(p)


def _handover(add) -> None:
    p = add("handover", "the active incident's shift handover: a summary, its PDF (--out), "
            "or sign it off (--sign)")
    p.add_argument("--out", metavar="FILE.pdf", help="write the handover as PDF")
    p.add_argument("--number", metavar="N", type=_positive,
                   help="a signed handover of the incident instead of the pending one")
    p.add_argument("--sign", action="store_true",
                   help="sign the pending handover off: the acting operator hands over")
    p.add_argument("--incoming", metavar="NAME", help="the operator who takes over")
    p.add_argument("--incoming-passphrase-file", metavar="FILE",
                   help="the incoming operator's passphrase (first line of FILE)")
    p.add_argument("--notes", metavar="TEXT", help="the outgoing operator's notes")
    p.add_argument("--notes-file", metavar="FILE", help="the notes, from a UTF-8 text file")


def build_parser() -> Parser:
    top = Parser(prog=PROG, description="Crisis Command Center: the encrypted war-room vault, "
                 "headless. Passphrases are read from files, never from a prompt.")
    _common(top, suppress=False)
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = Parser(add_help=False)
    _common(common, suppress=True)
    unlock = _unlock_options()
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help_text: str, *, unlocks: bool = True) -> argparse.ArgumentParser:
        parents = [common, unlock] if unlocks else [common]
        return sub.add_parser(name, parents=parents, help=help_text, description=help_text)

    p = add("init", "create a vault; prints the recovery code once", unlocks=False)
    p.add_argument("--operator", metavar="NAME", required=True, help="the first operator")
    p.add_argument("--role", default="lead", choices=ROLES,
                   help="must be lead (the lead adds everyone else)")
    p.add_argument("--passphrase-file", metavar="FILE",
                   help="the new passphrase (first line of FILE; 8+ characters)")
    p.add_argument("--no-keychain", action="store_true",
                   help="do not keep the key in the OS keychain even if one is available")
    p.add_argument("--vault-name", default="War room", help="a name for this vault")
    p.add_argument("--log-book", default="WR1", help="short name of this laptop's log book")
    _kdf_option(p)

    p = add("demo", "create and seed the demo vault (passphrase 'demo')", unlocks=False)
    p.add_argument("--if-missing", action="store_true",
                   help="do nothing (and succeed) if a vault is already there")
    p.add_argument("--passphrase-file", metavar="FILE",
                   help="use this passphrase for every demo operator instead of 'demo'")
    _kdf_option(p)

    add("status", "vault path, schema, operators, key store, last backup, chain head")
    add("verify", "integrity check plus audit-chain check (exit 1 if anything is wrong)")
    p = add("backup", "write an encrypted, verified backup")
    p.add_argument("out", metavar="OUT", help="the backup file to write")
    p = add("restore", "verify a backup, then replace the vault with it")
    p.add_argument("source", metavar="IN", help="the backup file to restore")
    p = add("change-passphrase", "change the acting operator's passphrase")
    p.add_argument("--new-passphrase-file", metavar="FILE", required=True)
    p = add("add-operator", "give someone a key slot (leads only)")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--new-passphrase-file", metavar="FILE", required=True,
                   help="their first passphrase (first line of FILE)")
    p = add("revoke-operator", "remove someone's key slot and rotate the key (leads only)")
    p.add_argument("--name", required=True)
    add("rekey", "rotate the vault's data key (leads only)")
    p = add("receipt", "print (or save) the audit chain's head as a short receipt")
    p.add_argument("--out", metavar="FILE", help="write the receipt to FILE instead")
    add("new-recovery-code", "replace the recovery code; prints the new one once (leads only)")
    p = add("export", "export every record (json; archive: encrypted), or the decision log "
            "(csv, markdown)")
    p.add_argument("--format", choices=("json", "archive", "csv", "markdown"), default="json")
    p.add_argument("--out", metavar="FILE", required=True)
    p.add_argument("--archive-passphrase-file", metavar="FILE",
                   help="archive only: the passphrase that will protect it (first line of FILE)")
    g = p.add_argument_group("decision-log filters (csv and markdown only)")
    g.add_argument("--search", metavar="WORDS", help="full-text search, as in the app")
    g.add_argument("--status", choices=("in_force", "superseded", "rescinded"))
    g.add_argument("--tag")
    g.add_argument("--maker", metavar="NAME", help="decision maker (part of the name)")
    g.add_argument("--since", metavar="TIME", help="decided at or after (ISO 8601, UTC if no zone)")
    g.add_argument("--until", metavar="TIME", help="decided at or before")
    g.add_argument("--due", action="store_true", help="only decisions due for review")
    g.add_argument("--incomplete", action="store_true", help="only incomplete entries")
    p = add("import-roster", "import spokespersons from a CSV or vCard file (all or none)")
    p.add_argument("file", metavar="FILE", help="UTF-8 CSV with a header row, or contact "
                   "cards (.vcf) exported by a phone or mail program (docs/CLI.md)")
    p = add("export-roster", "write the spokesperson roster as CSV")
    p.add_argument("--out", metavar="FILE", required=True)
    p = add("report", "draw a chart of the active incident to a PNG, SVG or PDF file, or "
            "write the briefing pack (PDF) or the inquiry record (PDF or CSV)")
    p.add_argument("chart", choices=("journey-map", "timeline", "cadence", "briefing-pack",
                                     "inquiry"),
                   help="journey-map (stakeholders × phases), timeline (swim lanes), "
                        "cadence (promised vs delivered updates), briefing-pack (the "
                        "situation, decisions in force, current lines, Q&A, do-not-say list, "
                        "promises and figures; .pdf only), or inquiry (the whole decision log "
                        "with every amendment and a verification statement; .pdf or .csv)")
    p.add_argument("--out", metavar="FILE", required=True,
                   help="the file to write; its suffix (.png, .svg, .pdf, .csv) sets the format")
    g = p.add_argument_group("inquiry only")
    g.add_argument("--since", metavar="TIME", help="decided at or after (ISO 8601, UTC if no zone)")
    g.add_argument("--until", metavar="TIME", help="decided at or before")
    p = add("issue-key-slot", "give an operator without a key slot a new one (leads only)")
    p.add_argument("--name", required=True)
    p.add_argument("--new-passphrase-file", metavar="FILE", required=True,
                   help="their new passphrase (first line of FILE)")
    _import_archive(add)
    p = add("briefing-card", "write one spokesperson's one-page briefing card as PDF")
    p.add_argument("--spokesperson", metavar="NAME", required=True, help="name on the roster")
    p.add_argument("--out", metavar="FILE.pdf", required=True)
    _handover(add)
    add("self-test", "check this machine's crypto and storage; prints JSON", unlocks=False)
    add("gui", "open the desktop app", unlocks=False)
    return top
