/**
 * IPv4/IPv6 parity: a family left unfiltered, or restrictions written for one family only while
 * the firewall filters both (the other family is then closed, or never blocked).
 */
import { familyOf, type Family } from "../address";
import { concernsOf, subjectOf, type Context } from "./context";
import type { Warning } from "./types";

const FAMILY_NAME: Record<Family, string> = { ipv4: "IPv4", ipv6: "IPv6" };
const OTHER: Record<Family, Family> = { ipv4: "ipv6", ipv6: "ipv4" };

/** The single family of a non-empty list, or undefined when it is empty or mixed. */
function onlyFamily(list: readonly string[]): Family | undefined {
  if (list.length === 0) return undefined;
  const first = familyOf(list[0]!);
  return list.every((s) => familyOf(s) === first) ? first : undefined;
}

export function checkIpv6Filtering(ctx: Context): Warning[] {
  if (ctx.policy.ipv6) return [];
  const out: Warning[] = [];
  if (ctx.server.ipv6 !== "") {
    out.push({
      id: "ipv6-unfiltered",
      severity: "warning",
      title: "IPv6 is not filtered, but the server has an IPv6 address",
      explanation: `The server answers on ${ctx.server.ipv6}, and with IPv6 filtering off every port is reachable over IPv6, whatever the IPv4 rules say.`,
      remediation: "Turn IPv6 filtering on; the same port choices then apply to both address families.",
      concerns: { entries: [ctx.server.ipv6] },
    });
  } else {
    out.push({
      id: "ipv6-off",
      severity: "info",
      title: "IPv6 is not filtered",
      explanation: "No IPv6 address is recorded for this server. If it has or later gets one (many providers assign it automatically), every port is open over IPv6.",
      remediation: "Turn IPv6 filtering on; it costs nothing when the server has no IPv6 address.",
      concerns: {},
    });
  }
  const v6Entries = [
    ...ctx.server.adminSources.filter((s) => familyOf(s) === "ipv6"),
    ...ctx.rules.inbound.flatMap((r) => (r.sources === "anyone" ? [] : r.sources.v6)),
  ];
  const blockedV6 = ctx.blockedIndex.v6.texts.length;
  if (v6Entries.length > 0 || blockedV6 > 0) {
    out.push({
      id: "ipv6-entries-ignored",
      severity: "info",
      title: "IPv6 addresses in this profile have no effect",
      explanation: `With IPv6 filtering off, the IPv6 sources${blockedV6 > 0 ? ` and ${blockedV6} blocked IPv6 entries` : ""} are not turned into rules.`,
      remediation: "Turn IPv6 filtering on for them to apply.",
      concerns: { entries: [...new Set(v6Entries)].slice(0, 20) },
    });
  }
  return out;
}

export function checkSingleFamilyRestrictions(ctx: Context): Warning[] {
  if (!ctx.policy.ipv6) return [];
  const out: Warning[] = [];
  const adminFamily = onlyFamily(ctx.server.adminSources);
  const adminRules = ctx.rules.inbound.filter((r) => ctx.ownerOf(r)?.access === "admins");
  if (adminFamily && adminRules.length > 0) {
    const other = FAMILY_NAME[OTHER[adminFamily]];
    const labels = [...new Set(adminRules.map((r) => r.label))];
    out.push({
      id: "admins-one-family",
      severity: "warning",
      title: `Administrator access is closed over ${other}`,
      explanation: `All administrator addresses are ${FAMILY_NAME[adminFamily]}, so the admin-only services (${labels.join(", ")}) accept no ${other} connections. An administrator whose connection prefers ${other} will time out.`,
      remediation: `Add the administrators' ${other} addresses or networks to the server profile, or make sure they connect over ${FAMILY_NAME[adminFamily]}.`,
      concerns: { services: serviceIds(adminRules) },
    });
  }
  const seen = new Set<string>();
  for (const rule of ctx.rules.inbound) {
    const owner = ctx.ownerOf(rule);
    const subject = subjectOf(rule);
    if (owner?.access !== "list" || seen.has(subject)) continue;
    seen.add(subject);
    const family = onlyFamily(owner.sources);
    if (!family) continue;
    const other = FAMILY_NAME[OTHER[family]];
    out.push({
      id: `sources-one-family:${subject}`,
      severity: "warning",
      title: `${rule.label} accepts no ${other} connections`,
      explanation: `Its source list has only ${FAMILY_NAME[family]} entries. Because IPv6 is filtered too, nobody can reach ${rule.label} over ${other}.`,
      remediation: `If the clients also use ${other}, add their ${other} addresses; otherwise nothing to do.`,
      concerns: concernsOf(rule),
    });
  }
  return [...out, ...checkBlockedFamily(ctx)];
}

/** Blocking whole IPv4 networks of an organisation usually means its IPv6 networks should go too. */
function checkBlockedFamily(ctx: Context): Warning[] {
  const { v4, v6 } = ctx.blockedIndex;
  const only = v4.texts.length > 0 && v6.texts.length === 0 ? "ipv4" : v6.texts.length > 0 && v4.texts.length === 0 ? "ipv6" : undefined;
  if (!only) return [];
  // Canonical texts leave a full-length prefix out: a "/" is a network wider than one address.
  const networks = ctx.blockedIndex[only === "ipv4" ? "v4" : "v6"].texts.filter((t) => t.includes("/"));
  if (networks.length === 0) return [];
  const other = FAMILY_NAME[OTHER[only]];
  return [{
    id: "blocked-one-family",
    severity: "info",
    title: `Blocked networks are all ${FAMILY_NAME[only]}`,
    explanation: `The blocked list holds ${FAMILY_NAME[only]} networks only. If they belong to a provider or organisation you want to keep out, it can still reach the server over ${other}.`,
    remediation: `Add that organisation's ${other} ranges to the blocked list as well.`,
    concerns: { entries: networks.slice(0, 20) },
  }];
}

function serviceIds(rules: Context["rules"]["inbound"]): string[] {
  return [...new Set(rules.filter((r) => r.origin.kind === "service").map((r) => r.origin.id))];
}
