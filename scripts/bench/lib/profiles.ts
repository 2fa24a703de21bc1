/**
 * The profiles the benchmark measures: a "full" cPanel server (every catalog service on, custom
 * rules, 50 blocked entries, rate limits) and the same server with a big, deterministic blocklist.
 * Addresses never touch 10.0.0.0/8 or fd00::/8, where the namespace pairs live.
 */
import { createDefaultDocument, getCatalog, profileDocumentSchema, type BlockedEntry, type ProfileDocument } from "@/lib/firewall";

/** mulberry32: a tiny seeded generator, so every run measures the same list. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** First octets of public unicast space, skipping 0, 10, 100, 127, 169, 172, 192, 198 and 203. */
const V4_FIRST = Array.from({ length: 223 }, (_, i) => i + 1).filter((o) => ![10, 100, 127, 169, 172, 192, 198, 203].includes(o));

/**
 * `count` non-overlapping entries: about 70% IPv4 (half /24 networks, half single hosts, each in a
 * /24 of its own) and 30% IPv6 (/48 networks, /64 networks and single hosts, each in its own /48
 * under 2a00::/12). Pseudo-random but identical on every run for the same seed.
 */
export function bigBlocklist(count: number, seed = 7): BlockedEntry[] {
  const next = seededRandom(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const usedV4 = new Set<number>();
  const usedV6 = new Set<string>();
  const out: BlockedEntry[] = [];
  while (out.length < count) {
    const r = next();
    if (r < 0.7) {
      const slash24 = V4_FIRST[pick(V4_FIRST.length)]! * 65536 + pick(65536);
      if (usedV4.has(slash24)) continue;
      usedV4.add(slash24);
      const base = `${Math.floor(slash24 / 65536)}.${Math.floor(slash24 / 256) % 256}.${slash24 % 256}`;
      out.push({ address: r < 0.35 ? `${base}.0/24` : `${base}.${1 + pick(254)}`, comment: "" });
    } else {
      const h = (n: number) => (pick(n) + 1).toString(16);
      const slash48 = `2a0${pick(16).toString(16)}:${h(0xffff)}:${h(0xffff)}`;
      if (usedV6.has(slash48)) continue;
      usedV6.add(slash48);
      const kind = pick(3);
      const address = kind === 0 ? `${slash48}::/48` : kind === 1 ? `${slash48}:${h(0xffff)}::/64` : `${slash48}:${h(0xffff)}::${h(0xffff)}`;
      out.push({ address, comment: "" });
    }
  }
  return out;
}

/** Every cPanel catalog row switched on with its table flags, plus custom rules, blocks and limits. */
export function fullCpanelProfile(blocked: number): ProfileDocument {
  const doc = createDefaultDocument({
    name: "bench-full",
    hostname: "bench.example.com",
    ipv4: "192.0.2.10",
    ipv6: "2001:db8::10",
    os: "almalinux",
    panel: "cpanel",
    adminSources: ["203.0.113.0/24", "2001:db8:a::/48"],
  });
  for (const service of getCatalog("cpanel").services) {
    const d = service.defaults;
    doc.policy.services[service.id] = {
      ...(doc.policy.services[service.id] ?? { access: "anyone", sources: [] }),
      enabled: true,
      tcp: d.tcp,
      udp: d.udp,
      inbound: d.inbound,
      outbound: d.outbound,
      localhostOnly: d.localhostOnly,
    };
  }
  doc.policy.outbound = "restricted";
  doc.policy.customRules = [
    { id: "node-exporter", label: "Prometheus node exporter", ports: { from: 9100, to: 9100 }, tcp: true, udp: false, direction: "inbound", access: "list", sources: ["198.51.100.20", "2001:db8:c::/64"] },
    { id: "wireguard", label: "WireGuard", ports: { from: 51820, to: 51820 }, tcp: false, udp: true, direction: "inbound", access: "anyone", sources: [] },
    { id: "backup-push", label: "Backup target", ports: { from: 8400, to: 8410 }, tcp: true, udp: false, direction: "outbound", access: "anyone", sources: [] },
  ];
  doc.policy.rateLimits = [
    { id: "smtp-flood", label: "SMTP flood", ports: { from: 25, to: 25 }, protocol: "tcp", newConnections: { count: 10, seconds: 300 } },
    { id: "web-conns", label: "Web connections", ports: { from: 80, to: 80 }, protocol: "tcp", concurrent: 50 },
    { id: "imap-rate", label: "IMAP logins", ports: { from: 993, to: 993 }, protocol: "tcp", newConnections: { count: 30, seconds: 60 }, concurrent: 20 },
  ];
  doc.policy.blocked = bigBlocklist(blocked);
  return profileDocumentSchema.parse(doc);
}
