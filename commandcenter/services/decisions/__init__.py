"""The decision log service (DESIGN §4): append-only entries, chain-derived state, search.

Modules: `inputs` (what a person gives, validated), `chain` (hashing and status derivation,
pure), `book` (writing a sealed entry), `log` (the write use cases), `query` (reads),
`verify` (the log's part of `commandcenter verify`). Everything the UI and CLI need is
re-exported here.
"""

from commandcenter.services.decisions.book import LoggedEntry
from commandcenter.services.decisions.chain import DecisionState, label
from commandcenter.services.decisions.inputs import (
    JUDGEMENTS, ActionItem, DecisionInput, InfoItem, OptionItem,
)
from commandcenter.services.decisions.log import (
    LOGGERS, amend, current_input, log_decision, log_many, mark_action_done, record_review,
    rescind, supersede,
)
from commandcenter.services.decisions.query import (
    PAGE, READERS, Counts, Detail, Filters, Page, can_read, counts, detail, options_in_use, page,
    states, with_open_actions,
)
from commandcenter.services.decisions import chain, log  # noqa: F401  (tests, seeding)
from commandcenter.services.decisions.verify import LogReport, receipt, verify_log

__all__ = [
    "LoggedEntry", "DecisionState", "label", "JUDGEMENTS", "ActionItem", "DecisionInput",
    "InfoItem", "OptionItem", "LOGGERS", "amend", "current_input", "log_decision", "log_many",
    "mark_action_done", "record_review", "rescind", "supersede", "PAGE", "READERS", "Counts", "Detail",
    "Filters", "Page", "can_read", "counts", "detail", "options_in_use", "page", "LogReport", "receipt",
    "states", "verify_log", "with_open_actions",
]
