import type { RateLimit, SourceList } from "@/lib/firewall/policy/schema";
import type { CustomRuleDraft, MatrixDraft, RateLimitDraft, ServiceDraft } from "@/lib/validations/matrix-draft";
import { freeId, nextUid, rateLimitDraft } from "./draft";

export type Settings = Pick<MatrixDraft, "backend" | "outbound" | "ipv6" | "eximReverseDns">;

export type DraftAction =
  | { type: "service"; id: string; patch: Partial<ServiceDraft> }
  | { type: "services-enabled"; ids: readonly string[]; enabled: boolean }
  | { type: "settings"; patch: Partial<Settings> }
  | { type: "custom-add" }
  | { type: "custom-update"; uid: string; patch: Partial<CustomRuleDraft> }
  | { type: "custom-remove"; uid: string }
  | { type: "blocked"; text: string }
  | { type: "rate-add"; limits?: readonly RateLimit[] }
  | { type: "rate-update"; uid: string; patch: Partial<RateLimitDraft> }
  | { type: "rate-remove"; uid: string }
  /** Reference a named list from a service; `list` is added to the profile unless it holds that id already. */
  | { type: "list-add"; serviceId: string; ref: string; list?: SourceList }
  | { type: "list-remove"; serviceId: string; ref: string }
  | { type: "reset"; draft: MatrixDraft };

/**
 * Opening a port inbound and keeping it on localhost are opposites: ticking one clears the other,
 * so the matrix never shows a tick the rule files would ignore. Ticking a direction of a service
 * that is off switches it on: that is what the tick asks for.
 */
function servicePatch(current: ServiceDraft, patch: Partial<ServiceDraft>): ServiceDraft {
  const next = { ...current, ...patch };
  if (patch.inbound === true || patch.outbound === true || patch.localhostOnly === true) next.enabled = true;
  if (patch.inbound === true) next.localhostOnly = false;
  if (patch.localhostOnly === true) next.inbound = false;
  return next;
}

function updateWhere<T extends { uid: string }>(list: T[], uid: string, patch: Partial<T>): T[] {
  return list.map((item) => (item.uid === uid ? { ...item, ...patch } : item));
}

function withLists(draft: MatrixDraft, serviceId: string, lists: string[]): MatrixDraft {
  const current = draft.services[serviceId];
  if (!current) return draft;
  const services = { ...draft.services, [serviceId]: { ...current, lists } };
  // A list no service references any more leaves the profile with its last chip.
  const used = new Set(Object.values(services).flatMap((s) => s.lists ?? []));
  return { ...draft, services, sourceLists: draft.sourceLists.filter((l) => used.has(l.id)) };
}

/** Every change returns a new draft that shares the untouched rows, so memoised rows skip rendering. */
export function draftReducer(draft: MatrixDraft, action: DraftAction): MatrixDraft {
  switch (action.type) {
    case "service": {
      const current = draft.services[action.id];
      if (!current) return draft;
      return { ...draft, services: { ...draft.services, [action.id]: servicePatch(current, action.patch) } };
    }
    case "services-enabled": {
      const services = { ...draft.services };
      for (const id of action.ids) {
        const current = services[id];
        if (current && current.enabled !== action.enabled) services[id] = { ...current, enabled: action.enabled };
      }
      return { ...draft, services };
    }
    case "settings":
      return { ...draft, ...action.patch };
    case "custom-add": {
      const rule: CustomRuleDraft = {
        uid: nextUid("c"), id: freeId("rule", draft.customRules), label: "", portsText: "",
        tcp: true, udp: false, direction: "inbound", access: "anyone", sourcesText: "",
      };
      return { ...draft, customRules: [...draft.customRules, rule] };
    }
    case "custom-update":
      return { ...draft, customRules: updateWhere(draft.customRules, action.uid, action.patch) };
    case "custom-remove":
      return { ...draft, customRules: draft.customRules.filter((r) => r.uid !== action.uid) };
    case "blocked":
      return { ...draft, blockedText: action.text };
    case "rate-add": {
      if (!action.limits) {
        const limit: RateLimitDraft = {
          uid: nextUid("r"), id: freeId("limit", draft.rateLimits), label: "", portsText: "",
          protocol: "tcp", countText: "", secondsText: "", concurrentText: "",
        };
        return { ...draft, rateLimits: [...draft.rateLimits, limit] };
      }
      // A preset replaces an entry with the same id instead of adding a duplicate.
      const ids = new Set(action.limits.map((l) => l.id));
      return { ...draft, rateLimits: [...draft.rateLimits.filter((r) => !ids.has(r.id)), ...action.limits.map((l) => rateLimitDraft(l))] };
    }
    case "rate-update":
      return { ...draft, rateLimits: updateWhere(draft.rateLimits, action.uid, action.patch) };
    case "rate-remove":
      return { ...draft, rateLimits: draft.rateLimits.filter((r) => r.uid !== action.uid) };
    case "list-add": {
      const refs = draft.services[action.serviceId]?.lists ?? [];
      const next = withLists(draft, action.serviceId, refs.includes(action.ref) ? refs : [...refs, action.ref]);
      const { list } = action;
      return list && !next.sourceLists.some((l) => l.id === list.id) ? { ...next, sourceLists: [...next.sourceLists, list] } : next;
    }
    case "list-remove":
      return withLists(draft, action.serviceId, (draft.services[action.serviceId]?.lists ?? []).filter((r) => r !== action.ref));
    case "reset":
      return action.draft;
  }
}
