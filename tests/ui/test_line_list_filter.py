"""The "All lines" list filters the rows it has read: a change of audience or status picks
among them (same rows, same order, same selection kept where it can be) without reading the
vault again; a change in the vault still reaches the list through the snapshot."""

from commandcenter.models.base import utcnow
from commandcenter.services import talking_points as tp
from commandcenter.services.talking_points.query import LineRow
from tests.ui.conftest import settle
from tests.ui.test_talking_points_ui import TAB_ALL, _approved_line, _open, _prepare
from ui.qtmodels.talking_points import LineTableModel


def _row(title, status="draft", audiences=("customers",)) -> LineRow:
    return LineRow("v-" + title, "p-" + title, 1, "holding_statement", title,
                   tuple(audiences), (), status, (), "Pat", utcnow())


def test_the_model_shows_the_rows_that_match_its_filter(qtbot):
    model = LineTableModel()
    rows = [_row("a", audiences=("media",)), _row("b", "approved"),
            _row("c", audiences=("customers", "media"))]
    model.set_rows(rows)
    assert model.rowCount() == 3 and model.read_count() == 3
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    assert model.set_filter("media", None)
    assert [r.title for r in model.records()] == ["a", "c"]
    assert model.index(1, 1).data() == "c"
    assert not model.set_filter("media", None)  # unchanged: no reset
    assert len(resets) == 1
    assert model.set_filter("media", "approved") and model.rowCount() == 0
    model.set_rows(rows + [_row("d", "approved", ("media",))])  # a new read keeps the filter
    assert [r.title for r in model.records()] == ["d"] and model.read_count() == 4
    model.set_filter(None, None)
    assert [r.title for r in model.records()] == ["a", "b", "c", "d"]
    model.clear()
    assert model.rowCount() == 0 and model.read_count() == 0


def test_a_filter_change_reads_nothing_and_keeps_the_selection(qtbot, controller,
                                                               existing_vault, monkeypatch):
    ids = _prepare(controller, existing_vault, "approver")
    window, view = _open(qtbot, controller, tab=TAB_ALL)
    vault = controller.session.vault
    approved = _approved_line(vault, ids["approver"])  # customers and media
    tp.create(vault, data=tp.LineInput("qa", "Regulator question", ("regulators",), "Yes.",
                                       question="Was it reported?"))
    controller.session.reload()
    settle(qtbot, controller)
    assert view.lines.model.rowCount() == 2
    reads = []
    real = tp.list_lines
    monkeypatch.setattr(tp, "list_lines", lambda *a, **k: reads.append(k) or real(*a, **k))
    view.lines.table.selectRow(view.lines.model.row_of(
        lambda r: r.version_id == approved.version_id))
    settle(qtbot, controller)
    view.audience.setCurrentIndex(view.audience.findData("media"))
    assert [r.title for r in view.lines.model.records()] == ["Holding statement"]
    assert view.lines.selected().version_id == approved.version_id
    view.status.setCurrentIndex(view.status.findData("draft"))
    assert view.lines.model.rowCount() == 0
    assert view.lines.stack.currentWidget() is view.lines.empty
    view.status.setCurrentIndex(0)
    view.audience.setCurrentIndex(view.audience.findData("regulators"))
    assert [r.title for r in view.lines.model.records()] == ["Regulator question"]
    settle(qtbot, controller)
    assert reads == []  # every change above picked among the rows read before
    # A new line reaches the filtered list with the next snapshot (one read, unfiltered).
    tp.create(vault, data=tp.LineInput("bridging_line", "Second regulator line",
                                       ("regulators",), "What matters is…"))
    controller.session.reload()
    settle(qtbot, controller)
    assert len(reads) == 1 and reads[0].get("audience") is None
    assert [r.title for r in view.lines.model.records()] == ["Regulator question",
                                                             "Second regulator line"]
    assert view.lines.model.read_count() == 3
