"""The briefing pack (issue 8): built from the demo vault, its text read back out of the PDF
(as pdftotext would), checked against what the services say is current; the footer stamp on
every page; the stamp following the content; empty sections said, not dropped; the CLI."""

import io
import os
import shutil
import stat
from datetime import UTC, datetime, timedelta

import pypdf
import pytest
from sqlalchemy import text

from commandcenter.cli import main
from commandcenter.demo import seed
from commandcenter.reports import briefing_pack
from commandcenter.services import decisions as d
from commandcenter.services import facts, incidents, talking_points
from commandcenter.services.errors import ValidationError
from commandcenter.vault import lifecycle
from commandcenter.vault.errors import PermissionDenied
from commandcenter.vault.paths import VaultPaths
from commandcenter.vault.unlocked import Actor
from tests.conftest import FAST_KDF

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)  # the demo story's "as of", moved to today


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    """One seeded demo vault (seeding is the slow part); tests that change it use a copy."""
    paths = VaultPaths.at(tmp_path_factory.mktemp("demo") / "vault")
    seed.seed_demo(paths, kdf=FAST_KDF, now=NOW).lock()
    return paths


def _open(paths: VaultPaths):
    lead = lifecycle.list_operators(paths)[0]
    return lifecycle.unlock_with_passphrase(paths, operator_id=lead.operator_id,
                                            passphrase="demo")


@pytest.fixture
def demo(demo_dir):
    vault = _open(demo_dir)
    yield vault
    vault.lock()


@pytest.fixture
def demo_copy(demo_dir, tmp_path):
    """A private copy of the demo vault (the encrypted files, copied whole) to change."""
    target = tmp_path / "vault"
    shutil.copytree(demo_dir.data_dir, target)
    vault = _open(VaultPaths.at(target))
    yield vault
    vault.lock()


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def _flat(text_: str) -> str:
    return " ".join(text_.split())  # table cells wrap: compare words, not line breaks


def test_the_pack_holds_the_current_lines_decisions_and_a_stamp_on_every_page(demo):
    pack = briefing_pack.build(demo, now=NOW)
    pages = _pages(pack.data)
    body = _flat("\n".join(pages))
    assert len(pages) == pack.pages >= 6
    # Every current line (by title) and the words of the holding statements and key messages.
    board = talking_points.board(demo, now=NOW)
    assert board.lines, "the demo has current lines"
    for audience, lines in board.lines.items():
        for v in lines:
            assert _flat(v.title) in body, (audience, v.title)
            if v.kind == "qa":
                question = v.text.partition("\nA: ")[0].removeprefix("Q: ")
                assert _flat(question) in body
            elif v.kind == "holding_statement":
                assert _flat(v.text)[:120] in body
    # Decisions in force are there; superseded and rescinded ones are not.
    in_force = d.page(demo, filters=d.Filters(status="in_force"), now=NOW).rows
    gone = [r for s in ("superseded", "rescinded")
            for r in d.page(demo, filters=d.Filters(status=s), now=NOW).rows]
    assert in_force and gone
    section = body[body.index("2. Decisions in force"):body.index("3. Current lines")]
    for row in in_force:
        assert row.label in section and _flat(row.decision)[:60] in section
    for row in gone:
        assert row.label not in section
    # The briefing's parts, in order; an overdue promise and the open action say so.
    order = ["1. Situation", "What happened", "Current objectives", "Actions under way",
             "Organisation and who is on duty", "2. Decisions in force",
             "3. Current lines by audience", "4. Questions and answers", "5. Do not say",
             "6. Update promises", "7. Journey heat map", "8. Timeline"]
    assert [body.index(h) for h in order] == sorted(body.index(h) for h in order)
    assert "OVERDUE" in body and "Retracted" in body
    # The footer: title, incident, operator, generation time, stamp, "Page n of N".
    for n, page in enumerate(pages, start=1):
        flat = _flat(page)
        assert f"content {pack.stamp.short}" in flat and f"Page {n} of {len(pages)}" in flat
        assert "INC-2026-014" in flat and demo.actor.name in flat
        assert f"generated {NOW:%Y-%m-%d %H:%M} UTC" in flat
        assert f"Vault {demo.vault_id[:8]}" in flat
        assert f"chain head {pack.stamp.chain_head[:12]}" in flat


def test_the_figures_are_drawn_into_the_pdf_in_memory(demo):
    pack = briefing_pack.build(demo, now=NOW)
    reader = pypdf.PdfReader(io.BytesIO(pack.data))
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 2 and all(img.image.width >= 1500 for img in images)
    assert set(pack.timings) == {"gather", "figures", "pdf"}


