/**
 * One address family's sets for verify: each family's import gets only its own sets
 * from `ipset save` (the end-to-end checks are in tests/firewall/verify-iptables.test.ts).
 */
import fc from "fast-check";
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

  test("a run of one set's add lines ends where another set's begin, whatever characters the names hold", () => {
    const save = ["create chain_6 hash:net family inet6", "add chain.6 2001:db8::1", "add chain.6 2001:db8::2", "add chain_6 2001:db8::3", "add chain.6 2001:db8::4"].join("\n");
    expect(setsOfFamily(save, "IPv6", (n) => n.startsWith("chain_")).split("\n")).toEqual(["create chain_6 hash:net family inet6", "add chain_6 2001:db8::3"]);
  });

  // setsOfFamily reads by offsets and copies runs of lines; this is the line-by-line filter it replaced.
  function reference(text: string, family: "IPv4" | "IPv6", owned?: (name: string) => boolean): string {
    const want = family === "IPv6" ? "inet6" : "inet";
    const setFamily = new Map<string, string>();
    const mine = (name: string) => (owned?.(name) ?? true) && (setFamily.get(name) ?? want) === want;
    return text.split("\n").filter((line) => {
      const create = /^(?:create|-N) (\S+) (.*)$/.exec(line);
      if (create) setFamily.set(create[1] ?? "", /(?:^| )family inet6(?: |$)/.test(create[2] ?? "") ? "inet6" : "inet");
      const name = /^(?:create|add|flush|swap|destroy|-[NAFWX]) (\S+)/.exec(line)?.[1];
      return name === undefined ? owned === undefined : mine(name);
    }).join("\n");
  }

  test("the same lines as a line-by-line filter, for any mix of sets, families, repeats and stray lines", () => {
    // Names a pattern would confuse too (s.6 and sx6, chain.6 and the owned chain_6): a run of add lines is matched as one.
    const name = fc.constantFrom("s", "s6", "chain_DENY", "chain_6_DENY", "chain_DENY6", "portcullis-block4", "f2b-x", "s.6", "sx6", "a+b", "aab", "chain.6", "chain_6");
    const line = fc.oneof(
      fc.tuple(name, fc.constantFrom("", " family inet6", " family inet", " family inet6 hashsize 1024")).map(([n, f]) => `create ${n} hash:net${f}`),
      fc.tuple(name, fc.constantFrom("192.0.2.1", "2001:db8::/32", "10.0.0.0/8", "192.0.2.9 -exist", "")).map(([n, m]) => (m === "" ? `add ${n}` : `add ${n} ${m}`)),
      fc.tuple(fc.constantFrom("flush", "destroy", "-N", "-A", "swap"), name).map(([c, n]) => `${c} ${n}`),
      fc.constantFrom("", "# a comment", "COMMIT", "add  s 192.0.2.1", "adds s 1.2.3.4"),
    );
    const owners = fc.constantFrom(undefined, (n: string) => n.startsWith("chain_"), (n: string) => n.startsWith("portcullis-"));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.boolean(), fc.constantFrom("IPv4", "IPv6" as const), owners, (lines, last, family, owned) => {
        const text = lines.join("\n") + (last ? "\n" : "");
        expect(setsOfFamily(text, family, owned)).toBe(reference(text, family, owned));
      }),
      { numRuns: 3000 },
    );
  });
});
