/** CSF output checked by its syntax checker, and the checker checked against bad input. */
import { describe, expect, test } from "vitest";
import { META, SAMPLE_RULESETS } from "@/tests/support/samples";
import { lintCsfConf, lintCsfList } from "./lint";
import { CSF_MAX_SET_ENTRIES } from "./facts";
import { csfRenderer } from "./render";

const addresses = (n: number) => Array.from({ length: n }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);

const file = (files: { path: string; content: string }[], path: string) => files.find((f) => f.path === path)?.content ?? "";

describe("CSF output", () => {
  test.each(SAMPLE_RULESETS)("$id lints clean", ({ ruleSet }) => {
    const files = csfRenderer.render(ruleSet, META);
    expect(lintCsfConf(file(files, "portcullis.conf"))).toEqual([]);
    expect(lintCsfList(file(files, "portcullis.allow"))).toEqual([]);
    expect(lintCsfList(file(files, "portcullis.deny"))).toEqual([]);
  });

  test("PORTFLOOD counts N+1 hits (csf drops the Nth) and clamps at 20", () => {
    const rs = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.ruleSet;
    expect(file(csfRenderer.render(rs, META), "portcullis.conf")).toContain('PORTFLOOD = "25;tcp;11;300"');
    const big = { ...rs, rateLimits: [{ ...rs.rateLimits[0]!, newConnections: { count: 50, seconds: 60 } }] };
    expect(file(csfRenderer.render(big, META), "portcullis.conf")).toContain('PORTFLOOD = "25;tcp;20;60"');
    expect(csfRenderer.limitations(big).map((l) => l.id)).toContain("portflood-clamped");
  });

  test.each([
    [300, "65536", "8192", false],
    [70_000, "131072", "16384", false],
    [1_100_000, String(CSF_MAX_SET_ENTRIES), "131072", true],
  ])("%i blocked IPv4 entries: LF_IPSET_MAXELEM %s, LF_IPSET_HASHSIZE %s, beyond capacity: %s", (n, maxelem, hashsize, over) => {
    const rs = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.ruleSet;
    const big = { ...rs, blocked: { v4: addresses(n), v6: [] } };
    const conf = file(csfRenderer.render(big, META), "portcullis.conf");
    expect(conf).toContain(`LF_IPSET_MAXELEM = "${maxelem}"`);
    expect(conf).toContain(`LF_IPSET_HASHSIZE = "${hashsize}"`);
    expect(lintCsfConf(conf)).toEqual([]);
    expect(csfRenderer.limitations(big).some((l) => l.id === "ipset-capacity")).toBe(over);
  });

  test.each([
    [true, true, true],
    [false, true, false],
    [true, false, false],
  ])("IPv6 %s, new-connection limit %s: FASTSTART = 0 written %s (its saved rules count IPv6 per /32 after a reboot)", (ipv6, flood, written) => {
    const rs = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.ruleSet;
    const limits = flood ? rs.rateLimits : rs.rateLimits.filter((r) => !r.newConnections);
    const conf = file(csfRenderer.render({ ...rs, ipv6, rateLimits: limits }, META), "portcullis.conf");
    expect(conf.includes('FASTSTART = "0"')).toBe(written);
  });

  test("IPv6 rate limits: the per-address counting is stated as a limitation", () => {
    const rs = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.ruleSet;
    expect(csfRenderer.limitations({ ...rs, ipv6: true }).map((l) => l.id)).toContain("ipv6-limit-per-address");
    expect(csfRenderer.limitations({ ...rs, ipv6: false }).map((l) => l.id)).not.toContain("ipv6-limit-per-address");
  });

  test.each([
    ['LF_IPSET_MAXELEM = "lots"', "LF_IPSET_MAXELEM"],
    ['TCP_IN = "22,80"\nTCP_IN = "443"', "repeated"],
    ['TCP_IN = "22,80', "Invalid configuration line"],
    ['TCP_IN = "22,8x0"', "Invalid TCP_IN port"],
    ['TCP_IN = "70000"', "Invalid TCP_IN port"],
    ['PORTFLOOD = "25;tcp;21;300"', "PORTFLOOD"],
    ['CONNLIMIT = "80"', "CONNLIMIT"],
    ['tcp_in = "22"', "Invalid configuration line"],
    [' TCP_IN = "22"', "whitespace"],
  ])("csf.conf lint rejects %j", (text, message) => {
    expect(lintCsfConf(text).map((i) => i.message).join(" ")).toContain(message);
  });

  test.each([
    ["192.0.2.0/24 # Include me", "Include"],
    ["# see Include file", "Include"],
    ["192.0.2.1 extra", "comment"],
    ["tcp|in|d=22|s=bad", "address"],
    ["tcp|in|s=192.0.2.1", "port and an address"],
    ["tcp|in|d=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16|s=192.0.2.1", "ports"],
    ["127.0.0.1", "Invalid address"],
    ["192.0.2.1/24", "Invalid address"],
  ])("csf.allow lint rejects %j", (text, message) => {
    expect(lintCsfList(text).map((i) => i.message).join(" ")).toContain(message);
  });
});
