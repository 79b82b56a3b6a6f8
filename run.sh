#!/usr/bin/env bash
# Start the service on a fresh machine: creates .venv if missing, installs, runs `python -m service`.
# Models: STANZA_RESOURCES_DIR, else ../shared/stanza_resources beside the checkout.
set -euo pipefail
cd "$(dirname "$0")"
VENV=${VENV:-.venv}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
# torch first, in the same step, so pip takes the CPU wheel
"$VENV/bin/pip" install -q -c constraints.txt torch==2.13.0 -e .
export STANZA_RESOURCES_DIR="${STANZA_RESOURCES_DIR:-$(pwd)/../shared/stanza_resources}"
exec "$VENV/bin/python" -m service
