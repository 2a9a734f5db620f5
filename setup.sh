#!/usr/bin/env bash
# Install everything briefing and its tests need, then build the shipped briefing.
# System packages (Chromium for browser tests, poppler for PDF checks, Java for
# the HTML validator) are installed with apt-get when run as root on Debian/Ubuntu;
# elsewhere install them yourself: the tests that need them say so.
set -euo pipefail
cd "$(dirname "$0")"
# Noto: the PDF's fallback fonts for what sources quote (emoji, Cyrillic, Arabic, Chinese, Japanese).
packages=(chromium poppler-utils default-jre-headless fonts-dejavu-core fonts-dejavu-extra faketime
  fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji)
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  missing=()
  for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
python3 -m pip install -q --disable-pip-version-check -e '.[dev]'
python3 -m invoke build