def test_the_stamp_follows_the_content_not_the_clock(demo_copy):
    vault = demo_copy
    first = briefing_pack.build(vault, now=NOW)
    again = briefing_pack.build(vault, now=NOW + timedelta(seconds=61))
    assert again.stamp.content_hash == first.stamp.content_hash  # a later print, same words
    assert again.stamp.generated_at != first.stamp.generated_at
    facts.add_fact(vault, statement="Forensic imaging of the last 40 registers is complete.",
                   status="confirmed", source="Ashgrove Forensics", established_at=NOW)
    changed = briefing_pack.build(vault, now=NOW)
    assert changed.stamp.short != first.stamp.short
    assert "Forensic imaging of the last 40 registers is complete." in _flat(
        "\n".join(_pages(changed.data)))
    # A decision's expected outcome is an objective: logging one changes the pack again.
    newest = d.page(vault, filters=d.Filters(status="in_force"), now=NOW).rows[0]
    d.amend(vault, decision_id=newest.decision_id,
            changes={"expected_outcome": "Customers trust the weekly report's numbers."})
    amended = briefing_pack.build(vault, now=NOW)
    body = _flat("\n".join(_pages(amended.data)))
    objectives = body[body.index("Current objectives"):body.index("Actions under way")]
    assert "Customers trust the weekly report's numbers." in objectives
    assert amended.stamp.short not in (first.stamp.short, changed.stamp.short)


def test_an_empty_incident_says_none_recorded_in_every_section(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-9", "Quiet night"))
    pack = briefing_pack.build(vault, now=NOW)
    body = _flat("\n".join(_pages(pack.data)))
    assert "No summary recorded." in body
    for section, following in (("Current objectives", "Actions under way"),
                               ("Actions under way", "Organisation"),
                               ("2. Decisions in force", "3. Current lines"),
                               ("3. Current lines by audience", "4. Questions"),
                               ("4. Questions and answers", "5. Do not say"),
                               ("5. Do not say", "6. Update promises"),
                               ("6. Update promises", "7. Journey heat map")):
        part = body[body.index(section):body.index(following)]
        assert "None recorded" in part, section
    assert "Nobody on the roster is on duty now." in body


def test_who_may_print_it_and_without_an_incident(vault, tmp_path):
    with pytest.raises(ValidationError, match="No incident is active"):
        briefing_pack.build(vault, now=NOW)
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-9", "Quiet night"))
    vault.actor = Actor("x", "Jordan", "spokesperson")  # never reads the decision log
    with pytest.raises(PermissionDenied):
        briefing_pack.export_pack(vault, tmp_path / "p.pdf", now=NOW)
    assert not (tmp_path / "p.pdf").exists()


def _secret(tmp_path, value="demo"):
    path = tmp_path / "pass.txt"
    path.write_text(value + "\n", encoding="utf-8")
    return str(path)


def test_cli_writes_the_pack_privately_and_nothing_else(demo_dir, tmp_path, temp_folder,
                                                        capsys):
    data = tmp_path / "vault"
    shutil.copytree(demo_dir.data_dir, data)
    secret = _secret(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "pack.pdf"
    rc = main(["--data-dir", str(data), "report", "briefing-pack", "--out", str(out),
               "--passphrase-file", secret])
    said, err = capsys.readouterr()
    assert rc == 0, err
    assert out.read_bytes().startswith(b"%PDF") and "stamp" in said and "not encrypted" in said
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert os.listdir(out_dir) == ["pack.pdf"] and os.listdir(temp_folder) == []
    vault = _open(VaultPaths.at(data))
    try:
        with vault.read() as session:
            recorded = session.connection().execute(text(
                "SELECT count(*) FROM audit_entry WHERE action = 'briefing_pack.exported'"
            )).scalar()
    finally:
        vault.lock()
    assert recorded == 1
    # Not a PDF name: one line, nothing written.
    rc = main(["--data-dir", str(data), "report", "briefing-pack", "--out",
               str(out_dir / "pack.png"), "--passphrase-file", secret])
    _said, err = capsys.readouterr()
    assert rc == 1 and err.count("\n") == 1 and "end the file name in .pdf" in err
    assert os.listdir(out_dir) == ["pack.pdf"]


def test_a_later_moment_can_change_what_is_overdue(demo):
    """The pack is the situation *at* a moment: a promise falling due changes it."""
    before = briefing_pack.build(demo, now=NOW)
    later = briefing_pack.build(demo, now=NOW + timedelta(days=10))
    assert before.stamp.short != later.stamp.short
