/**
 * Import nftables: `nft list ruleset` / nftables.conf text. Each statement is translated into the
 * iptables evaluator's rule shape (saddr → source or set, dport → ports, meters → limits, verdicts)
 * and read in order from the input and output hook chains; NAT, forward and mangle chains are
 * findings (docs/backends.md §1).
 */
import type { PortRange } from "../../policy/schema";
import { parsePortRange } from "../../import/text";
import type { Finding, ImportedFirewall, ImportedRule, Importer } from "../../import/types";
import { evaluateIptables, type FamilyResult, type IpSets } from "../shared/iptables-eval";
import type { IptChain, IptRule } from "../shared/iptables-parse";
import { parseNftJson } from "./import-json";
import { braceItems, parseNftText, type NftStatement, type NftTable } from "./import-text";

const SERVICES: Record<string, number> = { ssh: 22, http: 80, https: 443, smtp: 25, domain: 53, submission: 587, imaps: 993, pop3s: 995, imap: 143, pop3: 110, ftp: 21, ntp: 123, mysql: 3306, smtps: 465 };
const VERDICTS: Record<string, string> = { accept: "ACCEPT", drop: "DROP", reject: "REJECT", return: "RETURN" };

/** The value after a selector: one token, or a `{ … }` group; returns [items, next index]. */
function value(t: string[], i: number): [string[], number] {
  if (t[i] !== "{") return [[t[i] ?? ""], i + 1];
  const end = t.indexOf("}", i);
  return [braceItems(t.slice(i, end + 1)), end + 1];
}

function portsOf(items: string[], table: NftTable, r: IptRule): PortRange[] {
  const expanded = items.flatMap((x) => (x.startsWith("@") ? (table.sets.get(x.slice(1))?.elements ?? [`unknown set ${x}`]) : [x]));
  return expanded.flatMap((x) => {
    const p = SERVICES[x] !== undefined ? { from: SERVICES[x]!, to: SERVICES[x]! } : parsePortRange(x, "-");
    if (!p) r.unknown.push(`port ${x}`);
    return p ? [p] : [];
  });
}

