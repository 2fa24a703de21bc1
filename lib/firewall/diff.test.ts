import { describe, expect, test } from "vitest";
import { diffDocuments, summarizeDiff } from "./diff";
import { makeProfile, setService } from "@/tests/support/profile";
import type { ProfileDocument } from "./policy/schema";

const base = makeProfile({ adminSources: ["203.0.113.0/24"] }, (d) => setService(d, "mysql", { enabled: false }));
const texts = (after: ProfileDocument, before: ProfileDocument | null = base) => diffDocuments(before, after).map((e) => e.text);

describe("diffDocuments", () => {
  test("identical documents have no differences", () => {
    expect(diffDocuments(base, structuredClone(base))).toEqual([]);
  });

  test.each<[string, (d: ProfileDocument) => void, string[]]>([
    ["enabling MySQL opens 3306", (d) => setService(d, "mysql", { enabled: true, tcp: true, inbound: true, localhostOnly: false, access: "anyone" }),
      ["MySQL enabled", "Opened 3306/tcp (MySQL, from anyone)"]],
    ["a block", (d) => d.policy.blocked.push({ address: "198.51.100.7", comment: "" }), ["Blocked 198.51.100.7"]],
    ["a rate limit", (d) => d.policy.rateLimits.push({ id: "web", label: "", ports: { from: 443, to: 443 }, protocol: "tcp", concurrent: 50 }),
      ["Rate limit web (443/tcp, 50 concurrent) added"]],
    ["a custom inbound rule", (d) => d.policy.customRules.push({ id: "node", label: "Node exporter", ports: { from: 9100, to: 9100 }, tcp: true, udp: false, direction: "inbound", access: "admins", sources: [] }),
      ["Opened 9100/tcp (Node exporter, from administrator sources)", "Custom rule Node exporter (9100 tcp inbound, from administrator sources) added"]],
    ["the backend", (d) => { d.policy.backend = "iptables"; }, ["Backend: nftables → iptables"]],
    ["an administrator source", (d) => { d.server.adminSources = ["203.0.113.0/24", "192.0.2.1"]; }, ["Administrator source 192.0.2.1 added"]],
  ])("%s", (_what, mutate, expected) => {
    const after = structuredClone(base);
    mutate(after);
    expect(texts(after)).toEqual(expected);
  });

  test("reverting is the mirror image: closed, unblocked, removed", () => {
    const after = structuredClone(base);
    setService(after, "mysql", { enabled: true, tcp: true, inbound: true, localhostOnly: false, access: "list", sources: ["192.0.2.0/24"] });
    after.policy.blocked.push({ address: "198.51.100.7", comment: "" });
    expect(texts(base, after)).toEqual([
      "MySQL disabled",
      "MySQL: source 192.0.2.0/24 removed",
      "Closed 3306/tcp (MySQL, from listed sources)",
      "Unblocked 198.51.100.7",
    ]);
  });

  test("a new profile lists what it opens, without settings noise", () => {
    const entries = diffDocuments(null, base);
    expect(entries.every((e) => e.change === "added")).toBe(true);
    expect(entries.some((e) => e.kind === "port")).toBe(true);
  });
});

test.each([
  [[], "no changes"],
  [[{ kind: "block", change: "added", text: "Blocked 1.2.3.4", risk: "safer" }], "1 change: Blocked 1.2.3.4"],
] as const)("summarizeDiff %#", (entries, text) => {
  expect(summarizeDiff([...entries])).toBe(text);
});
