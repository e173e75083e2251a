#!/usr/bin/env bash
# Installs configurable-http-proxy (JupyterHub's proxy, from npm, version 5) into .hub-node/ of this
# checkout, for `make hub` and the hub tests; quick when it is already there. Node.js and npm come from
# Debian (apt-get install nodejs npm) when npm is missing. JupyterHub itself is a Python package of the
# course's .venv (pyproject.toml); course/hub/hub_config.py points JupyterHub at the proxy installed here.
#
# Learners' labs run as their own Unix users, so they need a Python every account may run. When the
# .venv's Python is not one (a pyenv Python under /root, say), .hub-node/python is made from the
# system's Python of the same version, seeing the .venv's packages (course/hub/singleuser.py uses it).
set -euo pipefail
CHECKOUT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$CHECKOUT/.hub-node"
PROXY="$PREFIX/node_modules/.bin/configurable-http-proxy"
shared_python() {
  local venv_python="$CHECKOUT/.venv/bin/python" shared="$PREFIX/python"
  [ "$(id -u)" -eq 0 ] && [ -x "$venv_python" ] || return 0
  runuser -u nobody -- "$venv_python" -c '' 2>/dev/null && return 0
  [ "$shared/bin/python" -nt "$CHECKOUT/.venv/.installed" ] \
    && runuser -u nobody -- "$shared/bin/alembic" --help >/dev/null 2>&1 && return 0
  local version site
  version="$("$venv_python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  site="$("$venv_python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  if [ ! -x "/usr/bin/python$version" ]; then
    echo "The .venv's Python cannot be run by other accounts, and there is no /usr/bin/python$version" >&2
    echo "to stand in for it: make .venv from a Python every account can run (make clean; make PYTHON=/usr/bin/python3 hub)." >&2
    exit 1
  fi
  echo "Making $shared (the system's Python $version with the course's packages) for learners' labs…"
  rm -rf "$shared"
  "/usr/bin/python$version" -m venv --without-pip "$shared"
  echo "import site; site.addsitedir('$site')" > "$("$shared/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/course-venv.pth"
  # the .venv's commands (alembic, which nbgrader runs; jupyter; nbgrader) for the other accounts too
  local script
  for script in "$CHECKOUT/.venv/bin/"*; do
    if [ -f "$script" ] && head -n 1 "$script" | grep -q "^#!$CHECKOUT/.venv/bin/python"; then
      { echo "#!$shared/bin/python"; tail -n +2 "$script"; } > "$shared/bin/$(basename "$script")"
      chmod 755 "$shared/bin/$(basename "$script")"
    fi
  done
  runuser -u nobody -- "$shared/bin/python" -c 'import course, jupyterhub' >/dev/null
}

if [ -x "$PROXY" ] && "$PROXY" --version 2>/dev/null | grep -q '^5\.'; then
  shared_python
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "npm is missing and this user cannot install it: run 'apt-get install nodejs npm' as root." >&2
      exit 1
    fi
  fi
  echo "Installing Node.js and npm for JupyterHub's proxy…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
echo "Installing configurable-http-proxy (JupyterHub's proxy) into $PREFIX…"
mkdir -p "$PREFIX"
npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error 'configurable-http-proxy@5' >/dev/null
"$PROXY" --version >/dev/null
shared_python
