/**
 * A hosting server's roles: web, mail, DNS and the panel's logins. Closing every way in to a
 * role's core port takes the role off the internet (one untick of the Web group closes every
 * website), so it is said out loud, even when nothing else is wrong with the profile.
 */
import { portText, type Context } from "./context";
import type { Warning } from "./types";

type Role = { id: string; name: string; what: string; core: readonly string[] };

/** Catalog ids of each role's core services: without them the role does not work for anyone. */
const ROLES: readonly Role[] = [
  { id: "web", name: "Web", what: "visitors cannot reach the websites on this server", core: ["http", "https"] },
  { id: "mail", name: "Mail", what: "mail from other servers and from mail programs no longer arrives", core: ["smtp", "submission", "imaps"] },
  { id: "dns", name: "DNS", what: "the domains this server is name server for stop resolving", core: ["dns"] },
  { id: "panel", name: "Panel logins", what: "customers cannot log in to cPanel or webmail", core: ["cpanel-ssl", "webmail-ssl"] },
];

/**
 * The roles the server has are those whose core services the panel's catalog starts open
 * (a froxlor server does not start as a name server, a cPanel server does). A core service is
 * closed when no inbound rule lets its port in at all: one limited to some sources is not closed.
 */
export function checkRolesClosed(ctx: Context): Warning[] {
  return ROLES.flatMap((role) => {
    const core = role.core.flatMap((id) => {
      const service = ctx.service(id);
      return service && service.defaults.enabled && service.defaults.inbound && !service.defaults.localhostOnly ? [service] : [];
    });
    const closed = core.filter((s) => ctx.inboundCovering(s.port.from).length === 0);
    if (closed.length === 0) return [];
    const names = closed.map((s) => `${s.name} ${portText(s.port.from, s.port.to)}`);
    const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
    return [{
      id: `role-closed:${role.id}`,
      severity: "warning" as const,
      title: `${role.name}: ${list} ${closed.length === 1 ? "is" : "are"} closed`,
      explanation: `With ${list} closed to everyone, ${role.what}.`,
      remediation: `Tick ${closed.map((s) => s.name).join(" and ")} (inbound) again, or acknowledge this if the server really no longer does this job.`,
      concerns: { services: closed.map((s) => s.id), ports: closed.map((s) => ({ from: s.port.from, to: s.port.to })) },
    }];
  });
}
