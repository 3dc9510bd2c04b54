"""Nothing leaks (issue 10): 1,000 planted strings go into the vault through every area; a
scripted session then unlocks, visits every area, searches, opens details, renders the
charts, views a spokesperson's lines, copies a line, makes every export the app offers into
one chosen folder, and locks. Afterwards none of the planted strings is found anywhere on
disk outside the vault file and that folder: not in the data folder (logs, backups, the
files beside the vault), not in the temp folder, not in the caches and settings folders Qt
and matplotlib use. No network socket is opened at any point (Python's audit hooks see every
socket the process makes; Qt's network module is never loaded)."""

import socket
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from commandcenter.demo import seed
from commandcenter.models.base import utcnow
from commandcenter.services import facts, incidents, journey, roster, settings
from commandcenter.services import decisions as d
from commandcenter.services import talking_points as tp
from tests.conftest import FAST_KDF
from tests.ui.conftest import settle, start_unlock, unlock

PLANTS = 1000
_sockets: list[tuple] = []
_recording = [False]


def _audit(event: str, args) -> None:
    if _recording[0] and event in ("socket.__new__", "socket.connect", "socket.bind",
                                   "socket.getaddrinfo", "socket.sendto"):
        _sockets.append((event, args))


sys.addaudithook(_audit)  # permanent for the process; records only while a test asks


def _network(events: list[tuple]) -> list[tuple]:
    """Socket events that mean the network (a local socketpair would not)."""
    def inet(event, args) -> bool:
        if event == "socket.__new__":  # args: (socket, family, type, proto)
            return len(args) > 1 and args[1] in (socket.AF_INET, socket.AF_INET6)
        return True
    return [(e, a) for e, a in events if inet(e, a)]


def _plants() -> list[str]:
    return [f"PLANT{uuid.uuid4().hex[:20]}" for _ in range(PLANTS)]


def _plant(vault, plants: list[str]) -> None:
    """Every area gets its share, through the services (as the app writes them)."""
    it = iter(plants)
    take = lambda n: " ".join(next(it) for _ in range(n))  # noqa: E731
    d.log_many(vault, items=[d.DecisionInput(
        f"Decision {take(1)}", f"Because {take(1)}", ("Dana Whitfield",),
        assumptions=take(1), risk=take(1), decided_at=utcnow() - timedelta(hours=1),
        late_reason="planted") for _ in range(75)])                         # 300
    for _ in range(100):                                                    # 200
        tp.create(vault, data=tp.LineInput("holding_statement", f"Line {take(1)}",
                                           ("customers",), f"We say {take(1)}"))
    for _ in range(100):                                                    # 100
        facts.add_fact(vault, statement=f"Known {take(1)}")
    for n in range(50):                                                     # 150
        roster.add(vault, data=roster.SpokespersonInput(
            f"Person {n} {take(1)}", role_title=take(1), organisation=f"Org {take(1)}",
            phone=f"+44 20 7946 {n:04d}"))
    for _ in range(100):                                                    # 100
        journey.log_update(vault, stakeholder="customers", summary=f"Update {take(1)}")
    for _ in range(100):                                                    # 100
        journey.add_event(vault, data=journey.EventInput(
            utcnow() - timedelta(minutes=5), "other", f"Event {take(1)}"))
    active = settings.get_setting(vault, "active_incident_id")
    rest = list(it)                                                         # 50
    assert len(rest) == 50
    incidents.update_incident(vault, incident_id=active, summary=" ".join(rest))


def _scan(folders: list[Path], needles: list[bytes], skip: Path) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if not path.is_file() or skip in path.parents:
                continue
            blob = path.read_bytes()
            found += [f"{path}: {n[:12].decode()}…" for n in needles if n in blob]
    return found


