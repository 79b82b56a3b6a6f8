"""The Flask application factory."""
from __future__ import annotations

import logging
import os
import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from flask import Flask, Response, current_app, g, has_request_context, request

from . import config as configuration
from . import metrics
from .admission import Admission, ClientGone, Overloaded, always_connected, socket_connected
from .engine import Engine

access_log = logging.getLogger("service.access")
log = logging.getLogger("service.app")
_REQUEST_ID_JUNK = re.compile(r"[^A-Za-z0-9._:;=/+@-]")
REQUEST_ID_MAX = 128
CLIENT_CLOSED_REQUEST = 499


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
    app.register_error_handler(Overloaded, _overloaded)
    app.register_error_handler(ClientGone, _client_gone)
    app.before_request(_start)
    app.after_request(_finish)
    return app


def _overloaded(exc: Overloaded) -> Response:
    from .api.problems import problem_response

    return problem_response("overloaded", f"This worker is busy: {exc}.", headers={"Retry-After": str(exc.retry_after)})


def _client_gone(exc: ClientGone) -> Response:
    # Nobody reads this answer; 499 (nginx's "client closed request") marks it in the log and metrics.
    return Response(status=CLIENT_CLOSED_REQUEST)


class EngineRunner:
    """The engine behind admission control (service/admission.py): one extraction at a time per
    process, in a bounded queue whose wait counts against the deadline, while the gunicorn
    worker's other threads keep answering /healthz and /metrics.

    The engine checks its deadline itself. `abort_after` (seconds) is the backstop: an extraction
    still running then ends the whole process, and gunicorn starts a fresh worker (its own
    timeout cannot: a gthread worker's main thread keeps reporting alive)."""

    def __init__(self, engine, abort_after: float | None = None, admission: Admission | None = None):
        self.engine = engine
        self.abort_after = abort_after
        self.admission = admission or Admission()
        self._thread, self._pid = None, None

    def extract(self, text: str, *, include_nonspeech: bool, deadline: float):
        with self.admission.turn(len(text), deadline, _client_connected()):
            watchdog = None
            if self.abort_after:
                watchdog = threading.Timer(self.abort_after, self._overrun)
                watchdog.daemon = True
                watchdog.start()
            try:
                return self._on_engine_thread(self.engine.extract, text, include_nonspeech=include_nonspeech,
                                              deadline=deadline)
            finally:
                if watchdog:
                    watchdog.cancel()

    def _on_engine_thread(self, function, *args, **kwargs):
        """Run on this process's one engine thread (callers hold the admission turn). Whichever
        request thread takes a turn, the models' per-thread state (torch, malloc) exists once:
        with extractions on every request thread, worker memory kept growing."""
        if self._pid != os.getpid():  # first call, or forked: the parent's thread is not here
            self._thread, self._pid = ThreadPoolExecutor(1, thread_name_prefix="engine"), os.getpid()
        return self._thread.submit(function, *args, **kwargs).result()

    def _overrun(self) -> None:
        log.critical("an extraction ran for over %s s: ending worker %d so that gunicorn replaces it",
                     self.abort_after, os.getpid())
        self._abort()

    @staticmethod
    def _abort() -> None:
        os._exit(70)  # EX_SOFTWARE

    def ready(self) -> bool:
        """Never waits: a worker busy extracting is working, so it is ready; an idle one must
        answer the engine's tiny parse."""
        if not self.admission.try_turn():
            return True
        try:
            return self._on_engine_thread(self.engine.ready)
        finally:
            self.admission.release()


def _client_connected():
    """Whether the client of the current request is still connected (gunicorn's socket)."""
    if not has_request_context():
        return always_connected
    return socket_connected(request.environ.get("gunicorn.socket"))


def request_id(raw: str | None) -> str:
    """The caller's X-Request-ID, stripped to a safe alphabet and length, else a new one."""
    cleaned = _REQUEST_ID_JUNK.sub("", raw or "")[:REQUEST_ID_MAX]
    return cleaned or uuid.uuid4().hex


def queued_seconds(header: str | None, now: float, limit: float) -> float:
    """How long the request waited between the front (nginx) and this worker, from the front's
    `X-Request-Start: t=<epoch seconds>`; 0 without one, and never more than `limit` or less
    than 0, so a forged header can only shorten its own request's deadline."""
    try:
        started = float((header or "").removeprefix("t="))
    except ValueError:
        return 0.0
    return min(max(0.0, now - started), limit) if started == started else 0.0  # NaN: no header


def _start() -> None:
    queued = queued_seconds(request.headers.get("X-Request-Start"), time.time(), current_app.config["REQUEST_TIMEOUT"])
    g.queued = queued
    g.start = time.monotonic() - queued  # the deadline and the logged duration include the wait
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
        duration_ms=round(elapsed * 1000, 1), queued_ms=round(g.queued * 1000, 1), request_id=g.request_id,
        bytes_in=g.get("bytes_in", request.content_length or 0), bytes_out=response.content_length))
    return response
