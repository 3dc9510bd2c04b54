"""Seeding the demo's facts register and talking points from the scenario, through the
services and in story order: each line drafted and submitted by its author (an editor) and
approved by a different operator (an approver), earlier versions approved and then
superseded, a pending version left in review, and a fact downgraded later in the story so
that the line relying on it is flagged "needs review"."""

from datetime import timedelta

from commandcenter.demo.seed import parse_utc
from commandcenter.services import facts, operators
from commandcenter.services import talking_points as tp
from commandcenter.vault.unlocked import Actor, UnlockedVault

DRAFT_LEAD = timedelta(minutes=40)  # drafted this long before it was approved
SUBMIT_LEAD = timedelta(minutes=15)


def seed_lines(vault: UnlockedVault, scenario: dict) -> None:
    acting = vault.actor
    people = _People({o.name: Actor(o.id, o.name, o.role)
                      for o in operators.list_operators(vault)}, acting)
    try:
        fact_ids = _seed_facts(vault, scenario)
        decision_ids = _decision_ids(vault)
        items = sorted(scenario.get("talking_points", ()), key=_first_time)
        for item in items:
            _seed_line(vault, people, item, fact_ids, decision_ids)
        _later_fact_changes(vault, people, scenario, fact_ids, acting)
    finally:
        vault.actor = acting


class _People(dict):
    """Operators by name. A trimmed scenario may lack the named author or approver: the lead
    writes then, and any other approver approves (none: the version stays in review)."""

    def __init__(self, by_name: dict, lead: Actor):
        super().__init__(by_name)
        self.lead = lead

    def author(self, name: str) -> Actor:
        return self.get(name, self.lead)

    def approver(self, name: str, author: Actor) -> Actor | None:
        if name in self and self[name].id != author.id:
            return self[name]
        return next((a for a in self.values() if a.role in tp.APPROVERS and a.id != author.id),
                    None)


def _seed_facts(vault, scenario) -> dict[str, str]:
    ids = {}
    for item in sorted(scenario.get("facts", ()), key=lambda f: f["established_at"]):
        fact = facts.add_fact(vault, statement=item["statement"],
                              status=item.get("initial_status", item["status"]),
                              source=item.get("source", ""),
                              established_at=parse_utc(item["established_at"]))
        ids[item["established_at"]] = fact.id
    return ids


def _later_fact_changes(vault, people, scenario, fact_ids, acting) -> None:
    vault.actor = acting
    for item in scenario.get("facts", ()):
        if item.get("initial_status") and item["initial_status"] != item["status"]:
            facts.set_status(vault, fact_id=fact_ids[item["established_at"]],
                             status=item["status"], note=item.get("change_note", ""))


def _decision_ids(vault) -> dict:
    from sqlmodel import select

    from commandcenter.models import DecisionHead

    with vault.read() as session:
        return {h.decided_at: h.decision_id for h in session.exec(select(DecisionHead)).all()}


def _first_time(item: dict) -> str:
    earlier = item.get("earlier") or [{}]
    return earlier[0].get("approved_at") or item.get("approved_at", "")


def _input(item: dict, body: str, fact_ids, decision_ids, *, linked: bool = True):
    return tp.LineInput(
        kind=item["kind"], title=item["title"], audiences=tuple(item["audiences"]), body=body,
        channels=tuple(item.get("channels", ())), question=item.get("question", ""),
        pillars=tuple(tp.Pillar(p["pillar"], tuple(p.get("proof_points", ())))
                      for p in item.get("pillars", ())),
        we_know=item.get("we_know", ""), we_dont_know=item.get("we_dont_know", ""),
        we_are_doing=item.get("we_are_doing", ""),
        you_should_do=item.get("you_should_do", ""),
        empathy_line=item.get("empathy_line", ""),
        next_update_due=parse_utc(item.get("next_update_due")),
        expires_at=parse_utc(item.get("expires_at")), review_by=parse_utc(item.get("review_by")),
        decision_ids=tuple(decision_ids[parse_utc(t)] for t in item.get("decisions", ()))
        if linked else (),
        fact_ids=tuple(fact_ids[t] for t in item.get("facts", ())) if linked else ())


def _seed_line(vault, people, item, fact_ids, decision_ids) -> None:
    point_id = None
    steps = [({**item, **e}, False) for e in item.get("earlier", ())] + [(item, True)]
    for step, linked in steps:
        data = _input(item, step["body"], fact_ids, decision_ids, linked=linked)
        point_id = _approved_version(vault, people, step, data, point_id)
    pending = item.get("pending")
    if pending:
        submitted = parse_utc(pending["submitted_at"])
        vault.actor = people.author(pending["author"])
        data = _input(item, pending["body"], fact_ids, decision_ids)
        saved = tp.new_version(vault, point_id=point_id, data=data,
                               at=submitted - DRAFT_LEAD)
        tp.submit(vault, version_id=saved.version_id, at=submitted)


def _approved_version(vault, people, step, data, point_id):
    approved_at = parse_utc(step["approved_at"])
    vault.actor = author = people.author(step["author"])
    drafted = approved_at - DRAFT_LEAD
    saved = (tp.create(vault, data=data, at=drafted) if point_id is None
             else tp.new_version(vault, point_id=point_id, data=data, at=drafted))
    tp.submit(vault, version_id=saved.version_id, at=approved_at - SUBMIT_LEAD)
    approver = people.approver(step["approver"], author)
    if approver is None:
        return saved.point_id
    vault.actor = approver
    tp.approve(vault, version_id=saved.version_id, at=approved_at,
               comment=step.get("approval_comment", ""))
    return saved.point_id
