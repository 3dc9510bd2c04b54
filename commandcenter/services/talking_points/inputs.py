"""What an editor gives for a talking point version, validated before anything is written.
Validation raises ValidationError naming the field (the editor shows it next to that field)."""

import json
from dataclasses import dataclass, field, replace
from datetime import datetime

from commandcenter.models.talking_point import AUDIENCES, CHANNELS, KINDS, MAX_PILLARS
from commandcenter.services.errors import ValidationError

MAX_BODY = 6000


@dataclass(frozen=True)
class Pillar:
    pillar: str
    proof_points: tuple[str, ...] = ()


@dataclass(frozen=True)
class LineInput:
    kind: str
    title: str
    audiences: tuple[str, ...]
    body: str
    channels: tuple[str, ...] = ()  # empty: every channel
    language: str = "en"
    question: str = ""  # Q&A only
    pillars: tuple[Pillar, ...] = ()  # key message only: up to three
    we_know: str = ""
    we_dont_know: str = ""
    we_are_doing: str = ""
    you_should_do: str = ""
    empathy_line: str = ""
    next_update_due: datetime | None = None
    valid_from: datetime | None = None
    expires_at: datetime | None = None
    review_by: datetime | None = None
    decision_ids: tuple[str, ...] = ()
    fact_ids: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, compare=False)  # unused; room for forms

    def cleaned(self) -> "LineInput":
        out = replace(
            self, title=self.title.strip(), body=self.body.strip(),
            question=self.question.strip(), language=(self.language or "en").strip().lower(),
            audiences=_keys(self.audiences), channels=_keys(self.channels),
            pillars=tuple(_pillar(p) for p in self.pillars if p.pillar.strip()),
            decision_ids=tuple(dict.fromkeys(self.decision_ids)),
            fact_ids=tuple(dict.fromkeys(self.fact_ids)),
            **{n: getattr(self, n).strip() for n in
               ("we_know", "we_dont_know", "we_are_doing", "you_should_do", "empathy_line")})
        out.check()
        return out

    def check(self) -> None:
        if self.kind not in KINDS:
            raise ValidationError("kind", "Choose the kind of talking point.")
        if not self.title:
            raise ValidationError("title", "Give the line a short title.")
        if len(self.title) > 200:
            raise ValidationError("title", "Keep the title under 200 characters.")
        if not self.audiences:
            raise ValidationError("audiences", "Choose at least one audience.")
        unknown = [a for a in self.audiences if a not in AUDIENCES]
        if unknown:
            raise ValidationError("audiences", f"Unknown audience {unknown[0]!r}.")
        bad = [c for c in self.channels if c not in CHANNELS]
        if bad:
            raise ValidationError("channels", f"Unknown channel {bad[0]!r}.")
        self._check_words()
        self._check_times()

    def _check_words(self) -> None:
        label = "umbrella statement" if self.kind == "key_message" else (
            "answer" if self.kind == "qa" else "text")
        if not self.body:
            raise ValidationError("body", f"Write the {label}.")
        if len(self.body) > MAX_BODY:
            raise ValidationError("body", f"Keep the {label} under {MAX_BODY} characters.")
        if self.kind == "qa" and not self.question:
            raise ValidationError("question", "A Q&A pair needs its question.")
        if self.pillars and self.kind != "key_message":
            raise ValidationError("pillars", "Only a key message has pillars.")
        if len(self.pillars) > MAX_PILLARS:
            raise ValidationError("pillars", f"A message house has at most {MAX_PILLARS} "
                                  "pillars.")

    def _check_times(self) -> None:
        for name in ("next_update_due", "valid_from", "expires_at", "review_by"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValidationError(name, "Give the time with its time zone.")
        if self.valid_from and self.expires_at and self.expires_at <= self.valid_from:
            raise ValidationError("expires_at", "The line must expire after it becomes valid.")

    def pillars_json(self) -> str:
        return json.dumps([{"pillar": p.pillar, "proof_points": list(p.proof_points)}
                           for p in self.pillars], ensure_ascii=False, sort_keys=True,
                          separators=(",", ":"))


def _keys(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip().lower() for v in values if v and v.strip()))


def _pillar(p: Pillar) -> Pillar:
    return Pillar(p.pillar.strip(), tuple(s.strip() for s in p.proof_points if s.strip()))


def pillars_from_json(text: str) -> tuple[Pillar, ...]:
    return tuple(Pillar(p["pillar"], tuple(p.get("proof_points", ())))
                 for p in json.loads(text or "[]"))
