import { describe, expect, test } from "vitest";
import { hostIn, mentionedRules, portsIn } from "./real-config-traffic";

describe("what the real-configuration comparison probes", () => {
  test.each([
    ["100.80.71.81/32", "100.80.71.81"],
    ["23.251.32.180", "23.251.32.180"],
    ["100.64.0.0/10", "100.64.0.1"],
    ["10.0.0.0-11.0.0.0", "10.0.0.1"],
    ["2001:db8:10::10", "2001:db8:10::10"],
    ["fe00::/64", "fe00::1"],
    ["0.0.0.0/0", null],
    ["::/0", null],
    ["::", null],
    ["$gw_saddr_v4", null],
  ])("a host in %s: %s", (text, host) => {
    expect(hostIn(text)).toBe(host);
  });

  test("ports: both ends of ranges, 0 left out", () => {
    expect(portsIn("0-1024")).toEqual([1024]);
    expect(portsIn("{ 25, 80, 443 }")).toEqual([25, 80, 443]);
  });

  test("iptables-save rules: -s (negated too) and --dport/--dports; comments and chain lines are not rules", () => {
    const text = "# -s 192.0.2.1 --dport 1\n:INPUT DROP [0:0]\n-A INPUT ! -s 172.19.0.0/16 -p tcp -m multiport --dports 80,8000:8010 -j ACCEPT\n-A INPUT -s 203.0.113.5/32 -p udp --dport 53 -j ACCEPT\n";
    expect(mentionedRules(text)).toEqual({ sources: ["172.19.0.0/16", "203.0.113.5/32"], ports: [80, 8000, 8010, 53] });
  });
});
