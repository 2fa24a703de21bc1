/**
 * What the profile exposes: local-only daemons opened to the network, plaintext logins with a
 * TLS twin, MySQL to the world, FTP without its passive range, and cPanel's license callback.
 */
import { LICENSE_CALLBACK_PORTS } from "../catalog";
import type { CatalogService } from "../catalog/types";
import type { Protocol } from "../policy/resolve";
import { portText, type Context } from "./context";
import type { PortConcern, Warning } from "./types";

function portConcern(service: CatalogService, protocol: Protocol = "tcp"): PortConcern {
  return { from: service.port.from, to: service.port.to, protocol };
}

export function checkLocalOnlyExposed(ctx: Context): Warning[] {
  return ctx.catalog.services
    .filter((s) => s.defaults.localhostOnly)
    .flatMap((service) => {
      const rules = ctx.inboundCovering(service.port.from);
      if (rules.length === 0) return [];
      const protocols = [...new Set(rules.map((r) => r.protocol))];
      return [{
        id: `localhost-exposed:${service.id}`,
        severity: "critical" as const,
        title: `${service.name} (port ${service.port.from}) is opened to the network`,
        explanation: `${service.name} only ever needs connections from the server itself. Opening port ${service.port.from} inbound lets outsiders talk to an internal daemon that was never meant to face the internet.`,
        remediation: `Set ${service.name} back to "localhost only"${rules.some((r) => r.origin.kind === "custom") ? " and remove the custom rule that opens its port" : ""}.`,
        concerns: { services: [service.id], ports: protocols.map((p) => portConcern(service, p)) },
      }];
    });
}

/** Port 80 stays open on almost every web host (redirects, certificate validation): info only. */
const PLAINTEXT_INFO_ONLY = new Set(["http"]);

export function checkPlaintext(ctx: Context): Warning[] {
  return ctx.catalog.services
    .filter((s) => s.secureTwin && s.id !== "caldav" && ctx.inboundOf(s.id).length > 0)
    .map((service) => {
      const twin = ctx.service(service.secureTwin!);
      const twinName = !twin ? service.secureTwin! : twin.isSsh ? `SFTP over SSH (${ctx.server.sshPort})` : `${twin.name} (${portText(twin.port.from, twin.port.to)})`;
      const twinOpen = twin ? ctx.inboundOf(twin.id).length > 0 : false;
      const infoOnly = PLAINTEXT_INFO_ONLY.has(service.id);
      return {
        id: `plaintext:${service.id}`,
        severity: infoOnly ? ("info" as const) : ("warning" as const),
        title: infoOnly
          ? `${service.name} is unencrypted: make sites redirect to ${twinName}`
          : `${service.name} sends passwords and data unencrypted; ${twinName} is the secure alternative`,
        explanation: infoOnly
          ? `Port ${service.port.from} carries no encryption. It is still needed to redirect visitors to HTTPS and to validate certificates, so keep it open but make every site redirect to ${twinName}.`
          : `Anyone on the network path can read what ${service.name} (port ${service.port.from}) carries, including login names and passwords. ${twinName} offers the same service over an encrypted connection.`,
        remediation: infoOnly
          ? `Turn on the redirect to HTTPS for every site.`
          : `Move users to ${twinName}${twinOpen ? "" : ", which is switched off in this profile: switch it on"}, then switch ${service.name} off.`,
        concerns: { services: twin ? [service.id, twin.id] : [service.id], ports: [portConcern(service)] },
      };
    });
}

export function checkCaldavInsecure(ctx: Context): Warning[] {
  const caldav = ctx.service("caldav");
  if (!caldav || ctx.inboundOf("caldav").length === 0) return [];
  return [{
    id: "caldav-insecure",
    severity: "warning",
    title: "CalDAV/CardDAV on port 2079 is unencrypted",
    explanation: "Calendar and address-book clients send the mailbox password with every sync. On port 2079 it travels in clear text, and phones often sync over public Wi-Fi.",
    remediation: "Configure clients for port 2080 (CalDAV and CardDAV over TLS), switch 2080 on and 2079 off.",
    concerns: { services: ["caldav", "caldav-ssl"], ports: [portConcern(caldav)] },
  }];
}

