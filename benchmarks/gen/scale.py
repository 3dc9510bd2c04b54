"""How big the generated vault is. The defaults are issue 9's war-room scale."""

import hashlib
import json
from dataclasses import asdict, dataclass, replace

# Bump when the generator writes different rows for the same Scale: the cache key changes.
GENERATOR_VERSION = 7  # 2: acknowledgements include the do-not-say items read;
# 3-6: area search (0008): scoped by incident, the timeline index keeps the time,
# only the latest version of a line is indexed; 7: each person's earlier acknowledgements


@dataclass(frozen=True)
class Scale:
    incidents: int = 10
    decision_entries: int = 100_000  # every entry of the log: decisions and amendments
    amendment_every: int = 10  # one entry in this many is an amendment
    line_versions: int = 20_000  # talking-point versions, 10 per line, 10 audiences
    spokespersons: int = 2_000  # each with assigned lines and acknowledgements
    timeline_events: int = 50_000
    # The active incident (the newest) holds this share of every per-incident count: the
    # crisis that has run for weeks, which is what the views show.
    active_share: float = 0.6
    seed: int = 9

    def scaled(self, factor: float) -> "Scale":
        """The same shape, `factor` times the rows (at least one of each; tests use 0.01)."""
        def n(value: int) -> int:
            return max(1, round(value * factor))

        return replace(self, decision_entries=max(self.amendment_every, n(self.decision_entries)),
                       line_versions=max(10, n(self.line_versions)),
                       spokespersons=n(self.spokespersons),
                       timeline_events=max(2 * self.incidents, n(self.timeline_events)))

    def key(self) -> str:
        """Names the cached vault: the parameters, the generator's version and the schema's
        head revision (a vault cached before a migration would be migrated, and backed up
        first, by every benchmark that unlocks a copy of it)."""
        from commandcenter.vault import schema

        text = json.dumps({**asdict(self), "version": GENERATOR_VERSION,
                           "schema": schema.head_revision()}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def split(self, total: int) -> list[int]:
        """`total` over the incidents, oldest first; the last (active) one holds
        `active_share` of it, the others share the rest evenly."""
        if self.incidents == 1:
            return [total]
        active = round(total * self.active_share)
        rest = total - active
        base, extra = divmod(rest, self.incidents - 1)
        return [base + (1 if i < extra else 0) for i in range(self.incidents - 1)] + [active]
