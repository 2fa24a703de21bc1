/**
 * Three-way merge of port matrix policies, for when someone else saved while you were editing.
 * `base` is the revision your edits started from, `theirs` the latest saved one, `mine` your
 * edits. A field changed on one side only takes that side; the same change on both sides is no
 * conflict; lists of addresses (sources, blocked addresses) merge as sets, and custom rules, rate
 * limits and blocked entries merge per entry by their key. What is left (the same field changed
 * differently on both sides, or an entry removed on one side and edited on the other) is listed
 * as a conflict with its path; `choices` says which side wins each one (theirs until chosen).
 */
import { customRuleSchema, rateLimitSchema, type Policy, type ServiceChoice } from "./schema";

export type MergeSide = "mine" | "theirs";
export type MergePath = readonly string[];
export type MergeConflict = { path: MergePath; base: unknown; mine: unknown; theirs: unknown };
/** A custom rule or rate limit both sides added under the same id: yours kept under a new id. */
export type MergeRename = { list: "customRules" | "rateLimits"; from: string; to: string };
export type MergeResult = { policy: Policy; conflicts: MergeConflict[]; renamed: MergeRename[] };
export type MergeChoices = Readonly<Record<string, MergeSide>>;

/** The key of a conflict in `choices` (paths hold addresses with dots and slashes, so JSON). */
export const conflictKey = (path: MergePath): string => JSON.stringify(path);

/** Deep equality of plain data; a missing property equals one set to undefined. */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) if (!isSameValue(x[k], y[k])) return false;
  return true;
}

/** Kept when kept on both sides or added on either; gone when removed on either. Theirs' order first. */
export function mergeSet(base: readonly string[], mine: readonly string[], theirs: readonly string[]): string[] {
  const inBase = new Set(base);
  const inMine = new Set(mine);
  const inTheirs = new Set(theirs);
  const keep = (x: string) => !inBase.has(x) || (inMine.has(x) && inTheirs.has(x));
  return [...new Set([...theirs, ...mine])].filter(keep);
}

class Merger {
  readonly conflicts: MergeConflict[] = [];
  constructor(private readonly choices: MergeChoices) {}

  pick<T>(path: MergePath, base: T, mine: T, theirs: T): T {
    if (isSameValue(mine, base)) return theirs;
    if (isSameValue(theirs, base) || isSameValue(mine, theirs)) return mine;
    this.conflicts.push({ path, base, mine, theirs });
    return this.choices[conflictKey(path)] === "mine" ? mine : theirs;
  }

  /** Field by field; `sets` name the fields merged as sets. Fields left undefined are left out. */
  fields<T extends object>(path: MergePath, base: Partial<T>, mine: T, theirs: T, sets: readonly string[] = []): T {
    const b = base as Record<string, unknown>;
    const m = mine as Record<string, unknown>;
    const t = theirs as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(t), ...Object.keys(m)])) {
      const value = sets.includes(k)
        ? mergeSet((b[k] as string[] | undefined) ?? [], m[k] as string[], t[k] as string[])
        : this.pick([...path, k], b[k], m[k], t[k]);
      if (value !== undefined) out[k] = value;
    }
    return out as T;
  }

  /**
   * One keyed entry. When merging field by field would give an entry neither side meant (invalid,
   * or contradictory), the whole entry is the conflict instead, so every result stays coherent.
   */
  entry<T extends object>(path: MergePath, base: T | undefined, mine: T | undefined, theirs: T | undefined,
    sets: readonly string[], isCoherent: (merged: T) => boolean): T | undefined {
    if (isSameValue(mine, base)) return theirs;
    if (isSameValue(theirs, base) || isSameValue(mine, theirs)) return mine;
    if (mine === undefined || theirs === undefined) return this.pick(path, base, mine, theirs);
    const before = this.conflicts.length;
    const merged = this.fields(path, base ?? {}, mine, theirs, sets);
    if (isCoherent(merged)) return merged;
    this.conflicts.length = before;
    return this.pick(path, base, mine, theirs);
  }
}

/** Inbound and localhost-only are opposites: a merge must not tick both unless one side did. */
const coherentService = (mine: ServiceChoice, theirs: ServiceChoice) => (s: ServiceChoice) =>
  !(s.inbound && s.localhostOnly) || (mine.inbound && mine.localhostOnly) || (theirs.inbound && theirs.localhostOnly);

