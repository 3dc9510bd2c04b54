"""Exporting the decision log (all of it, or a filtered part) as CSV and Markdown, from the
service and from `commandcenter export`; the JSON export carries the log's tables."""

import csv
import io
import stat

import pytest

from commandcenter.cli import main
from commandcenter.reports import decision_export
from commandcenter.reports.json_export import build_document
from commandcenter.services import audit, incidents
from commandcenter.services import decisions as d
from commandcenter.vault import crypto, lifecycle
from commandcenter.vault.paths import VaultPaths

PASS = "correct horse battery"


def _fill(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    a = d.log_decision(vault, data=d.DecisionInput(
        "=HYPERLINK(\"x\") retain forensics", "Independent view", ("Priya",),
        options=(d.OptionItem("In-house", "partly", "yes", "no"),
                 d.OptionItem("Ashgrove", "yes", "yes", "yes", chosen=True)),
        tags=("investigation",)))
    b = d.log_decision(vault, data=d.DecisionInput("Disclose today", "Trust", ("Dana",),
                                                   tags=("disclosure",)))
    d.rescind(vault, decision_id=b.id, reason="Superseded by events")
    return a, b


def test_csv_has_every_field_and_formulas_stay_text(vault, tmp_path):
    _fill(vault)
    out = tmp_path / "log.csv"
    summary = decision_export.export_decisions(vault, out, fmt="csv")
    assert summary["decisions"] == 2
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == decision_export.COLUMNS
    by_number = {r["number"]: r for r in rows}
    first = by_number["WR1-0001"]
    assert first["decision"].startswith("'=HYPERLINK")
    assert "[rejected] In-house (suitable: partly, feasible: yes, acceptable: no)" in \
        first["options"]
    assert "[chosen] Ashgrove" in first["options"]
    assert by_number["WR1-0002"]["status"] == "Rescinded"
    assert by_number["WR1-0002"]["chain"] == "WR1-0002 decision; WR1-0003 rescission"
    assert audit.recent_entries(vault, limit=1)[0].action == "decision_log.exported"


def test_markdown_of_a_filtered_part(vault, tmp_path):
    _fill(vault)
    out = tmp_path / "log.md"
    decision_export.export_decisions(vault, out, fmt="markdown",
                                     filters=d.Filters(status="rescinded"))
    text = out.read_text(encoding="utf-8")
    assert "## WR1-0002 — Rescinded (by WR1-0003)" in text
    assert "WR1-0001" not in text and "1 decision(s)" in text


def test_json_export_includes_the_log(vault):
    a, _ = _fill(vault)
    doc = build_document(vault)
    entries = doc["tables"]["decision_entry"]["rows"]
    assert [e["number"] for e in entries if e["id"] == a.id] == [1]
    assert len(entries) == 3 and len(doc["tables"]["decision_head"]["rows"]) == 2
    assert not any(name.startswith("decision_fts") for name in doc["tables"])
    # each entry's hash can be re-computed from the export alone
    assert all(d.chain.entry_hash(e) == e["hash"] for e in entries)


def test_cli_export_csv_with_filters(tmp_path, capsys):
    data_dir = tmp_path / "vault"
    vault, _ = lifecycle.create_vault(VaultPaths.at(data_dir), operator_name="Ann Lead",
                                      passphrase=PASS, kdf=crypto.KdfParams(iterations=1))
    _fill(vault)
    vault.lock()
    pw = tmp_path / "pw"
    pw.write_text(PASS + "\n")
    out = tmp_path / "due.csv"
    rc = main(["--data-dir", str(data_dir), "export", "--format", "csv", "--out", str(out),
               "--tag", "investigation", "--passphrase-file", str(pw)])
    printed = capsys.readouterr().out
    assert rc == 0 and "Exported 1 decision(s) as csv" in printed
    assert len(list(csv.DictReader(io.StringIO(out.read_text())))) == 1
    rc = main(["--data-dir", str(data_dir), "export", "--format", "markdown", "--out",
               str(tmp_path / "x.md"), "--search", '"unclosed', "--passphrase-file", str(pw)])
    err = capsys.readouterr().err
    assert rc == 1 and "quotation mark is not closed" in err and not (tmp_path / "x.md").exists()
    rc = main(["--data-dir", str(data_dir), "export", "--format", "json", "--out",
               str(tmp_path / "x.json"), "--tag", "x", "--passphrase-file", str(pw)])
    assert rc == 1 and "Filters apply" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-01"])
def test_cli_bad_dates_are_one_line(tmp_path, capsys, bad):
    data_dir = tmp_path / "vault"
    vault, _ = lifecycle.create_vault(VaultPaths.at(data_dir), operator_name="Ann Lead",
                                      passphrase=PASS, kdf=crypto.KdfParams(iterations=1))
    vault.lock()
    pw = tmp_path / "pw"
    pw.write_text(PASS + "\n")
    rc = main(["--data-dir", str(data_dir), "export", "--format", "csv", "--out",
               str(tmp_path / "x.csv"), "--since", bad, "--passphrase-file", str(pw)])
    assert rc == 1 and "--since: not a date" in capsys.readouterr().err
