import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applyDelta, diffLines, packDelta, packText, unpackDelta, unpackText } from "./revision-codec";

/** A profile-like document: a long list of entries, pretty-printed as the profile format writes it. */
const documentOf = (entries: { address: string; comment: string }[]) => `${JSON.stringify({ server: { name: "web1" }, policy: { blocked: entries } }, null, 2)}\n`;
const entry = fc.record({ address: fc.ipV4(), comment: fc.oneof(fc.constant(""), fc.string({ maxLength: 12 })) });

/** One edit of the kinds a user makes: change a comment, insert, delete, move, replace everything. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant("comment" as const), at: fc.nat(), text: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), value: entry }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("move" as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), values: fc.array(entry, { maxLength: 8 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(list: { address: string; comment: string }[], e: Edit) {
  const next = list.map((x) => ({ ...x }));
  const at = next.length === 0 ? 0 : ("at" in e ? e.at : 0) % next.length;
  if (e.kind === "comment" && next[at]) next[at].comment = e.text;
  if (e.kind === "insert") next.splice(at, 0, e.value);
  if (e.kind === "delete") next.splice(at, 1);
  if (e.kind === "move" && next.length > 0) next.splice(e.to % next.length, 0, ...next.splice(at, 1));
  if (e.kind === "replace") return e.values;
  return next;
}

describe("revision deltas", () => {
  test("a sequence of edits reads back byte for byte through its chain of deltas", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), fc.array(edit, { maxLength: 12 }), (start, edits) => {
        let list = start;
        let text = documentOf(list);
        let stored = unpackText(packText(text));
        for (const e of edits) {
          list = applyEdit(list, e);
          const next = documentOf(list);
          stored = applyDelta(stored, unpackDelta(packDelta(diffLines(stored, next))));
          expect(stored).toBe(next);
          text = next;
        }
        expect(stored).toBe(text);
      }),
    );
  });

  test("any two texts, however unlike JSON, round-trip", () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      expect(applyDelta(a, diffLines(a, b))).toBe(b);
    }));
    fc.assert(
      fc.property(fc.array(fc.constantFrom("x", "y", "", "{", "},"), { maxLength: 30 }), fc.array(fc.constantFrom("x", "y", "", "{", "},"), { maxLength: 30 }), (a, b) => {
        expect(applyDelta(a.join("\n"), diffLines(a.join("\n"), b.join("\n")))).toBe(b.join("\n"));
      }),
    );
  });

  test("one comment changed in 200,000 entries is a delta of a few hundred bytes", () => {
    const list = Array.from({ length: 200_000 }, (_, i) => ({ address: `100.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, comment: "" }));
    const before = documentOf(list);
    list[123_456] = { address: list[123_456]?.address ?? "", comment: "abuse" };
    const delta = packDelta(diffLines(before, documentOf(list)));
    expect(delta.byteLength).toBeLessThan(200);
  });

  test("a delta that does not fit its base is refused, not misread", () => {
    expect(() => applyDelta("a\nb", [[1, 5]])).toThrow(/copies characters/);
  });
});
