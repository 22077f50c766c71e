"""/healthz for load balancers: the database and the cache answer, or 503."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:  # any failure means unhealthy; the log says which
        logger.exception("health check: database")
        checks["database"] = "error"
    try:
        key, token = "healthz", uuid.uuid4().hex
        cache.set(key, token, 10)
        checks["cache"] = "ok" if cache.get(key) == token else "error"
    except Exception:
        logger.exception("health check: cache")
        checks["cache"] = "error"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
