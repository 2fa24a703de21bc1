/**
 * What an iptables filter table lets in and out, read rule by rule in order from the entry chains:
 * ACCEPTs become open ports (sources from -s or ipset members), source-only DROPs become blocked
 * addresses, hashlimit/connlimit/recent DROPs become limits. Anything else, and any ACCEPT an
 * earlier DROP shadows, is a finding with file and line (docs/backends.md §2).
 */
import { canonicalIpv4Network, canonicalIpv6Network, ipv4Span, ipv6Span, networkBounds } from "../../address";
import type { PortRange } from "../../policy/schema";
import { parseAddressRange, parseSource } from "../../import/text";
import type { Finding, ImportedBlock, ImportedLimit, ImportedRule, Origin } from "../../import/types";
import type { IptChain, IptRule, IptTable } from "./iptables-parse";

export type IpSets = Map<string, { family: string; members: string[]; line: number }>;
export type EvalOptions = {
  input: string;
  output: string;
  acceptChains?: string[];
  dropChains?: string[];
  /** What happens after the entry chain's last rule when the file does not say (UFW's defaults). */
  inputPolicy?: string;
  outputPolicy?: string;
  /** The tool's own plumbing chains (UFW's logging chains): not reported when unreached. */
  internalChains?: RegExp;
};
export type FamilyResult = { rules: ImportedRule[]; blocked: ImportedBlock[]; limits: ImportedLimit[]; outbound: "allow-all" | "restricted" };

