import { expect, test } from "vitest";
import { makeProfile, setService } from "@/tests/support/profile";
import type { BlockedEntry } from "../policy/schema";
import { assessPolicy } from ".";
import { networkIndexOf } from "./network-index";
import { CSF_MAX_BLOCKED_PER_FAMILY } from "../backends/csf/facts";

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

/**
 * How long these take is measured by the bench (`npm run bench -- render`: "live warnings, first
 * assessment" and "after a click"); this test proves what makes the click cheap: the index.
 */
test("100,000 blocked entries: the findings are right, and a later click reuses the index", () => {
  const doc = makeProfile({ adminSources: ["203.0.113.0/24"] });
  doc.policy.blocked = blockedList(100_000);
  setService(doc, "mysql", { enabled: true, access: "list", sources: ["198.51.100.7"] });

  const first = assessPolicy(doc);
  const index = networkIndexOf(doc.policy.blocked, (b) => b.address);
  expect(index.size).toBe(100_000);

  const clicked = { ...doc, policy: { ...doc.policy, services: { ...doc.policy.services, pop3: { ...doc.policy.services.pop3!, enabled: true } } } };
  const second = assessPolicy(clicked);

  expect(first.some((w) => w.id === "blocked-redundant")).toBe(true);
  expect(second.some((w) => w.id === "plaintext:pop3")).toBe(true);
  // The click left the blocked list untouched, so the same sorted index serves it.
  expect(networkIndexOf(clicked.policy.blocked, (b) => b.address)).toBe(index);
  // A changed list gets its own index.
  const edited = [...doc.policy.blocked, { address: "192.0.2.1", comment: "" }];
  expect(networkIndexOf(edited, (b) => b.address)).not.toBe(index);
});

test("more blocked entries than CSF's sets hold: critical for CSF only", () => {
  const doc = makeProfile({ adminSources: ["203.0.113.0/24"] });
  doc.policy.blocked = Array.from({ length: CSF_MAX_BLOCKED_PER_FAMILY + 1 }, (_, i) => ({ address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, comment: "" }));
  doc.policy.backend = "csf";
  expect(assessPolicy(doc).find((w) => w.id === "csf-set-capacity")?.severity).toBe("critical");
  doc.policy.backend = "nftables";
  expect(assessPolicy(doc).some((w) => w.id === "csf-set-capacity")).toBe(false);
  doc.policy.backend = "csf";
  doc.policy.blocked = doc.policy.blocked.slice(0, CSF_MAX_BLOCKED_PER_FAMILY);
  expect(assessPolicy(doc).some((w) => w.id === "csf-set-capacity")).toBe(false);
}, 120_000);