function toRule(st: NftStatement, table: NftTable, file: string, chain: string, sets: IpSets): IptRule {
  const r: IptRule = { file, line: st.line, chain, dports: [], sports: [], states: [], hashlimit: {}, recent: {}, hasLimit: false, isIcmp: false, negated: false, unknown: [], targetArgs: [] };
  const t = st.tokens;
  let log = false;
  for (let i = 0; i < t.length; ) {
    const w = t[i] ?? "";
    if (w === "counter") { i++; while (t[i] === "packets" || t[i] === "bytes" || t[i] === "name") i += 2; continue; }
    if (w === "iif" || w === "iifname" || w === "oif" || w === "oifname") { const v = (t[i + 1] ?? "").replace(/"/g, ""); if (w.startsWith("i")) r.inIface = v; else r.outIface = v; i += 2; continue; }
    if ((w === "ip" || w === "ip6") && (t[i + 1] === "saddr" || t[i + 1] === "daddr")) {
      const [items, next] = value(t, i + 2);
      const dir = t[i + 1] === "saddr" ? "src" : "dst";
      if (items.length === 1 && items[0]?.startsWith("@")) r.matchSet = { name: items[0].slice(1), dir };
      else if (items.length === 1 && t[i + 2] !== "{") { if (dir === "src") r.source = items[0]; else r.destination = items[0]; }
      else { const name = `anon-${st.line}-${i}`; sets.set(name, { family: w === "ip" ? "inet" : "inet6", members: items, line: st.line }); r.matchSet = { name, dir }; }
      if (items[0] === "!=") r.negated = true;
      i = next; continue;
    }
    if ((w === "ip" && t[i + 1] === "protocol") || (w === "ip6" && t[i + 1] === "nexthdr") || (w === "meta" && t[i + 1] === "l4proto")) { r.protocol = t[i + 2]; if (/icmp/.test(r.protocol ?? "")) r.isIcmp = true; i += 3; continue; }
    if ((w === "tcp" || w === "udp") && (t[i + 1] === "dport" || t[i + 1] === "sport")) {
      r.protocol = w;
      const [items, next] = value(t, i + 2);
      if (items[0] === "!=") r.negated = true;
      (t[i + 1] === "dport" ? r.dports : r.sports).push(...portsOf(items.filter((x) => x !== "!="), table, r));
      i = next; continue;
    }
    if (w === "ct" && t[i + 1] === "state") { const [items, next] = value(t, i + 2); r.states = items.flatMap((x) => x.split(",")).map((x) => x.toUpperCase()); i = next; continue; }
    if (w === "icmp" || w === "icmpv6") { r.isIcmp = true; break; }
    if (w === "meta" && t[i + 1] === "nfproto") { i += 3; continue; }
    if (w === "limit") { r.hasLimit = true; i++; while (i < t.length && !VERDICTS[t[i] ?? ""] && t[i] !== "comment") i++; continue; }
    if ((w === "update" || w === "add") && t[i + 1]?.startsWith("@") && t[i + 2] === "{") {
      const end = t.indexOf("}", i);
      const inner = t.slice(i + 3, end);
      const setTimeout = table.sets.get((t[i + 1] ?? "").slice(1))?.timeout;
      const over = inner.indexOf("over");
      if (inner.includes("limit") && over !== -1) {
        r.hashlimit = { above: (inner[over + 1] ?? "").replace(/\/(second|minute|hour|day)$/, (_, u: string) => `/${u === "second" ? "sec" : u === "minute" ? "min" : u}`), burst: inner[inner.indexOf("burst") + 1] ?? "5", mode: "srcip" };
        if (setTimeout) r.hashlimit["htable-expire"] = String(setTimeout * 1000);
      } else if (inner.includes("count") && over !== -1) r.connlimitAbove = Number(inner[over + 1]);
      else r.unknown.push(`${w} @set`);
      i = end + 1; continue;
    }
    if (w === "log") { log = true; i++; while (t[i] === "prefix" || t[i] === "level" || t[i] === "flags" || t[i] === "group") i += 2; continue; }
    if (w === "comment") { r.comment = (t[i + 1] ?? "").replace(/^"|"$/g, ""); i += 2; continue; }
    if (VERDICTS[w]) { r.target = VERDICTS[w]; i = t.length; continue; }
    if (w === "jump" || w === "goto") { r.target = t[i + 1]; i += 2; continue; }
    if (/^(dnat|snat|masquerade|redirect|tproxy|queue|notrack)$/.test(w) || (w === "meta" && t[i + 1] === "mark") || w === "mark" || (w === "ct" && t[i + 1] === "mark")) { r.target = w.toUpperCase(); i = t.length; continue; }
    r.unknown.push(w);
    i++;
  }
  if (log && r.target === undefined) r.target = "LOG";
  return r;
}

/** `meta nfproto ipv6 accept`: the whole family passes unfiltered (Portcullis writes it when IPv6 is off). */
const passesFamily = (st: NftStatement) => {
  const t = st.tokens.filter((x, i, all) => x !== "counter" && all[i - 1] !== "comment" && x !== "comment");
  return t.length === 4 && t[0] === "meta" && t[1] === "nfproto" && t[3] === "accept" ? t[2] : null;
};

function evaluateTable(table: NftTable, file: string, findings: Finding[], unfiltered: Set<string>): FamilyResult | null {
  const sets: IpSets = new Map([...table.sets.values()].filter((s) => /addr/.test(s.type)).map((s) => [s.name, { family: s.type.includes("ipv6") ? "inet6" : "inet", members: s.elements, line: s.line }]));
  const chains = new Map<string, IptChain>();
  let input: string | undefined;
  let output: string | undefined;
  for (const c of table.chains.values()) {
    if (c.hook !== undefined && (c.kind !== "filter" || (c.hook !== "input" && c.hook !== "output"))) {
      const what = c.kind === "nat" ? "NAT" : c.hook === "forward" ? "Forwarding" : `A ${c.kind ?? ""} chain on the ${c.hook} hook`;
      for (const r of c.rules) findings.push({ file, line: r.line, severity: "warning", message: `${what} (chain ${c.name}): a profile cannot express it; not imported.` });
      continue;
    }
    if (c.hook === "input" && input === undefined) input = c.name;
    else if (c.hook === "output" && output === undefined) output = c.name;
    else if (c.hook !== undefined) findings.push({ file, line: c.line, severity: "warning", message: `A second ${c.hook} chain (${c.name}) in table ${table.name}: not imported.` });
    const kept = c.rules.filter((st) => {
      const family = passesFamily(st);
      if (family) unfiltered.add(family);
      return family === null;
    });
    chains.set(c.name, { policy: c.policy ?? (c.hook ? "ACCEPT" : null), rules: kept.map((st) => toRule(st, table, file, c.name, sets)) });
  }
  if (input === undefined && output === undefined) {
    const count = [...chains.values()].reduce((n, c) => n + c.rules.length, 0);
    if (count > 0) findings.push({ file, line: table.line, severity: "warning", message: `Table ${table.family} ${table.name} has no input or output hook chain, so its ${count} rules never filter this server's traffic; not imported.` });
    return null;
  }
  return evaluateIptables([{ name: "filter", line: table.line, chains }], sets, { input: input ?? "-", output: output ?? "-" }, findings);
}

export const importNftables: Importer = (files) => {
  const findings: Finding[] = [];
  const results: { family: string; result: FamilyResult }[] = [];
  const unfiltered = new Set<string>();
  let filtersV4Input = false;
  for (const file of files) {
    const isJson = /^\s*\{/.test(file.text);
    for (const table of isJson ? parseNftJson(file) : parseNftText(file, findings)) {
      filtersV4Input ||= (table.family === "ip" || table.family === "inet") && [...table.chains.values()].some((c) => c.hook === "input" && c.kind === "filter");
      const result = evaluateTable(table, file.path, findings, unfiltered);
      if (result) results.push({ family: table.family, result });
    }
  }
  const ipv6 = results.some((r) => r.family === "inet" || r.family === "ip6") && !unfiltered.has("ipv6");
  if (!ipv6) findings.push({ file: files[0]?.path ?? "", line: 0, severity: "warning", message: "No inet or ip6 table filters input: IPv6 is left unfiltered in the profile." });
  if (!filtersV4Input) findings.push({ file: files[0]?.path ?? "", line: 0, severity: "warning", message: "No ip or inet table filters input: the original lets all IPv4 traffic in, while a profile denies what it does not allow, so on IPv4 only the ports allowed explicitly stay open." });
  const outbound = results.some((r) => r.result.outbound === "restricted") ? "restricted" : "allow-all";
  const rules: ImportedRule[] = results.flatMap((r) => r.result.rules).filter((r) => outbound === "restricted" || r.direction === "inbound");
  return { ipv6, outbound, rules, blocked: results.flatMap((r) => r.result.blocked), rateLimits: results.flatMap((r) => r.result.limits), findings } satisfies ImportedFirewall;
};
