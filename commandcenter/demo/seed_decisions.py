"""Seeding the demo's decision log from the scenario's "decisions", through the services, in
story order: each decision quick-logged a few minutes after it was made (by the scenario's
loggist), then the entries the story has — later amendments that complete it, actions done,
supersessions and rescissions — each at its own time in the story."""

from datetime import timedelta

from commandcenter.demo.seed import parse_utc
from commandcenter.services import decisions as d
from commandcenter.vault.unlocked import Actor, UnlockedVault

LOG_DELAY = timedelta(minutes=4)  # a loggist writes the entry just after the call


def _input(item: dict, **extra) -> d.DecisionInput:
    return d.DecisionInput(
        decision=item["decision"], rationale=item["rationale"],
        decision_makers=(item["decision_maker"],), decided_at=parse_utc(item["decided_at"]),
        tags=tuple(item.get("tags", ())), review_by=parse_utc(item.get("review_by")),
        actions=tuple(d.ActionItem(a["action"], a.get("owner", ""), parse_utc(a.get("due")))
                      for a in item.get("actions", ())), **extra)


def _amendment(block: dict) -> dict:
    changes = {k: v for k, v in block.items() if k in d.log.AMENDABLE}
    if "information" in changes:
        changes["information"] = tuple(d.InfoItem(**i) for i in changes["information"])
    if "options" in changes:
        changes["options"] = tuple(d.OptionItem(**o) for o in changes["options"])
    if "review_by" in changes:
        changes["review_by"] = parse_utc(changes["review_by"])
    return changes


def seed_decisions(vault: UnlockedVault, scenario: dict) -> None:
    loggist = next((o for o in scenario["operators"] if o["role"] == "loggist"), None)
    acting = vault.actor
    if loggist is not None:  # entries are written by the loggist, as in a real war room
        from commandcenter.services import operators

        person = next(o for o in operators.list_operators(vault) if o.name == loggist["name"])
        vault.actor = Actor(person.id, person.name, person.role)
    try:
        _seed(vault, scenario)
    finally:
        vault.actor = acting


def _seed(vault: UnlockedVault, scenario: dict) -> None:
    by_time: dict[str, str] = {}  # decided_at text -> decision id
    later: list[tuple] = []  # (logged_at, action) for entries that come after their decision
    for item in sorted(scenario.get("decisions", ()), key=lambda i: i["decided_at"]):
        decided = parse_utc(item["decided_at"])
        while later and later[0][0] <= decided:
            later.pop(0)[1]()
        data = _input(item)
        if item.get("supersedes"):
            entry = d.supersede(vault, decision_id=by_time[item["supersedes"]], data=data,
                                logged_at=decided + LOG_DELAY)
        else:
            entry = d.log_decision(vault, data=data, logged_at=decided + LOG_DELAY)
        by_time[item["decided_at"]] = entry.id
        later += _follow_ups(vault, entry.id, item, decided)
        later.sort(key=lambda pair: pair[0])
    for _when, action in later:
        action()


def _follow_ups(vault, decision_id: str, item: dict, decided) -> list[tuple]:
    steps = []
    if "amend" in item:
        block = item["amend"]
        at = parse_utc(block["logged_at"])
        steps.append((at, lambda: d.amend(vault, decision_id=decision_id, logged_at=at,
                                          changes=_amendment(block),
                                          note=block.get("note", ""))))
    for index in item.get("action_done", ()):
        at = decided + timedelta(hours=1)
        steps.append((at, lambda i=index, at=at: d.mark_action_done(
            vault, decision_id=decision_id, action_index=i, logged_at=at)))
    if "rescind" in item:
        block = item["rescind"]
        at = parse_utc(block["decided_at"])
        steps.append((at, lambda: d.rescind(vault, decision_id=decision_id, decided_at=at,
                                            reason=block["reason"], logged_at=at + LOG_DELAY)))
    return steps
