/**
 * VerifySpec.blockedFromProfile is a shortcut, not a change: for each backend that sets it, the
 * rendered files (one family's, where verify splits them) read back exactly like the files rendered
 * without the blocked entries, with the (family's) blocked entries of the profile put in. Long lists are included, past
 * the points where the renderers change shape (CSF's LF_IPSET above 200 denies, APF's ipset above
 * 250 entries), as are blocked entries overlapping allowed sources and each other.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BACKEND_MODULES, renderRules } from "@/lib/firewall/backends";
import { getCatalog } from "@/lib/firewall/catalog";
import { importFirewall, type ImportFile } from "@/lib/firewall/import";
import { effectiveOfFamily, effectivePolicy, type Effective } from "@/lib/firewall/import/compare";
import { resolvePolicy } from "@/lib/firewall/policy/resolve";
import { BACKENDS, profileDocumentSchema, type Backend, type ProfileDocument } from "@/lib/firewall/policy/schema";
import { ipv4Network, ipv6Network } from "@/tests/support/arbitrary";
import { profilesFor, RUNS } from "@/tests/support/round-trip";
import { META } from "@/tests/support/samples";
import { withoutBlocked } from "./compare";

const SHORTCUT = BACKENDS.filter((b) => BACKEND_MODULES[b].verify.blockedFromProfile);

/** A generated profile, sometimes with a long blocklist appended (hosts and networks of both families). */
function withLongLists(backend: Backend): fc.Arbitrary<ProfileDocument> {
  const entry = fc.record({ address: fc.oneof(ipv4Network, ipv4Network, ipv6Network), comment: fc.constant("") });
  return fc.tuple(profilesFor(backend), fc.oneof(fc.constant([]), fc.array(entry, { minLength: 240, maxLength: 320 })))
    .map(([doc, more]) => profileDocumentSchema.parse({ ...doc, policy: { ...doc.policy, blocked: [...doc.policy.blocked, ...more] } }));
}

/** One family's rendered files read back (every file for a backend without `family`); null when that family has none. */
function familyRead(doc: ProfileDocument, family: "IPv4" | "IPv6" | "both"): Effective | null {
  const backend = doc.policy.backend;
  const files: ImportFile[] = renderRules(backend, resolvePolicy(doc, getCatalog(doc.server.panel)), META).map((f) => ({ path: f.path, text: f.content }));
  const mine = family === "both" ? files : BACKEND_MODULES[backend].verify.family!(files, family);
  if (mine.length === 0) return null;
  const result = importFirewall(backend, mine, { panel: doc.server.panel, os: doc.server.os, name: doc.server.name });
  if (!result.ok) throw new Error(result.message);
  return effectivePolicy(result.document);
}

describe("verify's blocked entries from the profile (VerifySpec.blockedFromProfile)", () => {
  test("is set only where verify renders the revision", () => {
    expect(SHORTCUT).toEqual(["firewalld", "csf", "apf"]);
    for (const b of SHORTCUT) {
      const spec = BACKEND_MODULES[b].verify;
      expect(spec.expected === "rendered" || (spec.family !== undefined && !spec.familyFromProfile)).toBe(true);
    }
  });

  test.each(SHORTCUT)("%s: each family's files read like those without blocked entries plus the profile's", (backend) => {
    const split = BACKEND_MODULES[backend].verify.family !== undefined;
    fc.assert(
      fc.property(withLongLists(backend), (doc) => {
        const all = effectivePolicy(doc);
        const families = !split ? (["both"] as const) : doc.policy.ipv6 ? (["IPv4", "IPv6"] as const) : (["IPv4"] as const);
        for (const family of families) {
          const full = familyRead(doc, family);
          const bare = familyRead(withoutBlocked(doc), family);
          expect(bare === null).toBe(full === null);
          const blocked = family === "both" ? all.blocked : effectiveOfFamily(all, family).blocked;
          if (full && bare) expect({ family, ...bare, blocked: BACKEND_MODULES[backend].verify.blockedFromProfile!(blocked) }).toEqual({ family, ...full });
        }
      }),
      { ...RUNS, numRuns: 40 },
    );
  });
});
