import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { listLimitations } from "@/lib/firewall/backends";
import { importFirewall } from "@/lib/firewall/import";
import { profilesFor, roundTrip, RUNS } from "@/tests/support/round-trip";

describe("firewalld import round trip", () => {
  test("the zone, service, ipset and policy files import back to the same filtering", () => {
    fc.assert(
      fc.property(profilesFor("firewalld"), (doc) => {
        const { original, imported, ruleSet } = roundTrip(doc, (files) => files.filter((f) => /\.(xml|nft)$/.test(f.path)).map((f) => ({ path: f.path, text: f.content })));
        // Per-source limits come back from the companion table; firewalld filters IPv6 always.
        expect(imported).toEqual({ ...original, ipv6: true });
        const ids = listLimitations("firewalld", ruleSet).map((l) => l.id);
        expect(ids).not.toContain("rate-limit-per-source");
        if (!ruleSet.ipv6) expect(ids).toContain("ipv6-always-filtered");
      }),
      RUNS,
    );
  });
});

const opts = { panel: "other", os: "rocky", name: "web1" } as const;

describe("firewalld import", () => {
  test("zones with stock and own services, rich rules, a drop zone with an ipset, NAT findings", () => {
    const r = importFirewall("firewalld", [
      { path: "zones/public.xml", text: '<?xml version="1.0"?>\n<zone>\n  <service name="ssh"/>\n  <service name="web"/>\n  <port port="8000-8010" protocol="tcp"/>\n  <rule family="ipv4"><source address="203.0.113.0/24"/><port port="5432" protocol="tcp"/><accept/></rule>\n  <masquerade/>\n  <service name="nosuch"/>\n</zone>\n' },
      { path: "services/web.xml", text: '<service><port protocol="tcp" port="80"/><port protocol="tcp" port="443"/></service>' },
      { path: "zones/drop.xml", text: '<zone target="DROP"><source ipset="bad"/></zone>' },
      { path: "ipsets/bad.xml", text: '<ipset type="hash:net"><entry>192.0.2.0/24</entry><entry>2001:db8::/32</entry></ipset>' },
    ], opts);
    if (!r.ok) throw new Error(r.message);
    const p = r.document.policy;
    expect(p.services.ssh).toMatchObject({ enabled: true });
    expect(p.services.https).toMatchObject({ enabled: true });
    expect(p.customRules).toEqual(expect.arrayContaining([expect.objectContaining({ ports: { from: 5432, to: 5432 }, sources: ["203.0.113.0/24"] })]));
    expect(p.blocked.map((b) => b.address)).toEqual(["192.0.2.0/24", "2001:db8::/32"]);
    expect(r.findings.map((f) => `${f.file}:${f.line} ${f.severity}`)).toEqual(expect.arrayContaining(["zones/public.xml:7 warning", "zones/public.xml:8 warning"]));
  });

  test.each([
    ["a DOCTYPE with an external entity", '<?xml version="1.0"?>\n<!DOCTYPE zone [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<zone>&x;</zone>', /line 2: a DOCTYPE or entity declaration: refused/],
    ["an undeclared entity", "<zone><short>&x;</short></zone>", /the entity &x; is not one of XML's predefined entities/],
    ["truncated XML", "<zone>\n  <service name=\"ssh\"/>\n", /<zone> is never closed: the file is truncated/],
  ])("%s is refused", (_, text, message) => {
    const r = importFirewall("firewalld", [{ path: "zones/public.xml", text }], opts);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(message) });
  });
});
