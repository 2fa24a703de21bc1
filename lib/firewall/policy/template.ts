/**
 * Templates: a named policy for one panel that servers follow. A follower's policy is the template
 * revision it last took (its base) plus its own overrides; nothing else is stored. So:
 * - an override is any part of the follower that differs from its base: a service's choice, a
 *   setting, a custom rule, a rate limit or a source list (by id), or the blocked list as a whole;
 * - resetting one gives that part back its base value;
 * - a new template revision reaches a follower by a three-way merge (base = the revision it took,
 *   mine = the follower, theirs = the new revision): what the follower did not override follows
 *   the template, and where both changed the same field the follower's override is kept (and
 *   listed, so the review page can say what the template wanted there).
 * Pure: the data layer (lib/data/templates.ts) reads and stores templates and followers.
 */
import { findService, getCatalog } from "../catalog";
import { describeConflict } from "./merge-labels";
import { isSameValue, mergePolicies, conflictKey, type MergeConflict, type MergeRename } from "./merge";
import { policySchema, type Panel, type Policy, type Server, type ServiceChoice } from "./schema";
import type { OperatingSystem } from "./os";

export type OverrideArea = "setting" | "service" | "customRule" | "rateLimit" | "sourceList" | "blocked";
export type OverrideKind = "changed" | "added" | "removed";

/** One way a follower differs from its template revision. `key` names it for a reset. */
export type TemplateOverride = { key: string; area: OverrideArea; id: string; kind: OverrideKind; label: string; detail: string };

const SETTINGS = {
  backend: "Firewall backend",
  outbound: "Outbound traffic",
  ipv6: "IPv6 filtering",
  eximReverseDns: "Exim reverse DNS check",
} as const;
type SettingId = keyof typeof SETTINGS;

const settingOf = (policy: Policy, id: SettingId): unknown => (id === "eximReverseDns" ? policy.hardening.eximReverseDns : policy[id]);

function withSetting(policy: Policy, id: SettingId, value: unknown): Policy {
  if (id === "eximReverseDns") return { ...policy, hardening: { ...policy.hardening, eximReverseDns: value as Policy["hardening"]["eximReverseDns"] } };
  return { ...policy, [id]: value };
}