@pytest.mark.slow
def test_a_whole_session_leaves_no_plaintext_and_opens_no_socket(
        qtbot, controller, vault_paths, tmp_path, temp_folder, monkeypatch):
    home = tmp_path / "home"
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        (home / name).mkdir(parents=True)
        monkeypatch.setenv(name, str(home / name))
    temp = temp_folder
    chosen = tmp_path / "chosen-exports"
    chosen.mkdir()

    plants = _plants()
    vault = seed.seed_demo(vault_paths, kdf=FAST_KDF)
    _plant(vault, plants)
    vault.lock()

    _recording[0] = True
    socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()  # the hook sees sockets…
    assert _network(_sockets), "the audit hook does not see sockets"
    _sockets.clear()  # …and from here on none may be made
    try:
        _session(qtbot, controller, chosen, plants)
    finally:
        _recording[0] = False

    assert _network(_sockets) == [], f"network activity: {_network(_sockets)[:5]}"
    assert "PySide6.QtNetwork" not in sys.modules
    exported = sorted(p.name for p in chosen.iterdir())
    assert {"inquiry.pdf", "inquiry.csv", "log-receipt.txt", "audit-receipt.txt", "backup.db",
            "roster.csv", "map.png", "timeline.pdf", "card.pdf", "pack.pdf", "handover.pdf",
            "vault.ccca"} - set(exported) == set(), exported
    needles = [p.encode() for p in plants]
    # utf-16 too: a Windows-style or Qt-internal copy would hold the text that way
    needles += [p.encode("utf-16-le") for p in plants[:50]]
    leaks = _scan([vault_paths.data_dir, temp, home], needles, skip=chosen)
    assert leaks == [], leaks[:10]
    # The scan can see a leak: the chosen folder holds planted text in the clear.
    assert _scan([chosen], [p.encode() for p in plants], skip=tmp_path / "none")


def _session(qtbot, controller, chosen: Path, plants: list[str]) -> None:
    from ui import exporting

    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller, passphrase="demo")
    for index in range(len(window.AREAS)):
        window.navigate(index)
        settle(qtbot, controller)
        qtbot.wait(20)
    log = window.views["decisions"]
    window.navigate([k for k, _l, _i in window.AREAS].index("decisions"))
    log.filters.search.setText(plants[0])
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: log.model.rowCount() == 1, timeout=10_000)
    log.table.selectRow(0)
    settle(qtbot, controller)
    log.filters.search.clear()
    settle(qtbot, controller)

    monkey_confirm = exporting.confirm_plaintext
    exporting.confirm_plaintext = lambda *_a: True
    try:
        _exports(qtbot, controller, window, chosen)
    finally:
        exporting.confirm_plaintext = monkey_confirm
    controller.lock()
    settle(qtbot, controller)


def _exports(qtbot, controller, window, chosen: Path) -> None:
    """Every export the app offers, each to the chosen folder."""
    window.decision_commands.export_inquiry(str(chosen / "inquiry.pdf"), confirm=False)
    window.decision_commands.export_inquiry(str(chosen / "inquiry.csv"), confirm=False)
    window.decision_commands.export_receipt(str(chosen / "log-receipt.txt"))
    window.commands.export_receipt(str(chosen / "audit-receipt.txt"))
    window.commands.backup_now(str(chosen / "backup.db"))
    window.roster_commands.export_csv(str(chosen / "roster.csv"), confirm=False)
    window.journey_commands.export_chart("journey-map", str(chosen / "map.png"), confirm=False)
    window.journey_commands.export_chart("timeline", str(chosen / "timeline.pdf"),
                                         confirm=False)
    settle(qtbot, controller, timeout=120_000)
    from commandcenter.services import roster as roster_service

    first = roster_service.rows(controller.session.vault)[0].person
    window.briefing_commands.briefing_card(first, str(chosen / "card.pdf"), confirm=False)
    settle(qtbot, controller, timeout=120_000)
    window.report_commands.briefing_pack(str(chosen / "pack.pdf"), confirm=False)
    settle(qtbot, controller, timeout=120_000)
    from ui.dialogs import handover_wizard

    wizard = handover_wizard.open_for(window)  # signed by an incoming operator, then saved
    qtbot.waitUntil(lambda: wizard.handover is not None, timeout=120_000)
    wizard.next()
    wizard.outgoing_page.sign.setChecked(True)
    wizard.next()
    settle(qtbot, controller, timeout=120_000)
    wizard.incoming_page.passphrase.setText("demo")  # every demo operator's passphrase
    wizard.next()
    qtbot.waitUntil(lambda: wizard.signed is not None, timeout=120_000)
    wizard.save_pdf(str(chosen / "handover.pdf"), confirm=False)
    settle(qtbot, controller, timeout=120_000)
    wizard.accept()
    dialog = window.commands.export_archive()
    dialog.path.setText(str(chosen / "vault.ccca"))
    dialog.fields.passphrase.setText("archive passphrase 1")
    dialog.fields.confirm.setText("archive passphrase 1")
    dialog.submit()
    settle(qtbot, controller, timeout=120_000)
