import { expect, test } from "vitest";
import { makeProfile, setService } from "@/tests/support/profile";
import type { BlockedEntry } from "../policy/schema";
import { assessPolicy } from ".";

/** /24 networks, every tenth followed by a host inside it (so some entries are redundant). */
function blockedList(count: number): BlockedEntry[] {
  const out: BlockedEntry[] = [];
  for (let i = 0; out.length < count; i++) {
    const net = `${11 + (i % 200)}.${Math.floor(i / 200) % 256}.${Math.floor(i / 51_200) % 256}`;
    out.push({ address: `${net}.0/24`, comment: "" });
    if (i % 10 === 0 && out.length < count) out.push({ address: `${net}.9`, comment: "" });
  }
  return out;
}

test("100,000 blocked entries: first assessment stays interactive, later clicks reuse the index", () => {
  const doc = makeProfile({ adminSources: ["203.0.113.0/24"] });
  doc.policy.blocked = blockedList(100_000);
  setService(doc, "mysql", { enabled: true, access: "list", sources: ["198.51.100.7"] });

  let started = performance.now();
  const first = assessPolicy(doc);
  const firstMs = performance.now() - started;

  const clicked = { ...doc, policy: { ...doc.policy, services: { ...doc.policy.services, pop3: { ...doc.policy.services.pop3!, enabled: true } } } };
  started = performance.now();
  const second = assessPolicy(clicked);
  const secondMs = performance.now() - started;

  expect(first.some((w) => w.id === "blocked-redundant")).toBe(true);
  expect(second.some((w) => w.id === "plaintext:pop3")).toBe(true);
  expect(firstMs).toBeLessThan(3000);
  expect(secondMs).toBeLessThan(250);
});
