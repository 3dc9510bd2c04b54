"""The detail pane of the decision log: every field of the selected decision as it stands,
and its whole chain (the original entry, amendments, reviews, actions done, supersession or
rescission), each with its number and times."""

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget,
)

from ui.qtmodels.decisions import STATUS, is_due
from ui.views import common
from ui.widgets import timefmt
from ui.widgets.pill import Pill

KIND_WORDS = {"decision": "Logged", "supersession": "Logged (supersedes)",
              "amendment": "Amended", "review": "Reviewed", "action_done": "Action done",
              "rescission": "Rescinded"}
ACTIONS = (("amend", "Amend…"), ("supersede", "Supersede…"), ("rescind", "Rescind…"),
           ("review", "Record review…"), ("action_done", "Action done…"))


def _parse(value):
    from commandcenter.services.decisions.chain import parse_time

    return parse_time(value) if isinstance(value, str) else value


class DecisionDetail(QScrollArea):
    action_requested = Signal(str)  # a key of ACTIONS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(280)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(0, 0, 4, 0)
        self.title = common.heading("", 2)
        self.title.setWordWrap(True)
        self.status, self.review, self.complete = Pill(), Pill(), Pill()
        pills = QWidget()
        row = QGridLayout(pills)
        row.setContentsMargins(0, 0, 0, 0)
        # Two rows, so the pane stays narrow enough for 1280-pixel screens.
        row.addWidget(self.status, 0, 0)
        row.addWidget(self.complete, 0, 1)
        row.addWidget(self.review, 1, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        row.setColumnStretch(2, 1)
        self.buttons = {key: common.button(text) for key, text in ACTIONS}
        grid = QWidget()
        buttons = QGridLayout(grid)
        buttons.setContentsMargins(0, 0, 0, 0)
        for n, (key, _text) in enumerate(ACTIONS):
            buttons.addWidget(self.buttons[key], n // 2, n % 2)
            self.buttons[key].clicked.connect(lambda _c=False, k=key: self.action_requested.emit(k))
        self.card, self.form = common.detail_form()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        # Labels above their values: the pane is narrow and the values are paragraphs.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setVerticalSpacing(4)
        self.chain_card, self.chain_layout = common.card("Chain of entries")
        outer.addWidget(self.title)
        outer.addWidget(pills)
        outer.addWidget(grid)
        outer.addWidget(self.card)
        outer.addWidget(self.chain_card)
        outer.addStretch(1)
        self.setWidget(inner)
        self.show_detail(None)

    def show_detail(self, detail) -> None:
        self.widget().setVisible(detail is not None)
        while self.form.rowCount():
            self.form.removeRow(0)
        while self.chain_layout.count() > 1:  # keep the card's heading
            item = self.chain_layout.takeAt(1)
            if item.widget():
                item.widget().deleteLater()
        if detail is None:
            self.title.clear()
            return
        head, state, root = detail.head, detail.state, detail.entries[0]
        f = state.fields
        self.title.setText(f"{head.label} — {f['decision']}")
        word, colour = STATUS[state.status]
        if state.superseded_by or state.rescinded_by:
            word += f" by {state.superseded_by or state.rescinded_by}"
        self.status.set(word, colour)
        due = is_due(head)
        review_text = "No review set"
        if due:
            review_text = "Review due"
        elif state.review_by:
            review_text = "Review " + " ".join(timefmt.ago(state.review_by).split(" ")[:3])
        self.review.set(review_text, "bad" if due else "neutral",
                        timefmt.local_with_zone(state.review_by) if state.review_by else "")
        self.complete.set("Incomplete" if state.missing else "Complete",
                          "warn" if state.missing else "ok",
                          f"Still needs: {', '.join(state.missing)}" if state.missing else "")
        in_force = state.status == "in_force"
        for key in ("supersede", "rescind", "review"):
            self.buttons[key].setEnabled(in_force)
        self.buttons["action_done"].setEnabled(state.open_actions > 0)
        self._rows(detail, f, root)
        for entry in detail.entries:
            self.chain_layout.addWidget(self._chain_line(detail, entry))

    def _rows(self, detail, f: dict, root: dict) -> None:
        decided = _parse(root["decided_at"])
        logged = _parse(root["logged_at"])
        rows = [("Decided", f"{timefmt.local_with_zone(decided)} ({timefmt.ago(decided)})",
                 timefmt.utc(decided)),
                ("Logged", f"{timefmt.local_with_zone(logged)} by {root['loggist']}"
                 + (f" — late: {root['late_reason']}" if root["late_reason"] else ""),
                 timefmt.utc(logged)),
                ("Decision makers", ", ".join(f["decision_makers"]), ""),
                ("Replaces", detail.replaces, ""),
                ("Rationale", f["rationale"], ""),
                ("Information", "\n".join(f"• {i['item']}" + (f" — {i['source']}"
                                          if i.get("source") else "") for i in f["information"]), ""),
                ("Assumptions", f["assumptions"], ""),
                ("Uncertainties", f["uncertainties"], ""),
                ("Options", "\n".join(_option(o) for o in f["options"]), ""),
                ("Risk", f["risk"], ""), ("Powers/policy", f["powers"], ""),
                ("Expected outcome", f["expected_outcome"], ""),
                ("Actions", "\n".join(_action(i, a, detail.state)
                                      for i, a in enumerate(f["actions"])), ""),
                ("Review by", timefmt.local_with_zone(detail.state.review_by)
                 if detail.state.review_by else "", ""),
                ("Reviews", "\n".join(f"{r['label']}: {r['outcome']}"
                                      for r in detail.state.reviews), ""),
                ("Tags", ", ".join(f["tags"]), ""), ("Workstream", f["workstream"], "")]
        for name, value, tip in rows:
            if not value:
                continue
            label = common.value_label(value)
            label.setToolTip(tip)
            self.form.addRow(f"{name}:", label)

    def _chain_line(self, detail, entry: dict) -> QLabel:
        at = _parse(entry["logged_at"])
        what = KIND_WORDS.get(entry["kind"], entry["kind"])
        extra = entry["note"] or entry["review_outcome"]
        if entry["kind"] == "amendment":
            extra = f"changed {', '.join(json.loads(entry['changed']))}" + \
                (f" — {entry['note']}" if entry["note"] else "")
        if entry["kind"] == "supersession" and entry["id"] != detail.head.decision_id:
            extra = f"superseded by {detail.label_of(entry)}: {entry['decision'][:80]}"
        label = common.value_label(f"{detail.label_of(entry)}  {what} "
                                   f"{timefmt.local(at)} by {entry['loggist']}"
                                   + (f" — {extra}" if extra else ""))
        label.setToolTip(f"{timefmt.utc(at)}\nhash {entry['hash']}")
        return label


def _option(o: dict) -> str:
    mark = "✔ chosen" if o.get("chosen") else "✘ rejected"
    judged = ", ".join(f"{k}: {o.get(k) or '?'}" for k in ("suitability", "feasibility",
                                                           "acceptability"))
    return f"{mark}: {o['option']} ({judged})" + (f" — {o['note']}" if o.get("note") else "")


def _action(i: int, a: dict, state) -> str:
    done = state.done.get(i)
    owner = a.get("owner") or "no owner"
    due = timefmt.local(_parse(a["due"])) if a.get("due") else "no due time"
    return f"{'✔ done' if done else '○ open'}: {a['action']} ({owner}, {due})"


