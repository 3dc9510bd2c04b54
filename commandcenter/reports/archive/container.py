"""The encrypted archive container (`ccc-archive`, version 1; docs/ARCHIVE_FORMAT.md).

    header (83 bytes, in the clear)  |  chunk 0 | chunk 1 | ... | last chunk

The header names the format, the Argon2id cost, the salt and the nonce prefix, and ends with
an HMAC over itself under a key derived from the passphrase: a wrong passphrase (or an
edited header) is told apart from damaged content before a byte is decrypted.

The payload (zlib-compressed JSON) is cut into chunks of CHUNK bytes, each sealed with
AES-256-GCM (the STREAM construction): nonce = prefix(7) | chunk number(4) | last flag(1),
associated data = the whole header. So a chunk cannot be moved, repeated or dropped, the
file cannot be cut short at a chunk boundary (no chunk says "last"), and no header field can
be changed without every chunk failing. Chunking keeps memory flat for any vault size.
"""

import hashlib
import hmac
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from commandcenter.vault import crypto
from commandcenter.vault.errors import VaultError

MAGIC = b"CCC-ARC\x00"
VERSION = 1
KDF_ARGON2ID = 1
COMPRESSION_ZLIB = 1
CHUNK = 1 << 20  # 1 MiB of compressed payload per sealed chunk
TAG = 16
# magic, version, kdf, compression, memory KiB, iterations, lanes, chunk size, salt, nonce
_FIELDS = struct.Struct(">8sHBBIIII16s7s")
HEADER_MAC = 32
HEADER_SIZE = _FIELDS.size + HEADER_MAC
# A header is read before anything is authenticated: refuse Argon2id costs that would let a
# forged file pin the machine (the design's own cost is 64 MiB and a few passes).
MAX_MEMORY_KIB = 1 << 20  # 1 GiB
MAX_ITERATIONS = 64
MAX_LANES = 16
MAX_CHUNK = 16 << 20


class ArchiveError(VaultError):
    """The archive cannot be read or written; the message says why and what to do."""


@dataclass(frozen=True)
class Header:
    kdf: crypto.KdfParams
    salt: bytes
    nonce_prefix: bytes
    chunk_size: int = CHUNK
    version: int = VERSION
    compression: int = COMPRESSION_ZLIB

    def fields(self) -> bytes:
        return _FIELDS.pack(MAGIC, self.version, KDF_ARGON2ID, self.compression,
                            self.kdf.memory_kib, self.kdf.iterations, self.kdf.lanes,
                            self.chunk_size, self.salt, self.nonce_prefix)


@dataclass(frozen=True)
class Keys:
    """The AES-GCM key of the chunks and the HMAC key of the header, both from Argon2id."""

    aead: bytes
    header_mac: bytes


def derive_keys(passphrase: str, header: Header) -> Keys:
    # One Argon2id derivation, then two independent keys by HMAC-SHA256 with distinct labels
    # (HKDF-Expand with a single block), so the header MAC key never encrypts anything.
    master = crypto.derive_key(passphrase, header.salt, header.kdf)
    expand = lambda label: hmac.new(master, label + b"\x01", hashlib.sha256).digest()  # noqa
    return Keys(expand(b"ccc archive aead"), expand(b"ccc archive header mac"))


def header_bytes(header: Header, keys: Keys) -> bytes:
    fields = header.fields()
    return fields + hmac.new(keys.header_mac, fields, hashlib.sha256).digest()


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


def new_header(kdf: crypto.KdfParams, chunk_size: int = CHUNK) -> Header:
    return Header(kdf=kdf, salt=os.urandom(16), nonce_prefix=os.urandom(7),
                  chunk_size=chunk_size)


# --- writing ---------------------------------------------------------------------------------

class ChunkWriter:
    """Seals the bytes given to `write` into chunks on `fh`; `close` seals the last one."""

    def __init__(self, fh: BinaryIO, header: Header, keys: Keys):
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._fh, self._header = fh, header
        self._aad = header_bytes(header, keys)
        self._aead = AESGCM(keys.aead)
        self._pending = bytearray()
        self._index = 0
        self.bytes_written = len(self._aad)
        fh.write(self._aad)

    def write(self, data: bytes) -> None:
        self._pending += data
        size = self._header.chunk_size
        # Keep at least one byte back: the last chunk must be sealed with the last flag.
        while len(self._pending) > size:
            self._seal(bytes(self._pending[:size]), last=False)
            del self._pending[:size]

    def close(self) -> None:
        self._seal(bytes(self._pending), last=True)
        self._pending.clear()

    def _seal(self, chunk: bytes, *, last: bool) -> None:
        nonce = _nonce(self._header.nonce_prefix, self._index, last)
        sealed = self._aead.encrypt(nonce, chunk, self._aad)
        self._fh.write(sealed)
        self._index += 1
        self.bytes_written += len(sealed)


