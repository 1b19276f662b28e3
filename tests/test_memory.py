"""
newsroom/memory.py: the heap freed at the end of a request is kept for the
next one instead of being handed back to the kernel and faulted in again.
Each case runs in a fresh interpreter, so nothing else has tuned it yet.
"""

import ctypes
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A request's worth of churn: about 1 MB in blocks of 1 KB (too big for
# Python's own small-object allocator, so from malloc), freed, ten times
# over; prints the minor page faults that cost.
CHURN = """
import resource, sys
from newsroom.memory import keep_freed_memory
told = keep_freed_memory() if sys.argv[1] == "keep" else None
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(10):
    blocks = [bytes(1024) for _ in range(1000)]
    del blocks
print(told, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def churn(mode, **env):
    found = subprocess.run(
        [sys.executable, "-c", CHURN, mode], capture_output=True, text=True, check=True, cwd=ROOT, env={"PATH": "/usr/bin:/bin", **env}
    )
    told, faults = found.stdout.split()
    return told, int(faults)


@pytest.mark.skipif(not hasattr(ctypes.CDLL(None), "mallopt"), reason="glibc's mallopt() only")
def test_freed_heap_is_reused_without_page_faults():
    told, kept = churn("keep")
    assert told == "True"
    _, returned = churn("default")
    # With glibc's defaults each round faults its megabyte in again (about
    # 250 pages a round); kept, the first round's pages serve all ten.
    assert returned > 1000
    assert kept < returned / 4


def test_an_operators_own_setting_wins():
    told, _ = churn("keep", MALLOC_TRIM_THRESHOLD_="131072")
    assert told == "False"
