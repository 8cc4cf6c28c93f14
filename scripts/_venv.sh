# Shared by scripts/run, scripts/test and scripts/bench: make sure .venv exists and
# matches pyproject.toml and requirements-lock.txt (the exact versions, as pip
# constraints), installing only when something changed.
# Usage: . scripts/_venv.sh EXTRA   (EXTRA is "" or "test")
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
EXTRA="${1:-}"
PY="${PYTHON:-python3}"

_want_stamp() {
    # The venv is stale when the project metadata, the interpreter or the extra changes.
    { cat "$ROOT/pyproject.toml" "$ROOT/requirements-lock.txt"; "$PY" -c 'import sys; print(sys.version)'; echo "extra=$EXTRA"; } \
        | sha256sum | cut -d' ' -f1
}

_have_stamp() { cat "$VENV/.gentle-stamp-$1" 2>/dev/null || true; }

ensure_venv() {
    local want; want="$(_want_stamp)"
    local key="${EXTRA:-base}"
    if [ -x "$VENV/bin/python" ] && [ "$(_have_stamp "$key")" = "$want" ]; then
        return 0
    fi
    # A stamp for the test extra also covers the base install.
    if [ -z "$EXTRA" ] && [ -x "$VENV/bin/python" ]; then
        local saved="$EXTRA"; EXTRA="test"
        if [ "$(_have_stamp test)" = "$(_want_stamp)" ]; then EXTRA="$saved"; return 0; fi
        EXTRA="$saved"
    fi
    echo "gentle: setting up $VENV (first run, or pyproject.toml or requirements-lock.txt changed)…" >&2
    if [ ! -x "$VENV/bin/python" ]; then
        "$PY" -m venv "$VENV"
    fi
    local spec="$ROOT"
    [ -n "$EXTRA" ] && spec="$ROOT[$EXTRA]"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
    if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
            -c "$ROOT/requirements-lock.txt" -e "$spec" 2> "$VENV/pip-errors.log"; then
        cat "$VENV/pip-errors.log" >&2
        echo "gentle: installing into $VENV failed (see above)." >&2
        exit 1
    fi
    echo "$want" > "$VENV/.gentle-stamp-$key"
}

ensure_venv
