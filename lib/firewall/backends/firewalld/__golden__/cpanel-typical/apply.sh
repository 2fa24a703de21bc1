#!/bin/sh
# Portcullis: apply script (firewalld)
# Profile: cpanel-typical (host1.example.com)
# Generated: 2026-11-22T12:00:00Z by Portcullis 0.1.0-test
# IPv6: not filtered by these rules (IPv6 is off in the profile)
# Outbound: open
# Open warnings (7, explained in REPORT.md):
#   [warning] plaintext:ftp
#   [warning] restrict-admin:ssh
#   [warning] restrict-admin:whm
#   [warning] smtp-no-rate-limit
#   [info] ipv6-off
#   [info] plaintext:http
#   [info] tls12-smtps
#
# usage: sh apply.sh [SECONDS] [--force-with-other-manager]   then confirm, or: sh apply.sh --confirm
# Replaces the public and drop zones with the generated ones; everything else in /etc/firewalld stays.
# Per-source limits: nft table inet portcullis_limits from /etc/firewalld/portcullis/limits.nft, loaded at boot by /etc/systemd/system/portcullis-firewalld-limits.service.
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
STATE=${PORTCULLIS_STATE_DIR:-/var/lib/portcullis/firewalld}
GUARD=portcullis-guard-firewalld.service

# The companion's boot unit (what systemctl enable writes), installed only once confirmed.
install_boot() {
  rm -f /etc/systemd/system/multi-user.target.wants/portcullis-firewalld-limits.service /etc/systemd/system/portcullis-firewalld-limits.service
  if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
}
T=${PORTCULLIS_CONFIRM_SECONDS:-90}
FORCE=${PORTCULLIS_FORCE_OTHER_MANAGER:-0}
MODE=apply
for a in "$@"; do
  case "$a" in
    --confirm) MODE=confirm ;;
    --force-with-other-manager) FORCE=1 ;;
    ''|*[!0-9]*) echo "usage: sh apply.sh [SECONDS] [--force-with-other-manager] | sh apply.sh --confirm" >&2; exit 2 ;;
    *) T=$a ;;
  esac
done
on_confirmed() { install_boot; }
# decide TOKEN: confirm, unless the rollback timer has already decided (then say so and fail).
decide() {
  if ln -s confirmed "$STATE/decision-$1" 2>/dev/null; then
    rm -f "$STATE/pending"
    if [ -n "$GUARD" ]; then rm -f "/etc/systemd/system/$GUARD" "/etc/systemd/system/sysinit.target.wants/$GUARD" "$STATE/boot-guard.sh"; fi
    on_confirmed
    echo "Confirmed: the new rules stay."
    return 0
  fi
  if [ "$(readlink "$STATE/decision-$1")" = confirmed ]; then echo "Already confirmed: the new rules stay."; return 0; fi
  n=0
  while [ ! -e "$STATE/done-$1" ] && [ "$n" -lt 300 ]; do sleep 1; n=$((n + 1)); done
  echo "Too late: the confirmation window had ended and the rules were rolled back (the previous rules are active again). Nothing was confirmed; run sh $HERE/apply.sh again to retry." >&2
  return 1
}
# pending holds the token while a rollback is pending; timer-<token> the timer's process id.
pending_token() { tok=$(cat "$STATE/pending" 2>/dev/null) && [ -n "$tok" ] && { [ -e "$STATE/decision-$tok" ] || kill -0 "$(cat "$STATE/timer-$tok" 2>/dev/null)" 2>/dev/null; } && echo "$tok"; }
if [ "$MODE" = confirm ]; then
  TOKEN=$(pending_token || true)
  [ -n "$TOKEN" ] || { echo "Nothing is waiting for confirmation: no rollback is pending (already confirmed, rolled back, or never applied)." >&2; exit 1; }
  [ -e "$STATE/loaded-$TOKEN" ] || { echo "That apply stopped before its rules were fully loaded: nothing to confirm; the previous rules come back by themselves." >&2; exit 1; }
  decide "$TOKEN"
  exit 0
fi
umask 077
mkdir -p "$STATE"
if pending_token >/dev/null; then
  echo "An earlier apply is still waiting for confirmation: confirm it (sh $HERE/apply.sh --confirm) or let it roll back first." >&2
  exit 1
fi

