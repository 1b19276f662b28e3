"""Watching child processes from tests, through /proc (Linux)."""

import time
from pathlib import Path


def children_of(pid="self"):
    """Process ids of the children of process `pid` (this one by default)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found.update(int(child) for child in (task / "children").read_text().split())
    return found


def ends_soon(pid, within=5.0):
    """Whether process `pid` ends within `within` seconds (a zombie has ended, it waits to be reaped)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False
