"""The one PDF path for every printable report (briefing pack, handover, inquiry export,
spokesperson briefing card).

A report is a title and a list of blocks (headings, paragraphs, label/value fields,
tables, images). The blocks are hashed before anything is drawn, so every page's footer can
carry the stamp — vault id, audit-chain head, a short hash of the content — with the page
number, generation time, incident and acting operator. The same content always gives the
same content hash; any change to it gives another, which is what a reader checks the stamp
against.

fpdf2 draws it: pure Python (the headless core and the CLI print exactly what the app
prints), embedded TrueType subsets with a Unicode map (the text stays extractable by
pdftotext), and no temporary files — the document is built in memory and written once, by
the caller, to the path the user chose. The font is matplotlib's DejaVu Sans, already
installed and bundled, so no font file is added to the project.
"""

import hashlib
import importlib.util
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

PAGE_MARGIN_MM = 16
BODY_PT, SMALL_PT = 9.5, 7.5
INK, MUTED, RULE, HEADER_FILL = (33, 33, 33), (96, 96, 96), (200, 200, 200), (236, 239, 241)


# --- blocks: what a report says ---------------------------------------------------------

@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 section, 2 subsection


@dataclass(frozen=True)
class Paragraph:
    text: str
    muted: bool = False


@dataclass(frozen=True)
class Fields:
    rows: tuple[tuple[str, str], ...]  # (label, value); empty values are left out


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative; equal when empty


@dataclass(frozen=True)
class Image:
    png: bytes = field(repr=False)
    caption: str = ""
    width_mm: float = 170


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Fields | Table | Image | PageBreak


@dataclass(frozen=True)
class Stamp:
    """What every page's footer says about where the report came from."""

    vault_id: str
    chain_head: str
    content_hash: str
    generated_at: datetime  # aware UTC
    operator: str
    incident: str = ""

    @property
    def short(self) -> str:
        """The code a spokesperson reads out over the phone to confirm their copy."""
        return self.content_hash[:8].upper()

    def line(self) -> str:
        return (f"Vault {self.vault_id[:8]} · chain head {self.chain_head[:12]} · "
                f"content {self.short}")


def content_hash(title: str, blocks: list[Block]) -> str:
    """SHA-256 over the report's content (never its generation time or page layout)."""
    digest = hashlib.sha256(title.encode("utf-8"))
    for block in blocks:
        digest.update(type(block).__name__.encode())
        if isinstance(block, Image):
            digest.update(hashlib.sha256(block.png).digest() + block.caption.encode("utf-8"))
        else:
            digest.update(json.dumps(asdict(block), ensure_ascii=False,
                                     sort_keys=True).encode("utf-8"))
    return digest.hexdigest()


# --- drawing ----------------------------------------------------------------------------

def _font_dir() -> Path:
    # Located without importing matplotlib where possible (it costs a second of start-up);
    # a frozen bundle may not keep the package layout, so ask matplotlib itself there.
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin is not None:
        found = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
        if (found / "DejaVuSans.ttf").is_file():
            return found
    try:
        import matplotlib
    except ImportError:
        raise RuntimeError("matplotlib's fonts are needed to print reports; "
                           "reinstall the app.") from None
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _document(title: str, stamp: Stamp):
    from fpdf import FPDF

    class _Report(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_draw_color(*RULE)
            self.line(PAGE_MARGIN_MM, self.get_y(), self.w - PAGE_MARGIN_MM, self.get_y())
            self.set_font("DejaVu", size=SMALL_PT)
            self.set_text_color(*MUTED)
            when = stamp.generated_at.strftime("%Y-%m-%d %H:%M UTC")
            who = f"{stamp.incident} · " if stamp.incident else ""
            self.cell(0, 4, f"{title} · {who}generated {when} by {stamp.operator}",
                      new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 4, stamp.line(), new_x="LMARGIN", new_y="TOP")
            self.set_x(PAGE_MARGIN_MM)
            self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")

    pdf = _Report(orientation="P", unit="mm", format="A4")
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(title)
    pdf.set_author(stamp.operator)
    pdf.set_creator("Crisis Command Center")
    pdf.set_creation_date(stamp.generated_at)
    pdf.add_page()
    return pdf


KEEP_WITH_NEXT_MM = 24  # a heading needs room for a few lines of what it heads


def _heading(pdf, block: Heading) -> None:
    size = {1: 13, 2: 11}.get(block.level, 10)
    if pdf.will_page_break(KEEP_WITH_NEXT_MM):
        pdf.add_page()  # never a heading alone at the foot of a page
    pdf.ln(2 if block.level > 1 else 4)
    pdf.set_font("DejaVu", "B", size)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, size * 0.5, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _paragraph(pdf, block: Paragraph) -> None:
    pdf.set_font("DejaVu", size=BODY_PT)
    pdf.set_text_color(*(MUTED if block.muted else INK))
    pdf.multi_cell(0, 4.6, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _fields(pdf, block: Fields) -> None:
    rows = [(label, value) for label, value in block.rows if value]
    if not rows:
        return
    with pdf.table(col_widths=(1, 3.6), first_row_as_headings=False, borders_layout="NONE",
                   line_height=4.6, padding=(0.6, 1), text_align="LEFT") as table:
        for label, value in rows:
            row = table.row()
            pdf.set_font("DejaVu", "B", BODY_PT)
            row.cell(label)
            pdf.set_font("DejaVu", size=BODY_PT)
            row.cell(value)
    pdf.ln(1.5)


def _table(pdf, block: Table) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font("DejaVu", size=BODY_PT - 0.5)
    pdf.set_text_color(*INK)
    widths = block.widths or tuple(1 for _ in block.headers)
    heading = FontFace(emphasis="BOLD", fill_color=HEADER_FILL)
    with pdf.table(col_widths=widths, headings_style=heading, line_height=4.4,
                   borders_layout="HORIZONTAL_LINES", padding=(0.8, 1),
                   text_align="LEFT") as table:
        table.row(block.headers)
        for values in block.rows:
            table.row(tuple(str(v) for v in values))
    pdf.ln(2)


def _image(pdf, block: Image) -> None:
    import io

    width = min(block.width_mm, pdf.epw)
    pdf.image(io.BytesIO(block.png), w=width, x=PAGE_MARGIN_MM)
    if block.caption:
        _paragraph(pdf, Paragraph(block.caption, muted=True))


_DRAW = {Heading: _heading, Paragraph: _paragraph, Fields: _fields, Table: _table,
         Image: _image, PageBreak: lambda pdf, _b: pdf.add_page()}


def render(title: str, blocks: list[Block], stamp: Stamp, *, subtitle: str = "") -> bytes:
    """The PDF's bytes (in memory: nothing touches the disk here)."""
    return render_counted(title, blocks, stamp, subtitle=subtitle)[0]


def render_counted(title: str, blocks: list[Block], stamp: Stamp, *, subtitle: str = ""
                   ) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages (a one-page card checks it fits)."""
    pdf = _document(title, stamp)
    pdf.set_font("DejaVu", "B", 17)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 8, title, align="L", new_x="LMARGIN", new_y="NEXT")
    if subtitle:
        _paragraph(pdf, Paragraph(subtitle, muted=True))
    for block in blocks:
        _DRAW[type(block)](pdf, block)
    return bytes(pdf.output()), pdf.pages_count
