"""
Ask the database for its applied migrations within a deadline, whatever it does.

/healthz must answer within seconds even when the database accepts
connections and then never answers (a hung server, or a pooler in front of
one). A driver's blocking calls cannot be given a deadline, and a
server-side statement_timeout never fires on a server that does not run,
so on PostgreSQL the probe opens a connection of its own through libpq's
non-blocking interface (psycopg.pq) and waits on its socket with the time
that is left. The connection is closed whatever happens, so a hung database
leaves no stuck thread or socket behind. SQLite is a file that cannot hang
this way; Django's own connection asks it.
"""

import select
import time

from django.db import DatabaseError, connections

EXCLUDED_PARAMS = {"cursor_factory", "context", "prepare_threshold", "pool", "server_side_binding"}
UNDEFINED_TABLE = b"42P01"
QUERY = "SELECT app, name FROM django_migrations"


class ProbeTimeout(DatabaseError):
    """The database did not answer within the deadline."""


class NotMigrated(DatabaseError):
    """The database answers but has no migration table: nothing was migrated."""


def applied_migrations(timeout, alias="default"):
    """The set of (app, name) migrations applied, asked within `timeout` seconds."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        return _postgres_applied(connection.get_connection_params(), time.monotonic() + timeout)
    try:
        with connection.cursor() as cursor:
            cursor.execute(QUERY)
            return set(cursor.fetchall())
    except DatabaseError:
        if "django_migrations" not in connection.introspection.table_names():
            raise NotMigrated("no django_migrations table") from None
        raise


def _postgres_applied(params, deadline):
    from psycopg import conninfo, pq

    info = conninfo.make_conninfo("", **{k: v for k, v in params.items() if k not in EXCLUDED_PARAMS and v is not None})
    pgconn = pq.PGconn.connect_start(info.encode())
    try:
        while (status := pgconn.connect_poll()) not in (pq.PollingStatus.OK, pq.PollingStatus.FAILED):
            _wait(pgconn, status == pq.PollingStatus.WRITING, deadline)
        if status == pq.PollingStatus.FAILED:
            raise DatabaseError(pgconn.get_error_message())
        pgconn.nonblocking = 1
        pgconn.send_query(QUERY.encode())
        while pgconn.flush():
            _wait(pgconn, True, deadline)
        while True:
            pgconn.consume_input()
            if not pgconn.is_busy():
                break
            _wait(pgconn, False, deadline)
        result = pgconn.get_result()
        if result.status == pq.ExecStatus.TUPLES_OK:
            return {(result.get_value(row, 0).decode(), result.get_value(row, 1).decode()) for row in range(result.ntuples)}
        if result.error_field(pq.DiagnosticField.SQLSTATE) == UNDEFINED_TABLE:
            raise NotMigrated("no django_migrations table")
        raise DatabaseError(result.error_message.decode(errors="replace"))
    finally:
        pgconn.finish()


def _wait(pgconn, for_write, deadline):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise ProbeTimeout("no answer in time")
    sockets = [pgconn.socket]
    ready = select.select([], sockets, [], remaining) if for_write else select.select(sockets, [], [], remaining)
    if not any(ready):
        raise ProbeTimeout("no answer in time")
