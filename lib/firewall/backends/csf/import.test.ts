import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importFirewall, type ImportFile } from "@/lib/firewall/import";
import { profilesFor, roundTrip, RUNS } from "@/tests/support/round-trip";
import { CSF_MAX_HITCOUNT } from "./render";

const OPTIONS = { panel: "cpanel", os: "almalinux", name: "web1" } as const;
const isLoopback = (a: string) => a === "::1" || a.startsWith("127.");

function csf(files: Record<string, string>) {
  return importFirewall("csf", Object.entries(files).map(([path, text]) => ({ path, text })), OPTIONS);
}

function imported(files: Record<string, string>) {
  const r = csf(files);
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe("CSF import round trip", () => {
  test("the files Portcullis renders import back to the same filtering", () => {
    fc.assert(
      fc.property(profilesFor("csf"), (doc) => {
        const { original, imported: back, findings, ruleSet } = roundTrip(doc, (files) => [
          ...files.map((f): ImportFile => ({ path: f.path === "portcullis.conf" ? "csf.conf" : f.path, text: f.content })),
          { path: "csf.allow", text: "Include /etc/csf/portcullis.allow\n" },
          { path: "csf.deny", text: "Include /etc/csf/portcullis.deny\n" },
        ]);
        // What CSF cannot carry, each with a finding or a documented limitation (csfLimitations):
        // PORTFLOOD counts at most 20 hits, CONNLIMIT is TCP only, csf refuses loopback entries.
        const expected = {
          ...original,
          inbound: original.inbound.filter((l) => !isLoopback(l.split(" ")[1] ?? "")),
          blocked: original.blocked.filter((b) => !isLoopback(b)),
          limits: [...new Set(original.limits.filter((l) => !/^udp .* concurrent/.test(l)).map((l) =>
            l.replace(/ new (\d+)\//, (_, n: string) => ` new ${Math.min(Number(n) + 1, CSF_MAX_HITCOUNT) - 1}/`)))].sort(),
        };
        expect(back).toEqual(expected);
        const clamped = ruleSet.rateLimits.some((l) => l.newConnections && l.newConnections.count + 1 >= CSF_MAX_HITCOUNT);
        if (clamped) expect(findings.some((f) => f.message.includes("CSF's ceiling"))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("CSF import", () => {
  test("csf.conf lists, IPv6, limits and TESTING", () => {
    const r = imported({
      "csf.conf": [
        'TESTING = "1"', 'TCP_IN = "22,80,443,2000:2001"', 'TCP_OUT = "1:65535"', 'UDP_IN = "53"', 'UDP_OUT = "1:65535"',
        'IPV6 = "1"', 'TCP6_IN = "22,80,443"', 'TCP6_OUT = "1:65535"', 'UDP6_IN = "53"', 'UDP6_OUT = "1:65535"',
        'PORTFLOOD = "25;tcp;11;300"', 'CONNLIMIT = "25;20,80;50"', 'SMTP_BLOCK = "1"', 'CC_DENY = "CN"', 'LF_SSHD = "5"',
      ].join("\n"),
    });
    const p = r.document.policy;
    expect(p).toMatchObject({ ipv6: true, outbound: "allow-all" });
    expect(p.services.ssh).toMatchObject({ enabled: true, tcp: true, inbound: true, access: "anyone" });
    expect(p.services.dns).toMatchObject({ tcp: false, udp: true, inbound: true });
    expect(p.customRules).toEqual([expect.objectContaining({ ports: { from: 2000, to: 2001 }, tcp: true, udp: false, direction: "inbound" })]);
    expect(p.rateLimits).toEqual([
      expect.objectContaining({ ports: { from: 25, to: 25 }, protocol: "tcp", newConnections: { count: 10, seconds: 300 }, concurrent: 20 }),
      expect.objectContaining({ ports: { from: 80, to: 80 }, protocol: "tcp", concurrent: 50 }),
    ]);
    const lines = r.findings.map((f) => `${f.severity} ${f.line} ${f.message}`);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^warning 7 TCP6_IN .* differs from TCP_IN/),
      expect.stringMatching(/^warning 13 SMTP_BLOCK/),
      expect.stringMatching(/^warning 14 CC_DENY .*country/),
      expect.stringMatching(/^info 15 LF_SSHD: an lfd/),
      expect.stringMatching(/^info 1 TESTING = 1/),
    ]));
  });

  test("restricted outbound becomes outbound services and rules", () => {
    const p = imported({ "csf.conf": 'TCP_IN = "22"\nTCP_OUT = "25,53,80,443"\nUDP_IN = ""\nUDP_OUT = "53,123"\n' }).document.policy;
    expect(p.outbound).toBe("restricted");
    expect(p.services.http).toMatchObject({ inbound: false, outbound: true, tcp: true });
    expect(p.services.dns).toMatchObject({ inbound: false, outbound: true, tcp: true, udp: true });
  });

  test("csf.allow and csf.deny: addresses, CIDRs, advanced filters, comments and Include", () => {
    const r = imported({
      "csf.conf": 'TCP_IN = "80,22"\nUDP_IN = ""\nTCP_OUT = "1:65535"\nUDP_OUT = "1:65535"\n',
      "csf.allow": "# admins\n198.51.100.7 # office\ntcp|in|d=2087|s=203.0.113.0/24 # WHM from VPN\nInclude /etc/csf/extra.allow\nInclude /etc/csf/missing.allow\ntcp|out|d=25|d=192.0.2.1\n",
      "extra.allow": "udp|in|d=161|s=192.0.2.50\n",
      "csf.deny": "192.0.2.9 # lfd: ssh brute force\n2001:db8::/64\ntcp|in|d=22|s=0.0.0.0/0\ntcp|in|d=80|s=192.0.2.10\nnot-an-ip\n",
      "csf.ignore": "127.0.0.1\n",
    });
    const p = r.document.policy;
    expect(p.services["whm-ssl"]).toMatchObject({ enabled: true, access: "list", sources: ["203.0.113.0/24"] });
    expect(p.services.ssh).toBeUndefined();
    expect(p.customRules).toEqual(expect.arrayContaining([
      expect.objectContaining({ ports: { from: 1, to: 65535 }, tcp: true, udp: true, sources: ["198.51.100.7"] }),
      expect.objectContaining({ ports: { from: 161, to: 161 }, udp: true, tcp: false, sources: ["192.0.2.50"] }),
    ]));
    expect(p.blocked).toEqual([{ address: "192.0.2.9", comment: "lfd: ssh brute force" }, { address: "2001:db8::/64", comment: "" }]);
    const where = r.findings.map((f) => `${f.file}:${f.line} ${f.severity}`);
    expect(where).toEqual(expect.arrayContaining([
      "csf.allow:5 warning", "csf.allow:6 warning", "csf.deny:3 info", "csf.deny:4 warning", "csf.deny:5 warning", "csf.ignore:1 info",
    ]));
  });

  test.each([
    ["a key twice", { "csf.conf": 'TCP_IN = "22"\nTCP_IN = "80"\n' }, /csf\.conf, line 2: TCP_IN is set twice \(first on line 1\); CSF refuses/],
    ["a binary file", { "csf.deny": "1.2.3.4\n\u0000\u0001" }, /csf\.deny, line 2: contains a NUL byte/],
  ])("%s is refused with a clear message", (_, files, message) => {
    const r = csf(files);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  test("unknown keys are findings, not errors", () => {
    const r = imported({ "csf.conf": 'TCP_IN = "22"\nFROBNICATE = "yes"\ngarbage line\n' });
    expect(r.findings.map((f) => `${f.line} ${f.severity}`)).toEqual(expect.arrayContaining(["2 info", "3 warning"]));
  });
});
