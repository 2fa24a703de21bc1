/**
 * Live traffic through the nftables and iptables output of every sample, in a server namespace
 * joined to a client namespace: the observed open/closed matrix must equal what the RuleSet says.
 */
import { afterAll, describe, expect, test } from "vitest";
import { iptablesRenderer } from "@/lib/firewall/backends/iptables/render";
import { ufwRenderer } from "@/lib/firewall/backends/ufw/render";
import { nftablesRenderer } from "@/lib/firewall/backends/nftables/render";
import { requires } from "../support/requires";
import { applyIptables, applyNft } from "../support/apply";
import { verifyBehaviour, type Lab } from "../support/behaviour";
import { META, SAMPLE_RULESETS, ruleSetOf } from "../support/samples";
import { SAMPLE_ADDRESSES } from "../support/sample-profiles";
import { UfwSandbox } from "../support/ufw";

const labs: Lab[] = [];
const sandboxes: UfwSandbox[] = [];
afterAll(() => {
  labs.forEach((l) => l.destroy());
  sandboxes.forEach((s) => s.destroy());
});

describe("traffic matches the profile", () => {
  requires("root", "ip", "nft", "iptables-restore", "ip6tables-restore", "ipset", "ufw");
  test.each(SAMPLE_RULESETS)("nftables: $id", async ({ ruleSet }) => {
    const files = nftablesRenderer.render(ruleSet, META);
    expect(await verifyBehaviour(ruleSet, (ns) => applyNft(ns, files), labs)).toEqual([]);
  });

  // The nftables blocklist is two sets per family (hosts in a hash set, networks in an interval
  // set without auto-merge) and leaves out entries another entry covers: the blocked client as a
  // single address, and inside networks with nested and repeated entries, must still be cut off.
  const { document: limits } = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!;
  const { v4, v6 } = SAMPLE_ADDRESSES.blocked;
  test.each([
    { name: "the blocked client as a single address (hash sets)", blocked: [v4, v6, "100.64.12.7"], covered: 0 },
    { name: "covered entries left out (a host in a network, a network in a wider one, twice)", blocked: ["192.0.2.0/24", v4, "192.0.2.0/25", "192.0.2.0/24", "2001:db8:bad::/48", v6, "2001:db8:bad::/64", "100.64.12.7"], covered: 5 },
  ])("nftables: $name", async ({ blocked, covered }) => {
    const ruleSet = ruleSetOf({ ...limits, policy: { ...limits.policy, backend: "nftables", blocked: blocked.map((address) => ({ address, comment: "" })) } });
    const files = nftablesRenderer.render(ruleSet, META);
    expect(files[0]!.content.includes(`# ${covered} blocked entries of the profile left out`)).toBe(covered > 0);
    expect(await verifyBehaviour(ruleSet, (ns) => applyNft(ns, files), labs)).toEqual([]);
  });

  test.each(SAMPLE_RULESETS)("iptables: $id", async ({ ruleSet }) => {
    const files = iptablesRenderer.render(ruleSet, META);
    expect(await verifyBehaviour(ruleSet, (ns) => applyIptables(ns, files), labs)).toEqual([]);
  });

  test.each(SAMPLE_RULESETS)("ufw (sandboxed config, real rules in the namespace): $id", async ({ ruleSet }) => {
    const files = ufwRenderer.render(ruleSet, META);
    const sandbox = new UfwSandbox(ruleSet.ipv6);
    sandboxes.push(sandbox);
    // ufw declares that IPV6=no drops IPv6 instead of leaving it unfiltered; the expectation follows that.
    const ipv6OffOpen = !ufwRenderer.limitations(ruleSet).some((l) => l.id === "ipv6-off-drops-all");
    expect(await verifyBehaviour(ruleSet, (ns) => sandbox.apply(files, ns), labs, { ipv6OffOpen })).toEqual([]);
  });
});

describe("the harness can fail", () => {
  requires("root", "ip");
  test("with no firewall applied, the locked-down and limits samples report mismatches in every check", async () => {
    const ok = { code: 0, stdout: "", stderr: "" };
    for (const id of ["locked-down", "blocks-and-limits"]) {
      const { ruleSet } = SAMPLE_RULESETS.find((s) => s.id === id)!;
      const problems = await verifyBehaviour(ruleSet, () => ok, labs);
      expect(problems.some((p) => p.includes("expected closed"))).toBe(true);
      if (id === "locked-down") expect(problems.some((p) => p.startsWith("out ") && p.includes("expected closed"))).toBe(true);
      if (id === "blocks-and-limits") expect(problems.filter((p) => /burst|held/.test(p)).length).toBeGreaterThanOrEqual(2);
    }
  });
});
