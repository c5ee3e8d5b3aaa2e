#!/usr/bin/env bash
# Installs the Debian packages the kiosk needs to build, run and test.
# Skips what is already present; safe to run again. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake pkg-config
  # runtime libraries (headers for the build)
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfreetype-dev libharfbuzz-dev
  libicu-dev libqrencode-dev libsodium-dev libsqlite3-dev libcjson-dev
  libcurl4-openssl-dev libgettextpo-dev libinih-dev libespeak-ng-dev
  # screenshots at a chosen PNG compression (app/png_save.c; SDL_image already uses libpng)
  libpng-dev
  # recorded speech slower or faster at the same pitch (espeak-ng already needs libsonic0)
  libsonic-dev
  # glyphs composited onto the software renderer's surface (text/composite.c)
  libpixman-1-dev
  # sd_notify READY/WATCHDOG for the systemd unit
  libsystemd-dev
  # receiving side (kiosk-reports): statistics chart, xlsx export
  libcairo2-dev libxlsxwriter-dev
  # receiving side: kiosk-intake (HTTP server, PostgreSQL client)
  libmicrohttpd-dev libpq-dev
  # fonts (Noto families for every shipped script)
  fonts-noto-core fonts-noto-ui-core
  # tests: unit tests, headless X, QR decoding, text-engine references, TLS test server
  libcmocka-dev xvfb xauth zbar-tools libharfbuzz-bin libfribidi-bin
  openssl python3 sqlite3 gettext
  # tests: recorded-speech clips made at test time, and measuring espeak-ng output (sox)
  sox
  # tests: throwaway PostgreSQL cluster for the intake's storage and load tests; curl
  postgresql curl
  # the reading-grade check of the English (Flesch-Kincaid from GNU style) and PO parsing
  diction python3-polib
  # tests: an envelope opener written from docs/envelope-format.md alone (PyNaCl), and
  # LibreOffice Calc without a GUI to open the CSV export as a receiver would
  python3-nacl libreoffice-calc-nogui
  # fuzzing: libFuzzer ships with clang's compiler runtime
  clang libclang-rt-14-dev
  # the monkey under valgrind memcheck (tests/tools/run-monkey.sh)
  valgrind
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
