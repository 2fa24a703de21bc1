import { describe, expect, test } from "vitest";
import { getCatalog } from "../catalog";
import { resolvePolicy } from "../policy/resolve";
import type { Backend, RateLimit } from "../policy/schema";
import { META } from "@/tests/support/samples";
import { makeProfile } from "@/tests/support/profile";
import { renderRules } from "./index";
import { describeLimit } from "./limit-notes";

const limit = (patch: Partial<RateLimit> = {}): RateLimit => ({ id: "smtp", label: "", ports: { from: 25, to: 25 }, protocol: "tcp", newConnections: { count: 30, seconds: 60 }, ...patch });
const texts = (backend: Backend, l: RateLimit) => describeLimit(backend, l).map((n) => n.text);

describe("describeLimit: the chosen backend's translation of a rate limit", () => {
  test("CSF caps 30 per 60 s at 19, the number its PORTFLOOD line carries", () => {
    expect(texts("csf", limit())).toEqual(["CSF: enforced as at most 19 new connections per 60 s (not 30: PORTFLOOD counts at most 20 hits); a source over it is blocked until quiet for 60 s"]);
    const doc = makeProfile({}, (d) => { d.policy.backend = "csf"; d.policy.rateLimits = [limit()]; });
    const conf = renderRules("csf", resolvePolicy(doc, getCatalog(doc.server.panel)), META).find((f) => f.path.endsWith(".conf"))?.content ?? "";
    // The hit that reaches the count is dropped: 20 hits = 19 let through, as the note says.
    expect(conf).toMatch(/^PORTFLOOD = "25;tcp;20;60"$/m);
  });

  test("CSF under the cap is enforced as written; a UDP cap cannot be enforced", () => {
    expect(texts("csf", limit({ newConnections: { count: 10, seconds: 60 } }))[0]).toBe("CSF: enforced as at most 10 new connections per 60 s; a source over it is blocked until quiet for 60 s");
    const udp = describeLimit("csf", limit({ protocol: "udp", newConnections: undefined, concurrent: 5 }));
    expect(udp).toEqual([{ exact: false, text: "CSF: cannot enforce at most 5 concurrent UDP connections: CONNLIMIT counts TCP only" }]);
  });

  test("nftables shows the token bucket its ruleset renders", () => {
    expect(texts("nftables", limit({ concurrent: 50 }))).toEqual([
      "nftables: enforced by nft dynamic sets (IPv6 per /64) as 30 new connections per 60 s per source (token bucket 30/minute, burst 30)",
      "nftables: enforced by nft dynamic sets (IPv6 per /64) as at most 50 concurrent connections per source",
    ]);
    const doc = makeProfile({}, (d) => { d.policy.rateLimits = [limit()]; });
    const files = renderRules("nftables", resolvePolicy(doc, getCatalog(doc.server.panel)), META);
    expect(files.map((f) => f.content).join("\n")).toContain("= token bucket 30/minute, burst 30");
  });

  test("every backend says something for each part of a limit, and the text differs by backend", () => {
    const backends: Backend[] = ["nftables", "iptables", "firewalld", "ufw", "csf", "apf"];
    const all = backends.map((b) => texts(b, limit({ concurrent: 5 })));
    for (const notes of all) expect(notes).toHaveLength(2);
    expect(new Set(all.map((n) => n[0])).size).toBe(backends.length);
    expect(texts("ufw", limit())[0]).toContain("not `ufw limit` (fixed at 6 per 30 s)");
  });
});
