"""The OS keychain, through `keyring`, restricted to real secure backends.

Allowed: Windows Credential Manager, macOS Keychain, Secret Service (GNOME Keyring, KeePassXC),
KWallet. Refused: plaintext/file backends, `keyrings.alt`, anything that might prompt on stdin,
and `null`/`fail`. Every call runs with a time limit, so a keychain daemon that does not answer
means "no keychain" (passphrase mode) instead of a hang.

What is stored: the operator's slot private key (base64), under service "CrisisCommandCenter"
and user "<vault id>/<slot id>". It opens only that operator's sealed data key.
"""

import logging
import threading
from dataclasses import dataclass

from commandcenter import APP_ID

log = logging.getLogger(__name__)

SERVICE = APP_ID
TIMEOUT_S = 3.0

ALLOWED_BACKENDS = {
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Manager",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.SecretService.Keyring": "Secret Service",
    "keyring.backends.libsecret.Keyring": "Secret Service (libsecret)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
}
# Tests register their in-memory backend here; nothing in the app ever does.
_extra_allowed: dict[str, str] = {}


def allow_backend(qualified_name: str, label: str) -> None:
    _extra_allowed[qualified_name] = label


def qualified(backend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


@dataclass(frozen=True)
class Keychain:
    backend: object
    name: str  # qualified class name, recorded in the key slot
    label: str  # for people: "macOS Keychain"

    def store(self, vault_id: str, slot_id: str, secret: str) -> None:
        _with_timeout(lambda: self.backend.set_password(SERVICE, _user(vault_id, slot_id), secret))

    def load(self, vault_id: str, slot_id: str) -> str | None:
        return _with_timeout(lambda: self.backend.get_password(SERVICE, _user(vault_id, slot_id)))

    def delete(self, vault_id: str, slot_id: str) -> None:
        try:
            _with_timeout(lambda: self.backend.delete_password(SERVICE, _user(vault_id, slot_id)))
        except Exception:  # already gone: nothing to do
            log.info("keychain entry was already absent")


def _user(vault_id: str, slot_id: str) -> str:
    return f"{vault_id}/{slot_id}"


class _Timeout(Exception):
    pass


def _with_timeout(fn, timeout: float | None = None):
    # TIMEOUT_S is read per call (not bound as a default), so it can be tuned at run time.
    timeout = TIMEOUT_S if timeout is None else timeout
    result: dict = {}

    def run():
        try:
            result["value"] = fn()
        except Exception as exc:  # re-raised on the caller's thread
            result["error"] = exc

    worker = threading.Thread(target=run, name="keychain-call", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise _Timeout("the keychain did not answer")
    if "error" in result:
        raise result["error"]
    return result.get("value")


def _allowed(backend) -> tuple[str, str] | None:
    name = qualified(backend)
    label = ALLOWED_BACKENDS.get(name) or _extra_allowed.get(name)
    return (name, label) if label else None


def _candidates(backend) -> list:
    """A chainer backend wraps several; look inside it."""
    inner = getattr(backend, "backends", None)
    return list(inner) if inner else [backend]


def detect() -> Keychain | None:
    """The usable secure keychain, or None (passphrase mode). Never prompts, never hangs."""
    try:
        import keyring  # lazy: backends probe D-Bus and friends on import

        backend = _with_timeout(keyring.get_keyring)
        # A backend's `priority` may itself talk to a daemon (Secret Service asks D-Bus):
        # it is evaluated under the time limit too.
        chain = _with_timeout(lambda: _first_allowed(backend))
    except Exception as exc:
        log.info("no keychain: %s", type(exc).__name__)
        return None
    if chain is None:
        log.info("no allowed keychain backend (found %s)", qualified(backend))
    return chain


def _first_allowed(backend) -> Keychain | None:
    for candidate in _candidates(backend):
        allowed = _allowed(candidate)
        if allowed and getattr(candidate, "priority", 1) > 0:
            return Keychain(candidate, *allowed)
    return None


def label_for(name: str | None) -> str:
    if not name:
        return "none"
    return ALLOWED_BACKENDS.get(name) or _extra_allowed.get(name) or name.rsplit(".", 2)[-2]


KeychainTimeout = _Timeout
