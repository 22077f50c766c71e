"""Structured logs: one JSON object per line, tagged with the request's id.

The request id is set by ``config.middleware.RequestLogMiddleware`` for the
duration of a request, so every line logged while serving it (ours, Django's,
a library's) carries the same ``request_id`` as the request's own line.
"""

import contextvars
import json
import logging
from datetime import UTC, datetime

request_id_var = contextvars.ContextVar("request_id", default="-")

# Attributes a log call may pass in ``extra=`` that the JSON line keeps. Anything
# else a library attaches (Django attaches the whole request object to
# django.request records) stays out of the log: it may hold personal data.
EXTRA_FIELDS = ("method", "path", "status", "duration_ms", "view")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        request_id = request_id_var.get()
        if request_id == "-":
            # Django logs 4xx/5xx responses (django.request) after the middleware
            # chain has returned; the record carries the request, which carries the id.
            request_id = getattr(getattr(record, "request", None), "request_id", "-")
        record.request_id = request_id
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for name in EXTRA_FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
