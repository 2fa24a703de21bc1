import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importFirewall } from "@/lib/firewall/import";
import { profilesFor, roundTrip, RUNS } from "@/tests/support/round-trip";

describe("nftables import round trip", () => {
  test("portcullis.nft imports back to the same filtering", () => {
    fc.assert(
      fc.property(profilesFor("nftables"), (doc) => {
        const { original, imported } = roundTrip(doc, (files) => files.filter((f) => f.path.endsWith(".nft")).map((f) => ({ path: f.path, text: f.content })));
        expect(imported).toEqual(original);
      }),
      RUNS,
    );
  });
});

const CONF = `#!/usr/sbin/nft -f
flush ruleset
define ADMIN = { 192.0.2.10, 198.51.100.0/24 }
table inet filter {
  set blocked {
    type ipv4_addr; flags interval
    elements = { 203.0.113.0/24,
                 192.0.2.99 }
  }
  chain input {
    type filter hook input priority 0; policy drop;
    iif "lo" accept
    ct state established,related accept
    ip saddr @blocked counter drop
    tcp dport ssh ip saddr $ADMIN accept
    tcp dport { 80, 443 } counter packets 0 bytes 0 accept comment "web"
    iifname "eth1" tcp dport 5432 accept
    tcp dport 8080 log prefix "alt " accept
  }
  chain forward {
    type filter hook forward priority 0; policy drop;
    iifname "wg0" accept
  }
}
table ip nat {
  chain prerouting {
    type nat hook prerouting priority -100;
    tcp dport 2222 dnat to 10.0.0.2:22
  }
}
`;

describe("nftables import", () => {
  test("text: defines, named sets, services, and findings for interfaces, forwarding and NAT", () => {
    const r = importFirewall("nftables", [{ path: "nftables.conf", text: CONF }], { panel: "other", os: "debian", name: "web1" });
    if (!r.ok) throw new Error(r.message);
    const p = r.document.policy;
    expect(p).toMatchObject({ ipv6: true, outbound: "allow-all" });
    expect(p.services.ssh).toMatchObject({ enabled: true, access: "list", sources: ["192.0.2.10", "198.51.100.0/24"] });
    expect(p.services.http).toMatchObject({ enabled: true, access: "anyone" });
    expect(p.blocked.map((b) => b.address)).toEqual(["203.0.113.0/24", "192.0.2.99"]);
    expect(p.customRules).toEqual([expect.objectContaining({ ports: { from: 8080, to: 8080 } })]);
    expect(r.findings.map((f) => `${f.line} ${f.message.split(/[:(]/)[0]}`)).toEqual(expect.arrayContaining([
      "17 An interface-specific rule ", "22 Forwarding ", "28 NAT ",
    ]));
  });

  test("nft -j JSON: hook chains, set elements with prefixes, matches and verdicts", () => {
    const json = JSON.stringify({ nftables: [
      { metainfo: { json_schema_version: 1 } },
      { table: { family: "inet", name: "f" } },
      { chain: { family: "inet", table: "f", name: "in", type: "filter", hook: "input", prio: 0, policy: "drop" } },
      { set: { family: "inet", table: "f", name: "bad", type: "ipv4_addr", elem: [{ prefix: { addr: "203.0.113.0", len: 24 } }, "192.0.2.7"] } },
      { rule: { family: "inet", table: "f", chain: "in", expr: [{ match: { op: "==", left: { payload: { protocol: "ip", field: "saddr" } }, right: "@bad" } }, { drop: null }] } },
      { rule: { family: "inet", table: "f", chain: "in", expr: [{ match: { op: "==", left: { payload: { protocol: "tcp", field: "dport" } }, right: { set: [22, { range: [8000, 8010] }] } } }, { counter: null }, { accept: null }] } },
      { rule: { family: "inet", table: "f", chain: "in", expr: [{ match: { op: "==", left: { payload: { protocol: "tcp", field: "dport" } }, right: 2222 } }, { dnat: { addr: "10.0.0.2" } }] } },
    ] });
    const r = importFirewall("nftables", [{ path: "ruleset.json", text: json }], { panel: "other", os: "debian", name: "web1" });
    if (!r.ok) throw new Error(r.message);
    expect(r.document.policy.services.ssh).toMatchObject({ enabled: true, access: "anyone" });
    expect(r.document.policy.customRules).toEqual([expect.objectContaining({ ports: { from: 8000, to: 8010 } })]);
    expect(r.document.policy.blocked.map((b) => b.address)).toEqual(["203.0.113.0/24", "192.0.2.7"]);
    expect(r.findings).toEqual(expect.arrayContaining([expect.objectContaining({ line: 7, message: expect.stringMatching(/^Target DNAT/) })]));
  });

  test("anonymous sets after ct state, named counters, and variables from an include not given", () => {
    const conf = `include "/etc/defs.nft"
table ip filter {
  chain input {
    type filter hook input priority filter; policy drop;
    ip saddr { $gateways } accept
    ct state { established, related } accept
    ct state new tcp dport { 25, 443 } counter name web accept
    tcp dport $admin_ports accept
  }
}
`;
    const r = importFirewall("nftables", [{ path: "nftables.conf", text: conf }], { panel: "other", os: "debian", name: "gw" });
    if (!r.ok) throw new Error(r.message);
    expect(r.document.policy.services.smtp).toMatchObject({ enabled: true, access: "anyone" });
    expect(r.document.policy.services.https).toMatchObject({ enabled: true, access: "anyone" });
    expect(r.document.policy.customRules).toEqual([]);
    expect(r.findings.filter((f) => f.severity === "warning").map((f) => `${f.line} ${f.message}`)).toEqual(expect.arrayContaining([
      "5 $gateways is not defined in the given files (an include that was not given?), so this rule is not imported.",
      "8 $admin_ports is not defined in the given files (an include that was not given?), so this rule is not imported.",
    ]));
    expect(r.findings.some((f) => /Matches a profile cannot express/.test(f.message))).toBe(false);
  });

  test("without an ip or inet input chain the original lets IPv4 in: said, since the profile denies", () => {
    const conf = "table inet t {\n  chain c {\n    tcp dport 22 accept\n  }\n}\n";
    const r = importFirewall("nftables", [{ path: "nftables.conf", text: conf }], { panel: "other", os: "debian", name: "x" });
    if (!r.ok) throw new Error(r.message);
    expect(r.findings.map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^No ip or inet table filters input: the original lets all IPv4 traffic in/)]));
  });

  test("JSON that is not nft output is refused", () => {
    const r = importFirewall("nftables", [{ path: "x.json", text: '{"rules": []}' }], { panel: "other", os: "debian", name: "x" });
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/not `nft -j list ruleset` output/) });
  });

  test("an unclosed brace is a clear error", () => {
    const r = importFirewall("nftables", [{ path: "nftables.conf", text: "table inet filter {\n  chain input {\n" }], { panel: "other", os: "debian", name: "x" });
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/nftables\.conf, line 1: a \{ is never closed: the file is truncated/) });
  });
});

