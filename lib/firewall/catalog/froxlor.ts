/**
 * froxlor: the services of froxlor's "Service Ports" page plus its FTP passive range. That page
 * has a single Transport column and lists inbound services only, so `flags` records TCP and
 * inbound; outbound use (mail delivery, updates) is modelled in the starting choices.
 *
 * Ids match the cPanel catalog where the service is the same, so warnings and renderers treat
 * `smtp`, `ftp`, `mysql`, ... alike on both panels. froxlor does not run the nameserver by
 * default, so DNS starts off; plaintext FTP, IMAP and POP3 start off as on cPanel.
 */
import { port, startOff, startOn, ticked } from "./build";
import type { Catalog, CatalogService } from "./types";

const inboundTcp = ticked("tcp", "inbound");
const withOutbound = { outbound: true };

const FROXLOR_SERVICES = [
  {
    id: "ftp", name: "FTP", port: port(21), flags: inboundTcp, category: "ftp", source: "table",
    note: "FTP control connection for customers' file uploads; clear text unless the FTP server enforces TLS.",
    secureTwin: "ssh",
    defaults: startOff(inboundTcp),
  },
  {
    id: "ssh", name: "SSH", port: port(22), flags: inboundTcp, category: "system", source: "table",
    note: "Shell and SFTP access for administration. Follows the profile's SSH port.",
    isSsh: true, isAdminLogin: true,
    defaults: startOn(inboundTcp, { access: "anyone" }),
  },
  {
    id: "smtp", name: "SMTP", port: port(25), flags: inboundTcp, category: "mail", source: "table",
    note: "Mail from other mail servers; outbound, the server delivers mail here too. Not for client logins.",
    defaults: startOn(inboundTcp, withOutbound),
  },
  {
    id: "dns", name: "DNS", port: port(53), flags: inboundTcp, category: "dns", source: "table",
    note: "Nameservice for hosted domains, when froxlor manages the zones.",
    modelling: "froxlor's page lists TCP only, but DNS answers most queries over UDP; both are modelled.",
    defaults: startOff(inboundTcp, { udp: true }),
  },
  {
    id: "http", name: "HTTP", port: port(80), flags: inboundTcp, category: "web", source: "table",
    note: "Websites without TLS; keep it for redirects to HTTPS and Let's Encrypt validation.",
    secureTwin: "https",
    defaults: startOn(inboundTcp, withOutbound),
  },
  {
    id: "pop3", name: "POP3", port: port(110), flags: inboundTcp, category: "mail", source: "table",
    note: "Mailbox download without TLS (STARTTLS may be offered).",
    secureTwin: "pop3s",
    defaults: startOff(inboundTcp),
  },
  {
    id: "imap", name: "IMAP", port: port(143), flags: inboundTcp, category: "mail", source: "table",
    note: "Mailbox access without TLS (STARTTLS may be offered).",
    secureTwin: "imaps",
    defaults: startOff(inboundTcp),
  },
  {
    id: "https", name: "HTTPS", port: port(443), flags: inboundTcp, category: "web", source: "table",
    note: "Websites and the froxlor panel over TLS; outbound, updates and certificate requests use it.",
    defaults: startOn(inboundTcp, withOutbound),
  },
  {
    id: "smtps", name: "SMTP over TLS", port: port(465), flags: inboundTcp, category: "mail", source: "table",
    note: "Mail submission over implicit TLS; accept TLS 1.2 or newer only.",
    defaults: startOn(inboundTcp),
  },
  {
    id: "submission", name: "SMTP submission", port: port(587), flags: inboundTcp, category: "mail", source: "table",
    note: "Mail submission by authenticated clients, upgraded with STARTTLS.",
    defaults: startOn(inboundTcp),
  },
  {
    id: "imaps", name: "IMAP over TLS", port: port(993), flags: inboundTcp, category: "mail", source: "table",
    note: "Encrypted mailbox access for mail clients.",
    defaults: startOn(inboundTcp),
  },
  {
    id: "pop3s", name: "POP3 over TLS", port: port(995), flags: inboundTcp, category: "mail", source: "table",
    note: "Encrypted mailbox download for mail clients.",
    defaults: startOn(inboundTcp),
  },
  {
    id: "mysql", name: "MySQL", port: port(3306), flags: inboundTcp, category: "database", source: "table",
    note: "Remote database connections. Sites on the server connect locally and do not need it.",
    defaults: startOff(inboundTcp),
  },
  {
    id: "ftp-passive", name: "FTP passive range", port: port(49152, 65534), flags: inboundTcp, category: "ftp", source: "table",
    note: "Data connections of passive-mode FTP; must match PassivePorts (ProFTPD) or PassivePortRange (Pure-FTPd).",
    modelling: "froxlor's page gives this range as the example setting for the FTP daemon; the user can change it.",
    configurableRange: true,
    defaults: startOff(inboundTcp),
  },
] satisfies CatalogService[];

export const FROXLOR_CATALOG: Catalog = { panel: "froxlor", label: "froxlor", services: FROXLOR_SERVICES };
