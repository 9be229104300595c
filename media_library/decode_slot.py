"""At most one heavy image decode at a time on this machine.

Production runs gunicorn with threads (WEB_THREADS): while one thread decodes a
100-megapixel upload, the others keep answering pages. Decoding is CPU work, so three
decodes side by side (one per worker process) would take every core from the page
threads; they queue here instead, through a lock file that every thread and process on
the machine shares (flock on a descriptor of one's own excludes other threads of the
same process as well). A waiting upload is answered "busy, try again" after
DECODE_WAIT_SECONDS rather than held until a proxy drops the connection.
"""

import fcntl
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

DECODE_WAIT_SECONDS = 20
POLL_SECONDS = 0.05
LOCK_PATH = Path(tempfile.gettempdir()) / "newsroom-image-decode.lock"


class DecodeBusy(Exception):
    """Another decode kept the slot for longer than the caller was willing to wait."""


@contextmanager
def decode_slot(*, patient: bool = False):
    """Hold the machine's decode slot; a patient caller waits as long as it takes."""
    deadline = None if patient else time.monotonic() + DECODE_WAIT_SECONDS
    with open(LOCK_PATH, "a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    raise DecodeBusy from None
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
