#!/bin/sh
# Portcullis: apply script (apf)
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
# Starts APF with the bundle's files plus its companion (IPv6, blocklist sets, limits); APF's own flush is not relied on.
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
STATE=${PORTCULLIS_STATE_DIR:-/var/lib/portcullis/apf}
GUARD=portcullis-guard-apf.service

install_boot() {
  mkdir -p "$STATE/boot-previous"
  if [ -f /etc/default/apf-firewall ]; then
    cp -a /etc/default/apf-firewall "$STATE/boot-previous/"
    if grep -q '^RUN=' /etc/default/apf-firewall; then sed -i 's/^RUN=.*/RUN="yes"/' /etc/default/apf-firewall; else echo 'RUN="yes"' >> /etc/default/apf-firewall; fi
  fi
  for s in apf-firewall apf; do
    [ -e "/etc/init.d/$s" ] || [ -e "/usr/lib/systemd/system/$s.service" ] || [ -e "/etc/systemd/system/$s.service" ] || continue
    if command -v update-rc.d >/dev/null 2>&1 && [ -e "/etc/init.d/$s" ]; then update-rc.d "$s" defaults >/dev/null 2>&1 && update-rc.d "$s" enable >/dev/null 2>&1 || echo "Could not enable $s at boot (update-rc.d): enable it by hand." >&2
    elif command -v systemctl >/dev/null 2>&1; then systemctl enable "$s" >/dev/null 2>&1 || echo "Could not enable $s at boot (systemctl): enable it by hand." >&2
    elif command -v chkconfig >/dev/null 2>&1; then chkconfig "$s" on || echo "Could not enable $s at boot (chkconfig): enable it by hand." >&2; fi
    echo "At boot the $s service starts APF, which loads the companion from postroute.rules."
  done
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
if systemctl is-active --quiet firewalld 2>/dev/null || [ "$(firewall-cmd --state 2>/dev/null || true)" = running ]; then OTHERS="$OTHERS firewalld (running);"; fi
if command -v csf >/dev/null 2>&1; then OTHERS="$OTHERS CSF (installed);"; fi
if ufw status 2>/dev/null | grep -q "^Status: active"; then OTHERS="$OTHERS UFW (active);"; fi
if [ -n "$OTHERS" ]; then
  if [ "$FORCE" = 1 ]; then
    echo "Warning: another firewall manager is active:$OTHERS going ahead because of --force-with-other-manager." >&2
  else
    echo "Refusing to apply: another firewall manager is active on this server:$OTHERS two managers overwrite each other's rules. Stop and disable it first, or run again with --force-with-other-manager (or PORTCULLIS_FORCE_OTHER_MANAGER=1) if you are sure." >&2
    exit 1
  fi
fi

APF_DIR=""
for d in /etc/apf /etc/apf-firewall; do if [ -f "$d/conf.apf" ]; then APF_DIR=$d; break; fi; done
[ -n "$APF_DIR" ] || { echo "APF is not installed (no conf.apf in /etc/apf or /etc/apf-firewall)" >&2; exit 1; }
CONF="$APF_DIR/conf.apf"
C="$APF_DIR/portcullis"
for t in apf iptables-save iptables-restore ip6tables-save ip6tables-restore ipset tar; do command -v $t >/dev/null || { echo "$t is required" >&2; exit 1; }; done
if grep -v '^#' "$HERE/conf.apf.portcullis" | grep -v '^$' | grep -vqE '^[A-Z0-9_]+="[0-9_,:]*"$'; then echo "conf.apf.portcullis has an unsafe line" >&2; exit 1; fi
# Snapshot: APF's files (and the companion, if any) and the running rules of both families.
echo "$APF_DIR" > "$STATE/apf-dir"
tar -C "$APF_DIR" -cpf "$STATE/previous-apf.tar" conf.apf allow_hosts.rules deny_hosts.rules postroute.rules $([ -d "$C" ] && echo portcullis)
iptables-save > "$STATE/previous.v4"
ip6tables-save > "$STATE/previous.v6"
ipset list -n 2>/dev/null | grep '^portcullis-' | while read -r s; do
  ipset save "$s" | awk -v s="$s" 'NR == 1 { print; print "flush " s; next } { print }'
done > "$STATE/previous.ipset" || true
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
APF_DIR=$(cat "$STATE/apf-dir")
rm -rf "$APF_DIR/portcullis"
tar -C "$APF_DIR" -xpf "$STATE/previous-apf.tar"
for tool in iptables ip6tables; do
  for t in $($tool-save | sed -n "s/^\*//p"); do $tool -t "$t" -F; $tool -t "$t" -X; done
  for c in INPUT OUTPUT FORWARD; do $tool -P "$c" ACCEPT; done
done
ipset restore -exist < "$STATE/previous.ipset" 2>/dev/null || true
iptables-restore < "$STATE/previous.v4"
ip6tables-restore < "$STATE/previous.v6"
ipset list -n 2>/dev/null | grep '^portcullis-' | while read -r s; do grep -q "^create $s " "$STATE/previous.ipset" || ipset destroy "$s" 2>/dev/null || true; done
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
  APF_DIR=$(cat "$STATE/apf-dir")
  rm -rf "$APF_DIR/portcullis"
  tar -C "$APF_DIR" -xpf "$STATE/previous-apf.tar"
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
Before=network-pre.target apf-firewall.service apf.service

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

if grep -q '^DEVEL_MODE=' "$CONF"; then sed -i 's/^DEVEL_MODE=.*/DEVEL_MODE="0"/' "$CONF"; else echo "conf.apf has no DEVEL_MODE (another APF version): not set" >&2; fi
if grep -q '^SET_TRIM=' "$CONF"; then sed -i 's/^SET_TRIM=.*/SET_TRIM="0"/' "$CONF"; else echo "conf.apf has no SET_TRIM (another APF version): not set" >&2; fi
if grep -q '^USE_IPV6=' "$CONF"; then sed -i 's/^USE_IPV6=.*/USE_IPV6="0"/' "$CONF"; else echo "conf.apf has no USE_IPV6 (another APF version): not set" >&2; fi
if grep -q '^IG_TCP_CPORTS=' "$CONF"; then sed -i 's/^IG_TCP_CPORTS=.*/IG_TCP_CPORTS="21_22,25,53,80,443,465,587,993,995,2083,2087,2096,30000_35000"/' "$CONF"; else echo "conf.apf has no IG_TCP_CPORTS (another APF version): not set" >&2; fi
if grep -q '^IG_UDP_CPORTS=' "$CONF"; then sed -i 's/^IG_UDP_CPORTS=.*/IG_UDP_CPORTS="53,443"/' "$CONF"; else echo "conf.apf has no IG_UDP_CPORTS (another APF version): not set" >&2; fi
if grep -q '^EGF=' "$CONF"; then sed -i 's/^EGF=.*/EGF="0"/' "$CONF"; else echo "conf.apf has no EGF (another APF version): not set" >&2; fi
if grep -q '^EG_TCP_CPORTS=' "$CONF"; then sed -i 's/^EG_TCP_CPORTS=.*/EG_TCP_CPORTS=""/' "$CONF"; else echo "conf.apf has no EG_TCP_CPORTS (another APF version): not set" >&2; fi
if grep -q '^EG_UDP_CPORTS=' "$CONF"; then sed -i 's/^EG_UDP_CPORTS=.*/EG_UDP_CPORTS=""/' "$CONF"; else echo "conf.apf has no EG_UDP_CPORTS (another APF version): not set" >&2; fi
if grep -q '^IG_TCP_CLIMIT=' "$CONF"; then sed -i 's/^IG_TCP_CLIMIT=.*/IG_TCP_CLIMIT=""/' "$CONF"; else echo "conf.apf has no IG_TCP_CLIMIT (another APF version): not set" >&2; fi
if grep -q '^IG_UDP_CLIMIT=' "$CONF"; then sed -i 's/^IG_UDP_CLIMIT=.*/IG_UDP_CLIMIT=""/' "$CONF"; else echo "conf.apf has no IG_UDP_CLIMIT (another APF version): not set" >&2; fi
install -m 0600 "$HERE/allow_hosts.rules" "$APF_DIR/allow_hosts.rules"
install -m 0600 "$HERE/deny_hosts.rules" "$APF_DIR/deny_hosts.rules"
rm -rf "$C"
mkdir -m 0700 "$C"
for f in "$HERE/companion.v4" "$HERE/companion.sh"; do install -m 0600 "$f" "$C/"; done
grep -qF '# portcullis companion (IPv6, large lists, limits)' "$APF_DIR/postroute.rules" || printf '\n%s\nsh "%s/companion.sh" "%s" || echo "portcullis companion failed to load" >&2\n' '# portcullis companion (IPv6, large lists, limits)' "$C" "$C" >> "$APF_DIR/postroute.rules"
# A clean start: on nft-backed iptables apf's own flush finds no tables and would load every rule twice.
for tool in iptables ip6tables; do
  for t in $($tool-save | sed -n "s/^\*//p"); do $tool -t "$t" -F; $tool -t "$t" -X; done
  for c in INPUT OUTPUT FORWARD; do $tool -P "$c" ACCEPT; done
done
apf --start > "$STATE/apf-start.log" 2>&1 || true
failed() { echo "APF did not load what was expected: $1. See $STATE/apf-start.log; the previous rules come back in ${T} seconds." >&2; exit 1; }
same() { [ "$1" = "$2" ] || failed "$3 ($1 loaded, $2 expected)"; }
V4=$(iptables-save -t filter)
same $(printf '%s\n' "$V4" | grep -cE -- "^-A INPUT -j TALLOW$" || true) 1 "APF's trust chain jumps (2 means a doubled load)"
same $(printf '%s\n' "$V4" | grep -cE -- "^-A INPUT (-p (tcp|udp|all) )?-j (DROP|REJECT.*|RESET|PROHIBIT)$" || true) 3 "APF's final ingress drop rules"
for p in $(sed -n 's/^IG_TCP_CPORTS="\(.*\)"$/\1/p' "$HERE/conf.apf.portcullis" | tr ',_' ' :'); do
  same $(printf '%s\n' "$V4" | grep -cE -- "^-A INPUT -p tcp -m tcp --dport $p -j ACCEPT$" || true) 1 "the open TCP port $p"
done
same $(printf '%s\n' "$V4" | grep -cE -- "^-A TALLOW " || true) $(cat "$HERE/allow_hosts.rules" | grep -cE -- "^(tcp|udp):in:d=[0-9_]+:s=[0-9]" || true) "allow_hosts.rules entries"
same $(printf '%s\n' "$V4" | grep -cE -- "^-A TDENY -s " || true) $(cat "$HERE/deny_hosts.rules" | grep -cE -- "^[0-9.]+(/[0-9]+)?$" || true) "deny_hosts.rules entries"
iptables -C INPUT -j PORTCULLIS-IN 2>/dev/null || failed "the companion's IPv4 chain is not hooked"
same $(printf '%s\n' "$V4" | grep -cE -- "^-A PORTCULLIS-IN " || true) $(cat "$HERE/companion.v4" | grep -cE -- "^-A PORTCULLIS-IN " || true) "companion IPv4 rules"
if [ -f "$HERE/companion.v6" ]; then
  ip6tables -C INPUT -j PORTCULLIS-IN 2>/dev/null || failed "the companion's IPv6 chain is not hooked"
  same $(ip6tables-save -t filter | grep -cE -- "^-A PORTCULLIS-(IN|OUT) " || true) $(cat "$HERE/companion.v6" | grep -cE -- "^-A PORTCULLIS-(IN|OUT) " || true) "companion IPv6 rules"
fi
if [ -f "$HERE/companion.ipset" ]; then
  for s in $(sed -n 's/^create \(portcullis-[a-z0-9-]*[0-9]\) .*/\1/p' "$HERE/companion.ipset"); do
    same "$(ipset list "$s" -t 2>/dev/null | sed -n 's/^Number of entries: //p')" $(cat "$HERE/companion.ipset" | grep -cE -- "^add $s-tmp " || true) "entries of the set $s"
  done
fi
SEEN=$( { iptables-save; ip6tables-save; } 2>/dev/null || true)
TABLES=$(nft list tables 2>/dev/null || true)
NEIGHBOURS=""
if printf '%s\n' "$SEEN" | grep -q '^:DOCKER' || printf '%s\n' "$TABLES" | grep -qi docker; then NEIGHBOURS="Docker"; fi
if printf '%s\n' "$SEEN" | grep -q '^:f2b-' || printf '%s\n' "$TABLES" | grep -q 'f2b-table'; then NEIGHBOURS="${NEIGHBOURS:+$NEIGHBOURS and }fail2ban"; fi
if [ -n "$NEIGHBOURS" ]; then echo "Seen: chains/tables of $NEIGHBOURS. They are NOT left alone: apf flushes every table when it restarts, so restart Docker and fail2ban after confirming."; fi

touch "$STATE/loaded-$TOKEN"
echo "Applied. Open a NEW ssh session to this server now."
echo "If it works, type yes here within ${T} seconds, or run from that session: sh $HERE/apply.sh --confirm"
echo "Without confirmation the previous rules come back after ${T} seconds."
if read -r answer && [ "$answer" = yes ]; then
  decide "$TOKEN" || exit 1
else
  echo "Not confirmed here: run sh $HERE/apply.sh --confirm from a new session within ${T} seconds."
fi
