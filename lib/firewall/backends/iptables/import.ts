/**
 * Import iptables-save / ip6tables-save output (also /etc/sysconfig/iptables and rules.v4/v6),
 * with `ipset save` output for the sets the rules match. Each family's filter table is read in
 * order from INPUT and OUTPUT (or Portcullis's own PORTCULLIS-IN/OUT when nothing hooks them
 * in the file); the two families are merged into one profile.
 */
import { fileLines, baseName } from "../../import/text";
import type { Finding, ImportedFirewall, ImportedLimit, ImportedRule, Importer } from "../../import/types";
import { evaluateIptables, type FamilyResult, type IpSets } from "../shared/iptables-eval";
import { parseIpsetSave, parseIptablesSave, type IptTable } from "../shared/iptables-parse";

const isV6Table = (tables: IptTable[]) => tables.some((t) => [...t.chains.values()].some((c) => c.rules.some((r) => r.protocol === "ipv6-icmp" || r.protocol === "icmpv6" || (r.source ?? r.destination ?? "").includes(":"))));

/** INPUT/OUTPUT, or the chain a hook line would jump to when the file holds only that chain. */
function entries(tables: IptTable[], findings: Finding[], file: string): { input: string; output: string } {
  const filter = tables.find((t) => t.name === "filter");
  const pick = (builtin: string, own: string) => {
    if ((filter?.chains.get(builtin)?.rules.length ?? 0) > 0 || !filter?.chains.has(own)) return builtin;
    findings.push({ file, line: 0, severity: "info", message: `${builtin} has no rules in this file; read ${own} as if ${builtin} jumped to it (as Portcullis's apply.sh hooks it).` });
    return own;
  };
  return { input: pick("INPUT", "PORTCULLIS-IN"), output: pick("OUTPUT", "PORTCULLIS-OUT") };
}

const openKey = (r: ImportedRule) => `${r.direction} ${r.protocol} ${r.ports.from === r.ports.to ? r.ports.from : `${r.ports.from}-${r.ports.to}`}`;

function compareFamilies(v4: FamilyResult, v6: FamilyResult, findings: Finding[]): void {
  const open = (f: FamilyResult) => new Map(f.rules.filter((r) => r.sources === "anyone").map((r) => [openKey(r), r]));
  const [a, b] = [open(v4), open(v6)];
  for (const [key, r] of a) if (!b.has(key)) findings.push({ ...r.origin, severity: "warning", message: `${key} is open on IPv4 only; a profile opens ports on both families, so it is now open on IPv6 too.` });
  for (const [key, r] of b) if (!a.has(key)) findings.push({ ...r.origin, severity: "warning", message: `${key} is open on IPv6 only; a profile opens ports on both families, so it is now open on IPv4 too.` });
}

const concat = <T>(lists: T[][]): T[] => ([] as T[]).concat(...lists);

const limitKey = (l: ImportedLimit) => `${l.protocol} ${l.ports.from}-${l.ports.to} ${l.newConnections?.count}/${l.newConnections?.seconds} ${l.concurrent}`;

export const importIptables: Importer = (files) => {
  const findings: Finding[] = [];
  const sets: IpSets = new Map();
  const families: { v4: FamilyResult[]; v6: FamilyResult[] } = { v4: [], v6: [] };
  const saves: { file: string; tables: IptTable[] }[] = [];
  for (const file of files) {
    if (/^\*[a-z]+\s*$/m.test(file.text)) saves.push({ file: file.path, tables: parseIptablesSave(file) });
    else if (/^(create|-N) /m.test(file.text)) for (const [name, set] of parseIpsetSave(file)) sets.set(name, set);
    else {
      fileLines(file);
      findings.push({ file: file.path, line: 1, severity: "info", message: `${baseName(file.path)} is neither iptables-save nor ipset save output; skipped.` });
    }
  }
  for (const { file, tables } of saves) {
    const v6 = /6/.test(baseName(file)) || isV6Table(tables);
    families[v6 ? "v6" : "v4"].push(evaluateIptables(tables, sets, entries(tables, findings, file), findings));
  }
  // concat, not flatMap: a blocklist set's 100,000 entries are copied at once, not one by one.
  const merge = (list: FamilyResult[]): FamilyResult => ({
    rules: concat(list.map((f) => f.rules)), blocked: concat(list.map((f) => f.blocked)), limits: concat(list.map((f) => f.limits)),
    outbound: list.some((f) => f.outbound === "restricted") ? "restricted" : "allow-all",
  });
  const [v4, v6] = [merge(families.v4), merge(families.v6)];
  const ipv6 = families.v6.length > 0;
  if (!ipv6) findings.push({ file: files[0]?.path ?? "", line: 0, severity: "warning", message: "No ip6tables-save output was given, so IPv6 is left unfiltered in the profile. Add it (ip6tables-save or rules.v6) to carry the IPv6 rules over." });
  if (ipv6 && families.v4.length === 0) findings.push({ file: files[0]?.path ?? "", line: 0, severity: "warning", message: "Only ip6tables-save output was given: a profile filters both families alike, so these IPv6 rules now apply to IPv4 as well. Add the IPv4 rules to carry them over." });
  if (ipv6 && families.v4.length > 0) {
    compareFamilies(v4, v6, findings);
    if (v4.outbound !== v6.outbound) findings.push({ file: files[0]?.path ?? "", line: 0, severity: "warning", message: "Outbound traffic is restricted on one family only; the profile restricts both." });
  }
  const limits = new Map([...v4.limits, ...v6.limits].map((l) => [limitKey(l), l]));
  const all = merge([v4, v6]);
  return { ipv6, outbound: all.outbound, rules: all.rules, blocked: all.blocked, rateLimits: [...limits.values()], findings } satisfies ImportedFirewall;
};
