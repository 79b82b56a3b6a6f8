"""The production server: `python -m service`.

gunicorn, run in-process: the models are loaded once in the master before it forks WORKERS
workers (preload_app), which share them copy-on-write. Each worker runs gthread (service.worker)
with a thread for each request its admission queue may hold, one extraction at a time, and a few
more so that /healthz, /readyz and /metrics answer meanwhile. Slow and idle clients are the
front's to absorb: deploy/nginx.conf reads each request whole before it reaches a worker.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging.config
import math
import os
import shutil
import sys
import tempfile

from gunicorn.app.base import BaseApplication

from . import config as configuration
from .admission import QUEUE_LIMIT
from .engine import ModelDirError, check_model_dir
from .logs import dict_config

# Per worker: one extracts, QUEUE_LIMIT wait for it, the rest answer probes, metrics and refusals.
HTTP_THREADS = 1 + QUEUE_LIMIT + 3
MAX_REQUESTS = 2000  # then a worker is replaced (gracefully), so no slow growth outlives it
SETUP_HINT = " (python -m service.download_models DIR fetches the official models into DIR)"


class Server(BaseApplication):
    def __init__(self, app, options: dict):
        self.application, self.options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def gunicorn_options(cfg: configuration.Config, metrics_dir: str) -> dict:
    def child_exit(server, worker) -> None:
        from . import metrics

        metrics.mark_process_dead(worker.pid)

    def on_exit(server) -> None:
        shutil.rmtree(metrics_dir, ignore_errors=True)

    return {
        "bind": [f"{cfg.host}:{cfg.port}"],
        "workers": cfg.workers,
        "worker_class": "service.worker.Worker",
        "threads": HTTP_THREADS,
        # A worker takes no more connections than it has threads: the rest wait in the listen
        # backlog for whichever worker has room, never in a busy worker's thread pool. So no
        # keep-alive (the front opens one connection per request anyway).
        "worker_connections": HTTP_THREADS,
        "keepalive": 0,
        "max_requests": MAX_REQUESTS,
        "max_requests_jitter": MAX_REQUESTS // 10,
        "preload_app": True,
        # The engine stops at REQUEST_TIMEOUT itself. `timeout` is the backstop (EngineRunner
        # enforces it: see abort_after); graceful_timeout is what SIGTERM leaves in-flight requests.
        "timeout": math.ceil(cfg.request_timeout) + 15,
        "graceful_timeout": math.ceil(cfg.request_timeout) + 5,
        "accesslog": None,  # the app logs each request as JSON
        "errorlog": "-",
        "loglevel": cfg.log_level.lower(),
        "logconfig_dict": dict_config(cfg.log_level),
        "control_socket_disable": True,
        "proc_name": "quote-attribution",
        "child_exit": child_exit,
        "on_exit": on_exit,
    }


def main() -> None:
    try:
        cfg = configuration.load()
        check_model_dir(cfg.model_dir)
    except (configuration.ConfigError, ModelDirError) as exc:
        sys.exit(f"quote-attribution: {exc}{SETUP_HINT if isinstance(exc, ModelDirError) else ''}")

    logging.config.dictConfig(dict_config(cfg.log_level))
    limit_malloc_arenas()
    # A fresh directory for this server's metrics, set before prometheus_client is imported.
    metrics_dir = tempfile.mkdtemp(prefix="quote-attribution-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    from .app import create_app

    try:
        app = create_app()  # loads the models, once, before gunicorn forks
    except ModelDirError as exc:
        shutil.rmtree(metrics_dir, ignore_errors=True)
        sys.exit(f"quote-attribution: {exc}")
    options = gunicorn_options(cfg, metrics_dir)
    runner = app.extensions["quote_engine"]
    runner.abort_after = options["timeout"]
    share_with_workers(runner.engine)
    Server(app, options).run()


def share_with_workers(engine) -> None:
    """Keep the workers' private memory small: build the models' lazy state in the master (one
    tiny parse), then freeze every object into the permanent generation so that the workers'
    garbage collector never writes to, and so copies, the pages the master's objects live on."""
    engine.ready()
    gc.collect()
    gc.freeze()


def limit_malloc_arenas(arenas: int = 2) -> None:
    """glibc gives each thread its own malloc arena, which keeps freed parse buffers per thread;
    the gthread workers parse on whichever thread took the request, so cap the arenas."""
    libc_name = ctypes.util.find_library("c")
    if libc_name and sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(libc_name).mallopt(-8, arenas)  # M_ARENA_MAX
        except (OSError, AttributeError):
            pass  # not glibc (musl has no arenas to cap)


if __name__ == "__main__":
    main()
