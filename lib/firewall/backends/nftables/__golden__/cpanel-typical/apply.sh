#!/bin/sh
# Portcullis: apply script (nftables)
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
# Touches only table inet portcullis; once confirmed, its boot file and include.
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
STATE=${PORTCULLIS_STATE_DIR:-/var/lib/portcullis/nftables}
GUARD=portcullis-guard-nftables.service

# The OS family decides the boot files: read it from this server, not from the profile.
FAMILY=$( { . /etc/os-release; printf '%s %s\n' "${ID:-}" "${ID_LIKE:-}"; } 2>/dev/null | tr ' ' '\n' | while read -r w; do case "$w" in debian|ubuntu) echo debian; break ;; rhel|centos|fedora|almalinux|rocky|cloudlinux) echo rhel; break ;; esac; done)
[ -n "$FAMILY" ] || { echo "Unknown OS family (/etc/os-release names neither Debian/Ubuntu nor an EL distribution): nothing changed." >&2; exit 1; }

if [ "$FAMILY" = rhel ]; then NFT_BOOT=/etc/nftables/portcullis.nft; NFT_MAIN=/etc/sysconfig/nftables.conf; else NFT_BOOT=/etc/nftables.d/portcullis.nft; NFT_MAIN=/etc/nftables.conf; fi
# Runs once the rules are confirmed, never before.
install_boot() {
  mkdir -p "$(dirname "$NFT_BOOT")"
  install -m 0600 "$STATE/applied.nft" "$NFT_BOOT"
  # Our include goes last, after any `flush ruleset`, which would otherwise wipe our table at boot.
  { grep -vxF "include \"$NFT_BOOT\"" "$NFT_MAIN" 2>/dev/null || true; printf 'include "%s"\n' "$NFT_BOOT"; } > "$STATE/main.new"
  cat "$STATE/main.new" > "$NFT_MAIN"
  if command -v systemctl >/dev/null 2>&1; then systemctl enable nftables >/dev/null 2>&1 || echo "Could not enable nftables.service: run systemctl enable nftables." >&2; fi
  echo "Boot: $NFT_BOOT is included from $NFT_MAIN (nftables.service loads it)."
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
if command -v apf >/dev/null 2>&1 && ! grep -qs '^RUN="no"' /etc/default/apf-firewall; then OTHERS="$OTHERS APF (installed);"; fi
if ufw status 2>/dev/null | grep -q "^Status: active"; then OTHERS="$OTHERS UFW (active);"; fi
if [ -n "$OTHERS" ]; then
  if [ "$FORCE" = 1 ]; then
    echo "Warning: another firewall manager is active:$OTHERS going ahead because of --force-with-other-manager." >&2
  else
    echo "Refusing to apply: another firewall manager is active on this server:$OTHERS two managers overwrite each other's rules. Stop and disable it first, or run again with --force-with-other-manager (or PORTCULLIS_FORCE_OTHER_MANAGER=1) if you are sure." >&2
    exit 1
  fi
fi

nft -c -f "$HERE/portcullis.nft"
{ echo 'table inet portcullis'; echo 'delete table inet portcullis'; nft list table inet portcullis 2>/dev/null || true; } > "$STATE/previous.nft"
rm -rf "$STATE/boot.previous"; mkdir -p "$STATE/boot.previous"
echo "$NFT_BOOT" > "$STATE/boot.previous/0.path"; if [ -e "$NFT_BOOT" ]; then cp -a "$NFT_BOOT" "$STATE/boot.previous/0"; fi
echo "$NFT_MAIN" > "$STATE/boot.previous/1.path"; if [ -e "$NFT_MAIN" ]; then cp -a "$NFT_MAIN" "$STATE/boot.previous/1"; fi
cp "$HERE/portcullis.nft" "$STATE/applied.nft"
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
nft -f "$STATE/previous.nft"
for f in "$STATE"/boot.previous/*.path; do
  [ -e "$f" ] || continue; p=$(cat "$f"); b=${f%.path}
  if [ -e "$b" ]; then cat "$b" > "$p"; else rm -f "$p"; fi
done
rm -f "$STATE/pending"
if [ -n "$GUARD" ]; then rm -f "/etc/systemd/system/$GUARD" "/etc/systemd/system/sysinit.target.wants/$GUARD" "$STATE/boot-guard.sh"; fi
touch "$STATE/done-$3"
logger -t portcullis "not confirmed: previous firewall rules restored" 2>/dev/null || true
ROLLBACK
setsid sh "$STATE/rollback.sh" "$T" "$STATE" "$TOKEN" "$$" "$GUARD" </dev/null >/dev/null 2>&1 &
trap '[ -e "$STATE/loaded-$TOKEN" ] || echo "apply.sh stopped before the new rules were fully loaded: the previous rules come back in ${T} seconds; do not confirm." >&2' EXIT

nft -f "$HERE/portcullis.nft"
SEEN=$( { iptables-save; ip6tables-save; } 2>/dev/null || true)
TABLES=$(nft list tables 2>/dev/null || true)
NEIGHBOURS=""
if printf '%s\n' "$SEEN" | grep -q '^:DOCKER' || printf '%s\n' "$TABLES" | grep -qi docker; then NEIGHBOURS="Docker"; fi
if printf '%s\n' "$SEEN" | grep -q '^:f2b-' || printf '%s\n' "$TABLES" | grep -q 'f2b-table'; then NEIGHBOURS="${NEIGHBOURS:+$NEIGHBOURS and }fail2ban"; fi
if [ -n "$NEIGHBOURS" ]; then echo "Seen: chains/tables of $NEIGHBOURS. They are left alone: this apply changes only its own rules and tables."; fi

touch "$STATE/loaded-$TOKEN"
echo "Applied. Open a NEW ssh session to this server now."
echo "If it works, type yes here within ${T} seconds, or run from that session: sh $HERE/apply.sh --confirm"
echo "Without confirmation the previous rules come back after ${T} seconds."
if read -r answer && [ "$answer" = yes ]; then
  decide "$TOKEN" || exit 1
else
  echo "Not confirmed here: run sh $HERE/apply.sh --confirm from a new session within ${T} seconds."
fi
