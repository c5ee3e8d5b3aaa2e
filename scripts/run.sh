#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk on its built-in defaults
# (SQLite outbox and spool delivery in the state directory) with config/dev.ini: content
# from this checkout, reports sealed to the published development sample key.
# With a desktop (DISPLAY or WAYLAND_DISPLAY set) it opens a window; on a deployed unit it
# runs full screen. Extra arguments go to the kiosk (for example --config FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
bash scripts/build.sh build
args=()
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  args+=(--windowed)
fi
export KIOSK_DATA_DIR="$PWD"
exec ./build/kiosk --config config/dev.ini "${args[@]}" "$@"
