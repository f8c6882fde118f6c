#!/usr/bin/env bash
# Install what the tests need and run them all: the README's test command, and what CI runs.
# Run it inside a virtual environment (.ci/run makes a fresh one each time).
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -e ".[test]"

# Programs from Debian the tests use: Chromium (browser tests, chart exports) with CJK fonts,
# poppler-utils (pdftoppm, to look at exported PDFs), PostgreSQL, Redis and nginx (the tests start
# throw-away servers of their own from their binaries; tests/pg.py, tests/redis_server.py,
# tests/test_slow_clients.py).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null || missing+=(postgresql)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)  # not grep -q: under pipefail its early exit fails fc-list
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python -m ruff check .
python -m pytest "$@"
