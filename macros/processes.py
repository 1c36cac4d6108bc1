"""When the build may share work with forked processes (charts drawn ahead, references formatted
over the cores)."""
from __future__ import annotations

import multiprocessing
import threading


def fork_context():
    """The 'fork' start method, or None where forking is unsafe or missing. A fork copies only
    the calling thread: under `mkdocs serve` the server's and the file watcher's threads may hold
    a lock (logging's, for one) that the child would then wait on for ever. `mkdocs build` runs
    one thread. Without fork the work is done in place, as it always could be."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    return multiprocessing.get_context("fork")
