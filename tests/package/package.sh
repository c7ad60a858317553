#!/bin/sh
# The kiosk image: builds the .deb with CPack, checks what it holds (dpkg-deb -c / -I), and
# verifies its units with systemd-analyze in a root made of the package (plus the host's
# stock units and cage, which the package depends on) and its sysusers.d entry.
#   package.sh   (KIOSK_BUILD=<build>)
set -eu
build="${KIOSK_BUILD:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
	{ cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$work"/out/kiosk_*.deb)
echo "package: $(basename "$deb")"

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
for f in /usr/bin/kiosk /usr/bin/kiosk-update /usr/libexec/kiosk/kiosk-start \
	/usr/lib/systemd/system/kiosk.service /usr/lib/systemd/system/kiosk-update.service \
	/usr/lib/systemd/system/kiosk-enroll.service /usr/bin/kiosk-enroll /etc/kiosk/fleet.env \
	/usr/lib/sysusers.d/kiosk.conf /usr/lib/tmpfiles.d/kiosk.conf \
	/usr/lib/udev/rules.d/70-kiosk-devices.rules /etc/kiosk/kiosk.conf /etc/kiosk/update.env \
	/usr/share/kiosk/ui-assets/fonts/DejaVuSans.ttf /usr/share/locale/es/LC_MESSAGES/kiosk.mo; do
	grep -qx "$f" "$work/contents" || fail "the package lacks $f"
done
# Nothing secret and nothing for IT's desk: no private keys, no signing tool, no simulators.
grep -E '\.key$|kiosk-sign|portal-sim|ddi-sim' "$work/contents" && fail "the package holds what it must not"

dpkg-deb -I "$deb" >"$work/info"
grep -q '^ Depends:.*cage' "$work/info" || fail "the package does not depend on cage"
dpkg-deb -e "$deb" "$work/control"
grep -qx /etc/kiosk/kiosk.conf "$work/control/conffiles" || fail "kiosk.conf is not a conffile"
grep -qx /etc/kiosk/update.env "$work/control/conffiles" || fail "update.env is not a conffile"
grep -qx /etc/kiosk/fleet.env "$work/control/conffiles" || fail "fleet.env is not a conffile"
[ -x "$work/control/postinst" ] || fail "no postinst"

# Installed by scripts/install-deps: a missing one is a broken install, not a reason to skip.
command -v systemd-analyze >/dev/null 2>&1 ||
	fail "systemd-analyze is not installed (scripts/install-deps installs systemd)"
root="$work/root"
dpkg-deb -x "$deb" "$root"
# The stock units the kiosk's units name (targets, getty), and cage, a dependency.
mkdir -p "$root/usr/lib/systemd/system" "$root/etc"
for u in /usr/lib/systemd/system/*; do
	[ -e "$root$u" ] || cp -a "$u" "$root$u"
done
command -v cage >/dev/null || fail "cage is not installed (scripts/install-deps installs it)"
cp "$(command -v cage)" "$root/usr/bin/cage"
systemd-analyze verify --root="$root" --man=no \
	/usr/lib/systemd/system/kiosk.service /usr/lib/systemd/system/kiosk-update.service \
	/usr/lib/systemd/system/kiosk-enroll.service \
	>"$work/verify.log" 2>&1 || { cat "$work/verify.log" >&2; fail "systemd-analyze verify failed"; }
# Warnings (an unknown key, a bad value) do not fail verify: they fail this test.
[ ! -s "$work/verify.log" ] || { cat "$work/verify.log" >&2; fail "systemd-analyze warned"; }
grep -q '^Type=notify$' "$root/usr/lib/systemd/system/kiosk.service" || fail "kiosk.service is not Type=notify"
grep -q '^WatchdogSec=' "$root/usr/lib/systemd/system/kiosk.service" || fail "no WatchdogSec"

systemd-sysusers --root="$root" >"$work/sysusers.log" 2>&1 ||
	{ cat "$work/sysusers.log" >&2; fail "systemd-sysusers failed"; }
grep -q '^kiosk:' "$root/etc/passwd" || fail "no kiosk user"
grep -q '^kiosk-staff:' "$root/etc/group" || fail "no kiosk-staff group"
echo "PASS: package contents, units verified, users created"
