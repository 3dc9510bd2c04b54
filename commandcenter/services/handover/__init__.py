"""Shift handover (issue 8): what the outgoing operator hands to the incoming one, built from
the vault's state since the last signed handover, and signed off by both in one transaction.

Modules: `content` (the sections, pure; canonical JSON and hash), `build` (the pending
handover from the vault), `signoff` (proving the incoming operator, storing and sealing).
"""

from commandcenter.services.handover.build import AHEAD, READERS, build
from commandcenter.services.handover.content import Handover, Item, Section, SignOff, Summary
from commandcenter.services.handover.signoff import (
    candidates, history, load_signed, prove_identity, sign_off, signed,
)

__all__ = ["AHEAD", "READERS", "build", "Handover", "Item", "Section", "SignOff", "Summary",
           "candidates", "history", "load_signed", "prove_identity", "sign_off", "signed"]
