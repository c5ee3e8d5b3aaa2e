#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk on its built-in defaults
# (SQLite outbox and spool delivery in the state directory, bundled sample receiver key).
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
exec ./build/kiosk "${args[@]}" "$@"
