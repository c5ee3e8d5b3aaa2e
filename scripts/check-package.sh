#!/usr/bin/env bash
# Builds the Debian packages (kiosk, kiosk-receiver), runs lintian on them, installs them
# into a fresh Debian 12 root made with debootstrap from the archive apt already uses
# here, and inside that root (no source tree, no build tree) runs what estates staff
# would: kiosk --version, kiosk --check-config /etc/kiosk/kiosk.ini, kiosk-reports keygen,
# a headless --screenshot home from the installed paths only, systemd-analyze verify and
# security on the installed unit.
#
#   sudo bash scripts/check-package.sh          (root: debootstrap and chroot need it)
#
# Not part of scripts/test.sh (it takes several minutes and downloads the Debian root
# from the configured archive). Work directory: $KIOSK_PKG_WORK (default
# /var/tmp/kiosk-package), removed at the end unless KIOSK_PKG_KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
[ "$(id -u)" -eq 0 ] || { echo "check-package: run as root (debootstrap, chroot)"; exit 1; }

# Packaging tools only (the build dependencies come from scripts/setup-deps.sh).
tools=(debhelper dpkg-dev fakeroot lintian debootstrap)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
bash scripts/setup-deps.sh >/dev/null

work=${KIOSK_PKG_WORK:-/var/tmp/kiosk-package}
root=$work/root
mounted=()
cleanup() {
  for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null || true; done
  if [ "${KIOSK_PKG_KEEP:-0}" != 1 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
rm -rf "$work"
mkdir -p "$work/src"
step() { echo; echo "== $*"; }
fail() { echo "check-package: FAIL: $*" >&2; exit 1; }

step "build the packages (dpkg-buildpackage -us -uc -b) from the files git tracks"
version=$(dpkg-parsechangelog -l debian/changelog -S Version)
tree=$work/src/kiosk-$version
mkdir -p "$tree"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$tree"
(cd "$tree" && dpkg-buildpackage -us -uc -b -j"$(nproc)") > "$work/build.log" 2>&1 ||
  { tail -40 "$work/build.log"; fail "dpkg-buildpackage"; }
debs=("$work/src/kiosk_${version}_"*.deb "$work/src/kiosk-receiver_${version}_"*.deb)
for d in "${debs[@]}"; do
  echo "$(basename "$d"): $(du -h "$d" | cut -f1)"
done

step "lintian (errors fail this script; warnings are listed)"
lintian --pedantic --display-info "$work/src/kiosk_${version}_"*.changes | tee "$work/lintian.txt" || true
if grep -q '^E:' "$work/lintian.txt"; then fail "lintian reports errors"; fi
echo "lintian: $(grep -c '^E:' "$work/lintian.txt" || true) errors, $(grep -c '^W:' "$work/lintian.txt" || true) warnings"

step "a fresh Debian 12 root (debootstrap --variant=minbase) from apt's own archive"
mirror=$(apt-get indextargets --format '$(REPO_URI) $(CODENAME) $(COMPONENT)' \
           'Created-By: Packages' | awk '$2 == "bookworm" && $3 == "main" { print $1; exit }')
[ -n "$mirror" ] || fail "apt has no bookworm main archive configured"
echo "archive: $mirror"
# The downloaded packages (not the root) are kept between runs: the root is made afresh
# from them each time, and again from the archive once the cache is older than a day.
cache=${KIOSK_PKG_CACHE:-/var/cache/kiosk-package}/bookworm-minbase.tgz
mkdir -p "$(dirname "$cache")"
if [ -z "$(find "$cache" -mtime -1 2>/dev/null)" ]; then
  debootstrap --variant=minbase --make-tarball="$cache.new" bookworm "$work/tarball" "$mirror" \
    > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
  mv "$cache.new" "$cache"
fi
debootstrap --variant=minbase --unpack-tarball="$cache" bookworm "$root" "$mirror" \
  >> "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
for m in proc sys dev; do
  mount --bind "/$m" "$root/$m"
  mounted=("$root/$m" "${mounted[@]}")
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
# nothing may start services inside the root
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
mkdir -p "$root/tmp/debs"
cp "${debs[@]}" "$root/tmp/debs/"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step "apt-get install ./kiosk_*.deb ./kiosk-receiver_*.deb (dependencies from the archive)"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "${debs[@]/#$work\/src\//\/tmp\/debs\/}" \
  > "$work/install.log" 2>&1 || { tail -30 "$work/install.log"; fail "installing the packages"; }
tail -3 "$work/install.log"
in_root dpkg-query -W kiosk kiosk-receiver

step "what the packages put where"
files() { in_root dpkg -L "$1" | while read -r f; do [ -f "$root$f" ] && echo "$f"; done; }
echo "kiosk:";          files kiosk | grep -v '/locales/' | sed 's/^/  /'
echo "  /usr/share/kiosk/locales/: $(files kiosk | grep -c '/locales/') files"
echo "kiosk-receiver:"; files kiosk-receiver | sed 's/^/  /'
echo "conffiles: $(in_root dpkg-query -W -f='${Conffiles}' kiosk | awk 'NF {print $1}' | tr '\n' ' ')"
[ -z "$(in_root find /usr/share/kiosk -name '*.key' -o -name 'sample-receiver')" ] ||
  fail "a secret key or the sample key directory is installed"
echo "no *.key and no sample-receiver/ under /usr/share/kiosk"
[ ! -e "$root$src" ] || fail "the source tree is visible in the root"
for t in "$src" "$tree"; do
  if grep -aqF "$t" "$root/usr/bin/kiosk"; then fail "the installed kiosk names $t"; fi
done
echo "the installed /usr/bin/kiosk names neither the checkout nor the package build tree"

step "the kiosk user (sysusers.d) and the unit (enabled, not started)"
in_root id kiosk
in_root systemctl is-enabled kiosk.service

step "the kiosk-intake user and unit (package kiosk-receiver)"
in_root id kiosk-intake
[ "$(in_root getent passwd kiosk-intake | cut -d: -f7)" = /usr/sbin/nologin ] ||
  fail "kiosk-intake must have no login shell"
in_root systemctl is-enabled kiosk-intake.service
in_root systemd-analyze verify --man=no /lib/systemd/system/kiosk-intake.service

step "kiosk --version"
in_root kiosk --version

step "kiosk --check-config /etc/kiosk/kiosk.ini (as shipped: no receiver key yet)"
rc=0
in_root kiosk --check-config /etc/kiosk/kiosk.ini || rc=$?
[ "$rc" -eq 1 ] || fail "the shipped config without a receiver key must fail the check"

step "kiosk-reports keygen (receiving side), then the kiosk configured with its public key"
in_root kiosk-reports keygen --out /root/receiver
in_root ls -l /root/receiver
cp "$root/root/receiver/receiver.pub" "$root/etc/kiosk/receiver.pub"
sed -i -e 's|^receiver_public_key =.*|receiver_public_key = /etc/kiosk/receiver.pub|' \
       -e 's|^kiosk_id = .*|kiosk_id = lri-ed-01|' -e 's|^site_id = .*|site_id = lri|' \
       "$root/etc/kiosk/kiosk.ini"
in_root kiosk --check-config /etc/kiosk/kiosk.ini

step "headless --screenshot home from the installed paths only"
in_root env SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy \
  kiosk --config /etc/kiosk/kiosk.ini --screenshot home --lang en --size 1280x800 \
  --out /tmp/home.png
magic=$(head -c 8 "$root/tmp/home.png" | od -An -tx1 | tr -d ' \n')
[ "$magic" = 89504e470d0a1a0a ] || fail "home.png is not a PNG"
echo "home.png: $(stat -c %s "$root/tmp/home.png") bytes, PNG"
cp "$root/tmp/home.png" "$work/home.png"
# Urdu with its draft translation shown (the shipped config hides drafts): Nastaliq from
# the fonts-noto-core the package depends on
sed 's/^show_unreviewed_translations = false/show_unreviewed_translations = true/' \
  "$root/etc/kiosk/kiosk.ini" > "$root/tmp/preview.ini"
in_root env SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy \
  kiosk --config /tmp/preview.ini --screenshot home --lang ur --size 1280x800 \
  --out /tmp/home-ur.png
cp "$root/tmp/home-ur.png" "$work/home-ur.png"
echo "home-ur.png (Urdu draft words, right to left): $(stat -c %s "$work/home-ur.png") bytes"

step "systemd-analyze verify and security on the installed unit"
in_root systemd-analyze verify --man=no /lib/systemd/system/kiosk.service
echo "verify: clean"
in_root systemd-analyze security --offline=true /lib/systemd/system/kiosk.service | tail -1

echo
echo "check-package: all passed"
