#!/bin/sh
# Portcullis: ufw command script
# Profile: ipv6-host (v6.example.org)
# Generated: 2026-11-22T12:00:00Z by Portcullis 0.1.0-test
# IPv6: filtered like IPv4
# Outbound: open
# Open warnings: none
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
$UFW 'allow' 'proto' 'tcp' 'from' '2001:db8:a::/48' 'to' 'any' 'port' '22' 'comment' 'SSH'
$UFW 'allow' 'proto' 'tcp' 'to' 'any' 'port' '53,80,443' 'comment' 'DNS, HTTP, HTTPS'
$UFW 'allow' 'proto' 'udp' 'to' 'any' 'port' '53,51820' 'comment' 'DNS, WireGuard'
$UFW 'allow' 'proto' 'tcp' 'from' '198.51.100.0/25' 'to' 'any' 'port' '8443:8444' 'comment' 'Partner API'
$UFW 'allow' 'proto' 'tcp' 'from' '2001:db8:c::/64' 'to' 'any' 'port' '8443:8444' 'comment' 'Partner API'
