#!/usr/bin/env bash
# Creates .venv with a Python >= 3.12 and installs the project (editable) with its test extras.
# Re-running is cheap: it reinstalls only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

MIN_MINOR=12
VENV=.venv
STAMP="$VENV/.installed-pyproject.sha256"

is_suitable() {  # $1: a python executable
    "$1" -c "import sys; sys.exit(0 if sys.version_info >= (3, $MIN_MINOR) else 1)" 2>/dev/null
}

find_python() {
    local candidates=()
    [ -n "${CCC_PYTHON:-}" ] && candidates+=("$CCC_PYTHON")
    candidates+=(python3.13 python3.12 python3)
    if command -v pyenv >/dev/null 2>&1; then
        local root; root="$(pyenv root)"
        for d in $(ls -d "$root"/versions/3.1[2-9]* 2>/dev/null | sort -rV); do
            candidates+=("$d/bin/python")
        done
    fi
    for d in /opt/homebrew/bin /usr/local/bin /Library/Frameworks/Python.framework/Versions/Current/bin; do
        candidates+=("$d/python3.13" "$d/python3.12")
    done
    for c in "${candidates[@]}"; do
        local exe; exe="$(command -v "$c" 2>/dev/null || true)"
        if [ -n "$exe" ] && is_suitable "$exe"; then echo "$exe"; return 0; fi
    done
    return 1
}

if [ -x "$VENV/bin/python" ] && ! is_suitable "$VENV/bin/python"; then
    echo "bootstrap: $VENV uses a Python older than 3.$MIN_MINOR; recreating it." >&2
    rm -rf "$VENV"
fi

if [ ! -x "$VENV/bin/python" ]; then
    if ! PY="$(find_python)"; then
        cat >&2 <<MSG
bootstrap: no Python 3.$MIN_MINOR or newer was found.
Crisis Command Center needs Python >= 3.$MIN_MINOR (PySide6 6.12 aborts on 3.11).
Install one, then run this command again:
  macOS:          brew install python@3.12     (or the installer from python.org)
  Debian/Ubuntu:  sudo apt install python3.12 python3.12-venv
  pyenv:          pyenv install 3.12
Or point CCC_PYTHON at an interpreter: CCC_PYTHON=/path/to/python3.12 make test
MSG
        exit 1
    fi
    echo "bootstrap: creating $VENV with $PY ($("$PY" -c 'import sys; print(sys.version.split()[0])'))" >&2
    "$PY" -m venv "$VENV"
fi

want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ "$want" != "$have" ]; then
    echo "bootstrap: installing dependencies into $VENV" >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[test]"
    echo "$want" > "$STAMP"
fi
