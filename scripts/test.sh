#!/usr/bin/env bash
# Installs what is missing, then builds and runs the whole test suite twice: once as
# built for deployment (warnings are errors) and once under ASan+UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
# The tests never need a display: the kiosk renders headless with SDL's software renderer.
unset DISPLAY WAYLAND_DISPLAY
jobs=$(nproc)
start=$(date +%s)

echo "== build and test: normal =="
bash scripts/build.sh build-test -DKIOSK_WERROR=ON
ctest --test-dir build-test --output-on-failure --parallel "$jobs" --timeout 600

echo "== build and test: ASan+UBSan =="
bash scripts/build.sh build-asan -DKIOSK_WERROR=ON -DKIOSK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
ctest --test-dir build-asan --output-on-failure --parallel "$jobs" --timeout 900

echo "== fuzz: libFuzzer targets (clang, ASan+UBSan), 20 s each =="
CC=clang bash scripts/build.sh build-fuzz -DKIOSK_FUZZ=ON -DKIOSK_SANITIZE=ON -DKIOSK_TESTS=OFF \
  -DKIOSK_WERROR=ON
bash tests/fuzz/run.sh build-fuzz 20 "$jobs"

echo "== all tests passed in $(( $(date +%s) - start )) s =="
