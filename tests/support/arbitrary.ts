/** fast-check generators for valid-by-construction profiles (canonical networks, safe labels) and hostile text. */
import fc from "fast-check";
import { getCatalog } from "@/lib/firewall/catalog";
import { PANELS, type ProfileDocumentInput } from "@/lib/firewall/policy/schema";

/** Refused by the schema: quotes, shell and markup characters, line breaks, non-ASCII. */
export const HOSTILE = ["/* x */", 'a"b', "a\nb", "a\rb", "$(reboot)", "`id`", "a<b>", "a|b", "a\\b", "ü", "a\tb", "#x", "${x}", "a\u2028b", "\u0000", "a;$(id)", "a'$(id)'", "a&&b\nc", "\";-j ACCEPT;\""];

/** Accepted in labels since `; & '` were added (docs/backends.md §10.5): each backend quotes or replaces them. */
export const LABEL_EDGE = ["a;b;c", "Bob's office", "SMTP & submission", "x'; -A INPUT -j ACCEPT; '", "'", ";", "&amp;", "a -- b; c & 'd'", "';reboot;'"];

const SAFE = "ABCxyz019 _.,:;&'/()+-";
export const safeLabel = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SAFE.split("")), maxLength: 100 }),
  fc.constantFrom("Include /etc/passwd", "--", "a -- b", "-j ACCEPT", "/ x /", "drop, accept", "(1,2):3", "comment: x", ...LABEL_EDGE),
);

export const ipv4Network = fc.tuple(fc.integer({ min: 1, max: 0xffffffff }), fc.integer({ min: 8, max: 32 })).map(([n, p]) => {
  const masked = p === 32 ? n >>> 0 : (n & (~0 << (32 - p))) >>> 0;
  const text = [24, 16, 8, 0].map((s) => (masked >>> s) & 255).join(".");
  return p === 32 ? text : `${text}/${p}`;
});

export const ipv6Network = fc.tuple(fc.bigInt({ min: 1n, max: (1n << 128n) - 1n }), fc.integer({ min: 16, max: 128 })).map(([n, p]) => {
  const masked = (n >> BigInt(128 - p)) << BigInt(128 - p);
  const groups = Array.from({ length: 8 }, (_, i) => ((masked >> BigInt(112 - i * 16)) & 0xffffn).toString(16));
  const text = groups.join(":");
  return p === 128 ? text : `${text}/${p}`;
});

const network = fc.oneof(ipv4Network, ipv6Network);
const port = fc.integer({ min: 1, max: 65535 });
const range = fc.tuple(port, port).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const access = fc.constantFrom("anyone", "admins", "list");

function servicesFor(panel: (typeof PANELS)[number]) {
  const ids = getCatalog(panel).services.map((s) => s.id);
  const choice = fc.record({
    enabled: fc.boolean(), tcp: fc.boolean(), udp: fc.boolean(), inbound: fc.boolean(), outbound: fc.boolean(),
    localhostOnly: fc.boolean(), access, sources: fc.array(network, { maxLength: 12 }),
  });
  return fc.dictionary(fc.constantFrom(...ids), choice, { maxKeys: ids.length });
}

/** A profile that may or may not pass the schema (duplicate ids, empty protocols are possible). */
export const profileInput: fc.Arbitrary<ProfileDocumentInput> = fc.constantFrom(...PANELS).chain((panel) =>
  fc.record({
    format: fc.constant("portcullis/profile" as const),
    version: fc.constant(1 as const),
    server: fc.record({
      name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,20}$/),
      os: fc.constantFrom("almalinux", "rocky", "cloudlinux", "ubuntu", "debian" as const),
      panel: fc.constant(panel),
      sshPort: port,
      adminSources: fc.array(network, { maxLength: 10 }),
    }),
    policy: fc.record({
      backend: fc.constantFrom("nftables", "iptables", "firewalld", "ufw", "csf", "apf" as const),
      outbound: fc.constantFrom("allow-all", "restricted" as const),
      ipv6: fc.boolean(),
      services: servicesFor(panel),
      customRules: fc.array(fc.record({ id, label: safeLabel, ports: range, tcp: fc.boolean(), udp: fc.constant(true), direction: fc.constantFrom("inbound", "outbound" as const), access, sources: fc.array(network, { maxLength: 12 }) }), { maxLength: 6 }),
      blocked: fc.array(fc.record({ address: network, comment: safeLabel }), { maxLength: 30 }),
      rateLimits: fc.array(
        fc.record({ id, label: safeLabel, ports: range, protocol: fc.constantFrom("tcp", "udp" as const), newConnections: fc.record({ count: fc.integer({ min: 1, max: 10_000 }), seconds: fc.integer({ min: 1, max: 86_400 }) }), concurrent: fc.integer({ min: 1, max: 100_000 }) }),
        { maxLength: 4 },
      ),
    }),
  }),
);
