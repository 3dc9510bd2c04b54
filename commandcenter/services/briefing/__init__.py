"""Spokespersons and their lines (DESIGN §4, issue 6): assignments, acknowledgements and
what one person holds (spokesperson mode and the briefing card).

Modules: `assignments` (give a line to someone cleared for its audience), `state` (pure:
what a person holds, what changed since their acknowledgement, gaps), `view` (one person's
briefing, with the access rule), `acks` (acknowledging; every person's state)."""

from commandcenter.services.briefing.acks import acknowledge, states
from commandcenter.services.briefing.assignments import (
    assign, assignable_lines, assigned_lines, clearance_problem, unassign,
)
from commandcenter.services.briefing.state import STATES, Change, Holding
from commandcenter.services.briefing.view import Briefing, ChangeView, Contact, load

__all__ = ["acknowledge", "states", "assign", "assignable_lines", "assigned_lines", "clearance_problem", "unassign", "STATES",
           "Change", "Holding", "Briefing", "ChangeView", "Contact", "load"]
