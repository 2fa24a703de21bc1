import type { CatalogService } from "@/lib/firewall/catalog/types";
import type { Policy } from "@/lib/firewall/policy/schema";
import type { Warning } from "@/lib/firewall/warnings/types";

/** Something on the matrix page a warning is about: `anchor` is the id of its row or section. */
export type ConcernTarget = { anchor: string; label: string };

const MAX_TARGETS = 8;

/**
 * The matrix rows and sections a warning concerns, in the warning's order, without repeats.
 * Addresses point at the blocked list when they are blocked entries; other addresses (the
 * server's own or its administrator sources) belong to the server's details, not the matrix.
 */
export function concernTargets(warning: Warning, policy: Policy, services: ReadonlyMap<string, CatalogService>): ConcernTarget[] {
  const targets = new Map<string, ConcernTarget>();
  const add = (anchor: string, label: string) => {
    if (!targets.has(anchor)) targets.set(anchor, { anchor, label });
  };
  for (const id of warning.concerns.services ?? []) {
    const service = services.get(id);
    if (service) add(`svc-${id}`, service.name);
  }
  const blocked = new Set(policy.blocked.map((b) => b.address));
  for (const entry of warning.concerns.entries ?? []) {
    const rule = policy.customRules.find((r) => r.id === entry);
    const limit = policy.rateLimits.find((r) => r.id === entry);
    if (rule) add(`custom-${rule.id}`, `Custom rule ${rule.label || rule.id}`);
    else if (limit) add(`rate-${limit.id}`, `Rate limit ${limit.label || limit.id}`);
    else if (blocked.has(entry)) add("blocked", "Blocked addresses");
  }
  if (targets.size === 0) {
    for (const port of warning.concerns.ports ?? []) {
      for (const service of services.values()) {
        if (service.port.from <= port.from && port.to <= service.port.to) add(`svc-${service.id}`, service.name);
      }
    }
  }
  return [...targets.values()].slice(0, MAX_TARGETS);
}
