/**
 * CSF's rules as loaded in the kernel, compared with what CSF's files say (docs/backends.md §16.2),
 * as for APF: csf builds its chains from its files at every start, so the files alone do not show
 * a rule deleted, added or changed later with iptables, ip6tables or ipset. iptables-save is read
 * by the shared iptables evaluator once csf's own plumbing is taken out, the files by the CSF
 * importer, and the two effective policies are diffed per family. Found against real csf 15.11
 * (tests/fixtures/csf-live): every csf rule carries `! -i lo`, its limits and final drops jump to
 * chains that log first, and it opens DNS to the resolvers of /etc/resolv.conf on its own.
 */
import type { ImportFile } from "../../import/types";
import { diffEffective, type Drift, type Terms } from "../../verify/diff";
import { sectionText, type LiveFile } from "../../verify/live-file";
import { withoutForeignChains } from "../shared/iptables-foreign";
import { setsOfFamily } from "../shared/sets";
import { ruleOfLine as ruleOf, type IptRule } from "../shared/iptables-parse";
import type { LoadedReader } from "../types";
import type { Family } from "./verify-family";

const DROPS = new Set(["DROP", "REJECT"]);
const bare = (r: IptRule) => !r.protocol && !r.source && !r.destination && r.dports.length === 0 && r.unknown.length === 0 && !r.negated && !r.hasLimit && !r.matchSet;

/**
 * Chains that log and then decide, whatever reaches them: csf's LOGDROPIN, LOGDROPOUT, PORTFLOOD,
 * CONNLIMIT and INVDROP drop (every rule a LOG or a DROP/REJECT), WATCH_MODE's LOGACCEPT accepts.
 * The last rule is unconditional but for its protocol (CONNLIMIT rejects TCP with a reset), so a
 * jump to one is that verdict when it matches that protocol too.
 */
function verdictChains(rules: IptRule[]): Map<string, { target: "DROP" | "ACCEPT"; protocol?: string }> {
  const byChain = new Map<string, IptRule[]>();
  for (const r of rules) byChain.set(r.chain, [...(byChain.get(r.chain) ?? []), r]);
  const out = new Map<string, { target: "DROP" | "ACCEPT"; protocol?: string }>();
  for (const [name, list] of byChain) {
    const last = list.at(-1);
    if (!last || !bare({ ...last, protocol: undefined })) continue;
    const logs = list.slice(0, -1);
    if (DROPS.has(last.target ?? "") && logs.every((r) => DROPS.has(r.target ?? "") || r.target === "LOG")) out.set(name, { target: "DROP", protocol: last.protocol });
    else if (last.target === "ACCEPT" && !last.protocol && logs.every((r) => r.target === "LOG")) out.set(name, { target: "ACCEPT" });
  }
  return out;
}

/**
 * csf's own chains, which its rule files govern (with csf.conf's port lists and limits). Any other
 * chain a built-in or LOCAL chain jumps to belongs to a csf feature the plan does not set: SYNFLOOD,
 * UDPFLOOD, GLOBAL_ALLOW/GLOBAL_DENY (GALLOWIN, GDENYIN…), DYNDNS (ALLOWDYNIN), country filters
 * (CC_*), csf.blocklists (a chain per list), PORTKNOCKING (PK_*), SMTP_BLOCK (SMTPOUTPUT).
 */
const OWN = new Set(["INPUT", "OUTPUT", "FORWARD", "LOCALINPUT", "LOCALOUTPUT", "ALLOWIN", "ALLOWOUT", "DENYIN", "DENYOUT", "INVALID", "INVDROP", "LOGDROPIN", "LOGDROPOUT", "PORTFLOOD", "CONNLIMIT", "LOGACCEPT"]);
const ENTRY = new Set(["INPUT", "OUTPUT", "LOCALINPUT", "LOCALOUTPUT"]);
const jumpOf = (line: string) => /^-A (\S+) .*-j (\S+)/.exec(line);