/** An entry list keyed by id, compared entry by entry. */
function keyedOverrides<T extends { id: string; label?: string }>(
  area: OverrideArea, prefix: string, noun: string, base: readonly T[], mine: readonly T[],
): TemplateOverride[] {
  const inBase = new Map(base.map((x) => [x.id, x]));
  const inMine = new Map(mine.map((x) => [x.id, x]));
  const out: TemplateOverride[] = [];
  const name = (x: T) => `${noun} ${x.id}${x.label ? ` (${x.label})` : ""}`;
  for (const x of mine) {
    const b = inBase.get(x.id);
    if (!b) out.push({ key: `${prefix}/${x.id}`, area, id: x.id, kind: "added", label: name(x), detail: "added on this server" });
    else if (!isSameValue(b, x)) out.push({ key: `${prefix}/${x.id}`, area, id: x.id, kind: "changed", label: name(x), detail: "changed on this server" });
  }
  for (const b of base) {
    if (!inMine.has(b.id)) out.push({ key: `${prefix}/${b.id}`, area, id: b.id, kind: "removed", label: name(b), detail: "removed on this server" });
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** Equal for the rules: two choices that are both off are the same, whatever flags they keep. */
function sameChoice(a: ServiceChoice | undefined, b: ServiceChoice | undefined): boolean {
  if (!a?.enabled && !b?.enabled) return true;
  return isSameValue(a, b);
}

/**
 * Every way `server` differs from `base` (the template revision it follows), in matrix order:
 * settings, services, custom rules, rate limits, source lists, blocked addresses.
 */
export function templateOverrides(base: Policy, server: Policy, panel: Panel): TemplateOverride[] {
  const out: TemplateOverride[] = [];
  for (const id of Object.keys(SETTINGS) as SettingId[]) {
    if (!isSameValue(settingOf(base, id), settingOf(server, id))) {
      out.push({ key: `setting/${id}`, area: "setting", id, kind: "changed", label: SETTINGS[id], detail: `${String(settingOf(base, id))} in the template, ${String(settingOf(server, id))} here` });
    }
  }
  const catalog = getCatalog(panel);
  for (const id of new Set([...Object.keys(base.services), ...Object.keys(server.services)])) {
    const [b, m] = [base.services[id], server.services[id]];
    if (sameChoice(b, m)) continue;
    const name = findService(catalog, id)?.name ?? id;
    const detail = !b?.enabled ? "on here, off in the template" : !m?.enabled ? "off here, on in the template" : "set differently here";
    out.push({ key: `service/${id}`, area: "service", id, kind: "changed", label: name, detail });
  }
  out.push(...keyedOverrides("customRule", "customRules", "Custom rule", base.customRules, server.customRules));
  out.push(...keyedOverrides("rateLimit", "rateLimits", "Rate limit", base.rateLimits, server.rateLimits));
  out.push(...keyedOverrides("sourceList", "sourceLists", "Source list", base.sourceLists ?? [], server.sourceLists ?? []));
  const inBase = new Map(base.blocked.map((e) => [e.address, e.comment]));
  const inServer = new Set(server.blocked.map((e) => e.address));
  let added = 0;
  let changed = 0;
  for (const e of server.blocked) {
    const comment = inBase.get(e.address);
    if (comment === undefined) added++;
    else if (comment !== e.comment) changed++;
  }
  const removed = base.blocked.filter((e) => !inServer.has(e.address)).length;
  if (added + removed + changed > 0) {
    const detail = [added && `${plural(added, "address", "addresses")} added`, removed && `${plural(removed, "address", "addresses")} removed`, changed && `${plural(changed, "comment")} changed`].filter(Boolean).join(", ");
    out.push({ key: "blocked", area: "blocked", id: "blocked", kind: "changed", label: "Blocked addresses", detail: `${detail} on this server` });
  }
  return out;
}

/** The override keys of one service, for marking its matrix row. */
export const serviceOverrideKey = (id: string) => `service/${id}`;

function replaceById<T extends { id: string }>(list: readonly T[], id: string, entry: T | undefined): T[] {
  const at = list.findIndex((x) => x.id === id);
  if (entry === undefined) return list.filter((x) => x.id !== id);
  if (at < 0) return [...list, entry];
  return list.map((x) => (x.id === id ? entry : x));
}

/** Source lists the services reference and the policy lacks, taken from `from`. */
function withReferencedLists(policy: Policy, from: Policy): Policy {
  const have = new Set((policy.sourceLists ?? []).map((l) => l.id));
  const wanted = new Set(Object.values(policy.services).flatMap((c) => c.lists ?? []));
  const missing = (from.sourceLists ?? []).filter((l) => wanted.has(l.id) && !have.has(l.id));
  return missing.length === 0 ? policy : { ...policy, sourceLists: [...(policy.sourceLists ?? []), ...missing] };
}

/** Drops references to lists the policy no longer has (a reset removed a list only this server had). */
function withoutDanglingLists(policy: Policy): Policy {
  const have = new Set((policy.sourceLists ?? []).map((l) => l.id));
  have.add("admins");
  const services: Record<string, ServiceChoice> = {};
  for (const [id, c] of Object.entries(policy.services)) {
    const lists = c.lists?.filter((l) => have.has(l));
    services[id] = lists && lists.length !== c.lists?.length ? { ...c, lists } : c;
  }
  const next: Policy = { ...policy, services };
  // An empty list of lists is left out, as a profile that never had one (format version 1).
  if (next.sourceLists?.length === 0) delete next.sourceLists;
  return next;
}

/**
 * The follower with one override given back its template value (`key` as `templateOverrides`
 * names it). An unknown key leaves the policy as it is.
 */
export function resetOverride(server: Policy, base: Policy, key: string): Policy {
  const [area, ...rest] = key.split("/");
  const id = rest.join("/");
  switch (area) {
    case "setting":
      return id in SETTINGS ? withSetting(server, id as SettingId, settingOf(base, id as SettingId)) : server;
    case "service": {
      const services = { ...server.services };
      const choice = base.services[id];
      if (choice) services[id] = choice;
      else if (services[id]) services[id] = { ...services[id], enabled: false };
      return withReferencedLists({ ...server, services }, base);
    }
    case "customRules":
      return { ...server, customRules: replaceById(server.customRules, id, base.customRules.find((r) => r.id === id)) };
    case "rateLimits":
      return { ...server, rateLimits: replaceById(server.rateLimits, id, base.rateLimits.find((r) => r.id === id)) };
    case "sourceLists": {
      const lists = replaceById(server.sourceLists ?? [], id, (base.sourceLists ?? []).find((l) => l.id === id));
      return withoutDanglingLists({ ...server, sourceLists: lists });
    }
    case "blocked":
      return { ...server, blocked: base.blocked.map((e) => ({ ...e })) };
    default:
      return server;
  }
}

export const FOLLOW_MODES = ["adopt", "keep"] as const;
export type FollowMode = (typeof FOLLOW_MODES)[number];
export const FOLLOW_MODE_LABELS: Record<FollowMode, string> = {
  adopt: "Take the template's policy (this server's own differences are dropped)",
  keep: "Keep this server's policy (its differences from the template become overrides)",
};

/** The follower's policy once it starts following `template`. */
export function followTemplate(server: Policy, template: Policy, mode: FollowMode): Policy {
  return mode === "adopt" ? structuredClone(template) : server;
}

/** A field where the follower's override was kept although the template changed it too. */
export type KeptOverride = { path: readonly string[]; title: string; server: string; template: string };

export type TemplateUpdate =
  | { ok: true; policy: Policy; kept: KeptOverride[]; renamed: MergeRename[] }
  | { ok: false; message: string };

/**
 * What a follower becomes when the template moves from `base` (the revision it took) to `next`:
 * the three-way merge with its overrides winning every clash. Not ok when the result would not be
 * a valid policy (a list over its limit, say): that follower cannot take this revision as it is.
 */
export function updateFollower(base: Policy, server: Policy, next: Policy, facts: Server): TemplateUpdate {
  const first = mergePolicies(base, server, next);
  const choices = Object.fromEntries(first.conflicts.map((c) => [conflictKey(c.path), "mine" as const]));
  const { policy, conflicts, renamed } = first.conflicts.length > 0 ? mergePolicies(base, server, next, choices) : first;
  const checked = policySchema.safeParse(policy);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { ok: false, message: `Merged with this server's overrides, the policy is not valid (${issue?.path.join(".")}: ${issue?.message}). Reset or change its overrides first.` };
  }
  const kept = conflicts.map((c: MergeConflict) => {
    const text = describeConflict(c, facts);
    return { path: c.path, title: text.title, server: text.mine, template: text.theirs };
  });
  return { ok: true, policy: checked.data, kept, renamed };
}

/**
 * The server a template's own matrix previews: its panel and OS, no addresses, and placeholder
 * administrator sources (documentation addresses, RFC 5737 and RFC 3849) so that services open
 * to "administrator sources" read as each follower will have them, not as closed to everyone.
 */
export function templatePreviewServer(template: { name: string; panel: Panel; os: OperatingSystem }): Server {
  return {
    name: template.name, hostname: "", ipv4: "", ipv6: "", os: template.os, panel: template.panel,
    sshPort: 22, adminSources: ["192.0.2.0/24", "2001:db8::/32"], notes: "",
  };
}
