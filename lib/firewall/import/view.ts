/**
 * What a firewall lets through, in a form that both an old firewall's files (CSF's, read by
 * backends/csf/describe.ts) and a profile's resolved rule set can be read into, so the "Move off
 * CSF" review can put them side by side port by port and source by source. IPv4 and IPv6 are kept
 * apart: a family a firewall does not filter is open on every port.
 */
import type { Family } from "../address";
import { mergeRanges, type Protocol, type RuleSet } from "../policy/resolve";
import type { PortRange } from "../policy/schema";
import { subtractRange } from "./text";

export type Direction = "inbound" | "outbound";
export type Lane = `${Direction} ${Protocol} ${Family}`;

export const DIRECTIONS: readonly Direction[] = ["inbound", "outbound"];
export const PROTOCOLS: readonly Protocol[] = ["tcp", "udp"];
export const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];
export const LANES = DIRECTIONS.flatMap((d) => PROTOCOLS.flatMap((p) => FAMILIES.map((f) => `${d} ${p} ${f}` as Lane)));

export const ALL_PORTS: PortRange = { from: 1, to: 65535 };

export type FirewallView = {
  /** Per lane, the ports open to everyone (every port when that family or direction is unfiltered). */
  open: Record<Lane, PortRange[]>;
  /** Inbound ports one source (a canonical network) may reach, per protocol. */
  allowed: Map<string, Record<Protocol, PortRange[]>>;
  /** Addresses dropped and on what: `all` (every port and protocol) or e.g. `tcp 22`. */
  denied: Map<string, string>;
  /** Rate limits per `tcp 22`: e.g. `new 4/300s, concurrent 20`. */
  limits: Map<string, string>;
};

export const showPorts = (rs: readonly PortRange[]) =>
  mergeRanges([...rs]).map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(",");

export function emptyView(): FirewallView {
  return { open: Object.fromEntries(LANES.map((l) => [l, []])) as unknown as Record<Lane, PortRange[]>, allowed: new Map(), denied: new Map(), limits: new Map() };
}

/** Let `source` reach `ports` over `protocol` (inbound). */
export function allowSource(view: FirewallView, source: string, protocol: Protocol, ports: readonly PortRange[]): void {
  const entry = view.allowed.get(source) ?? { tcp: [], udp: [] };
  entry[protocol] = mergeRanges([...entry[protocol], ...ports]);
  view.allowed.set(source, entry);
}

/** Add one limit term (`new 4/300s`, `concurrent 20`) to the ports' entry. */
export function addLimit(view: FirewallView, protocol: Protocol, ports: PortRange, term: string): void {
  const key = `${protocol} ${showPorts([ports])}`;
  const old = view.limits.get(key);
  view.limits.set(key, old ? [...old.split(", "), term].sort().join(", ") : term);
}

/** What a profile's rules (for one backend) let through. */
export function viewOfRuleSet(ruleSet: RuleSet): FirewallView {
  const view = emptyView();
  const families = ruleSet.ipv6 ? FAMILIES : (["ipv4"] as const);
  if (!ruleSet.ipv6) for (const d of DIRECTIONS) for (const p of PROTOCOLS) view.open[`${d} ${p} ipv6`] = [ALL_PORTS];
  for (const p of PROTOCOLS) {
    const anyone = ruleSet.inbound.filter((r) => r.protocol === p && r.sources === "anyone").flatMap((r) => r.ports);
    const out = ruleSet.outboundPolicy === "allow-all" ? [ALL_PORTS] : ruleSet.outbound.filter((r) => r.protocol === p).flatMap((r) => r.ports);
    for (const f of families) {
      view.open[`inbound ${p} ${f}`] = mergeRanges(anyone);
      view.open[`outbound ${p} ${f}`] = mergeRanges(out);
    }
  }
  for (const r of ruleSet.inbound) {
    if (r.sources === "anyone") continue;
    for (const s of [...r.sources.v4, ...(ruleSet.ipv6 ? r.sources.v6 : [])]) allowSource(view, s, r.protocol, r.ports);
  }
  for (const address of [...ruleSet.blocked.v4, ...(ruleSet.ipv6 ? ruleSet.blocked.v6 : [])]) view.denied.set(address, "all");
  for (const l of ruleSet.rateLimits) {
    for (const ports of l.ports) {
      if (l.newConnections) addLimit(view, l.protocol, ports, `new ${l.newConnections.count}/${l.newConnections.seconds}s`);
      if (l.concurrent !== undefined) addLimit(view, l.protocol, ports, `concurrent ${l.concurrent}`);
    }
  }
  return view;
}

const inRanges = (rs: readonly PortRange[], port: number) => rs.some((r) => r.from <= port && port <= r.to);
const minus = (rs: readonly PortRange[], cut: readonly PortRange[]) => cut.reduce((rest, c) => subtractRange(rest, c), mergeRanges([...rs]));

export type PortRow = {
  direction: Direction;
  protocol: Protocol;
  ports: PortRange;
  before: Record<Family, boolean>;
  after: Record<Family, boolean>;
  same: boolean;
};
export type SourceRow = { source: string; protocol: Protocol; before: string; after: string; same: boolean };
export type DenyRow = { address: string; before: string | null; after: string | null };
export type LimitRow = { ports: string; before: string | null; after: string | null; same: boolean };

