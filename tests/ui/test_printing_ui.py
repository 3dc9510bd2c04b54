"""Printing and the Reports menu (issue 8): the PDF's pages rasterised in memory onto a
QPrinter (here one that writes a PDF file, with the dialog replaced by a function that plays
the user's part), the page range honoured, the briefing pack saved from the menu with
progress after the plaintext warning — and nothing left in the temp folder."""

import os
from datetime import UTC, datetime

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter

from commandcenter.reports import pdf
from commandcenter.services import decisions as d
from commandcenter.services import facts, incidents
from tests.ui.conftest import find_dialog, settle, start_unlock, unlock
from ui import printing


def _document(pages: int, *, landscape_last: bool = False) -> bytes:
    blocks: list = []
    for n in range(1, pages + 1):
        if n > 1:
            blocks.append(pdf.PageBreak("L" if landscape_last and n == pages else ""))
        blocks.append(pdf.Heading(f"Section {n}"))
    stamp = pdf.Stamp("v" * 36, "0" * 64, pdf.content_hash("T", blocks),
                      datetime(2026, 11, 20, tzinfo=UTC), "Dana Lead")
    data, count = pdf.render_counted("Test report", blocks, stamp)
    assert count == pages
    return data


def _pdf_printer(path) -> QPrinter:
    printer = printing.new_printer("test")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _pages(path) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(path).pages)


def test_every_page_is_painted_onto_the_printer(qapp, tmp_path):
    data = _document(4, landscape_last=True)
    out = tmp_path / "printed.pdf"
    printer = _pdf_printer(out)
    steps = []
    sent = printing.paint(printer, data, progress=lambda done, total: steps.append(
        (done, total)))
    assert sent == 4 and steps[-1] == (4, 4)
    pages = _pages(out)
    assert len(pages) == 4
    # Painted as images, A4 portrait (the landscape page turned to fill it).
    for page in pages:
        assert page.images and float(page.mediabox.width) < float(page.mediabox.height)
    # The printed pixels are the report's: its heading is dark ink on the first page.
    image = pages[0].images[0].image.convert("L")
    assert image.getextrema()[0] < 80 and image.width >= 2000


def test_the_dialogs_page_range_is_honoured(qapp, tmp_path):
    data = _document(5)
    out = tmp_path / "range.pdf"
    printer = _pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert list(printing.chosen_pages(printer, 5)) == [1, 2]
    assert printing.paint(printer, data) == 2
    assert len(_pages(out)) == 2
    printer.setFromTo(4, 9)  # past the end: up to the last page
    assert list(printing.chosen_pages(printer, 5)) == [3, 4]


def _window(qtbot, controller):
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    vault = controller.session.vault
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    d.log_decision(vault, data=d.DecisionInput(
        "Retain Ashgrove Forensics", "Independent view", ("Priya Raman",),
        expected_outcome="An independent account of the breach"))
    facts.add_fact(vault, statement="Malware ran on store registers.", status="confirmed")
    controller.session.reload()
    settle(qtbot, controller)
    return window


@pytest.fixture
def file_prints(monkeypatch):
    """Printing to a file writes plaintext, so it is asked first: these tests say yes."""
    from ui import exporting

    asked = []
    monkeypatch.setattr(exporting, "confirm_plaintext",
                        lambda _parent, what, path: asked.append(path) or True)
    return asked


def test_print_briefing_pack_from_the_menu(qtbot, controller, existing_vault, tmp_path,
                                           file_prints):
    window = _window(qtbot, controller)
    out = tmp_path / "pack-printed.pdf"
    asked = []

    def dialog(printer, parent, pages):  # the user picks pages 1–2 and presses Print
        asked.append(pages)
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(1, 2)
        return True

    notices = []
    window.report_commands.notice.connect(notices.append)
    window.report_commands.print_briefing_pack(ask=dialog, printer=_pdf_printer(out))
    qtbot.waitUntil(lambda: any(n.startswith("Sent") for n in notices), timeout=30_000)
    settle(qtbot, controller)
    assert asked and asked[0] >= 3
    assert len(_pages(out)) == 2 and "Sent 2 page(s) of the briefing pack" in notices[-1]
    assert file_prints == [str(out)]  # asked before the unencrypted file was written
    with controller.session.vault.read() as session:
        from sqlalchemy import text

        printed = session.connection().execute(text(
            "SELECT count(*) FROM audit_entry WHERE action = 'report.printed'")).scalar()
    assert printed == 1
    # Cancelled in the dialog: nothing printed, and said so.
    window.report_commands.print_briefing_pack(ask=lambda *_a: False,
                                               printer=_pdf_printer(tmp_path / "no.pdf"))
    qtbot.waitUntil(lambda: "cancelled" in notices[-1], timeout=30_000)
    assert not (tmp_path / "no.pdf").exists()


