"""Approved talking points (DESIGN §4): the message house, holding statements, Q&A, bridging
lines and do-not-say items, with immutable versions and four-eyes approval.

Modules: `inputs` (what an editor gives, validated), `workflow` (the write use cases),
`current_line` (the pure computation of the current line and due items), `dependents`
(flagging lines when a decision or fact changes), `library` (prepared templates), `query`
(reads). Everything the UI and CLI need is re-exported here.
"""

from commandcenter.services.talking_points import current_line, dependents, library
from commandcenter.services.talking_points.current_line import Board, DueItem, VersionInfo
from commandcenter.services.talking_points.inputs import LineInput, Pillar
from commandcenter.services.talking_points.query import (
    History, LineRow, approval_queue, board, can_read_all, due_count, history, input_of,
    link_choices, list_lines, matching_versions,
)
from commandcenter.services.talking_points.workflow import (
    APPROVERS, EDITORS, Saved, approve, create, new_version, reject, retire, submit,
    update_draft,
)

__all__ = [
    "current_line", "dependents", "library", "Board", "DueItem", "VersionInfo", "LineInput",
    "Pillar", "History", "LineRow", "approval_queue", "board", "can_read_all", "due_count",
    "history", "input_of", "link_choices", "list_lines", "matching_versions", "APPROVERS",
    "EDITORS", "Saved", "approve", "create", "new_version", "reject", "retire", "submit",
    "update_draft",
]
