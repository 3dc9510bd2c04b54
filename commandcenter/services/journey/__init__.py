"""The crisis journey map, the situation timeline and update promises (DESIGN §4).

Modules: `structure` (phases and stakeholder groups), `cells` (the 9 C's per cell),
`timeline` (events and their metrics), `promises` (promises, updates that keep them),
`query` (one incident's journey read at once, and the summary for the status bar).
"""

from commandcenter.services.journey import cells, promises, query, structure, timeline
from commandcenter.services.journey.cells import CellInput, PlannedAction, save_cell
from commandcenter.services.journey.common import WRITERS
from commandcenter.services.journey.promises import (
    cancel_promise, log_update, promise_from,
)
from commandcenter.services.journey.query import JourneyData, Summary, load, summary
from commandcenter.services.journey.structure import ensure_defaults
from commandcenter.services.journey.timeline import EventInput, Metrics, add_event, metrics

__all__ = ["cells", "promises", "query", "structure", "timeline", "CellInput",
           "PlannedAction", "save_cell", "WRITERS", "cancel_promise", "log_update",
           "promise_from", "JourneyData", "Summary", "load", "summary", "ensure_defaults",
           "EventInput", "Metrics", "add_event", "metrics"]