# --- reading ---------------------------------------------------------------------------------

def read_header(fh: BinaryIO) -> tuple[Header, bytes]:
    """Parse (not yet authenticate) the header. Returns it and its raw bytes."""
    raw = fh.read(HEADER_SIZE)
    if not raw.startswith(MAGIC):
        if MAGIC.startswith(raw):  # empty, or cut inside the magic
            raise ArchiveError(TRUNCATED)
        raise ArchiveError("This file is not a Crisis Command Center archive; nothing was "
                           "imported.")
    if len(raw) < HEADER_SIZE:
        raise ArchiveError(TRUNCATED)
    (_magic, version, kdf_id, compression, memory, iterations, lanes, chunk, salt,
     prefix) = _FIELDS.unpack(raw[:_FIELDS.size])
    if version != VERSION:
        raise ArchiveError(f"This archive is format version {version}; this version of Crisis "
                           f"Command Center reads version {VERSION}. Install a newer version.")
    bounded = (kdf_id == KDF_ARGON2ID and compression == COMPRESSION_ZLIB
               and crypto.MIN_MEMORY_KIB <= memory <= MAX_MEMORY_KIB
               and 1 <= iterations <= MAX_ITERATIONS and 1 <= lanes <= MAX_LANES
               and 1 <= chunk <= MAX_CHUNK)
    if not bounded:
        raise ArchiveError("The archive's header is damaged or tampered (its settings are not "
                           "ones this app writes); nothing was imported.")
    kdf = crypto.KdfParams(memory_kib=memory, iterations=iterations, lanes=lanes)
    return Header(kdf, salt, prefix, chunk, version, compression), raw


TRUNCATED = "The archive is truncated (the file ends too early); nothing was imported."


@dataclass(frozen=True)
class OpenedArchive:
    """An archive whose header authenticated under the passphrase (content not yet read)."""

    path: Path
    header: Header
    raw: bytes
    keys: Keys


def open_archive(path: Path, passphrase: str) -> OpenedArchive:
    """Read the header, derive the keys and check the header's MAC: a mismatch is a wrong
    passphrase or an edited header (the two cannot be told apart; the message says both)."""
    with open(path, "rb") as fh:
        header, raw = read_header(fh)
    keys = derive_keys(passphrase, header)
    if not hmac.compare_digest(header_bytes(header, keys), raw):
        raise ArchiveError("Wrong archive passphrase, or the archive's header was altered; "
                           "nothing was imported.")
    return OpenedArchive(Path(path), header, raw, keys)


def iter_chunks(opened: OpenedArchive) -> Iterator[bytes]:
    """Decrypt and authenticate chunk after chunk. Raises ArchiveError when one fails, when
    the file ends before the chunk marked last, or when bytes follow that chunk."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header, raw = opened.header, opened.raw
    aead, size, index = AESGCM(opened.keys.aead), header.chunk_size + TAG, 0
    with open(opened.path, "rb") as fh:
        fh.seek(len(raw))
        piece = fh.read(size)
        while True:
            if len(piece) < TAG:
                raise ArchiveError(TRUNCATED)
            ahead = fh.read(size) if len(piece) == size else b""
            last = not ahead
            try:
                yield aead.decrypt(_nonce(header.nonce_prefix, index, last), piece, raw)
            except InvalidTag:
                raise ArchiveError(_damaged_message(index, last)) from None
            if last:
                return
            piece, index = ahead, index + 1


def _damaged_message(index: int, last: bool) -> str:
    where = f"part {index + 1} does not authenticate"
    if last:
        where += "; the file may also be truncated"
    return f"The archive is damaged or tampered ({where}); nothing was imported."


def authenticate(opened: OpenedArchive) -> int:
    """Check every chunk without keeping any plaintext; returns the payload size."""
    return sum(len(chunk) for chunk in iter_chunks(opened))
