#!/usr/bin/env bash
# Installs a font with Arabic letters for the capstone's one-page PDF
# (course/widgets/strategy_document.py), unless one is already there: Debian's
# fonts-dejavu-core (DejaVu Sans covers Latin and Arabic). Where it cannot
# install, it says so and exits 0: the strategy builder then exports the HTML
# page only and tells the learner why the PDF is missing.
set -euo pipefail
for font in /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/dejavu/DejaVuSans.ttf \
            /usr/local/share/fonts/DejaVuSans.ttf /opt/homebrew/share/fonts/dejavu/DejaVuSans.ttf \
            /Library/Fonts/DejaVuSans.ttf; do
  [ -f "$font" ] && exit 0
done
if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list ':lang=ar' file 2>/dev/null | head -n 1)" ]; then
  exit 0
fi
if [ "$(uname -s)" != "Linux" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Note: the capstone's PDF needs a font with Arabic letters (DejaVu Sans); without it only the HTML page is made." >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "Note: the capstone's PDF needs a font with Arabic letters: run 'apt-get install fonts-dejavu-core' as root." >&2
    exit 0
  fi
fi
echo "Installing a font with Arabic letters for the capstone's PDF (fonts-dejavu-core)…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-dejavu-core >/dev/null