const ALL: PortRange = { from: 1, to: 65535 };
const BUILTIN = new Set(["ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "NFLOG", "ULOG", "QUEUE", "NFQUEUE"]);
const UNIT: Record<string, number> = { sec: 1, second: 1, s: 1, min: 60, minute: 60, m: 60, hour: 3600, h: 3600, day: 86400, d: 86400 };

type Drop = { protocol?: string; ports: PortRange[]; line: number };
/** `setSources`: each set's members read as sources once per evaluation (a blocklist set is matched in and out). */
type Ctx = { findings: Finding[]; sets: IpSets; setSources: Map<string, string[]>; table: IptTable; opts: EvalOptions; seen: Set<string>; out: FamilyResult; drops: Drop[]; closed: boolean };

const at = (r: IptRule): Origin => ({ file: r.file, line: r.line });
const warn = (ctx: Ctx, r: IptRule, message: string): void => {
  ctx.findings.push({ ...at(r), severity: "warning", message });
};
const covers = (outer: PortRange[], inner: PortRange) => outer.length === 0 || outer.some((o) => o.from <= inner.from && o.to >= inner.to);

function verdict(r: IptRule, ctx: Ctx): "accept" | "drop" | "return" | "log" | "chain" | "other" | "none" {
  const t = r.target;
  if (t === undefined) return "none";
  if (t === "ACCEPT" || ctx.opts.acceptChains?.includes(t)) return "accept";
  if (t === "DROP" || t === "REJECT" || ctx.opts.dropChains?.includes(t)) return "drop";
  if (t === "RETURN") return "return";
  if (t === "LOG" || t === "NFLOG" || t === "ULOG") return "log";
  if (ctx.table.chains.has(t) && !BUILTIN.has(t)) return "chain";
  return "other";
}

/** A set's members as networks: ranges (`a-b`) as the networks covering them; anything not an address left out. */
function setMembers(members: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of members) {
    const range = m.includes("-") ? parseAddressRange(m) : null;
    if (range) out.push(...range);
    else {
      const source = parseSource(m);
      if (source !== null && source !== "anyone") out.push(source);
    }
  }
  return out;
}

/** Sources of a rule: "anyone", networks, or null (with a finding) when not expressible. */
function sourcesOf(r: IptRule, ctx: Ctx): "anyone" | string[] | null {
  if (r.matchSet && r.matchSet.dir.startsWith("src")) {
    const set = ctx.sets.get(r.matchSet.name);
    if (!set) return (warn(ctx, r, `ipset ${r.matchSet.name} is not among the files (add the ipset save output); the rule is not imported.`), null);
    const read = ctx.setSources.get(r.matchSet.name) ?? setMembers(set.members);
    ctx.setSources.set(r.matchSet.name, read);
    return [...read];
  }
  if (r.source === undefined) return "anyone";
  const s = parseSource(r.source);
  if (s === null) return (warn(ctx, r, `Source "${r.source.slice(0, 60)}" is not an address or network; not imported.`), null);
  return s === "anyone" ? "anyone" : [s];
}

function protocolsOf(r: IptRule): ("tcp" | "udp")[] | null {
  if (r.protocol === undefined || r.protocol === "all") return ["tcp", "udp"];
  return r.protocol === "tcp" || r.protocol === "6" ? ["tcp"] : r.protocol === "udp" || r.protocol === "17" ? ["udp"] : null;
}

function unsupported(r: IptRule, inbound: boolean): string | null {
  if (r.negated) return "a negated match (!)";
  if (r.unknown.length > 0) return `matches a profile cannot express (${r.unknown.slice(0, 3).join(", ")})`;
  if (inbound && r.inIface && r.inIface !== "lo") return `an interface-specific rule (-i ${r.inIface})`;
  if (!inbound && r.outIface && r.outIface !== "lo") return `an interface-specific rule (-o ${r.outIface})`;
  if (inbound && r.destination) return `a rule for one destination address (-d ${r.destination})`;
  if (!inbound && (r.source || r.destination)) return "an outbound rule for one address";
  if (r.sports.length > 0) return "a source-port match";
  return null;
}

function limitOf(r: IptRule, ctx: Ctx): boolean {
  const protocols = protocolsOf(r);
  const ports = r.dports.length > 0 ? r.dports : null;
  const hl = r.hashlimit;
  const recentDrop = r.recent.update === "1" || r.recent.rcheck === "1";
  if (!hl.above && r.connlimitAbove === undefined && !recentDrop) return false;
  if (!protocols || protocols.length !== 1 || !ports) return (warn(ctx, r, "A rate limit without one protocol and destination ports cannot be expressed; not imported."), true);
  const protocol = protocols[0] as "tcp" | "udp";
  for (const p of ports) {
    if (hl.above) {
      const [rate = "1", unit = "sec"] = hl.above.split("/");
      const burst = Number(hl.burst ?? 5);
      const expire = hl["htable-expire"] ? Number(hl["htable-expire"]) / 1000 : NaN;
      const seconds = Number.isInteger(expire) && expire > 0 ? expire : Math.max(1, Math.round((burst * (UNIT[unit] ?? 1)) / Math.max(1, Number(rate))));
      if (hl.mode !== undefined && !hl.mode.includes("srcip")) warn(ctx, r, `hashlimit mode ${hl.mode} is not per source; imported as a per-source limit.`);
      ctx.out.limits.push({ protocol, ports: p, newConnections: { count: burst, seconds }, origin: at(r) });
    } else if (r.connlimitAbove !== undefined) {
      ctx.out.limits.push({ protocol, ports: p, concurrent: r.connlimitAbove, origin: at(r) });
    } else {
      ctx.out.limits.push({ protocol, ports: p, newConnections: { count: Math.max(1, Number(r.recent.hitcount ?? 2) - 1), seconds: Number(r.recent.seconds ?? 60) }, origin: at(r) });
    }
  }
  return true;
}

const isV6 = (address: string) => address.includes(":");

/** An IPv4 network's first and last address as numbers (exact in a double). */
function v4Span(text: string): [number, number] {
  const span = ipv4Span(text);
  if (span) return span;
  const b = networkBounds(text);
  return [Number(b.first), Number(b.last)];
}

/** An IPv6 network's first and last address as eight 16-bit groups each. */
function v6Span(text: string): [number[], number[]] {
  const span = ipv6Span(text);
  if (span) return span;
  const b = networkBounds(text);
  const groups = (v: bigint) => Array.from({ length: 8 }, (_, g) => Number((v >> BigInt(112 - 16 * g)) & 0xffffn));
  return [groups(b.first), groups(b.last)];
}

/**
 * First and last address of each network of a list, in typed arrays (no object per entry: a
 * 100,000-entry blocklist is read this way): IPv4 as two numbers each, IPv6 as sixteen 16-bit
 * groups each (the first address's eight, then the last's).
 */
type Spans = { v4: Float64Array; v4Count: number; v6: Uint16Array; v6Count: number };

function spansOf(list: readonly string[]): Spans {
  const v6Total = list.reduce((n, a) => n + (isV6(a) ? 1 : 0), 0);
  const spans: Spans = { v4: new Float64Array((list.length - v6Total) * 2), v4Count: 0, v6: new Uint16Array(v6Total * 16), v6Count: 0 };
  for (const a of list) {
    if (isV6(a)) v6SpanInto(a, spans.v6, 16 * spans.v6Count++);
    else v4SpanInto(a, spans.v4, 2 * spans.v4Count++);
  }
  return spans;
}

function v4SpanInto(text: string, out: Float64Array, at: number): void {
  const key = canonicalIpv4Network(text);
  if (key === -1) {
    [out[at], out[at + 1]] = v4Span(text);
    return;
  }
  const prefix = key % 64;
  out[at] = (key - prefix) / 64;
  out[at + 1] = out[at]! + 2 ** (32 - prefix) - 1;
}

function v6SpanInto(text: string, out: Uint16Array, at: number): void {
  const prefix = canonicalIpv6Network(text, out, at);
  if (prefix === -1) {
    const [first, last] = v6Span(text);
    out.set(first, at);
    out.set(last, at + 8);
    return;
  }
  // The last address: the prefix's bits as they are, every bit after them set.
  for (let g = 0; g < 8; g++) out[at + 8 + g] = out[at + g]! | (0xffff >>> Math.max(0, Math.min(16, prefix - 16 * g)));
}

/** Whether 128-bit `a` (eight groups from `ai`) is at most `b` (from `bi`). */
function notAfter(a: Uint16Array, ai: number, b: Uint16Array, bi: number): boolean {
  for (let g = 0; g < 8; g++) if (a[ai + g] !== b[bi + g]) return a[ai + g]! < b[bi + g]!;
  return true;
}

/** Whether the network `text` shares an address with one of `spans`. */
function overlapsSpans(spans: Spans, text: string): boolean {
  if (isV6(text)) {
    const mine = new Uint16Array(16);
    v6SpanInto(text, mine, 0);
    for (let i = 0; i < spans.v6Count; i++) if (notAfter(spans.v6, 16 * i, mine, 8) && notAfter(mine, 0, spans.v6, 16 * i + 8)) return true;
    return false;
  }
  const mine = new Float64Array(2);
  v4SpanInto(text, mine, 0);
  for (let i = 0; i < spans.v4Count; i++) if (spans.v4[2 * i]! <= mine[1]! && mine[0]! <= spans.v4[2 * i + 1]!) return true;
  return false;
}

/**
 * A block that comes after ACCEPTs for the same sources (UFW appends `deny from` below the allows)
 * never closed those ports in the original: the first matching rule wins. A profile's blocked
 * addresses are closed on every port, so the change is reported.
 */
function allowedBefore(r: IptRule, sources: string[], ctx: Ctx): void {
  const inbound = ctx.out.rules.filter((x) => x.direction === "inbound");
  if (inbound.length === 0) return;
  // The blocked ranges, made when an allow asks: as numbers in typed arrays (a 100,000-entry set
  // below csf's ALLOWIN made 100,000 BigInt pairs here, then as many small arrays).
  let spans: Spans | undefined;
  // Pairs beyond a million (a 100,000-entry ipset below a listed allow) are not compared: the
  // allows open to anyone, which are what such a list sits below, are still named.
  const overlapsBlocked = (list: string[]) => {
    if (list.length * sources.length > 1_000_000) return false;
    return list.some((a) => overlapsSpans((spans ??= spansOf(sources)), a));
  };
  const earlier = inbound.filter((x) => x.sources === "anyone" || overlapsBlocked(x.sources));
  const first = earlier[0];
  if (!first) return;
  const ports = [...new Set(earlier.map((x) => `${x.protocol} ${x.ports.from === x.ports.to ? x.ports.from : `${x.ports.from}-${x.ports.to}`}`))];
  const shown = ports.length > 6 ? `${ports.slice(0, 6).join(", ")} and ${ports.length - 6} more` : ports.join(", ");
  const who = sources.length === 1 ? sources[0] : `these ${sources.length} addresses`;
  warn(ctx, r, `Blocked after earlier allows: ${shown} stayed open to ${who} in the original (the ACCEPT on line ${first.origin.line} matches first); the profile blocks ${sources.length === 1 ? "it" : "them"} on every port.`);
}

function inboundRule(r: IptRule, ctx: Ctx): void {
  const kind = verdict(r, ctx);
  if (kind === "none") return; // counters and `recent --set` bookkeeping
  if (r.inIface === "lo" && (kind === "accept" || kind === "return")) return;
  if (r.states.length > 0 && r.states.every((s) => /^(ESTABLISHED|RELATED|INVALID|UNTRACKED)$/.test(s))) return;
  if (r.isIcmp) return;
  if (kind === "log") return void ctx.findings.push({ ...at(r), severity: "info", message: "A log-only rule (it lets nothing through); not imported." });
  const why = unsupported(r, true);
  if (kind === "chain") {
    if (why) return warn(ctx, r, `Jump to ${r.target} behind ${why}: the rules in that chain are not imported.`);
    return walk(r.target ?? "", ctx, "in", r);
  }
  if (kind === "return") return why ? warn(ctx, r, `A conditional RETURN (${why}) is not imported.`) : undefined;
  if (kind === "other") return warn(ctx, r, `Target ${r.target} (NAT, marks or another non-filter action) is not part of a profile; not imported.`);
  if (why) return warn(ctx, r, `${why[0]?.toUpperCase()}${why.slice(1)}: not imported.`);
  if (ctx.closed) return warn(ctx, r, "Shadowed: an earlier rule already drops everything that reaches here, so this rule never matched. Not imported.");
  if (kind === "drop") {
    if (limitOf(r, ctx)) return;
    if (r.hasLimit) return warn(ctx, r, "A global (not per-source) limit cannot be expressed; not imported.");
    const sources = sourcesOf(r, ctx);
    if (sources === null) return;
    const bare = r.protocol === undefined && r.dports.length === 0;
    if (sources !== "anyone" && bare) {
      const [comment, origin] = [r.comment ?? "", at(r)];
      for (const address of sources) ctx.out.blocked.push({ address, comment, origin });
      allowedBefore(r, sources, ctx);
      return;
    }
    if (sources !== "anyone") return warn(ctx, r, "A port- or protocol-specific deny cannot be expressed (blocked addresses are blocked on every port); not imported.");
    if (bare) ctx.closed = true;
    else ctx.drops.push({ protocol: r.protocol, ports: r.dports, line: r.line });
    return;
  }
  const protocols = protocolsOf(r);
  if (!protocols) return warn(ctx, r, `Protocol ${r.protocol} is not TCP or UDP; a profile cannot express it. Not imported.`);
  if (r.states.length > 0 && !r.states.includes("NEW")) return warn(ctx, r, `A rule for connection states ${r.states.join(",")} is not imported.`);
  const sources = sourcesOf(r, ctx);
  if (sources === null) return;
  if (r.hasLimit) ctx.findings.push({ ...at(r), severity: "warning", message: "This ACCEPT also has a global rate limit (-m limit); the port is imported, the limit is not." });
  for (const protocol of protocols) {
    for (const ports of r.dports.length > 0 ? r.dports : [ALL]) {
      const shadow = ctx.drops.find((d) => (d.protocol === undefined || d.protocol === protocol) && covers(d.ports, ports));
      if (shadow) {
        warn(ctx, r, `Shadowed: the DROP/REJECT on line ${shadow.line} comes first, so ${protocol} ${ports.from === ports.to ? ports.from : `${ports.from}-${ports.to}`} was never allowed here. Not imported.`);
        continue;
      }
      ctx.out.rules.push({ direction: "inbound", protocol, ports, sources, origin: at(r) });
    }
  }
}

function outboundRule(r: IptRule, ctx: Ctx): void {
  const kind = verdict(r, ctx);
  if (kind === "none" || r.isIcmp || (r.outIface === "lo" && kind !== "drop")) return;
  if (r.states.length > 0 && r.states.every((s) => /^(ESTABLISHED|RELATED|INVALID|UNTRACKED)$/.test(s))) return;
  if (r.matchSet && r.matchSet.dir.startsWith("dst") && kind === "drop") return; // the block list again, outbound
  if (kind === "log") return;
  const why = unsupported(r, false);
  if (kind === "chain") return why ? warn(ctx, r, `Jump to ${r.target} behind ${why}: not imported.`) : walk(r.target ?? "", ctx, "out", r);
  if (kind === "return" && !why) return;
  if (why || kind === "other" || kind === "return") return warn(ctx, r, `Outbound: ${why ?? `target ${r.target}`} cannot be expressed; not imported.`);
  if (ctx.closed) return warn(ctx, r, "Shadowed: an earlier rule already drops all outbound traffic here. Not imported.");
  if (kind === "drop") {
    if (r.protocol === undefined && r.dports.length === 0) ctx.closed = true;
    else warn(ctx, r, "An outbound deny for some ports cannot be expressed (a profile either allows all outbound traffic or lists what may leave); not imported.");
    return;
  }
  const protocols = protocolsOf(r);
  if (!protocols) return warn(ctx, r, `Outbound protocol ${r.protocol} is not TCP or UDP; not imported.`);
  for (const protocol of protocols) for (const ports of r.dports.length > 0 ? r.dports : [ALL]) ctx.out.rules.push({ direction: "outbound", protocol, ports, sources: "anyone", origin: at(r) });
}

/** Inherit the jumping rule's protocol, ports and source into the rules of the chain it jumps to. */
function inherit(r: IptRule, from?: IptRule): IptRule {
  if (!from) return r;
  return { ...r, protocol: r.protocol ?? from.protocol, dports: r.dports.length > 0 ? r.dports : from.dports, source: r.source ?? from.source, matchSet: r.matchSet ?? from.matchSet, states: r.states.length > 0 ? r.states : from.states };
}

function walk(name: string, ctx: Ctx, direction: "in" | "out", via?: IptRule): void {
  const chain: IptChain | undefined = ctx.table.chains.get(name);
  if (!chain || ctx.seen.has(`${direction}:${name}`)) return;
  ctx.seen.add(`${direction}:${name}`);
  for (const raw of chain.rules) {
    const r = inherit(raw, via);
    // A bare RETURN ends the chain; one for loopback only (APF's companion) does not, for other traffic.
    const loopback = (direction === "in" ? r.inIface : r.outIface) === "lo";
    if (r.target === "RETURN" && !loopback && unsupported(r, direction === "in") === null && r.protocol === undefined && r.dports.length === 0 && !r.source && r.states.length === 0) break;
    if (direction === "in") inboundRule(r, ctx);
    else outboundRule(r, ctx);
  }
  ctx.seen.delete(`${direction}:${name}`);
}

/** Evaluate one family's filter table (and report the other tables' rules as findings). */
export function evaluateIptables(tables: IptTable[], sets: IpSets, opts: EvalOptions, findings: Finding[]): FamilyResult {
  const out: FamilyResult = { rules: [], blocked: [], limits: [], outbound: "allow-all" };
  for (const t of tables.filter((t) => t.name !== "filter")) {
    for (const chain of t.chains.values()) for (const r of chain.rules) {
      const what = t.name === "nat" ? "NAT (address or port translation)" : t.name === "mangle" ? "packet marking/mangling" : `a ${t.name}-table rule`;
      findings.push({ ...at(r), severity: "warning", message: `${what} in chain ${r.chain}: a profile cannot express it; not imported.` });
    }
  }
  const filter = tables.find((t) => t.name === "filter");
  if (!filter) return out;
  const inCtx: Ctx = { findings, sets, setSources: new Map(), table: filter, opts, seen: new Set(), out, drops: [], closed: false };
  walk(opts.input, inCtx, "in");
  const inChain = filter.chains.get(opts.input);
  const inPolicy = opts.inputPolicy ?? inChain?.policy;
  if (inChain && !inCtx.closed && inPolicy !== "DROP" && inPolicy !== "REJECT") {
    findings.push({ file: inChain.rules[0]?.file ?? "", line: inChain.rules[0]?.line ?? 0, severity: "warning", message: `${opts.input} accepts everything its rules do not drop (policy ${inPolicy ?? "of the calling chain"}); a profile denies by default, so only the ports allowed explicitly stay open.` });
  }
  const outCtx: Ctx = { ...inCtx, seen: new Set(), drops: [], closed: false };
  walk(opts.output, outCtx, "out");
  const outChain = filter.chains.get(opts.output);
  const outPolicy = opts.outputPolicy ?? outChain?.policy;
  out.outbound = outCtx.closed || outPolicy === "DROP" || outPolicy === "REJECT" ? "restricted" : "allow-all";
  if (out.outbound === "allow-all") out.rules = out.rules.filter((r) => r.direction === "inbound");
  const reached = new Set([opts.input, opts.output, ...[...filter.chains.values()].flatMap((c) => c.rules.map((r) => r.target ?? ""))]);
  for (const [name, chain] of filter.chains) {
    if (chain.rules.length === 0 || opts.internalChains?.test(name)) continue;
    if (name === "FORWARD") for (const r of chain.rules) findings.push({ ...at(r), severity: "warning", message: "Forwarding (FORWARD chain): a profile filters only traffic to and from this server; not imported." });
    else if (!reached.has(name) || (name === "INPUT" && opts.input !== "INPUT") || (name === "OUTPUT" && opts.output !== "OUTPUT")) {
      const r = chain.rules[0];
      if (r) findings.push({ ...at(r), severity: "warning", message: `Chain ${name} (${chain.rules.length} rules) is not reached from ${opts.input} or ${opts.output}; not imported.` });
    }
  }
  return out;
}
