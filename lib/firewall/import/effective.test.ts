/**
 * importEffective (verify's reading) against the profile importFirewall makes of the same files:
 * what each lets through must be equal, for every backend's rendered files of generated profiles
 * (long blocklists with repeats and nested networks, IPv6 on and off) and for the real
 * configurations of other people (tests/fixtures/real-configs), whose addresses are not always
 * written canonically.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { renderRules } from "@/lib/firewall/backends";
import { getCatalog } from "@/lib/firewall/catalog";
import { resolvePolicy } from "@/lib/firewall/policy/resolve";
import { BACKENDS, profileDocumentSchema, type Backend, type ProfileDocument } from "@/lib/firewall/policy/schema";
import { ipv4Network, ipv6Network } from "@/tests/support/arbitrary";
import { profilesFor } from "@/tests/support/round-trip";
import { META } from "@/tests/support/samples";
import { effectivePolicy } from "./compare";
import { importEffective, importFirewall, type ImportFile, type ImportOptions } from "./index";

function both(backend: Backend, files: ImportFile[], options: ImportOptions) {
  const profile = importFirewall(backend, files, options);
  const effective = importEffective(backend, files, options);
  return { viaProfile: profile.ok ? effectivePolicy(profile.document) : profile.message, effective: effective.ok ? effective.effective : effective.message };
}

/** Generated profiles, some with a long blocklist appended (repeats of its own entries included). */
function withLongLists(backend: Backend): fc.Arbitrary<ProfileDocument> {
  const entry = fc.record({ address: fc.oneof(ipv4Network, ipv4Network, ipv6Network), comment: fc.constant("") });
  return fc.tuple(profilesFor(backend), fc.oneof(fc.constant([]), fc.array(entry, { minLength: 100, maxLength: 300 })))
    .map(([doc, more]) => profileDocumentSchema.parse({ ...doc, policy: { ...doc.policy, blocked: [...doc.policy.blocked, ...more, ...more.slice(0, 20)] } }));
}

describe("importEffective reads what importFirewall's profile lets through", () => {
  test.each(BACKENDS)("%s: rendered files of generated profiles", (backend) => {
    fc.assert(
      fc.property(withLongLists(backend), (doc) => {
        const files = renderRules(backend, resolvePolicy(doc, getCatalog(doc.server.panel)), META).filter((f) => f.path !== "apply.sh").map((f) => ({ path: f.path, text: f.content }));
        const r = both(backend, files, { panel: doc.server.panel, os: doc.server.os, name: doc.server.name });
        expect(r.effective).toEqual(r.viaProfile);
      }),
      { numRuns: 40 },
    );
  });

  // Written by hand: addresses not canonical as written, and IPv6 entries where IPv6 is not filtered.
  const HAND: [Backend, ImportFile[]][] = [
    ["iptables", [
      { path: "rules.v4", text: "*filter\n:INPUT DROP [0:0]\n-A INPUT -m set --match-set s src -j DROP\n-A INPUT -s 10.1.2.3/8 -j DROP\n-A INPUT -s 192.0.2.1/32 -j DROP\nCOMMIT\n" },
      { path: "s.ipset", text: "create s hash:net family inet\nadd s 198.51.100.1/32\nadd s 10.9.8.7/8\nadd s 2001:DB8::1\n" },
    ]],
    ["csf", [{ path: "csf.conf", text: 'TCP_IN = "22"\nIPV6 = "0"\n' }, { path: "csf.deny", text: "2001:db8::/32 # an IPv6 entry csf leaves alone\n192.0.2.1/32\n192.0.2.1\n" }]],
    ["nftables", [{ path: "a.nft", text: "table inet t {\n set b { type ipv4_addr; flags interval; elements = { 192.0.2.1/32, 10.1.2.3/8 } }\n chain input { type filter hook input priority 0; policy drop; ip saddr @b drop; ip saddr 198.51.100.0/255.255.255.0 drop }\n}\n" }]],
  ];
  test.each(HAND)("%s written by hand", (backend, files) => {
    const r = both(backend, files, { panel: "cpanel", os: "almalinux", name: "hand" });
    expect(typeof r.effective === "object" && r.effective.blocked.length).toBeGreaterThan(0);
    expect(r.effective).toEqual(r.viaProfile);
  });

  const ROOT = join(__dirname, "../../../tests/fixtures/real-configs");
  const folders = BACKENDS.flatMap((backend) => readdirSync(join(ROOT, backend)).filter((name) => statSync(join(ROOT, backend, name)).isDirectory()).map((name) => [backend, name] as const));
  test.each(folders)("%s real configuration %s", (backend, name) => {
    const dir = join(ROOT, backend, name);
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => statSync(join(dir, f)).isFile()).map((f) => ({ path: f, text: readFileSync(join(dir, f), "utf8") }));
    const r = both(backend, files, { panel: "cpanel", os: "almalinux", name: "real" });
    expect(r.effective).toEqual(r.viaProfile);
  });
});
