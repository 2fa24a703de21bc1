/**
 * APF apply (docs/backends.md §6.3, §9.5): find APF's folder (/etc/apf or /etc/apf-firewall),
 * snapshot the running iptables/ip6tables/ipsets and APF's files, arm the shared timed rollback,
 * write the files and the companion, start APF from clean tables (its own flush finds nothing on
 * nft-backed iptables, so `apf -r` would load every rule twice) and check what really loaded:
 * APF exits 0 even when it aborted. Boot is installed only once confirmed.
 */
import type { RuleSet } from "../../policy/resolve";
import { CHAIN_IN } from "../iptables/render";
import type { RenderMeta, RuleFile } from "../types";
import { armRollback, confirmArgument, confirmPrompt, preamble } from "../shared/apply-frame";
import { noteNeighbours, refuseOtherManagers } from "../shared/coexistence";
import { apfSettings } from "./render";
import { APF_DIRS, COMPANION_DIR, HOOK_MARK } from "./facts";

const APF_FILES = "conf.apf allow_hosts.rules deny_hosts.rules postroute.rules";

/** Empty every table of both families with ACCEPT policies: a clean start for APF, or for a restore. */
const FLUSH_ALL = [
  "for tool in iptables ip6tables; do",
  '  for t in $($tool-save | sed -n "s/^\\*//p"); do $tool -t "$t" -F; $tool -t "$t" -X; done',
  '  for c in INPUT OUTPUT FORWARD; do $tool -P "$c" ACCEPT; done',
  "done",
];

/** At confirmation: APF (and with it the companion, from postroute.rules) starts at boot. */
const INSTALL_BOOT = [
  "install_boot() {",
  '  mkdir -p "$STATE/boot-previous"',
  "  if [ -f /etc/default/apf-firewall ]; then",
  '    cp -a /etc/default/apf-firewall "$STATE/boot-previous/"',
  "    if grep -q '^RUN=' /etc/default/apf-firewall; then sed -i 's/^RUN=.*/RUN=\"yes\"/' /etc/default/apf-firewall; else echo 'RUN=\"yes\"' >> /etc/default/apf-firewall; fi",
  "  fi",
  "  for s in apf-firewall apf; do",
  '    [ -e "/etc/init.d/$s" ] || [ -e "/usr/lib/systemd/system/$s.service" ] || [ -e "/etc/systemd/system/$s.service" ] || continue',
  '    if command -v update-rc.d >/dev/null 2>&1 && [ -e "/etc/init.d/$s" ]; then update-rc.d "$s" defaults >/dev/null 2>&1 && update-rc.d "$s" enable >/dev/null 2>&1 || echo "Could not enable $s at boot (update-rc.d): enable it by hand." >&2',
  '    elif command -v systemctl >/dev/null 2>&1; then systemctl enable "$s" >/dev/null 2>&1 || echo "Could not enable $s at boot (systemctl): enable it by hand." >&2',
  '    elif command -v chkconfig >/dev/null 2>&1; then chkconfig "$s" on || echo "Could not enable $s at boot (chkconfig): enable it by hand." >&2; fi',
  '    echo "At boot the $s service starts APF, which loads the companion from postroute.rules."',
  "  done",
  "}",
];

/** Fail (before `loaded`, so the timer restores the previous rules) unless APF and the companion really loaded. */
function verify(): string[] {
  const count = (cmd: string, pattern: string) => `$(${cmd} | grep -cE -- "${pattern}" || true)`;
  return [
    'failed() { echo "APF did not load what was expected: $1. See $STATE/apf-start.log; the previous rules come back in ${T} seconds." >&2; exit 1; }',
    'same() { [ "$1" = "$2" ] || failed "$3 ($1 loaded, $2 expected)"; }',
    "V4=$(iptables-save -t filter)",
    `same ${count("printf '%s\\n' \"$V4\"", "^-A INPUT -j TALLOW$")} 1 "APF's trust chain jumps (2 means a doubled load)"`,
    `same ${count("printf '%s\\n' \"$V4\"", "^-A INPUT (-p (tcp|udp|all) )?-j (DROP|REJECT.*|RESET|PROHIBIT)$")} 3 "APF's final ingress drop rules"`,
    "for p in $(sed -n 's/^IG_TCP_CPORTS=\"\\(.*\\)\"$/\\1/p' \"$HERE/conf.apf.portcullis\" | tr ',_' ' :'); do",
    `  same ${count("printf '%s\\n' \"$V4\"", '^-A INPUT -p tcp -m tcp --dport $p -j ACCEPT$')} 1 "the open TCP port $p"`,
    "done",
    `same ${count("printf '%s\\n' \"$V4\"", "^-A TALLOW ")} ${count("cat \"$HERE/allow_hosts.rules\"", "^(tcp|udp):in:d=[0-9_]+:s=[0-9]")} "allow_hosts.rules entries"`,
    `same ${count("printf '%s\\n' \"$V4\"", "^-A TDENY -s ")} ${count("cat \"$HERE/deny_hosts.rules\"", "^[0-9.]+(/[0-9]+)?$")} "deny_hosts.rules entries"`,
    `iptables -C INPUT -j ${CHAIN_IN} 2>/dev/null || failed "the companion's IPv4 chain is not hooked"`,
    `same ${count("printf '%s\\n' \"$V4\"", `^-A ${CHAIN_IN} `)} ${count('cat "$HERE/companion.v4"', `^-A ${CHAIN_IN} `)} "companion IPv4 rules"`,
    'if [ -f "$HERE/companion.v6" ]; then',
    `  ip6tables -C INPUT -j ${CHAIN_IN} 2>/dev/null || failed "the companion's IPv6 chain is not hooked"`,
    `  same ${count("ip6tables-save -t filter", "^-A PORTCULLIS-(IN|OUT) ")} ${count('cat "$HERE/companion.v6"', "^-A PORTCULLIS-(IN|OUT) ")} "companion IPv6 rules"`,
    "fi",
    'if [ -f "$HERE/companion.ipset" ]; then',
    "  for s in $(sed -n 's/^create \\(portcullis-[a-z0-9-]*[0-9]\\) .*/\\1/p' \"$HERE/companion.ipset\"); do",
    `    same "$(ipset list "$s" -t 2>/dev/null | sed -n 's/^Number of entries: //p')" ${count('cat "$HERE/companion.ipset"', "^add $s-tmp ")} "entries of the set $s"`,
    "  done",
    "fi",
  ];
}

