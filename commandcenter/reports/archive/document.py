"""The archive's JSON document, written and read as a stream.

It is the `ccc-export` document of docs/EXPORT_FORMAT.md, byte for byte what any JSON parser
reads, laid out one row per line and with its keys in a fixed order (format and vault before
`tables`, `audit_chain` last), so that the importer can check the format and schema revision
before it writes a row, and neither side ever holds a 100,000-decision vault in memory.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from commandcenter.reports import json_export

_WS = " \t\r\n"
MAX_VALUE_CHARS = 64 << 20  # one row (or header value) larger than this is refused
ROW_BATCH = 2000


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_document(vault, emit: Callable[[str], None], *, progress=None) -> dict:
    """Write the whole document through `emit` inside one read transaction (one consistent
    snapshot). Returns a summary: rows per table, audit chain entries, head and verdict."""
    tables = json_export.export_tables()
    rows_by_table: dict[str, int] = {}
    with vault.read() as session:
        conn = session.connection()
        head = json_export.document_head(vault, session)
        emit("{" + ",\n".join(f"{_dump(k)}:{_dump(v)}" for k, v in head.items()))
        emit(',\n"tables":{')
        total, done = sum(json_export.table_counts(conn, tables).values()), 0
        for n, table in enumerate(tables):
            columns = [c.name for c in table.columns]
            emit(("," if n else "") + f"\n{_dump(table.name)}:{{\"columns\":{_dump(columns)},"
                 "\"rows\":[")
            count = 0
            for row in json_export.iter_raw_rows(conn, table):
                emit(("," if count else "") + "\n" + _dump(row))
                count += 1
                if progress and count % ROW_BATCH == 0:
                    progress(done + count, total)
            emit("]}")
            rows_by_table[table.name] = count
            done += count
            if progress:
                progress(done, total)
        chain = json_export.chain_summary(session)
        emit(f'}},\n"audit_chain":{_dump(chain)}}}\n')
    return {"head": head, "rows": rows_by_table, "audit_chain": chain}


# --- reading -----------------------------------------------------------------------------------

class DocumentError(ValueError):
    """The (authenticated) payload is not a document of the shape this app writes."""


@dataclass
class Rows:
    table: str
    columns: list[str]
    rows: list[dict]


@dataclass
class Document:
    """What came before `tables` (`head`), and after it (`tail`: the audit chain)."""

    head: dict = field(default_factory=dict)
    tail: dict = field(default_factory=dict)


class _Scanner:
    """Reads JSON values from a stream of text pieces; each value is decoded by the standard
    library's own decoder, so the scanner only walks the document's outer structure."""

    def __init__(self, pieces: Iterator[str]):
        self._pieces, self._buf, self._i, self._eof = pieces, "", 0, False
        self._decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        if self._eof:
            return False
        piece = next(self._pieces, None)
        if piece is None:
            self._eof = True
            return False
        self._buf = self._buf[self._i:] + piece
        self._i = 0
        return True

    def peek(self) -> str:
        while True:
            while self._i < len(self._buf) and self._buf[self._i] in _WS:
                self._i += 1
            if self._i < len(self._buf):
                return self._buf[self._i]
            if not self._fill():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise DocumentError(f"expected {char!r}")
        self._i += 1

    def comma_or(self, end: str) -> bool:
        """True after a comma; False after `end` (consumed either way)."""
        char = self.peek()
        if char in (",", end) and char:
            self._i += 1
            return char == ","
        raise DocumentError(f"expected ',' or {end!r}")

    def value(self):
        self.peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._i)
            except json.JSONDecodeError:
                value, end = None, -1
            # Accept only when something follows the value (or the text ended): a number cut
            # between two pieces would otherwise decode as a shorter number.
            if end >= 0 and (self._eof or self._followed(end)):
                self._i = end
                return value
            if len(self._buf) - self._i > MAX_VALUE_CHARS or not self._fill():
                raise DocumentError("a value is malformed or incomplete")

    def _followed(self, end: int) -> bool:
        buf = self._buf
        while end < len(buf) and buf[end] in _WS:
            end += 1
        return end < len(buf)

    def key(self) -> str:
        name = self.value()
        if not isinstance(name, str):
            raise DocumentError("expected a key")
        self.expect(":")
        return name

    def at_end(self) -> bool:
        return self.peek() == ""


def read_document(pieces: Iterator[str], doc: Document) -> Iterator[Rows]:
    """Yield the rows of each table in batches. The first thing yielded is an empty marker
    batch (table "") once `doc.head` is complete, so the caller can check the format and
    schema before it writes a row; `doc.tail` (the audit chain) is filled by the end."""
    scan = _Scanner(pieces)
    scan.expect("{")
    seen_tables = False
    more = scan.peek() != "}"
    while more:
        name = scan.key()
        if name == "tables":
            seen_tables = True
            yield Rows("", [], [])  # the head is complete: let the caller check it
            yield from _tables(scan)
        else:
            (doc.tail if seen_tables else doc.head)[name] = scan.value()
        more = scan.comma_or("}")
    if not scan.at_end():
        raise DocumentError("text follows the document")
    if not seen_tables:
        raise DocumentError("the document has no tables")


def _tables(scan: _Scanner) -> Iterator[Rows]:
    scan.expect("{")
    more = scan.peek() != "}"
    if not more:
        scan.expect("}")
    while more:
        table = scan.key()
        scan.expect("{")
        if scan.key() != "columns":
            raise DocumentError(f"table {table}: 'columns' must come first")
        columns = scan.value()
        scan.expect(",")
        if scan.key() != "rows":
            raise DocumentError(f"table {table}: 'rows' must follow 'columns'")
        yield from _rows(scan, table, columns)
        scan.expect("}")
        more = scan.comma_or("}")


def _rows(scan: _Scanner, table: str, columns) -> Iterator[Rows]:
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise DocumentError(f"table {table}: 'columns' is not a list of names")
    scan.expect("[")
    batch: list[dict] = []
    more = scan.peek() != "]"
    if not more:
        scan.expect("]")
    while more:
        row = scan.value()
        if not isinstance(row, dict) or list(row) != columns:
            raise DocumentError(f"table {table}: a row does not match its columns")
        batch.append(row)
        if len(batch) >= ROW_BATCH:
            yield Rows(table, columns, batch)
            batch = []
        more = scan.comma_or("]")
    yield Rows(table, columns, batch)
