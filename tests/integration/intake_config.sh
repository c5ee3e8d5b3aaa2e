#!/usr/bin/env bash
# kiosk-intake's config and registry commands refuse bad input with FILE:LINE and the
# problem; the shipped config/intake.ini is valid.
set -euo pipefail
: "${KIOSK_INTAKE_BIN:?}" "${KIOSK_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_error() { # FILE PATTERN
  if "$KIOSK_INTAKE_BIN" check-config "$1" >/dev/null 2>"$tmp/err"; then fail "$1 accepted"; fi
  grep -q -- "$2" "$tmp/err" || { cat "$tmp/err"; fail "error for $1 does not say '$2'"; }
}

"$KIOSK_INTAKE_BIN" check-config "$KIOSK_SOURCE_DIR/config/intake.ini" >/dev/null \
  || fail "shipped config/intake.ini refused"

printf '[server]\nport = 8443\ncolour = blue\n' >"$tmp/a.ini"
expect_error "$tmp/a.ini" "a.ini:3: unknown key 'colour' in \[server\]"
printf '[server]\nport = 99999\n' >"$tmp/b.ini"
expect_error "$tmp/b.ini" "b.ini:2:"
printf '[fleet]\npassword_hash = hunter2\n' >"$tmp/c.ini"
expect_error "$tmp/c.ini" "c.ini:2: password_hash must be an Argon2id string"
printf '[server]\nlisten = 0.0.0.0\n' >"$tmp/d.ini"
expect_error "$tmp/d.ini" "plain HTTP only on a loopback address"
printf '[server]\ntls_cert = /x.pem\n' >"$tmp/e.ini"
expect_error "$tmp/e.ini" "tls_cert and tls_key go together"
printf '[receiver]\ntoken_hash = abc\n' >"$tmp/f.ini"
expect_error "$tmp/f.ini" "f.ini:2: token_hash must be 64 hex digits"

# registry commands
printf '[storage]\ntarget = sqlite:%s/r.db\n' "$tmp" >"$tmp/r.ini"
key=$(head -c 32 /dev/urandom | base64)
if "$KIOSK_INTAKE_BIN" register --config "$tmp/r.ini" "bad id" "$key" 2>"$tmp/err"; then fail "bad kiosk id accepted"; fi
grep -q "kiosk id" "$tmp/err" || fail "bad id error unclear"
if "$KIOSK_INTAKE_BIN" register --config "$tmp/r.ini" k1 "not-a-key" 2>/dev/null; then fail "bad key accepted"; fi
if "$KIOSK_INTAKE_BIN" register --config "$tmp/r.ini" k1 "$key" --until 2020-13-01 2>"$tmp/err"; then fail "bad date accepted"; fi
grep -q "YYYY-MM-DD" "$tmp/err" || fail "bad date error unclear"
"$KIOSK_INTAKE_BIN" register --config "$tmp/r.ini" k1 "$key" --site "LRI" --from 2025-01-01 --until 2030-01-01T00:00:00Z \
  | grep -q "valid from 2025-01-01T00:00:00Z until 2030-01-01T00:00:00Z" || fail "dates not as given"
key2=$(head -c 32 /dev/urandom | base64)
"$KIOSK_INTAKE_BIN" register --config "$tmp/r.ini" k1 "$key2" >/dev/null
[ "$("$KIOSK_INTAKE_BIN" list --config "$tmp/r.ini" | grep -c '^k1	LRI	')" = 2 ] || fail "two keys of k1 not listed"
"$KIOSK_INTAKE_BIN" revoke --config "$tmp/r.ini" k1 "$key" | grep -q "revoked 1 key of kiosk k1" || fail "revoke one"
"$KIOSK_INTAKE_BIN" list --config "$tmp/r.ini" | grep "$key" | grep -q "revoked" || fail "list does not show revoked"
if "$KIOSK_INTAKE_BIN" register --config "$tmp/r.ini" k1 "$key" 2>"$tmp/err"; then fail "revoked key registered again"; fi
grep -q "never registered again" "$tmp/err" || fail "re-registering a revoked key: unclear error"
if "$KIOSK_INTAKE_BIN" revoke --config "$tmp/r.ini" nobody 2>/dev/null; then fail "revoking an unknown kiosk succeeded"; fi
"$KIOSK_INTAKE_BIN" migrate --config "$tmp/r.ini" | grep -q "sqlite schema at version 1" || fail "migrate"
sqlite3 "$tmp/r.db" "insert into schema_migrations values (99, 0)"
if "$KIOSK_INTAKE_BIN" migrate --config "$tmp/r.ini" 2>"$tmp/err"; then fail "newer schema accepted"; fi
grep -q "newer than this kiosk-intake" "$tmp/err" || fail "newer schema error unclear"
echo "PASS: intake config and registry errors"
