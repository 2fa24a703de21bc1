#!/bin/sh
# Portcullis: ufw command script
# Profile: mail-gateway (mx1.example.com)
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
$UFW 'prepend' 'deny' 'from' '192.0.2.0/24' 'comment' 'Portcullis blocked'
$UFW 'prepend' 'reject' 'out' 'to' '192.0.2.0/24' 'comment' 'Portcullis blocked'
$UFW 'prepend' 'deny' 'from' '198.18.0.0/15' 'comment' 'Portcullis blocked'
$UFW 'prepend' 'reject' 'out' 'to' '198.18.0.0/15' 'comment' 'Portcullis blocked'
$UFW 'prepend' 'deny' 'from' '100.64.12.7' 'comment' 'Portcullis blocked'
$UFW 'prepend' 'reject' 'out' 'to' '100.64.12.7' 'comment' 'Portcullis blocked'
$UFW 'prepend' 'deny' 'from' '2001:db8:bad::/48' 'comment' 'Portcullis blocked'
$UFW 'prepend' 'reject' 'out' 'to' '2001:db8:bad::/48' 'comment' 'Portcullis blocked'

# Inbound
$UFW 'allow' 'proto' 'tcp' 'from' '203.0.113.0/24' 'to' 'any' 'port' '22' 'comment' 'SSH'
$UFW 'allow' 'proto' 'tcp' 'from' '2001:db8:a::/48' 'to' 'any' 'port' '22' 'comment' 'SSH'
$UFW 'allow' 'proto' 'tcp' 'to' 'any' 'port' '25,80,443,587,993' 'comment' 'SMTP, HTTP, HTTPS, SMTP submission, IMAP over TLS'
