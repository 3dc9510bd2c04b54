"""Who may do what, role by role, on the seeded demo vault (DESIGN §3, docs/THREAT_MODEL.md).

Each gated act is called with every role. A role the act is not for gets PermissionDenied
(and nothing changes); a role it is for gets past the gate — ids that exist nowhere make the
allowed calls stop at NotFound or a validation message, so the demo vault is not changed by
the gate checks. The reads a spokesperson is allowed are checked for what they hold: the
current approved lines and their own roster entry, never drafts, rationale or other people's
contacts."""

from dataclasses import replace

import pytest

from commandcenter.demo import seed
from commandcenter.services import audit, facts, incidents, operators, roster, settings
from commandcenter.services import decisions as d
from commandcenter.services import talking_points as tp
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.vault import lifecycle
from commandcenter.vault.errors import PermissionDenied, VaultError
from commandcenter.vault.paths import VaultPaths
from tests.conftest import FAST_KDF

ROLES = ("lead", "approver", "editor", "loggist", "spokesperson")
NOBODY = "00000000-0000-4000-8000-000000000000"
PASS = "role passphrase 1"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    paths = VaultPaths.at(tmp_path_factory.mktemp("access") / "vault")
    lead = seed.seed_demo(paths, kdf=FAST_KDF)
    try:
        for role in ROLES[1:]:
            operators.add_operator(lead, name=f"Test {role}", role=role, passphrase=PASS)
        spoke = next(o for o in operators.list_operators(lead) if o.role == "spokesperson"
                     and o.name == "Test spokesperson")
        person = roster.rows(lead)[0].person  # the spokesperson operator's roster entry
        roster.update(lead, spokesperson_id=person.id,
                      data=replace(roster.input_of(person), operator_id=spoke.id))
    finally:
        lead.lock()
    return paths


@pytest.fixture(scope="module")
def as_role(demo_dir):
    """An unlocked vault per role (opened once for the module)."""
    opened = {}
    ops = lifecycle.list_operators(demo_dir)
    for role in ROLES:
        if role == "lead":
            op = next(o for o in ops if o.role == "lead")
            opened[role] = lifecycle.unlock_with_passphrase(demo_dir, operator_id=op.operator_id,
                                                            passphrase="demo")
        else:
            op = next(o for o in ops if o.name == f"Test {role}")
            opened[role] = lifecycle.unlock_with_passphrase(demo_dir, operator_id=op.operator_id,
                                                            passphrase=PASS)
    yield opened
    for vault in opened.values():
        vault.lock()


def _line():
    return tp.LineInput("holding_statement", "Access test", ("customers",), "A line")


# act name -> (call, roles allowed)
ACTS = {
    "read the decision log": (lambda v: d.page(v), ROLES[:4]),
    "read a decision's rationale": (lambda v: d.detail(v, decision_id=NOBODY), ROLES[:4]),
    "log a decision": (lambda v: d.log_decision(v, data=d.DecisionInput("", "", ())),
                       ROLES[:4]),
    "read every talking point (drafts)": (lambda v: tp.list_lines(v), ROLES[:4]),
    "read the approval queue": (lambda v: tp.approval_queue(v), ROLES[:4]),
    "draft a talking point": (lambda v: tp.update_draft(v, version_id=NOBODY, data=_line()),
                              ("lead", "approver", "editor")),
    "approve a talking point": (lambda v: tp.approve(v, version_id=NOBODY),
                                ("lead", "approver")),
    "reject a talking point": (lambda v: tp.reject(v, version_id=NOBODY, reason="no"),
                               ("lead", "approver")),
    "change the roster": (lambda v: roster.retire(v, spokesperson_id=NOBODY, reason="x"),
                          ("lead", "editor")),
    "read the audit trail": (lambda v: audit.recent_entries(v, limit=5), ROLES[:4]),
    "record a fact": (lambda v: facts.set_status(v, fact_id=NOBODY, status="confirmed"),
                      ROLES[:4]),
    "change vault settings": (lambda v: settings.set_setting(v, key="auto_lock_minutes",
                                                             value=5), ("lead",)),
    "add an operator": (lambda v: operators.add_operator(v, name="", role="editor",
                                                         passphrase="x"), ("lead",)),
    "revoke an operator": (lambda v: operators.revoke_operator(v, operator_id=NOBODY),
                           ("lead",)),
    "close an incident": (lambda v: incidents.close_incident(v, incident_id=NOBODY),
                          ("lead",)),
    "export every record (JSON)": (lambda v: _json(v), ("lead",)),
    "export an encrypted archive": (lambda v: _archive(v), ("lead",)),
    "export the log for an inquiry": (lambda v: _inquiry(v), ROLES[:4]),
}


def _json(vault):
    from commandcenter.reports.json_export import export_json

    return export_json(vault, vault.paths.keyfile)  # refused destination when allowed


def _archive(vault):
    from commandcenter.reports.archive import export_archive

    return export_archive(vault, vault.paths.keyfile, "archive passphrase")


def _inquiry(vault):
    from commandcenter.reports import inquiry

    return inquiry.export_inquiry(vault, vault.paths.keyfile, fmt="pdf")


@pytest.mark.parametrize("act", list(ACTS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_can_do_only_what_it_is_for(as_role, act, role):
    call, allowed = ACTS[act]
    vault = as_role[role]
    if role in allowed:
        try:
            call(vault)
        except PermissionDenied as exc:  # pragma: no cover - the failure being tested
            pytest.fail(f"{role} was refused '{act}': {exc}")
        except (NotFound, ValidationError, VaultError, ValueError):
            pass  # past the gate: stopped by the made-up id or the refused destination
    else:
        with pytest.raises(PermissionDenied, match=role):
            call(vault)


def test_a_spokesperson_reads_only_current_approved_lines_and_own_contacts(as_role):
    lead, spoke = as_role["lead"], as_role["spokesperson"]
    everyone = roster.rows(lead)
    theirs = roster.rows(spoke)
    assert 1 <= len(theirs) <= 2 < len(everyone)  # themselves and their backup
    assert any(r.person.operator_id == spoke.actor.id for r in theirs)
    board = tp.board(spoke)
    lines = [v for lines in board.lines.values() for v in lines]
    assert lines, "the demo has current lines for a spokesperson to read"
    drafts = {r.version_id for r in tp.list_lines(lead) if r.status in ("draft", "in_review")}
    assert drafts and not drafts & {v.id for v in lines}
    assert {v.status for v in lines} <= {"approved"}
    assert d.counts(spoke).total == 0  # the status bar's counts stay empty too


def test_an_editor_cannot_approve_even_their_own_submission(as_role):
    editor = as_role["editor"]
    saved = tp.create(editor, data=_line())
    tp.submit(editor, version_id=saved.version_id)
    with pytest.raises(PermissionDenied, match="approve"):
        tp.approve(editor, version_id=saved.version_id)
    queue = {r.version_id for r in tp.approval_queue(editor)}
    assert saved.version_id in queue  # still waiting for an approver
