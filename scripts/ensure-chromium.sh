#!/usr/bin/env bash
# The browser the UI tests drive: Debian's chromium, installed with apt-get when it is missing.
# Quiet and idempotent when it is already there; one line saying what it did otherwise.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "[ngk] chromium missing at $CHROMIUM and apt-get unavailable: install chromium, or set CHROMIUM_PATH" >&2
  exit 1
fi

# apt-get needs root; use sudo when we are not root and it is available.
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
install() {
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1
}

# The package lists are refreshed only when the first try fails: they are usually fresh enough.
if ! install && ! { $SUDO apt-get update -qq >/dev/null 2>&1 && install; }; then
  echo "[ngk] could not install chromium with apt-get: install it by hand, or set CHROMIUM_PATH" >&2
  exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "[ngk] apt-get installed chromium, but not at $CHROMIUM: set CHROMIUM_PATH" >&2
  exit 1
fi
echo "[ngk] installed chromium with apt-get: $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
