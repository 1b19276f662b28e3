"""
/healthz: whether this instance can serve pages, for load balancers and
uptime checks.

200 {"status": "ok", "database": "ok"} when the database answers a query,
503 {"status": "error", "database": "unavailable"} when it does not. The
body names no host or error (it is public); the log has the details. The
answer is never cached and touches neither session nor user, so it costs one
trivial query and no writes.
"""

import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("Health check failed: the database does not answer (%s)", str(exc).strip() or type(exc).__name__)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
