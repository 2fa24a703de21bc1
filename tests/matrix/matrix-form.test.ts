import { describe, expect, test } from "vitest";
import { createDefaultDocument } from "@/lib/firewall/policy/defaults";
import { policySchema } from "@/lib/firewall/policy/schema";
import { draftOfStart, draftsEqual, freeId, matrixStart, toDraft } from "@/components/matrix/draft";
import { draftReducer } from "@/components/matrix/draft-reducer";
import { webprosSourceList } from "@/lib/firewall/source-lists/references";
import type { MatrixDraft } from "@/lib/validations/matrix-draft";
import { parsePortRange, readBlockedList, readDraft } from "@/lib/validations/matrix";

const doc = createDefaultDocument({ name: "web1", os: "almalinux", panel: "cpanel" });

function draftWith(change: (d: MatrixDraft) => void): MatrixDraft {
  const d = structuredClone(toDraft(doc.policy));
  change(d);
  return d;
}

describe("parsePortRange", () => {
  test.each([
    ["22", { from: 22, to: 22 }],
    [" 8000-8100 ", { from: 8000, to: 8100 }],
    ["8000:8100", { from: 8000, to: 8100 }],
    ["65535", { from: 65535, to: 65535 }],
  ])("accepts %j", (text, value) => {
    expect(parsePortRange(text)).toEqual({ ok: true, value });
  });
  test.each([
    ["", "Enter a port or a range such as 8000-8100."],
    ["ssh", "Enter a port (1–65535) or a range such as 8000-8100."],
    ["0", "Ports run from 1 to 65535."],
    ["70000", "Ports run from 1 to 65535."],
    ["9000-8000", "The range must start at or below its end."],
    ["22.5", "Enter a port (1–65535) or a range such as 8000-8100."],
  ])("refuses %j", (text, error) => {
    expect(parsePortRange(text)).toEqual({ ok: false, error });
  });
});

describe("readBlockedList", () => {
  test("canonical addresses with their line's comment, duplicates dropped, errors by line", () => {
    const reading = readBlockedList("192.0.2.0/24 # Abuse reports\n\n2001:DB8::/32, 198.51.100.1\n10.0.0.1/8\n192.0.2.0/24\nfoo # x");
    expect(reading.entries).toEqual([
      { address: "192.0.2.0/24", comment: "Abuse reports" },
      { address: "2001:db8::/32", comment: "" },
      { address: "198.51.100.1", comment: "" },
    ]);
    expect(reading.errors).toEqual([
      'Line 4: "10.0.0.1/8" has host bits set; the network is 10.0.0.0/8.',
      'Line 6: "foo" is not a valid IPv4 or IPv6 address.',
    ]);
  });
  test("a comment with unsafe characters is an error on its line", () => {
    expect(readBlockedList("192.0.2.1 # $(reboot)").errors).toEqual([
      "Line 1: comment: Use only letters, digits, spaces and _ . , : ; & ' / ( ) + -",
    ]);
  });
});

