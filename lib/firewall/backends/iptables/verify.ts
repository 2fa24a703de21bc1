/**
 * iptables verify (docs/backends.md "Verify"): iptables-save, ip6tables-save and ipset save, the
 * saved rules of both OS families and whether their restore service runs at boot. Docker's and
 * fail2ban's chains are foreign; our chains and their INPUT/OUTPUT jumps must be present.
 */
import type { ImportFile } from "../../import/types";
import type { LiveFile } from "../../verify/live-file";
import { enabledState, fileText, isEnabled, pendingApply } from "../../verify/read";
import { withoutForeignChains } from "../shared/iptables-foreign";
import { setsOfFamily } from "../shared/sets";
import type { LiveView, VerifySpec } from "../types";
import { IPTABLES_PATHS } from "./paths";
import { CHAIN_IN, CHAIN_OUT } from "./render";

const SERVICE = { debian: "netfilter-persistent", rhel: "iptables" } as const;

function readRunning(live: LiveFile, ipv6: boolean, view: LiveView): void {
  const families = [["iptables-save", "IPv4"], ...(ipv6 ? [["ip6tables-save", "IPv6"]] : [])] as const;
  for (const [tool, family] of families) {
    const s = live.sections.get(`live ${tool}`);
    if (!s || s.status !== 0) {
      view.missing.push(`the ${family} rules (${tool} failed with exit ${s?.status ?? "not recorded"})`);
      continue;
    }
    const v = withoutForeignChains(s.text);
    view.foreign.push(...v.foreign);
    if (!v.chains.has(CHAIN_IN)) view.missing.push(`chain ${CHAIN_IN} (${family}): nothing of ours is loaded (flushed, or never applied)`);
    else {
      if (!v.jumps.has(`INPUT>${CHAIN_IN}`)) view.missing.push(`the jump from INPUT to ${CHAIN_IN} (${family})`);
      if (!v.jumps.has(`OUTPUT>${CHAIN_OUT}`)) view.missing.push(`the jump from OUTPUT to ${CHAIN_OUT} (${family})`);
    }
    view.running.push({ path: tool, text: v.text });
  }
  const sets = live.sections.get("live ipset-save");
  if (sets?.status === 0 && sets.text.trim() !== "") view.running.push({ path: "ipset-save", text: sets.text });
}

function readBoot(live: LiveFile, ipv6: boolean): LiveView["boot"] {
  const layout = (["debian", "rhel"] as const).find((f) => fileText(live, IPTABLES_PATHS[f].v4) !== null);
  if (!layout) return { problem: `neither ${IPTABLES_PATHS.debian.v4} nor ${IPTABLES_PATHS.rhel.v4} exists: no rules are restored at boot.` };
  const paths = IPTABLES_PATHS[layout];
  if (!isEnabled(live, SERVICE[layout])) return { problem: `${paths.v4} exists but ${SERVICE[layout]} does not start at boot (systemctl is-enabled: ${enabledState(live, SERVICE[layout])}).` };
  const files: ImportFile[] = [];
  for (const [path, name] of [[paths.v4, "rules.v4"], ...(ipv6 ? [[paths.v6, "rules.v6"]] : [])] as const) {
    const text = fileText(live, path);
    if (text === null) return { problem: `${path} does not exist: the IPv6 rules are not restored at boot.` };
    const v = withoutForeignChains(text);
    if (!v.chains.has(CHAIN_IN)) return { problem: `${path} does not hold chain ${CHAIN_IN}: our rules are not restored at boot.` };
    files.push({ path: name, text: v.text });
  }
  const sets = fileText(live, paths.ipset);
  if (sets !== null && sets.trim() !== "") files.push({ path: "ipsets", text: sets });
  return { files };
}

export const iptablesVerify: VerifySpec = {
  commands: [
    { id: "iptables-save", command: "iptables-save" },
    { id: "ip6tables-save", command: "ip6tables-save" },
    { id: "ipset-save", command: "ipset save" },
  ],
  files: [...Object.values(IPTABLES_PATHS.debian), ...Object.values(IPTABLES_PATHS.rhel)],
  services: [SERVICE.debian, SERVICE.rhel, "ip6tables", "ipset"],
  // The profile's own rule set, per family too: import.test.ts proves each family's rendered file
  // reads back to exactly that, and skipping the render and its import saves two of the six imports
  // of a 100,000-entry server's verification.
  expected: "profile",
  familyFromProfile: true,
  // rules.v4 / iptables-save (no 6 in the name) or rules.v6 / ip6tables-save, with the ipsets.
  family: (files, family) => {
    const rules = files.filter((f) => /\brules\.v[46]$|tables-save$/.test(f.path) && /6/.test(f.path) === (family === "IPv6"));
    return rules.length === 0 ? [] : [...rules, ...files.filter((f) => /ipset/.test(f.path)).map((f) => ({ ...f, text: setsOfFamily(f.text, family) }))];
  },
  read(live, expected) {
    const view: LiveView = { running: [], missing: [], foreign: [], extra: [], boot: readBoot(live, expected.ipv6), pending: pendingApply(live) };
    readRunning(live, expected.ipv6, view);
    return view;
  },
};
