"""Giving memory the app has freed back to the operating system (Linux with glibc).

glibc keeps freed memory inside its heap for the next allocation and returns it to the
system only from the heap's top. After a burst of work — unlocking (the dashboard's first
snapshot parses thousands of rows; SQLCipher decrypts its pages), opening an area, a
briefing pack — pages that are free but sit below a live block stay resident: on the
war-room vault, 14 MB of the 198 MB held right after unlock (benchmarks/bench_session.py).
`malloc_trim(0)` hands every whole free page back (madvise) in about 2 ms there; the
kernel gives the process zeroed pages if it needs them again, so the words that were on
those pages are gone from the process too.

macOS, Windows and other C libraries return freed memory in their own way and have no
such call: there `release_freed()` does nothing.
"""

import functools
import sys


@functools.cache  # looked up once, on first use: ctypes is not loaded before the first paint
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library the process already runs on
    except (OSError, AttributeError):  # musl and others: no malloc_trim
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_freed() -> bool:
    """Return free heap pages to the system; True when the C library could do it."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