export function apfApply(ruleSet: RuleSet, files: RuleFile[], meta: RenderMeta): string {
  const companion = files.filter((f) => f.path.startsWith("companion.")).map((f) => `"$HERE/${f.path}"`);
  const sets = apfSettings(ruleSet).map(
    ([k, v]) => `if grep -q '^${k}=' "$CONF"; then sed -i 's/^${k}=.*/${k}="${v}"/' "$CONF"; else echo "conf.apf has no ${k} (another APF version): not set" >&2; fi`,
  );
  const restoreFiles = ['APF_DIR=$(cat "$STATE/apf-dir")', `rm -rf "$APF_DIR/${COMPANION_DIR}"`, 'tar -C "$APF_DIR" -xpf "$STATE/previous-apf.tar"'];
  const restore = [
    ...restoreFiles,
    ...FLUSH_ALL,
    'ipset restore -exist < "$STATE/previous.ipset" 2>/dev/null || true',
    'iptables-restore < "$STATE/previous.v4"',
    'ip6tables-restore < "$STATE/previous.v6"',
    "ipset list -n 2>/dev/null | grep '^portcullis-' | while read -r s; do grep -q \"^create $s \" \"$STATE/previous.ipset\" || ipset destroy \"$s\" 2>/dev/null || true; done",
  ];
  return [
    ...preamble(ruleSet, meta, "apf", ["usage: sh apply.sh [SECONDS] [--force-with-other-manager]   then confirm, or: sh apply.sh --confirm", "Starts APF with the bundle's files plus its companion (IPv6, blocklist sets, limits); APF's own flush is not relied on."]),
    ...INSTALL_BOOT,
    ...confirmArgument(["install_boot"]),
    ...refuseOtherManagers("apf"),
    'APF_DIR=""',
    `for d in ${Object.values(APF_DIRS).join(" ")}; do if [ -f "$d/conf.apf" ]; then APF_DIR=$d; break; fi; done`,
    `[ -n "$APF_DIR" ] || { echo "APF is not installed (no conf.apf in ${Object.values(APF_DIRS).join(" or ")})" >&2; exit 1; }`,
    'CONF="$APF_DIR/conf.apf"',
    `C="$APF_DIR/${COMPANION_DIR}"`,
    "for t in apf iptables-save iptables-restore ip6tables-save ip6tables-restore ipset tar; do command -v $t >/dev/null || { echo \"$t is required\" >&2; exit 1; }; done",
    `if grep -v '^#' "$HERE/conf.apf.portcullis" | grep -v '^$' | grep -vqE '^[A-Z0-9_]+="[0-9_,:]*"$'; then echo "conf.apf.portcullis has an unsafe line" >&2; exit 1; fi`,
    "# Snapshot: APF's files (and the companion, if any) and the running rules of both families.",
    'echo "$APF_DIR" > "$STATE/apf-dir"',
    `tar -C "$APF_DIR" -cpf "$STATE/previous-apf.tar" ${APF_FILES} $([ -d "$C" ] && echo ${COMPANION_DIR})`,
    'iptables-save > "$STATE/previous.v4"',
    'ip6tables-save > "$STATE/previous.v6"',
    "ipset list -n 2>/dev/null | grep '^portcullis-' | while read -r s; do",
    '  ipset save "$s" | awk -v s="$s" \'NR == 1 { print; print "flush " s; next } { print }\'',
    'done > "$STATE/previous.ipset" || true',
    // Debian's init script is apf-firewall; the upstream installer's is apf.
    ...armRollback(restore, { services: ["apf-firewall.service", "apf.service"], restoreFiles }),
    ...sets,
    'install -m 0600 "$HERE/allow_hosts.rules" "$APF_DIR/allow_hosts.rules"',
    'install -m 0600 "$HERE/deny_hosts.rules" "$APF_DIR/deny_hosts.rules"',
    'rm -rf "$C"',
    'mkdir -m 0700 "$C"',
    `for f in ${companion.join(" ")}; do install -m 0600 "$f" "$C/"; done`,
    `grep -qF '${HOOK_MARK}' "$APF_DIR/postroute.rules" || printf '\\n%s\\nsh "%s/companion.sh" "%s" || echo "portcullis companion failed to load" >&2\\n' '${HOOK_MARK}' "$C" "$C" >> "$APF_DIR/postroute.rules"`,
    "# A clean start: on nft-backed iptables apf's own flush finds no tables and would load every rule twice.",
    ...FLUSH_ALL,
    'apf --start > "$STATE/apf-start.log" 2>&1 || true',
    ...verify(),
    ...noteNeighbours("apf"),
    ...confirmPrompt(),
    "",
  ].join("\n");
}
