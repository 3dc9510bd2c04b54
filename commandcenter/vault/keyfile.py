"""The key file beside the vault: key slots, no secret in the clear.

It holds, per slot, the slot's X25519 public key, its private key wrapped by
Argon2id(passphrase or recovery code) + AES-GCM, and the data key sealed to the public key.
A MAC keyed by the data key covers the whole file, so a swapped public key or a slot added
by someone without the data key is detected ("key file damaged or tampered").

Operator names and roles are kept readable so the unlock dialog can offer an operator
picker before anything is decrypted (like an OS login screen); they are not vault content.
During a key rotation a `pending` generation is present until the database has moved to it.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from commandcenter.vault import crypto
from commandcenter.vault.errors import KeyFileDamaged, VaultNotFound
from commandcenter.vault.paths import atomic_write_bytes

FORMAT = "ccc-keyfile"
VERSION = 1


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _seal_info(vault_id: str, slot_id: str, generation: int) -> bytes:
    return f"ccc data key|{vault_id}|{slot_id}|gen {generation}".encode()


def _wrap_aad(vault_id: str, slot_id: str) -> bytes:
    return f"ccc slot private key|{vault_id}|{slot_id}".encode()


@dataclass
class Slot:
    slot_id: str
    kind: str  # "operator" or "recovery"
    operator_id: str | None
    operator_name: str
    role: str
    public_key: str
    private_wrapped: dict
    sealed: dict  # generation (str) -> data key sealed to public_key
    keychain_backend: str | None = None
    created_at: str = field(default_factory=_now)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class KeyFile:
    vault_id: str
    generation: int
    key_id: str
    slots: list[Slot]
    pending_generation: int | None = None
    pending_key_id: str | None = None
    mac: str = ""
    serial: int = 0  # raised on every save: an older copy put back shows (keyfile_recovery)

    # --- reading and writing ------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> "KeyFile":
        if not path.exists():
            raise VaultNotFound(f"No key file at {path}.")
        try:
            raw = json.loads(path.read_bytes().decode("utf-8"))
            if raw.get("format") != FORMAT or raw.get("version") != VERSION:
                raise ValueError("not a key file of this version")
            slots = [Slot(**s) for s in raw["slots"]]
            return cls(vault_id=raw["vault_id"], generation=int(raw["generation"]),
                       key_id=raw["key_id"], slots=slots,
                       pending_generation=raw.get("pending_generation"),
                       pending_key_id=raw.get("pending_key_id"), mac=raw.get("mac", ""),
                       serial=int(raw.get("serial", 0)))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise KeyFileDamaged("unreadable") from exc

    def _body(self) -> dict:
        return {
            "format": FORMAT, "version": VERSION, "vault_id": self.vault_id,
            "generation": self.generation, "key_id": self.key_id,
            "pending_generation": self.pending_generation,
            "pending_key_id": self.pending_key_id,
            "slots": [s.to_dict() for s in self.slots],
        } | ({"serial": self.serial} if self.serial else {})  # files saved before it: no field

    def _canonical(self) -> bytes:
        return json.dumps(self._body(), sort_keys=True, separators=(",", ":")).encode()

    def save(self, path: Path, data_key: bytes) -> None:
        """Seal the file with a MAC under the current data key and write it atomically."""
        from commandcenter.vault.keyfile_recovery import remember_serial

        self.serial += 1
        self.mac = crypto.mac(data_key, self._canonical())
        body = self._body() | {"mac": self.mac}
        atomic_write_bytes(path, json.dumps(body, indent=2).encode("utf-8"))
        remember_serial(path, self.serial)

    def verify_mac(self, data_key: bytes) -> bool:
        return crypto.mac(data_key, self._canonical()) == self.mac

    # --- slots --------------------------------------------------------------------------

    def operator_slots(self) -> list[Slot]:
        return [s for s in self.slots if s.kind == "operator"]

    def slot_for_operator(self, operator_id: str) -> Slot | None:
        return next((s for s in self.slots if s.operator_id == operator_id), None)

    def recovery_slot(self) -> Slot | None:
        return next((s for s in self.slots if s.kind == "recovery"), None)

    def add_slot(self, *, kind: str, secret: str, data_key: bytes, operator_id: str | None,
                 operator_name: str, role: str, params: crypto.KdfParams,
                 pending_key: bytes | None = None, slot_id: str | None = None
                 ) -> tuple[Slot, bytes]:
        """Create a slot whose private key is wrapped by `secret`. Returns (slot, private key).
        `slot_id` keeps an operator record's slot id (a vault rebuilt from an archive)."""
        import uuid  # lazy: the app's first window reads key files but adds no slot

        if slot_id is not None and any(s.slot_id == slot_id for s in self.slots):
            raise ValueError("slot id already in use")
        slot_id = slot_id or str(uuid.uuid4())
        private, public = crypto.new_slot_keypair()
        slot = Slot(
            slot_id=slot_id, kind=kind, operator_id=operator_id, operator_name=operator_name,
            role=role, public_key=crypto.b64(public),
            private_wrapped=crypto.wrap_with_secret(secret, private,
                                                    _wrap_aad(self.vault_id, slot_id), params),
            sealed={},
        )
        self.seal_for(slot, data_key, self.generation)
        if pending_key is not None and self.pending_generation is not None:
            self.seal_for(slot, pending_key, self.pending_generation)
        self.slots.append(slot)
        return slot, private

    def seal_for(self, slot: Slot, data_key: bytes, generation: int) -> None:
        slot.sealed[str(generation)] = crypto.seal_to_public(
            crypto.unb64(slot.public_key), data_key,
            _seal_info(self.vault_id, slot.slot_id, generation))

    def rewrap_private(self, slot: Slot, private: bytes, secret: str,
                       params: crypto.KdfParams) -> None:
        slot.private_wrapped = crypto.wrap_with_secret(
            secret, private, _wrap_aad(self.vault_id, slot.slot_id), params)

    def unwrap_private(self, slot: Slot, secret: str) -> bytes:
        """Raises crypto.DecryptionFailed on a wrong secret."""
        return crypto.unwrap_with_secret(secret, slot.private_wrapped,
                                         _wrap_aad(self.vault_id, slot.slot_id))

    def open_sealed(self, slot: Slot, private: bytes, generation: int) -> bytes:
        sealed = slot.sealed.get(str(generation))
        if sealed is None:
            raise KeyFileDamaged(f"slot has no key for generation {generation}")
        try:
            return crypto.open_with_private(private, sealed,
                                            _seal_info(self.vault_id, slot.slot_id, generation))
        except crypto.DecryptionFailed as exc:
            raise KeyFileDamaged("a sealed key does not open") from exc


def new_keyfile(vault_id: str, data_key: bytes) -> KeyFile:
    return KeyFile(vault_id=vault_id, generation=1, key_id=crypto.key_fingerprint(data_key),
                   slots=[])
