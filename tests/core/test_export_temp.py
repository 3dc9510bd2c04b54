"""Every export writes the one file the user chose and nothing else: no temporary file left
in the temp folder (or anywhere else), no vault content in the app's log, no stray file in
the data folder. Run on the seeded demo vault, with the temp folder redirected to an empty
folder the test watches."""

import os
from pathlib import Path

import pytest

from commandcenter.demo import seed
from commandcenter.vault import lifecycle
from commandcenter.vault.paths import VaultPaths
from tests.conftest import FAST_KDF


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    paths = VaultPaths.at(tmp_path_factory.mktemp("demo") / "vault")
    seed.seed_demo(paths, kdf=FAST_KDF).lock()
    return paths


@pytest.fixture
def demo(demo_dir):
    lead = lifecycle.list_operators(demo_dir)[0]
    vault = lifecycle.unlock_with_passphrase(demo_dir, operator_id=lead.operator_id,
                                             passphrase="demo")
    yield vault
    vault.lock()


def _json(vault, out: Path):
    from commandcenter.reports.json_export import export_json

    export_json(vault, out / "all.json")


def _decisions_csv(vault, out: Path):
    from commandcenter.reports.decision_export import export_decisions

    export_decisions(vault, out / "log.csv", fmt="csv")


def _decisions_markdown(vault, out: Path):
    from commandcenter.reports.decision_export import export_decisions

    export_decisions(vault, out / "log.md", fmt="markdown")


def _inquiry_pdf(vault, out: Path):
    from commandcenter.reports import inquiry

    inquiry.export_inquiry(vault, out / "inquiry.pdf", fmt="pdf")


def _inquiry_csv(vault, out: Path):
    from commandcenter.reports import inquiry

    inquiry.export_inquiry(vault, out / "inquiry.csv", fmt="csv")


def _roster_csv(vault, out: Path):
    from commandcenter.reports import output
    from commandcenter.services import roster

    output.write_export(vault, out / "roster.csv", roster.export_csv(vault),
                        action="roster.exported", details={"format": "csv"})


def _briefing_card(vault, out: Path):
    from commandcenter.reports import briefing_card
    from commandcenter.services import roster

    person = roster.rows(vault)[0].person
    briefing_card.export_card(vault, out / "card.pdf", spokesperson_id=person.id)


def _chart(name: str, suffix: str):
    def export(vault, out: Path):
        from commandcenter.charts import build

        build.write_report(vault, chart=name, out=out / f"{name}.{suffix}")

    export.__name__ = f"_{name.replace('-', '_')}_{suffix}"
    return export


def _briefing_pack(vault, out: Path):
    from commandcenter.reports import briefing_pack

    briefing_pack.export_pack(vault, out / "pack.pdf")


def _handover(vault, out: Path):
    from commandcenter.reports import handover

    handover.export_handover(vault, out / "handover.pdf")


def _archive(vault, out: Path):
    from commandcenter.reports.archive import export_archive

    export_archive(vault, out / "vault.ccca", "archive passphrase", kdf=FAST_KDF)


EXPORTS = [_json, _decisions_csv, _decisions_markdown, _inquiry_pdf, _inquiry_csv,
           _roster_csv, _briefing_card, _chart("journey-map", "png"), _chart("timeline", "svg"),
           _chart("cadence", "pdf"), _briefing_pack, _handover, _archive]


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def _vault_texts(vault) -> list[str]:
    """Distinctive content of the demo: decisions, lines and people's contact details."""
    from sqlalchemy import text

    with vault.read() as session:
        conn = session.connection()
        rows = conn.execute(text(
            "SELECT decision FROM decision_head UNION ALL SELECT body FROM talking_point_version "
            "UNION ALL SELECT phone FROM spokesperson WHERE phone != ''")).scalars().all()
    return [r[:40] for r in rows if r and len(r) >= 12]


@pytest.mark.parametrize("export", EXPORTS, ids=lambda f: f.__name__.strip("_"))
def test_an_export_writes_only_the_chosen_file(demo, tmp_path, temp_folder, export):
    temp = temp_folder
    out = tmp_path / "chosen"
    out.mkdir()
    data_before = {p for p in _files(demo.paths.data_dir)
                   if not p.name.startswith("vault.db")}

    export(demo, out)

    written = _files(out)
    assert len(written) == 1, written  # the chosen file, and no temporary sibling
    assert os.stat(next(iter(written))).st_size > 0
    assert _files(temp) == set(), "a temporary file was left behind"
    data_after = {p for p in _files(demo.paths.data_dir) if not p.name.startswith("vault.db")}
    assert data_after - data_before <= {p for p in data_after if p.parent.name == "logs"}
    texts = _vault_texts(demo)
    assert len(texts) > 20
    for log_file in demo.paths.logs_dir.glob("*"):
        body = log_file.read_text(encoding="utf-8", errors="replace")
        assert not [t for t in texts if t in body], f"vault content in {log_file.name}"
