#!/usr/bin/env bash
# Every check CI runs (.ci/run calls this): system packages, the venv, PostgreSQL, ruff,
# import-linter, the whole pytest suite on SQLite, then the database tests again on PostgreSQL.
# Exits non-zero if any step failed; the summary at the end says which.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

started=$SECONDS
failures=()
results=()
fail() { failures+=("$1"); results+=("FAIL  $1"); }
pass() { results+=("ok    $1"); }

# --- Debian packages the tests use: the browser, CJK fonts, PDF and office converters, OCR --
DEBIAN_PACKAGES=(chromium fonts-noto-cjk poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui tesseract-ocr tesseract-ocr-chi-sim)
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "Debian packages present: ${DEBIAN_PACKAGES[*]}"
elif [ "$(id -u)" -eq 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; then
    pass "apt-get install ${missing[*]}"
  else
    fail "apt-get install ${missing[*]}"
  fi
else
  log "Missing Debian packages (not root, so not installing): ${missing[*]}"
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  echo "Tests that need them are skipped." >&2
fi

# --- Python environment -------------------------------------------------------------------
if ! ensure_venv test; then
  echo "FAILED: could not set up .venv" >&2
  exit 1
fi
export PATH="$PWD/.venv/bin:$PATH"
unset DJANGO_SETTINGS_MODULE XXGK_ENV SECRET_KEY ALLOWED_HOSTS REDIS_URL XXGK_S3_BUCKET

# --- Node tools for the browser tests (axe-core, pinned in package-lock.json) ---------------
if [ -f package-lock.json ] && [ ! -d node_modules/axe-core ]; then
  if command -v npm >/dev/null; then
    log "npm ci (axe-core for the accessibility checks)"
    if npm ci --no-audit --no-fund >/dev/null; then pass "npm ci"; else fail "npm ci"; fi
  else
    log "npm is missing: the accessibility checks of the browser tests are skipped"
  fi
fi

# --- PostgreSQL ---------------------------------------------------------------------------
PG_URL="postgres://postgres@127.0.0.1:5432/xxgk"
postgres_ready=false
if pg_isready -q -h 127.0.0.1 2>/dev/null; then
  postgres_ready=true
elif command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  log "Starting PostgreSQL $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do
    if pg_isready -q -h 127.0.0.1; then postgres_ready=true; break; fi
    sleep 1
  done
fi
if $postgres_ready; then
  log "PostgreSQL is ready on 127.0.0.1:5432"
else
  fail "PostgreSQL: not running on 127.0.0.1:5432 and could not be started"
fi

# --- Lint and format ----------------------------------------------------------------------
lint_paths=()
for path in src tests benchmarks; do [ -d "$path" ] && lint_paths+=("$path"); done
log "ruff check ${lint_paths[*]}"
if ruff check "${lint_paths[@]}"; then pass "ruff check"; else fail "ruff check"; fi
log "ruff format --check ${lint_paths[*]}"
if ruff format --check "${lint_paths[@]}"; then pass "ruff format --check"; else fail "ruff format --check"; fi
# the floors of docs/architecture.md: import-linter's contracts in pyproject.toml
log "lint-imports"
if lint-imports --no-cache; then pass "lint-imports"; else fail "lint-imports"; fi

# --- Tests --------------------------------------------------------------------------------
# run_pytest NAME DATABASE_URL ARGS...: an empty DATABASE_URL means SQLite. pytest's exit
# code 5 (no tests collected) counts as a failure.
run_pytest() {
  local name="$1" url="$2" status step_started=$SECONDS
  shift 2
  log "$name: pytest $*"
  if [ -n "$url" ]; then
    DATABASE_URL="$url" python -m pytest "$@"
  else
    env -u DATABASE_URL python -m pytest "$@"
  fi
  status=$?
  local took=$((SECONDS - step_started))
  case $status in
    0) pass "$name (${took}s)" ;;
    5) fail "$name: pytest collected no tests (exit code 5)" ;;
    *) fail "$name: pytest exit code $status (${took}s)" ;;
  esac
}

run_pytest "all tests on SQLite" "" -n 2
if $postgres_ready; then
  run_pytest "database tests on PostgreSQL" "$PG_URL" -n 2 -m db
else
  fail "database tests on PostgreSQL: not run (no PostgreSQL)"
fi

# --- Summary ------------------------------------------------------------------------------
log "Summary ($((SECONDS - started))s)"
printf '  %s\n' "${results[@]}" >&2
if [ ${#failures[@]} -gt 0 ]; then
  echo "FAILED: ${#failures[@]} step(s) failed" >&2
  exit 1
fi
echo "All steps passed." >&2
