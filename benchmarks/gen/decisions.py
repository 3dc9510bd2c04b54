"""The decision log: decisions and amendments per incident, written with the decision
service's own book functions (numbering, hash chain, heads, search index, audit seal) in one
transaction per batch, so `verify` walks a real chain. Going through `amend` one entry at a
time would take an hour at 100,000 entries."""

import random
from datetime import datetime, timedelta

from commandcenter.services.decisions import book, chain
from commandcenter.services.decisions.inputs import ActionItem, DecisionInput, OptionItem

from benchmarks.gen.rows import WORDS, words

MAKERS = ("Dana Whitfield", "Priya Raman", "Marcus Oyelaran", "Elena Sokolova", "Tom Achebe")
TAGS = ("disclosure", "customers", "legal", "security", "media")
BATCH = 20_000  # entries per transaction: bounded memory, few seals


def _input(rnd: random.Random, i: int, decided: datetime) -> DecisionInput:
    full = i % 3 == 0  # a third are full JDM entries, the rest quick-logged
    return DecisionInput(
        f"Decision {i}: {words(rnd, 8)}", f"Because {words(rnd, 12)}",
        tuple(rnd.sample(MAKERS, rnd.randint(1, 2))), decided_at=decided,
        tags=(rnd.choice(TAGS),),
        review_by=decided + timedelta(days=rnd.choice((1, 3, 90))),
        options=(OptionItem(words(rnd, 4)), OptionItem(words(rnd, 4))) if full else (),
        risk=words(rnd, 6) if full else "", powers=words(rnd, 4) if full else "",
        expected_outcome=words(rnd, 6) if full else "",
        actions=(ActionItem(words(rnd, 5), rnd.choice(MAKERS)),) if full else ()).cleaned()


def write(vault, incidents: list, counts: list[int], rnd: random.Random, now: datetime, *,
          amendment_every: int) -> int:
    """`counts[k]` entries (decisions and amendments) for incident `incidents[k]`; one
    entry in `amendment_every` amends one of the 500 decisions before it."""
    written = 0
    for inc, n in zip(incidents, counts):
        start = max(inc.opened_at, now - timedelta(days=60))
        step = (now - timedelta(hours=1) - start) / max(n, 1)
        for first in range(0, n, BATCH):
            written += _batch(vault, inc.id, range(first, min(n, first + BATCH)), rnd, start,
                              step, every=amendment_every)
    return written


def _batch(vault, incident_id: str, span: range, rnd, start, step, *, every: int) -> int:
    with vault.write() as session:
        conn = session.connection()
        cursor = book.open_cursor(session)
        rows, chains = [], {}
        roots: list[dict] = []
        for i in span:
            at = start + step * i
            if i % every == every - 1 and roots:
                row = _amendment(vault, cursor, conn, chains, rnd.choice(roots[-500:]), rnd, at)
            else:
                data = _input(rnd, i, at)
                row = book.build_row(cursor, conn, vault_id=vault.vault_id, actor=vault.actor,
                                     kind="decision", incident_id=incident_id, decided_at=at,
                                     logged_at=at + timedelta(minutes=2),
                                     values=book.fields_of(data))
                roots.append(row)
                chains[row["id"]] = [row]
            rows.append(row)
        book.write_rows(conn, rows)
        book.insert_heads(conn, [chain.derive(c).head_row() for c in chains.values()])
        book.index_rows(conn, rows)
        book.seal(vault, session, rows[-1], count=len(rows))
    return len(rows)


def _amendment(vault, cursor, conn, chains, root: dict, rnd, at: datetime) -> dict:
    """Completes or corrects a recent decision (rationale and risk), as `amend` would."""
    values = {**{k: root[k] for k in book.EMPTY_FIELDS}, "rationale": f"Corrected: "
              f"{words(rnd, 10)}", "risk": words(rnd, 6)}
    changed = ["rationale", "risk"]
    row = book.build_row(cursor, conn, vault_id=vault.vault_id, actor=vault.actor,
                         kind="amendment", incident_id=root["incident_id"],
                         decided_at=at, logged_at=at, target_id=root["id"], values=values,
                         changed=chain.canonical_json(changed), note=f"{rnd.choice(WORDS)} fix")
    chains[root["id"]].append(row)
    return row
