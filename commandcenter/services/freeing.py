"""Letting go of a large result without holding the interpreter lock for all of it.

Freeing a list of 100,000 rows (each a dict or tuple of a dozen values) is one cascade of
C deallocations that never stops to let another thread run Python: on a worker thread it
froze the window for 100–200 ms at the end of a decision-log check (issue 9's session
benchmark). Emptying the list a slice at a time gives the interpreter a chance to switch
threads between slices; the total work is the same.
"""

STEP = 2000


def free_gradually(items: list, step: int = STEP) -> None:
    """Empty `items` in place, `step` at a time. Only what nothing else refers to is freed;
    call it once the other holders (indexes built over the same rows) are gone."""
    while items:
        del items[-step:]
