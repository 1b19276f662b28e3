"""
/healthz: whether this instance can serve pages, for load balancers and
uptime checks.

200 {"status": "ok", "database": "ok"} when the database answers and every
migration on disk is applied; 503 {"status": "error", "database":
"unavailable"} when it does not answer within HEALTHZ_TIMEOUT seconds
(whatever it does: refused, hung, slow), 503 {"status": "error", "database":
"not migrated"} when migrations are missing, since every page would fail.
The body names no host or error (it is public); the log has the details.
The cache is checked too, but only reported: with it unreachable pages
render uncached, slower but correct, so the answer stays 200 with "cache":
"degraded" (the database keeps 503 for itself).
The answer is never cached, is exempt from the HTTPS redirect (a load
balancer probes plain HTTP) and touches neither session nor user.
"""

import functools
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.migrations.loader import MigrationLoader
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newsroom.dbprobe import NotMigrated, applied_migrations

logger = logging.getLogger(__name__)


@functools.cache
def latest_migrations():
    """
    The last migration of each app on disk, as {(app, name): names it replaces}.
    Migrations are applied in order, so these being applied means all are.
    Read once per process: files change only with a deploy, which restarts it.
    """
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {node: set(loader.graph.nodes[node].replaces) for node in loader.graph.leaf_nodes()}


def missing_migrations(applied):
    return sorted(
        f"{app}.{name}"
        for (app, name), replaces in latest_migrations().items()
        if (app, name) not in applied and not (replaces and replaces <= applied)
    )


def cache_state():
    try:
        cache.set("healthz:probe", 1, 10)
        if cache.get("healthz:probe") != 1:
            raise ConnectionError("the value written was not read back")
    except Exception as exc:
        logger.warning("Health check: the cache does not answer (%s); pages are served uncached", exc)
        return "degraded"
    return "ok"


def answer(database, status):
    return JsonResponse(
        {"status": "ok" if status == 200 else "error", "database": database, "cache": cache_state()}, status=status
    )


@never_cache
@require_safe
def healthz(request):
    try:
        applied = applied_migrations(settings.HEALTHZ_TIMEOUT)
    except NotMigrated:
        logger.error("Health check failed: the database has never been migrated")
        return answer("not migrated", 503)
    except DatabaseError as exc:
        logger.error("Health check failed: the database does not answer (%s)", str(exc).strip() or type(exc).__name__)
        return answer("unavailable", 503)
    if missing := missing_migrations(applied):
        logger.error("Health check failed: migrations not applied: %s", ", ".join(missing))
        return answer("not migrated", 503)
    return answer("ok", 200)
