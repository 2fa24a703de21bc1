#!/bin/sh
# Portcullis: APF companion loader (run by APF from postroute.rules at every start)
# Profile: locked-down (whm.example.net)
# Generated: 2026-11-22T12:00:00Z by Portcullis 0.1.0-test
# IPv6: filtered like IPv4
# Outbound: restricted to the listed ports
# Open warnings: none
# Idempotent: the sets are swapped in, the chains re-declared (--noflush flushes just them), the jumps added once.
D=${1:-$(dirname "$0")}
set -eu
if [ -f "$D/companion.ipset" ]; then ipset restore < "$D/companion.ipset"; fi
iptables-restore --noflush < "$D/companion.v4"
iptables -C INPUT -j PORTCULLIS-IN 2>/dev/null || iptables -I INPUT 1 -j PORTCULLIS-IN
iptables -C OUTPUT -j PORTCULLIS-OUT 2>/dev/null || iptables -I OUTPUT 1 -j PORTCULLIS-OUT
if [ -f "$D/companion.v6" ]; then
  ip6tables-restore --noflush < "$D/companion.v6"
  ip6tables -C INPUT -j PORTCULLIS-IN 2>/dev/null || ip6tables -I INPUT 1 -j PORTCULLIS-IN
  ip6tables -C OUTPUT -j PORTCULLIS-OUT 2>/dev/null || ip6tables -I OUTPUT 1 -j PORTCULLIS-OUT
else
  # IPv6 is off in the profile: unhook chains an earlier version installed.
  ip6tables -D INPUT -j PORTCULLIS-IN 2>/dev/null || true
  ip6tables -D OUTPUT -j PORTCULLIS-OUT 2>/dev/null || true
fi
