"""The Flask application factory."""
from __future__ import annotations

import logging
import os
import re
import threading
import time
import uuid

from flask import Flask, g, request

from . import config as configuration
from . import metrics
from .engine import DeadlineExceeded, Engine

access_log = logging.getLogger("service.access")
log = logging.getLogger("service.app")
_REQUEST_ID_JUNK = re.compile(r"[^A-Za-z0-9._:;=/+@-]")
REQUEST_ID_MAX = 128


def create_app(config: dict | None = None, engine=None) -> Flask:
    """`config` overrides environment variables by name (e.g. {"MAX_BODY_BYTES": 1000});
    `engine` (anything with Engine's extract and ready) is built from STANZA_RESOURCES_DIR when
    not given, which raises ModelDirError if the directory is unusable."""
    cfg = configuration.load(config)
    if engine is None:
        started = time.monotonic()
        engine = Engine(cfg.model_dir, threads=cfg.threads)
        metrics.MODEL_LOAD.set(time.monotonic() - started)

    app = Flask(__name__, static_folder=None)
    app.config.update(MAX_CONTENT_LENGTH=cfg.max_body_bytes, REQUEST_TIMEOUT=cfg.request_timeout,
                      SERVICE=cfg)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["quote_engine"] = EngineRunner(engine)

    from .api import problems, routes

    app.register_blueprint(problems.bp)
    app.register_blueprint(routes.bp)
    app.before_request(_start)
    app.after_request(_finish)
    return app


class EngineRunner:
    """One extraction at a time per process (the gunicorn worker's other threads keep answering
    /healthz and /metrics meanwhile); waiting for the engine counts against the deadline.

    The engine checks its deadline between stages only. `abort_after` (seconds) is the backstop:
    an extraction still running then ends the whole process, and gunicorn starts a fresh worker
    (its own timeout cannot: a gthread worker's main thread keeps reporting alive)."""

    def __init__(self, engine, abort_after: float | None = None):
        self.engine = engine
        self.abort_after = abort_after
        self._lock = threading.Lock()

    def _acquire(self, deadline: float) -> None:
        if not self._lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise DeadlineExceeded("the engine stayed busy with other requests past the request time limit")

    def extract(self, text: str, *, include_nonspeech: bool, deadline: float):
        self._acquire(deadline)
        watchdog = None
        if self.abort_after:
            watchdog = threading.Timer(self.abort_after, self._overrun)
            watchdog.daemon = True
            watchdog.start()
        try:
            return self.engine.extract(text, include_nonspeech=include_nonspeech, deadline=deadline)
        finally:
            if watchdog:
                watchdog.cancel()
            self._lock.release()

    def _overrun(self) -> None:
        log.critical("an extraction ran for over %s s: ending worker %d so that gunicorn replaces it",
                     self.abort_after, os.getpid())
        self._abort()

    @staticmethod
    def _abort() -> None:
        os._exit(70)  # EX_SOFTWARE

    def ready(self, deadline: float) -> bool:
        self._acquire(deadline)
        try:
            return self.engine.ready()
        finally:
            self._lock.release()


def request_id(raw: str | None) -> str:
    """The caller's X-Request-ID, stripped to a safe alphabet and length, else a new one."""
    cleaned = _REQUEST_ID_JUNK.sub("", raw or "")[:REQUEST_ID_MAX]
    return cleaned or uuid.uuid4().hex


def _start() -> None:
    g.start = time.monotonic()
    g.request_id = request_id(request.headers.get("X-Request-ID"))


def _finish(response):
    elapsed = time.monotonic() - g.start
    route = request.url_rule.rule if request.url_rule else "<unmatched>"
    labels = dict(method=request.method, route=route, status=str(response.status_code))
    metrics.REQUESTS.labels(**labels).inc()
    metrics.LATENCY.labels(**labels).observe(elapsed)
    response.headers["X-Request-ID"] = g.request_id
    access_log.info("request", extra=dict(
        method=request.method, path=request.path, route=route, status=response.status_code,
        duration_ms=round(elapsed * 1000, 1), request_id=g.request_id,
        bytes_in=g.get("bytes_in", request.content_length or 0), bytes_out=response.content_length))
    return response
