/**
 * iptables apply: `--test` plus ipset, snapshot of our chains, hooks and sets, arm their restore,
 * then ipset restore, `--noflush` restores and idempotent hooks (docs/backends.md §2.1, §9.2).
 */
import type { RuleSet } from "../../policy/resolve";
import { CHAIN_IN, CHAIN_OUT } from "./render";
import type { RenderMeta, RuleFile } from "../types";
import { armRollback, confirmArgument, confirmPrompt, preamble } from "../shared/apply-frame";
import { backupBootFiles, detectFamily, restoreBootFiles } from "../shared/boot-files";
import { noteNeighbours, refuseOtherManagers } from "../shared/coexistence";
import { IPTABLES_BOOT_VARS, iptablesInstallBoot } from "./boot";

const hook = (tool: string, chain: string, own: string) => `${tool} -C ${chain} -j ${own} 2>/dev/null || ${tool} -I ${chain} 1 -j ${own}`;

export function iptablesApply(ruleSet: RuleSet, files: RuleFile[], meta: RenderMeta): string {
  const has = (p: string) => files.some((f) => f.path === p);
  const families = [["iptables", "rules.v4", "v4"], ...(has("rules.v6") ? [["ip6tables", "rules.v6", "v6"]] : [])] as const;
  const snapshot: string[] = [
    "ipset list -n 2>/dev/null | grep '^portcullis-' | while read -r s; do",
    '  ipset save "$s" | awk -v s="$s" \'NR == 1 { print; print "flush " s; next } { print }\'',
    'done > "$STATE/previous.ipset" || true',
  ];
  const restore = ['ipset restore -exist < "$STATE/previous.ipset" 2>/dev/null || true', ...restoreBootFiles()];
  for (const [tool, , fam] of families) {
    snapshot.push(
      `{ echo '*filter'; echo ':${CHAIN_IN} - [0:0]'; echo ':${CHAIN_OUT} - [0:0]'`,
      `  ${tool}-save -t filter | grep -E '^-A (${CHAIN_IN}|${CHAIN_OUT}) ' || true; echo COMMIT; } > "$STATE/previous.${fam}"`,
      `if ${tool} -C INPUT -j ${CHAIN_IN} 2>/dev/null; then echo yes; else echo no; fi > "$STATE/hooked.${fam}"`,
    );
    restore.push(
      `${tool}-restore --noflush < "$STATE/previous.${fam}"`,
      `if [ "$(cat "$STATE/hooked.${fam}")" = no ]; then ${tool} -D INPUT -j ${CHAIN_IN} 2>/dev/null || true; ${tool} -D OUTPUT -j ${CHAIN_OUT} 2>/dev/null || true; fi`,
    );
  }
  const check = families.map(([tool, file]) => `${tool}-restore --test --noflush < "$HERE/${file}"`);
  // --test needs the referenced ipsets to exist, so the sets (swapped in atomically) come first.
  const apply = [...(has("portcullis.ipset") ? ['ipset restore < "$HERE/portcullis.ipset"'] : []), ...check];
  for (const [tool, file] of families) apply.push(`${tool}-restore --noflush < "$HERE/${file}"`, hook(tool, "INPUT", CHAIN_IN), hook(tool, "OUTPUT", CHAIN_OUT));
  if (!has("rules.v6")) apply.push(`# IPv6 is off in the profile: unhook our IPv6 chains if an earlier version installed them.`, `ip6tables -D INPUT -j ${CHAIN_IN} 2>/dev/null || true`, `ip6tables -D OUTPUT -j ${CHAIN_OUT} 2>/dev/null || true`);
  return [
    ...preamble(ruleSet, meta, "iptables", ["usage: sh apply.sh [SECONDS] [--force-with-other-manager]   then confirm, or: sh apply.sh --confirm", `Touches only chains ${CHAIN_IN}/${CHAIN_OUT}, their INPUT/OUTPUT jumps and the portcullis-* ipsets; once confirmed, their lines in the boot files.`]),
    ...detectFamily(),
    ...IPTABLES_BOOT_VARS,
    ...iptablesInstallBoot(has("rules.v6")),
    ...confirmArgument(["install_boot"]),
    ...refuseOtherManagers("iptables"),
    ...(has("portcullis.ipset") ? ["command -v ipset >/dev/null || { echo \"ipset is required (apt/dnf install ipset)\" >&2; exit 1; }"] : []),
    ...snapshot,
    ...backupBootFiles(['"$BOOT_V4"', '"$BOOT_V6"', '"$BOOT_SET"']),
    ...armRollback(restore),
    ...apply,
    ...noteNeighbours("iptables"),
    ...confirmPrompt(),
    "",
  ].join("\n");
}