export type Comparison = {
  ports: PortRow[];
  /** Lanes open on every port on both sides (e.g. `inbound tcp ipv6` when IPv6 is unfiltered). */
  unfiltered: Lane[];
  sources: SourceRow[];
  /** Addresses dropped the same way on both sides are counted, not listed; at most MAX_DENY_ROWS differing ones are. */
  denied: { same: number; differing: number; rows: DenyRow[] };
  limits: LimitRow[];
  differences: number;
};

/** At most this many differing blocked addresses are listed (a 100,000-line csf.deny stays readable). */
export const MAX_DENY_ROWS = 500;

const isWhole = (rs: readonly PortRange[]) => rs.length === 1 && rs[0]?.from === 1 && rs[0].to === 65535;

/**
 * One row per port range whose state is the same throughout. A family open on every port on
 * both sides (IPv6 unfiltered before and after, outbound allow-all) is listed in `unfiltered`
 * instead of splitting every row: its cells are true and no row exists only for it.
 */
function portRows(before: FirewallView, after: FirewallView, unfiltered: Lane[]): PortRow[] {
  const rows: PortRow[] = [];
  for (const direction of DIRECTIONS) {
    for (const protocol of PROTOCOLS) {
      const lane = (f: Family) => `${direction} ${protocol} ${f}` as Lane;
      const filtered = FAMILIES.filter((f) => !(isWhole(before.open[lane(f)]) && isWhole(after.open[lane(f)])));
      unfiltered.push(...FAMILIES.filter((f) => !filtered.includes(f)).map(lane));
      const lists = filtered.flatMap((f) => [before.open[lane(f)], after.open[lane(f)]]);
      const cuts = [...new Set(lists.flat().flatMap((r) => [r.from, r.to + 1]))].sort((a, b) => a - b);
      for (let i = 0; i + 1 < cuts.length; i++) {
        const from = cuts[i] as number;
        const to = (cuts[i + 1] as number) - 1;
        const at = (v: FirewallView, f: Family) => inRanges(v.open[lane(f)], from);
        const b = { ipv4: at(before, "ipv4"), ipv6: at(before, "ipv6") };
        const a = { ipv4: at(after, "ipv4"), ipv6: at(after, "ipv6") };
        if (filtered.every((f) => !b[f] && !a[f])) continue;
        const last = rows[rows.length - 1];
        const sameShape = last && last.direction === direction && last.protocol === protocol && last.ports.to + 1 === from
          && FAMILIES.every((f) => last.before[f] === b[f] && last.after[f] === a[f]);
        if (sameShape) last.ports.to = to;
        else rows.push({ direction, protocol, ports: { from, to }, before: b, after: a, same: FAMILIES.every((f) => b[f] === a[f]) });
      }
    }
  }
  return rows;
}

function sourceRows(before: FirewallView, after: FirewallView): SourceRow[] {
  const rows: SourceRow[] = [];
  const sources = [...new Set([...before.allowed.keys(), ...after.allowed.keys()])].sort();
  for (const source of sources) {
    const family: Family = source.includes(":") ? "ipv6" : "ipv4";
    for (const protocol of PROTOCOLS) {
      const open = (v: FirewallView) => v.open[`inbound ${protocol} ${family}`];
      const mine = (v: FirewallView) => v.allowed.get(source)?.[protocol] ?? [];
      const extra = (v: FirewallView) => minus(mine(v), open(v));
      const reach = (v: FirewallView) => showPorts([...open(v), ...mine(v)]);
      const [b, a] = [extra(before), extra(after)];
      if (b.length === 0 && a.length === 0) continue;
      rows.push({ source, protocol, before: showPorts(b) || "none", after: showPorts(a) || "none", same: reach(before) === reach(after) });
    }
  }
  return rows;
}

/** Side by side: what `before` (the old firewall) did and what `after` (the new rules) will do. */
export function compareViews(before: FirewallView, after: FirewallView): Comparison {
  const unfiltered: Lane[] = [];
  const ports = portRows(before, after, unfiltered);
  const sources = sourceRows(before, after);
  const denied = { same: 0, differing: 0, rows: [] as DenyRow[] };
  for (const address of new Set([...before.denied.keys(), ...after.denied.keys()])) {
    const [b, a] = [before.denied.get(address) ?? null, after.denied.get(address) ?? null];
    if (b === a) denied.same++;
    else if (++denied.differing <= MAX_DENY_ROWS) denied.rows.push({ address, before: b, after: a });
  }
  const limits = [...new Set([...before.limits.keys(), ...after.limits.keys()])].sort().map((key) => {
    const [b, a] = [before.limits.get(key) ?? null, after.limits.get(key) ?? null];
    return { ports: key, before: b, after: a, same: b === a };
  });
  const differences = ports.filter((r) => !r.same).length + sources.filter((r) => !r.same).length + denied.differing + limits.filter((r) => !r.same).length;
  return { ports, unfiltered, sources, denied, limits, differences };
}