/** A fresh id for yours when both sides added an entry under the same id: "rule-1" → "rule-2". */
function freshId(id: string, taken: ReadonlySet<string>): string {
  const match = /^(.*?)-(\d+)$/.exec(id);
  const stem = (match?.[1] ?? id).slice(0, 24);
  for (let n = match ? Number(match[2]) + 1 : 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

function mergeKeyed<T extends object>(merger: Merger, name: string, keyOf: (x: T) => string, lists: { base: readonly T[]; mine: readonly T[]; theirs: readonly T[] },
  sets: readonly string[], isValid: (x: T) => boolean): T[] {
  const byKey = (list: readonly T[]) => new Map(list.map((x) => [keyOf(x), x]));
  const [b, m, t] = [byKey(lists.base), byKey(lists.mine), byKey(lists.theirs)];
  const out: T[] = [];
  for (const key of new Set([...t.keys(), ...m.keys()])) {
    const merged = merger.entry([name, key], b.get(key), m.get(key), t.get(key), sets, isValid);
    if (merged !== undefined) out.push(merged);
  }
  return out;
}

/** Custom rules and rate limits: an id both sides added for different entries keeps both. */
function mergeIdentified<T extends { id: string }>(merger: Merger, list: MergeRename["list"], lists: { base: readonly T[]; mine: readonly T[]; theirs: readonly T[] },
  sets: readonly string[], isValid: (x: T) => boolean, renamed: MergeRename[]): T[] {
  const baseIds = new Set(lists.base.map((x) => x.id));
  const theirs = new Map(lists.theirs.map((x) => [x.id, x]));
  const taken = new Set([...lists.mine, ...lists.theirs].map((x) => x.id));
  const mine = lists.mine.map((x) => {
    const other = theirs.get(x.id);
    if (baseIds.has(x.id) || !other || isSameValue(x, other)) return x;
    const to = freshId(x.id, taken);
    taken.add(to);
    renamed.push({ list, from: x.id, to });
    return { ...x, id: to };
  });
  return mergeKeyed(merger, list, (x) => x.id, { ...lists, mine }, sets, isValid);
}

/**
 * Source lists merge by id like rate limits; a list one side removed stays while a merged service
 * still references it, so the result never names a list it lacks. Absent when there are none.
 */
function mergeSourceLists(merger: Merger, base: Policy, mine: Policy, theirs: Policy, services: Record<string, ServiceChoice>): Pick<Policy, "sourceLists"> {
  const [b, m, t] = [base.sourceLists ?? [], mine.sourceLists ?? [], theirs.sourceLists ?? []];
  const merged = mergeKeyed(merger, "sourceLists", (l) => l.id, { base: b, mine: m, theirs: t }, [], () => true);
  const have = new Set(merged.map((l) => l.id));
  for (const id of new Set(Object.values(services).flatMap((c) => c.lists ?? []))) {
    const list = have.has(id) ? undefined : (m.find((l) => l.id === id) ?? t.find((l) => l.id === id));
    if (list) merged.push(list);
  }
  return merged.length > 0 ? { sourceLists: merged } : {};
}

/** See the module comment. The result is schema-valid when the three inputs are (list limits aside). */
export function mergePolicies(base: Policy, mine: Policy, theirs: Policy, choices: MergeChoices = {}): MergeResult {
  const merger = new Merger(choices);
  const renamed: MergeRename[] = [];
  const services: Record<string, ServiceChoice> = {};
  for (const id of new Set([...Object.keys(theirs.services), ...Object.keys(mine.services)])) {
    const [m, t] = [mine.services[id], theirs.services[id]];
    const isCoherent = m && t ? coherentService(m, t) : () => true;
    const merged = merger.entry(["services", id], base.services[id], m, t, ["sources"], isCoherent);
    if (merged !== undefined) services[id] = merged;
  }
  const policy: Policy = {
    backend: merger.pick(["backend"], base.backend, mine.backend, theirs.backend),
    inboundDefault: "deny",
    outbound: merger.pick(["outbound"], base.outbound, mine.outbound, theirs.outbound),
    ipv6: merger.pick(["ipv6"], base.ipv6, mine.ipv6, theirs.ipv6),
    services,
    customRules: mergeIdentified(merger, "customRules", { base: base.customRules, mine: mine.customRules, theirs: theirs.customRules },
      ["sources"], (r) => customRuleSchema.safeParse(r).success, renamed),
    blocked: mergeKeyed(merger, "blocked", (e) => e.address, { base: base.blocked, mine: mine.blocked, theirs: theirs.blocked }, [], () => true),
    rateLimits: mergeIdentified(merger, "rateLimits", { base: base.rateLimits, mine: mine.rateLimits, theirs: theirs.rateLimits },
      [], (r) => rateLimitSchema.safeParse(r).success, renamed),
    ...mergeSourceLists(merger, base, mine, theirs, services),
    hardening: {
      eximReverseDns: merger.pick(["hardening", "eximReverseDns"], base.hardening.eximReverseDns, mine.hardening.eximReverseDns, theirs.hardening.eximReverseDns),
    },
  };
  return { policy, conflicts: merger.conflicts, renamed };
}

/** Whether every conflict has a side chosen. */
export function isFullyChosen(conflicts: readonly MergeConflict[], choices: MergeChoices): boolean {
  return conflicts.every((c) => choices[conflictKey(c.path)] !== undefined);
}
