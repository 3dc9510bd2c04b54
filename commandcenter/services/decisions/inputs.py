"""What a person gives when logging: the fields of a decision and the structured parts
(information with sources, options judged for suitability/feasibility/acceptability,
actions). Validation raises ValidationError naming the field, before anything is written."""

import re
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta

from commandcenter.models.decision import LATE_AFTER_MINUTES
from commandcenter.services.errors import ValidationError

JUDGEMENTS = ("", "yes", "partly", "no")  # suitable? feasible? acceptable?
FUTURE_SLACK = timedelta(minutes=1)  # clocks of two laptops differ a little
TAG_RE = re.compile(r"[^a-z0-9_-]+")


@dataclass(frozen=True)
class InfoItem:
    item: str
    source: str = ""


@dataclass(frozen=True)
class OptionItem:
    option: str
    suitability: str = ""
    feasibility: str = ""
    acceptability: str = ""
    chosen: bool = False
    note: str = ""


@dataclass(frozen=True)
class ActionItem:
    action: str
    owner: str = ""
    due: datetime | None = None


@dataclass(frozen=True)
class DecisionInput:
    """A decision as logged. Only decision, rationale and decision maker(s) are needed at
    first (quick log); the rest can follow in an amending entry."""

    decision: str
    rationale: str
    decision_makers: tuple[str, ...]
    decided_at: datetime | None = None  # default: when logged
    late_reason: str = ""
    information: tuple[InfoItem, ...] = ()
    assumptions: str = ""
    uncertainties: str = ""
    options: tuple[OptionItem, ...] = ()
    risk: str = ""
    powers: str = ""
    expected_outcome: str = ""
    actions: tuple[ActionItem, ...] = ()
    review_by: datetime | None = None
    tags: tuple[str, ...] = ()
    workstream: str = ""

    def cleaned(self) -> "DecisionInput":
        """Trimmed text, names and tags normalised; raises ValidationError on bad input."""
        makers = tuple(dict.fromkeys(m.strip() for m in self.decision_makers if m.strip()))
        out = replace(
            self, decision=self.decision.strip(), rationale=self.rationale.strip(),
            decision_makers=makers, late_reason=self.late_reason.strip(),
            information=tuple(_info(i) for i in self.information),
            options=tuple(_option(o) for o in self.options),
            actions=tuple(_action(a) for a in self.actions),
            tags=normalise_tags(self.tags), workstream=self.workstream.strip(),
            **{name: getattr(self, name).strip() for name in
               ("assumptions", "uncertainties", "risk", "powers", "expected_outcome")})
        out.check_required()
        return out

    def check_required(self) -> None:
        if not self.decision:
            raise ValidationError("decision", "Write down what was decided.")
        if len(self.decision) > 4000:
            raise ValidationError("decision", "Keep the decision under 4,000 characters; put "
                                  "detail in the rationale.")
        if not self.rationale:
            raise ValidationError("rationale", "Say why: the rationale is what a review reads "
                                  "first.")
        if not self.decision_makers:
            raise ValidationError("decision_makers", "Name who made the decision.")
        if any(len(m) > 120 for m in self.decision_makers):
            raise ValidationError("decision_makers", "A name is at most 120 characters.")
        if len(self.workstream) > 80:
            raise ValidationError("workstream", "Keep the workstream under 80 characters.")


def _info(item: InfoItem) -> InfoItem:
    out = InfoItem(item.item.strip(), item.source.strip())
    if not out.item:
        raise ValidationError("information", "Each piece of information needs a text "
                              "(its source may follow).")
    return out


def _option(opt: OptionItem) -> OptionItem:
    out = replace(opt, option=opt.option.strip(), note=opt.note.strip())
    if not out.option:
        raise ValidationError("options", "Each option needs a description.")
    for name in ("suitability", "feasibility", "acceptability"):
        if getattr(out, name) not in JUDGEMENTS:
            raise ValidationError("options", f"{name.capitalize()} is yes, partly or no.")
    return out


def _action(act: ActionItem) -> ActionItem:
    out = ActionItem(act.action.strip(), act.owner.strip(), act.due)
    if not out.action:
        raise ValidationError("actions", "Each action needs a description.")
    if out.due is not None and out.due.tzinfo is None:
        raise ValidationError("actions", "An action's due time needs a time zone.")
    return out


def normalise_tags(tags) -> tuple[str, ...]:
    out = []
    for tag in tags:
        clean = TAG_RE.sub("_", tag.strip().lower().replace(" ", "_")).strip("_")
        if len(clean) > 40:
            raise ValidationError("tags", "A tag is at most 40 characters.")
        if clean and clean not in out:
            out.append(clean)
    return tuple(out)


def check_times(*, decided_at: datetime, logged_at: datetime, late_reason: str,
                review_by: datetime | None = None) -> None:
    """The loggist's rules: a time zone on every time; nothing decided in the future; a
    reason when the entry is written more than 15 minutes after the decision."""
    for name, value in (("decided_at", decided_at), ("review_by", review_by)):
        if value is not None and value.tzinfo is None:
            raise ValidationError(name, "The time needs a time zone.")
    if decided_at > logged_at + FUTURE_SLACK:
        raise ValidationError("decided_at", "The decision time is in the future.")
    late = logged_at - decided_at > timedelta(minutes=LATE_AFTER_MINUTES)
    if late and not late_reason.strip():
        raise ValidationError("late_reason", f"Logged more than {LATE_AFTER_MINUTES} minutes "
                              "after the decision: give the reason for the late entry.")
    if review_by is not None and review_by <= decided_at:
        raise ValidationError("review_by", "The review time must be after the decision.")


# Fields an amendment may set (everything but the times of the original entry).
AMENDABLE = tuple(f.name for f in fields(DecisionInput)
                  if f.name not in ("decided_at", "late_reason"))


def amendment_fields(changes: dict) -> dict:
    """Validate the fields an amendment sets (same rules as a new entry)."""
    unknown = set(changes) - set(AMENDABLE)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "This field cannot be amended.")
    if not changes:
        raise ValidationError("decision", "The amendment changes nothing.")
    return changes


__all__ = ["InfoItem", "OptionItem", "ActionItem", "DecisionInput", "JUDGEMENTS",
           "normalise_tags", "check_times", "AMENDABLE", "amendment_fields"]