export function checkMysqlOpen(ctx: Context): Warning[] {
  const open = ctx.inboundCovering(3306, "tcp").filter((r) => r.sources === "anyone");
  if (open.length === 0) return [];
  return [{
    id: "mysql-open",
    severity: "warning",
    title: "MySQL (3306) is open to the whole internet",
    explanation: "Database logins become a target for password guessing, and any weak or default database password is one step from the data. Sites on this server connect locally and do not need port 3306.",
    remediation: "Limit MySQL to the addresses of the application servers that need it (access: list of addresses), or switch it off.",
    concerns: { services: ["mysql"], ports: [{ from: 3306, to: 3306, protocol: "tcp" }] },
  }];
}

export function checkFtpPassive(ctx: Context): Warning[] {
  if (ctx.inboundCovering(21, "tcp").length === 0) return [];
  const passive = ctx.rules.inbound.some((r) => r.protocol === "tcp" && r.ports.some((p) => p.from >= 1024 && p.to > p.from));
  if (passive) return [];
  return [{
    id: "ftp-no-passive",
    severity: "warning",
    title: "FTP is open without a passive port range",
    explanation: "FTP clients log in on port 21, then open a second connection for every listing and transfer. Nearly all use passive mode, which needs the FTP server's passive port range open; without it logins work but transfers hang.",
    remediation: "Switch on the FTP passive range and make it match the FTP server's setting (PassivePortRange in Pure-FTPd, PassivePorts in ProFTPD).",
    concerns: { services: ["ftp", "ftp-passive"], ports: [{ from: 21, to: 21, protocol: "tcp" }] },
  }];
}

export function checkLicenseCallback(ctx: Context): Warning[] {
  if (ctx.server.panel !== "cpanel") return [];
  const reachable = LICENSE_CALLBACK_PORTS.some((p) => ctx.inboundCovering(p, "tcp").some((r) => r.sources === "anyone"));
  if (reachable) return [];
  const restricted = LICENSE_CALLBACK_PORTS.filter((p) => ctx.inboundCovering(p, "tcp").length > 0);
  return [{
    id: "license-callback-closed",
    severity: "warning",
    title: "cPanel's license callback cannot reach the server",
    explanation: `When the license changes, cPanel's license system notifies the server on one of ports ${LICENSE_CALLBACK_PORTS.join(", ")}. ${restricted.length > 0 ? `${restricted.join(", ")} ${restricted.length > 1 ? "are" : "is"} only open to selected addresses, which do not include the license servers.` : "None of them is open inbound."} License changes then only arrive at the next scheduled check.`,
    remediation: "Open at least one of them to anyone; cPanel SSL (2083) is the usual choice since customers need it anyway.",
    concerns: { services: ["cpanel-ssl", "whm-ssl", "webmail-ssl"], ports: LICENSE_CALLBACK_PORTS.map((p) => ({ from: p, to: p, protocol: "tcp" as const })) },
  }];
}

export function checkOptionalPorts(ctx: Context): Warning[] {
  return ctx.catalog.services
    .filter((s) => s.optional && ctx.choice(s.id)?.enabled)
    .map((service) => ({
      id: `optional-port:${service.id}`,
      severity: "info" as const,
      title: `${service.name} (port ${service.port.from}) only works after extra setup`,
      explanation: `${service.optional} Until then nothing uses the port, and the rule only widens what is open.`,
      remediation: `Keep it on only if that setup is done, otherwise switch ${service.name} off.`,
      concerns: { services: [service.id], ports: [portConcern(service)] },
    }));
}

export function checkSmtpsTls(ctx: Context): Warning[] {
  const smtps = ctx.service("smtps");
  if (!smtps || ctx.inboundOf("smtps").length === 0) return [];
  return [{
    id: "tls12-smtps",
    severity: "info",
    title: "Port 465: accept TLS 1.2 or newer only",
    explanation: "SMTP over TLS on port 465 is only as safe as the TLS versions the mail server accepts. TLS 1.0 and 1.1 are broken and disabled by current mail clients.",
    remediation: "In the mail server's TLS settings (on cPanel: Exim Configuration Manager, openssl_options), disable TLS 1.0 and 1.1.",
    concerns: { services: ["smtps"], ports: [portConcern(smtps)] },
  }];
}