# Another firewall manager would overwrite these rules (or these rules its own).
OTHERS=""
if command -v csf >/dev/null 2>&1; then OTHERS="$OTHERS CSF (installed);"; fi
if command -v apf >/dev/null 2>&1 && ! grep -qs '^RUN="no"' /etc/default/apf-firewall; then OTHERS="$OTHERS APF (installed);"; fi
if ufw status 2>/dev/null | grep -q "^Status: active"; then OTHERS="$OTHERS UFW (active);"; fi
if [ -n "$OTHERS" ]; then
  if [ "$FORCE" = 1 ]; then
    echo "Warning: another firewall manager is active:$OTHERS going ahead because of --force-with-other-manager." >&2
  else
    echo "Refusing to apply: another firewall manager is active on this server:$OTHERS two managers overwrite each other's rules. Stop and disable it first, or run again with --force-with-other-manager (or PORTCULLIS_FORCE_OTHER_MANAGER=1) if you are sure." >&2
    exit 1
  fi
fi

firewall-cmd --state >/dev/null || { echo "firewalld is not running" >&2; exit 1; }
[ "$(firewall-cmd --get-default-zone)" = public ] || { echo "The default zone is not public; these rules are written for public." >&2; exit 1; }
rm -rf "$STATE/firewalld.previous"
cp -a /etc/firewalld "$STATE/firewalld.previous"
# Arm the rollback before changing anything; it survives the SSH session ending.
TOKEN="$(date +%s).$$"
echo "$TOKEN" > "$STATE/pending"
cat > "$STATE/rollback.sh" <<'ROLLBACK'
STATE=$2
GUARD=$5
echo "$$" > "$STATE/timer-$3"
while [ ! -e "$STATE/loaded-$3" ] && kill -0 "$4" 2>/dev/null; do sleep 1; done
sleep "$1"
ln -s rolled-back "$STATE/decision-$3" 2>/dev/null || exit 0
reload_firewalld() {
  if out=$(firewall-cmd --reload 2>&1); then return 0; fi
  case "$out" in
    *"Did not receive a reply"*) ;;
    *) echo "$out" >&2; return 1 ;;
  esac
  echo "firewalld is still loading the previous rules (firewall-cmd stops waiting after 25 s): waiting for it to finish." >&2
  until_time=$(( $(date +%s) + 900 ))
  until state=$(firewall-cmd --state 2>&1); do
    case "$state" in
      *"Did not receive a reply"*) ;;
      *) echo "firewalld did not come back from the reload: $state" >&2; return 1 ;;
    esac
    [ "$(date +%s)" -lt "$until_time" ] || { echo "firewalld did not finish reloading within 15 minutes." >&2; return 1; }
    sleep 1
  done
  echo "firewalld finished loading." >&2
}
find /etc/firewalld -mindepth 1 -delete && cp -a "$STATE/firewalld.previous/." /etc/firewalld/
reload_firewalld
if [ -f /etc/firewalld/portcullis/limits.nft ]; then nft -f /etc/firewalld/portcullis/limits.nft; else nft delete table inet portcullis_limits 2>/dev/null || true; fi
rm -f "$STATE/pending"
if [ -n "$GUARD" ]; then rm -f "/etc/systemd/system/$GUARD" "/etc/systemd/system/sysinit.target.wants/$GUARD" "$STATE/boot-guard.sh"; fi
touch "$STATE/done-$3"
logger -t portcullis "not confirmed: previous firewall rules restored" 2>/dev/null || true
ROLLBACK
setsid sh "$STATE/rollback.sh" "$T" "$STATE" "$TOKEN" "$$" "$GUARD" </dev/null >/dev/null 2>&1 &
# A reboot before the decision must not boot unconfirmed files: a boot guard rolls them back first.
cat > "$STATE/boot-guard.sh" <<'GUARD_SCRIPT'
STATE=$1
GUARD=$2
tok=$(cat "$STATE/pending" 2>/dev/null || true)
if [ -n "$tok" ] && ln -s rolled-back "$STATE/decision-$tok" 2>/dev/null; then
  find /etc/firewalld -mindepth 1 -delete && cp -a "$STATE/firewalld.previous/." /etc/firewalld/
  rm -f "$STATE/pending"
  touch "$STATE/done-$tok"
  logger -t portcullis "rebooted before the apply was confirmed: previous firewall files restored" 2>/dev/null || true
fi
if [ -n "$GUARD" ]; then rm -f "/etc/systemd/system/$GUARD" "/etc/systemd/system/sysinit.target.wants/$GUARD" "$STATE/boot-guard.sh"; fi
GUARD_SCRIPT
if [ -d /etc/systemd/system ]; then
  mkdir -p /etc/systemd/system/sysinit.target.wants
  cat > "/etc/systemd/system/$GUARD" <<GUARD_UNIT
