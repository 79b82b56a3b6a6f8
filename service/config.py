"""All configuration, read from environment variables in this one place.

| variable              | default                               | meaning                                          |
|-----------------------|---------------------------------------|--------------------------------------------------|
| STANZA_RESOURCES_DIR  | (none: the server refuses to start)   | Stanza model directory (resources.json + en/...) |
| HOST                  | 0.0.0.0                               | address the server listens on (127.0.0.1 behind  |
|                       |                                       | a front in the same pod, see deploy/)            |
| PORT                  | 8000                                  | TCP port the server listens on                   |
| WORKERS               | number of usable CPU cores            | gunicorn worker processes                        |
| THREADS               | 1                                     | torch threads per worker (see DEFAULT_THREADS)   |
| MAX_BODY_BYTES        | 2097152 (2 MiB)                       | largest accepted request body                    |
| REQUEST_TIMEOUT       | 30                                    | seconds one request may take (then 503)          |
| LOG_LEVEL             | INFO                                  | DEBUG, INFO, WARNING, ERROR                      |
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# One torch thread per worker, however few the workers: the models' matrices are small, so a
# second intra-op thread saves no wall time and costs CPU spinning at its barriers, far more
# when the cores are busy (bench/run.py --section peer, one worker, sequential requests on 2
# cores: THREADS=2 took 1.1x and 1.4x the wall time, 1.45x and 1.4x the CPU of THREADS=1 in
# two runs; README, Performance).
DEFAULT_THREADS = 1
# Where the command-line tools (not the server) look for models when STANZA_RESOURCES_DIR is unset.
CHECKOUT_MODEL_DIR = Path(__file__).resolve().parents[2] / "shared" / "stanza_resources"


class ConfigError(ValueError):
    """An environment variable has a value the service cannot use."""


@dataclass(frozen=True)
class Config:
    model_dir: str | None
    host: str
    port: int
    workers: int
    threads: int
    max_body_bytes: int
    request_timeout: float
    log_level: str


def cpu_count() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def load(overrides: Mapping[str, object] | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Build the configuration from `env` (default os.environ); `overrides` (same keys as the
    environment variables) win. Raises ConfigError naming the variable at fault."""
    values = dict(os.environ if env is None else env)
    values.update({k: str(v) for k, v in (overrides or {}).items()})

    def number(name: str, default, kind=int, minimum=1):
        raw = values.get(name, "").strip()
        if not raw:
            return default
        try:
            value = kind(raw)
        except ValueError:
            raise ConfigError(f"{name}={raw!r} is not a valid {kind.__name__}") from None
        if not value >= minimum:  # also rejects NaN
            raise ConfigError(f"{name}={raw!r} must be at least {minimum}")
        return value

    workers = number("WORKERS", cpu_count())
    log_level = values.get("LOG_LEVEL", "").strip().upper() or "INFO"
    if log_level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL={log_level!r} must be one of {', '.join(LOG_LEVELS)}")
    return Config(
        model_dir=values.get("STANZA_RESOURCES_DIR") or None,
        host=values.get("HOST", "").strip() or "0.0.0.0",
        port=number("PORT", 8000, minimum=0),
        workers=workers,
        threads=number("THREADS", DEFAULT_THREADS),
        max_body_bytes=number("MAX_BODY_BYTES", 2 * 1024 * 1024),
        request_timeout=number("REQUEST_TIMEOUT", 30.0, kind=float, minimum=0.1),
        log_level=log_level,
    )
