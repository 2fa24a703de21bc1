/**
 * One address family's sets for verify: each family's import gets only its own sets
 * from `ipset save` (the end-to-end checks are in tests/firewall/verify-iptables.test.ts).
 */
import { describe, expect, test } from "vitest";
import { setsOfFamily } from "./sets";

describe("one family's sets for verify", () => {
  test("each family keeps its own sets' lines (swaps and destroys too), and lines of sets it does not know", () => {
    const save = [
      "create portcullis-block4 hash:net family inet hashsize 1024 maxelem 65536",
      "create portcullis-block4-tmp hash:net family inet hashsize 1024 maxelem 65536",
      "add portcullis-block4-tmp 192.0.2.0/24",
      "swap portcullis-block4-tmp portcullis-block4",
      "destroy portcullis-block4-tmp",
      "create f2b-sshd hash:ip",
      "add f2b-sshd 198.51.100.7",
      "create portcullis-block6 hash:net family inet6 hashsize 1024 maxelem 65536",
      "add portcullis-block6 2001:db8::/32",
      "add unknown 203.0.113.1",
    ].join("\n");
    expect(setsOfFamily(save, "IPv4").split("\n")).toEqual([...save.split("\n").slice(0, 7), "add unknown 203.0.113.1"]);
    expect(setsOfFamily(save, "IPv6").split("\n")).toEqual(save.split("\n").slice(7));
  });
});
