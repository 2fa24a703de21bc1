/**
 * One firewall manager per server (docs/backends.md §10.1): apply.sh refuses when another manager
 * is active, unless the admin overrides it, and names Docker's and fail2ban's chains and tables
 * when it sees them. Detection goes through commands only (`firewall-cmd --state`,
 * `systemctl is-active`, `ufw status`, `command -v csf`/`apf`), so a test can simulate a server by
 * putting fake commands first on PATH.
 */
import type { Backend } from "../../policy/schema";
import { FORCE_ENV, FORCE_OPTION } from "./apply-frame";

type Detector = { manager: Backend; line: string };

const DETECTORS: Detector[] = [
  {
    manager: "firewalld",
    line: 'if systemctl is-active --quiet firewalld 2>/dev/null || [ "$(firewall-cmd --state 2>/dev/null || true)" = running ]; then OTHERS="$OTHERS firewalld (running);"; fi',
  },
  { manager: "csf", line: 'if command -v csf >/dev/null 2>&1; then OTHERS="$OTHERS CSF (installed);"; fi' },
  // Debian's apf-firewall ships with RUN="no": installed that way it never starts, so it cannot clobber us.
  { manager: "apf", line: `if command -v apf >/dev/null 2>&1 && ! grep -qs '^RUN="no"' /etc/default/apf-firewall; then OTHERS="$OTHERS APF (installed);"; fi` },
  { manager: "ufw", line: 'if ufw status 2>/dev/null | grep -q "^Status: active"; then OTHERS="$OTHERS UFW (active);"; fi' },
];

/** Shell lines appending `<Manager> (state);` to $OTHERS for every active manager other than `backend`. */
export function detectOtherManagers(backend: Backend): string[] {
  return ['OTHERS=""', ...DETECTORS.filter((d) => d.manager !== backend).map((d) => d.line)];
}

/** Refuse (exit 1) when a manager other than `backend` is active, unless FORCE=1. */
export function refuseOtherManagers(backend: Backend): string[] {
  return [
    "# Another firewall manager would overwrite these rules (or these rules its own).",
    ...detectOtherManagers(backend),
    'if [ -n "$OTHERS" ]; then',
    '  if [ "$FORCE" = 1 ]; then',
    `    echo "Warning: another firewall manager is active:$OTHERS going ahead because of ${FORCE_OPTION}." >&2`,
    "  else",
    `    echo "Refusing to apply: another firewall manager is active on this server:$OTHERS two managers overwrite each other's rules. Stop and disable it first, or run again with ${FORCE_OPTION} (or ${FORCE_ENV}=1) if you are sure." >&2`,
    "    exit 1",
    "  fi",
    "fi",
    "",
  ];
}

/** CSF and APF flush every table when they restart (§5.4, §6): they cannot leave Docker's and fail2ban's rules alone. */
const FLUSHES_ALL: Partial<Record<Backend, string>> = {
  csf: "They are NOT left alone: csf flushes every table when it restarts, so restart Docker and fail2ban after confirming (or set DOCKER = 1 in csf.conf)",
  apf: "They are NOT left alone: apf flushes every table when it restarts, so restart Docker and fail2ban after confirming",
};

/** Name Docker's and fail2ban's chains/tables when present, and what this apply does to them. */
export function noteNeighbours(backend: Backend): string[] {
  const what = FLUSHES_ALL[backend] ?? "They are left alone: this apply changes only its own rules and tables";
  return [
    'SEEN=$( { iptables-save; ip6tables-save; } 2>/dev/null || true)',
    'TABLES=$(nft list tables 2>/dev/null || true)',
    'NEIGHBOURS=""',
    `if printf '%s\\n' "$SEEN" | grep -q '^:DOCKER' || printf '%s\\n' "$TABLES" | grep -qi docker; then NEIGHBOURS="Docker"; fi`,
    `if printf '%s\\n' "$SEEN" | grep -q '^:f2b-' || printf '%s\\n' "$TABLES" | grep -q 'f2b-table'; then NEIGHBOURS="\${NEIGHBOURS:+$NEIGHBOURS and }fail2ban"; fi`,
    `if [ -n "$NEIGHBOURS" ]; then echo "Seen: chains/tables of $NEIGHBOURS. ${what}."; fi`,
    "",
  ];
}
