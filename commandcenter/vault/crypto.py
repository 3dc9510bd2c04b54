"""The cryptographic primitives of the key hierarchy, all from `cryptography`.

Hierarchy (see docs/KEYS.md):
  data key (32 random bytes)  -- the raw SQLCipher key of the database
    wrapped to each slot's X25519 public key (ephemeral ECDH + HKDF-SHA256 + AES-256-GCM)
  slot private key (X25519)   -- one per operator, plus one recovery slot
    wrapped by Argon2id(passphrase or recovery code) + AES-256-GCM
    and, when the operator opted in, also held by the OS keychain.

Wrapping the data key to public keys is what lets a lead rotate the data key (rekey,
revoke) without knowing anyone else's passphrase.
"""

import base64
import os
import time
from dataclasses import asdict, dataclass

# `cryptography` is imported inside the functions that use it: it costs ~25 ms, and the app's
# first window (which reads the key file's operator list, but decrypts nothing) must not wait.
# So are hashlib, hmac and secrets: the first two load OpenSSL's _hashlib (5–9 ms), and none
# of them is needed before a passphrase is entered.

DATA_KEY_BYTES = 32
MIN_MEMORY_KIB = 64 * 1024  # DESIGN: Argon2id with at least 64 MiB
TARGET_KDF_SECONDS = 0.5


class DecryptionFailed(Exception):
    """A wrapped value did not authenticate: wrong secret or altered data."""


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int = MIN_MEMORY_KIB
    iterations: int = 3
    lanes: int = 4

    def __post_init__(self):
        if self.memory_kib < MIN_MEMORY_KIB:
            raise ValueError("Argon2id memory must be at least 64 MiB")
        if self.iterations < 1 or self.lanes < 1:
            raise ValueError("Argon2id iterations and lanes must be positive")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "KdfParams":
        return cls(memory_kib=int(d["memory_kib"]), iterations=int(d["iterations"]),
                   lanes=int(d["lanes"]))


def new_data_key() -> bytes:
    import secrets

    return secrets.token_bytes(DATA_KEY_BYTES)


def derive_key(secret: str, salt: bytes, params: KdfParams) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(salt=salt, length=32, iterations=params.iterations,
                   lanes=params.lanes, memory_cost=params.memory_kib)
    return kdf.derive(secret.encode("utf-8"))


def calibrate_kdf(target_seconds: float = TARGET_KDF_SECONDS) -> KdfParams:
    """Pick Argon2id iterations so one derivation takes about `target_seconds` here.

    Cost is a fixed part (allocating and filling 64 MiB) plus a per-pass part, so one timing
    of a single pass overestimates a pass several-fold: time 1 and 4 passes (after a warm-up
    derivation, whose page faults would skew the first) and solve for both parts."""
    def timed(iterations: int) -> float:
        start = time.perf_counter()
        derive_key("calibration", b"\0" * 16, KdfParams(iterations=iterations))
        return time.perf_counter() - start

    timed(1)
    one, four = timed(1), timed(4)
    per_pass = max((four - one) / 3, 1e-3)
    fixed = max(one - per_pass, 0.0)
    return KdfParams(iterations=max(2, min(32, round((target_seconds - fixed) / per_pass))))


def aead_encrypt(key: bytes, plaintext: bytes, aad: bytes) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return {"nonce": b64(nonce), "ct": b64(AESGCM(key).encrypt(nonce, plaintext, aad))}


def aead_decrypt(key: bytes, box: dict, aad: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(unb64(box["nonce"]), unb64(box["ct"]), aad)
    except (InvalidTag, KeyError, ValueError) as exc:
        raise DecryptionFailed() from exc


def wrap_with_secret(secret: str, payload: bytes, aad: bytes, params: KdfParams) -> dict:
    salt = os.urandom(16)
    box = aead_encrypt(derive_key(secret, salt, params), payload, aad)
    return {"kdf": "argon2id", "kdf_params": params.to_dict(), "salt": b64(salt), **box}


def unwrap_with_secret(secret: str, wrapped: dict, aad: bytes) -> bytes:
    params = KdfParams.from_dict(wrapped["kdf_params"])
    key = derive_key(secret, unb64(wrapped["salt"]), params)
    return aead_decrypt(key, wrapped, aad)


def new_slot_keypair() -> tuple[bytes, bytes]:
    """Returns (private_raw, public_raw) of a fresh X25519 key pair."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    priv = X25519PrivateKey.generate()
    return (
        priv.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                           serialization.NoEncryption()),
        public_raw(priv),
    )


def public_raw(priv) -> bytes:
    """The raw 32 bytes of an X25519 private key's public half."""
    from cryptography.hazmat.primitives import serialization

    return priv.public_key().public_bytes(serialization.Encoding.Raw,
                                          serialization.PublicFormat.Raw)


def _hkdf(shared: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def seal_to_public(public: bytes, payload: bytes, info: bytes) -> dict:
    """Encrypt `payload` so only the holder of `public`'s private key can open it."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

    eph = X25519PrivateKey.generate()
    shared = eph.exchange(X25519PublicKey.from_public_bytes(public))
    box = aead_encrypt(_hkdf(shared, info), payload, info)
    return {"epk": b64(public_raw(eph)), **box}


def open_with_private(private: bytes, sealed: dict, info: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

    try:
        priv = X25519PrivateKey.from_private_bytes(private)
        shared = priv.exchange(X25519PublicKey.from_public_bytes(unb64(sealed["epk"])))
    except (ValueError, KeyError) as exc:
        raise DecryptionFailed() from exc
    return aead_decrypt(_hkdf(shared, info), sealed, info)


def mac(key: bytes, message: bytes) -> str:
    import hashlib
    import hmac

    return hmac.new(hashlib.sha256(b"ccc keyfile mac\0" + key).digest(), message,
                    hashlib.sha256).hexdigest()


def key_fingerprint(data_key: bytes) -> str:
    """A short, non-secret id of a data key (to tell generations apart in messages)."""
    import hashlib

    return hashlib.sha256(b"ccc key id\0" + data_key).hexdigest()[:12]


# --- recovery codes -------------------------------------------------------------------------

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed under stress


def new_recovery_code(groups: int = 6, size: int = 5) -> str:
    """30 symbols of a 32-letter alphabet: 150 bits, printed as six groups of five."""
    import secrets

    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(size))
                    for _ in range(groups))


def normalise_recovery_code(code: str) -> str:
    """Accept the code typed in any case, with or without dashes and spaces."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(cleaned[i:i + 5] for i in range(0, len(cleaned), 5))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
