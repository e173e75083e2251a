#!/usr/bin/env bash
# Installs what the sandbox for learner code needs (course/grading/sandbox.py),
# unless it is already there: bubblewrap (bwrap), and setpriv and prlimit from
# util-linux. Linux only; needs root (or passwordless sudo) to install.
# Where it cannot install, it says so and exits 0: learner code is then never
# run (the sandbox refuses with SandboxUnavailable), and the sandbox tests fail on CI.
set -euo pipefail
missing=()
for tool in bwrap setpriv prlimit; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/bin/$tool" ] || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(uname -s)" != "Linux" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Note: the sandbox for learner code needs Linux with ${missing[*]}; learner code will not be run here." >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "Note: the sandbox for learner code needs ${missing[*]}: run 'apt-get install bubblewrap util-linux' as root." >&2
    exit 0
  fi
fi
packages=()
for tool in "${missing[@]}"; do
  case "$tool" in
    bwrap) packages+=(bubblewrap) ;;
    *) [[ " ${packages[*]-} " == *" util-linux "* ]] || packages+=(util-linux) ;;
  esac
done
echo "Installing the sandbox for learner code (${packages[*]})…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
