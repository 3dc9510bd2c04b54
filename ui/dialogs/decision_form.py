"""The full decision form (DESIGN §4 / JESIP): used to log a new decision, to supersede one,
and to amend one (the form starts from the decision as it stands; only what changed is
written, in a new entry). Errors from the service appear next to the field they name."""

from datetime import datetime

from PySide6.QtWidgets import (
    QDialog, QFormLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout,
    QWidget,
)

from ui.dialogs.base import ok_cancel, show_field_error
from ui.dialogs.quick_log import split_names, text_box
from ui.session import VaultSession
from ui.widgets.datetimes import DateTimeField
from ui.widgets.feedback import FieldError
from ui.widgets.rows_table import RowsTable

TITLES = {"new": ("Log a decision", "Log decision"),
          "supersede": ("Supersede a decision", "Log superseding decision"),
          "amend": ("Amend a decision", "Log amendment")}
DUE_FORMAT = "%Y-%m-%d %H:%M"


class FormError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class DecisionFormDialog(QDialog):
    FIELDS = ("decision", "rationale", "decision_makers", "decided_at", "late_reason",
              "information", "assumptions", "uncertainties", "options", "risk", "powers",
              "expected_outcome", "actions", "review_by", "tags", "workstream", "note",
              "status")

    def __init__(self, session: VaultSession, *, mode: str = "new", detail=None,
                 names: list[str] = (), parent=None):
        super().__init__(parent)
        self.session, self.mode, self.detail = session, mode, detail
        self.logged = None
        title, ok_text = TITLES[mode]
        if detail is not None:
            title = f"{title} — {detail.head.label}"
        self.setWindowTitle(title)
        self._build_fields()
        self.errors = {name: FieldError(self) for name in (*self.FIELDS, "other")}
        self.buttons, self.ok = ok_cancel(ok_text)
        self._layout()
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        if mode == "amend" and detail is not None:
            self._fill(detail)
        self.decision.setFocus()

    def _build_fields(self) -> None:
        self.decision = text_box("Decision", "What was decided")
        self.rationale = text_box("Rationale", "Why: the reasoning, as it stood at the time")
        self.makers = QLineEdit()
        self.makers.setAccessibleName("Decision makers")
        self.makers.setPlaceholderText("Names, comma-separated")
        self.decided_at = DateTimeField("Decided at")
        self.late_reason = QLineEdit()
        self.late_reason.setAccessibleName("Reason for late entry")
        self.late_reason.setPlaceholderText("Needed when logged more than 15 min after the "
                                            "decision")
        self.information = RowsTable("Information", [("Information / intelligence", "text"),
                                                     ("Source", "text")])
        self.assumptions = text_box("Assumptions", "Key assumptions", 48)
        self.uncertainties = text_box("Critical uncertainties", "What we do not know", 48)
        self.options = RowsTable("Options", [("Option", "text"), ("Suitable", "choice"),
                                             ("Feasible", "choice"), ("Acceptable", "choice"),
                                             ("Chosen", "check"), ("Note", "text")])
        self.risk = text_box("Risk and proportionality", "Risks, and why the response is "
                             "proportionate", 48)
        self.powers = text_box("Powers, policy, legal", "Powers, policies, legal or regulatory "
                               "points; any deviation and why", 48)
        self.expected = text_box("Expected outcome", "What this should achieve", 48)
        self.actions = RowsTable("Actions", [("Action", "text"), ("Owner", "text"),
                                             ("Due (YYYY-MM-DD HH:MM)", "text")])
        self.review_by = DateTimeField("Review by", optional=True)
        self.tags = QLineEdit()
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("e.g. disclosure, customers")
        self.workstream = QLineEdit()
        self.workstream.setAccessibleName("Workstream")
        self.note = QLineEdit()
        self.note.setAccessibleName("Reason for the amendment")
        self.note.setPlaceholderText("e.g. completed from the loggist's notes")

    def _layout(self) -> None:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        rows = [("Decision:", self.decision, "decision"),
                ("Rationale:", self.rationale, "rationale"),
                ("Decision makers:", self.makers, "decision_makers")]
        if self.mode != "amend":
            rows += [("Decided at:", self.decided_at, "decided_at"),
                     ("Late because:", self.late_reason, "late_reason")]
        rows += [("Information:", self.information, "information"),
                 ("Assumptions:", self.assumptions, "assumptions"),
                 ("Uncertainties:", self.uncertainties, "uncertainties"),
                 ("Options:", self.options, "options"),
                 ("Risk:", self.risk, "risk"),
                 ("Powers/policy:", self.powers, "powers"),
                 ("Expected outcome:", self.expected, "expected_outcome"),
                 ("Actions:", self.actions, "actions"),
                 ("Review by:", self.review_by, "review_by"),
                 ("Tags:", self.tags, "tags"), ("Workstream:", self.workstream, "workstream")]
        if self.mode == "amend":
            rows.append(("Why amended:", self.note, "note"))
        for label, widget, key in rows:
            form.addRow(label, widget)
            form.addRow("", self.errors[key])
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        if self.detail is not None and self.mode == "supersede":
            layout.addWidget(QLabel(f"Replaces {self.detail.head.label}: "
                                    f"{self.detail.head.decision[:120]}"))
        layout.addWidget(self.errors["status"])
        layout.addWidget(scroll, 1)
        layout.addWidget(self.errors["other"])
        layout.addWidget(self.buttons)
        self.resize(760, 720)

    def _fill(self, detail) -> None:
        f = detail.state.fields
        self.decision.setPlainText(f["decision"])
        self.rationale.setPlainText(f["rationale"])
        self.makers.setText(", ".join(f["decision_makers"]))
        self.information.set_rows([[i["item"], i.get("source", "")] for i in f["information"]])
        self.assumptions.setPlainText(f["assumptions"])
        self.uncertainties.setPlainText(f["uncertainties"])
        self.options.set_rows([[o["option"], o.get("suitability", ""), o.get("feasibility", ""),
                                o.get("acceptability", ""), o.get("chosen", False),
                                o.get("note", "")] for o in f["options"]])
        self.risk.setPlainText(f["risk"])
        self.powers.setPlainText(f["powers"])
        self.expected.setPlainText(f["expected_outcome"])
        self.actions.set_rows([[a["action"], a.get("owner", ""), _due_text(a.get("due"))]
                               for a in f["actions"]])
        self.review_by.set_value(f["review_by"])
        self.tags.setText(", ".join(f["tags"]))
        self.workstream.setText(f["workstream"])

    # --- reading the form ---------------------------------------------------------------

    def data(self):
        from commandcenter.services import decisions as d

        return d.DecisionInput(
            decision=self.decision.toPlainText(), rationale=self.rationale.toPlainText(),
            decision_makers=split_names(self.makers.text()),
            decided_at=self.decided_at.value() if self.mode != "amend" else None,
            late_reason=self.late_reason.text(),
            information=tuple(d.InfoItem(*r) for r in self.information.rows()),
            assumptions=self.assumptions.toPlainText(),
            uncertainties=self.uncertainties.toPlainText(),
            options=tuple(d.OptionItem(o, s, f, a, chosen, note)
                          for o, s, f, a, chosen, note in self.options.rows()),
            risk=self.risk.toPlainText(), powers=self.powers.toPlainText(),
            expected_outcome=self.expected.toPlainText(),
            actions=tuple(d.ActionItem(a, owner, _parse_due(due))
                          for a, owner, due in self.actions.rows()),
            review_by=self.review_by.value(),
            tags=tuple(t for t in self.tags.text().split(",") if t.strip()),
            workstream=self.workstream.text())

    def submit(self) -> None:
        from dataclasses import fields

        from commandcenter.services import decisions as d

        for error in self.errors.values():
            error.clear()
        try:
            data = self.data()
        except FormError as exc:
            self.errors[exc.field].show_error(str(exc))
            return
        self.ok.setEnabled(False)
        common = {"on_done": self._done, "on_error": self._failed}
        if self.mode == "new":
            self.session.call(d.log_decision, data=data, label="log decision", **common)
        elif self.mode == "supersede":
            self.session.call(d.supersede, decision_id=self.detail.head.decision_id, data=data,
                              label="supersede decision", **common)
        else:
            current = d.current_input(self.detail.state)
            changes = {f.name: getattr(data, f.name) for f in fields(data)
                       if f.name in d.log.AMENDABLE
                       and getattr(data, f.name) != getattr(current, f.name)}
            self.session.call(d.amend, decision_id=self.detail.head.decision_id,
                              changes=changes, note=self.note.text(), label="amend decision",
                              **common)

    def _done(self, entry) -> None:
        self.logged = entry
        self.ok.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        field = show_field_error(self.errors, exc)


def _due_text(value: str | None) -> str:
    if not value:
        return ""
    from commandcenter.services.decisions.chain import parse_time

    return parse_time(value).astimezone().strftime(DUE_FORMAT)


def _parse_due(text: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, DUE_FORMAT).astimezone()  # local time, made aware
    except ValueError:
        raise FormError("actions", f"An action's due time is written YYYY-MM-DD HH:MM "
                        f"(not {text!r}).") from None


