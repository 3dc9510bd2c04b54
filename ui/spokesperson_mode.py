"""What the window shows a spokesperson operator: their lines only (DESIGN §4, issue 6).

The rail and every area are hidden, and so is every menu action except locking, switching
operator, quitting, their own passphrase and keychain, their briefing card and About; the
shortcuts of hidden actions are disabled too. The services refuse the rest on their own
(drafts, rationale, the audit trail, other people's contacts): this is the second lock."""

SPOKESPERSON_ACTIONS = {"lock", "switch", "quit", "change_passphrase", "keychain",
                        "briefing_card", "about"}


def reset(window) -> None:
    """Everything back on before the next operator's rules apply."""
    window.spokesperson_only = False
    window.rail.show()
    for action in window.actions_by_key.values():
        action.setEnabled(True)
        action.setVisible(True)
    for top in window.menuBar().actions():
        top.setVisible(True)


def restrict(window) -> None:
    window.spokesperson_only = True
    window.rail.hide()
    for key, action in window.actions_by_key.items():
        allowed = key in SPOKESPERSON_ACTIONS
        action.setEnabled(allowed and action.isEnabled())
        action.setVisible(allowed)
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is not None:
            top.setVisible(any(a.isVisible() and not a.isSeparator() for a in menu.actions()))
