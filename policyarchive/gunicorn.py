"""gunicorn's configuration for ``make serve`` (``gunicorn -c python:policyarchive.gunicorn``).

- ``PORT`` (8000) on 127.0.0.1: a reverse proxy in front terminates TLS and forwards to it.
- ``WEB_CONCURRENCY`` sync workers, by default 2 per core + 1 (gunicorn's advice for workers
  that mostly wait on the database); each keeps one database connection (``CONN_MAX_AGE``),
  so PostgreSQL's ``max_connections`` must exceed hosts × workers.
- Logs on stderr as JSON lines, one per request (method, path, status, bytes, milliseconds).
"""

import multiprocessing
import os

from gunicorn.glogging import Logger

bind = f"{os.environ.get('BIND_ADDRESS', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30  # a request longer than this is a stuck worker: gunicorn replaces it
graceful_timeout = 20
max_requests = 2000  # recycle workers now and then; the jitter keeps them from all going at once
max_requests_jitter = 200
forwarded_allow_ips = "127.0.0.1"
accesslog = None if os.environ.get("GUNICORN_ACCESS_LOG") == "0" else "-"
errorlog = "-"


class JsonAccessLogger(Logger):
    """One structured record per request, for the same JSON formatter as Django's logs."""

    def access(self, resp, req, environ, request_time):
        if not self.cfg.accesslog:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        self.access_log.info("request", extra={
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING") or None,
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "ms": round(request_time.total_seconds() * 1000, 1),
            "remote": environ.get("REMOTE_ADDR"),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR"),
            "user_agent": environ.get("HTTP_USER_AGENT"),
        })


logger_class = JsonAccessLogger
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_default": str,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}
