#!/bin/sh
# Portcullis: apply script (ufw)
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
# Rebuilds all ufw rules (ufw reset keeps *.rules.<date> backups).
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
STATE=${PORTCULLIS_STATE_DIR:-/var/lib/portcullis/ufw}

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

INSERT_AWK=$(cat <<'AWK'
/^# BEGIN PORTCULLIS/ { skip = 1 }
skip && /^# END PORTCULLIS/ { skip = 0; next }
skip { next }
/^\*filter/ { infilter = 1 }
infilter && /^COMMIT/ && !done { if (block != "") while ((getline line < block) > 0) print line; done = 1; infilter = 0 }
{ print }
AWK
)
# Syntax first: every command except the reset, with --dry-run.
grep -v "'reset'" "$HERE/portcullis-ufw.sh" | UFW="ufw --dry-run" sh >/dev/null
if ufw status | grep -q "Status: active"; then WAS=reload; else WAS=disable; fi
rm -rf "$STATE/ufw.previous"; mkdir -p "$STATE/ufw.previous"
cp -a /etc/ufw "$STATE/ufw.previous/ufw"; cp -a /etc/default/ufw "$STATE/ufw.previous/default-ufw"
echo "$WAS" > "$STATE/ufw.previous/was"
# Arm the rollback before changing anything; it survives the SSH session ending.
TOKEN="$(date +%s).$$"
echo "$TOKEN" > "$STATE/pending"
cat > "$STATE/rollback.sh" <<'ROLLBACK'
sleep "$1"
STATE=$2
[ -e "$STATE/confirmed-$3" ] && exit 0
rm -rf /etc/ufw; cp -a "$STATE/ufw.previous/ufw" /etc/ufw; cp -a "$STATE/ufw.previous/default-ufw" /etc/default/ufw
if [ "$(cat "$STATE/ufw.previous/was")" = reload ]; then ufw --force disable; ufw --force enable; else ufw --force disable; fi
rm -f "$STATE/pending"
logger -t portcullis "not confirmed: previous firewall rules restored" 2>/dev/null || true
ROLLBACK
setsid sh "$STATE/rollback.sh" "$T" "$STATE" "$TOKEN" </dev/null >/dev/null 2>&1 &

sed -i 's/^IPV6=.*/IPV6=no/' /etc/default/ufw
sh "$HERE/portcullis-ufw.sh"
awk -v block="" "$INSERT_AWK" /etc/ufw/before.rules > "$STATE/before.rules.new" && cat "$STATE/before.rules.new" > /etc/ufw/before.rules
awk -v block="" "$INSERT_AWK" /etc/ufw/before6.rules > "$STATE/before6.rules.new" && cat "$STATE/before6.rules.new" > /etc/ufw/before6.rules
ufw --force enable
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
