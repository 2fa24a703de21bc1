/**
 * Can the administrators still get in? Lockout checks for SSH and WHM, blocked admin addresses,
 * and services restricted to a source list that is empty.
 */
import type { Network } from "../address";
import type { Rule } from "../policy/resolve";
import { concernsOf, portText, subjectOf, type Context } from "./context";
import { findContaining, findOverlapping } from "./network-index";
import type { Warning } from "./types";

function reaches(ctx: Context, rule: Rule, net: Network): boolean {
  const index = ctx.sourceIndex(rule);
  return index === "anyone" || findContaining(index, net) !== undefined;
}

function hasAnySource(ctx: Context, rule: Rule): boolean {
  const list = ctx.sourceList(rule);
  return list === "anyone" || list.length > 0;
}

type Door = { id: string; name: string; port: number; serviceId: string };

function lockout(ctx: Context, door: Door): Warning[] {
  const rules = ctx.inboundCovering(door.port, "tcp");
  const where = portText(door.port, door.port, "tcp");
  const base = {
    id: `lockout-${door.id}`,
    severity: "critical" as const,
    title: `${door.name} would be unreachable: you could lock yourself out`,
    concerns: { services: [door.serviceId], ports: [{ from: door.port, to: door.port, protocol: "tcp" as const }] },
  };
  if (ctx.adminNetworks.length === 0) {
    if (rules.some((r) => hasAnySource(ctx, r))) return [];
    const why = rules.length === 0
      ? `No rule lets connections to ${where} in.`
      : `${door.name} is limited to administrator addresses or a source list, and nobody is in it (the server profile lists no administrator addresses).`;
    return [{
      ...base,
      explanation: `${why} Once these rules are active, the only way back in is the provider's console.`,
      remediation: `Add your administrator addresses to the server profile, or open ${door.name} (${where}) to anyone until they are known.`,
    }];
  }
  const stranded = ctx.adminNetworks.filter((net) => ctx.isFiltered(net) && !rules.some((r) => reaches(ctx, r, net)));
  if (stranded.length === 0) return [];
  const names = stranded.map((n) => n.text);
  return [{
    ...base,
    explanation: `From ${names.join(", ")} there is no rule that lets connections to ${where} in. An administrator working from there loses access once these rules are active.`,
    remediation: `Turn ${door.name} on with access "Admins only" (or add those addresses to its source list), and keep console access ready when applying.`,
    concerns: { ...base.concerns, entries: names },
  }];
}

export function checkLockout(ctx: Context): Warning[] {
  const ssh = ctx.catalog.services.find((s) => s.isSsh);
  const doors: Door[] = [{ id: "ssh", name: "SSH", port: ctx.server.sshPort, serviceId: ssh?.id ?? "ssh" }];
  if (ctx.server.panel === "cpanel") doors.push({ id: "whm", name: "WHM", port: 2087, serviceId: "whm-ssl" });
  return doors.flatMap((door) => lockout(ctx, door));
}

export function checkAdminBlocked(ctx: Context): Warning[] {
  if (ctx.blockedIndex.size === 0) return [];
  const hits: string[] = [];
  for (const net of ctx.adminNetworks.filter((n) => ctx.isFiltered(n))) {
    const blocked = findOverlapping(ctx.blockedIndex, net);
    if (blocked) hits.push(net.text, blocked.text);
  }
  if (hits.length === 0) return [];
  return [{
    id: "admin-blocked",
    severity: "critical",
    title: "An administrator address is on the blocked list",
    explanation: `The blocked list covers administrator addresses (${pairs(hits)}). Most firewalls drop blocked addresses before any allow rule, so those administrators would be locked out.`,
    remediation: "Remove or narrow the blocked entry, or correct the administrator address in the server profile.",
    concerns: { entries: [...new Set(hits)] },
  }];
}

function pairs(hits: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < hits.length; i += 2) out.push(`${hits[i]} in ${hits[i + 1]}`);
  return out.join("; ");
}

/**
 * SSH and WHM reachable by the whole internet: allowed, but worth restricting. With administrator
 * sources on record it is a warning, since limiting the login to them costs nothing.
 */
export function checkAdminExposure(ctx: Context): Warning[] {
  const doors = [{ id: "ssh", name: "SSH", port: ctx.server.sshPort }];
  if (ctx.server.panel === "cpanel") doors.push({ id: "whm", name: "WHM", port: 2087 });
  const hasAdmins = ctx.adminNetworks.length > 0;
  return doors
    .filter((d) => ctx.inboundCovering(d.port, "tcp").some((r) => r.sources === "anyone"))
    .map((d) => ({
      id: `restrict-admin:${d.id}`,
      severity: hasAdmins ? ("warning" as const) : ("info" as const),
      title: `${d.name} is open to the whole internet`,
      explanation: `Anyone can reach the ${d.name} login on port ${d.port} and try passwords. Brute-force protection helps, but fewer attempts reach it when only known addresses may connect.`,
      remediation: hasAdmins
        ? `Set ${d.name} to "Admins only" so that only the administrator addresses of the server profile can connect.`
        : `Add your administrator addresses (office, VPN) to the server profile, then set ${d.name} to "Admins only".`,
      concerns: { ports: [{ from: d.port, to: d.port, protocol: "tcp" as const }] },
    }));
}

/** A rule restricted to a source list that is empty admits nobody. SSH and WHM are left to the lockout check. */
export function checkEmptySources(ctx: Context): Warning[] {
  const seen = new Set<string>();
  const out: Warning[] = [];
  for (const rule of ctx.rules.inbound) {
    const { kind, id } = rule.origin;
    const subject = subjectOf(rule);
    if (seen.has(subject) || hasAnySource(ctx, rule)) continue;
    if (kind === "service" && (ctx.service(id)?.isSsh || id === "whm-ssl")) continue;
    seen.add(subject);
    const viaAdmins = ctx.ownerOf(rule)?.access === "admins";
    out.push({
      id: `no-sources:${subject}`,
      severity: "warning",
      title: `${rule.label} is switched on but nobody may connect`,
      explanation: viaAdmins
        ? `${rule.label} is limited to administrator addresses, and the server profile lists none.`
        : `${rule.label} is limited to a list of addresses, and the list is empty.`,
      remediation: viaAdmins
        ? "Add administrator addresses to the server profile, or choose another access setting."
        : "Add the addresses that should connect, or switch the service off if nobody needs it.",
      concerns: concernsOf(rule),
    });
  }
  return out;
}
