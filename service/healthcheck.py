"""Container health check (no curl in the slim image): exit 0 when GET /readyz answers 200.

    python -m service.healthcheck
"""
from __future__ import annotations

import sys
import urllib.request

from . import config as configuration


def main() -> int:
    url = f"http://127.0.0.1:{configuration.load().port}/readyz"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return 0 if response.status == 200 else 1
    except Exception as exc:  # refused, timed out, 503 (HTTPError)
        print(f"{url}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
