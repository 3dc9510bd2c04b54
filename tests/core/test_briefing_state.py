"""briefing.state keeps only the points to read again and builds the Change list when
asked: the list must be exactly what comparing the whole snapshot with the whole
acknowledgement gives, and "not current" must hold exactly when that list is not empty."""

from hypothesis import given
from hypothesis import strategies as st

from commandcenter.services.briefing import state
from commandcenter.services.talking_points.current_line import KIND_ORDER, VersionInfo

POINTS = [f"p{n}" for n in range(6)]
VERSIONS = st.sampled_from(["v1", "v2", "v3"])
KINDS = st.sampled_from(["key_message", "do_not_say", "qa"])


def changes_by_full_comparison(snapshot, acked, current, titles):
    """The rule in its plain form: every point of the snapshot against the acknowledgement."""
    out = []
    for pid, now_id in snapshot.items():
        then_id = acked.get(pid)
        if pid in acked and then_id == now_id:
            continue
        v = current.get(pid)
        title, kind = (v.title, v.kind) if v else titles.get(pid, ("(untitled line)", ""))
        if now_id is None:
            if then_id is None:
                continue
            what = "withdrawn"
        elif kind == "do_not_say":
            what = "new do-not-say item" if then_id is None else "new version"
        else:
            what = "new line" if then_id is None else "new version"
        out.append(state.Change(pid, title, kind, what, then_id, now_id))
    out.sort(key=lambda c: (c.what != "withdrawn", KIND_ORDER.get(c.kind, 9), c.title.lower()))
    return out


@st.composite
def snapshots(draw):
    snapshot = draw(st.dictionaries(st.sampled_from(POINTS), st.none() | VERSIONS))
    acked = draw(st.dictionaries(st.sampled_from(POINTS), st.none() | VERSIONS))
    kinds = {pid: draw(KINDS) for pid in POINTS}
    current = {pid: VersionInfo(vid, pid, 1, kinds[pid], f"Line {pid}", ("press",), (),
                                "approved") for pid, vid in snapshot.items() if vid}
    return snapshot, acked, current


@given(snapshots())
def test_changes_built_later_are_the_full_comparisons(case):
    snapshot, acked, current = case
    titles = {pid: (f"Old {pid}", "key_message") for pid in POINTS}
    held = state.Holding(assigned_snapshot=snapshot, unread=state._unread(snapshot, acked),
                         current_by_point=current, titles=titles)
    expected = changes_by_full_comparison(snapshot, acked, current, titles)
    assert held.changes == expected
    assert (held.state == "not_current") == bool(expected)


@given(st.dictionaries(st.sampled_from(POINTS), st.none() | VERSIONS),
       st.dictionaries(st.sampled_from(POINTS), VERSIONS))
def test_the_snapshot_is_the_assigned_points_then_the_shared_do_not_say_items(mine, shared):
    held = state.Holding(assigned_snapshot=mine, do_not_say_snapshot=shared)
    assert list(held.snapshot.items()) == list(mine.items()) + [
        (pid, vid) for pid, vid in shared.items() if pid not in mine]
