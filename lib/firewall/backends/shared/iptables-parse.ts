/**
 * Reading `iptables-save` / `ip6tables-save` output (also /etc/sysconfig/iptables, rules.v4/v6,
 * UFW's user.rules): tables, chain policies and each `-A` rule's options, tokenised with shell-style
 * quotes and never evaluated as text. Shared by the iptables and UFW importers (docs/backends.md §2).
 */
import { z } from "zod";
import type { PortRange } from "../../policy/schema";
import { fileLines, parsePortRange } from "../../import/text";
import { ImportInputError, type ImportFile } from "../../import/types";

export type IptRule = {
  file: string;
  line: number;
  chain: string;
  protocol?: string;
  source?: string;
  destination?: string;
  inIface?: string;
  outIface?: string;
  dports: PortRange[];
  sports: PortRange[];
  matchSet?: { name: string; dir: string };
  states: string[];
  hashlimit: Record<string, string>;
  connlimitAbove?: number;
  recent: Record<string, string>;
  hasLimit: boolean;
  isIcmp: boolean;
  negated: boolean;
  /** Matches and options this importer does not understand (owner, mac, time, tcp-flags…). */
  unknown: string[];
  target?: string;
  targetArgs: string[];
  comment?: string;
};

export type IptChain = { policy: string | null; rules: IptRule[] };
export type IptTable = { name: string; line: number; chains: Map<string, IptChain> };

/** Split like a shell: double and single quotes group, backslash escapes inside double quotes. */
export function tokenize(line: string): string[] {
  // Without quotes the tokens are the runs of non-space (\s and \S are complements; trim strips \s):
  // the common case, and every line of a 100,000-entry ipset save.
  if (!line.includes('"') && !line.includes("'")) {
    const trimmed = line.trim();
    return trimmed === "" ? [] : trimmed.split(/\s+/);
  }
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] ?? m[3] ?? ""));
  return out;
}

const KNOWN_MODULES = new Set(["tcp", "udp", "multiport", "conntrack", "state", "comment", "set", "hashlimit", "connlimit", "recent", "limit", "icmp", "icmp6", "icmpv6", "hl"]);
const positiveInt = z.coerce.number().int().min(1);

function ports(text: string, out: PortRange[], unknown: string[]): void {
  for (const item of text.split(",")) {
    const r = parsePortRange(item, ":");
    if (r) out.push(r);
    else unknown.push(`port ${item}`);
  }
}

/** A whole `-A CHAIN …` line of iptables-save, read on its own (no file or line to report). */
export const ruleOfLine = (line: string): IptRule => parseRule(tokenize(line).slice(1), "", 0);

/** One `-A CHAIN …` line (without the leading `-A`). */
export function parseRule(tokens: string[], file: string, line: number): IptRule {
  const [chain = "", ...rest] = tokens;
  const r: IptRule = { file, line, chain, dports: [], sports: [], states: [], hashlimit: {}, recent: {}, hasLimit: false, isIcmp: false, negated: false, unknown: [], targetArgs: [] };
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i] ?? "";
    const next = () => rest[++i] ?? "";
    if (r.target !== undefined) {
      r.targetArgs.push(t);
      continue;
    }
    switch (t) {
      case "!": r.negated = true; break;
      case "-p": case "--protocol": r.protocol = next().toLowerCase(); if (/^(icmp|ipv6-icmp|icmpv6|1|58)$/.test(r.protocol)) r.isIcmp = true; break;
      case "-s": case "--source": case "--src": r.source = next(); break;
      case "-d": case "--destination": case "--dst": r.destination = next(); break;
      case "-i": case "--in-interface": r.inIface = next(); break;
      case "-o": case "--out-interface": r.outIface = next(); break;
      case "-m": case "--match": { const m = next(); if (!KNOWN_MODULES.has(m)) r.unknown.push(`-m ${m}`); if (m === "limit") r.hasLimit = true; break; }
      case "--dport": case "--destination-port": case "--dports": case "--destination-ports": ports(next(), r.dports, r.unknown); break;
      case "--sport": case "--source-port": case "--sports": case "--source-ports": ports(next(), r.sports, r.unknown); break;
      case "--match-set": r.matchSet = { name: next(), dir: next() }; break;
      case "--ctstate": case "--state": r.states = next().split(","); break;
      case "--comment": r.comment = next(); break;
      case "--icmp-type": case "--icmpv6-type": next(); r.isIcmp = true; break;
      case "--hl-eq": case "--limit": case "--limit-burst": next(); break;
      case "--connlimit-above": { const n = positiveInt.safeParse(next()); if (n.success) r.connlimitAbove = n.data; else r.unknown.push("--connlimit-above"); break; }
      case "--connlimit-mask": case "--connlimit-saddr": if (t === "--connlimit-mask") next(); break;
      case "--set": case "--update": case "--rcheck": case "--rsource": r.recent[t.slice(2)] = "1"; break;
      case "--seconds": case "--hitcount": case "--name": case "--mask": r.recent[t.slice(2)] = next(); break;
      case "-j": case "--jump": case "-g": case "--goto": r.target = next(); break;
      case "-c": case "--set-counters": next(); next(); break;
      case "--syn": break;
      default:
        if (t.startsWith("--hashlimit-")) r.hashlimit[t.slice("--hashlimit-".length)] = next();
        else {
          r.unknown.push(t);
          while (rest[i + 1] !== undefined && !(rest[i + 1] ?? "").startsWith("-") && rest[i + 1] !== "!") i++;
        }
    }
  }
  return r;
}

