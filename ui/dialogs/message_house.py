"""The message-house editor: one talking point version with every field of DESIGN §4 —
kind, audiences, channels, language, the umbrella statement (or answer) with up to three
pillars and their proof points, what we know / don't know yet / are doing / you should do,
the empathy line, times, and the decisions and facts it relies on.

Modes: "new" (a new line), "edit" (a draft), "new_version" (the next version of a line,
starting from the one shown). The service validates; its message appears beside the field
it names, and nothing is written."""

import json

from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
    QLineEdit, QScrollArea, QVBoxLayout, QWidget,
)

from commandcenter.models.talking_point import (
    AUDIENCE_LABELS, AUDIENCES, CHANNELS, KIND_LABELS, KINDS, MAX_PILLARS,
)
from ui.dialogs.base import ok_cancel, show_field_error
from ui.dialogs.quick_log import text_box
from ui.session import VaultSession
from ui.views.line_board import CHANNEL_LABELS
from ui.widgets.checklist import CheckList
from ui.widgets.datetimes import DateTimeField
from ui.widgets.feedback import FieldError

TITLES = {"new": ("New talking point", "Save draft"),
          "edit": ("Edit draft", "Save draft"),
          "new_version": ("New version", "Save new version as draft")}
TIMES = (("next_update_due", "Next update due"), ("valid_from", "Valid from"),
         ("expires_at", "Expires"), ("review_by", "Review by"))
BLOCKS = (("we_know", "What we know"), ("we_dont_know", "What we don't know yet"),
          ("we_are_doing", "What we are doing"), ("you_should_do", "What you should do"))


