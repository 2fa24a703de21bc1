import { describe, expect, test } from "vitest";
import { parseNetwork } from "../address";
import { rateLimitSchema } from "../policy/schema";
import { HARDENING_PRESETS, TRUSTED_PRESETS, WEBPROS_SEO_SCANNERS, eximReverseDnsAcl } from ".";

describe("trusted presets", () => {
  test("the WebPros SEO scanners are the eight published addresses", () => {
    expect(WEBPROS_SEO_SCANNERS.addresses).toHaveLength(8);
  });
  test.each(TRUSTED_PRESETS.flatMap((p) => p.addresses))("%s is stored canonical", (address) => {
    const r = parseNetwork(address);
    expect(r.ok && r.value.text).toBe(address);
  });
});

describe("hardening presets", () => {
  test.each(HARDENING_PRESETS.flatMap((p) => p.rateLimits))("$id is a valid rate limit", (limit) => {
    expect(rateLimitSchema.parse(limit)).toEqual(limit);
  });
  test("SMTP rate limit is 10 per 300 s on 25/tcp; concurrent caps cover 25, 465, 587", () => {
    const [rate, concurrent] = HARDENING_PRESETS;
    expect(rate!.rateLimits).toEqual([expect.objectContaining({ ports: { from: 25, to: 25 }, protocol: "tcp", newConnections: { count: 10, seconds: 300 } })]);
    expect(concurrent!.rateLimits.map((l) => l.ports.from)).toEqual([25, 465, 587]);
  });
});

describe("Exim reverse DNS ACL", () => {
  test.each(["strict", "relaxed"] as const)("%s: accepts localhost first, then denies unverified hosts", (mode) => {
    const acl = eximReverseDnsAcl(mode);
    const lines = acl.split("\n");
    const accept = lines.findIndex((l) => l.startsWith("accept  hosts       = <; 127.0.0.1 ; ::1"));
    const deny = lines.findIndex((l) => l.startsWith("deny    message"));
    expect(accept).toBeGreaterThan(-1);
    expect(deny).toBeGreaterThan(accept);
    expect(acl).toContain("!verify     = reverse_host_lookup/defer_ok");
  });
  test("relaxed checks port 25 only; strict checks every port", () => {
    expect(eximReverseDnsAcl("relaxed")).toContain("condition   = ${if eq{$received_port}{25}{yes}{no}}");
    expect(eximReverseDnsAcl("strict")).not.toContain("received_port");
  });
});
