#!/usr/bin/env bash
# Start the service on a fresh machine: creates .venv if missing, installs (again only when
# pyproject.toml or constraints.txt changed), runs `python -m service`, says when it is ready.
# Models: STANZA_RESOURCES_DIR, else ../shared/stanza_resources beside the checkout.
set -euo pipefail
cd "$(dirname "$0")"
VENV=${VENV:-.venv}
PORT=${PORT:-8000}
say() { echo "run.sh: $*" >&2; }

install() {
  local log="$VENV/pip.log" pid waited=0
  say "installing the service and its dependencies into $VENV (a few minutes the first time; log: $log)"
  # torch first, in the same step, so pip takes the CPU wheel
  "$VENV/bin/pip" install -c constraints.txt torch==2.13.0 -e . >"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    waited=$((waited + 1))
    if ((waited % 15 == 0)) && kill -0 "$pid" 2>/dev/null; then
      say "  still installing (${waited} s): $(grep -v '^WARNING' "$log" | tail -n 1 | cut -c1-90)"
    fi
  done
  if ! wait "$pid"; then
    tail -n 15 "$log" >&2
    say "the install failed: the end of $log is above"
    exit 1
  fi
}

announce_when_ready() {  # in the background: polls /readyz while the server ($1) runs
  local server=$1
  for _ in $(seq 600); do
    sleep 1
    kill -0 "$server" 2>/dev/null || return 0
    if "$VENV/bin/python" -m service.healthcheck 2>/dev/null; then
      say "ready: http://localhost:$PORT/demo (paste an article), /docs (how to read the answer); Ctrl-C stops"
      return 0
    fi
  done
}

if [ ! -x "$VENV/bin/python" ]; then
  say "creating the virtual environment $VENV"
  python3 -m venv "$VENV"
fi
wanted="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$VENV/.run-sh-installed" 2>/dev/null)" != "$wanted" ]; then
  install
  echo "$wanted" >"$VENV/.run-sh-installed"
fi
export STANZA_RESOURCES_DIR="${STANZA_RESOURCES_DIR:-$(pwd)/../shared/stanza_resources}"
export PORT
say "starting on port $PORT: loading the models from $STANZA_RESOURCES_DIR (10-30 s; log lines are JSON)"
announce_when_ready $$ &
exec "$VENV/bin/python" -m service