class MessageHouseDialog(QDialog):
    FIELDS = ("kind", "title", "audiences", "channels", "question", "body", "pillars",
              "links", "status", "placeholders", *(n for n, _ in TIMES),
              *(n for n, _ in BLOCKS), "empathy_line")

    def __init__(self, session: VaultSession, *, mode: str = "new", row=None, history=None,
                 parent=None):
        super().__init__(parent)
        self.session, self.mode, self.row, self.history = session, mode, row, history
        self.saved = None
        title, ok_text = TITLES[mode]
        self.setWindowTitle(title + (f" — {row.title}" if row is not None else ""))
        self.errors = {name: FieldError(self) for name in (*self.FIELDS, "other")}
        self._build_fields()
        self.buttons, self.ok = ok_cancel(ok_text)
        self._layout()
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if history is not None and row is not None:
            self._fill()
        self._kind_changed()
        self._load_links()
        self.title.setFocus()

    # --- fields -------------------------------------------------------------------------

    def _build_fields(self) -> None:
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        for key in KINDS:
            self.kind.addItem(KIND_LABELS[key], key)
        self.kind.setEnabled(self.mode == "new")  # a line keeps its kind
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.language = QLineEdit("en")
        self.language.setAccessibleName("Language")
        self.language.setMaximumWidth(60)
        self.audiences = CheckList("Audiences", [(k, AUDIENCE_LABELS[k]) for k in AUDIENCES],
                                   height=130)
        self.channels = CheckList("Channels (none ticked: every channel)",
                                  [(k, CHANNEL_LABELS.get(k, k)) for k in CHANNELS], height=130)
        self.question = QLineEdit()
        self.question.setAccessibleName("Question")
        self.body = text_box("Umbrella statement", "The one thing every audience must hear", 80)
        self.pillars = [(QLineEdit(), text_box(f"Proof points {n}", "Proof points, one a line",
                                               96)) for n in range(1, MAX_PILLARS + 1)]
        for n, (pillar, _proof) in enumerate(self.pillars, start=1):
            pillar.setAccessibleName(f"Pillar {n}")
            pillar.setPlaceholderText(f"Pillar {n}")
        self.blocks = {name: text_box(label, label, 40) for name, label in BLOCKS}
        self.empathy = QLineEdit()
        self.empathy.setAccessibleName("Empathy line")
        self.times = {name: DateTimeField(label, optional=True) for name, label in TIMES}
        self.decisions = CheckList("Linked decisions", height=150)
        self.facts = CheckList("Linked facts", height=150)

    def _layout(self) -> None:
        left = QFormLayout()
        left.addRow("Kind", self._row(self.kind, "Language", self.language))
        self._add(left, "Title", self.title, "title")
        self._add(left, "Question", self.question, "question")
        self._add(left, "Statement", self.body, "body")
        self.house = QGroupBox("Message house: up to three pillars with proof points")
        grid = QGridLayout(self.house)
        for n, (pillar, proof) in enumerate(self.pillars):
            grid.addWidget(pillar, 0, n)
            grid.addWidget(proof, 1, n)
        grid.addWidget(self.errors["pillars"], 2, 0, 1, MAX_PILLARS)
        left.addRow(self.house)
        for name, label in BLOCKS:
            self._add(left, label, self.blocks[name], name)
        self._add(left, "Empathy line", self.empathy, "empathy_line")
        right = QFormLayout()
        self._add(right, "Audiences", self.audiences, "audiences")
        self._add(right, "Channels", self.channels, "channels")
        for name, label in TIMES:
            self._add(right, label, self.times[name], name)
        self._add(right, "Decisions", self.decisions, "links")
        right.addRow("Facts", self.facts)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        inner = QWidget()
        inner.setLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.addWidget(scroll, 1)
        for key in ("status", "placeholders", "other"):
            outer.addWidget(self.errors[key])
        outer.addWidget(self.buttons)
        self.resize(1180, 760)

    def _add(self, form: QFormLayout, label: str, widget, error: str) -> None:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        col.addWidget(self.errors[error])
        form.addRow(label, box)

    @staticmethod
    def _row(*widgets) -> QWidget:
        from PySide6.QtWidgets import QLabel

        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            row.addWidget(QLabel(w) if isinstance(w, str) else w)
        row.addStretch(1)
        return box

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.house.setVisible(kind == "key_message")
        self.question.setEnabled(kind == "qa")
        self.body.setPlaceholderText({"qa": "The answer", "key_message":
                                      "The umbrella statement every audience must hear",
                                      "do_not_say": "What must not be said, and what to say "
                                                    "instead"}.get(kind, "The words"))

    # --- filling ------------------------------------------------------------------------

    def _fill(self) -> None:
        point = self.history.point
        version = next(v for v in self.history.versions if v.id == self.row.version_id)
        self.kind.setCurrentIndex(KINDS.index(point.kind))
        self.title.setText(version.title)
        self.language.setText(point.language)
        self.audiences.set_checked(json.loads(point.audiences))
        self.channels.set_checked(json.loads(point.channels))
        self.question.setText(version.question)
        self.body.setPlainText(version.body)
        for (pillar, proof), data in zip(self.pillars, json.loads(version.pillars or "[]")):
            pillar.setText(data["pillar"])
            proof.setPlainText("\n".join(data.get("proof_points", ())))
        for name, box in self.blocks.items():
            box.setPlainText(getattr(version, name))
        self.empathy.setText(version.empathy_line)
        for name, field in self.times.items():
            field.set_value(getattr(version, name))
        self._linked = [(t, i) for t, i, _l in self.history.links.get(version.id, [])]

    def _load_links(self) -> None:
        from commandcenter.services import talking_points as tp

        self.session.call(tp.link_choices, reload=False, label="link choices",
                          on_done=self._show_links)

    def _show_links(self, pair) -> None:
        decisions, facts = pair
        linked = getattr(self, "_linked", [])
        ids = {i for _t, i in linked}
        # What the version relies on first, so it is seen without scrolling.
        self.decisions.set_items(sorted(decisions, key=lambda d: d[0] not in ids))
        self.facts.set_items(sorted(facts, key=lambda f: f[0] not in ids))
        self.decisions.set_checked(i for t, i in linked if t == "decision")
        self.facts.set_checked(i for t, i in linked if t == "fact")

    # --- saving -------------------------------------------------------------------------

    def line_input(self):
        from commandcenter.services.talking_points import LineInput, Pillar

        pillars = tuple(Pillar(p.text(), tuple(proof.toPlainText().splitlines()))
                        for p, proof in self.pillars) \
            if self.kind.currentData() == "key_message" else ()
        return LineInput(
            kind=self.kind.currentData(), title=self.title.text(),
            audiences=self.audiences.checked(), channels=self.channels.checked(),
            language=self.language.text(), question=self.question.text()
            if self.kind.currentData() == "qa" else "", body=self.body.toPlainText(),
            pillars=pillars, empathy_line=self.empathy.text(),
            decision_ids=self.decisions.checked(), fact_ids=self.facts.checked(),
            **{name: box.toPlainText() for name, box in self.blocks.items()},
            **{name: field.value() for name, field in self.times.items()})

    def submit(self) -> None:
        from commandcenter.services import talking_points as tp

        for e in self.errors.values():
            e.clear()
        data = self.line_input()
        self.ok.setEnabled(False)
        if self.mode == "new":
            self.session.call(tp.create, data=data, on_done=self._done, on_error=self._failed,
                              label="new talking point")
        elif self.mode == "edit":
            self.session.call(tp.update_draft, version_id=self.row.version_id, data=data,
                              on_done=self._done, on_error=self._failed, label="edit draft")
        else:
            self.session.call(tp.new_version, point_id=self.row.point_id, data=data,
                              on_done=self._done, on_error=self._failed, label="new version")

    def _done(self, saved) -> None:
        self.ok.setEnabled(True)
        self.saved = saved
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        field = show_field_error(self.errors, exc)
