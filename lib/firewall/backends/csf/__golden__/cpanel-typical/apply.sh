#!/bin/sh
# Portcullis: apply script (csf)
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
# usage: sh apply.sh   then, from a NEW ssh session: sh apply.sh --confirm
# Safety net: TESTING = 1 (csf flushes its rules every TESTING_INTERVAL minutes) until confirmed.
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
STATE=${PORTCULLIS_STATE_DIR:-/var/lib/portcullis/csf}

if [ "${1:-}" = "--confirm" ]; then
  sed -i 's/^TESTING = .*/TESTING = "0"/' /etc/csf/csf.conf
  csf -ra
  echo "TESTING is off: the rules stay and lfd runs."
  exit 0
fi
command -v csf >/dev/null || { echo "csf is not installed" >&2; exit 1; }
if systemctl is-active --quiet firewalld 2>/dev/null; then echo "firewalld is running: csf refuses to start next to it" >&2; exit 1; fi
# Lint: only NAME = "value" lines, each name once.
if grep -v '^#' "$HERE/portcullis.conf" | grep -v '^$' | grep -vqE '^[A-Z0-9_]+ = "[^"]*"$'; then echo "portcullis.conf has an invalid line" >&2; exit 1; fi
if grep -v '^#' "$HERE/portcullis.conf" | cut -d' ' -f1 | sort | uniq -d | grep -q .; then echo "portcullis.conf repeats a setting" >&2; exit 1; fi
csf --profile backup portcullis_previous
install -m 0600 "$HERE/portcullis.conf" /usr/local/csf/profiles/portcullis.conf
install -m 0600 "$HERE/portcullis.allow" /etc/csf/portcullis.allow
install -m 0600 "$HERE/portcullis.deny" /etc/csf/portcullis.deny
grep -qx 'Include /etc/csf/portcullis.allow' /etc/csf/csf.allow || echo 'Include /etc/csf/portcullis.allow' >> /etc/csf/csf.allow
grep -qx 'Include /etc/csf/portcullis.deny' /etc/csf/csf.deny || echo 'Include /etc/csf/portcullis.deny' >> /etc/csf/csf.deny
csf --profile apply portcullis
csf -ra
echo "Applied with TESTING = 1: csf flushes its rules every TESTING_INTERVAL minutes, so a mistake cannot lock you out for long."
echo "From a NEW ssh session, confirm with: sh $HERE/apply.sh --confirm (sets TESTING = 0 and restarts csf)."
echo "To undo: csf --profile list, then csf --profile restore <the portcullis_previous backup>, then csf -ra."
