"""Prometheus metrics. Under `python -m service` PROMETHEUS_MULTIPROC_DIR is set before this module
is imported, so every gunicorn worker writes its samples there and /metrics, whichever worker
answers it, adds them all up (prometheus_client multiprocess mode)."""
from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter("quote_http_requests_total", "HTTP requests answered.", ["method", "route", "status"])
LATENCY = Histogram("quote_http_request_duration_seconds", "Time to answer an HTTP request.",
                    ["method", "route", "status"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
ARTICLES = Counter("quote_articles_processed_total", "Articles the engine processed.")
QUOTES = Counter("quote_quotes_extracted_total", "Quotes returned for those articles.")
MODEL_LOAD = Gauge("quote_model_load_seconds", "Seconds the engine took to load its models.",
                   multiprocess_mode="max")


def render() -> tuple[bytes, str]:
    """The exposition text and its content type."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry), CONTENT_TYPE_LATEST


def mark_process_dead(pid: int) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid)
