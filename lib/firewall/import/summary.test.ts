import { describe, expect, test } from "vitest";
import { importFirewall } from ".";
import { SAMPLE_SIZE, summarizeProfile } from "./summary";

const conf = 'TCP_IN = "22,80,443,2087,30000:35000"\nUDP_IN = "53"\nTCP_OUT = "25,80,443"\nUDP_OUT = "53"\nIPV6 = "1"\nTCP6_IN = "22,80,443,2087,30000:35000"\nUDP6_IN = "53"\nTCP6_OUT = "25,80,443"\nUDP6_OUT = "53"\nPORTFLOOD = "22;tcp;5;300"\n';
const deny = Array.from({ length: 120 }, (_, i) => `198.51.100.${i} # lfd ${i}`).join("\n");
const allow = "tcp|in|d=2087|s=203.0.113.5 # support\n";

describe("summarizeProfile", () => {
  const imported = importFirewall("csf", [{ path: "csf.conf", text: conf }, { path: "csf.deny", text: deny }, { path: "csf.allow", text: allow }], { panel: "cpanel", os: "almalinux", name: "web" });
  if (!imported.ok) throw new Error(imported.message);
  const summary = summarizeProfile(imported.document);

  test("services by their catalog names with ports, protocols, direction and who", () => {
    expect(summary.services).toContainEqual({ name: expect.stringMatching(/SSH/), ports: "22", protocols: "TCP", direction: "in", sources: "anyone", sourceCount: 0 });
    expect(summary.services.find((s) => s.ports === "2087")).toMatchObject({ protocols: "TCP", direction: "in" });
  });

  test("what no service holds is a custom rule; outbound restricted with the outbound ports", () => {
    expect(summary.outbound).toBe("restricted");
    expect(summary.customRules).toContainEqual(expect.objectContaining({ ports: "30000-35000", protocols: "TCP", direction: "in", sources: "anyone" }));
    expect(summary.ipv6).toBe(true);
    expect(summary.backend).toBe("nftables");
  });

  test("a long blocked list is counted and sampled; limits read as sentences", () => {
    expect(summary.blocked.count).toBe(120);
    expect(summary.blocked.sample).toHaveLength(SAMPLE_SIZE);
    expect(summary.blocked.sample[0]).toEqual({ address: "198.51.100.0", comment: "lfd 0" });
    expect(summary.limits).toEqual([{ ports: "TCP 22", text: "4 new connections per 300 s per source" }]);
  });
});
