"""Process-level tuning applied where the application starts (wsgi.py)."""

import gc

# Collect the young generation every 50,000 allocations instead of 700: a page that builds
# a thousand sitemap entries or a feed no longer triggers dozens of collections.
GC_THRESHOLDS = (50_000, 20, 20)


def tune_garbage_collector() -> None:
    """Keep Python's cyclic collector off the start-up heap.

    Everything loaded at start-up (Django, the URL resolvers, settings, app registry) lives
    as long as the process. Frozen, it is never traversed again; unfrozen, every full
    collection walked all of it, adding 50-70 ms to one request in twenty.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
