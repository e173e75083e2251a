#!/usr/bin/env bash
# Installs Debian's PostgreSQL server programs (initdb, pg_ctl; package postgresql) for the tests of
# hub mode, unless they are already there. The tests start a server of their own in a scratch folder
# (tests/postgres.py); nothing here starts or enables one, and Debian's own cluster is left alone.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || command -v pg_ctl >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "pg_ctl is missing and this user cannot install it: run 'apt-get install postgresql' as root." >&2
    exit 1
  fi
fi
echo "Installing PostgreSQL for the hub-mode tests…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
