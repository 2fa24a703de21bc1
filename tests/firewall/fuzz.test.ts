/**
 * Safety fuzz: hostile text never gets past the schema; whatever does pass renders, in every
 * backend, only lines of the expected shapes (no injected lines, no broken quoting), stays valid
 * for the real tools, and huge lists still load.
 */
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { LABEL_PATTERN, PROFILE_NAME_PATTERN, labelSchema, profileDocumentSchema, serverSchema } from "@/lib/firewall/policy/schema";
import { isValidHostname } from "@/lib/firewall/policy/server";
import { BACKEND_MODULES } from "@/lib/firewall/backends";
import type { RenderMeta } from "@/lib/firewall/backends/types";
import { Netns } from "../netns/netns";
import { requires } from "../support/requires";
import { applyIptables, withFiles } from "../support/apply";
import { HOSTILE, profileInput } from "../support/arbitrary";
import { checkFirewalld } from "../support/firewalld";
import { grammarProblems } from "../support/grammar";
import { META, ruleSetOf } from "../support/samples";
import { UfwSandbox } from "../support/ufw";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

describe("the schema fences off hostile text", () => {
  test.each(HOSTILE)("label %j is rejected", (text) => {
    expect(labelSchema.safeParse(`ok ${text} ok`).success).toBe(false);
    expect(PROFILE_NAME_PATTERN.test(`ok${text}`)).toBe(false);
    expect(isValidHostname(`ok${text}.example`)).toBe(false);
    expect(serverSchema.safeParse({ name: `x${text}`, os: "debian", panel: "other" }).success).toBe(false);
  });

  test("any label the schema accepts is inside the comment allow-list", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 120 }), (s) => {
      const r = labelSchema.safeParse(s);
      return !r.success || (LABEL_PATTERN.test(r.data) && r.data.length <= 100);
    }), { numRuns: 2000 });
  });
});

function parsed(input: unknown) {
  const r = profileDocumentSchema.safeParse(input);
  return r.success ? r.data : null;
}

describe("random profiles render safely", () => {
  test("every backend emits only expected line shapes (400 profiles)", () => {
    let rendered = 0;
    fc.assert(fc.property(profileInput, (input) => {
      const doc = parsed(input);
      if (!doc) return;
      rendered += 1;
      const rs = ruleSetOf(doc);
      for (const r of Object.values(BACKEND_MODULES)) expect(grammarProblems(r.id, r.render(rs, META)), r.id).toEqual([]);
    }), { numRuns: 400 });
    expect(rendered).toBeGreaterThan(300);
  });

  test("hostile text in the header inputs (not schema-checked) stays inside comments", () => {
    const hostile = HOSTILE.join(" ");
    const meta: RenderMeta = { generatedAt: `2026${hostile}`, productVersion: hostile, warnings: HOSTILE.map((t) => ({ severity: "critical", id: `x${t}\n-A INPUT -j ACCEPT` })) };
    const rs = ruleSetOf(parsed(fc.sample(profileInput, { numRuns: 50, seed: 7 }).find((i) => parsed(i)))!);
    for (const r of Object.values(BACKEND_MODULES)) expect(grammarProblems(r.id, r.render(rs, meta)), r.id).toEqual([]);
  });

});

describe("random and huge profiles in the real tools", () => {
  requires("root", "ip", "nft", "iptables-restore", "ip6tables-restore", "ipset", "firewall-offline-cmd", "ufw");

  test("the real tools accept them (nft -c, iptables apply, firewalld check, ufw dry-run)", () => {
    const ns = new Netns("f");
    cleanups.push(() => ns.destroy());
    fc.assert(fc.property(profileInput, (input) => {
      const doc = parsed(input);
      if (!doc) return;
      const rs = ruleSetOf(doc);
      withFiles(BACKEND_MODULES.nftables.render(rs, META), (dir) => expect(ns.exec("nft", ["-c", "-f", `${dir}/portcullis.nft`]).stderr).toBe(""));
      expect(applyIptables(ns, BACKEND_MODULES.iptables.render(rs, META)).stderr).toBe("");
      expect(checkFirewalld(BACKEND_MODULES.firewalld.render(rs, META))).toEqual([]);
      const sandbox = new UfwSandbox(rs.ipv6);
      try {
        const files = BACKEND_MODULES.ufw.render(rs, META);
        // Keep the dry-run short (each ufw call takes a few hundred ms): at most 10 commands of each kind.
        const lines = files[0]!.content.split("\n");
        const kept = lines.filter((l, i) => !l.startsWith("$UFW") || lines.slice(0, i).filter((x) => x.split(" ")[1] === l.split(" ")[1]).length < 10);
        const r = sandbox.runScript([{ ...files[0]!, content: kept.join("\n") }], "--dry-run");
        expect(r.stderr).not.toMatch(/ERROR/);
        expect(r.code).toBe(0);
      } finally {
        sandbox.destroy();
      }
    }), { numRuns: 10, seed: 42, endOnFailure: true });
  }, 180_000);

  test("huge lists (60,000 blocked, 500 admin and 10,000 listed sources) load in every real tool", () => {
    const v4 = Array.from({ length: 50_000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.${(i >> 16) * 8}/29`);
    const v6 = Array.from({ length: 10_000 }, (_, i) => `2001:db8:${i.toString(16)}::/48`);
    const sources = Array.from({ length: 10_000 }, (_, i) => `172.16.${i >> 8}.${i & 255}`);
    const doc = parsed({
      format: "portcullis/profile", version: 1,
      server: { name: "huge", os: "debian", panel: "other", adminSources: sources.slice(0, 500) },
      policy: { backend: "nftables", outbound: "allow-all", ipv6: true, services: { ssh: { enabled: true, tcp: true, udp: false, inbound: true, outbound: false, localhostOnly: false, access: "admins" } }, customRules: [{ id: "listed", ports: { from: 8000, to: 8100 }, tcp: true, udp: true, direction: "inbound", access: "list", sources }], blocked: [...v4, ...v6].map((address) => ({ address })), rateLimits: [] },
    })!;
    const rs = ruleSetOf(doc);
    const ns = new Netns("h");
    cleanups.push(() => ns.destroy());
    withFiles(BACKEND_MODULES.nftables.render(rs, META), (dir) => expect(ns.exec("nft", ["-f", `${dir}/portcullis.nft`]).stderr).toBe(""));
    expect(applyIptables(ns, BACKEND_MODULES.iptables.render(rs, META)).stderr).toBe("");
    expect(ns.must("ipset", ["list", "portcullis-block4", "-t"])).toContain("Number of entries: 50000");
    expect(checkFirewalld(BACKEND_MODULES.firewalld.render(rs, META))).toEqual([]);
    for (const id of ["csf", "apf", "ufw"] as const) expect(grammarProblems(id, BACKEND_MODULES[id].render(rs, META))).toEqual([]);
    expect(BACKEND_MODULES.csf.render(rs, META)[0]!.content).toContain('LF_IPSET = "1"');
    expect(BACKEND_MODULES.ufw.limitations(rs).map((l) => l.id)).toContain("large-blocklist");
  });
});
