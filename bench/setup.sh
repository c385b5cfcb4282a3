#!/usr/bin/env bash
# Install the current checkout, NON-editable and byte-compiled, into a separate venv for benchmarking.
#
# Why: this environment sets PYTHONDONTWRITEBYTECODE=1, so an editable install recompiles every module on every
# run and the numbers measure the compiler, not pykubectl. Re-run this after every change you want to measure.
#
#   bench/setup.sh                 # venv in /tmp/pykbench-venv (override with PYKBENCH_VENV)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
venv="${PYKBENCH_VENV:-/tmp/pykbench-venv}"
base_python="${PYKBENCH_BASE_PYTHON:-$repo/.venv/bin/python}"   # the pyenv `python3` shim on PATH is slow

[ -x "$venv/bin/python" ] || "$base_python" -m venv "$venv"
"$venv/bin/pip" install -q --no-deps --force-reinstall "$repo" 2>&1 | grep -v '^WARNING: Location' || true
"$venv/bin/pip" install -q "$repo" 2>&1 | grep -v '^WARNING: Location' || true   # dependencies, if missing
PYTHONDONTWRITEBYTECODE= "$venv/bin/python" -m compileall -q "$venv/lib" >/dev/null || true
echo "installed $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$repo" && git diff --quiet 2>/dev/null || echo '+dirty') into $venv"
