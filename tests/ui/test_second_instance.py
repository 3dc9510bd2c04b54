"""The desktop app refuses a second window on the same data folder with a message naming
the first (ui.app.claim_vault over commandcenter.vault.instance), and opens once it is gone."""

import os

import pytest

from commandcenter.vault import instance
from tests.conftest import PASSPHRASE
from tests.fixtures.vaulttools import kill_child, read_line, start_child
from ui.app import claim_vault


@pytest.mark.fault
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_second_app_window_is_refused_with_a_message(new_vault, vault_paths):
    vault, _ = new_vault
    operator_id = vault.actor.id
    vault.lock()
    first = start_child("fault_child.py", "incident", str(vault_paths.data_dir), operator_id,
                        "W", stdin_text=PASSPHRASE, env={"CCC_FAULT_HOLD": "1"})
    assert read_line(first) == "ready"
    shown: list[str] = []
    try:
        assert claim_vault(vault_paths, show=shown.append) is False
        assert len(shown) == 1 and "already open on this vault in another window" \
            in shown[0] and f"process {first.pid} on " in shown[0] and "\n" not in shown[0]
        assert read_line(first).startswith("ack ")  # the first one is untouched
    finally:
        kill_child(first)
    try:
        assert claim_vault(vault_paths, show=shown.append) is True
        assert len(shown) == 1
    finally:
        instance.release(vault_paths.data_dir)
