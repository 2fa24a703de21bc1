import { describe, expect, test } from "vitest";
import {
  customRuleSchema,
  labelSchema,
  portRangeSchema,
  portSchema,
  profileDocumentSchema,
  rateLimitSchema,
  serverSchema,
} from "./schema";
import { makeProfile } from "@/tests/support/profile";

const server = (patch: Record<string, unknown>) => serverSchema.safeParse({ name: "web1", os: "almalinux", panel: "cpanel", ...patch });

describe("addresses are parsed, checked and stored canonical", () => {
  test.each([
    ["203.0.113.7", "203.0.113.7"],
    ["203.0.113.0/24", "203.0.113.0/24"],
    [" 198.51.100.1/32 ", "198.51.100.1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:0db8:0000::/48", "2001:db8::/48"],
    ["2001:db8::1/128", "2001:db8::1"],
  ])("%s is accepted as %s", (input, canonical) => {
    const r = server({ adminSources: [input] });
    expect(r.success && r.data.adminSources).toEqual([canonical]);
  });

  test.each([
    ["0.0.0.0/0", "every address"],
    ["::/0", "every address"],
    ["203.0.113.7/24", "host bits"],
    ["010.1.2.3", "not a valid"],
    ["256.1.2.3", "not a valid"],
    ["1.2.3", "not a valid"],
    ["fe80::1%eth0", "zone id"],
    ["::ffff:192.0.2.1", "IPv4-mapped"],
    ["203.0.113.0/33", "prefix"],
    ["2001:db8::/129", "prefix"],
    ["example.com", "not a valid"],
    ["", "Enter an IP"],
    ["1.2.3.4; rm -rf /", "not a valid"],
  ])("%s is rejected (%s)", (input, why) => {
    const r = server({ adminSources: [input] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain(why);
    expect(r.error?.issues[0]?.path).toEqual(["adminSources", 0]);
  });

  test.each([
    ["ipv4", "2001:db8::1"],
    ["ipv4", "203.0.113.0/24"],
    ["ipv6", "203.0.113.1"],
    ["ipv6", "2001:db8::/64"],
  ])("server %s rejects %s", (field, value) => {
    expect(server({ [field]: value }).success).toBe(false);
  });
});

describe("ports and ranges", () => {
  test.each([1, 22, 65535])("port %i is valid", (p) => expect(portSchema.safeParse(p).success).toBe(true));
  test.each([0, -1, 65536, 22.5, Number.NaN, "22"])("port %s is invalid", (p) => expect(portSchema.safeParse(p).success).toBe(false));
  test.each([
    [{ from: 49152, to: 65534 }, true],
    [{ from: 80, to: 80 }, true],
    [{ from: 65534, to: 49152 }, false],
    [{ from: 0, to: 10 }, false],
    [{ from: 1, to: 70000 }, false],
  ])("range %o valid: %s", (range, ok) => expect(portRangeSchema.safeParse(range).success).toBe(ok));
});

describe("names and labels that reach rule files", () => {
  test.each(["web1", "Web server 1", "host-a.example_b", "9lives"])("profile name %s is accepted", (name) => {
    expect(server({ name }).success).toBe(true);
  });
  test.each(["", " ", "-lead", "a\"b", "a;b", "a\nb", "x".repeat(65), "$(reboot)", "ä-umlaut"])("profile name %j is rejected", (name) => {
    expect(server({ name }).success).toBe(false);
  });
  test.each(["Office VPN", "Partner API (v2): 10/s", "node_exporter, prometheus+grafana"])("label %s is accepted", (label) => {
    expect(labelSchema.safeParse(label).success).toBe(true);
  });
  test.each([
    'ends "quote',
    "new\nline",
    "back`tick`",
    "$(id)",
    "# Include /etc/passwd",
    "<script>",
    "semi;$(id)",
    "a&b|c",
    "x".repeat(101),
  ])("hostile label %j is rejected", (label) => {
    expect(labelSchema.safeParse(label).success).toBe(false);
  });
  test.each(["semi;colon", "Bob's office", "SMTP & submission"])("label %j is accepted: each backend quotes or replaces ; & ' in its comments", (label) => {
    expect(labelSchema.safeParse(label)).toMatchObject({ success: true, data: label });
  });
  test.each(["ssh", "cpanel-licensing-2089", "a".repeat(31)])("custom rule id %s is accepted", (id) => {
    expect(customRuleSchema.safeParse({ id, ports: { from: 1, to: 1 }, tcp: true, udp: false, direction: "inbound" }).success).toBe(true);
  });
  test.each(["SSH", "1abc", "a_b", "a.b", "a".repeat(32), ""])("custom rule id %j is rejected", (id) => {
    expect(customRuleSchema.safeParse({ id, ports: { from: 1, to: 1 }, tcp: true, udp: false, direction: "inbound" }).success).toBe(false);
  });
  test.each(["host.example.com", "a", "x-1.example"])("host name %s is accepted", (hostname) => {
    expect(server({ hostname }).success).toBe(true);
  });
  test.each(["-bad.example", "bad-.example", "a..b", "under_score.example", "sp ace"])("host name %j is rejected", (hostname) => {
    expect(server({ hostname }).success).toBe(false);
  });
});

describe("rules and limits", () => {
  test("a custom rule needs a protocol", () => {
    expect(customRuleSchema.safeParse({ id: "x", ports: { from: 1, to: 1 }, tcp: false, udp: false, direction: "inbound" }).success).toBe(false);
  });
  test.each([
    [{ id: "r", ports: { from: 25, to: 25 }, protocol: "tcp", newConnections: { count: 10, seconds: 300 } }, true],
    [{ id: "r", ports: { from: 25, to: 25 }, protocol: "tcp", concurrent: 20 }, true],
    [{ id: "r", ports: { from: 25, to: 25 }, protocol: "tcp" }, false],
    [{ id: "r", ports: { from: 25, to: 25 }, protocol: "tcp", newConnections: { count: 0, seconds: 300 } }, false],
    [{ id: "r", ports: { from: 25, to: 25 }, protocol: "icmp", concurrent: 1 }, false],
  ])("rate limit %o valid: %s", (limit, ok) => expect(rateLimitSchema.safeParse(limit).success).toBe(ok));

  test.each(["customRules", "rateLimits"] as const)("ids in %s must be unique", (list) => {
    const doc = makeProfile();
    const rule = { id: "web", label: "", ports: { from: 8080, to: 8080 }, tcp: true, udp: false, direction: "inbound" as const, access: "anyone" as const, sources: [] };
    if (list === "customRules") doc.policy.customRules.push(rule, { ...rule });
    else doc.policy.rateLimits.push({ ...doc.policy.rateLimits[0]! });
    const r = profileDocumentSchema.safeParse(doc);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["policy", list, 1, "id"]);
  });

  test("unknown fields are refused, so typos do not pass silently", () => {
    const doc = makeProfile() as unknown as Record<string, Record<string, unknown>>;
    doc.policy!.ipV6 = true;
    expect(profileDocumentSchema.safeParse(doc).success).toBe(false);
  });
});