describe("nftables import of the blocklist layouts", () => {
  const table = (sets: string, rules: string) => `table inet portcullis {\n${sets}\n  chain input {\n    type filter hook input priority filter; policy drop;\n${rules}\n    tcp dport 22 accept\n  }\n}\n`;
  const blockedOf = (text: string) => {
    const r = importFirewall("nftables", [{ path: "portcullis.nft", text }], { panel: "other", os: "debian", name: "x" });
    if (!r.ok) throw new Error(r.message);
    return r.document.policy.blocked.map((b) => b.address);
  };

  test.each([
    {
      name: "split: hosts in a hash set, networks in an interval set",
      text: table("  set block_v4 {\n    type ipv4_addr\n    elements = { 198.51.100.7 }\n  }\n  set blocknet_v4 {\n    type ipv4_addr; flags interval\n    elements = { 192.0.2.0/24 }\n  }\n  set blocknet_v6 {\n    type ipv6_addr; flags interval\n    elements = { 2001:db8:bad::/48 }\n  }", "    ip saddr @block_v4 drop\n    ip saddr @blocknet_v4 drop\n    ip6 saddr @blocknet_v6 drop"),
    },
    {
      name: "one auto-merging interval set per family (bundles before the split)",
      text: table("  set block_v4 {\n    type ipv4_addr; flags interval; auto-merge\n    elements = { 198.51.100.7, 192.0.2.0/24 }\n  }\n  set block_v6 {\n    type ipv6_addr; flags interval; auto-merge\n    elements = { 2001:db8:bad::/48 }\n  }", "    ip saddr @block_v4 drop\n    ip6 saddr @block_v6 drop"),
    },
  ])("$name", ({ text }) => {
    expect(blockedOf(text).sort()).toEqual(["192.0.2.0/24", "198.51.100.7", "2001:db8:bad::/48"]);
  });
});
