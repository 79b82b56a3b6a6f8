#!/usr/bin/env bash
# Run all tests: creates .venv if missing, installs the project with its test extra, runs pytest
# (arguments are passed on). Models: STANZA_RESOURCES_DIR, else ../shared/stanza_resources.
set -euo pipefail
cd "$(dirname "$0")"
VENV=${VENV:-.venv}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
# torch first, in the same step, so pip takes the CPU wheel
"$VENV/bin/pip" install -q -c constraints.txt torch==2.13.0 -e '.[test]'
export STANZA_RESOURCES_DIR="${STANZA_RESOURCES_DIR:-$(pwd)/../shared/stanza_resources}"
exec "$VENV/bin/python" -m pytest "$@"
