/**
 * iptables boot path (docs/backends.md §14), installed by apply.sh once confirmed: our chains, their
 * rules and the INPUT/OUTPUT jumps, taken from the running (confirmed) firewall, merged into the
 * *filter table of the file the OS restores at boot (EL: iptables-services' /etc/sysconfig/iptables
 * and ip6tables; Debian/Ubuntu: netfilter-persistent's /etc/iptables/rules.v4 and rules.v6), and our
 * portcullis-* sets merged into the set file loaded before the rules (ipset-service,
 * ipset-persistent). Foreign lines in those files stay; only our own lines are replaced.
 */
import { CHAIN_IN, CHAIN_OUT } from "./render";
import { IPTABLES_PATHS } from "./paths";
import { familyPaths } from "../shared/boot-files";

const OURS = `^(:(${CHAIN_IN}|${CHAIN_OUT}) |-A (${CHAIN_IN}|${CHAIN_OUT}) )`;

/** awk: drop our old lines from *filter, put our declarations, jumps (first in INPUT/OUTPUT) and rules before its first rule. */
const MERGE_AWK = [
  "BEGIN { while ((getline l < ours) > 0) { if (l ~ /^:/) decl = decl l \"\\n\"; else rules = rules l \"\\n\" } }",
  "/^\\*/ { filter = ($0 == \"*filter\"); print; next }",
  `filter && (/${OURS.replace(/\//g, "\\/")}/ || $0 == "-A INPUT -j ${CHAIN_IN}" || $0 == "-A OUTPUT -j ${CHAIN_OUT}") { next }`,
  `filter && !done && (/^-/ || /^COMMIT/) { printf "%s", decl; if (hook) { print "-A INPUT -j ${CHAIN_IN}"; print "-A OUTPUT -j ${CHAIN_OUT}" } printf "%s", rules; done = 1 }`,
  "{ print }",
].join("\n");

export const IPTABLES_BOOT_VARS = familyPaths([
  ["BOOT_V4", { rhel: IPTABLES_PATHS.rhel.v4, debian: IPTABLES_PATHS.debian.v4 }],
  ["BOOT_V6", { rhel: IPTABLES_PATHS.rhel.v6, debian: IPTABLES_PATHS.debian.v6 }],
  ["BOOT_SET", { rhel: IPTABLES_PATHS.rhel.ipset, debian: IPTABLES_PATHS.debian.ipset }],
]);

/** Shell functions `install_boot` (needs FAMILY, BOOT_* and STATE); `ipv6` says whether our IPv6 chains are hooked. */
export function iptablesInstallBoot(ipv6: boolean): string[] {
  return [
    "MERGE_AWK=$(cat <<'AWK'",
    MERGE_AWK,
    "AWK",
    ")",
    "# merge_rules TOOL FILE HOOK: our lines from the running TOOL into FILE's *filter table (made if missing).",
    "merge_rules() {",
    `  if [ "$3" = 1 ]; then $1-save -t filter | grep -E '${OURS}' || true; fi > "$STATE/boot.ours"`,
    "  { cat \"$2\" 2>/dev/null || true; grep -qs '^\\*filter' \"$2\" || printf '*filter\\n:INPUT ACCEPT [0:0]\\n:FORWARD ACCEPT [0:0]\\n:OUTPUT ACCEPT [0:0]\\nCOMMIT\\n'; } > \"$STATE/boot.in\"",
    '  awk -v ours="$STATE/boot.ours" -v hook="$3" "$MERGE_AWK" "$STATE/boot.in" > "$STATE/boot.new"',
    '  cat "$STATE/boot.new" > "$2"',
    "}",
    "# Runs once the rules are confirmed, never before.",
    "install_boot() {",
    '  mkdir -p "$(dirname "$BOOT_V4")"',
    '  merge_rules iptables "$BOOT_V4" 1',
    `  merge_rules ip6tables "$BOOT_V6" ${ipv6 ? 1 : 0}`,
    "  # Sets first at boot: our portcullis-* sets replace their old lines, other sets stay.",
    `  { awk '$2 !~ /^portcullis-/' "$BOOT_SET" 2>/dev/null || true; ipset list -n 2>/dev/null | grep '^portcullis-' | while read -r s; do ipset save "$s"; done; } > "$STATE/boot.set"`,
    '  cat "$STATE/boot.set" > "$BOOT_SET"',
    // IPv6 off in the profile: ip6tables is not ours to switch on (EL's stock file rejects all but SSH).
    `  if [ "$FAMILY" = rhel ]; then UNITS="ipset iptables${ipv6 ? " ip6tables" : ""}"; NEED="dnf install iptables-services ipset-service"; else UNITS=netfilter-persistent; NEED="apt install iptables-persistent ipset-persistent"; fi`,
    '  if command -v systemctl >/dev/null 2>&1 && systemctl enable $UNITS >/dev/null 2>&1; then :; else echo "Could not enable $UNITS at boot: $NEED, then systemctl enable $UNITS." >&2; fi',
    '  echo "Boot: our chains, jumps and sets are merged into $BOOT_V4, $BOOT_V6 and $BOOT_SET (other rules there kept)."',
    "}",
  ];
}
