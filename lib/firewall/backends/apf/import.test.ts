import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importFirewall } from "@/lib/firewall/import";
import { apfLimitations } from "./render";
import { profilesFor, roundTrip, RUNS } from "@/tests/support/round-trip";

describe("APF import round trip", () => {
  test("conf.apf values, the hosts files and the companion import back to the same filtering", () => {
    fc.assert(
      fc.property(profilesFor("apf"), (doc) => {
        const { original, imported } = roundTrip(doc, (files) => files.map((f) => ({ path: f.path, text: f.content })));
        // New-connection rates and IPv6 live only in the companion: it is read with the rest.
        expect(imported).toEqual(original);
        expect(apfLimitations()).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe("APF import", () => {
  test("port lists with _ ranges, EGF, CLIMIT, trust lines and findings", () => {
    const r = importFirewall("apf", [
      { path: "conf.apf", text: 'DEVEL_MODE="1"\nUSE_IPV6="1"\nIG_TCP_CPORTS="22,80,35000_36000"\nIG_UDP_CPORTS=""\nEGF="1"\nEG_TCP_CPORTS="25,80,443"\nEG_UDP_CPORTS="53"\nIG_TCP_CLIMIT="80:50"\nEG_TCP_UID="0:25"\n' },
      { path: "allow_hosts.rules", text: "# admins\ntcp:in:d=2087:s=203.0.113.0/24\ntcp:in:d=22:s=[2001:db8::/48]\n198.51.100.7\ntcp:out:d=25:d=192.0.2.1\n" },
      { path: "deny_hosts.rules", text: "192.0.2.9 # brute force\ntcp:in:d=80:s=192.0.2.10\n" },
    ], { panel: "cpanel", os: "almalinux", name: "web1" });
    if (!r.ok) throw new Error(r.message);
    const p = r.document.policy;
    expect(p).toMatchObject({ ipv6: true, outbound: "restricted" });
    expect(p.services["whm-ssl"]).toMatchObject({ access: "list", sources: ["203.0.113.0/24"] });
    expect(p.rateLimits).toEqual([expect.objectContaining({ ports: { from: 80, to: 80 }, concurrent: 50 })]);
    expect(p.blocked).toEqual([{ address: "192.0.2.9", comment: "brute force" }]);
    expect(p.customRules).toEqual(expect.arrayContaining([expect.objectContaining({ ports: { from: 35000, to: 36000 } })]));
    expect(r.findings.map((f) => `${f.file}:${f.line} ${f.severity}`)).toEqual(expect.arrayContaining([
      "conf.apf:9 warning", "conf.apf:1 info", "allow_hosts.rules:5 warning", "deny_hosts.rules:2 warning",
    ]));
  });
});
