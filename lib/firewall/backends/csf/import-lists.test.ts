import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ipv4Network, ipv6Network } from "@/tests/support/arbitrary";
import type { Finding } from "../../import/types";
import { plainEntry, readCsfList } from "./import-lists";
import { csfFamilyFiles } from "./verify-family";

/** csf.deny lines: mostly an address with or without a comment, and every other shape around them. */
const address = fc.oneof(ipv4Network, ipv6Network, fc.constantFrom("192.0.2.1", "2001:db8::1", "10.1.2.3/8", "0.0.0.0/0", "host.example"));
const line = fc.tuple(address, fc.constantFrom(
  "{a}", "{a} # Portcullis blocked, do not delete", "{a} #c", "{a}  #  two  spaces ", "{a}#glued", "{a} ", "{a}\t# tab", " {a}", "{a} junk",
  "{a} # Include in a comment", "tcp|in|d=22|s={a}", "Include /etc/csf/other.deny", "# a comment", "", "d=25|s={a} # filter",
)).map(([a, shape]) => shape.replace("{a}", a));

describe("csf lists: a canonical address, alone or with a comment", () => {
  // A leading space keeps a line off plainEntry's path: the reference is the general reading.
  const spaced = (text: string) => text.split("\n").map((l) => ` ${l}`).join("\n");

  test("reads as readCsfList's general reading of the same line", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = lines.join("\n");
        const read = (t: string) => {
          const findings: Finding[] = [];
          const file = { path: "/etc/csf/csf.deny", text: t };
          return { entries: readCsfList(file, [file], findings), findings };
        };
        expect(read(text)).toEqual(read(spaced(text)));
      }),
      { numRuns: 500 },
    );
  });

  test("falls in the family csf loads it into, as the general reading says", () => {
    const conf = { path: "/etc/csf/csf.conf", text: 'IPV6 = "1"\nTCP_IN = "22"\nTCP6_IN = "22"\n' };
    fc.assert(
      // Without empty lines, so an empty result is no line kept on either side.
      fc.property(fc.array(line.filter((l) => l !== ""), { minLength: 1, maxLength: 30 }), fc.constantFrom("IPv4", "IPv6") as fc.Arbitrary<"IPv4" | "IPv6">, (lines, family) => {
        const text = lines.join("\n");
        const kept = (t: string) => {
          const out = csfFamilyFiles([conf, { path: "/etc/csf/csf.deny", text: t }], family).find((f) => f.path.endsWith("csf.deny"))!.text;
          return out === "" ? [] : out.split("\n");
        };
        expect(kept(spaced(text))).toEqual(kept(text).map((l) => ` ${l}`));
      }),
      { numRuns: 500 },
    );
  });

  test("a line with the word Include, in its comment too, is skipped as csf skips it; another case of the word is not", () => {
    const findings: Finding[] = [];
    const file = { path: "/etc/csf/csf.deny", text: "192.0.2.7 # Include me\n192.0.2.8 # include is fine\n192.0.2.9 # Portcullis blocked\n" };
    expect(readCsfList(file, [file], findings).map((e) => (e.kind === "address" ? e.address : ""))).toEqual(["192.0.2.8", "192.0.2.9"]);
    expect(findings.map((f) => `${f.line} ${f.severity}`)).toEqual(["1 info"]);
  });

  test("is told apart from other lines", () => {
    expect(plainEntry("192.0.2.7 # Portcullis blocked, do not delete")).toEqual({ address: "192.0.2.7", comment: "Portcullis blocked, do not delete" });
    expect(plainEntry("2001:db8::/48")).toEqual({ address: "2001:db8::/48", comment: "" });
    for (const other of ["192.0.2.7 # Include me", "192.0.2.7 5.6.7.8", "192.0.2.7#c", " 192.0.2.7", "10.1.2.3/8", "tcp|in|d=22|s=192.0.2.7", "# 192.0.2.7"]) expect(plainEntry(other)).toBeNull();
  });
});