/** Every table in an iptables-save file. A table without COMMIT is truncated input. */
export function parseIptablesSave(file: ImportFile): IptTable[] {
  const tables: IptTable[] = [];
  let current: IptTable | null = null;
  fileLines(file).forEach((raw, i) => {
    const line = raw.replace(/^\[\d+:\d+\]\s*/, "").trim();
    if (line === "" || line.startsWith("#")) return;
    if (line.startsWith("*")) {
      if (current) throw new ImportInputError(file.path, i + 1, `table ${line} starts before *${current.name} ended with COMMIT; the file looks truncated or spliced.`);
      current = { name: line.slice(1), line: i + 1, chains: new Map() };
      return;
    }
    if (!current) throw new ImportInputError(file.path, i + 1, "a rule or chain outside any *table: not iptables-save output.");
    const table: IptTable = current;
    if (line === "COMMIT") {
      tables.push(table);
      current = null;
    } else if (line.startsWith(":")) {
      const [name = "", policy = "-"] = line.slice(1).split(/\s+/);
      table.chains.set(name, { policy: policy === "-" ? null : policy, rules: table.chains.get(name)?.rules ?? [] });
    } else if (/^(-A|--append|-I|--insert) /.test(line)) {
      // iptables-restore also takes -I CHAIN [N] (UFW's user.rules uses it): insert at the top.
      const tokens = tokenize(line);
      const insert = tokens[0] === "-I" || tokens[0] === "--insert";
      if (insert && /^\d+$/.test(tokens[2] ?? "")) tokens.splice(2, 1);
      const rule = parseRule(tokens.slice(1), file.path, i + 1);
      const chain = table.chains.get(rule.chain) ?? { policy: null, rules: [] };
      if (insert) chain.rules.unshift(rule);
      else chain.rules.push(rule);
      table.chains.set(rule.chain, chain);
    } else {
      throw new ImportInputError(file.path, i + 1, `"${line.slice(0, 60)}" is not an iptables-save line.`);
    }
  });
  if (current) throw new ImportInputError(file.path, null, `table *${(current as IptTable).name} has no COMMIT: the file is truncated.`);
  return tables;
}

/**
 * The end of the name and of the member of a plain `add NAME MEMBER …` line (both printable ASCII
 * without quotes, a single space before each, then the end or a space and anything, like ipset
 * restore's `-exist`), else null: nearly every line of a long set, read without tokenizing.
 */
function plainAdd(line: string): { name: number; member: number } | null {
  if (!line.startsWith("add ")) return null;
  const name = wordEnd(line, 4);
  if (name === 4 || line.charCodeAt(name) !== 32) return null;
  const member = wordEnd(line, name + 1);
  return member === name + 1 || (member < line.length && line.charCodeAt(member) !== 32) ? null : { name, member };
}

/** Where the run of printable ASCII characters other than quotes from `from` ends. */
function wordEnd(line: string, from: number): number {
  let i = from;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 33 || c > 126 || c === 34 || c === 39) break;
  }
  return i;
}

/** `ipset save` output: set name → members (canonical text as given), following swaps. */
export function parseIpsetSave(file: ImportFile): Map<string, { family: string; members: string[]; line: number }> {
  const sets = new Map<string, { family: string; members: string[]; line: number }>();
  // The set of the add lines just read: only another kind of line (flush, swap…) changes a set.
  let last: { name: string; set: { members: string[] } | undefined } | undefined;
  fileLines(file).forEach((raw, i) => {
    const add = plainAdd(raw);
    if (add) {
      const same = last !== undefined && add.name === last.name.length + 4 && raw.startsWith(last.name, 4);
      const current = same && last ? last : (last = { name: raw.slice(4, add.name), set: sets.get(raw.slice(4, add.name)) });
      current.set?.members.push(raw.slice(add.name + 1, add.member));
      return;
    }
    last = undefined;
    const [cmd, name = "", ...args] = tokenize(raw.trim());
    if (!cmd || cmd.startsWith("#")) return;
    if (cmd === "create" || cmd === "-N") sets.set(name, { family: args[args.indexOf("family") + 1] === "inet6" ? "inet6" : "inet", members: [], line: i + 1 });
    else if (cmd === "add" || cmd === "-A") sets.get(name)?.members.push(args[0] ?? "");
    else if (cmd === "flush" || cmd === "-F") { const s = sets.get(name); if (s) s.members = []; }
    else if (cmd === "swap" || cmd === "-W") {
      const a = sets.get(name);
      const b = sets.get(args[0] ?? "");
      if (a && b) [a.members, b.members] = [b.members, a.members];
    } else if (cmd === "destroy" || cmd === "-X") sets.delete(name);
    else throw new ImportInputError(file.path, i + 1, `"${raw.trim().slice(0, 60)}" is not an ipset save line.`);
  });
  return sets;
}
