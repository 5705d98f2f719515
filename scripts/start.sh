#!/usr/bin/env bash
# Runs xxgk on this machine with demo data: http://127.0.0.1:8000/ (admin: admin / admin).
# Needs only a Python >= 3.12; safe to run again. Data lives in var/ (SQLite) unless
# DATABASE_URL is set. XXGK_ADDR=0.0.0.0:8000 changes the address.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

ensure_venv

log "xxgk migrate"
.venv/bin/xxgk migrate --noinput
log "xxgk demo"
.venv/bin/xxgk demo
log "xxgk open_data (the downloads of /data/; on a server, run it from cron)"
.venv/bin/xxgk open_data

log "xxgk worker (background jobs: report imports, OCR) beside the web server"
.venv/bin/xxgk worker &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM

addr="${XXGK_ADDR:-127.0.0.1:8000}"
log "xxgk runserver $addr  (Ctrl-C stops it)"
.venv/bin/xxgk runserver "$addr"
