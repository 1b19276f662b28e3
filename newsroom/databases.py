"""
The connection options settings.DATABASES gets for its engine, so that a
database that is down or stuck fails a request instead of hanging it, and
SQLite copes with a writer beside its readers; SQLite through our own
engine (newsroom/sqlite3/), Django's with its statements' placeholders
converted once.
"""

from pathlib import Path

SQLITE_ENGINE = "newsroom.sqlite3"
# Address space, not memory: SQLite maps no more of the file than it has,
# and caps this at its own compile-time limit (2 GB in common builds).
SQLITE_MAP = 2**31


def tune(database, *, connect_timeout, statement_timeout):
    """Complete `database` (a DATABASES entry) in place; `statement_timeout` in seconds, 0 for none."""
    if database["ENGINE"] == "django.db.backends.postgresql":
        database["CONN_HEALTH_CHECKS"] = True
        options = database.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", connect_timeout)
        if statement_timeout:
            options["options"] = f"{options.get('options', '')} -c statement_timeout={int(statement_timeout * 1000)}".strip()
    elif database["ENGINE"] in ("django.db.backends.sqlite3", SQLITE_ENGINE):
        database["ENGINE"] = SQLITE_ENGINE
        # The embedded default must work on a fresh clone: make var/ if missing.
        if database["NAME"] != ":memory:":
            Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers carry on while the importer writes; IMMEDIATE avoids
        # "database is locked" when two writers upgrade read locks at once.
        # The file is read through a memory map (up to SQLITE_MAP bytes of it),
        # from the page cache every process shares: with SQLite's own cache of
        # 2 MB a connection, a topic's 1,200 index lookups on 100,000 stories
        # each read a page with a system call (2.4 ms of CPU, 1.3 mapped).
        # A statement's temporary b-trees (IN lists, sorts) live in memory:
        # as "temporary files" each had a pager and a page cache of its own,
        # about 80 KB, made and freed per statement, and with the main file
        # mapped (so its pages no longer sit on the heap above them) the C
        # allocator handed that memory back to the system and faulted it in
        # again every time: "Baca juga"'s query (nine such b-trees) took 170
        # page faults and 0.3 ms of CPU per article page, 0.08 ms in memory.
        # A reader page's statements put a few hundred keys in them at most.
        database.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size={SQLITE_MAP}; PRAGMA temp_store=MEMORY;",
            }
        )
