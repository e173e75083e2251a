#!/usr/bin/env bash
# Installs Debian's poppler-utils (pdftoppm, pdftotext) for the tests that render the PDFs the course
# makes (certificates, the capstone's document) to images and read their text, unless already there.
set -euo pipefail
if command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "pdftoppm is missing and this user cannot install it: run 'apt-get install poppler-utils' as root." >&2
    exit 1
  fi
fi
echo "Installing poppler-utils for the PDF tests…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
