#!/bin/sh
# The kiosk image: builds the .deb with CPack, checks what it holds (dpkg-deb -c / -I), and
# verifies its units with systemd-analyze in a root made of the package (plus the host's
# stock units and cage, which the package depends on) and its sysusers.d entry. Then the
# kiosk image's security: secrets' modes, no escape to a text console, and every installed
# unit's sandbox measured with `systemd-analyze security --offline=true` (systemd >= 252;
# offline, so it needs no running systemd: CI and chroots), each at or below 2.5 ("OK").
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
	/usr/lib/systemd/system/kiosk-restart.service /usr/lib/systemd/system/kiosk-restart.path \
	/usr/lib/systemd/logind.conf.d/kiosk.conf \
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

# Secrets: update.env is root's alone; kiosk.conf (the staff PIN's hash) 0640, group kiosk
# (postinst: the group exists only on the kiosk).
mode_of() { dpkg-deb -c "$deb" | awk -v f="./$1" '$6 == f {print $1}'; }
[ "$(mode_of etc/kiosk/update.env)" = "-rw-------" ] ||
	fail "update.env is installed $(mode_of etc/kiosk/update.env), not -rw-------"
[ "$(mode_of etc/kiosk/kiosk.conf)" = "-rw-r-----" ] ||
	fail "kiosk.conf is installed $(mode_of etc/kiosk/kiosk.conf), not -rw-r-----"
grep -q 'chgrp kiosk /etc/kiosk/kiosk.conf && chmod 0640 /etc/kiosk/kiosk.conf' \
	"$work/control/postinst" || fail "postinst does not give kiosk.conf to group kiosk"
grep -q 'chmod 0600 /etc/kiosk/update.env' "$work/control/postinst" ||
	fail "postinst does not keep update.env 0600"
# No getty for a lobby keyboard: masked, and logind spawns none.
grep -q 'systemctl mask getty@.service autovt@.service' "$work/control/postinst" ||
	fail "postinst does not mask the gettys"
# No swap: card data in memory is never paged out to disk.
grep -q 'systemctl mask swap.target' "$work/control/postinst" &&
	grep -q 'swapoff -a' "$work/control/postinst" || fail "postinst leaves swap on"

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
# What the units run besides the package's own programs (util-linux, coreutils, systemd).
for p in setpriv rm systemctl; do
	[ -e "$root/usr/bin/$p" ] || cp "$(command -v "$p")" "$root/usr/bin/$p"
done
units=$(sed -n 's#^/usr/lib/systemd/system/\(kiosk[^/]*\.\(service\|path\)\)$#\1#p' "$work/contents")
[ -n "$units" ] || fail "no units in the package"
# shellcheck disable=SC2086
systemd-analyze verify --root="$root" --man=no \
	$(for u in $units; do echo "/usr/lib/systemd/system/$u"; done) \
	>"$work/verify.log" 2>&1 || { cat "$work/verify.log" >&2; fail "systemd-analyze verify failed"; }
# Warnings (an unknown key, a bad value) do not fail verify: they fail this test.
[ ! -s "$work/verify.log" ] || { cat "$work/verify.log" >&2; fail "systemd-analyze warned"; }
grep -q '^Type=notify$' "$root/usr/lib/systemd/system/kiosk.service" || fail "kiosk.service is not Type=notify"
grep -q '^WatchdogSec=' "$root/usr/lib/systemd/system/kiosk.service" || fail "no WatchdogSec"

# --- Escape routes and secrets in the units.
sd="$root/usr/lib/systemd/system"
grep -qx 'Restart=always' "$sd/kiosk.service" ||
	fail "kiosk.service must restart always (an exit 0 leaves a bare compositor)"
grep '^ExecStart=.*cage' "$sd/kiosk.service" | grep -qE 'cage +(-[a-z]+ +)*-s' &&
	fail "kiosk.service starts cage -s (VT switching)"
grep -qx 'NAutoVTs=0' "$root/usr/lib/systemd/logind.conf.d/kiosk.conf" || fail "no NAutoVTs=0"
grep -v '^#' "$sd/kiosk.service" | grep -q 'update.env\|ddi-token\|KIOSK_DDI' &&
	fail "kiosk.service gives the kiosk the update agent's settings or token"
cat "$sd"/kiosk*.service | grep -v '^#' | grep -q -- '--token \|--token=\|KIOSK_DDI_TOKEN' &&
	fail "a unit puts the hawkBit token on a command line or in the environment"
grep -q -- '--token-file %d/ddi-token' "$sd/kiosk-update.service" &&
	grep -qx 'LoadCredential=ddi-token:/etc/kiosk/ddi-token' "$sd/kiosk-update.service" ||
	fail "kiosk-update.service does not read the token from its credential file"
grep -qx 'User=kiosk-update' "$sd/kiosk-update.service" ||
	fail "the update agent does not run as its own unprivileged user"

# --- Every installed unit's sandbox, measured. Figures printed for docs/operations.md.
for u in $units; do
	case "$u" in *.service) ;; *) continue ;; esac
	systemd-analyze security --offline=true --root="$root" --no-pager "$u" \
		>"$work/security-$u.log" 2>&1 || true
	score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\) \([A-Z]*\).*/\1 \2/p' \
		"$work/security-$u.log")
	[ -n "$score" ] || { cat "$work/security-$u.log" >&2; fail "no security figure for $u"; }
	echo "security: $u exposure $score"
	systemd-analyze security --offline=true --root="$root" --threshold=25 --no-pager "$u" \
		>/dev/null 2>&1 || { grep '✗' "$work/security-$u.log" >&2; fail "$u: exposure $score is above 2.5"; }
done

systemd-sysusers --root="$root" >"$work/sysusers.log" 2>&1 ||
	{ cat "$work/sysusers.log" >&2; fail "systemd-sysusers failed"; }
grep -q '^kiosk:' "$root/etc/passwd" || fail "no kiosk user"
grep -q '^kiosk-staff:' "$root/etc/group" || fail "no kiosk-staff group"
grep -q '^kiosk-update:' "$root/etc/passwd" || fail "no kiosk-update user"
grep -q '^kiosk-marks:.*kiosk.*kiosk-update\|^kiosk-marks:.*kiosk-update.*kiosk' "$root/etc/group" ||
	fail "the kiosk and the agent do not share group kiosk-marks"
echo "PASS: package contents, units verified and sandboxed (exposure <= 2.5), secrets' modes, users created"
