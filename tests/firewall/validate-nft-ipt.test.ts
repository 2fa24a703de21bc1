/**
 * nftables and iptables output of every sample through the real tools, inside throw-away
 * namespaces: `nft -c -f`, then a real apply (iptables-restore --test misses unknown targets).
 */
import { afterAll, describe, expect, test } from "vitest";
import { iptablesRenderer } from "@/lib/firewall/backends/iptables/render";
import { nftablesRenderer } from "@/lib/firewall/backends/nftables/render";
import { Netns } from "../netns/netns";
import { requires } from "../support/requires";
import { applyIptables, withFiles } from "../support/apply";
import { META, SAMPLE_RULESETS } from "../support/samples";

const namespaces: Netns[] = [];
afterAll(() => namespaces.forEach((n) => n.destroy()));
function fresh(): Netns {
  const ns = new Netns("v");
  namespaces.push(ns);
  return ns;
}

describe("real validators", () => {
  requires("root", "ip", "nft", "iptables-restore", "ip6tables-restore", "ipset");
  test.each(SAMPLE_RULESETS)("nft -c -f accepts $id, and a re-apply is idempotent", ({ ruleSet }) => {
    const files = nftablesRenderer.render(ruleSet, META);
    const ns = fresh();
    withFiles(files, (dir) => {
      const check = ns.exec("nft", ["-c", "-f", `${dir}/portcullis.nft`]);
      expect(check.stderr).toBe("");
      expect(check.code).toBe(0);
      expect(ns.exec("nft", ["-f", `${dir}/portcullis.nft`]).code).toBe(0);
      const first = ns.must("nft", ["list", "table", "inet", "portcullis"]);
      const again = ns.exec("nft", ["-f", `${dir}/portcullis.nft`]);
      expect(again.stderr).toBe("");
      expect(ns.must("nft", ["list", "table", "inet", "portcullis"])).toBe(first);
    });
  });

  test.each(SAMPLE_RULESETS)("iptables/ip6tables/ipset restore really apply $id, twice, beside a foreign chain", ({ ruleSet }) => {
    const files = iptablesRenderer.render(ruleSet, META);
    const ns = fresh();
    ns.must("iptables", ["-N", "DOCKER-USER"]);
    const first = applyIptables(ns, files);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const saved = ns.must("iptables-save", []);
    expect(applyIptables(ns, files).code).toBe(0);
    const strip = (s: string) => s.replace(/^#.*$/gm, "");
    expect(strip(ns.must("iptables-save", []))).toBe(strip(saved));
    expect(saved).toContain(":DOCKER-USER");
    expect(saved.match(/-A INPUT -j PORTCULLIS-IN/g)).toHaveLength(1);
    if (ruleSet.ipv6) expect(ns.must("ip6tables-save", [])).toContain("-A INPUT -j PORTCULLIS-IN");
  });
});
