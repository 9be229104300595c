"""At most one heavy image decode at a time in each server process.

Production runs gunicorn with threads (WEB_THREADS): while one thread decodes a
100-megapixel upload, the others keep answering pages. Two or three such decodes
side by side in one process would multiply its memory and starve the page threads
of CPU, so they queue here. A waiting upload is answered "busy, try again" after
DECODE_WAIT_SECONDS rather than held until a proxy drops the connection.
"""

import threading
from contextlib import contextmanager

DECODE_WAIT_SECONDS = 20

_slot = threading.BoundedSemaphore(1)


class DecodeBusy(Exception):
    """Another decode kept the slot for longer than the caller was willing to wait."""


@contextmanager
def decode_slot(*, patient: bool = False):
    """Hold the process's decode slot; a patient caller waits as long as it takes."""
    acquired = (
        _slot.acquire() if patient else _slot.acquire(timeout=DECODE_WAIT_SECONDS)
    )
    if not acquired:
        raise DecodeBusy
    try:
        yield
    finally:
        _slot.release()
