"""Small layout helpers shared by the views: headings, cards, tables, detail rows."""

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from ui import resources

ROW_HEIGHT = 28
MARGIN = 20
CARD_MARGINS = (6, 4, 6, 6)  # the style sheet already pads a card by 12 px


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    label.setObjectName("h1" if level == 1 else "h2")
    return label


def muted(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(wrap)
    return label


def value_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def button(text: str, *, icon: str = "", primary: bool = False, tip: str = "") -> QPushButton:
    btn = QPushButton(text)
    if icon:
        btn.setIcon(resources.icon(icon, light=primary))
    if primary:
        btn.setProperty("primary", True)
    btn.setAccessibleName(text.rstrip("…"))
    if tip:
        btn.setToolTip(tip)
    return btn


def card(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    frame.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(*CARD_MARGINS)
    layout.setSpacing(8)
    layout.addWidget(heading(title, 2))
    return frame, layout


def table(model: QAbstractItemModel, name: str, *, stretch: int = 1,
          widths: tuple[int, ...] = ()) -> QTableView:
    """A list with fixed row heights and fixed column widths (never sized to its contents:
    it measures every row, which does not scale)."""
    view = QTableView()
    view.setModel(model)
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def detail_form() -> tuple[QWidget, QFormLayout]:
    pane = QFrame()
    pane.setObjectName("card")
    form = QFormLayout(pane)
    form.setContentsMargins(*CARD_MARGINS)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setVerticalSpacing(8)
    return pane, form


def page_layout(widget: QWidget, title: str, *buttons: QWidget) -> QVBoxLayout:
    """A view's outer layout: heading and action buttons on one line."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(MARGIN, MARGIN - 4, MARGIN, MARGIN - 8)
    layout.setSpacing(12)
    top = QHBoxLayout()
    top.addWidget(heading(title))
    top.addStretch(1)
    for b in buttons:
        top.addWidget(b)
    layout.addLayout(top)
    return layout


def hug(widget: QWidget) -> QWidget:
    """Keep a widget (a pill) at its own width inside a form row instead of stretching."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget)
    row.addStretch(1)
    return box


def split(left: QWidget, right: QWidget, sizes: tuple[int, int]):
    """Main list on the left, detail pane on the right, in a fixed starting proportion."""
    splitter = QSplitter()
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setChildrenCollapsible(False)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 0)
    splitter.setSizes(list(sizes))
    return splitter


def selected_record(view: QTableView):
    from ui.qtmodels.table import RECORD_ROLE

    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].data(RECORD_ROLE) if rows else None
