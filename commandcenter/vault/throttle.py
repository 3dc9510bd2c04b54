"""Repeated wrong passphrases are slowed down.

Each wrong passphrase already costs its Argon2id derivation (~0.5 s). After FREE_ATTEMPTS
wrong answers in a row for one operator (or for the recovery code, which anyone may try),
the next attempt must wait, doubling from FIRST_WAIT up to MAX_WAIT; a right answer clears
the count. The counts live beside the vault in `unlock-attempts.json` (0600), so quitting
and restarting the app does not reset them. They hold operator ids and counts — no vault
content — and are not a secret.

What this stops: someone at the unlocked-then-locked laptop (a shoulder-surfer, a
colleague) trying passphrases by hand or by script through the app or the CLI. It does not
stop an attacker with a copy of the key file, who can run Argon2id as fast as their hardware
allows; the passphrase's strength and the KDF's cost are what stand there
(docs/THREAT_MODEL.md).
"""

import json
import math
import time
from pathlib import Path

from commandcenter.vault.errors import TooManyAttempts
from commandcenter.vault.paths import VaultPaths, atomic_write_bytes

FILE_NAME = "unlock-attempts.json"
FREE_ATTEMPTS = 3
FIRST_WAIT = 5  # seconds after the first failure beyond the free ones
MAX_WAIT = 300
RECOVERY = "recovery-code"


def _file(paths: VaultPaths) -> Path:
    return paths.data_dir / FILE_NAME


def _load(paths: VaultPaths) -> dict:
    try:
        data = json.loads(_file(paths).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: never a reason to refuse the right passphrase
    return data if isinstance(data, dict) else {}


def _save(paths: VaultPaths, data: dict) -> None:
    try:
        atomic_write_bytes(_file(paths), json.dumps(data, sort_keys=True).encode())
    except OSError:
        pass  # a read-only or full folder must not stop an unlock; the KDF still slows


def wait_for(failures: int) -> int:
    """Seconds to wait before the next attempt after `failures` wrong ones in a row."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(MAX_WAIT, FIRST_WAIT * 2 ** (failures - FREE_ATTEMPTS))


def check(paths: VaultPaths, who: str, what: str, *, now: float | None = None) -> None:
    """Raise TooManyAttempts while `who` must still wait."""
    entry = _load(paths).get(who)
    if not isinstance(entry, dict):
        return
    now = time.time() if now is None else now
    failures, last = int(entry.get("failures", 0)), float(entry.get("last", 0))
    if last > now:  # the clock was set back: count the wait from now, not from the future
        _restart_wait(paths, who, now)
        last = now
    remaining = wait_for(failures) - (now - last)
    if remaining > 0:
        raise TooManyAttempts(what, math.ceil(remaining))


def _restart_wait(paths: VaultPaths, who: str, now: float) -> None:
    data = _load(paths)
    if isinstance(data.get(who), dict):
        data[who]["last"] = now
        _save(paths, data)


def failed(paths: VaultPaths, who: str, *, now: float | None = None) -> None:
    data = _load(paths)
    entry = data.get(who) if isinstance(data.get(who), dict) else {}
    data[who] = {"failures": int(entry.get("failures", 0)) + 1,
                 "last": time.time() if now is None else now}
    _save(paths, data)


def succeeded(paths: VaultPaths, who: str) -> None:
    data = _load(paths)
    if who in data:
        del data[who]
        _save(paths, data)