def test_printing_to_a_file_is_asked_first(qtbot, controller, existing_vault, tmp_path,
                                          monkeypatch):
    from ui import exporting

    window = _window(qtbot, controller)
    monkeypatch.setattr(exporting, "confirm_plaintext", lambda *_a: False)
    notices = []
    window.report_commands.notice.connect(notices.append)
    out = tmp_path / "declined.pdf"
    window.report_commands.print_briefing_pack(ask=lambda *_a: True, printer=_pdf_printer(out))
    qtbot.waitUntil(lambda: bool(notices) and "cancelled" in notices[-1], timeout=30_000)
    settle(qtbot, controller)
    assert not out.exists()


def test_the_inquiry_and_the_card_print_through_the_same_path(qtbot, controller,
                                                              existing_vault, tmp_path,
                                                              file_prints):
    window = _window(qtbot, controller)
    out = tmp_path / "inquiry-printed.pdf"
    notices = []
    window.report_commands.notice.connect(notices.append)
    window.report_commands.print_inquiry(ask=lambda *_a: True, printer=_pdf_printer(out))
    qtbot.waitUntil(lambda: any(n.startswith("Sent") for n in notices), timeout=30_000)
    assert len(_pages(out)) >= 1 and "inquiry record" in notices[-1]
    from commandcenter.services import roster

    person = roster.add(controller.session.vault, data=roster.SpokespersonInput(
        "Maya Chen", email="maya@x.example", audiences=("media",)))
    card = tmp_path / "card-printed.pdf"
    window.report_commands.print_briefing_card(person, ask=lambda *_a: True,
                                               printer=_pdf_printer(card))
    qtbot.waitUntil(lambda: "briefing card" in notices[-1], timeout=30_000)
    assert len(_pages(card)) == 1 and notices[-1].startswith("Sent 1 page(s)")


def test_save_briefing_pack_asks_first_shows_progress_and_writes(qtbot, controller,
                                                                 existing_vault, tmp_path,
                                                                 temp_folder, monkeypatch):
    from ui import exporting

    window = _window(qtbot, controller)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    monkeypatch.setattr(exporting, "confirm_plaintext", lambda *_a: False)
    window.report_commands.briefing_pack(str(out_dir / "pack"))
    settle(qtbot, controller)
    assert os.listdir(out_dir) == []  # declined: nothing written
    monkeypatch.setattr(exporting, "confirm_plaintext", lambda *_a: True)
    notices = []
    window.report_commands.notice.connect(notices.append)
    window.report_commands.briefing_pack(str(out_dir / "pack"))  # ".pdf" is added
    progress = find_dialog(qtbot, window, "Briefing pack")
    assert progress.maximum() == 4
    qtbot.waitUntil(lambda: any(n.startswith("Briefing pack saved") for n in notices),
                    timeout=30_000)
    from PySide6.QtWidgets import QProgressDialog

    assert window.report_commands.progress is None
    assert not [w for w in window.findChildren(QProgressDialog) if w.isVisible()]
    assert os.listdir(out_dir) == ["pack.pdf"] and os.listdir(temp_folder) == []
    body = " ".join(" ".join(p.extract_text().split()) for p in _pages(out_dir / "pack.pdf"))
    assert "Retain Ashgrove Forensics" in body and "Malware ran on store registers." in body
    assert "An independent account of the breach" in body and "not encrypted" in notices[-1]


def test_the_reports_menu_follows_the_role(qtbot, controller, existing_vault):
    window = _window(qtbot, controller)
    actions = window.actions_by_key
    for key in ("briefing_pack", "print_briefing_pack", "print_briefing_card",
                "print_inquiry"):
        assert actions[key].isEnabled(), key
    assert actions["print_briefing_pack"].shortcut().toString() == "Ctrl+P"
    # Hidden with the decision log from those who may not read it (the card is theirs too).
    assert [k for k in ("briefing_pack", "print_briefing_pack", "print_briefing_card",
                        "print_inquiry") if actions[k].property("decision_log")] == [
        "briefing_pack", "print_briefing_pack", "print_inquiry"]
