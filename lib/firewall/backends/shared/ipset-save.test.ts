import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ImportInputError } from "../../import/types";
import { parseIpsetSave } from "./iptables-parse";

const name = fc.constantFrom("a", "b", "chain_DENY", "portcullis-block4", "x.y");
const member = fc.constantFrom("192.0.2.1", "198.51.100.0/24", "2001:db8::/48", "2001:db8::1", "10.0.0.0-10.0.0.7", "1.2.3.4#c");
const family = fc.constantFrom("inet", "inet6");

/** Lines of `ipset save` and `ipset restore` input: mostly plain add lines, and every other shape around them. */
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(name, member).map(([n, m]) => `add ${n} ${m}`) },
  { weight: 4, arbitrary: fc.tuple(name, member, fc.constantFrom("add  {n} {m}", " add {n} {m}", "add {n}\t{m}", "add {n} {m} ", "add {n} {m} timeout 300", "add {n} {m} -exist", "add {n} {m}  -exist", "add {n} {m} comment \"x y\" -exist", "add {n} {m}\u00a0-exist", "add {n}\u00a0{m}", 'add {n} "{m}"', "add {n} '{m}'", 'add {n} {m} comment "two words"', "-A {n} {m}", "add {n}")).map(([n, m, shape]) => shape.replace("{n}", n).replace("{m}", m)) },
  { weight: 3, arbitrary: fc.tuple(name, family).map(([n, f]) => `create ${n} hash:net family ${f} hashsize 1024 maxelem 65536`) },
  { weight: 2, arbitrary: fc.tuple(name, name, fc.constantFrom("flush {n}", "swap {n} {o}", "destroy {n}", "-N {n} hash:ip", "# a comment", "")).map(([n, o, shape]) => shape.replace("{n}", n).replace("{o}", o)) },
);

describe("parseIpsetSave", () => {
  // A leading space keeps a line off the fast path for `add NAME MEMBER`: the reference is the
  // tokenizing reader every other line takes.
  test("reads plain add lines as the tokenizing reader does, among spaced, quoted and optioned ones, flush, swap and destroy", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), fc.constantFrom("\n", "\r\n"), (lines, eol) => {
        const text = lines.join(eol);
        const tokenized = lines.map((l) => ` ${l}`).join(eol);
        expect(parseIpsetSave({ path: "ipset-save", text })).toEqual(parseIpsetSave({ path: "ipset-save", text: tokenized }));
      }),
      { numRuns: 2_000 },
    );
  });

  test("a line that is not ipset save output is an input error naming its line", () => {
    const read = () => parseIpsetSave({ path: "ipset-save", text: "create a hash:net\nadd a 192.0.2.1\nappend a 192.0.2.2" });
    expect(read).toThrow(ImportInputError);
    expect(read).toThrow(/ipset-save:3|line 3/);
  });
});
