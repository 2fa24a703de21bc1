#!/bin/sh
# Portcullis: ufw command script
# Profile: froxlor-web (web2.example.org)
# Generated: 2026-11-22T12:00:00Z by Portcullis 0.1.0-test
# IPv6: not filtered by these rules (IPv6 is off in the profile)
# Outbound: open
# Open warnings: none
# Not enforced by this backend (see the report):
#   - IPv6 is off in the profile: ufw with IPV6_no drops all IPv6 traffic instead of leaving it unfiltered
# Rebuilds every ufw rule from a reset (ufw keeps backups as *.rules.<date>).
# Run it through apply.sh: it arms the rollback, runs this, installs the before.rules blocks
# (after the reset, which restores stock before.rules) and only then enables ufw.
# UFW may carry extra options, e.g. UFW='ufw --dry-run'.
set -eu
UFW=${UFW:-ufw}
$UFW '--force' 'reset'
$UFW 'default' 'deny' 'incoming'
$UFW 'default' 'allow' 'outgoing'

# Blocked addresses first (prepend: first match wins, for IPv4 and IPv6)

# Localhost-only services: refused from outside (loopback is accepted by before.rules)
$UFW 'reject' 'proto' 'tcp' 'to' 'any' 'port' '3306' 'comment' 'Localhost only: MySQL'

# Inbound
$UFW 'allow' 'proto' 'tcp' 'from' '203.0.113.0/24' 'to' 'any' 'port' '22' 'comment' 'SSH'
$UFW 'allow' 'proto' 'tcp' 'to' 'any' 'port' '25,80,443,587,993,995' 'comment' 'SMTP, HTTP, HTTPS, SMTP submission, IMAP over TLS, POP3 over TLS'
$UFW 'allow' 'proto' 'tcp' 'from' '198.51.100.20' 'to' 'any' 'port' '9100' 'comment' 'Prometheus node exporter'
