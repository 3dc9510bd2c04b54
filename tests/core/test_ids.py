"""Row ids (models.base.new_id): UUID version 7, time-ordered, so new rows append to the end
of every index on an id (fewer pages dirtied and encrypted per write)."""

import uuid

from commandcenter.models import base


def test_ids_are_version_7_uuids_and_unique():
    ids = [base.new_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    for text in ids[:100]:
        value = uuid.UUID(text)
        assert value.version == 7 and value.variant == uuid.RFC_4122 and str(value) == text


def test_ids_of_later_milliseconds_sort_after(monkeypatch):
    clock = iter([1_796_111_339_652_000_000, 1_796_111_339_653_000_000,
                  1_796_111_339_653_000_001, 1_796_111_400_000_000_000])
    monkeypatch.setattr(base.time, "time_ns", lambda: next(clock))
    first, second, same_ms, later = (base.new_id() for _ in range(4))
    assert first < second and first < same_ms and second < later and same_ms < later
    assert first.startswith(f"{1_796_111_339_652:012x}"[:8])  # the milliseconds lead
