/**
 * Sample profiles: the five servers the renderers are proven against (goldens, real validators,
 * live traffic), and examples for the CLI. Addresses are from the documentation ranges
 * (RFC 5737 / RFC 3849); the traffic tests give a client namespace exactly these addresses.
 */
import { profileDocumentSchema, type ProfileDocument, type ProfileDocumentInput, type ServiceChoice } from "@/lib/firewall/policy/schema";

/** Client addresses the samples are written around (also used by the namespace traffic tests). */
export const SAMPLE_ADDRESSES = {
  admin: { v4: "203.0.113.10", v6: "2001:db8:a::10" },
  ordinary: { v4: "198.51.100.20", v6: "2001:db8:c::20" },
  blocked: { v4: "192.0.2.30", v6: "2001:db8:bad::30" },
  burst: { v4: "198.51.100.40", v6: "2001:db8:d::40" },
} as const;

type Choice = Partial<ServiceChoice>;
const inTcp: Choice = { enabled: true, tcp: true, udp: false, inbound: true, outbound: false, localhostOnly: false, access: "anyone", sources: [] };
const both: Choice = { ...inTcp, udp: true };
const local: Choice = { ...inTcp, inbound: false, localhostOnly: true };
const admins: Choice = { ...inTcp, access: "admins" };
const withOut = (c: Choice): Choice => ({ ...c, outbound: true });
const outOnly: Choice = { ...inTcp, inbound: false, outbound: true };

function services(map: Record<string, Choice>): Record<string, ServiceChoice> {
  return Object.fromEntries(Object.entries(map).map(([id, c]) => [id, { ...inTcp, ...c } as ServiceChoice]));
}

function doc(server: Partial<ProfileDocumentInput["server"]> & Pick<ProfileDocumentInput["server"], "name" | "os" | "panel">, policy: Partial<ProfileDocumentInput["policy"]>): ProfileDocumentInput {
  return {
    format: "portcullis/profile",
    version: 1,
    server: { hostname: "", sshPort: 22, adminSources: [], ...server },
    policy: { backend: "nftables", outbound: "allow-all", ipv6: false, services: {}, customRules: [], blocked: [], rateLimits: [], ...policy },
  };
}

const CPANEL_TYPICAL = doc(
  { name: "cpanel-typical", hostname: "host1.example.com", os: "almalinux", panel: "cpanel", adminSources: ["203.0.113.0/24"] },
  {
    services: services({
      ssh: inTcp, http: inTcp, https: both, dns: both, smtp: inTcp, smtps: inTcp, submission: inTcp, imaps: inTcp, pop3s: inTcp,
      "cpanel-ssl": inTcp, "whm-ssl": inTcp, "webmail-ssl": inTcp, ftp: inTcp, "ftp-passive": { ...inTcp, ports: { from: 30000, to: 35000 } },
      mysql: local, spamassassin: local,
    }),
  },
);

const FROXLOR = doc(
  { name: "froxlor-web", hostname: "web2.example.org", os: "debian", panel: "froxlor", adminSources: ["203.0.113.0/24"] },
  {
    backend: "ufw",
    services: services({ ssh: admins, http: inTcp, https: inTcp, smtp: inTcp, submission: inTcp, imaps: inTcp, pop3s: inTcp, mysql: local }),
    customRules: [
      { id: "node-exporter", label: "Prometheus node exporter", ports: { from: 9100, to: 9100 }, tcp: true, udp: false, direction: "inbound", access: "list", sources: ["198.51.100.20"] },
    ],
  },
);

const LOCKED_DOWN = doc(
  { name: "locked-down", hostname: "whm.example.net", os: "rocky", panel: "cpanel", sshPort: 2222, adminSources: ["203.0.113.0/24", "2001:db8:a::/48"] },
  {
    backend: "iptables",
    outbound: "restricted",
    ipv6: true,
    services: services({
      ssh: admins, "whm-ssl": admins, "cpanel-ssl": inTcp, http: withOut(inTcp), https: withOut(inTcp), smtp: withOut(inTcp),
      submission: inTcp, imaps: inTcp, "cpanel-licensing-2089": outOnly, mysql: local,
    }),
  },
);

const BLOCKS_AND_LIMITS = doc(
  { name: "mail-gateway", hostname: "mx1.example.com", os: "ubuntu", panel: "froxlor", adminSources: ["203.0.113.0/24", "2001:db8:a::/48"] },
  {
    backend: "csf",
    ipv6: true,
    services: services({ ssh: admins, http: inTcp, https: inTcp, smtp: inTcp, submission: inTcp, imaps: inTcp }),
    blocked: [
      { address: "192.0.2.0/24", comment: "Abuse reports (ticket 4711)" },
      { address: "2001:db8:bad::/48", comment: "Spam source" },
      { address: "198.18.0.0/15", comment: "Benchmark net" },
      { address: "100.64.12.7", comment: "" },
    ],
    rateLimits: [
      { id: "smtp-flood", label: "SMTP flood", ports: { from: 25, to: 25 }, protocol: "tcp", newConnections: { count: 10, seconds: 300 } },
      { id: "web-conns", label: "Web connections", ports: { from: 80, to: 80 }, protocol: "tcp", concurrent: 5 },
    ],
  },
);

const IPV6_HOST = doc(
  { name: "ipv6-host", hostname: "v6.example.org", os: "debian", panel: "other", ipv6: "2001:db8:100::1", adminSources: ["2001:db8:a::/48"] },
  {
    backend: "firewalld",
    ipv6: true,
    services: services({ ssh: admins, http: inTcp, https: inTcp, dns: both, mysql: local }),
    customRules: [
      { id: "wireguard", label: "WireGuard", ports: { from: 51820, to: 51820 }, tcp: false, udp: true, direction: "inbound", access: "anyone", sources: [] },
      { id: "api", label: "Partner API", ports: { from: 8443, to: 8444 }, tcp: true, udp: false, direction: "inbound", access: "list", sources: ["2001:db8:c::/64", "198.51.100.0/25"] },
    ],
  },
);

export type Sample = { id: string; description: string; document: ProfileDocument };

const RAW: [string, string, ProfileDocumentInput][] = [
  ["cpanel-typical", "A typical cPanel & WHM shared-hosting server", CPANEL_TYPICAL],
  ["froxlor", "A froxlor web server with an admin-only SSH and one per-source custom port", FROXLOR],
  ["locked-down", "cPanel with WHM and SSH for administrators only and outbound restricted", LOCKED_DOWN],
  ["blocks-and-limits", "Blocklists, an SMTP new-connection rate and an HTTP concurrency cap", BLOCKS_AND_LIMITS],
  ["ipv6", "An IPv6-first host with v6-only admin access and source-listed custom ports", IPV6_HOST],
];

/** The samples, validated through the same schema as every imported profile. */
export const SAMPLES: Sample[] = RAW.map(([id, description, input]) => ({ id, description, document: profileDocumentSchema.parse(input) }));
