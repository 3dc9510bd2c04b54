"""Writing the encrypted archive: the JSON document streamed through zlib into sealed chunks,
into an unnamed (or hidden) file beside `OUT` (ciphertext only, 0600), fsynced, then given
its name (vault.paths.atomic_file). Plaintext exists
only in memory, one buffer at a time; no temporary file ever holds any."""

import logging
import zlib
from pathlib import Path

from commandcenter import logsetup
from commandcenter.reports import output
from commandcenter.reports.archive import container, document
from commandcenter.vault import crypto
from commandcenter.vault.paths import atomic_file
from commandcenter.vault.unlocked import UnlockedVault

log = logging.getLogger(__name__)

MIN_PASSPHRASE = 8
FLUSH_CHARS = 256 * 1024  # text gathered before it is compressed (fewer, larger calls)
ZLIB_LEVEL = 6


def check_archive_passphrase(passphrase: str) -> None:
    if not passphrase or len(passphrase) < MIN_PASSPHRASE:
        raise container.ArchiveError(f"The archive passphrase needs at least {MIN_PASSPHRASE} "
                                     "characters.")


def vault_kdf(vault: UnlockedVault) -> crypto.KdfParams:
    """The Argon2id cost of the vault's own key slots (tuned to ~0.5 s when it was set up)."""
    from commandcenter.vault.keyfile import KeyFile

    slots = KeyFile.load(vault.paths.keyfile).slots
    return crypto.KdfParams.from_dict(slots[0].private_wrapped["kdf_params"])


class _Sink:
    """Text in, compressed and sealed bytes out."""

    def __init__(self, writer: container.ChunkWriter):
        self._writer, self._zip = writer, zlib.compressobj(ZLIB_LEVEL)
        self._parts: list[str] = []
        self._size = 0

    def emit(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= FLUSH_CHARS:
            self._flush()

    def _flush(self) -> None:
        data = "".join(self._parts).encode("utf-8")
        self._parts.clear()
        self._size = 0
        self._writer.write(self._zip.compress(data))

    def close(self) -> None:
        self._flush()
        self._writer.write(self._zip.flush())
        self._writer.close()


def export_archive(vault: UnlockedVault, out: Path, passphrase: str, *, progress=None,
                   kdf: crypto.KdfParams | None = None,
                   chunk_size: int = container.CHUNK) -> dict:
    """Write every record of the vault into an encrypted archive at `out` (atomically, 0600)
    and record the export in the audit trail. `kdf` defaults to the vault's own slot cost;
    `chunk_size` (bytes of compressed payload per sealed chunk) is for tests.
    Returns a summary: file, bytes, tables, rows, total_rows, chain entries/head/verified."""
    out = Path(out)
    # Every record of every area, drafts and rationale included: a lead's act, like backup.
    vault.actor.require("lead", action="export an archive of the whole vault")
    check_archive_passphrase(passphrase)
    logsetup.register_secret(passphrase)
    out = output.check_destination(vault, out)
    header = container.new_header(kdf or vault_kdf(vault), chunk_size)
    keys = container.derive_keys(passphrase, header)
    written, size = _write(vault, out, header, keys, progress)
    summary = _summary(out, size, written)
    _record(vault, out, summary)
    log.info("archive written (%d rows)", summary["total_rows"])
    return summary


def _write(vault, out: Path, header, keys, progress) -> tuple[dict, int]:
    # atomic_file: complete and fsynced before it has a name; nothing left if killed.
    with atomic_file(out) as fh:
        writer = container.ChunkWriter(fh, header, keys)
        sink = _Sink(writer)
        written = document.write_document(vault, sink.emit, progress=progress)
        sink.close()
    return written, writer.bytes_written


def _summary(out: Path, size: int, written: dict) -> dict:
    rows, chain = written["rows"], written["audit_chain"]
    return {"file": str(out), "bytes": size, "tables": len(rows), "rows": rows,
            "total_rows": sum(rows.values()), "audit_entries": chain["entries"],
            "chain_head": chain["head"], "chain_verified": chain["verified"]}


def _record(vault: UnlockedVault, out: Path, summary: dict) -> None:
    from commandcenter.services import audit

    with output.on_record(out), vault.write() as session:
        audit.record(vault, session, "vault.exported", "vault", vault.vault_id,
                     {"format": "archive", "file": out.name,
                      "total_rows": summary["total_rows"], "chain_head": summary["chain_head"]})
