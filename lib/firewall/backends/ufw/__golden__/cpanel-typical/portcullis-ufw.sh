#!/bin/sh
# Portcullis: ufw command script
# Profile: cpanel-typical (host1.example.com)
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
$UFW 'reject' 'proto' 'tcp' 'to' 'any' 'port' '783,3306' 'comment' 'Localhost only: SpamAssassin (spamd), MySQL'

# Inbound
$UFW 'allow' 'proto' 'tcp' 'to' 'any' 'port' '21:22,25,53,80,443,465,587,993,995,2083,2087,2096,30000:35000' 'comment' 'FTP, SSH, SMTP, DNS, HTTP, HTTPS, SMTP over TLS, SMTP submission, IMAP over TLS, POP3 over TLS, cPan'
$UFW 'allow' 'proto' 'udp' 'to' 'any' 'port' '53,443' 'comment' 'DNS, HTTPS'
