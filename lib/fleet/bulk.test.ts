import { describe, expect, test } from "vitest";
import { createDefaultDocument, type Policy } from "@/lib/firewall";
import { applyBulkChange, applyTagChange, bulkChangeSchema, describeBulkChange, type BulkChangeInput } from "./bulk";

const policy = (): Policy => createDefaultDocument({ name: "web1", os: "almalinux", panel: "cpanel", adminSources: ["203.0.113.0/24"] }).policy;
const parse = (input: BulkChangeInput) => bulkChangeSchema.parse(input);
const errors = (input: unknown) => {
  const r = bulkChangeSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("bulk change input", () => {
  test("pasted addresses come out canonical and deduplicated", () => {
    const c = parse({ kind: "block", addresses: "192.0.2.1\n192.0.2.1, 2001:DB8::1\n198.51.100.0/24 # a comment" });
    expect(c.kind === "block" && c.addresses).toEqual(["192.0.2.1", "2001:db8::1", "198.51.100.0/24"]);
  });
  test("bad lines are named with their line number", () => {
    expect(errors({ kind: "block", addresses: "192.0.2.1\nnot-an-address" })).toEqual([expect.stringMatching(/^Line 2 \(not-an-address\): /)]);
    expect(errors({ kind: "unblock", addresses: "  " })).toEqual(["Enter at least one address or network."]);
  });
  test("comments and labels cannot carry rule syntax", () => {
    expect(errors({ kind: "block", addresses: "192.0.2.1", comment: 'x"; drop' }).length).toBeGreaterThan(0);
    expect(errors({ kind: "open-port", ports: { from: 8443, to: 8443 }, tcp: true, udp: false, label: "a\nb" }).length).toBeGreaterThan(0);
  });
  test("open-port needs a protocol, and sources when access is a list", () => {
    expect(errors({ kind: "open-port", ports: { from: 1, to: 1 }, tcp: false, udp: false })).toContain("Choose TCP, UDP or both.");
    expect(errors({ kind: "open-port", ports: { from: 1, to: 1 }, tcp: true, udp: false, access: "list" })).toContain("List at least one source, or choose another access.");
  });
  test("unknown kinds and fields are refused", () => {
    expect(errors({ kind: "format-disk" }).length).toBeGreaterThan(0);
    expect(errors({ kind: "backend", backend: "nftables", extra: 1 }).length).toBeGreaterThan(0);
    expect(errors({ kind: "backend", backend: "pf" }).length).toBeGreaterThan(0);
    expect(errors({ kind: "tags", add: "", remove: "" })).toContain("Name at least one tag to add or remove.");
  });
});

describe("applyBulkChange", () => {
  test("block adds only what is not yet blocked, with the comment", () => {
    const p = policy();
    p.blocked = [{ address: "192.0.2.1", comment: "" }];
    const out = applyBulkChange(p, parse({ kind: "block", addresses: "192.0.2.1\n192.0.2.2", comment: "scanner" }));
    expect(out.changed).toBe(true);
    expect(out.policy.blocked).toEqual([{ address: "192.0.2.1", comment: "" }, { address: "192.0.2.2", comment: "scanner" }]);
    expect(p.blocked).toHaveLength(1);
    expect(applyBulkChange(out.policy, parse({ kind: "block", addresses: "192.0.2.2" })).changed).toBe(false);
  });
  test("unblock removes the entries named", () => {
    const p = policy();
    p.blocked = [{ address: "192.0.2.1", comment: "" }, { address: "198.51.100.0/24", comment: "" }];
    const out = applyBulkChange(p, parse({ kind: "unblock", addresses: "198.51.100.0/24\n192.0.2.99" }));
    expect(out.policy.blocked.map((b) => b.address)).toEqual(["192.0.2.1"]);
    expect(applyBulkChange(out.policy, parse({ kind: "unblock", addresses: "198.51.100.0/24" })).changed).toBe(false);
  });
  test("open-port adds one inbound custom rule with a free id; the same rule again changes nothing", () => {
    const input = { kind: "open-port", ports: { from: 8443, to: 8443 }, tcp: true, udp: false, access: "admins", label: "Monitoring" } as const;
    const change = parse(input);
    const once = applyBulkChange(policy(), change);
    expect(once.policy.customRules).toEqual([{ id: "bulk-tcp-8443", label: "Monitoring", ports: { from: 8443, to: 8443 }, tcp: true, udp: false, direction: "inbound", access: "admins", sources: [] }]);
    expect(applyBulkChange(once.policy, change).changed).toBe(false);
    const wider = applyBulkChange(once.policy, parse({ ...input, access: "anyone" }));
    expect(wider.policy.customRules.map((r) => r.id)).toEqual(["bulk-tcp-8443", "bulk-tcp-8443-2"]);
  });
  test("close-port removes or narrows custom rules on exactly those ports", () => {
    const p = policy();
    p.customRules = [
      { id: "a", label: "", ports: { from: 9000, to: 9000 }, tcp: true, udp: true, direction: "inbound", access: "anyone", sources: [] },
      { id: "b", label: "", ports: { from: 9000, to: 9001 }, tcp: true, udp: false, direction: "inbound", access: "anyone", sources: [] },
      { id: "c", label: "", ports: { from: 9000, to: 9000 }, tcp: true, udp: false, direction: "outbound", access: "anyone", sources: [] },
    ];
    const out = applyBulkChange(p, parse({ kind: "close-port", ports: { from: 9000, to: 9000 }, tcp: true, udp: false }));
    expect(out.changed).toBe(true);
    expect(out.policy.customRules.map((r) => [r.id, r.tcp, r.udp])).toEqual([["a", false, true], ["b", true, false], ["c", true, false]]);
    const none = applyBulkChange(out.policy, parse({ kind: "close-port", ports: { from: 7, to: 7 }, tcp: true, udp: true }));
    expect(none.changed).toBe(false);
  });
  test("backend switch", () => {
    const p = policy();
    const target = p.backend === "nftables" ? "iptables" : "nftables";
    expect(applyBulkChange(p, parse({ kind: "backend", backend: target })).policy.backend).toBe(target);
    expect(applyBulkChange(p, parse({ kind: "backend", backend: p.backend })).changed).toBe(false);
  });
  test("tags change only the tags", () => {
    const change = parse({ kind: "tags", add: "eu-west, Shared", remove: "old" });
    if (change.kind !== "tags") throw new Error("kind");
    expect(applyTagChange(["old", "web"], change)).toEqual(["eu-west", "shared", "web"]);
    expect(applyTagChange(["eu-west", "shared"], change)).toBeNull();
    expect(applyBulkChange(policy(), change).changed).toBe(false);
  });
  test("descriptions name the action for the audit trail", () => {
    expect(describeBulkChange(parse({ kind: "block", addresses: "192.0.2.1 192.0.2.2" }))).toBe("block 2 addresses");
    expect(describeBulkChange(parse({ kind: "open-port", ports: { from: 6000, to: 6010 }, tcp: true, udp: true }))).toBe("open TCP+UDP 6000-6010 to anyone");
    expect(describeBulkChange(parse({ kind: "backend", backend: "nftables" }))).toMatch(/^switch backend to nftables/);
  });
});
