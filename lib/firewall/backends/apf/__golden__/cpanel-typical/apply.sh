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
# usage: sh apply.sh   then, from a NEW ssh session: sh apply.sh --confirm
# Safety net: DEVEL_MODE=1 (apf flushes its rules every 5 minutes) until confirmed.
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
STATE=${PORTCULLIS_STATE_DIR:-/var/lib/portcullis/apf}

if [ "${1:-}" = "--confirm" ]; then
  sed -i 's/^DEVEL_MODE=.*/DEVEL_MODE="0"/' /etc/apf/conf.apf
  apf -r
  echo "DEVEL_MODE is off: the rules stay."
  exit 0
fi
FORCE=${PORTCULLIS_FORCE_OTHER_MANAGER:-0}
case " $* " in *" --force-with-other-manager "*) FORCE=1 ;; esac
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

[ -f /etc/apf/conf.apf ] || { echo "APF is not installed (/etc/apf/conf.apf missing)" >&2; exit 1; }
if grep -v '^#' "$HERE/conf.apf.portcullis" | grep -v '^$' | grep -vqE '^[A-Z0-9_]+="[0-9_,:]*"$'; then echo "conf.apf.portcullis has an unsafe line" >&2; exit 1; fi
mkdir -p "$STATE"
cp -a /etc/apf/conf.apf /etc/apf/allow_hosts.rules /etc/apf/deny_hosts.rules "$STATE/"
if grep -q '^DEVEL_MODE=' /etc/apf/conf.apf; then sed -i 's/^DEVEL_MODE=.*/DEVEL_MODE="1"/' /etc/apf/conf.apf; else echo "conf.apf has no DEVEL_MODE (older APF?): not set" >&2; fi
if grep -q '^USE_IPV6=' /etc/apf/conf.apf; then sed -i 's/^USE_IPV6=.*/USE_IPV6="0"/' /etc/apf/conf.apf; else echo "conf.apf has no USE_IPV6 (older APF?): not set" >&2; fi
if grep -q '^IG_TCP_CPORTS=' /etc/apf/conf.apf; then sed -i 's/^IG_TCP_CPORTS=.*/IG_TCP_CPORTS="21_22,25,53,80,443,465,587,993,995,2083,2087,2096,30000_35000"/' /etc/apf/conf.apf; else echo "conf.apf has no IG_TCP_CPORTS (older APF?): not set" >&2; fi
if grep -q '^IG_UDP_CPORTS=' /etc/apf/conf.apf; then sed -i 's/^IG_UDP_CPORTS=.*/IG_UDP_CPORTS="53,443"/' /etc/apf/conf.apf; else echo "conf.apf has no IG_UDP_CPORTS (older APF?): not set" >&2; fi
if grep -q '^EGF=' /etc/apf/conf.apf; then sed -i 's/^EGF=.*/EGF="0"/' /etc/apf/conf.apf; else echo "conf.apf has no EGF (older APF?): not set" >&2; fi
if grep -q '^EG_TCP_CPORTS=' /etc/apf/conf.apf; then sed -i 's/^EG_TCP_CPORTS=.*/EG_TCP_CPORTS=""/' /etc/apf/conf.apf; else echo "conf.apf has no EG_TCP_CPORTS (older APF?): not set" >&2; fi
if grep -q '^EG_UDP_CPORTS=' /etc/apf/conf.apf; then sed -i 's/^EG_UDP_CPORTS=.*/EG_UDP_CPORTS=""/' /etc/apf/conf.apf; else echo "conf.apf has no EG_UDP_CPORTS (older APF?): not set" >&2; fi
if grep -q '^IG_TCP_CLIMIT=' /etc/apf/conf.apf; then sed -i 's/^IG_TCP_CLIMIT=.*/IG_TCP_CLIMIT=""/' /etc/apf/conf.apf; else echo "conf.apf has no IG_TCP_CLIMIT (older APF?): not set" >&2; fi
if grep -q '^IG_UDP_CLIMIT=' /etc/apf/conf.apf; then sed -i 's/^IG_UDP_CLIMIT=.*/IG_UDP_CLIMIT=""/' /etc/apf/conf.apf; else echo "conf.apf has no IG_UDP_CLIMIT (older APF?): not set" >&2; fi
install -m 0600 "$HERE/allow_hosts.rules" /etc/apf/allow_hosts.rules
install -m 0600 "$HERE/deny_hosts.rules" /etc/apf/deny_hosts.rules
if apf --help 2>&1 | grep -q -- --validate; then apf --validate; fi
apf -r
SEEN=$( { iptables-save; ip6tables-save; } 2>/dev/null || true)
TABLES=$(nft list tables 2>/dev/null || true)
NEIGHBOURS=""
if printf '%s\n' "$SEEN" | grep -q '^:DOCKER' || printf '%s\n' "$TABLES" | grep -qi docker; then NEIGHBOURS="Docker"; fi
if printf '%s\n' "$SEEN" | grep -q '^:f2b-' || printf '%s\n' "$TABLES" | grep -q 'f2b-table'; then NEIGHBOURS="${NEIGHBOURS:+$NEIGHBOURS and }fail2ban"; fi
if [ -n "$NEIGHBOURS" ]; then echo "Seen: chains/tables of $NEIGHBOURS. They are NOT left alone: apf flushes every table when it restarts, so restart Docker and fail2ban after confirming."; fi

echo "Applied with DEVEL_MODE=1: apf flushes its rules every 5 minutes, so a mistake cannot lock you out for long."
echo "From a NEW ssh session, confirm with: sh $HERE/apply.sh --confirm. To undo, copy back the files in $STATE and run apf -r."
