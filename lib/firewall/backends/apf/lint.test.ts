/** APF output checked by its syntax checker, and the checker checked against bad input. */
import { describe, expect, test } from "vitest";
import { META, SAMPLE_RULESETS } from "@/tests/support/samples";
import { lintApfConf, lintApfTrust } from "./lint";
import { apfRenderer } from "./render";

const file = (files: { path: string; content: string }[], path: string) => files.find((f) => f.path === path)?.content ?? "";

describe("APF output", () => {
  test.each(SAMPLE_RULESETS)("$id lints clean", ({ ruleSet }) => {
    const files = apfRenderer.render(ruleSet, META);
    expect(lintApfConf(file(files, "conf.apf.portcullis"))).toEqual([]);
    expect(lintApfTrust(file(files, "allow_hosts.rules"))).toEqual([]);
    expect(lintApfTrust(file(files, "deny_hosts.rules"))).toEqual([]);
  });

  test.each([
    ['IG_TCP_CPORTS="22,$(reboot)"', "only digits"],
    ['IG_TCP_CPORTS="22`id`"', "only digits"],
    ['IG_TCP_CPORTS="22"\nIG_TCP_CPORTS="80"', "Repeated"],
    ['IG_TCP_CPORTS="0"', "invalid port"],
    ['EGF="yes"', "0 or 1"],
    ['IG_TCP_CLIMIT="80"', "port:limit"],
    ["IG_TCP_CPORTS=22", "KEY="],
  ])("conf.apf lint rejects %j", (text, message) => {
    expect(lintApfConf(text).map((i) => i.message).join(" ")).toContain(message);
  });

  test.each([
    ["192.0.2.1 # blocked", "no whitespace"],
    ["tcp:in:d=22:s=2001:db8::/32", "address"],
    ["tcp:in:d=22_21:s=192.0.2.1", "port"],
    ["example.com;reboot", "Not an address"],
  ])("trust lint rejects %j", (text, message) => {
    expect(lintApfTrust(text).map((i) => i.message).join(" ")).toContain(message);
  });
});
