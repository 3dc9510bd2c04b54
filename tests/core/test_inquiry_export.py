"""The inquiry record of the decision log (issue 8): PDF and CSV, each decision with its whole
chain, a verification statement made at export time, and the footer stamp on every page."""

import csv
import io
import os
from datetime import UTC, datetime, timedelta

import pypdf
import pytest
from sqlalchemy import text

from commandcenter.reports import inquiry, pdf
from commandcenter.services import incidents
from commandcenter.services import decisions as d
from commandcenter.vault.errors import PermissionDenied
from commandcenter.vault.unlocked import Actor

T0 = datetime(2026, 11, 12, 22, 30, tzinfo=UTC)


@pytest.fixture
def log(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    first = d.log_decision(vault, data=d.DecisionInput(
        "Retain Ashgrove Forensics", "Independent investigator needed", ("Priya Raman",),
        decided_at=T0, late_reason="typed up from the call notes"))
    d.amend(vault, decision_id=first.id, changes={"risk": "Evidence spoilage if we wait"},
            note="from the loggist's notes")
    second = d.log_decision(vault, data=d.DecisionInput(
        "Disclose on 19 November", "Customers first", ("Dana Whitfield",),
        decided_at=T0 + timedelta(days=5), late_reason="typed up"))
    third = d.supersede(vault, decision_id=second.id, data=d.DecisionInput(
        "Disclose today at 17:30", "The story broke", ("Dana Whitfield",)))
    return vault, first, second, third


def _pdf_text(path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def test_pdf_holds_every_decision_its_chain_and_a_passing_statement(log, tmp_path):
    vault, *_ = log
    out = tmp_path / "inquiry.pdf"
    summary = inquiry.export_inquiry(vault, out, fmt="pdf", incident="INC-1")
    pages = _pdf_text(out)
    body = "\n".join(pages)
    assert summary["decisions"] == 3 and summary["verified"] and summary["entries"] == 4
    assert "PASSED" in body and summary["log_head"] in body
    for label in ("WR1-0001", "WR1-0002", "WR1-0003", "WR1-0004"):
        assert label in body
    assert "Evidence spoilage if we wait" in body and "changed risk" in body
    assert "from the loggist's notes" in body and "typed up from the call notes" in body
    assert "supersedes this one" in body and "Superseded (by WR1-0004)" in body
    # Oldest first: an inquiry reads the log in the order it happened.
    assert body.index("Retain Ashgrove") < body.index("Disclose on 19 November")
    # Every page's footer: the stamp, the incident, the operator, "Page n of N".
    for n, page in enumerate(pages, start=1):
        assert f"content {summary['stamp']}" in page and f"Page {n} of {len(pages)}" in page
        assert "INC-1" in page and "Dana Lead" in page
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_the_stamp_follows_the_content_not_the_clock(log, tmp_path):
    vault, first, *_ = log
    a = inquiry.export_inquiry(vault, tmp_path / "a.pdf", fmt="pdf")["stamp"]
    b = inquiry.export_inquiry(vault, tmp_path / "b.pdf", fmt="pdf")["stamp"]
    assert a == b  # same content, later time
    d.amend(vault, decision_id=first.id, changes={"powers": "Card network rules"})
    c = inquiry.export_inquiry(vault, tmp_path / "c.pdf", fmt="pdf")["stamp"]
    assert c != a
    blocks = [pdf.Paragraph("x")]
    assert pdf.content_hash("T", blocks) != pdf.content_hash("T", [pdf.Paragraph("y")])


def test_a_date_range_keeps_only_decisions_made_in_it(log, tmp_path):
    vault, *_ = log
    summary = inquiry.export_inquiry(vault, tmp_path / "r.pdf", fmt="pdf",
                                     until=T0 + timedelta(days=1))
    body = "\n".join(_pdf_text(tmp_path / "r.pdf"))
    assert summary["decisions"] == 1 and "Retain Ashgrove" in body
    assert "Disclose on 19 November" not in body and "decided between" in body


def test_csv_has_a_row_per_entry_and_the_statement_last(log, tmp_path):
    vault, *_ = log
    out = tmp_path / "inquiry.csv"
    inquiry.export_inquiry(vault, out, fmt="csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    entries = [r for r in rows if r["record"] == "entry"]
    # 0001 (+ its amendment 0002), 0003 (+ the supersession 0004 in its chain), 0004.
    assert [r["entry"] for r in entries] == ["WR1-0001", "WR1-0002", "WR1-0003", "WR1-0004",
                                             "WR1-0004"]
    assert entries[1]["entry_kind"] == "amendment" and "changed risk" in entries[1]["entry_detail"]
    assert entries[0]["risk_proportionality"] == "Evidence spoilage if we wait"
    assert rows[-1]["record"] == "verification" and "PASSED" in rows[-1]["entry_detail"]


def test_a_tampered_log_is_exported_with_a_failing_statement(log, tmp_path):
    vault, first, *_ = log
    with vault.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER decision_entry_no_update"))
        conn.execute(text("UPDATE decision_entry SET rationale = 'cover-up' WHERE id = :i"),
                     {"i": first.id})
    summary = inquiry.export_inquiry(vault, tmp_path / "t.pdf", fmt="pdf")
    body = "\n".join(_pdf_text(tmp_path / "t.pdf"))
    assert not summary["verified"] and "FAILED" in body and "PASSED" not in body


def test_refusals_change_nothing(log, tmp_path):
    vault, *_ = log
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(Exception, match="one of the vault's own files"):
        inquiry.export_inquiry(vault, vault.paths.db, fmt="pdf")
    with pytest.raises(FileNotFoundError):
        inquiry.export_inquiry(vault, tmp_path / "missing" / "x.pdf", fmt="pdf")
    with pytest.raises(Exception, match="Unknown format"):
        inquiry.export_inquiry(vault, tmp_path / "x.doc", fmt="doc")
    vault.actor = Actor("x", "Jordan", "spokesperson")
    with pytest.raises(PermissionDenied):
        inquiry.export_inquiry(vault, tmp_path / "x.pdf", fmt="pdf")
    assert sorted(os.listdir(tmp_path)) == before


def test_nothing_but_the_chosen_file_is_written(log, tmp_path, monkeypatch):
    vault, *_ = log
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    inquiry.export_inquiry(vault, out_dir / "i.pdf", fmt="pdf")
    inquiry.export_inquiry(vault, out_dir / "i.csv", fmt="csv")
    assert sorted(os.listdir(out_dir)) == ["i.csv", "i.pdf"]
    assert os.listdir(temp) == []


def test_the_cli_writes_the_record_as_pdf_or_csv(tmp_path, capsys):
    """`commandcenter report inquiry --out FILE.pdf|.csv [--since --until]`."""
    from pypdf import PdfReader

    from commandcenter.cli import main
    from commandcenter.demo import seed
    from commandcenter.vault.paths import VaultPaths
    from tests.conftest import FAST_KDF

    data = tmp_path / "vault"
    seed.seed_demo(VaultPaths.at(data), kdf=FAST_KDF).lock()
    secret = tmp_path / "pass.txt"
    secret.write_text("demo\n")
    base = ["--data-dir", str(data), "report", "inquiry", "--passphrase-file", str(secret)]
    assert main([*base, "--out", str(tmp_path / "record.pdf")]) == 0
    printed = capsys.readouterr().out
    assert "verified" in printed and "not encrypted" in printed
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "record.pdf").pages)
    assert "Verification" in text or "verification" in text
    assert main([*base, "--out", str(tmp_path / "record.csv"),
                 "--since", "2000-01-01", "--until", "2100-01-01"]) == 0
    assert (tmp_path / "record.csv").read_text(encoding="utf-8").count("verification") >= 1
    assert main([*base, "--out", str(tmp_path / "record.txt")]) != 0
    assert ".pdf or .csv" in capsys.readouterr().err
    assert not (tmp_path / "record.txt").exists()
