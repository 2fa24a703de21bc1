/**
 * Named source lists: services name a list (a vendor's scanners, a filtered AWS range, the
 * administrators' addresses) instead of carrying its addresses. Resolution expands the names into
 * addresses once, before anything renders or assesses, so rule files and warnings read exactly what
 * the same addresses typed by hand would give; only the matrix and the report keep the names.
 */
import { WEBPROS_SEO_SCANNERS } from "../catalog/presets";
import { ADMIN_LIST_ID, type Policy, type ProfileDocument, type ServiceChoice, type SourceList } from "../policy/schema";

export const ADMIN_LIST_LABEL = "Administrators' addresses";

/** A named list as the matrix and the report show it. */
export type ListReference = { id: string; label: string; count: number };

/** The WebPros SEO scanner preset as a source list (its addresses are copied into the profile). */
export function webprosSourceList(): SourceList {
  return { id: WEBPROS_SEO_SCANNERS.id, label: WEBPROS_SEO_SCANNERS.label, origin: "webpros-seo", addresses: [...WEBPROS_SEO_SCANNERS.addresses] };
}

/** The addresses behind each reference id of a profile, "admins" included. */
export function listAddresses(policy: Pick<Policy, "sourceLists">, adminSources: readonly string[]): Map<string, readonly string[]> {
  const map = new Map<string, readonly string[]>([[ADMIN_LIST_ID, adminSources]]);
  for (const list of policy.sourceLists ?? []) map.set(list.id, list.addresses);
  return map;
}

/** The references of one service, named and counted; an unknown id (never valid after parsing) is skipped. */
export function describeReferences(ids: readonly string[] | undefined, policy: Pick<Policy, "sourceLists">, adminSources: readonly string[]): ListReference[] {
  const lists = new Map((policy.sourceLists ?? []).map((l) => [l.id, l]));
  return (ids ?? []).flatMap((id) => {
    if (id === ADMIN_LIST_ID) return [{ id, label: ADMIN_LIST_LABEL, count: adminSources.length }];
    const list = lists.get(id);
    return list ? [{ id, label: list.label, count: list.addresses.length }] : [];
  });
}

/** "WebPros SEO scanner (8)", then the addresses typed for the service: how a report names its sources. */
export function namedSources(choice: Pick<ServiceChoice, "lists" | "sources">, policy: Pick<Policy, "sourceLists">, adminSources: readonly string[]): string[] {
  return [...describeReferences(choice.lists, policy, adminSources).map((r) => `${r.label} (${r.count})`), ...choice.sources];
}

/** The addresses a service allows: its referenced lists (in order), then its own, without repeats. */
export function expandChoice<T extends Pick<ServiceChoice, "lists" | "sources">>(choice: T, lists: ReadonlyMap<string, readonly string[]>): Omit<T, "lists"> {
  const { lists: refs, ...rest } = choice;
  if (!refs || refs.length === 0) return rest;
  const sources = [...new Set([...refs.flatMap((id) => lists.get(id) ?? []), ...choice.sources])];
  return { ...rest, sources };
}

/**
 * The same profile with every reference replaced by its addresses: no service keeps `lists`, and
 * the result renders and assesses exactly like the profile. Idempotent; a profile without
 * references comes back unchanged (the same object).
 */
export function expandSourceReferences(doc: ProfileDocument): ProfileDocument {
  const { policy } = doc;
  if (!Object.values(policy.services).some((c) => c.lists !== undefined)) return doc;
  const lists = listAddresses(policy, doc.server.adminSources);
  const services = Object.fromEntries(Object.entries(policy.services).map(([id, c]) => [id, expandChoice(c, lists)]));
  return { ...doc, policy: { ...policy, services } };
}
