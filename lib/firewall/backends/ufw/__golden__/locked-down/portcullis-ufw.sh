#!/bin/sh
# Portcullis: ufw command script
# Profile: locked-down (whm.example.net)
# Generated: 2026-11-22T12:00:00Z by Portcullis 0.1.0-test
# IPv6: filtered like IPv4
# Outbound: restricted to the listed ports
# Open warnings: none
# Rebuilds every ufw rule from a reset (ufw keeps backups as *.rules.<date>).
# Run it through apply.sh: it arms the rollback, runs this, installs the before.rules blocks
# (after the reset, which restores stock before.rules) and only then enables ufw.
# UFW may carry extra options, e.g. UFW='ufw --dry-run'.
set -eu
UFW=${UFW:-ufw}
$UFW '--force' 'reset'
$UFW 'default' 'deny' 'incoming'
$UFW 'default' 'deny' 'outgoing'

# Blocked addresses first (prepend: first match wins, for IPv4 and IPv6)

# Localhost-only services: refused from outside (loopback is accepted by before.rules)
$UFW 'reject' 'proto' 'tcp' 'to' 'any' 'port' '3306' 'comment' 'Localhost only: MySQL'

# Inbound
$UFW 'allow' 'proto' 'tcp' 'from' '203.0.113.0/24' 'to' 'any' 'port' '2087,2222' 'comment' 'SSH, WHM SSL'
$UFW 'allow' 'proto' 'tcp' 'from' '2001:db8:a::/48' 'to' 'any' 'port' '2087,2222' 'comment' 'SSH, WHM SSL'
$UFW 'allow' 'proto' 'tcp' 'to' 'any' 'port' '25,80,443,587,993,2083' 'comment' 'SMTP, HTTP, HTTPS, SMTP submission, IMAP over TLS, cPanel SSL'

# Outbound (everything else is denied)
$UFW 'allow' 'out' 'proto' 'tcp' 'to' 'any' 'port' '25,53,80,443,2089' 'comment' 'SMTP, HTTP, HTTPS, cPanel licensing, DNS resolver'
$UFW 'allow' 'out' 'proto' 'udp' 'to' 'any' 'port' '53,123' 'comment' 'DNS resolver, Time sync (NTP)'
