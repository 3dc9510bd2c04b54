"""The prepared library: holding statements and Q&A written before any crisis
(resources/templates/talking_points.json), with placeholders such as {company}, {date} and
{hotline}. Instantiating one fills what it can and creates a draft in the incident; anything
left unfilled blocks approval (workflow.approve)."""

import json
from dataclasses import dataclass
from pathlib import Path

from commandcenter.resources import resource_path
from commandcenter.services.errors import NotFound
from commandcenter.services.talking_points import workflow
from commandcenter.services.talking_points.inputs import LineInput, Pillar
from commandcenter.text import placeholders

LIBRARY = ("templates", "talking_points.json")
FILLED = ("title", "question", "body", "we_know", "we_dont_know", "we_are_doing",
          "you_should_do", "empathy_line")


@dataclass(frozen=True)
class Template:
    key: str
    kind: str
    title: str
    audiences: tuple[str, ...]
    fields: dict  # the texts, with placeholders

    def placeholders(self) -> list[str]:
        texts = [self.fields.get(n, "") for n in FILLED]
        texts += [p["pillar"] + " " + " ".join(p.get("proof_points", ()))
                  for p in self.fields.get("pillars", ())]
        return placeholders.unfilled(texts)


def templates(path: Path | None = None) -> list[Template]:
    data = json.loads(Path(path or resource_path(*LIBRARY)).read_text(encoding="utf-8"))
    return [Template(t["key"], t["kind"], t["title"], tuple(t["audiences"]), t)
            for t in data["templates"]]


def template(key: str) -> Template:
    found = next((t for t in templates() if t.key == key), None)
    if found is None:
        raise NotFound(f"No template {key!r} in the library.")
    return found


def filled_input(tpl: Template, values: dict[str, str]) -> LineInput:
    f = {n: placeholders.fill(tpl.fields.get(n, ""), values) for n in FILLED}
    pillars = tuple(Pillar(placeholders.fill(p["pillar"], values),
                           tuple(placeholders.fill(s, values) for s in p.get("proof_points", ())))
                    for p in tpl.fields.get("pillars", ()))
    return LineInput(kind=tpl.kind, audiences=tpl.audiences, pillars=pillars,
                     channels=tuple(tpl.fields.get("channels", ())), **f)


def instantiate(vault, *, key: str, values: dict[str, str],
                incident_id: str | None = None) -> workflow.Saved:
    """A draft from the template `key` with `values` filled in."""
    tpl = template(key)
    return workflow.create(vault, data=filled_input(tpl, values), incident_id=incident_id,
                           template_key=key)
