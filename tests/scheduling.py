"""How `make test` shares the tests out over its workers (a plain module: tests/conftest.py
gives xdist the scheduler, and no test imports a conftest)."""
from __future__ import annotations

import re

from xdist.scheduler import LoadScopeScheduling

# `make test` (pytest-xdist) keeps a file's tests on one worker, so that its module fixtures are
# set up once (the Firefox and WebKit runs, the second engine's builds); the tests of a gate
# sharded for speed (axe, Lighthouse) go one by one. xdist's own `--dist loadgroup` cannot do it
# here: it writes a test's group into `item._nodeid`, which pytest 9.2's nodes no longer read, so
# every test was scheduled alone and such fixtures were set up on both workers.
# A sharded test says so in its id (shard_id), the one thing of a test xdist's controller sees.
SHARD_IN_ID = re.compile(r"\[(?:[^\]]*-)?shard\d+(?:-[^\]]*)?\]$")


def shard_id(n: int) -> str:
    """The id of a sharded gate's n-th test (pytest.param(..., id=shard_id(n)), or a part of it)."""
    return f"shard{n}"


def scheduling_unit(nodeid: str) -> str:
    """What a test is scheduled with: its file, or itself when it is a shard of a gate."""
    return nodeid if SHARD_IN_ID.search(nodeid) else nodeid.split("::", 1)[0]


class ByFile(LoadScopeScheduling):
    def __init__(self, config, log=None):
        # Units in the order collected (browser tests, then the gates, then the short files), not
        # by how many tests each holds: so ordered, the shards, one test each and the longest
        # tests of the suite, came last (make test 9 min 2 s against 8 min 40 s in this order).
        config.option.loadscopereorder = False
        super().__init__(config, log)

    def _split_scope(self, nodeid: str) -> str:
        return scheduling_unit(nodeid)