[Unit]
Description=Portcullis: restore the previous firewall files after a reboot during an unconfirmed apply
DefaultDependencies=no
After=local-fs.target
Before=network-pre.target firewalld.service

[Service]
Type=oneshot
ExecStart=/bin/sh "$STATE/boot-guard.sh" "$STATE" "$GUARD"

[Install]
WantedBy=sysinit.target
GUARD_UNIT
  chmod 0644 "/etc/systemd/system/$GUARD"
  ln -sf "/etc/systemd/system/$GUARD" "/etc/systemd/system/sysinit.target.wants/$GUARD"
else
  echo "No systemd here: if the server reboots before you confirm, it boots the new rules." >&2
fi
trap '[ -e "$STATE/loaded-$TOKEN" ] || echo "apply.sh stopped before the new rules were fully loaded: the previous rules come back in ${T} seconds; do not confirm." >&2' EXIT

mkdir -p /etc/firewalld/services
mkdir -p /etc/firewalld/zones
# What an earlier Portcullis apply wrote and this bundle does not carry goes (the copies below put back what it does).
rm -f /etc/firewalld/portcullis/limits.nft /etc/firewalld/services/portcullis*.xml /etc/firewalld/ipsets/portcullis-*.xml /etc/firewalld/policies/portcullis-*.xml
if grep -qF 'Portcullis: firewalld zone drop with the blocklists' /etc/firewalld/zones/drop.xml 2>/dev/null; then rm -f /etc/firewalld/zones/drop.xml; fi
install -m 0644 "$HERE/services/portcullis.xml" "/etc/firewalld/services/portcullis.xml"
install -m 0644 "$HERE/zones/public.xml" "/etc/firewalld/zones/public.xml"
if ! firewall-cmd --check-config; then
  echo "Configuration check failed: restoring the previous files." >&2
  find /etc/firewalld -mindepth 1 -delete && cp -a "$STATE/firewalld.previous/." /etc/firewalld/
  exit 1
fi
reload_firewalld() {
  if out=$(firewall-cmd --reload 2>&1); then return 0; fi
  case "$out" in
    *"Did not receive a reply"*) ;;
    *) echo "$out" >&2; return 1 ;;
  esac
  echo "firewalld is still loading the new rules (firewall-cmd stops waiting after 25 s): waiting for it to finish." >&2
  until_time=$(( $(date +%s) + 900 ))
  until state=$(firewall-cmd --state 2>&1); do
    case "$state" in
      *"Did not receive a reply"*) ;;
      *) echo "firewalld did not come back from the reload: $state" >&2; return 1 ;;
    esac
    [ "$(date +%s)" -lt "$until_time" ] || { echo "firewalld did not finish reloading within 15 minutes." >&2; return 1; }
    sleep 1
  done
  echo "firewalld finished loading." >&2
}
reload_firewalld
if [ -f /etc/firewalld/portcullis/limits.nft ]; then nft -f /etc/firewalld/portcullis/limits.nft; else nft delete table inet portcullis_limits 2>/dev/null || true; fi
SEEN=$( { iptables-save; ip6tables-save; } 2>/dev/null || true)
TABLES=$(nft list tables 2>/dev/null || true)
NEIGHBOURS=""
if printf '%s\n' "$SEEN" | grep -q '^:DOCKER' || printf '%s\n' "$TABLES" | grep -qi docker; then NEIGHBOURS="Docker"; fi
if printf '%s\n' "$SEEN" | grep -q '^:f2b-' || printf '%s\n' "$TABLES" | grep -q 'f2b-table'; then NEIGHBOURS="${NEIGHBOURS:+$NEIGHBOURS and }fail2ban"; fi
if [ -n "$NEIGHBOURS" ]; then echo "Seen: chains/tables of $NEIGHBOURS. They are left alone: this apply changes only its own rules and tables."; fi

touch "$STATE/loaded-$TOKEN"
echo "Applied. Open a NEW ssh session to this server now."
echo "If it works, type yes here within ${T} seconds, or run from that session: sh $HERE/apply.sh --confirm"
echo "Without confirmation the previous rules come back after ${T} seconds."
if read -r answer && [ "$answer" = yes ]; then
  decide "$TOKEN" || exit 1
else
  echo "Not confirmed here: run sh $HERE/apply.sh --confirm from a new session within ${T} seconds."
fi
