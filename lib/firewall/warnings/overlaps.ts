/**
 * Entries that contradict, repeat or miss each other: a blocked range swallowing an allowed
 * source, blocked entries inside other blocked entries, custom rules repeating a catalog port,
 * service choices for ids the panel's catalog does not have.
 * Address comparisons go through sorted indexes (network-index.ts), never pairwise.
 */
import { servicePorts, type Protocol } from "../policy/resolve";
import type { CustomRule } from "../policy/schema";
import type { Context } from "./context";
import { coveredEntries, findOverlapping, indexedNetworks } from "./network-index";
import type { Warning } from "./types";

const MAX_LISTED = 20;

function listed(items: string[]): string {
  return items.length <= MAX_LISTED ? items.join("; ") : `${items.slice(0, MAX_LISTED).join("; ")} and ${items.length - MAX_LISTED} more`;
}

/** Allowed sources of enabled services and custom rules (administrator addresses have their own, critical check). */
export function checkBlockedAllowed(ctx: Context): Warning[] {
  if (ctx.blockedIndex.size === 0) return [];
  const admin = new Set(ctx.server.adminSources);
  const hits: string[] = [];
  const entries = new Set<string>();
  const checked = new Set<readonly string[]>();
  for (const rule of ctx.rules.inbound) {
    const owner = ctx.ownerOf(rule);
    if (owner?.access !== "list" || checked.has(owner.sources)) continue;
    checked.add(owner.sources);
    const index = ctx.sourceIndex(rule);
    if (index === "anyone") continue;
    for (const net of indexedNetworks(index)) {
      const blocked = !admin.has(net.text) && ctx.isFiltered(net) ? findOverlapping(ctx.blockedIndex, net) : undefined;
      if (!blocked) continue;
      hits.push(`${net.text} (${rule.label}) in ${blocked.text}`);
      entries.add(net.text).add(blocked.text);
    }
  }
  if (hits.length === 0) return [];
  return [{
    id: "blocked-overlaps-allowed",
    severity: "info",
    title: "Blocked entries cover addresses you allow",
    explanation: `Some allowed sources fall inside blocked entries: ${listed(hits)}. Backends disagree on which wins (nftables and iptables drop blocked addresses first; CSF and APF let allow entries win), so the result depends on the backend.`,
    remediation: "Remove the address from one of the two lists, or narrow the blocked range so it no longer includes it.",
    concerns: { entries: [...entries].slice(0, MAX_LISTED * 2) },
  }];
}

export function checkBlockedRedundant(ctx: Context): Warning[] {
  const covered = coveredEntries(ctx.blockedIndex);
  if (covered.length === 0) return [];
  const pairs = covered.map(({ inner, outer }) => (inner.text === outer.text ? `${inner.text} (listed twice)` : `${inner.text} in ${outer.text}`));
  return [{
    id: "blocked-redundant",
    severity: "info",
    title: `${covered.length} blocked ${covered.length === 1 ? "entry is" : "entries are"} already covered by another`,
    explanation: `These entries change nothing because a wider (or identical) entry already blocks them: ${listed(pairs)}.`,
    remediation: "Remove the covered entries to keep the list short; large lists cost memory and load time on some backends.",
    concerns: { entries: covered.slice(0, MAX_LISTED).map((c) => c.inner.text) },
  }];
}

function protocolsOf(rule: { tcp: boolean; udp: boolean }): Protocol[] {
  return [...(rule.tcp ? (["tcp"] as const) : []), ...(rule.udp ? (["udp"] as const) : [])];
}

function duplicatedServices(ctx: Context, rule: CustomRule): { id: string; name: string; enabled: boolean }[] {
  const protocols = protocolsOf(rule);
  return ctx.catalog.services.flatMap((service) => {
    const choice = ctx.choice(service.id);
    const ports = servicePorts(service, choice, ctx.server.sshPort);
    if (ports.from > rule.ports.to || rule.ports.from > ports.to) return [];
    const sameProtocol = protocols.some((p) => (p === "tcp" ? service.defaults.tcp : service.defaults.udp));
    const sameDirection = rule.direction === "inbound" ? service.defaults.inbound : service.defaults.outbound;
    if (!sameProtocol || !sameDirection) return [];
    const enabled = choice?.enabled === true && (rule.direction === "inbound" ? choice.inbound && !choice.localhostOnly : choice.outbound);
    return [{ id: service.id, name: service.name, enabled }];
  });
}

export function checkCustomDuplicates(ctx: Context): Warning[] {
  return ctx.policy.customRules.flatMap((rule) => {
    const dupes = duplicatedServices(ctx, rule);
    if (dupes.length === 0) return [];
    const names = dupes.map((d) => d.name).join(", ");
    const allOn = dupes.every((d) => d.enabled);
    return [{
      id: `custom-duplicates:${rule.id}`,
      severity: "info" as const,
      title: `Custom rule "${rule.label || rule.id}" repeats a port from the service list`,
      explanation: allOn
        ? `It opens the same port as ${names}, which is already switched on. The custom rule adds nothing, unless its sources differ, in which case the wider of the two applies.`
        : `It covers the port of ${names}. Using the service row instead keeps the warnings and the generated comments accurate.`,
      remediation: allOn ? "Delete the custom rule, or adjust the service's sources instead." : `Switch on ${names} in the service list and delete the custom rule.`,
      concerns: { services: dupes.map((d) => d.id), entries: [rule.id], ports: protocolsOf(rule).map((p) => ({ ...rule.ports, protocol: p })) },
    }];
  });
}

/** Choices for ids outside the catalog (e.g. a cPanel profile imported as froxlor) are ignored by the resolver. */
export function checkUnknownServices(ctx: Context): Warning[] {
  return Object.entries(ctx.policy.services)
    .filter(([id, choice]) => choice.enabled && !ctx.service(id))
    .map(([id]) => ({
      id: `unknown-service:${id}`,
      severity: "warning" as const,
      title: `"${id}" is not a ${ctx.catalog.label} service and has no effect`,
      explanation: `The profile switches on "${id}", but the ${ctx.catalog.label} catalog has no service with that id, so no rule is written for it. This happens when a profile is copied from another panel.`,
      remediation: "Switch on the matching service of this panel's list, or add a custom rule for the port.",
      concerns: { services: [id] },
    }));
}
