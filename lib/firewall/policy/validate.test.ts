import { describe, expect, test } from "vitest";
import { bigBlocklist } from "@/scripts/bench/lib/profiles";
import { makeProfile } from "@/tests/support/profile";
import { parseProfileDocument } from "./document";
import { profileDocumentSchema } from "./schema";
import { safeParseProfile } from "./validate";

const base = JSON.parse(JSON.stringify(makeProfile())) as { policy: { blocked: unknown[] } };
const withBlocked = (blocked: unknown[]) => ({ ...base, policy: { ...base.policy, blocked } });
const canonical = bigBlocklist(2000);

/** Lists the fast path takes, lists it leaves to the schema, and bad lists. */
const CASES: [string, unknown[]][] = [
  ["canonical entries", canonical],
  ["no comment field (defaults to empty)", canonical.map(({ address }) => ({ address }))],
  ["comment with spaces around (trimmed)", [{ address: "192.0.2.0/24", comment: "  abuse  " }]],
  ["non-canonical addresses (normalised)", [{ address: "192.0.2.1/32", comment: "" }, { address: "2001:DB8:0::1", comment: "" }, { address: " 198.51.100.7", comment: "" }]],
  ["a bad address among good ones", [...canonical.slice(0, 5), { address: "192.0.2.1/24", comment: "" }, { address: "2001:db8::/0", comment: "" }]],
  ["an unknown field", [{ address: "192.0.2.1", comment: "", note: "x" }]],
  ["a comment that is too long or has unsafe characters", [{ address: "192.0.2.1", comment: "x".repeat(101) }, { address: "192.0.2.2", comment: "a`b" }]],
  ["wrong types", [null, "192.0.2.1", { address: 7 }, { address: "192.0.2.1", comment: 5 }, []]],
  ["an empty list", []],
];

describe("safeParseProfile", () => {
  test.each(CASES)("%s: same result and issues as the schema", (_name, blocked) => {
    const input = withBlocked(blocked);
    expect(safeParseProfile(input)).toEqual(profileDocumentSchema.safeParse(input));
  });

  test("a bad blocked address is still named with its path and a clear message", () => {
    const r = parseProfileDocument(JSON.stringify(withBlocked([...canonical.slice(0, 3), { address: "203.0.113.9/24" }])));
    expect(r).toEqual({ ok: false, issues: [{ path: "policy.blocked[3].address", message: '"203.0.113.9/24" has host bits set; the network is 203.0.113.0/24.' }] });
  });

  test("more than 200,000 entries is refused as before", () => {
    const r = parseProfileDocument(withBlocked(Array.from({ length: 200_001 }, () => ({ address: "192.0.2.1" }))));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path: "policy.blocked", message: "At most 200,000 blocked entries." });
  });
});
