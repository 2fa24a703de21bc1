/** The sample profiles resolved through the real catalogs, with a fixed render meta for goldens. */
import { getCatalog } from "@/lib/firewall/catalog";
import { resolvePolicy, type RuleSet } from "@/lib/firewall/policy/resolve";
import type { ProfileDocument } from "@/lib/firewall/policy/schema";
import type { RenderMeta } from "@/lib/firewall/backends/types";
import { SAMPLES } from "@/tests/support/sample-profiles";

export const META: RenderMeta = { generatedAt: "2026-11-22T12:00:00Z", productVersion: "0.1.0-test", warnings: [] };

export function ruleSetOf(document: ProfileDocument): RuleSet {
  return resolvePolicy(document, getCatalog(document.server.panel));
}

export const SAMPLE_RULESETS: { id: string; document: ProfileDocument; ruleSet: RuleSet }[] = SAMPLES.map((s) => ({
  id: s.id,
  document: s.document,
  ruleSet: ruleSetOf(s.document),
}));
