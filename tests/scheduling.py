"""How `make test` shares the tests out over its workers (a plain module: tests/conftest.py
gives xdist the scheduler, and no test imports a conftest)."""
from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

# `make test` (pytest-xdist) keeps a file's tests on one worker, so that its module fixtures are
# set up once (the Firefox and WebKit runs, the second engine's builds); the tests of a gate
# sharded for speed (axe, Lighthouse) go one by one. xdist's own `--dist loadgroup` cannot do it
# here: it writes a test's group into `item._nodeid`, which pytest 9.2's nodes no longer read, so
# every test was scheduled alone and such fixtures were set up on both workers.
SHARDED = {"tests/quality/test_axe.py", "tests/quality/test_lighthouse.py"}


def scheduling_unit(nodeid: str) -> str:
    """What a test is scheduled with: its file, or itself in a sharded gate."""
    path = nodeid.split("::", 1)[0]
    return nodeid if path in SHARDED else path


class ByFile(LoadScopeScheduling):
    def __init__(self, config, log=None):
        # Units in the order collected (browser tests, then the gates, then the short files), not
        # by how many tests each holds: so ordered, the shards, one test each and the longest
        # tests of the suite, came last (make test 9 min 2 s against 8 min 40 s in this order).
        config.option.loadscopereorder = False
        super().__init__(config, log)

    def _split_scope(self, nodeid: str) -> str:
        return scheduling_unit(nodeid)