describe("readDraft", () => {
  test("an untouched draft reads back as the policy it came from", () => {
    const reading = readDraft(toDraft(doc.policy));
    expect(reading.errors).toEqual({});
    expect(reading.policy).toEqual(doc.policy);
    expect(policySchema.safeParse(reading.policy).success).toBe(true);
  });

  test("errors are keyed by field; bad entries are left out of the policy", () => {
    const draft = draftWith((d) => {
      d.services.ssh!.access = "list";
      d.services.ssh!.sourcesText = "203.0.113.0/24\n203.0.113.7/24";
      d.services["ftp-passive"]!.rangeText = "50000-40000";
      d.customRules.push({ uid: "c1", id: "rule-1", label: "Bad \"label\"", portsText: "9100", tcp: true, udp: false, direction: "inbound", access: "anyone", sourcesText: "" });
      d.customRules.push({ uid: "c2", id: "rule-2", label: "", portsText: "9200", tcp: false, udp: false, direction: "inbound", access: "anyone", sourcesText: "" });
      d.rateLimits.push({ uid: "r1", id: "limit-1", label: "", portsText: "25", protocol: "tcp", countText: "", secondsText: "", concurrentText: "" });
      d.rateLimits.push({ uid: "r2", id: "limit-2", label: "", portsText: "587", protocol: "tcp", countText: "10", secondsText: "0", concurrentText: "x" });
    });
    const { errors, errorCount, policy } = readDraft(draft);
    expect(errors).toEqual({
      "service:ssh:sources": ['Line 2: "203.0.113.7/24" has host bits set; the network is 203.0.113.0/24.'],
      "service:ftp-passive:range": ["The range must start at or below its end."],
      "custom:c1:label": ["Use only letters, digits, spaces and _ . , : ; & ' / ( ) + -"],
      "custom:c2:protocol": ["Choose TCP, UDP or both."],
      "rate:r1:limit": ["Set a new-connection rate, a concurrent-connection cap, or both."],
      "rate:r2:seconds": ["At least 1 second."],
      "rate:r2:concurrent": ["Enter a whole number."],
    });
    expect(errorCount).toBe(7);
    expect(policy.services.ssh!.sources).toEqual(["203.0.113.0/24"]);
    expect(policy.services["ftp-passive"]!.ports).toBeUndefined();
    expect(policy.customRules).toEqual([]);
    expect(policy.rateLimits.map((r) => r.id)).toEqual(doc.policy.rateLimits.map((r) => r.id));
    expect(policySchema.safeParse(policy).success).toBe(true);
  });

  test("valid custom rules and limits come out in the profile's shape", () => {
    const draft = draftWith((d) => {
      d.customRules.push({ uid: "c1", id: "rule-1", label: "Exporter", portsText: "9100-9101", tcp: true, udp: true, direction: "inbound", access: "list", sourcesText: "198.51.100.0/24, 2001:DB8::1" });
      d.rateLimits.push({ uid: "r1", id: "limit-1", label: "", portsText: "587", protocol: "tcp", countText: "", secondsText: "", concurrentText: "20" });
    });
    const { policy, errors } = readDraft(draft);
    expect(errors).toEqual({});
    expect(policy.customRules).toEqual([
      { id: "rule-1", label: "Exporter", ports: { from: 9100, to: 9101 }, tcp: true, udp: true, direction: "inbound", access: "list", sources: ["198.51.100.0/24", "2001:db8::1"] },
    ]);
    expect(policy.rateLimits.at(-1)).toEqual({ id: "limit-1", label: "", ports: { from: 587, to: 587 }, protocol: "tcp", concurrent: 20 });
  });
});

describe("draftsEqual", () => {
  test("equal by value, not identity; a changed tick or text is a difference", () => {
    const base = toDraft(doc.policy);
    expect(draftsEqual(base, toDraft(doc.policy))).toBe(true);
    expect(draftsEqual(base, draftWith((d) => { d.services.ssh!.enabled = false; }))).toBe(false);
    expect(draftsEqual(base, draftWith((d) => { d.blockedText = "192.0.2.1"; }))).toBe(false);
    expect(draftsEqual(base, draftWith((d) => { d.rateLimits[0]!.countText = "11"; }))).toBe(false);
  });
});

test("freeId picks the first unused number", () => {
  expect(freeId("rule", [{ id: "rule-1" }, { id: "rule-3" }])).toBe("rule-2");
  expect(freeId("limit", [])).toBe("limit-1");
});

describe("matrixStart", () => {
  test("the page's start (policy without entries, list as text) makes the same draft as the policy", () => {
    const doc = createDefaultDocument({ name: "web2", os: "debian", panel: "froxlor" });
    doc.policy.blocked = [{ address: "198.51.100.0/24", comment: "scanner" }, { address: "2001:db8:bad::/48", comment: "" }];
    const start = matrixStart(doc.policy);
    expect(start.policy).not.toHaveProperty("blocked");
    expect(start.blockedText).toBe("198.51.100.0/24 # scanner\n2001:db8:bad::/48");
    expect(draftsEqual(draftOfStart(start), toDraft(doc.policy))).toBe(true);
    expect(readDraft(draftOfStart(start)).policy?.blocked).toEqual(doc.policy.blocked);
  });
});

describe("named source lists in the draft", () => {
  const webpros = webprosSourceList();
  test("adding a preset saves a reference and the list; removing the last chip drops both", () => {
    const start = toDraft(doc.policy);
    const added = draftReducer(start, { type: "list-add", serviceId: "https", ref: webpros.id, list: webpros });
    const policy = readDraft(added).policy;
    expect(policy.services.https?.lists).toEqual([webpros.id]);
    expect(policy.sourceLists).toEqual([webpros]);
    expect(policySchema.safeParse(policy).success).toBe(true);
    expect(draftsEqual(added, start)).toBe(false);

    const removed = draftReducer(added, { type: "list-remove", serviceId: "https", ref: webpros.id });
    expect(readDraft(removed).policy).not.toHaveProperty("sourceLists");
    expect(draftsEqual(removed, start)).toBe(true);
  });

  test("a saved reference comes back as the same draft", () => {
    const added = readDraft(draftReducer(toDraft(doc.policy), { type: "list-add", serviceId: "https", ref: "admins" })).policy;
    expect(draftsEqual(toDraft(added), toDraft(structuredClone(added)))).toBe(true);
    expect(added).not.toHaveProperty("sourceLists");
  });
});
