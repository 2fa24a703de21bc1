#!/bin/sh
# Portcullis: apply script (firewalld)
# Profile: cpanel-typical (host1.example.com)
# Generated: 2026-11-22T12:00:00Z by Portcullis 0.1.0-test
# IPv6: not filtered by these rules (IPv6 is off in the profile)
# Outbound: open
# Open warnings (7, explained in REPORT.md):
#   [warning] plaintext:ftp
#   [warning] smtp-no-rate-limit
#   [info] ipv6-off
#   [info] plaintext:http
#   [info] restrict-admin:ssh
#   [info] restrict-admin:whm
#   [info] tls12-smtps
#
# usage: sh apply.sh [SECONDS]   then confirm, or: sh apply.sh --confirm
# Replaces the public and drop zones with the generated ones; everything else in /etc/firewalld stays.
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
STATE=${PORTCULLIS_STATE_DIR:-/var/lib/portcullis/firewalld}

if [ "${1:-}" = "--confirm" ]; then
  [ -f "$STATE/pending" ] || { echo "Nothing is waiting for confirmation." >&2; exit 1; }
  touch "$STATE/confirmed-$(cat "$STATE/pending")"
  rm -f "$STATE/pending"
  echo "Confirmed: the new rules stay."
  exit 0
fi
T=${1:-${PORTCULLIS_CONFIRM_SECONDS:-90}}
case "$T" in
  ''|*[!0-9]*) echo "usage: sh apply.sh [SECONDS] | sh apply.sh --confirm" >&2; exit 2 ;;
esac
umask 077
mkdir -p "$STATE"

firewall-cmd --state >/dev/null || { echo "firewalld is not running" >&2; exit 1; }
[ "$(firewall-cmd --get-default-zone)" = public ] || { echo "The default zone is not public; these rules are written for public." >&2; exit 1; }
rm -rf "$STATE/firewalld.previous"
cp -a /etc/firewalld "$STATE/firewalld.previous"
# Arm the rollback before changing anything; it survives the SSH session ending.
TOKEN="$(date +%s).$$"
echo "$TOKEN" > "$STATE/pending"
cat > "$STATE/rollback.sh" <<'ROLLBACK'
sleep "$1"
STATE=$2
[ -e "$STATE/confirmed-$3" ] && exit 0
rm -rf /etc/firewalld
cp -a "$STATE/firewalld.previous" /etc/firewalld
firewall-cmd --reload
rm -f "$STATE/pending"
logger -t portcullis "not confirmed: previous firewall rules restored" 2>/dev/null || true
ROLLBACK
setsid sh "$STATE/rollback.sh" "$T" "$STATE" "$TOKEN" </dev/null >/dev/null 2>&1 &

mkdir -p /etc/firewalld/services
mkdir -p /etc/firewalld/zones
install -m 0644 "$HERE/services/portcullis.xml" "/etc/firewalld/services/portcullis.xml"
install -m 0644 "$HERE/zones/public.xml" "/etc/firewalld/zones/public.xml"
if ! firewall-cmd --check-config; then
  echo "Configuration check failed: restoring the previous files." >&2
  rm -rf /etc/firewalld; cp -a "$STATE/firewalld.previous" /etc/firewalld
  exit 1
fi
firewall-cmd --reload
echo "Applied. Open a NEW ssh session to this server now."
echo "If it works, type yes here within ${T} seconds, or run from that session: sh $HERE/apply.sh --confirm"
echo "Without confirmation the previous rules come back after ${T} seconds."
if read -r answer && [ "$answer" = yes ]; then
  touch "$STATE/confirmed-$TOKEN"
  rm -f "$STATE/pending"
  echo "Confirmed: the new rules stay."
else
  echo "Not confirmed here: run sh $HERE/apply.sh --confirm from a new session within ${T} seconds."
fi
