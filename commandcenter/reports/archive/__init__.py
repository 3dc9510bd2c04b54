"""Lossless portability: every record of the vault as the documented JSON document inside an
encrypted, authenticated archive (docs/ARCHIVE_FORMAT.md), and a new vault made from one.

Modules: `container` (header, Argon2id, chunked AES-256-GCM), `document` (the JSON document
written and read as a stream), `export` (writing an archive), `importer` (a vault from one).
"""

from commandcenter.reports.archive.container import ArchiveError
from commandcenter.reports.archive.export import export_archive
from commandcenter.reports.archive.importer import ImportResult, import_archive

__all__ = ["ArchiveError", "ImportResult", "export_archive", "import_archive"]
