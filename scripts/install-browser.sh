#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests, unless it is already there.
# Needs root (or sudo). Playwright drives this Chromium; it never downloads its own.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Chromium is missing and this user cannot install it: run 'apt-get install chromium' as root." >&2
    exit 1
  fi
fi
echo "Installing Chromium for the browser tests…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