/** The feature chains the filter table of `text` jumps to (see OWN), with their rule counts; Docker's and fail2ban's are foreign already. */
export function featureChains(text: string): { name: string; rules: number }[] {
  const lines = withoutForeignChains(text).text.split("\n");
  let table = "";
  const filter = lines.filter((l) => {
    if (l.startsWith("*")) table = l.slice(1).trim();
    return table === "filter";
  });
  const declared = new Set(filter.flatMap((l) => /^:(\S+)/.exec(l)?.[1] ?? []));
  const names = new Set(filter.flatMap((l) => {
    const m = jumpOf(l);
    return m && ENTRY.has(m[1] ?? "") && declared.has(m[2] ?? "") && !OWN.has(m[2] ?? "") ? [m[2] ?? ""] : [];
  }));
  return [...names].map((name) => ({ name, rules: filter.filter((l) => l.startsWith(`-A ${name} `)).length }));
}

/** The address of a rule's `-s` or `-d`, without a /32 or /128 (how csf.tempban writes it). */
const host = (a: string | undefined) => a?.replace(/\/(32|128)$/, "");

/**
 * How to read the kernel's rules: the addresses of lfd's temporary entries, left out, and csf.conf's
 * `ETH_DEVICE`: when set, csf matches `-i`/`-o` that device on its rules instead of `! -i lo`.
 */
export type KernelOptions = { tempDeny: ReadonlySet<string>; tempAllow: ReadonlySet<string>; device?: string };

/**
 * One family's iptables-save as csf's files would say it:
 * - the jumps to the feature chains (featureChains) and those chains, listed as foreign instead;
 * - rules matching sets other than csf's own lists;
 * - `! -i lo` / `! -o lo` dropped (csf puts it on every rule; loopback is always allowed), or
 *   `-i`/`-o` the `ETH_DEVICE` when csf.conf names one;
 * - the DNS rules for each resolver (`-s R … 53 -j ACCEPT` in INPUT with its `-d R` twin in OUTPUT),
 *   which csf adds from /etc/resolv.conf, not from its files;
 * - a jump to a chain that logs and drops (or accepts) becomes `-j DROP` (`-j ACCEPT`); `--tcp-flags FIN,SYN,RST,ACK SYN`
 *   (a new connection, on CONNLIMIT's rules) goes, since the evaluator reads TCP limits as new ones;
 * - the rules of lfd's temporary blocks and allows (csf.tempban, csf.tempallow) in DENYIN/DENYOUT
 *   and ALLOWIN/ALLOWOUT.
 */
export function csfKernelView(text: string, temp: KernelOptions): string {
  const features = new Set(featureChains(text).map((c) => c.name));
  const lines = withoutForeignChains(text).text.split("\n")
    .filter((l) => !features.has(jumpOf(l)?.[2] ?? "") && !features.has(/^-A (\S+)/.exec(l)?.[1] ?? ""))
    // Sets other than csf's own lists (chain_DENY, chain_6_ALLOW…): MESSENGER's, which serves blocked visitors a page.
    .filter((l) => !/--match-set (?!chain_)/.test(l))
    .map((l) => l.replace(/ ! -([io]) lo(?= )/g, ""))
    .map((l) => (temp.device ? l.split(` -i ${temp.device} `).join(" ").split(` -o ${temp.device} `).join(" ") : l));
  let table = "";
  const filter: { line: string; rule: IptRule | null }[] = lines.map((line) => {
    if (line.startsWith("*")) table = line.slice(1).trim();
    return { line, rule: table === "filter" && line.startsWith("-A ") ? ruleOf(line) : null };
  });
  const rules = filter.flatMap((f) => (f.rule ? [f.rule] : []));
  const verdicts = verdictChains(rules);
  const resolvers = new Set(rules.filter((r) => r.chain === "OUTPUT" && r.destination && !r.source && r.target === "ACCEPT" && isDns(r)).map((r) => host(r.destination)));
  return filter
    .flatMap(({ line, rule: r }) => {
      if (!r) return [line];
      if (r.chain === "INPUT" && r.source && resolvers.has(host(r.source)) && r.target === "ACCEPT" && isDns(r)) return [];
      if (r.chain === "OUTPUT" && r.destination && resolvers.has(host(r.destination)) && r.target === "ACCEPT" && isDns(r)) return [];
      if ((r.chain === "DENYIN" && temp.tempDeny.has(host(r.source) ?? "")) || (r.chain === "DENYOUT" && temp.tempDeny.has(host(r.destination) ?? ""))) return [];
      if ((r.chain === "ALLOWIN" && temp.tempAllow.has(host(r.source) ?? "")) || (r.chain === "ALLOWOUT" && temp.tempAllow.has(host(r.destination) ?? ""))) return [];
      let out = r.connlimitAbove !== undefined ? line.replace(" --tcp-flags FIN,SYN,RST,ACK SYN", "") : line;
      const v = verdicts.get(r.target ?? "");
      if (v && [undefined, r.protocol].includes(v.protocol)) out = out.replace(new RegExp(` -j ${r.target}$`), ` -j ${v.target}`);
      return [out];
    })
    .join("\n");
}

