/**
 * cPanel & WHM: every row of cPanel's "How to Configure Your Firewall" port table (41 rows), with
 * its TCP/UDP/Inbound/Outbound/Localhost columns kept verbatim in `flags`, plus the FTP passive
 * range the table leaves out. Mail and spam rows live in cpanel-mail.ts.
 *
 * Starting choices: what a typical shared-hosting cPanel server runs (SSH, web, DNS, mail with
 * TLS, the TLS panel ports, the outbound helpers), with plaintext and optional ports off and
 * MySQL closed. SSH and WHM start open to anyone because a new profile has no administrator
 * addresses yet; the warnings recommend restricting them once it has.
 */
import { port, startOff, startOn, ticked } from "./build";
import { CPANEL_MAIL_SERVICES } from "./cpanel-mail";
import type { Catalog, CatalogService } from "./types";

const panelFlags = ticked("tcp", "inbound");
const davFlags = ticked("tcp", "inbound", "outbound");
const outboundTcp = ticked("tcp", "outbound");
const ftpFlags = ticked("tcp", "inbound", "outbound");

const CPANEL_CORE_SERVICES = [
  {
    id: "cpan", name: "CPAN", port: port(1), flags: outboundTcp, category: "system", source: "table",
    note: "Outbound; makes the module list in cPanel's Perl Modules page load faster.",
    defaults: startOn(outboundTcp),
  },
  {
    id: "ftp-data", name: "FTP data (active mode)", port: port(20), flags: ftpFlags, category: "ftp", source: "table",
    note: "Data channel of active-mode FTP. Prefer SFTP over SSH.",
    modelling:
      "In active mode the server connects from port 20 back to the client; a stateful firewall with the FTP helper sees that as related to the port 21 session. Passive mode, which almost every client uses, needs the FTP passive range row instead.",
    defaults: startOff(ftpFlags),
  },
  {
    id: "ftp", name: "FTP", port: port(21), flags: ftpFlags, category: "ftp", source: "table",
    note: "FTP control connection. Logins travel in clear text unless the client uses explicit TLS; SFTP over SSH is the safer choice.",
    secureTwin: "ssh",
    defaults: startOff(ftpFlags),
  },
  {
    id: "ftp-passive", name: "FTP passive range", port: port(49152, 65534), flags: ticked("tcp", "inbound"), category: "ftp", source: "extra",
    note: "Data connections of passive-mode FTP. Pure-FTPd and ProFTPD on cPanel use 49152-65534 unless changed; the firewall range must match the FTP server's setting.",
    modelling: "Not a row of cPanel's table, which only lists 20 and 21; without it passive transfers stall after the login.",
    configurableRange: true,
    defaults: startOff(ticked("tcp", "inbound")),
  },
  {
    id: "ssh", name: "SSH", port: port(22), flags: panelFlags, category: "system", source: "table",
    note: "Shell and SFTP access. WHM's Transfer Tool needs it when root logs in with SSH keys. Follows the profile's SSH port.",
    isSsh: true, isAdminLogin: true,
    defaults: startOn(panelFlags, { access: "anyone" }),
  },
  {
    id: "rdate", name: "rdate", port: port(37), flags: outboundTcp, category: "system", source: "table",
    note: "Outbound time queries with the rdate protocol.",
    defaults: startOn(outboundTcp),
  },
  {
    id: "whois", name: "whois", port: port(43), flags: outboundTcp, category: "system", source: "table",
    note: "Outbound WHOIS lookups of domain registrations.",
    defaults: startOn(outboundTcp),
  },
  {
    id: "dns", name: "DNS", port: port(53), flags: ticked("tcp", "udp", "inbound", "outbound"), category: "dns", source: "table",
    note: "Nameservice for hosted domains, and the server's own lookups (AutoSSL asks the root nameservers).",
    defaults: startOn(ticked("tcp", "udp", "inbound", "outbound")),
  },
  {
    id: "http", name: "HTTP", port: port(80), flags: ticked("tcp", "inbound", "outbound"), category: "web", source: "table",
    note: "Websites without TLS. Keep it open for redirects to HTTPS and certificate validation; cpsrvd answers here when the web server role is off.",
    secureTwin: "https",
    defaults: startOn(ticked("tcp", "inbound", "outbound")),
  },
  {
    id: "ident", name: "ident", port: port(113), flags: outboundTcp, category: "system", source: "table",
    note: "Outbound ident (RFC 1413) queries.",
    defaults: startOn(outboundTcp),
  },
  {
    id: "https", name: "HTTPS", port: port(443), flags: ticked("tcp", "udp", "inbound", "outbound"), category: "web", source: "table",
    note: "Websites over TLS and the cpanel./whm./webmail. service subdomains; outbound, AutoSSL reaches store.cpanel.net here. UDP carries HTTP/3.",
    defaults: startOn(ticked("tcp", "udp", "inbound", "outbound")),
  },
  {
    id: "cphulk", name: "cPHulk", port: port(579), flags: ticked("tcp"), category: "panel", source: "table",
    note: "cPHulk, the brute-force login protection daemon; only ever contacted from the server itself.",
    modelling: "The table ticks neither a direction nor Localhost, but says the port only accepts 127.0.0.x: modelled as local-only TCP.",
    defaults: startOn(ticked("tcp"), { localhostOnly: true }),
  },
  {
    id: "rsync", name: "rsync", port: port(873), flags: ticked("tcp", "udp", "outbound"), category: "system", source: "table",
    note: "Outbound rsync transfers.",
    defaults: startOn(ticked("tcp", "udp", "outbound")),
  },
  {
    id: "powerdns", name: "PowerDNS control", port: port(953), flags: ticked("localhost"), category: "dns", source: "table",
    note: "PowerDNS's local control and API port, required when PowerDNS serves the zones; never needed from outside.",
    modelling: "The table ticks no protocol. PowerDNS's web server and API on this port speak HTTP over TCP, so it is modelled as TCP, local only.",
    defaults: startOn(ticked("localhost"), { tcp: true }),
  },
  {
    id: "webdav", name: "Web Disk (WebDAV)", port: port(2077), flags: davFlags, category: "panel", source: "table",
    note: "Web Disk file access without TLS.",
    secureTwin: "webdav-ssl",
    defaults: startOff(davFlags),
  },
  {
    id: "webdav-ssl", name: "Web Disk (WebDAV) SSL", port: port(2078), flags: davFlags, category: "panel", source: "table",
    note: "Web Disk file access over TLS.",
    defaults: startOn(davFlags),
  },
  {
    id: "caldav", name: "CalDAV and CardDAV", port: port(2079), flags: davFlags, category: "panel", source: "table",
    note: "Calendar and contact sync without TLS.",
    secureTwin: "caldav-ssl",
    defaults: startOff(davFlags),
  },
  {
    id: "caldav-ssl", name: "CalDAV and CardDAV SSL", port: port(2080), flags: davFlags, category: "panel", source: "table",
    note: "Calendar and contact sync over TLS.",
    defaults: startOn(davFlags),
  },
  {
    id: "cpanel", name: "cPanel", port: port(2082), flags: panelFlags, category: "panel", source: "table",
    note: "cPanel login without TLS; also a license-callback port. Tweak Settings can force the redirect to TLS.",
    secureTwin: "cpanel-ssl", licenseCallback: true,
    defaults: startOff(panelFlags),
  },
  {
    id: "cpanel-ssl", name: "cPanel SSL", port: port(2083), flags: panelFlags, category: "panel", source: "table",
    note: "cPanel over TLS for account owners; also a license-callback port.",
    licenseCallback: true,
    defaults: startOn(panelFlags),
  },
  {
    id: "whm", name: "WHM", port: port(2086), flags: panelFlags, category: "panel", source: "table",
    note: "WHM login without TLS; also a license-callback port.",
    secureTwin: "whm-ssl", licenseCallback: true, isAdminLogin: true,
    defaults: startOff(panelFlags),
  },
  {
    id: "whm-ssl", name: "WHM SSL", port: port(2087), flags: panelFlags, category: "panel", source: "table",
    note: "WHM over TLS, the server administrator's panel; also a license-callback port.",
    licenseCallback: true, isAdminLogin: true,
    defaults: startOn(panelFlags, { access: "anyone" }),
  },
  {
    id: "cpanel-licensing-2089", name: "cPanel licensing", port: port(2089), flags: outboundTcp, category: "licensing", source: "table",
    note: "Outbound to the WebPros license servers; without it the license check fails.",
    modelling: "The table also names the client's source ports; a stateful outbound rule to destination port 2089 covers them.",
    defaults: startOn(outboundTcp),
  },
  {
    id: "mysql", name: "MySQL", port: port(3306), flags: panelFlags, category: "database", source: "table",
    note: "Remote database connections. Sites on the server connect locally and do not need it.",
    defaults: startOff(panelFlags),
  },
  {
    id: "apt-keys", name: "apt key server", port: port(11371), flags: outboundTcp, category: "system", source: "table",
    note: "Outbound HKP key-server port; Ubuntu fetches the signing keys of apt repositories here.",
    onlyOn: ["ubuntu"],
    defaults: startOn(outboundTcp),
  },
] satisfies CatalogService[];

/** Sorted by port, so the matrix and the CLI list the table in its own order. */
export const CPANEL_CATALOG: Catalog = {
  panel: "cpanel",
  label: "cPanel & WHM",
  services: [...CPANEL_CORE_SERVICES, ...CPANEL_MAIL_SERVICES].sort((a, b) => a.port.from - b.port.from),
};
