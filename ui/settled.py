"""Whether everything the app started has finished: what tests, benchmarks and the
screenshot script wait for before they look, in one place so they all wait for the same
things."""


def settled(runner) -> bool:
    """The Runner's jobs done and delivered, every chart asked for drawn and shown (charts
    draw on their own thread), and nothing waiting for a paint to start more work (the
    timeline's chart data, the roster's line states: ui.firstpaint.after_next_paint)."""
    from ui.charts.picture import charts_idle
    from ui.firstpaint import nothing_waiting

    return runner.idle and charts_idle() and nothing_waiting()
