"""Start the real production server (`python -m service`) bound to 127.0.0.1 only.

Identical to `python -m service` (same gunicorn options, preload, gthread workers, env vars)
except that the listening address is 127.0.0.1:$PORT instead of 0.0.0.0:$PORT, so the
benchmark never exposes a port beyond the machine. Used by bench/run.py.
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import service.__main__ as server_main  # noqa: E402

_original = server_main.gunicorn_options


def _local_options(cfg, metrics_dir):
    options = _original(cfg, metrics_dir)
    options["bind"] = [f"127.0.0.1:{cfg.port}"]
    return options


server_main.gunicorn_options = _local_options

if __name__ == "__main__":
    server_main.main()
