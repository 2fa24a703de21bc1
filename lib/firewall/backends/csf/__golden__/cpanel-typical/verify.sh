#!/bin/sh
# Portcullis: verify script (csf)
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
# usage: sh verify.sh [FOLDER]   (as root; writes FOLDER/portcullis-live-<host>-<UTC time>.txt)
# Read-only: it only reads the firewall, its files and service states, and changes nothing on
# this server besides writing that file (and a temporary folder it removes).
set -u
umask 077
[ "$(id -u)" = 0 ] || { echo "verify.sh must run as root: the firewall can only be read by root." >&2; exit 2; }
STATE=${PORTCULLIS_STATE_DIR:-/var/lib/portcullis/csf}
HOST=$( (hostname 2>/dev/null || uname -n) | head -n 1 | tr -cd "A-Za-z0-9_.-" | cut -c1-253)
[ -n "$HOST" ] || HOST=unknown
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
OUT="${1:-.}/portcullis-live-$HOST-$(date -u +%Y%m%dT%H%M%SZ).txt"
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
# section ID COMMAND...: the command's output between BEGIN and END lines, with its exit code.
section() { id=$1; shift; "$@" >"$TMP/out" 2>/dev/null; st=$?; echo "=== BEGIN $id ==="; awk '{ print }' "$TMP/out"; echo "=== END $id status=$st ==="; }
# keep_file PATH: a file's text (status 1 when it does not exist); odd names are skipped.
keep_file() { case "$1" in *[!A-Za-z0-9_./-]*) return 0 ;; esac; section "file $1" cat "$1"; }
managers() {
  OTHERS=""
  if systemctl is-active --quiet firewalld 2>/dev/null || [ "$(firewall-cmd --state 2>/dev/null || true)" = running ]; then OTHERS="$OTHERS firewalld (running);"; fi
  if command -v apf >/dev/null 2>&1 && ! grep -qs '^RUN="no"' /etc/default/apf-firewall; then OTHERS="$OTHERS APF (installed);"; fi
  if ufw status 2>/dev/null | grep -q "^Status: active"; then OTHERS="$OTHERS UFW (active);"; fi
  printf '%s' "$OTHERS" | tr ';' '\n' | sed 's/^ *//' | grep -v '^$' || true
}
# The apply frame's state: pending holds the token while a rollback is pending.
apply_state() {
  tok=$(tr -cd "0-9." < "$STATE/pending" 2>/dev/null)
  if [ -z "$tok" ]; then echo "pending none"; return 0; fi
  echo "pending $tok"
  if [ -e "$STATE/loaded-$tok" ]; then echo "loaded yes"; else echo "loaded no"; fi
  if kill -0 "$(cat "$STATE/timer-$tok" 2>/dev/null)" 2>/dev/null; then echo "timer running"; else echo "timer gone"; fi
}
{
  echo '# portcullis-live format 1'
  echo 'backend=csf'
  echo "host=$HOST"
  echo "time=$NOW"
  echo 'generator=Portcullis 0.1.0-test verify.sh'
  echo 'read-only=yes'
  section 'live iptables-save' iptables-save
  section 'live ip6tables-save' ip6tables-save
  section 'live ipset-save' ipset save
  keep_file /etc/csf/csf.conf
  for f in /etc/csf/*.allow; do keep_file "$f"; done
  for f in /etc/csf/*.deny; do keep_file "$f"; done
  keep_file /var/lib/csf/csf.tempban
  keep_file /var/lib/csf/csf.tempallow
  section 'enabled csf' systemctl is-enabled csf
  section 'enabled lfd' systemctl is-enabled lfd
  section managers managers
  section apply apply_state
} > "$TMP/live" || exit 2
mv "$TMP/live" "$OUT" 2>/dev/null || cp "$TMP/live" "$OUT" || exit 2
echo "Wrote $OUT (read-only: nothing on this server was changed)."
echo "Upload it on the server page in Portcullis (Verify), or: npm run cli -- verify profile.json $(basename "$OUT")"
