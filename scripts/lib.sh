# Shared by scripts/start.sh and scripts/test.sh (sourced, not run).

XXGK_MIN_PYTHON="3.12"

log() { printf '\n==> %s\n' "$*" >&2; }

# A Python >= 3.12: python3.13 or python3.12 on PATH, a pyenv build, or python3 if new enough.
find_python() {
  local candidate
  for candidate in python3.13 python3.12 /root/.pyenv/versions/3.1[2-9]*/bin/python3 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

venv_is_usable() {
  [ -x .venv/bin/python ] \
    && .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null
}

# Creates .venv (if missing or made by a Python older than 3.12) and installs xxgk into it
# with the given extras, e.g. `ensure_venv` or `ensure_venv test`. The install is skipped
# when pyproject.toml has not changed since the last one with the same extras.
ensure_venv() {
  local extras="${1:-}" python spec stamp digest
  if ! venv_is_usable; then
    if ! python="$(find_python)"; then
      echo "xxgk needs Python >= ${XXGK_MIN_PYTHON}; none was found." >&2
      echo "Looked for python3.13 and python3.12 on PATH, /root/.pyenv/versions/3.1[2-9]*/bin/python3 and python3." >&2
      echo "On Debian 12, install one with pyenv, or use Debian 13 (python3 is 3.13 there)." >&2
      return 1
    fi
    if [ -e .venv ]; then
      log "Replacing .venv, which has no Python >= ${XXGK_MIN_PYTHON}"
      rm -rf .venv
    fi
    log "Creating .venv with $python ($("$python" --version 2>&1))"
    "$python" -m venv .venv
  fi
  spec="."
  [ -n "$extras" ] && spec=".[${extras}]"
  stamp=".venv/.xxgk-installed${extras:+-$extras}"
  digest="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ] && .venv/bin/python -c 'import xxgk' 2>/dev/null; then
    log "xxgk${extras:+[$extras]} already installed in .venv"
    return 0
  fi
  log "pip install -e \"$spec\""
  .venv/bin/python -m pip install --disable-pip-version-check --quiet -e "$spec"
  echo "$digest" >"$stamp"
}
