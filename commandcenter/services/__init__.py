"""Use cases: the only code that opens sessions and writes. One module per aggregate.

Every function takes keyword-only arguments and the unlocked vault (or a session) explicitly.
"""
