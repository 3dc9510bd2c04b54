"""What a person gives for a spokesperson, checked field by field (a form shows each message
next to its field; the CSV importer prefixes it with the line number)."""

import re
from dataclasses import dataclass, field, replace
from datetime import date

from commandcenter.services.errors import ValidationError
from commandcenter.services.roster import shifts as shift_rules

from commandcenter.models.talking_point import AUDIENCE_LABELS, AUDIENCES

# The talking points' audiences: a spokesperson is cleared for the same ones a line is for.
AUDIENCE_NAMES = AUDIENCE_LABELS
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ().-]{5,30}$")
_LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


def audience_slug(text: str) -> str:
    """"Card issuers and banks", "card-issuers", "Media" -> a known slug, or ValidationError."""
    key = re.sub(r"[^a-z]+", "_", (text or "").strip().lower()).strip("_")
    for slug, name in AUDIENCE_NAMES.items():
        if key in (slug, re.sub(r"[^a-z]+", "_", name.lower()).strip("_")):
            return slug
    aliases = {"banks": "card_issuers", "card_issuers_and_banks": "card_issuers",
               "issuers": "card_issuers", "advocates_and_influencers": "advocates",
               "influencers": "advocates", "police": "law_enforcement", "directors": "board"}
    if key in aliases:
        return aliases[key]
    raise ValidationError("audiences", f"Unknown audience {text!r}; use one of "
                          + ", ".join(AUDIENCE_NAMES.values()) + ".")


def normalise_phone(text: str) -> str:
    """Digits and a leading + only, so "+1 (312) 555-0100" and "+13125550100" match."""
    text = (text or "").strip()
    return ("+" if text.startswith("+") else "") + re.sub(r"\D", "", text)


@dataclass(frozen=True)
class SpokespersonInput:
    name: str
    role_title: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""
    messenger: str = ""
    languages: tuple[str, ...] = ("en",)
    time_zone: str = "UTC"
    media_trained_on: date | None = None
    audiences: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    backup_id: str | None = None
    override: str = ""
    shifts: tuple[dict, ...] = field(default_factory=tuple)
    operator_id: str | None = None

    def cleaned(self) -> "SpokespersonInput":
        """Trimmed, normalised and validated; raises ValidationError naming the field."""
        name = " ".join((self.name or "").split())
        if not name:
            raise ValidationError("name", "Give the spokesperson's name.")
        if len(name) > 120:
            raise ValidationError("name", "Keep the name under 120 characters.")
        email = (self.email or "").strip().lower()
        if email and not _EMAIL_RE.match(email):
            raise ValidationError("email", f"{self.email!r} is not an e-mail address.")
        phone = (self.phone or "").strip()
        if phone and not _PHONE_RE.match(phone):
            raise ValidationError("phone", f"{self.phone!r} is not a phone number; use digits, "
                                  "spaces and a leading +, e.g. +1 312 555 0100.")
        if not (email or phone or (self.messenger or "").strip()):
            raise ValidationError("phone", "Give at least one way to reach them: phone, e-mail "
                                  "or secure messenger.")
        languages = tuple(dict.fromkeys(x.strip() for x in self.languages if x.strip()))
        bad = [x for x in languages if not _LANG_RE.match(x)]
        if bad:
            raise ValidationError("languages", f"{bad[0]!r} is not a language code; use codes "
                                  "like en, es, fr-CA.")
        try:
            shift_rules.zone(self.time_zone.strip())
            for item in self.shifts:
                shift_rules.parse_shift(item)
            items = tuple({"days": s["days"].strip().lower(), "start": s["start"].strip(),
                           "end": s["end"].strip()} for s in self.shifts)
        except shift_rules.ShiftError as exc:
            fld = "time_zone" if "time zone" in str(exc) else "shifts"
            raise ValidationError(fld, str(exc)) from None
        if self.override not in ("", "on_duty", "off_duty", "on_air"):
            raise ValidationError("override", "Availability is on duty, off duty or on air.")
        if self.media_trained_on and self.media_trained_on > date.today():
            raise ValidationError("media_trained_on", "The media-training date is in the future.")
        audiences = tuple(dict.fromkeys(audience_slug(a) for a in self.audiences if a.strip()))
        topics = tuple(dict.fromkeys(t.strip().lower() for t in self.topics if t.strip()))
        return replace(self, name=name, role_title=self.role_title.strip(),
                       organisation=self.organisation.strip(), phone=phone, email=email,
                       messenger=self.messenger.strip(), languages=languages or ("en",),
                       time_zone=self.time_zone.strip(), audiences=audiences, topics=topics,
                       shifts=items)