function isDns(r: IptRule): boolean {
  const only53 = (ps: { from: number; to: number }[]) => ps.length === 1 && ps[0]?.from === 53 && ps[0]?.to === 53;
  return (r.protocol === "tcp" || r.protocol === "udp") && ((only53(r.dports) && r.sports.length === 0) || (only53(r.sports) && r.dports.length === 0));
}

/**
 * The addresses of csf.tempban and csf.tempallow (`time|address|ports|in/out|timeout|comment`, one
 * per line), or null when the live file does not record the file at all (a verify.sh from before).
 */
export function tempEntries(live: LiveFile, name: "csf.tempban" | "csf.tempallow"): Set<string> | null {
  const s = live.sections.get(`file /var/lib/csf/${name}`);
  if (!s) return null;
  if (s.status !== 0) return new Set();
  return new Set(s.text.split("\n").map((l) => l.split("|")[1]?.trim() ?? "").filter((a) => /^[0-9a-f:.]+(\/\d+)?$/i.test(a) && /[.:]/.test(a)).map((a) => host(a) ?? a));
}

/** csf's own sets (LF_IPSET: chain_DENY, chain_6_DENY, chain_ALLOW…) of one family from `ipset save`; others are not read. */
const csfSets = (saved: string, family: Family): ImportFile => ({ path: "ipset-save", text: setsOfFamily(saved, family, (name) => name.startsWith("chain_")) });

const matchesSets = (text: string) => /--match-set chain_/.test(text);

/**
 * The drift between the kernel and CSF's files (`files`: every recorded file, cPanel's own lists
 * included, since csf loads them), each family on its own. Nothing when the kernel matches ipsets
 * whose members the live file does not hold (a verify.sh from before `ipset save` was recorded).
 */
export function loadedDrift(live: LiveFile, files: readonly ImportFile[], read: LoadedReader, withCpanelLists: boolean): Drift[] {
  const terms: Terms = read.filesAgree && !withCpanelLists
    ? { live: "in the running rules", ref: "CSF's files and the revision", refOr: "CSF's files or the revision", plural: true }
    : { live: "in the running rules", ref: "CSF's files", refOr: "CSF's files", plural: true };
  const tempDeny = tempEntries(live, "csf.tempban");
  const conf = files.find((f) => f.path.endsWith("csf.conf"))?.text ?? "";
  const device = /^\s*ETH_DEVICE\s*=\s*"([A-Za-z0-9_.:+-]+)"/m.exec(conf)?.[1];
  const temp: KernelOptions = { tempDeny: tempDeny ?? new Set(), tempAllow: tempEntries(live, "csf.tempallow") ?? new Set(), device };
  const sets = sectionText(live, "live ipset-save") || null;
  const out: Drift[] = [];
  for (const [family, tool] of [["IPv4", "iptables-save"], ["IPv6", "ip6tables-save"]] as [Family, string][]) {
    const text = sectionText(live, `live ${tool}`);
    const mine = read.family(files, family);
    if (text === null || mine.length === 0 || (matchesSets(text) && sets === null)) continue;
    const want = read.effective("csf", mine, "CSF's files");
    const have = read.effective("iptables", [{ path: tool, text: csfKernelView(text, temp) }, ...(sets === null ? [] : [csfSets(sets, family)])], "The running rules");
    // Without csf.tempban in the live file, a block only the kernel has may be lfd's: not drift.
    out.push(...diffEffective(have, want, family, terms).filter((d) => tempDeny !== null || d.kind !== "blocked-extra"));
  }
  return out;
}
